"""Bar charts (single or grouped) with value labels and optional dashed mean lines.

Drawing happens in two steps: `plan` measures every text that any of the given charts
will show and fixes the frame (margins, y ticks, label font and rotation); `draw` puts one
chart into that frame. An edit plans once over the source and the target chart and draws
both into the same frame, so only the edited bar, its label and the mean line move.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import sympy as sp
from matplotlib import patheffects
from matplotlib.figure import Figure

from synthesis.science.statistics.data import approx
from synthesis.science.statistics.layout import (
    axes_at, font_scale, left_margin, nice_ticks, pt, spread_apart, text_size, tick_text, to_pixels, widest,
)
from synthesis.science.themes import Theme

TITLE_FONT = 13.0
AXIS_FONT = 10.0  # tick labels and axis labels (matplotlib's default size)
MEAN_FONT = 9.0
LEGEND_FONT = 9.0
VALUE_FONTS = (9.0, 8.0, 7.0)  # tried in order until the value labels fit over their bars
GROUP_WIDTH = 0.8  # of one category slot, shared by the bars of a group
TICK_ROTATION = 35.0  # category labels, when they do not fit side by side


@dataclass
class BarSeries:
    name: str
    values: list[sp.Rational]
    color: str
    value_texts: list[str]  # the label written above each bar


@dataclass
class MeanLine:
    value: sp.Rational
    text: str  # "mean\n= 12.4"
    color: str


@dataclass
class BarChart:
    title: str
    x_label: str
    y_label: str
    categories: list[str]
    series: list[BarSeries]
    means: list[MeanLine]  # one per series, or none
    grid: bool = True


@dataclass(frozen=True)
class BarFrame:
    """Everything about the layout that must not change between an edit's two images."""

    margins: tuple[float, float, float, float]  # left, bottom, right, top (px)
    yticks: tuple[float, ...]
    value_font: float
    value_rotation: float
    tick_rotation: float

    def as_json(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


def _value_font(fig: Figure, texts: list[str], spacing: float) -> tuple[float, float, float]:
    """(font, rotation, vertical extent px) of the value labels: horizontal if they fit
    between neighbouring bars, else vertical, at the largest font that fits."""
    for font in (f * font_scale(fig) for f in VALUE_FONTS):
        w, h = widest(fig, texts, font)
        if w <= spacing - 2:
            return font, 0.0, h
        if h <= spacing - 2:
            return font, 90.0, w
    font = VALUE_FONTS[-1] * font_scale(fig)
    return font, 90.0, widest(fig, texts, font)[0]


def plan(fig: Figure, charts: list[BarChart]) -> BarFrame:
    """The frame that fits every text of every chart (they share categories and labels)."""
    p, fs = pt(fig), font_scale(fig)
    width, height = fig.bbox.width, fig.bbox.height
    first = charts[0]
    n, k = len(first.categories), len(first.series)
    vmax = float(max(v for c in charts for s in c.series for v in s.values))
    value_texts = [t for c in charts for s in c.series for t in s.value_texts]
    mean_texts = [m.text for c in charts for m in c.means]

    title_h = text_size(fig, first.title, TITLE_FONT * fs)[1]
    legend_h = text_size(fig, "Ag", LEGEND_FONT * fs)[1] + 8 * p if k > 1 else 0.0
    top = 8 * p + title_h + 12 * p + legend_h
    xlabel_h = text_size(fig, first.x_label, AXIS_FONT * fs)[1]
    right = widest(fig, mean_texts, MEAN_FONT * fs)[0] + 14 * p if mean_texts else 16 * p

    ticks = nice_ticks(0.0, vmax * 1.1)
    for _ in range(4):  # ticks -> left margin -> bar spacing -> label room -> ticks: settle it
        left = left_margin(fig, first.y_label, ticks, AXIS_FONT * fs)
        slot = (width - left - right) / n
        cat_w, cat_h = widest(fig, first.categories, AXIS_FONT * fs)
        tick_rotation = 0.0 if cat_w <= 0.92 * slot else TICK_ROTATION
        if tick_rotation:
            cat_h = widest(fig, first.categories, AXIS_FONT * fs, rotation=tick_rotation)[1]
        bottom = 8 * p + xlabel_h + 6 * p + cat_h + 7 * p
        axes_h = height - top - bottom
        font, rotation, extent = _value_font(fig, value_texts, slot * GROUP_WIDTH / k)
        room = extent + 6 * p  # label offset, box padding and a little air under the top
        needed = vmax / (1 - room / axes_h)
        new_ticks = nice_ticks(0.0, needed)
        if new_ticks == ticks:
            break
        ticks = new_ticks
    return BarFrame((left, bottom, right, top), tuple(ticks), font, rotation, tick_rotation)


def bar_positions(n: int, k: int) -> tuple[list[list[float]], float]:
    """x centre of every bar (per series) and the drawn bar width."""
    width = GROUP_WIDTH / k
    xs = [[i - GROUP_WIDTH / 2 + width * (j + 0.5) for i in range(n)] for j in range(k)]
    return xs, width * (0.88 if k > 1 else 0.85)


def draw(fig: Figure, chart: BarChart, frame: BarFrame, theme: Theme) -> dict:
    """Draw `chart` into `frame`; returns the pixel positions of bars and mean lines."""
    p, fs = pt(fig), font_scale(fig)
    n, k = len(chart.categories), len(chart.series)
    ax = axes_at(fig, *frame.margins)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(frame.yticks[0], frame.yticks[-1])
    ax.set_yticks(frame.yticks, [tick_text(t) for t in frame.yticks])
    rotated = frame.tick_rotation != 0
    ax.set_xticks(range(n), chart.categories, rotation=frame.tick_rotation,
                  ha="right" if rotated else "center", rotation_mode="anchor" if rotated else "default")
    ax.tick_params(labelsize=AXIS_FONT * fs)
    ax.tick_params(axis="x", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    if chart.grid:
        ax.yaxis.grid(True)
    ax.set_xlabel(chart.x_label, fontsize=AXIS_FONT * fs)
    ax.set_ylabel(chart.y_label, fontsize=AXIS_FONT * fs)
    fig.text(0.5, 1 - 8 * p / fig.bbox.height, chart.title, fontsize=TITLE_FONT * fs, ha="center", va="top")

    xs, bar_width = bar_positions(n, k)
    bars = []
    for j, series in enumerate(chart.series):
        heights = [float(v) for v in series.values]
        ax.bar(xs[j], heights, width=bar_width, color=series.color, linewidth=0, zorder=2, label=series.name)
        for i, (x, v, text) in enumerate(zip(xs[j], heights, series.value_texts)):
            ax.annotate(text, (x, v), xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                        rotation=frame.value_rotation, fontsize=frame.value_font, color=theme.ink, zorder=5,
                        bbox={"boxstyle": "square,pad=0.12", "fc": theme.paper, "ec": "none"})
            (l, t), (r, b) = to_pixels(ax, fig, [(x - bar_width / 2, v), (x + bar_width / 2, 0.0)])
            bars.append({"label": "bar", "series": series.name, "category": chart.categories[i],
                         "value": text, "box": [l, t, r, b]})
    if k > 1:
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=k, fontsize=LEGEND_FONT * fs,
                  borderaxespad=0.3, handlelength=1.2, columnspacing=1.5)

    lines = []
    if chart.means:
        # Labels sit in the right margin at the height of their line, pushed apart if two are close.
        ys = [float(ax.transData.transform((0, float(m.value)))[1]) for m in chart.means]
        label_h = widest(fig, [m.text for m in chart.means], MEAN_FONT * fs)[1]
        placed = spread_apart(ys, label_h + 3 * p)
        halo = [patheffects.Stroke(linewidth=3.6, foreground=theme.paper), patheffects.Normal()]
        for m, y, y_label in zip(chart.means, ys, placed):
            ax.axhline(float(m.value), color=m.color, ls=(0, (5, 3)), lw=1.6, zorder=3, path_effects=halo)
            ax.annotate(m.text, (1.0, float(m.value)), xycoords=("axes fraction", "data"),
                        xytext=(6 * p, y_label - y), textcoords="offset pixels", ha="left", va="center",
                        fontsize=MEAN_FONT * fs, color=m.color, annotation_clip=False)
            lines.append({"label": "mean line", "value": m.text, "y": round(fig.bbox.height - y, 2)})
    baseline = to_pixels(ax, fig, [(0.0, 0.0)])[0][1]
    return {"bars": bars, "mean_lines": lines, "baseline_y": baseline}


def mean_label(mean: sp.Rational, series: str | None = None) -> str:
    """The text beside a mean line: 'mean\\n= 12.4' or '2023 mean\\n≈ 12.33'."""
    sign, text = approx(mean)
    return f"{series + ' ' if series else ''}mean\n{sign} {text}"
