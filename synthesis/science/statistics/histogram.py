"""statistics.histogram: a histogram of integer samples over given bin edges, with the count
on each bar, the mean (dashed) and median (dotted) as labelled vertical lines and the
population standard deviation as a labelled double arrow mean ± σ."""

from __future__ import annotations

import numpy as np
import sympy as sp
from matplotlib import patheffects

from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.statistics import data, stats
from synthesis.science.statistics.layout import (
    axes_at, font_scale, left_margin, nice_ticks, pick_colors, pt, text_size, tick_text, to_pixels, widest,
)
from synthesis.science.statistics.prompts import choose, exact, ordinal
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 12
TITLE_FONT, AXIS_FONT, COUNT_FONT, NOTE_FONT = 13.0, 10.0, 9.0, 9.5
RULE = "each bin includes its left edge and excludes its right edge, except the last, which includes both"
RULE_ZH = "每组包含左端点、不含右端点，最后一组两端都包含"

EN = (
    "Draw a histogram of {what} with bins {bins}: {data}. Mark the mean and the median and show the "
    "(population) standard deviation.",
    "Here are {n} values of {what}: {data}. Make a histogram with bin edges {edges}, and annotate the mean, "
    "median and population standard deviation.",
)
ZH = (
    "用分组 {bins} 画出{what}的直方图：{data}。标出平均数、中位数，并表示（总体）标准差。",
    "以下是{what}的 {n} 个数据：{data}。以 {edges} 为分组边界画直方图，并标注平均数、中位数和总体标准差。",
)


def sample_values(rng: np.random.Generator, topic: data.SampleTopic) -> tuple[list[int], list[int]]:
    """Integer samples from a rounded normal, clipped into the bins; and the bin edges."""
    bins = int(rng.integers(topic.bins[0], topic.bins[1] + 1))
    edges = [topic.start + i * topic.bin_width for i in range(bins + 1)]
    centre = rng.uniform(edges[0] + 0.35 * (edges[-1] - edges[0]), edges[0] + 0.65 * (edges[-1] - edges[0]))
    n = int(rng.integers(20, 41))
    raw = rng.normal(centre, topic.spread * topic.bin_width, size=n)
    return [int(np.clip(round(v), edges[0], edges[-1])) for v in raw], edges


