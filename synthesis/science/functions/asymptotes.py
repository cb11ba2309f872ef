"""functions.asymptotes: a rational function P/Q with its asymptotes drawn dashed and
labelled: vertical x = c at the zeros of Q (P(c) ≠ 0, so none is removable), and
horizontal y = 0 (deg P < deg Q), y = lc(P)/lc(Q) (equal degrees) or oblique
y = m·x + b (deg P = deg Q + 1, the quotient of P by Q). The y range is clipped to
where the function's shape is, so the branches near the poles do not squash it.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.functions.plot import fit_legend, fit_width, frame, pick_colors, place_text
from synthesis.science.functions.problems import X, canonical
from synthesis.science.functions.prompts import line_latex, line_text, number, pretty
from synthesis.science.render import figure, finish, mathtext
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

KINDS = ("zero", "horizontal", "oblique")  # the asymptote at infinity: y = 0, y = c, y = m·x + b
SEGMENT = 500  # samples per branch between poles
MAX_TRIES = 16

EN = (
    "Plot the rational function f(x) = {f} for x in [{lo}, {hi}] and draw all of its asymptotes as dashed lines "
    "labelled with their equations.",
    "Graph y = {f} on [{lo}, {hi}]; add its vertical and {far} asymptotes, dashed, each with its equation.",
    "Sketch f(x) = {f} over [{lo}, {hi}] with every asymptote drawn dashed and annotated, keeping the y range "
    "readable.",
)
ZH = (
    "在 [{lo}, {hi}] 上画出有理函数 f(x) = {f} 的图像，并用虚线画出它的所有渐近线，标注其方程。",
    "绘制 y = {f}（x ∈ [{lo}, {hi}]）的图像，画出其竖直渐近线和{far_zh}渐近线（虚线），并写出各自的方程。",
    "画出 f(x) = {f} 在 [{lo}, {hi}] 上的图像，用虚线画出每条渐近线并标注方程，纵轴范围保持清晰可读。",
)


def _poly(rng: np.random.Generator, degree: int) -> sp.Expr:
    coeffs = [int(c) for c in rng.integers(-3, 4, degree + 1)]
    if coeffs[0] == 0:
        coeffs[0] = int(rng.choice([-2, -1, 1, 2]))
    return sp.Add(*(c * X ** (degree - i) for i, c in enumerate(coeffs)))


def _sample(rng: np.random.Generator, kind: str) -> tuple[sp.Expr, list[int]]:
    """(f, the poles)."""
    poles = sorted(int(c) for c in rng.choice(np.arange(-3, 4), int(rng.integers(1, 3)), replace=False))
    q = sp.Mul(*(X - c for c in poles))
    degree = {"zero": int(rng.integers(0, len(poles))), "horizontal": len(poles), "oblique": len(poles) + 1}[kind]
    while True:
        p = _poly(rng, degree)
        if all(p.subs(X, c) != 0 for c in poles):  # no common factor: every pole is a true asymptote
            break
    scale = int(rng.choice([1, 1, 2]))
    if sp.Poly(p, X).content() % scale == 0:  # 2·(…)/(2·…) would cancel: keep the fraction reduced
        scale = 1
    return p / (scale * q), poles


def asymptotes(f: sp.Expr) -> tuple[list[sp.Expr], sp.Expr | None, tuple[sp.Expr, sp.Expr] | None]:
    """(vertical x = c, horizontal y = h or None, oblique (m, b) or None) by polynomial division."""
    p, q = sp.fraction(sp.together(f))
    p, q = sp.Poly(p, X), sp.Poly(q, X)
    vertical = sorted({r for r in q.real_roots() if p.eval(r) != 0}, key=float)
    if p.degree() < q.degree():
        return vertical, sp.Integer(0), None
    if p.degree() == q.degree():
        return vertical, p.LC() / q.LC(), None
    quotient, _ = sp.div(p, q)
    if quotient.degree() != 1:
        raise ValueError(f"{f}: no linear asymptote")
    m, b = quotient.all_coeffs()
    return vertical, None, (m, b)


def _branches(f: sp.Expr, lo: float, hi: float, poles: list[float]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Samples of f on each branch between the poles, denser towards them."""
    fn = sp.lambdify(X, f, "numpy")
    ends = [lo, *poles, hi]
    out = []
    for u, v in zip(ends, ends[1:]):
        gap = 1e-3 * (hi - lo)
        left, right = u + (gap if u in poles else 0.0), v - (gap if v in poles else 0.0)
        t = np.linspace(0.0, 1.0, SEGMENT)
        t = (1 - np.cos(np.pi * t)) / 2  # Chebyshev-like spacing: fine near both ends
        xs = left + (right - left) * t
        with np.errstate(all="ignore"):
            ys = np.asarray(fn(xs), dtype=float)
        out.append((xs, np.clip(ys, -1e6, 1e6)))
    return out


