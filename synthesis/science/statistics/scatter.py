"""statistics.scatter_regression: a scatter plot with its least-squares line, the line's
equation and the correlation coefficient r written in a free corner."""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.statistics import data, stats
from synthesis.science.statistics.layout import (
    axes_at, font_scale, left_margin, nice_ticks, pick_colors, pt, text_size, tick_text, to_pixels, widest,
)
from synthesis.science.statistics.prompts import choose, exact
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 12
MIN_R_SQUARED = sp.Rational(36, 100)  # weaker data would not look linear
TITLE_FONT, AXIS_FONT, NOTE_FONT = 13.0, 10.0, 10.5

EN = (
    "Make a scatter plot of {what} for these data (x, y): {data}. Add the least-squares regression line and "
    "label it with its equation and the correlation coefficient r.",
    "Plot the points {data} ({what}), fit a straight line by least squares and show its equation and r on "
    "the chart.",
)
ZH = (
    "根据以下数据（x, y）画出{what}的散点图：{data}。添加最小二乘回归直线，并标出其方程和相关系数 r。",
    "画出点 {data}（{what}）的散点图，用最小二乘法拟合直线，并在图中写出直线方程和 r。",
)


def sample_pairs(rng: np.random.Generator, topic: data.PairTopic) -> tuple[list[sp.Rational], list[sp.Rational]]:
    pool = topic.x_high - topic.x_low + 1
    n = min(int(rng.integers(8, 15)), pool)
    xs = sorted(int(x) for x in rng.choice(np.arange(topic.x_low, topic.x_high + 1), size=n, replace=False))
    slope = rng.uniform(*topic.slope)
    intercept = rng.uniform(*topic.intercept)
    scale = 10 ** topic.decimals
    ys = [sp.Rational(int(round((intercept + slope * x + rng.normal(0, topic.noise)) * scale)), scale) for x in xs]
    return [sp.Integer(x) for x in xs], ys


def equation_text(slope: sp.Rational, intercept: sp.Rational) -> str:
    """'y = 3.21x + 40.52', coefficients to 2 decimals ('≈' when rounded)."""
    rounded = any(approx_sign == "≈" for approx_sign, _ in (data.approx(slope), data.approx(intercept)))
    b = data.approx(slope)[1]
    a = data.approx(abs(intercept))[1]
    return f"y {'≈' if rounded else '='} {b}x {'-' if intercept < 0 else '+'} {a}"


def r_text(r: sp.Expr) -> str:
    sign, text = data.approx(r, 3)
    return f"r {sign} {text}"


def draw(ctx: RenderContext, topic: data.PairTopic, xs: list[sp.Rational], ys: list[sp.Rational],
         fit: stats.Regression, note: str, colors: dict[str, str], grid: bool) -> tuple[Drawing, dict]:
    fx, fy = [float(x) for x in xs], [float(y) for y in ys]
    with figure(ctx, layout=None) as fig:
        p, fs = pt(fig), font_scale(fig)
        width, height = fig.bbox.width, fig.bbox.height
        title = topic.title
        title_h = text_size(fig, title, TITLE_FONT * fs)[1]
        note_w, note_h = text_size(fig, note, NOTE_FONT * fs)
        top, right = 8 * p + title_h + 10 * p, 16 * p
        xpad = 0.06 * (max(fx) - min(fx))
        xlim = (min(fx) - xpad, max(fx) + xpad)
        line_y = [float(fit.intercept) + float(fit.slope) * x for x in xlim]
        low, high = min(fy + line_y), max(fy + line_y)
        xticks = [t for t in nice_ticks(*xlim) if xlim[0] <= t <= xlim[1]]
        tick_h = widest(fig, [tick_text(t) for t in xticks], AXIS_FONT * fs)[1]
        xlabel_h = text_size(fig, topic.x_label, AXIS_FONT * fs)[1]
        bottom = 8 * p + xlabel_h + 6 * p + tick_h + 7 * p
        axes_h = height - top - bottom
        # A band above the data holds the equation box (box padding included).
        band = note_h + 24 * p
        per_px = (high - low) / (axes_h - band - 10 * p)
        ylim = (low - 10 * p * per_px, high + band * per_px)
        yticks = [t for t in nice_ticks(*ylim) if ylim[0] <= t <= ylim[1]]
        left = left_margin(fig, topic.y_label, yticks, AXIS_FONT * fs)

        ax = axes_at(fig, left, bottom, right, top)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_xticks(xticks, [tick_text(t) for t in xticks])
        ax.set_yticks(yticks, [tick_text(t) for t in yticks])
        ax.tick_params(labelsize=AXIS_FONT * fs)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if grid:
            ax.grid(True)
        ax.set_xlabel(topic.x_label, fontsize=AXIS_FONT * fs)
        ax.set_ylabel(topic.y_label, fontsize=AXIS_FONT * fs)
        fig.text(0.5, 1 - 8 * p / height, title, fontsize=TITLE_FONT * fs, ha="center", va="top")
        ax.plot(xlim, line_y, color=colors["line"], lw=2.0, zorder=2)
        ax.scatter(fx, fy, s=36 * fs, color=colors["points"], zorder=3, edgecolors=ctx.theme.paper, linewidths=0.6)
        # The line rises to the right when the slope is positive: the top-left corner is free.
        corner = (0.03, "left") if fit.slope > 0 else (0.97, "right")
        ax.text(corner[0], 1 - 12 * p / axes_h, note, transform=ax.transAxes, ha=corner[1], va="top",
                fontsize=NOTE_FONT * fs, color=colors["line"], zorder=4,
                bbox={"boxstyle": "round,pad=0.4", "fc": ctx.theme.paper, "ec": colors["line"], "lw": 1.0})
        drawing = finish(fig)
        points = to_pixels(ax, fig, list(zip(fx, fy)))
        ends = to_pixels(ax, fig, list(zip(xlim, line_y)))
    objects = [{"label": "point", "data": [x, y], "point": q} for x, y, q in zip(fx, fy, points)]
    objects.append({"label": "regression line", "ends": ends})
    return drawing, {"objects": objects, "frame": {"xlim": list(xlim), "ylim": list(ylim),
                                                   "margins": [left, bottom, right, top]}}


