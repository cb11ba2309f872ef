"""statistics.line: a time series as a line chart; the largest rise between consecutive
points is drawn thicker in another colour and annotated."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from matplotlib import patheffects

from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.statistics import data, stats
from synthesis.science.statistics.layout import (
    axes_at, font_scale, left_margin, nice_ticks, pick_colors, pt, text_size, tick_text, to_pixels, widest,
)
from synthesis.science.statistics.prompts import choose, exact, listing, listing_zh
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate
from synthesis.science.themes import Theme

MAX_TRIES = 12
TITLE_FONT, AXIS_FONT, POINT_FONT, NOTE_FONT = 13.0, 10.0, 8.5, 9.5
TICK_ROTATION = 35.0
# Where a point's value label may go (degrees, 0 = right, 90 = up): the one farthest
# from both line segments at that point is used.
LABEL_ANGLES = (90, 270, 45, 135, 225, 315, 0, 180)

EN = (
    "Draw a line chart of {what}: {data}. Label each point with its value and highlight the largest increase "
    "between consecutive points.",
    "Plot {what} over time ({data}) as a line chart, and point out where it rose the most from one point to "
    "the next.",
    "Make a line graph of {what} — {data} — with value labels, and annotate the biggest jump up.",
)
ZH = (
    "画出{what}的折线图：{data}。标出每个点的数值，并突出显示相邻两点之间的最大增幅。",
    "用折线图表示{what}（{data}），并标注相邻两点间增长最多的一段。",
)


def sample_series(rng: np.random.Generator, topic: data.Topic) -> tuple[list[str], list[sp.Rational]]:
    """A random walk inside the topic's range, in steps of the topic's precision."""
    n = int(rng.integers(6, min(10, len(topic.categories)) + 1))
    names = data.categories(rng, topic, n)
    scale = 10 ** topic.decimals
    lo, hi = int(round(topic.low * scale)), int(round(topic.high * scale))
    k = int(rng.integers(lo, hi + 1))
    ks = [k]
    for _ in range(n - 1):
        k = int(np.clip(k + round(rng.normal(0, (hi - lo) / 5)), lo, hi))
        ks.append(k)
    return names, [sp.Rational(k, scale) for k in ks]


def _label_angle(prev: tuple | None, here: tuple, nxt: tuple | None) -> float:
    """The candidate direction farthest (in angle) from the segments leaving `here`; the end
    points never put their label outwards (it would leave the plot)."""
    directions = [math.degrees(math.atan2(q[1] - here[1], q[0] - here[0])) for q in (prev, nxt) if q is not None]
    candidates = [a for a in LABEL_ANGLES
                  if not (prev is None and math.cos(math.radians(a)) < -0.3)
                  and not (nxt is None and math.cos(math.radians(a)) > 0.3)]

    def gap(angle: float) -> float:
        return min((abs((angle - d + 180) % 360 - 180) for d in directions), default=180.0)

    return max(candidates, key=lambda a: (round(gap(a), 3), -LABEL_ANGLES.index(a)))


def draw(ctx: RenderContext, topic: data.Topic, names: list[str], values: list[sp.Rational], rise: int,
         note: str, colors: dict[str, str], grid: bool) -> tuple[Drawing, dict]:
    theme: Theme = ctx.theme
    n = len(values)
    ys = [float(v) for v in values]
    texts = [data.show(v, topic.decimals) for v in values]
    with figure(ctx, layout=None) as fig:
        p, fs = pt(fig), font_scale(fig)
        width, height = fig.bbox.width, fig.bbox.height
        title_h = text_size(fig, topic.title, TITLE_FONT * fs)[1]
        label_w, label_h = widest(fig, texts, POINT_FONT * fs)
        note_w, note_h = text_size(fig, note, NOTE_FONT * fs)
        top = 8 * p + title_h + 10 * p
        right = 16 * p
        xlabel_h = text_size(fig, topic.x_label, AXIS_FONT * fs)[1]
        ticks: list[float] = [min(ys), max(ys)]
        for _ in range(3):  # tick labels set the left margin, which sets the rotation of the x labels
            left = left_margin(fig, topic.y_label, ticks, AXIS_FONT * fs)
            slot = (width - left - right) / n
            cat_w, cat_h = widest(fig, names, AXIS_FONT * fs)
            rotation = 0.0 if cat_w <= 0.92 * slot else TICK_ROTATION
            if rotation:
                cat_h = widest(fig, names, AXIS_FONT * fs, rotation=rotation)[1]
            bottom = 8 * p + xlabel_h + 6 * p + cat_h + 7 * p
            axes_h = height - top - bottom
            # Bands in px: below the lowest point room for its label; above the highest point
            # room for its label and then a row for the annotation.
            below = label_h + 10 * p
            above = label_h + 10 * p + note_h + 10 * p
            span = max(ys) - min(ys)
            per_px = span / (axes_h - above - below)
            ylim = (min(ys) - below * per_px, max(ys) + above * per_px)
            ticks = [t for t in nice_ticks(*ylim) if ylim[0] <= t <= ylim[1]]

        ax = axes_at(fig, left, bottom, right, top)
        ax.set_xlim(-0.5, n - 0.5)
        ax.set_ylim(*ylim)
        ax.tick_params(labelsize=AXIS_FONT * fs)
        ax.set_yticks(ticks, [tick_text(t) for t in ticks])
        ax.set_xticks(range(n), names, rotation=rotation, ha="right" if rotation else "center",
                      rotation_mode="anchor" if rotation else "default")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if grid:
            ax.grid(True)
        if ylim[0] < 0 < ylim[1]:
            ax.axhline(0.0, color=theme.ink, lw=0.8, alpha=0.6, zorder=1)
        ax.set_xlabel(topic.x_label, fontsize=AXIS_FONT * fs)
        ax.set_ylabel(topic.y_label, fontsize=AXIS_FONT * fs)
        fig.text(0.5, 1 - 8 * p / height, topic.title, fontsize=TITLE_FONT * fs, ha="center", va="top")

        xs = list(range(n))
        ax.plot(xs, ys, color=colors["line"], lw=2.0, marker="o", ms=5, zorder=3)
        halo = [patheffects.Stroke(linewidth=6.5, foreground=theme.paper), patheffects.Normal()]
        ax.plot(xs[rise:rise + 2], ys[rise:rise + 2], color=colors["rise"], lw=4.0, marker="o", ms=7,
                zorder=4, solid_capstyle="round", path_effects=halo)

        pixels = [tuple(q) for q in ax.transData.transform(list(zip(xs, ys)))]
        for i, (x, y, text) in enumerate(zip(xs, ys, texts)):
            angle = _label_angle(pixels[i - 1] if i else None, pixels[i], pixels[i + 1] if i + 1 < n else None)
            c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            ax.annotate(text, (x, y), xytext=(7 * c, 7 * s), textcoords="offset points", fontsize=POINT_FONT * fs,
                        ha="left" if c > 0.3 else "right" if c < -0.3 else "center",
                        va="bottom" if s > 0.3 else "top" if s < -0.3 else "center", zorder=5)

        # The note sits in the top band, over the middle of the rise, kept inside the axes.
        mid = (rise + 0.5, (ys[rise] + ys[rise + 1]) / 2)
        per_x = (width - left - right) / n
        half = (note_w / 2 + 4 * p) / per_x
        note_x = min(max(mid[0], -0.5 + half), n - 0.5 - half)
        note_y = ylim[1] - (6 * p + note_h / 2) * per_px
        # Text and arrow are separate artists: an annotation's extent would include its arrow.
        label = ax.text(note_x, note_y, note, fontsize=NOTE_FONT * fs, color=colors["rise"], ha="center", va="center",
                        zorder=6)
        # The arrow leaves the note straight above the segment's middle where the note reaches it.
        start = 0.5 + (mid[0] - note_x) * per_x / note_w
        ax.annotate("", mid, xytext=(min(max(start, 0.05), 0.95), 0.0), textcoords=label, zorder=6,
                    arrowprops={"arrowstyle": "->", "color": colors["rise"], "lw": 1.2, "shrinkA": 2, "shrinkB": 6})
        drawing = finish(fig)
        points = to_pixels(ax, fig, list(zip(xs, ys)))
    objects = [{"label": "point", "category": c, "value": t, "point": q} for c, t, q in zip(names, texts, points)]
    objects.append({"label": "largest increase", "from": names[rise], "to": names[rise + 1],
                    "points": points[rise:rise + 2]})
    frame = {"margins": [left, bottom, right, top], "ylim": list(ylim), "yticks": ticks, "tick_rotation": rotation}
    return drawing, {"objects": objects, "frame": frame}


class LineTemplate(ScienceTemplate):
    name = "statistics.line"
    family = "statistics"
    subject = "Statistics"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            topic = data.pick(rng, data.LINE_TOPICS)
            names, values = sample_series(rng, topic)
            found = stats.largest_increase(values)
            if found is None:
                continue
            rise, step = found
            d = topic.decimals
            note = f"largest increase: +{data.show(step, d)} ({names[rise]} → {names[rise + 1]})"
            (line_color, line_name), (rise_color, rise_name) = pick_colors(rng, ctx.theme, 2)
            colors = {"line": line_color, "rise": rise_color}
            grid = bool(rng.random() < 0.6)
            drawing, extra = draw(ctx, topic, names, values, rise, note, colors, grid)
            if not overlapping_labels(drawing.texts):
                break

        texts = [data.show(v, d) for v in values]
        steps = [b - a for a, b in zip(values, values[1:])]
        step_texts = [("+" if s > 0 else "") + data.show(s, d) for s in steps]
        what = topic.title[0].lower() + topic.title[1:]
        cot = (
            f"1. The values are {listing(names, texts)}. "
            f"2. Changes between consecutive points: "
            + ", ".join(f"{a}→{b}: {t}" for a, b, t in zip(names, names[1:], step_texts))
            + f". 3. The largest increase is {exact(step)}, from {names[rise]} ({texts[rise]}) to "
            f"{names[rise + 1]} ({texts[rise + 1]}). "
            f"4. Plot the points joined by a {line_name} line, label each with its value, redraw the segment "
            f"{names[rise]}–{names[rise + 1]} thicker in {rise_name} and annotate it '{note}' with an arrow."
        )
        lo, hi = extra["frame"]["ylim"]
        explicit = (
            f"Draw a line chart titled '{topic.title}' with {', '.join(names)} on the x-axis (label "
            f"'{topic.x_label}') and a y-axis labelled '{topic.y_label}' from {lo:.4g} to {hi:.4g}. Plot the points "
            f"{listing(names, texts)} with round markers joined by a solid {line_name} line, and write each value "
            f"next to its point. Redraw the segment from {names[rise]} to {names[rise + 1]} (the largest increase, "
            f"+{data.show(step, d)}) as a thick {rise_name} line and label it '{note}' above the data with an "
            f"arrow pointing at the segment."
        )
        return ScienceItem(
            instruction=choose(rng, EN).format(what=what, data=listing(names, texts)),
            instruction_explicit=explicit,
            instruction_zh=choose(rng, ZH).format(what=topic.title_zh, data=listing_zh(names, texts)),
            cot=cot,
            answer={
                "categories": names,
                "values": [data.to_json(v, d) for v in values],
                "increases": [data.rounded(s) for s in steps],
                "largest_increase": data.rounded(step),
                "largest_increase_exact": str(step),
                "from": names[rise],
                "to": names[rise + 1],
                "from_index": rise,
            },
            problem={"topic": topic.title, "categories": names, "values": [data.to_json(v, d) for v in values],
                     "decimals": d},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="medium" if d or len(values) > 8 else "easy",
            labels={"texts": drawing.texts, "objects": extra["objects"]},
            render={"colors": colors, "grid": grid, "frame": extra["frame"]},
        )