def draw(ctx: RenderContext, topic: data.SampleTopic, edges: list[int], counts: list[int], mean: sp.Expr,
         median: sp.Expr, std: sp.Expr, notes: dict[str, str], colors: dict[str, str], grid: bool,
         title: str) -> tuple[Drawing, dict]:
    theme = ctx.theme
    m, med, s = float(mean), float(median), float(std)
    with figure(ctx, layout=None) as fig:
        p, fs = pt(fig), font_scale(fig)
        width, height = fig.bbox.width, fig.bbox.height
        title_h = text_size(fig, title, TITLE_FONT * fs)[1]
        count_h = widest(fig, [str(c) for c in counts], COUNT_FONT * fs)[1]
        note_h = widest(fig, list(notes.values()), NOTE_FONT * fs)[1]
        top, right = 8 * p + title_h + 10 * p, 16 * p
        xlabel_h = text_size(fig, topic.x_label, AXIS_FONT * fs)[1]
        tick_h = widest(fig, [str(e) for e in edges], AXIS_FONT * fs)[1]
        bottom = 8 * p + xlabel_h + 6 * p + tick_h + 7 * p
        axes_h = height - top - bottom
        # Above the tallest bar: its count label, the σ arrow, then two rows of labels
        # (mean and median on top, σ under them, just above its arrow).
        band = count_h + 8 * p + 10 * p + 2 * (note_h + 10 * p) + 4 * p
        ytop = max(counts) / (1 - band / axes_h)
        per_px = ytop / axes_h
        yticks = [t for t in nice_ticks(0, ytop, integer=True) if t <= ytop]
        left = left_margin(fig, "Frequency", yticks, AXIS_FONT * fs)

        ax = axes_at(fig, left, bottom, right, top)
        pad = 0.04 * (edges[-1] - edges[0])
        ax.set_xlim(edges[0] - pad, edges[-1] + pad)
        ax.set_ylim(0, ytop)
        ax.set_xticks(edges, [str(e) for e in edges])
        ax.set_yticks(yticks, [tick_text(t) for t in yticks])
        ax.tick_params(labelsize=AXIS_FONT * fs)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_axisbelow(True)
        if grid:
            ax.yaxis.grid(True)
        ax.set_xlabel(topic.x_label, fontsize=AXIS_FONT * fs)
        ax.set_ylabel("Frequency", fontsize=AXIS_FONT * fs)
        fig.text(0.5, 1 - 8 * p / height, title, fontsize=TITLE_FONT * fs, ha="center", va="top")

        widths = [b - a for a, b in zip(edges, edges[1:])]
        ax.bar(edges[:-1], counts, width=widths, align="edge", color=colors["bars"], edgecolor=theme.paper,
               linewidth=1.2, zorder=2)
        for a, w, c in zip(edges, widths, counts):
            ax.annotate(str(c), (a + w / 2, c), xytext=(0, 3), textcoords="offset points", ha="center",
                        va="bottom", fontsize=COUNT_FONT * fs, color=theme.ink, zorder=5,
                        bbox={"boxstyle": "square,pad=0.12", "fc": theme.paper, "ec": "none"})

        row1 = ytop - (4 * p + note_h / 2) * per_px
        row2 = row1 - (note_h + 10 * p) * per_px
        halo = [patheffects.Stroke(linewidth=4.2, foreground=theme.paper), patheffects.Normal()]
        ax.axvline(m, color=colors["mean"], ls=(0, (5, 3)), lw=1.8, zorder=3, path_effects=halo)
        ax.axvline(med, color=colors["median"], ls=(0, (1.5, 2)), lw=2.2, zorder=3, path_effects=halo)
        # The two labels face away from each other, so they cannot collide whatever the gap.
        mean_side, median_side = ("right", "left") if m <= med else ("left", "right")
        for x, text, side, color in ((m, notes["mean"], mean_side, colors["mean"]),
                                     (med, notes["median"], median_side, colors["median"])):
            ax.annotate(text, (x, row1), xytext=(-5 * p if side == "right" else 5 * p, 0),
                        textcoords="offset pixels", ha=side, va="center", fontsize=NOTE_FONT * fs, color=color,
                        zorder=6)
        lo, hi = max(m - s, edges[0] - pad), min(m + s, edges[-1] + pad)
        arrow_y = row2 - (note_h / 2 + 6 * p) * per_px
        ax.annotate("", (hi, arrow_y), xytext=(lo, arrow_y), zorder=4,
                    arrowprops={"arrowstyle": "<->", "color": colors["mean"], "lw": 1.4, "shrinkA": 0, "shrinkB": 0})
        ax.text(m, row2, notes["std"], ha="center", va="center", fontsize=NOTE_FONT * fs, color=colors["mean"],
                zorder=6, bbox={"boxstyle": "square,pad=0.15", "fc": theme.paper, "ec": "none"})
        drawing = finish(fig)
        bar_boxes = [to_pixels(ax, fig, [(a, c), (a + w, 0)]) for a, w, c in zip(edges, widths, counts)]
        marks = to_pixels(ax, fig, [(m, 0), (med, 0), (lo, arrow_y), (hi, arrow_y)])
    objects = [{"label": "bar", "bin": [a, a + w], "count": c, "box": box[0] + box[1]}
               for a, w, c, box in zip(edges, widths, counts, bar_boxes)]
    objects += [{"label": "mean line", "x": marks[0][0]}, {"label": "median line", "x": marks[1][0]},
                {"label": "std arrow", "ends": marks[2:]}]
    return drawing, {"objects": objects, "frame": {"margins": [left, bottom, right, top], "ylim": [0, ytop]}}


