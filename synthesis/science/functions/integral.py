"""functions.integral_area: shade the region between f and the x-axis on [a, b], the
parts above and below the axis in different colours, and annotate the exact definite
integral (signed) and the total (unsigned) area.

f is chosen so that its zeros, and so the split of [a, b] into signed pieces, are exact:
polynomials built from integer roots, A·sin(w·x), A·x·sin(x), A·x·e^(-x).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from synthesis.science.functions.calculus import real_zeros
from synthesis.science.functions.plot import (
    curve, fit_legend, fit_width, frame, pick_colors, pixels, place_note, y_limits,
)
from synthesis.science.functions.problems import X, canonical
from synthesis.science.functions.prompts import approx, number, pretty
from synthesis.science.render import figure, finish, mathtext
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

KINDS = ("polynomial", "sine", "x_sin", "x_exp")
TRIG = ("sine", "x_sin")
MIXED = 0.85  # share of problems whose region has parts above and below the axis
MAX_TRIES = 12

EN = (
    "Shade the region between the graph of f(x) = {f} and the x-axis for x in [{a}, {b}], using one colour "
    "above the axis and another below it, and annotate the definite integral and the total area.",
    "Plot y = {f}, shade the area it encloses with the x-axis between x = {a} and x = {b} (positive and negative "
    "parts in different shades), and write ∫ f(x) dx over [{a}, {b}] and the total area on the chart.",
    "Illustrate the definite integral of {f} from {a} to {b}: draw the curve, fill the signed regions between it "
    "and the x-axis in two colours, and label the integral's value and the unsigned area.",
)
ZH = (
    "画出 f(x) = {f} 的图像，用两种颜色分别填充 x ∈ [{a}, {b}] 上曲线与 x 轴之间位于 x 轴上方和下方的区域，并标注定积分的值和总面积。",
    "绘制 y = {f}，在 x = {a} 到 x = {b} 之间给曲线与 x 轴围成的区域着色（正负部分用不同颜色），并在图中写出定积分与总面积。",
    "用图像说明 {f} 从 {a} 到 {b} 的定积分：画出曲线，用两种颜色填充曲线与 x 轴之间的有向区域，并标出积分值和（不计符号的）总面积。",
)


@dataclass(frozen=True)
class Area:
    roots: list[sp.Expr]  # zeros of f strictly inside (a, b)
    antiderivative: sp.Expr
    pieces: list[sp.Expr]  # ∫ over [a, r1], [r1, r2], ..., [rk, b], exact
    integral: sp.Expr
    positive: sp.Expr
    negative: sp.Expr  # the unsigned size of the parts below the axis
    area: sp.Expr


def _sample(rng: np.random.Generator, kind: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(f, a, b)."""
    if kind == "polynomial":
        roots = sorted(int(r) for r in rng.choice(np.arange(-3, 4), int(rng.integers(1, 4)), replace=False))
        c = sp.Rational(int(rng.choice([-2, -1, 1, 2])), int(rng.choice([1, 2, 2])))
        f = c * sp.Mul(*(X - r for r in roots))
        a = roots[0] - int(rng.integers(0, 2)) - (1 if len(roots) == 1 else 0)
        b = roots[-1] + int(rng.integers(0, 2)) + (1 if len(roots) == 1 else 0)
        return f, sp.Integer(a), sp.Integer(b)
    amp = int(rng.choice([-3, -2, -1, 1, 2, 3]))
    if kind == "sine":
        w = int(rng.choice([1, 1, 2]))
        unit = sp.pi / (2 * w)
        a = int(rng.integers(-2, 2)) * unit
        return amp * sp.sin(w * X), a, a + int(rng.integers(2, 7)) * unit
    if kind == "x_sin":
        a = int(rng.integers(-2, 1)) * sp.pi / 2
        return amp * X * sp.sin(X), a, a + int(rng.integers(2, 6)) * sp.pi / 2
    if kind == "x_exp":
        return amp * X * sp.exp(-X), sp.Integer(-int(rng.integers(0, 2))), sp.Integer(int(rng.integers(2, 6)))
    raise ValueError(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")


def signed_area(f: sp.Expr, a: sp.Expr, b: sp.Expr) -> Area:
    method, zeros = real_zeros(f, a, b)
    if method == "numeric":
        raise ValueError(f"no exact zeros for {f}")
    roots = [r for r in zeros if bool(a < r) and bool(r < b)]
    F = sp.integrate(f, X)
    ends = [a, *roots, b]
    pieces = [sp.simplify(F.subs(X, hi) - F.subs(X, lo)) for lo, hi in zip(ends, ends[1:])]
    positive = sp.simplify(sp.Add(*(p for p in pieces if float(p) > 0)))
    negative = sp.simplify(-sp.Add(*(p for p in pieces if float(p) < 0)))
    return Area(roots, F, pieces, sp.simplify(F.subs(X, b) - F.subs(X, a)), positive, negative,
                sp.simplify(positive + negative))


def _region_centres(xs: np.ndarray, ys: np.ndarray, area: Area) -> list[tuple[str, list[float]]]:
    """A point well inside each shaded colour: half-way up where |f| is largest."""
    out = []
    for sign, present in (("positive", area.positive != 0), ("negative", area.negative != 0)):
        if present:
            i = int(np.nanargmax(ys if sign == "positive" else -ys))
            out.append((sign, [round(float(xs[i]), 6), round(float(ys[i]) / 2, 6)]))
    return out


def _value(expr: sp.Expr) -> str:
    """mathtext: exact, and its decimal when the exact form is not already one."""
    text = mathtext(expr)
    value = number(float(sp.N(expr, 30)))
    if text == value:
        return text
    return f"{text} = {value}" if expr.is_Rational and sp.Rational(value) == expr else f"{text} \\approx {value}"


class IntegralAreaTemplate(ScienceTemplate):
    name = "functions.integral_area"
    family = "functions"
    subject = "Math"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        kind = KINDS[int(rng.integers(len(KINDS)))]
        mixed = rng.random() < MIXED  # most pictures show both signs
        for _ in range(MAX_TRIES):
            f, a, b = _sample(rng, kind)
            f = canonical(f)
            area = signed_area(f, a, b)
            if (area.positive != 0 and area.negative != 0) == mixed:
                break
        pad = (b - a) / 8
        lo, hi = a - pad, b + pad
        xs, ys = curve(f, lo, hi)
        inside = (xs >= float(a)) & (xs <= float(b))
        ylim = y_limits(ys[inside], np.zeros(1), pad=0.18)
        fa, fb = curve(f, a, b, 600)
        floats = {k: round(float(sp.N(v, 30)), 6) for k, v in
                  (("integral", area.integral), ("area", area.area), ("positive_area", area.positive),
                   ("negative_area", area.negative))}
        roots = [round(float(sp.N(r, 30)), 6) for r in area.roots]

        colors, names = pick_colors(rng, ctx.theme.palette, ("f", "positive", "negative"))
        render = {"colors": colors, "grid": bool(rng.random() < 0.5), "pi_ticks": kind in TRIG,
                  "ylim": [round(v, 6) for v in ylim], "alpha": 0.35}
        with figure(ctx) as fig:
            ax = fig.add_subplot()
            frame(ctx, ax, render, lo, hi)
            ax.plot(xs, ys, color=colors["f"], lw=2.2, label="$f(x)$", zorder=3)
            if area.positive != 0:
                ax.fill_between(fa, fb, 0.0, where=fb >= 0, interpolate=True, color=colors["positive"],
                                alpha=render["alpha"], lw=0, label="above the x-axis (+)", zorder=2)
            if area.negative != 0:
                ax.fill_between(fa, fb, 0.0, where=fb <= 0, interpolate=True, color=colors["negative"],
                                alpha=render["alpha"], lw=0, hatch="//", label="below the x-axis (−)", zorder=2)
            for end in (a, b):
                ax.axvline(float(end), color=ctx.theme.ink, lw=0.9, ls=":", zorder=2)
            ax.set_ylim(*ylim)
            for end, name in ((a, "a"), (b, "b")):
                ax.text(float(end), ylim[0] + 0.03 * (ylim[1] - ylim[0]), f"${name} = {mathtext(end)}$",
                        ha="center", va="bottom", fontsize=10, zorder=5,
                        bbox={"boxstyle": "round,pad=0.2", "facecolor": ctx.theme.paper, "edgecolor": "none",
                              "alpha": 0.85})
            title = ax.set_title(f"$f(x) = {mathtext(f)}$")
            fit_legend(fig, 3)
            fit_width(fig, [title])
            note = (f"$\\int_{{{mathtext(a)}}}^{{{mathtext(b)}}} f(x)\\,dx = {_value(area.integral)}$\n"
                    f"area $= {_value(area.area)}$")
            place_note(fig, ax, note, [np.c_[xs, ys], np.c_[fa, fb], np.c_[fa, fb / 2]],
                       marks=[xy for _, xy in _region_centres(fa, fb, area)],
                       color=ctx.theme.ink, ink=ctx.theme.ink, paper=ctx.theme.paper)
            drawing = finish(fig)
            marks = pixels(ax, drawing.height, [[r, 0.0] for r in roots])
            regions = _region_centres(fa, fb, area)
            region_marks = pixels(ax, drawing.height, [xy for _, xy in regions])

        values = {"f": pretty(f), "a": pretty(a), "b": pretty(b)}
        if area.roots:
            split = (f"1. Zeros of f inside ({values['a']}, {values['b']}): "
                     + ", ".join(f"x = {approx(r)}" for r in area.roots)
                     + f"; they split [{values['a']}, {values['b']}] into {len(area.pieces)} pieces of constant sign.")
        else:
            split = f"1. f has no zero inside ({values['a']}, {values['b']}), so its sign is constant there."
        ends = [a, *area.roots, b]
        pieces = "; ".join(f"∫ over [{pretty(l)}, {pretty(h)}] = {approx(p)}"
                           for l, h, p in zip(ends, ends[1:], area.pieces))
        fills = " and ".join(
            ([f"{names['positive']} where f > 0 (above the axis)"] if area.positive != 0 else [])
            + ([f"hatched {names['negative']} where f < 0 (below the axis)"] if area.negative != 0 else []))
        cot = " ".join([
            split,
            f"2. An antiderivative: F(x) = {pretty(area.antiderivative)}.",
            f"3. Piece by piece, F(right) - F(left): {pieces}.",
            f"4. The definite integral adds them with their signs: {approx(area.integral)}. "
            f"The area counts every piece as positive: {approx(area.positive)} above the axis + "
            f"{approx(area.negative)} below it = {approx(area.area)}.",
            f"5. Draw f as a solid {names['f']} curve, fill {fills} between the dotted lines x = {values['a']} "
            f"and x = {values['b']}, and write both values on the chart.",
        ])
        explicit = (
            f"Plot y = {values['f']} for x from {pretty(lo)} to {pretty(hi)} as a solid {names['f']} curve. Between "
            f"x = {values['a']} and x = {values['b']} (dotted vertical lines), fill the region between the curve "
            f"and the x-axis: {fills}. Annotate "
            f"∫ f(x) dx from {values['a']} to {values['b']} = {approx(area.integral)} and "
            f"area = {approx(area.area)}."
        )
        return ScienceItem(
            instruction=EN[int(rng.integers(len(EN)))].format(**values),
            instruction_explicit=explicit,
            instruction_zh=ZH[int(rng.integers(len(ZH)))].format(**values),
            cot=cot,
            answer={
                **floats,
                "roots": roots,
                "integral_exact": str(area.integral),
                "area_exact": str(area.area),
                "positive_area_exact": str(area.positive),
                "negative_area_exact": str(area.negative),
                "antiderivative": str(area.antiderivative),
            },
            problem={"kind": kind, "f": str(f), "f_srepr": sp.srepr(f), "variable": "x",
                     "bounds": [str(a), str(b)], "interval": [str(lo), str(hi)]},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if not area.roots else ("medium" if len(area.roots) == 1 else "hard"),
            labels={"texts": drawing.texts,
                    "objects": [{"label": "zero of f", "data": [r, 0.0], "point": px} for r, px in zip(roots, marks)]
                    + [{"label": f"{sign} region", "data": xy, "point": px}
                       for (sign, xy), px in zip(regions, region_marks)]},
            render=render,
        )
