"""functions.tangent_line: f and its tangent line at x₀, the tangent's equation exact.

x₀ is a "nice" point (an integer, or a multiple of π/4 for trigonometric f) strictly
inside the interval, preferring points where the tangent is not so steep that it leaves
the picture at once. Slope f′(x₀), the point (x₀, f(x₀)) and the intercept are exact.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.functions.plot import (
    curve, fit_legend, fit_width, frame, pick_colors, pixels, place_note, y_limits,
)
from synthesis.science.functions.problems import FAMILIES, TRIG, X, canonical, sample_problem
from synthesis.science.functions.prompts import a, approx, line_latex, line_text, number, pretty
from synthesis.science.render import figure, finish, mathtext
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

EN = (
    "Plot f(x) = {f} on [{lo}, {hi}] together with its tangent line at x = {x0}, and write the tangent's equation "
    "on the chart.",
    "Draw the graph of y = {f} for x in [{lo}, {hi}] and the line tangent to it at x₀ = {x0}; label the tangent with "
    "its equation.",
    "Sketch f(x) = {f} over [{lo}, {hi}], mark the point where x = {x0} and draw the tangent there, annotated with "
    "its equation.",
)
ZH = (
    "在区间 [{lo}, {hi}] 上画出 f(x) = {f} 的图像及其在 x = {x0} 处的切线，并在图中标注切线方程。",
    "绘制 y = {f}（x ∈ [{lo}, {hi}]）以及它在 x₀ = {x0} 处的切线，并写出切线方程。",
    "画出函数 f(x) = {f} 在 [{lo}, {hi}] 上的图像，标出 x = {x0} 对应的点，并画出该点处的切线及其方程。",
)


def _candidates(kind: str, lo: sp.Expr, hi: sp.Expr) -> list[sp.Expr]:
    """Nice x₀ strictly inside [lo, hi], at least 5 % of the width from either end."""
    step = sp.pi / 4 if kind in TRIG else sp.Integer(1)
    margin = (hi - lo) / 20
    ks = range(int(sp.ceiling((lo + margin) / step)), int(sp.floor((hi - margin) / step)) + 1)
    return [k * step for k in ks]


def _nested(expr: sp.Expr) -> bool:
    """Has a root of an irrational (sin(π/8) = sqrt(2 - sqrt(2))/2): too heavy to read."""
    return any(p.exp.is_Rational and not p.exp.is_Integer and not p.base.is_Rational for p in expr.atoms(sp.Pow))


def _pick_x0(rng: np.random.Generator, kind: str, f: sp.Expr, df: sp.Expr, lo: sp.Expr, hi: sp.Expr,
             y_span: float) -> sp.Expr:
    """A candidate whose tangent rises by between 5 % and 2.5 picture heights over the
    interval (not lost in a flat tail, not so steep it leaves the picture at once); a
    horizontal tangent only one time in six."""
    candidates = [c for c in _candidates(kind, lo, hi) if not (_nested(f.subs(X, c)) or _nested(df.subs(X, c)))]
    rises = {c: abs(float(df.subs(X, c))) * float(hi - lo) / y_span for c in candidates}
    sloped = [c for c in candidates if 0.05 <= rises[c] <= 2.5]
    flat = [c for c in candidates if rises[c] < 1e-12]
    pool = sloped if sloped and (not flat or rng.random() >= 1 / 6) else flat or candidates
    return pool[int(rng.integers(len(pool)))]


class TangentLineTemplate(ScienceTemplate):
    name = "functions.tangent_line"
    family = "functions"
    subject = "Math"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        kind = FAMILIES[int(rng.integers(len(FAMILIES)))]
        problem = sample_problem(rng, kind, int(rng.integers(2, 5)))
        f, lo, hi = canonical(problem.f), problem.lo, problem.hi
        df = sp.diff(f, X)
        xs, ys = curve(f, lo, hi)
        ylim = y_limits(ys)
        x0 = _pick_x0(rng, kind, f, df, lo, hi, ylim[1] - ylim[0])
        y0 = sp.simplify(f.subs(X, x0))
        m = sp.simplify(df.subs(X, x0))
        b = sp.simplify(y0 - m * x0)
        x0f, y0f, mf, bf = (round(float(v.evalf(30)), 6) for v in (x0, y0, m, b))

        colors, color_names = pick_colors(rng, ctx.theme.palette, ("f", "tangent", "point"))
        render = {"colors": colors, "grid": bool(rng.random() < 0.6), "pi_ticks": kind in TRIG,
                  "ylim": [round(v, 6) for v in ylim]}
        tys = float(m) * xs + float(b)
        with figure(ctx) as fig:
            ax = fig.add_subplot()
            frame(ctx, ax, render, lo, hi)
            ax.plot(xs, ys, color=colors["f"], lw=2.2, label="$f(x)$", zorder=2)
            ax.plot(xs, tys, color=colors["tangent"], lw=1.8, ls="--", label="tangent line", zorder=3)
            ax.scatter([float(x0)], [float(y0)], s=50, color=colors["point"], zorder=4,
                       label="point of tangency")
            ax.set_ylim(*ylim)
            title = ax.set_title(f"$f(x) = {mathtext(f)}$")
            fit_legend(fig, 3)
            fit_width(fig, [title])
            place_note(fig, ax, f"tangent at $x_0 = {mathtext(x0)}$:\n${line_latex(m, b)}$",
                       [np.c_[xs, ys], np.c_[xs, tys]], marks=[[float(x0), float(y0)]],
                       color=colors["tangent"], ink=ctx.theme.ink, paper=ctx.theme.paper)
            drawing = finish(fig)
            mark = pixels(ax, drawing.height, [[x0f, y0f]])[0]

        values = {"f": pretty(f), "lo": pretty(lo), "hi": pretty(hi), "x0": pretty(x0)}
        equation = line_text(m, b)
        explicit = (
            f"Plot y = {values['f']} for x from {values['lo']} to {values['hi']} as a solid {color_names['f']} "
            f"curve. Draw its tangent line at ({values['x0']}, {pretty(y0)}), {equation} (slope {number(mf)}, "
            f"intercept {number(bf)}), as a dashed {color_names['tangent']} line, mark the point with "
            f"{a(color_names['point'])} dot and write the equation on the chart."
        )
        cot = " ".join([
            f"1. The point: f({values['x0']}) = {approx(y0)}.",
            f"2. Differentiate: f′(x) = {pretty(df)}, so the slope is m = f′({values['x0']}) = {approx(m)}.",
            f"3. Point-slope form: y - ({pretty(y0)}) = ({pretty(m)})·(x - ({values['x0']})), "
            f"so the intercept is f(x₀) - m·x₀ = {approx(b)} and the tangent is {equation}.",
            f"4. Draw f as a solid {color_names['f']} curve, the tangent as a dashed {color_names['tangent']} "
            f"line through the {color_names['point']} point ({number(x0f)}, {number(y0f)}), and label it {equation}.",
        ])
        return ScienceItem(
            instruction=EN[int(rng.integers(len(EN)))].format(**values),
            instruction_explicit=explicit,
            instruction_zh=ZH[int(rng.integers(len(ZH)))].format(**values),
            cot=cot,
            answer={
                "point": [x0f, y0f],
                "slope": mf,
                "intercept": bf,
                "point_exact": [str(x0), str(y0)],
                "slope_exact": str(m),
                "intercept_exact": str(b),
                "tangent": equation,
                "df": str(df),
            },
            problem={"kind": kind, "f": str(f), "f_srepr": sp.srepr(f), "variable": "x",
                     "interval": [str(lo), str(hi)], "x0": str(x0)},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if kind == "polynomial" else ("hard" if kind == "x_sin" else "medium"),
            labels={"texts": drawing.texts,
                    "objects": [{"label": "point of tangency", "data": [x0f, y0f], "point": mark}]},
            render=render,
        )