class HistogramTemplate(ScienceTemplate):
    name = "statistics.histogram"
    family = "statistics"
    subject = "Statistics"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            topic = data.pick(rng, data.SAMPLE_TOPICS)
            samples, edges = sample_values(rng, topic)
            values = [sp.Integer(v) for v in samples]
            counts = stats.bin_counts(samples, edges)
            mean, median = stats.mean(values), stats.median(values)
            variance = stats.population_variance(values)
            std = stats.population_std(values)
            notes = {"mean": "mean {} {}".format(*data.approx(mean)),
                     "median": "median {} {}".format(*data.approx(median)),
                     "std": "σ {} {}".format(*data.approx(std))}
            (bars, bars_name), (mean_c, mean_name), (median_c, median_name) = pick_colors(rng, ctx.theme, 3)
            colors = {"bars": bars, "mean": mean_c, "median": median_c}
            grid = bool(rng.random() < 0.6)
            title = f"{topic.title} (n = {len(samples)})"
            drawing, extra = draw(ctx, topic, edges, counts, mean, median, std, notes, colors, grid, title)
            if not overlapping_labels(drawing.texts):
                break

        n = len(samples)
        ordered = sorted(samples)
        what = topic.title[0].lower() + topic.title[1:]
        bins = ", ".join(f"[{a}, {b})" for a, b in zip(edges, edges[1:-1])) + f", [{edges[-2]}, {edges[-1]}]"
        data_text = ", ".join(str(v) for v in samples)
        middle = (f"the {ordinal((n + 1) // 2)} value, {median}" if n % 2 else
                  f"the mean of the {ordinal(n // 2)} and {ordinal(n // 2 + 1)} values, ({ordered[n // 2 - 1]} + "
                  f"{ordered[n // 2]})/2 = {exact(median)}")
        cot = (
            f"1. Count the {n} values per bin ({RULE}): "
            + ", ".join(f"{a}–{b}: {c}" for a, b, c in zip(edges, edges[1:], counts)) + ". "
            f"2. Mean = {sum(samples)}/{n} = {exact(mean)}. "
            f"3. Sorted: {', '.join(str(v) for v in ordered)}; the median is {middle}. "
            f"4. Population variance = Σ(x - mean)²/n = {variance} ≈ {float(variance):.4f}, so σ = "
            f"{std} ≈ {float(std):.4f}. "
            f"5. Draw {len(counts)} touching {bars_name} bars with their counts on top, a dashed {mean_name} line at "
            f"the mean labelled '{notes['mean']}', a dotted {median_name} line at the median labelled "
            f"'{notes['median']}', and a double arrow from mean - σ to mean + σ labelled '{notes['std']}'."
        )
        explicit = (
            f"Draw a histogram titled '{title}' with x-axis '{topic.x_label}', bin edges {edges} ({RULE}) and "
            f"y-axis 'Frequency'. Bar heights (counts): {counts}, in {bars_name}, each count written above its bar. "
            f"Draw a dashed {mean_name} vertical line at x = {data.approx(mean)[1]} labelled '{notes['mean']}', a "
            f"dotted {median_name} vertical line at x = {data.approx(median)[1]} labelled '{notes['median']}', and a "
            f"horizontal double arrow from {float(mean - std):.2f} to {float(mean + std):.2f} labelled "
            f"'{notes['std']}' near the top."
        )
        return ScienceItem(
            instruction=choose(rng, EN).format(what=what, bins=bins, data=data_text, n=n, edges=edges),
            instruction_explicit=explicit,
            instruction_zh=choose(rng, ZH).format(what=topic.title_zh, bins=bins, data=data_text, n=n, edges=edges),
            cot=cot,
            answer={
                "edges": edges,
                "counts": counts,
                "n": n,
                "mean": data.rounded(mean),
                "mean_exact": str(mean),
                "median": data.rounded(median),
                "median_exact": str(median),
                "variance_exact": str(variance),
                "std": data.rounded(std),
                "std_exact": str(std),
            },
            problem={"topic": topic.title, "samples": samples, "edges": edges, "rule": RULE},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="hard" if n > 30 else "medium",
            labels={"texts": drawing.texts, "objects": extra["objects"]},
            render={"colors": colors, "grid": grid, "frame": extra["frame"]},
        )
