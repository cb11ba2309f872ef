"""functions.shift_edit: transform the plotted f (shift up/down by k, right/left by h, or
scale vertically by a) and redraw. Source and target share one figure whose layout is
computed once and frozen, so the axes, limits, ticks, grid and colours are identical
and only the curve and the title that names the function change.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.functions.plot import curve, fit_width, frame, y_limits
from synthesis.science.functions.problems import X, canonical, sample_problem
from synthesis.science.functions.prompts import approx, number, pretty
from synthesis.science.render import box, edit_mask, figure, finish, mathtext
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

KINDS = ("polynomial", "sine", "x_exp", "gaussian")
TRANSFORMS = ("shift_up", "shift_right", "scale")
NICE = (1, 2, 3, 4, 5, 10, 20, 25, 50, 100)
SCALES = (sp.Integer(2), sp.Integer(3), sp.Rational(1, 2), sp.Integer(-1), sp.Integer(-2))
N_SAMPLES = 4


def _sample_f(rng: np.random.Generator, kind: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    if kind == "polynomial":
        degree = int(rng.integers(2, 4))
        coeffs = [int(c) for c in rng.integers(-2, 3, degree + 1)]
        coeffs[0] = coeffs[0] or int(rng.choice([-1, 1]))
        half = int(rng.integers(3, 5))
        return sp.Add(*(c * X ** (degree - i) for i, c in enumerate(coeffs))), sp.Integer(-half), sp.Integer(half)
    if kind == "gaussian":
        amp, mu = int(rng.choice([-3, -2, 2, 3])), int(rng.integers(-1, 2))
        return amp * sp.exp(-(X - mu) ** 2 / 2), sp.Integer(-4), sp.Integer(4)
    problem = sample_problem(rng, kind, int(rng.integers(2, 4)))
    return problem.f, problem.lo, problem.hi


def transform(f: sp.Expr, kind: str, amount: sp.Expr) -> sp.Expr:
    if kind == "shift_up":
        return f + amount
    if kind == "shift_right":
        return f.subs(X, X - amount)
    if kind == "scale":
        return amount * f
    raise ValueError(f"unknown transform {kind!r}; allowed: {', '.join(TRANSFORMS)}")


def _amount(rng: np.random.Generator, kind: str, trig: bool, y_span: float, width: float) -> sp.Expr:
    sign = int(rng.choice([-1, 1]))
    if kind == "shift_up":  # a nice step, 15-50 % of the curve's height
        fits = [k for k in NICE if 0.15 <= k / y_span <= 0.5] or [min(NICE, key=lambda k: abs(k / y_span - 0.3))]
        return sign * sp.Integer(fits[int(rng.integers(len(fits)))])
    if kind == "shift_right":  # 10-30 % of the width
        steps = [sp.pi / 4, sp.pi / 2] if trig else [sp.Integer(k) for k in (1, 2, 3)]
        fits = [h for h in steps if 0.1 <= float(h) / width <= 0.3] or steps[:1]
        return sign * fits[int(rng.integers(len(fits)))]
    return SCALES[int(rng.integers(len(SCALES)))]


def _units(value: sp.Expr) -> str:
    """'1 unit', '3 units', 'π/4'."""
    if value.is_Integer:
        return f"{value} unit{'' if value == 1 else 's'}"
    return pretty(value)


def describe(kind: str, amount: sp.Expr) -> tuple[str, str]:
    """(English, Chinese) description of the transform."""
    if kind == "shift_up":
        k = _units(abs(amount))
        k_zh = pretty(abs(amount))
        return ((f"shift the curve up by {k}", f"将曲线向上平移 {k_zh} 个单位") if amount > 0 else
                (f"shift the curve down by {k}", f"将曲线向下平移 {k_zh} 个单位"))
    if kind == "shift_right":
        h, h_zh = _units(abs(amount)), pretty(abs(amount))
        return ((f"shift the curve {h} to the right", f"将曲线向右平移 {h_zh} 个单位") if amount > 0 else
                (f"shift the curve {h} to the left", f"将曲线向左平移 {h_zh} 个单位"))
    if amount == -1:
        return "reflect the curve in the x-axis", "将曲线关于 x 轴作对称变换"
    a = pretty(amount)
    return (f"scale the curve vertically by a factor of {a} (y → {a}·y)",
            f"将曲线在竖直方向上缩放为原来的 {a} 倍（y → {a}·y）")


def formula(kind: str, amount: sp.Expr) -> str:
    """g in terms of f: 'f(x) + 2', 'f(x - π/2)', '-2·f(x)'."""
    if kind == "shift_up":
        return f"f(x) {'+' if amount > 0 else '-'} {pretty(abs(amount))}"
    if kind == "shift_right":
        return f"f(x {'-' if amount > 0 else '+'} {pretty(abs(amount))})"
    return "-f(x)" if amount == -1 else f"{pretty(amount)}·f(x)"


def _sample_xs(lo: sp.Expr, hi: sp.Expr, trig: bool) -> list[sp.Expr]:
    """N_SAMPLES nice x spread over [lo, hi]."""
    step = sp.pi / 4 if trig else sp.Integer(1)
    ks = list(range(int(sp.ceiling(lo / step)), int(sp.floor(hi / step)) + 1))
    picks = np.linspace(0, len(ks) - 1, N_SAMPLES + 2)[1:-1].round().astype(int)
    return [ks[i] * step for i in sorted(set(picks.tolist()))]


class ShiftEditTemplate(ScienceTemplate):
    name = "functions.shift_edit"
    family = "functions"
    subject = "Math"
    image_type = "Plots and Charts"
    task = "edit"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        kind = KINDS[int(rng.integers(len(KINDS)))]
        f, lo, hi = _sample_f(rng, kind)
        f = canonical(f)
        trig = kind == "sine"
        xs, ys = curve(f, lo, hi)
        span = float(np.nanmax(ys) - np.nanmin(ys)) or 1.0
        op = TRANSFORMS[int(rng.integers(len(TRANSFORMS)))]
        amount = _amount(rng, op, trig, span, float(hi - lo))
        g = transform(f, op, amount)
        g = canonical(sp.expand(g) if kind == "polynomial" else g)
        _, gs = curve(g, lo, hi)
        sample_x = _sample_xs(lo, hi, trig)
        sample_y = [sp.simplify(g.subs(X, x)) for x in sample_x]
        samples = [[round(float(sp.N(x, 30)), 6), round(float(sp.N(y, 30)), 6)] for x, y in zip(sample_x, sample_y)]

        palette = ctx.theme.palette
        pick = palette[int(rng.integers(len(palette)))]
        render = {"colors": {"curve": pick[0]}, "grid": bool(rng.random() < 0.7), "pi_ticks": trig,
                  "ylim": [round(v, 2) for v in y_limits(ys, gs)]}
        titles = (f"$y = {mathtext(f)}$", f"$y = {mathtext(g)}$")
        with figure(ctx) as fig:
            ax = fig.add_subplot()
            frame(ctx, ax, render, lo, hi)
            ax.set_ylim(*render["ylim"])
            line, = ax.plot(xs, ys, color=pick[0], lw=2.2, zorder=3)
            title = ax.set_title(titles[0])
            for text in titles:  # one font size that fits both titles
                title.set_text(text)
                fit_width(fig, [title])
            renderer = fig.canvas.get_renderer()
            heights = []
            for text in titles:
                title.set_text(text)
                heights.append(title.get_window_extent(renderer).height)
            title.set_text(titles[int(np.argmax(heights))])
            fig.draw_without_rendering()  # lay out once, around the taller title, then freeze the layout
            fig.set_layout_engine("none")
            title.set_text(titles[0])
            source = finish(fig)
            line.set_ydata(gs)
            title.set_text(titles[1])
            target = finish(fig)
            axes_box = box(ax.get_window_extent(fig.canvas.get_renderer()), fig.bbox.height)

        en, zh = describe(op, amount)
        g_of_f = formula(op, amount)
        values = {"f": pretty(f), "g": pretty(g)}
        instruction = en[0].upper() + en[1:] + "; keep everything else in the chart unchanged."
        explicit = (
            f"The chart shows y = {values['f']} for x in [{pretty(lo)}, {pretty(hi)}] as a solid {pick[1]} curve. "
            f"{en[0].upper() + en[1:]}: redraw it as y = {g_of_f} = {values['g']} in the same colour and style, "
            f"change the title to y = {values['g']}, and keep the axes, their limits "
            f"(y from {number(render['ylim'][0])} to {number(render['ylim'][1])}), the ticks and the grid as they are."
        )
        cot = " ".join([
            f"1. The plotted function is f(x) = {values['f']}.",
            f"2. To {en}, replace f(x) by g(x) = {g_of_f}, so g(x) = {values['g']}.",
            "3. Check a few points: "
            + "; ".join(f"g({pretty(x)}) = {approx(y)}" for x, y in zip(sample_x, sample_y)) + ".",
            f"4. Redraw only the curve (solid {pick[1]}) and its title; the axes, limits, ticks and grid stay as they "
            f"are, so the new curve can be compared with the old position directly.",
        ])
        return ScienceItem(
            instruction=instruction,
            instruction_explicit=explicit,
            instruction_zh=zh + "，图中其他内容保持不变。",
            cot=cot,
            answer={
                "g": str(g),
                "g_in_terms_of_f": g_of_f,
                "values": [y for _, y in samples],
                "samples": samples,
                "samples_exact": [[str(x), str(y)] for x, y in zip(sample_x, sample_y)],
            },
            problem={"kind": kind, "f": str(f), "f_srepr": sp.srepr(f), "variable": "x",
                     "interval": [str(lo), str(hi)], "transform": op, "amount": str(amount),
                     "sample_x": [str(x) for x in sample_x]},
            image=target.png,
            width=target.width,
            height=target.height,
            difficulty="easy" if op == "shift_up" else ("hard" if op == "shift_right" and trig else "medium"),
            labels={"texts": target.texts, "source_texts": source.texts, "axes_box": axes_box},
            render=render,
            source_image=source.png,
            mask=edit_mask(source.png, target.png),
        )