def _y_limits(branches, lo: float, hi: float, poles: list[float], far) -> tuple[float, float, bool]:
    """(low, high, readable): where the shape is. f at least 0.6 from every pole (3rd to
    97th percentile), the point of each branch nearest the x-axis (a branch squeezed
    between close poles still shows its turn) and the far asymptote at both ends, padded.
    Not readable when those points stretch the range to over 2.5 times what the rest
    of f needs: the other branches would be squashed flat."""
    away, must = [], [far(lo), far(hi)]
    for xs, ys in branches:
        near = np.zeros_like(xs, dtype=bool)
        for c in poles:
            near |= np.abs(xs - c) < 0.6
        away.append(ys[~near])
        must.append(float(ys[np.nanargmin(np.abs(ys))]))
    away = np.concatenate(away)
    away = away[np.isfinite(away)]
    low, high = np.percentile(away, [3, 97]) if len(away) else (min(must), max(must))
    base = max(high - low, 4.0)
    low, high = min(low, *must), max(high, *must)
    span = max(high - low, 4.0)
    mid = (low + high) / 2
    return float(mid - 0.75 * span), float(mid + 0.75 * span), span <= 2.5 * base


class AsymptotesTemplate(ScienceTemplate):
    name = "functions.asymptotes"
    family = "functions"
    subject = "Math"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            kind = KINDS[int(rng.integers(len(KINDS)))]
            f, poles = _sample(rng, kind)
            f = canonical(f)
            vertical, horizontal, oblique = asymptotes(f)
            lo = sp.Integer(poles[0] - int(rng.integers(3, 6)))
            hi = sp.Integer(poles[-1] + int(rng.integers(3, 6)))
            m, b = oblique if oblique else (sp.Integer(0), horizontal)
            mf, bf = float(m), float(b)

            def far(x, mf=mf, bf=bf):
                return mf * x + bf

            vfloats = [round(float(c), 6) for c in vertical]
            branches = _branches(f, float(lo), float(hi), vfloats)
            *ylim, readable = _y_limits(branches, float(lo), float(hi), vfloats, far)
            if readable:
                break
        else:
            raise RuntimeError("no rational function that reads well in one y range")
        equations = [f"x = {pretty(c)}" for c in vertical] + [line_text(m, b)]
        colors, names = pick_colors(rng, ctx.theme.palette, ("f", "asymptote"))
        ylim = [round(v, 2) for v in ylim]
        render = {"colors": colors, "grid": bool(rng.random() < 0.5), "ylim": ylim}
        span = ylim[1] - ylim[0]
        width = float(hi - lo)
        with figure(ctx) as fig:
            ax = fig.add_subplot()
            frame(ctx, ax, render, lo, hi)
            for i, (xs, ys) in enumerate(branches):
                ax.plot(xs, ys, color=colors["f"], lw=2.2, label="$f(x)$" if i == 0 else None, zorder=3)
            dash = {"color": colors["asymptote"], "lw": 1.4, "ls": (0, (5, 4)), "zorder": 2}
            for i, c in enumerate(vfloats):
                ax.axvline(c, label="asymptote" if i == 0 else None, **dash)
            xs_line = np.linspace(float(lo), float(hi), 200)
            ax.plot(xs_line, far(xs_line), **dash)
            ax.set_ylim(*ylim)
            title = ax.set_title(f"$f(x) = {mathtext(f)}$")
            fit_legend(fig, 2)
            fit_width(fig, [title])
            fig.draw_without_rendering()
            avoid = np.concatenate([np.c_[xs, ys] for xs, ys in branches])
            taken: list = []
            style = {"color": colors["asymptote"], "fontsize": 11, "zorder": 5,
                     "bbox": {"boxstyle": "round,pad=0.2", "facecolor": ctx.theme.paper, "edgecolor": "none",
                              "alpha": 0.85}}
            dx, dy = 0.012 * width, 0.02 * span
            for c in vertical:
                spots = [{"x": float(c) + sx * dx, "y": y, "ha": "left" if sx > 0 else "right", "va": va,
                          "rotation": 90}
                         for y, va in ((ylim[1] - dy, "top"), (ylim[0] + dy, "bottom"))
                         for sx in (1, -1)]
                place_text(fig, ax, f"$x = {mathtext(c)}$", spots, avoid, taken, **style)
            spots = []
            for frac in (0.97, 0.03, 0.75, 0.25, 0.5):
                x = float(lo) + frac * width
                ha = "right" if frac > 0.6 else ("left" if frac < 0.4 else "center")
                spots += [{"x": x, "y": far(x) + dy, "ha": ha, "va": "bottom"},
                          {"x": x, "y": far(x) - dy, "ha": ha, "va": "top"}]
            place_text(fig, ax, f"${line_latex(m, b)}$", spots, avoid, taken, **style)
            drawing = finish(fig)

        values = {"f": pretty(f), "lo": pretty(lo), "hi": pretty(hi),
                  "far": "oblique" if oblique else "horizontal", "far_zh": "斜" if oblique else "水平"}
        p, q = sp.fraction(sp.together(f))
        if oblique:
            far_step = (f"3. deg P = deg Q + 1, so divide: P(x) = Q(x)·({pretty(m * X + b)}) + remainder, and the "
                        f"remainder over Q tends to 0; the oblique asymptote is {line_text(m, b)}.")
        elif kind == "horizontal":
            far_step = (f"3. deg P = deg Q, so f tends to the ratio of leading coefficients as x → ±∞: "
                        f"{line_text(m, b)}.")
        else:
            far_step = "3. deg P < deg Q, so f → 0 as x → ±∞: the horizontal asymptote is y = 0."
        cot = " ".join([
            f"1. Write f = P/Q with P(x) = {pretty(p)} and Q(x) = {pretty(q)}.",
            "2. Vertical asymptotes at the zeros of Q where P does not vanish: "
            + ", ".join(f"x = {pretty(c)} (P({pretty(c)}) = {pretty(sp.Poly(p, X).eval(c))} ≠ 0)" for c in vertical)
            + ".",
            far_step,
            f"4. Draw f as a solid {names['f']} curve, one branch between each pair of poles, the asymptotes as "
            f"dashed {names['asymptote']} lines labelled " + ", ".join(equations)
            + f", and clip y to [{number(ylim[0])}, {number(ylim[1])}] so the branches near the poles do not "
            f"flatten the rest.",
        ])
        explicit = (
            f"Plot y = {values['f']} for x from {values['lo']} to {values['hi']} as a solid {names['f']} curve "
            f"(y clipped to [{number(ylim[0])}, {number(ylim[1])}]), with dashed {names['asymptote']} asymptotes "
            + ", ".join(equations) + ", each labelled with its equation."
        )
        return ScienceItem(
            instruction=EN[int(rng.integers(len(EN)))].format(**values),
            instruction_explicit=explicit,
            instruction_zh=ZH[int(rng.integers(len(ZH)))].format(**values),
            cot=cot,
            answer={
                "vertical": vfloats,
                "horizontal": None if oblique else round(float(horizontal), 6),
                "oblique": [round(mf, 6), round(bf, 6)] if oblique else None,
                "vertical_exact": [str(c) for c in vertical],
                "horizontal_exact": None if oblique else str(horizontal),
                "oblique_exact": [str(m), str(b)] if oblique else None,
                "equations": equations,
            },
            problem={"kind": kind, "f": str(f), "f_srepr": sp.srepr(f), "variable": "x",
                     "interval": [str(lo), str(hi)]},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty={"zero": "easy", "horizontal": "medium", "oblique": "hard"}[kind],
            labels={"texts": drawing.texts},
            render=render,
        )