class ScatterRegressionTemplate(ScienceTemplate):
    name = "statistics.scatter_regression"
    family = "statistics"
    subject = "Statistics"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            topic = data.pick(rng, data.PAIR_TOPICS)
            xs, ys = sample_pairs(rng, topic)
            fit = stats.least_squares(xs, ys)
            if fit.r_squared < MIN_R_SQUARED:
                continue
            note = f"{equation_text(fit.slope, fit.intercept)}\n{r_text(fit.r)}"
            (points_color, points_name), (line_color, line_name) = pick_colors(rng, ctx.theme, 2)
            colors = {"points": points_color, "line": line_color}
            grid = bool(rng.random() < 0.6)
            drawing, extra = draw(ctx, topic, xs, ys, fit, note, colors, grid)
            if not overlapping_labels(drawing.texts):
                break

        d = topic.decimals
        x_texts = [data.show(x, 0) for x in xs]
        y_texts = [data.show(y, d) for y in ys]
        pairs = ", ".join(f"({x}, {y})" for x, y in zip(x_texts, y_texts))
        n = len(xs)
        mx, my = stats.mean(xs), stats.mean(ys)
        sxx = sp.Add(*((x - mx) ** 2 for x in xs))
        sxy = sp.Add(*((x - mx) * (y - my) for x, y in zip(xs, ys)))
        syy = sp.Add(*((y - my) ** 2 for y in ys))
        what = topic.title[0].lower() + topic.title[1:]
        equation = note.replace("\n", ", ")
        cot = (
            f"1. n = {n}; Σx = {sp.Add(*xs)}, Σy = {data.show(sp.Add(*ys), d)}, so x̄ = {exact(mx)} and "
            f"ȳ = {exact(my)}. "
            f"2. Sxx = Σ(x - x̄)² = {sxx}, Sxy = Σ(x - x̄)(y - ȳ) = {sxy}, Syy = Σ(y - ȳ)² = {syy}. "
            f"3. Slope b = Sxy/Sxx = {fit.slope} ≈ {float(fit.slope):.4f}; intercept a = ȳ - b·x̄ = "
            f"{fit.intercept} ≈ {float(fit.intercept):.4f}. "
            f"4. r = Sxy/√(Sxx·Syy) ≈ {float(fit.r):.4f} (r² = {fit.r_squared}). "
            f"5. Plot the {n} points in {points_name}, draw the line y = a + b·x across the plot in {line_name} and "
            f"write '{equation}' in a box in the {'upper left' if fit.slope > 0 else 'upper right'} corner."
        )
        explicit = (
            f"Draw a scatter plot titled '{topic.title}' with '{topic.x_label}' on the x-axis and "
            f"'{topic.y_label}' on the y-axis. Plot the {n} points {pairs} as {points_name} dots. Draw the "
            f"least-squares line y = {float(fit.intercept):.4f} + {float(fit.slope):.4f}x as a solid {line_name} "
            f"line across the plot, and in the {'upper left' if fit.slope > 0 else 'upper right'} corner a boxed "
            f"label '{equation}'."
        )
        return ScienceItem(
            instruction=choose(rng, EN).format(what=what, data=pairs),
            instruction_explicit=explicit,
            instruction_zh=choose(rng, ZH).format(what=topic.title_zh, data=pairs),
            cot=cot,
            answer={
                "n": n,
                "slope": data.rounded(fit.slope),
                "intercept": data.rounded(fit.intercept),
                "slope_exact": str(fit.slope),
                "intercept_exact": str(fit.intercept),
                "r": data.rounded(fit.r),
                "r_exact": str(fit.r),
                "r_squared_exact": str(fit.r_squared),
                "label": equation,
            },
            problem={"topic": topic.title, "x": [data.to_json(x, 0) for x in xs],
                     "y": [data.to_json(y, d) for y in ys], "decimals": d},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="hard" if d else "medium",
            labels={"texts": drawing.texts, "objects": extra["objects"]},
            render={"colors": colors, "grid": grid, "frame": extra["frame"]},
        )
