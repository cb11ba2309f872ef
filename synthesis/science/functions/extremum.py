"""functions.read_extremum: an understanding question answered from the picture alone.

"On the interval shown, at which x does the plotted function reach its maximum, and
what is that maximum?" The formula appears only in the image (the title or the legend),
never in the question, so the model has to read it (or read the curve). The maximum is
unique and clearly above every other candidate, so the picture decides the answer.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.functions.calculus import critical_points
from synthesis.science.functions.plot import curve, fit_legend, fit_width, frame, pixels, y_limits
from synthesis.science.functions.problems import X, canonical
from synthesis.science.functions.prompts import approx, number, pretty
from synthesis.science.render import figure, finish, mathtext
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

KINDS = ("polynomial", "sine", "gaussian", "x_exp")
GAP = 0.06  # the runner-up must be this share of the y range below the maximum...
SAME = 0.04  # ...unless it sits this share of the width from it (the same peak)
MAX_TRIES = 16

EN = (
    "On the interval shown, at which x does the plotted function reach its maximum, and what is that maximum?",
    "Look at the graph. Over the x-range shown, where does the function attain its largest value, and what is it?",
    "For the function plotted in the figure, on the displayed interval: give the x where it is largest and the "
    "maximum value.",
)
ZH = (
    "在图中所示的区间上，所画函数在哪个 x 处取得最大值？最大值是多少？",
    "观察图像：在所显示的 x 范围内，函数在何处取得最大值，最大值是多少？",
    "对于图中绘制的函数，在显示的区间上，求其取得最大值的 x 以及最大值。",
)


def _sample(rng: np.random.Generator, kind: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(f, lo, hi), built so that the extrema sit at readable places."""
    if kind == "polynomial":  # f′ = c·(x - r1)···(x - rk): extrema at integers
        k = int(rng.integers(2, 4))
        roots = sorted(int(r) for r in rng.choice(np.arange(-3, 4), k, replace=False))
        c = sp.Rational(int(rng.choice([-1, 1])) * (1 if k == 3 else int(rng.choice([1, 2]))), 1)
        f = sp.integrate(c * sp.Mul(*(X - r for r in roots)), X) + int(rng.integers(-3, 4))
        return f, sp.Integer(roots[0] - int(rng.integers(1, 3))), sp.Integer(roots[-1] + int(rng.integers(1, 3)))
    if kind == "sine":  # one period: A·sin(x - φ) + d peaks at φ + π/2
        amp, d = int(rng.integers(1, 4)), int(rng.integers(-2, 3))
        phi = int(rng.integers(-4, 2)) * sp.pi / 4
        return amp * sp.sin(X - phi) + d, -sp.pi, sp.pi
    if kind == "gaussian":  # a bump at μ on a raised or lowered base
        amp, mu, s = int(rng.integers(2, 5)), int(rng.integers(-2, 3)), int(rng.choice([1, 2]))
        return amp * sp.exp(-(X - mu) ** 2 / (2 * s**2)) + int(rng.integers(-2, 3)), sp.Integer(-5), sp.Integer(5)
    if kind == "x_exp":  # A·x·e^(-x/s) peaks at s
        amp, s = int(rng.integers(1, 4)), int(rng.choice([1, 2]))
        lo, hi = -int(rng.integers(0, 2)), 4 * s + int(rng.integers(1, 4))
        return amp * X * sp.exp(-X / s), sp.Integer(lo), sp.Integer(hi)
    raise ValueError(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")


def candidates(f: sp.Expr, lo: sp.Expr, hi: sp.Expr):
    """[(x, f(x), where)]: the interval's ends and f's critical points inside, exact."""
    out = [(lo, sp.simplify(f.subs(X, lo)), "left end"), (hi, sp.simplify(f.subs(X, hi)), "right end")]
    solution = critical_points(f, lo, hi)
    for p in solution.points:
        if bool(lo < p.x) and bool(p.x < hi):
            out.append((p.x, p.y, "interior"))
    return solution, out


class ReadExtremumTemplate(ScienceTemplate):
    name = "functions.read_extremum"
    family = "functions"
    subject = "Math"
    image_type = "Plots and Charts"
    task = "und"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            kind = KINDS[int(rng.integers(len(KINDS)))]
            f, lo, hi = _sample(rng, kind)
            f = canonical(f)
            solution, cands = candidates(f, lo, hi)
            values = [float(sp.N(y, 30)) for _, y, _ in cands]
            order = np.argsort(values)[::-1]
            best = cands[int(order[0])]
            xs, ys = curve(f, lo, hi)
            y_span = float(np.nanmax(ys) - np.nanmin(ys))
            width = float(hi - lo)
            rivals = [i for i in order[1:]
                      if abs(float(sp.N(cands[i][0], 30)) - float(sp.N(best[0], 30))) > SAME * width]
            if not rivals or values[order[0]] - values[rivals[0]] >= GAP * y_span:
                break
        else:
            raise RuntimeError("no function with a clear maximum")
        x_star, y_star, where = best
        answer_xy = [round(float(sp.N(x_star, 30)), 6), round(float(sp.N(y_star, 30)), 6)]

        palette = ctx.theme.palette
        color, color_name = palette[int(rng.integers(len(palette)))]
        formula_in = "title" if rng.random() < 0.5 else "legend"
        render = {"colors": {"f": color}, "grid": True, "minor_grid": bool(rng.random() < 0.5),
                  "pi_ticks": kind == "sine", "formula_in": formula_in}
        label = f"$f(x) = {mathtext(f)}$"
        with figure(ctx) as fig:
            ax = fig.add_subplot()
            frame(ctx, ax, render, lo, hi)
            if render["minor_grid"]:
                ax.minorticks_on()
                ax.grid(True, which="minor", alpha=0.1)
            ax.plot(xs, ys, color=color, lw=2.2, zorder=3, label=label if formula_in == "legend" else None)
            ax.set_ylim(*y_limits(ys))
            if formula_in == "title":
                fit_width(fig, [ax.set_title(label)])
            else:
                fit_legend(fig, 1)
            drawing = finish(fig)
            mark = pixels(ax, drawing.height, [answer_xy])[0]

        steps = [f"1. Read the function from the {formula_in}: f(x) = {pretty(f)}, on the x-range shown, "
                 f"[{pretty(lo)}, {pretty(hi)}]."]
        crit = [c for c in cands if c[2] == "interior"]
        if crit:
            steps.append(f"2. f′(x) = {pretty(solution.df)} vanishes inside at "
                         + ", ".join(f"x = {approx(x)}" for x, _, _ in crit) + ".")
        else:
            steps.append(f"2. f′(x) = {pretty(solution.df)} has no zero inside, so f is monotonic there.")
        steps.append("3. Compare f at those points and at the ends: "
                     + "; ".join(f"f({pretty(x)}) = {approx(y)}" for x, y, _ in cands) + ".")
        steps.append(f"4. The largest is at the {where if where != 'interior' else 'interior point'} "
                     f"x = {approx(x_star)}: the maximum is {approx(y_star)}, so the answer is "
                     f"({number(answer_xy[0])}, {number(answer_xy[1])}).")
        return ScienceItem(
            instruction=EN[int(rng.integers(len(EN)))],
            instruction_explicit=(
                f"The image plots one function (solid {color_name} curve) for x from {pretty(lo)} to {pretty(hi)}, the "
                f"whole x-range shown; its formula is written in the {formula_in}. At which x does it reach its "
                f"maximum on that interval, and what is the maximum value? Answer (x, f(x)), exact or to 6 decimals."
            ),
            instruction_zh=ZH[int(rng.integers(len(ZH)))],
            cot=" ".join(steps),
            answer={
                "answer": answer_xy,
                "x_exact": str(x_star),
                "y_exact": str(y_star),
                "at": where,
                "candidates": [[round(float(sp.N(x, 30)), 6), round(float(sp.N(y, 30)), 6)] for x, y, _ in cands],
            },
            problem={"kind": kind, "f": str(f), "f_srepr": sp.srepr(f), "variable": "x",
                     "interval": [str(lo), str(hi)]},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if kind in ("sine", "gaussian") and where == "interior" else (
                "hard" if where != "interior" else "medium"),
            labels={"texts": drawing.texts,
                    "objects": [{"label": "maximum", "data": answer_xy, "point": mark}]},
            render=render,
        )
