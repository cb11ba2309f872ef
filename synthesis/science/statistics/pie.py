"""statistics.pie: a pie chart of counts, each slice labelled with its percentage, rounded by
the largest-remainder rule so that the labels add up to exactly 100%."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from matplotlib.patches import Wedge

from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.statistics import data, stats
from synthesis.science.statistics.layout import font_scale, pt, readable_on, text_size, to_pixels
from synthesis.science.statistics.prompts import choose, listing, listing_zh
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate
from synthesis.science.themes import Theme

MAX_TRIES = 16
MIN_SHARE = sp.Rational(7, 100)  # smaller slices cannot hold their label
TITLE_FONT, PERCENT_FONT, LEGEND_FONT = 13.0, 10.0, 10.0
HATCHES = ("", "///", "...")  # when a theme has fewer colours than slices

RULE = ("rounded to {places} with the largest-remainder method (round every share down, then give the "
        "leftover {unit}s one each to the largest remainders) so that they add up to exactly 100%")
RULE_ZH = "按最大余数法取{places_zh}（先全部向下取整，再把剩余的{unit_zh}依次分给余数最大的部分），使总和恰好为 100%"
EN = (
    "Draw a pie chart of {what}: {data}. Label each slice with its percentage, {rule}.",
    "Show {what} ({data}) as a pie chart with percentage labels {rule}.",
)
ZH = (
    "画出{what}的饼图：{data}。在每个扇形上标出百分比，{rule}。",
    "用饼图表示{what}（{data}），标注百分比，{rule}。",
)


def percent_text(value: sp.Rational, decimals: int) -> str:
    return f"{float(value):.{decimals}f}%"


def _styles(rng: np.random.Generator, theme: Theme, k: int) -> list[tuple[str, str, str]]:
    """(colour, colour name, hatch) per slice: distinct colours first, then hatched repeats."""
    order = [theme.palette[int(i)] for i in rng.permutation(len(theme.palette))]
    return [(*order[i % len(order)], HATCHES[min(i // len(order), len(HATCHES) - 1)]) for i in range(k)]


def draw(ctx: RenderContext, title: str, names: list[str], counts: list[int], labels: list[str],
         styles: list[tuple[str, str, str]]) -> tuple[Drawing, list[dict]]:
    theme = ctx.theme
    total = sum(counts)
    with figure(ctx, layout=None) as fig:
        p, fs = pt(fig), font_scale(fig)
        width, height = fig.bbox.width, fig.bbox.height
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(-1.04, 1.04)
        ax.set_ylim(-1.04, 1.04)
        ax.set_aspect("equal")
        ax.axis("off")
        angle = 90.0  # the first slice starts at 12 o'clock, slices go clockwise
        wedges, mids = [], []
        for count, (color, _, hatch) in zip(counts, styles):
            sweep = 360.0 * count / total
            wedge = Wedge((0, 0), 1.0, angle - sweep, angle, facecolor=color, edgecolor=theme.paper, lw=1.5,
                          hatch=hatch or None)
            ax.add_patch(wedge)
            wedges.append(wedge)
            mids.append(angle - sweep / 2)
            angle -= sweep
        for count, text, mid, (color, _, _) in zip(counts, labels, mids, styles):
            radius = 0.64 if count / total >= 0.12 else 0.74
            a = math.radians(mid)
            ax.text(radius * math.cos(a), radius * math.sin(a), text, ha="center", va="center",
                    fontsize=PERCENT_FONT * fs, color=readable_on(color, theme), zorder=4,
                    bbox={"boxstyle": "round,pad=0.2", "fc": color, "ec": "none"})
        fig.text(0.5, 1 - 8 * p / height, title, fontsize=TITLE_FONT * fs, ha="center", va="top")
        entries = [f"{n} ({c})" for n, c in zip(names, counts)]
        widths = [text_size(fig, e, LEGEND_FONT * fs)[0] + 40 * p for e in entries]  # + handle and spacing
        columns = max(c for c in range(1, len(entries) + 1)
                      if c == 1 or max(widths) * c <= width - 24 * p)
        legend = fig.legend(wedges, entries, loc="lower center", bbox_to_anchor=(0.5, 6 * p / height),
                            ncols=columns, fontsize=LEGEND_FONT * fs, handlelength=1.4, columnspacing=1.6)
        legend_top = legend.get_window_extent(fig.canvas.get_renderer()).y1
        title_h = text_size(fig, title, TITLE_FONT * fs)[1]
        # The largest square between the legend and the title, centred.
        bottom, top = legend_top + 8 * p, height - 8 * p - title_h - 8 * p
        side = min(top - bottom, width - 16 * p)
        ax.set_position(((width - side) / 2 / width, (bottom + (top - bottom - side) / 2) / height,
                         side / width, side / height))
        drawing = finish(fig)
        centres = to_pixels(ax, fig, [(0.0, 0.0), (1.0, 0.0)])
    objects = [{"label": "pie", "centre": centres[0], "radius_px": round(centres[1][0] - centres[0][0], 2)}]
    objects += [{"label": "slice", "category": n, "percent": t, "start_deg": round(m + 180.0 * c / total, 6),
                 "sweep_deg": round(360.0 * c / total, 6)} for n, c, t, m in zip(names, counts, labels, mids)]
    return drawing, objects


class PieTemplate(ScienceTemplate):
    name = "statistics.pie"
    family = "statistics"
    subject = "Statistics"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            topic = data.pick(rng, data.PIE_TOPICS)
            k = int(rng.integers(3, 7))
            names = data.categories(rng, topic, k)
            counts = [int(v) for v in data.values(rng, topic.low, topic.high, 0, len(names))]
            decimals = int(rng.random() < 0.4)
            percents = stats.largest_remainder_percents(counts, decimals)
            if percents is None or min(counts) < MIN_SHARE * sum(counts):
                continue
            labels = [percent_text(v, decimals) for v in percents]
            styles = _styles(rng, ctx.theme, len(names))
            drawing, objects = draw(ctx, topic.title, names, counts, labels, styles)
            if not overlapping_labels(drawing.texts):
                break

        total = sum(counts)
        shares = [sp.Rational(c, total) for c in counts]
        exact_percents = [100 * s for s in shares]
        places, unit = ("whole percents", "percent") if decimals == 0 else ("one decimal place", "0.1 percent")
        places_zh, unit_zh = ("整数百分比", "1%") if decimals == 0 else ("一位小数", "0.1%")
        rule = RULE.format(places=places, unit=unit)
        what = topic.title[0].lower() + topic.title[1:]
        count_texts = [str(c) for c in counts]
        scale = 10 ** decimals
        floors = [sp.floor(e * scale) / scale for e in exact_percents]
        bumped = [n for n, f, v in zip(names, floors, percents) if v != f]
        cot = (
            f"1. Total = {' + '.join(count_texts)} = {total}. "
            f"2. Shares: " + ", ".join(f"{n} {c}/{total} = {s}" for n, c, s in zip(names, counts, shares))
            + ". 3. Exact percentages: "
            + ", ".join(f"{n} {float(e):.4g}%" for n, e in zip(names, exact_percents))
            + f". 4. Rounded down to {places} they sum to {float(sum(floors)):g}%, so "
            + (f"the leftover goes to the largest remainders: {', '.join(bumped)}. " if bumped
               else "nothing is left over. ")
            + f"Labels: {listing(names, labels)} (sum 100%). "
            f"5. Draw the slices clockwise from 12 o'clock in "
            + ", ".join(f"{c[1]}{' hatched' if c[2] else ''} ({n})" for n, c in zip(names, styles))
            + ", write each percentage inside its slice and a legend with the counts below."
        )
        explicit = (
            f"Draw a pie chart titled '{topic.title}' with {len(names)} slices, clockwise from 12 o'clock: "
            + ", ".join(f"{n} {c} of {total} ({style[1]}{', hatched' if style[2] else ''})"
                        for n, c, style in zip(names, counts, styles))
            + f". Write inside each slice its percentage, {rule}: {listing(names, labels)}. Add a legend "
            f"below the pie listing each category with its count."
        )
        return ScienceItem(
            instruction=choose(rng, EN).format(what=what, data=listing(names, count_texts), rule=rule),
            instruction_explicit=explicit,
            instruction_zh=choose(rng, ZH).format(what=topic.title_zh, data=listing_zh(names, count_texts),
                                                  rule=RULE_ZH.format(places_zh=places_zh, unit_zh=unit_zh)),
            cot=cot,
            answer={
                "categories": names,
                "counts": counts,
                "total": total,
                "shares_exact": [str(s) for s in shares],
                "shares": [data.rounded(s) for s in shares],
                "percents": [data.to_json(v, decimals) for v in percents],
                "percent_labels": labels,
            },
            problem={"topic": topic.title, "categories": names, "counts": counts, "decimals": decimals,
                     "rule": "largest remainder"},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="medium" if decimals or len(names) > 4 else "easy",
            labels={"texts": drawing.texts, "objects": objects},
            render={"colors": [c[0] for c in styles], "hatches": [c[2] for c in styles], "start_deg": 90,
                    "clockwise": True},
        )
