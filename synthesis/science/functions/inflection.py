"""functions.inflection: f above, f″ below on the same x axis, and the inflection points
of f marked: the zeros of f″ where it changes sign (a zero without a sign change, like
that of x⁴ at 0, is not one).

Families with exact inflection points: cubic and quartic polynomials, A·sin(w·x),
A·x·e^(-x/s), a Gaussian bump and a logistic curve.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.functions.calculus import real_zeros, sign_changes
from synthesis.science.functions.plot import (
    curve, fit_legend, fit_width, frame, pick_colors, pixels, place_note, y_limits,
)
from synthesis.science.functions.problems import X, canonical
from synthesis.science.functions.prompts import a as article
from synthesis.science.functions.prompts import approx, number, pretty
from synthesis.science.render import figure, finish, mathtext
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

KINDS = ("polynomial", "sine", "x_exp", "gaussian", "logistic")
EDGE = 0.03  # an inflection point this close (share of the width) to an end is resampled
MAX_TRIES = 12

EN = (
    "Plot f(x) = {f} and its second derivative on [{lo}, {hi}], and mark the inflection points of f.",
    "Draw y = {f} for x in [{lo}, {hi}] with f″(x) in a panel below it; mark every point where f changes concavity.",
    "Find and mark the inflection points of f(x) = {f} on [{lo}, {hi}], showing f and f″ on a shared x axis.",
)
ZH = (
    "在 [{lo}, {hi}] 上画出 f(x) = {f} 及其二阶导数的图像，并标出 f 的拐点。",
    "绘制 y = {f}（x ∈ [{lo}, {hi}]），并在其下方画出 f″(x)；标出 f 的凹凸性发生改变的所有点。",
    "求出并标出 f(x) = {f} 在 [{lo}, {hi}] 上的拐点，用共享 x 轴的两幅图分别展示 f 与 f″。",
)


def _sample(rng: np.random.Generator, kind: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(f, lo, hi)."""
    amp = int(rng.choice([-3, -2, -1, 1, 2, 3]))
    if kind == "polynomial":
        degree = int(rng.integers(3, 5))
        coeffs = [int(c) for c in rng.integers(-3, 4, degree + 1)]
        coeffs[0] = int(rng.choice([-1, 1])) * int(rng.integers(1, 3))
        half = int(rng.integers(2, 4))
        return sp.Add(*(c * X ** (degree - i) for i, c in enumerate(coeffs))), sp.Integer(-half), sp.Integer(half)
    if kind == "sine":
        w = int(rng.choice([1, 1, 2]))
        unit = sp.pi / (2 * w)  # ends at extrema, so the zeros k·π/w of f″ sit well inside
        return amp * sp.sin(w * X), -(2 * int(rng.integers(0, 2)) + 1) * unit, (2 * int(rng.integers(1, 3)) + 1) * unit
    if kind == "x_exp":
        s = int(rng.choice([1, 2]))
        lo, hi = -int(rng.integers(0, 2)), 4 * s + int(rng.integers(0, 3))
        return amp * X * sp.exp(-X / s), sp.Integer(lo), sp.Integer(hi)
    if kind == "gaussian":
        s, mu = int(rng.choice([1, 2])), int(rng.integers(-1, 2))
        return amp * sp.exp(-(X - mu) ** 2 / (2 * s**2)), sp.Integer(mu - 3 * s), sp.Integer(mu + 3 * s)
    if kind == "logistic":
        w, mu = int(rng.choice([1, 2])), int(rng.integers(-1, 2))
        return amp / (1 + sp.exp(-w * (X - mu))), sp.Integer(mu - 6 // w), sp.Integer(mu + 6 // w)
    raise ValueError(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")


def inflections(f: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> tuple[sp.Expr, str, list[sp.Expr], list[sp.Expr]]:
    """(f″, method, zeros of f″ in [lo, hi], those where f″ changes sign)."""
    d2f = sp.simplify(sp.diff(f, X, 2))
    method, zeros = real_zeros(d2f, lo, hi)
    changes = sign_changes(d2f, zeros, lo, hi)
    return d2f, method, zeros, [z for z, c in zip(zeros, changes) if c]


def concavity(d2f: sp.Expr, points: list[sp.Expr], lo: sp.Expr, hi: sp.Expr) -> list[str]:
    """'up' or 'down' on each piece of [lo, hi] cut at the inflection points."""
    ends = [float(lo)] + [float(sp.N(p, 30)) for p in points] + [float(hi)]
    signs = [float(d2f.subs(X, sp.Float((u + v) / 2, 30)).evalf(30)) for u, v in zip(ends, ends[1:])]
    return ["up" if s > 0 else "down" for s in signs]


def _exact_y(f: sp.Expr, r: sp.Expr) -> sp.Expr:
    y = f.subs(X, r)
    return y.evalf(30) if isinstance(r, sp.Float) else sp.simplify(y)


class InflectionTemplate(ScienceTemplate):
    name = "functions.inflection"
    family = "functions"
    subject = "Math"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            kind = KINDS[int(rng.integers(len(KINDS)))]
            f, lo, hi = _sample(rng, kind)
            f = canonical(f)
            d2f, method, zeros, points = inflections(f, lo, hi)
            width = float(hi - lo)
            near_end = any(min(abs(float(z) - float(lo)), abs(float(hi) - float(z))) < EDGE * width for z in zeros)
            if points and not near_end:
                break
        else:
            raise RuntimeError("no function with an inflection point inside its interval")
        ys_exact = [_exact_y(f, p) for p in points]
        floats = [[round(float(sp.N(p, 30)), 6), round(float(sp.N(y, 30)), 6)] for p, y in zip(points, ys_exact)]
        shape = concavity(d2f, points, lo, hi)

        colors, names = pick_colors(rng, ctx.theme.palette, ("f", "d2f", "points"))
        render = {"colors": colors, "grid": bool(rng.random() < 0.6), "pi_ticks": kind == "sine",
                  "height_ratios": [3, 2]}
        xs, ys = curve(f, lo, hi)
        _, d2ys = curve(d2f, lo, hi)
        px = np.array([p[0] for p in floats])
        py = np.array([p[1] for p in floats])
        with figure(ctx) as fig:
            top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=render["height_ratios"])
            frame(ctx, top, render, lo, hi, xlabel=False)
            frame(ctx, bottom, render, lo, hi)
            bottom.set_ylabel("$f''(x)$")
            top.plot(xs, ys, color=colors["f"], lw=2.2, label="$f(x)$", zorder=3)
            bottom.plot(xs, d2ys, color=colors["d2f"], lw=1.8, ls="--", label="$f''(x)$", zorder=3)
            bottom.fill_between(xs, d2ys, 0.0, where=d2ys >= 0, interpolate=True, color=colors["d2f"], alpha=0.18,
                                lw=0, zorder=2, label="$f'' > 0$: concave up")
            bottom.fill_between(xs, d2ys, 0.0, where=d2ys <= 0, interpolate=True, color=colors["d2f"], alpha=0.18,
                                lw=0, hatch="//", zorder=2, label="$f'' < 0$: concave down")
            top.set_ylim(*y_limits(ys))
            bottom.set_ylim(*y_limits(d2ys))
            for ax in (top, bottom):
                ax.vlines(px, *ax.get_ylim(), colors=colors["points"], lw=0.9, ls=":", zorder=2)
            top.scatter(px, py, s=50, color=colors["points"], zorder=4, label="inflection point")
            bottom.scatter(px, np.zeros_like(px), s=30, facecolors=ctx.theme.paper, edgecolors=colors["points"],
                           zorder=4)
            title = top.set_title(f"$f(x) = {mathtext(f)}$")
            fit_legend(fig, 3)
            fit_width(fig, [title])
            lines = [f"$x = {mathtext(p)}$" + ("" if mathtext(p) == number(x) else f" $\\approx {number(x)}$")
                     for p, (x, _) in zip(points, floats)]
            place_note(fig, top, "inflection at\n" + "\n".join(lines), [np.c_[xs, ys]], marks=np.c_[px, py],
                       color=colors["points"], ink=ctx.theme.ink, paper=ctx.theme.paper, fontsize=11)
            drawing = finish(fig)
            marks = pixels(top, drawing.height, floats)

        values = {"f": pretty(f), "lo": pretty(lo), "hi": pretty(hi)}
        how = {"real_roots": "f″ is a polynomial, so its real roots are exact",
               "solveset": "solved symbolically on the interval",
               "numeric": "bracketed by sign changes and refined numerically"}[method]
        rejected = [z for z in zeros if z not in points]
        pieces = [float(lo)] + [x for x, _ in floats] + [float(hi)]
        cot = " ".join([
            f"1. Differentiate twice: f′(x) = {pretty(sp.diff(f, X))}, f″(x) = {pretty(d2f)}.",
            f"2. Solve f″(x) = 0 on [{values['lo']}, {values['hi']}] ({how}): "
            + ", ".join(f"x = {approx(z)}" for z in zeros) + ".",
            "3. Keep the zeros where f″ changes sign"
            + (f" (at {', '.join(approx(z) for z in rejected)} it does not, so that is no inflection point)"
               if rejected else "")
            + ": concavity on the pieces "
            + ", ".join(f"({number(u)}, {number(v)}) {s}" for u, v, s in zip(pieces, pieces[1:], shape)) + ".",
            "4. Inflection points: " + "; ".join(f"({approx(p)}, {approx(y)})" for p, y in zip(points, ys_exact)) + ".",
            f"5. Draw f as a solid {names['f']} curve on top and f″ dashed {names['d2f']} below with its sign shaded, "
            f"and mark each inflection point with {article(names['points'])} dot on f and a ring at the zero of f″.",
        ])
        explicit = (
            f"Top panel: y = {values['f']} for x from {values['lo']} to {values['hi']}, solid {names['f']}. Bottom "
            f"panel, same x axis: y = f″(x) = {pretty(d2f)}, dashed {names['d2f']}, shaded where positive (concave up) "
            f"and hatched where negative (concave down). Mark the inflection points "
            + "; ".join(f"({x:g}, {y:g})" for x, y in floats)
            + f" with {names['points']} dots and dotted vertical lines through both panels."
        )
        return ScienceItem(
            instruction=EN[int(rng.integers(len(EN)))].format(**values),
            instruction_explicit=explicit,
            instruction_zh=ZH[int(rng.integers(len(ZH)))].format(**values),
            cot=cot,
            answer={
                "count": len(floats),
                "inflection_points": floats,
                "concavity": shape,
                "inflection_points_exact": [[str(p), str(y)] for p, y in zip(points, ys_exact)],
                "d2f": str(d2f),
                "method": method,
            },
            problem={"kind": kind, "f": str(f), "f_srepr": sp.srepr(f), "variable": "x",
                     "interval": [str(lo), str(hi)]},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if kind == "polynomial" and len(points) == 1 else (
                "hard" if rejected or len(points) > 2 else "medium"),
            labels={"texts": drawing.texts,
                    "objects": [{"label": "inflection point", "data": xy, "point": pt}
                                for xy, pt in zip(floats, marks)]},
            render=render,
        )
