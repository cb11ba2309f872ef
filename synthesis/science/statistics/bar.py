"""statistics.bar: a bar chart (sometimes grouped) with value labels and the mean of each
series as a dashed line labelled with its value."""

from __future__ import annotations

import numpy as np

from synthesis.science.render import figure, finish, overlapping_labels
from synthesis.science.statistics import bars, data, stats
from synthesis.science.statistics.layout import pick_colors
from synthesis.science.statistics.prompts import choose, exact, listing, listing_zh, sum_text
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 12  # resample when the largest value is shared or labels would collide

EN = (
    "Make a bar chart of {what}: {data}. Label every bar with its value and show the mean as a dashed line.",
    "Plot these numbers as bars ({what}): {data}. Write the value on each bar and mark the average with a "
    "labelled dashed line.",
    "Draw a bar chart for {what} ({data}), with value labels and a dashed line at the mean.",
)
EN_GROUPED = (
    "Make a grouped bar chart of {what}, comparing {groups}: {data}. Label every bar with its value and draw "
    "the mean of each series as a dashed line.",
    "Compare {groups} in a grouped bar chart of {what} ({data}); put the values on the bars and show each "
    "series' average as a labelled dashed line.",
)
ZH = (
    "画一个{what}的条形图：{data}。在每个条形上标出数值，并用虚线画出平均值。",
    "用条形图表示{what}（{data}），标注每个条形的数值，并用带标签的虚线标出平均值。",
)
ZH_GROUPED = (
    "画一个{what}的分组条形图，比较{groups}：{data}。在每个条形上标出数值，并用虚线画出每个系列的平均值。",
)


def sample_data(rng: np.random.Generator, grouped: bool) -> tuple[data.Topic, list[str], list[list]]:
    topic = data.pick(rng, data.BAR_TOPICS)
    n = int(rng.integers(3, 6)) if grouped else int(rng.integers(4, 9))
    names = data.categories(rng, topic, n)
    series = [data.values(rng, topic.low, topic.high, topic.decimals, len(names)) for _ in range(2 if grouped else 1)]
    return topic, names, series


class BarTemplate(ScienceTemplate):
    name = "statistics.bar"
    family = "statistics"
    subject = "Statistics"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            grouped = bool(rng.random() < 0.35)
            topic, names, series_values = sample_data(rng, grouped)
            if any(stats.argmax_unique(v) is None for v in series_values):
                continue
            k = len(series_values)
            series_names = list(topic.groups) if grouped else [topic.y_label]
            colors = _colors(rng, ctx, k)
            means = [stats.mean(v) for v in series_values]
            chart = bars.BarChart(
                topic.title, topic.x_label, topic.y_label, names,
                [bars.BarSeries(series_names[j], series_values[j], colors["bars"][j][0],
                                [data.show(v, topic.decimals) for v in series_values[j]]) for j in range(k)],
                [bars.MeanLine(m, bars.mean_label(m, series_names[j] if grouped else None), colors["means"][j][0])
                 for j, m in enumerate(means)],
                grid=bool(rng.random() < 0.6),
            )
            with figure(ctx, layout=None) as fig:
                frame = bars.plan(fig, [chart])
                objects = bars.draw(fig, chart, frame, ctx.theme)
                drawing = finish(fig)
            if not overlapping_labels(drawing.texts):
                break
        return self._item(rng, topic, chart, frame, colors, drawing, objects, grouped)

    def _item(self, rng, topic, chart: bars.BarChart, frame: bars.BarFrame, colors, drawing, objects,
              grouped: bool) -> ScienceItem:
        d = topic.decimals
        answer_series, problem_series = [], []
        cot = []
        for j, s in enumerate(chart.series):
            mean = stats.mean(s.values)
            top = stats.argmax_unique(s.values)
            answer_series.append({
                "name": s.name,
                "values": [data.to_json(v, d) for v in s.values],
                "mean": data.rounded(mean),
                "mean_exact": str(mean),
                "max_category": chart.categories[top],
                "max_value": data.to_json(s.values[top], d),
            })
            problem_series.append({"name": s.name, "values": [data.to_json(v, d) for v in s.values]})
            prefix = f"{s.name}: " if grouped else ""
            cot.append(
                f"{len(cot) + 1}. {prefix}sum = {sum_text(s.value_texts)} = {data.show(sum(s.values), d)}; "
                f"there are {len(s.values)} values, so the mean is {data.show(sum(s.values), d)}/{len(s.values)} "
                f"= {exact(mean)}. The largest value is {s.value_texts[top]} ({chart.categories[top]})."
            )
        names = chart.categories
        bar_colors = " and ".join(f"{c[1]} ({s.name})" for c, s in zip(colors["bars"], chart.series)) \
            if grouped else colors["bars"][0][1]
        mean_texts = "; ".join(f"a dashed {c[1]} line at y = {data.approx(m.value)[1]} labelled "
                               f"'{m.text.replace(chr(10), ' ')}' at the right"
                               for c, m in zip(colors["means"], chart.means))
        ticks = ", ".join(f"{t:g}" for t in frame.yticks)
        cot.append(
            f"{len(cot) + 1}. Draw the {'grouped ' if grouped else ''}bars in {bar_colors} on a y-axis from 0 to "
            f"{frame.yticks[-1]:g} (ticks {ticks}), write each value above its bar, and add {mean_texts}."
        )
        what = topic.title[0].lower() + topic.title[1:]
        if grouped:
            per_category = [" and ".join(s.value_texts[i] for s in chart.series) for i in range(len(names))]
            groups = " and ".join(s.name for s in chart.series)
            values_en = listing(names, per_category)
            values_zh = listing_zh(names, [" / ".join(s.value_texts[i] for s in chart.series)
                                           for i in range(len(names))])
            abstract = choose(rng, EN_GROUPED).format(what=what, groups=groups, data=values_en)
            zh = choose(rng, ZH_GROUPED).format(what=topic.title_zh, groups="与".join(s.name for s in chart.series),
                                                data=values_zh)
        else:
            s = chart.series[0]
            abstract = choose(rng, EN).format(what=what, data=listing(names, s.value_texts))
            zh = choose(rng, ZH).format(what=topic.title_zh, data=listing_zh(names, s.value_texts))
        series_desc = "; ".join(f"{s.name} bars: {listing(names, s.value_texts)}" for s in chart.series)
        explicit = (
            f"Draw a vertical {'grouped ' if grouped else ''}bar chart titled '{chart.title}' with the categories "
            f"{', '.join(names)} on the x-axis (label '{chart.x_label}') and a y-axis labelled '{chart.y_label}' "
            f"from 0 to {frame.yticks[-1]:g} with ticks at {ticks}. {series_desc}, coloured {bar_colors}. "
            f"Write each value just above its bar. Add {mean_texts}."
            + (" Put a legend naming the series above the plot." if grouped else "")
        )
        return ScienceItem(
            instruction=abstract,
            instruction_explicit=explicit,
            instruction_zh=zh,
            cot=" ".join(cot),
            answer={"categories": names, "series": answer_series},
            problem={"topic": topic.title, "categories": names, "decimals": d, "series": problem_series},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="medium" if grouped or d else "easy",
            labels={"texts": drawing.texts, "objects": objects["bars"] + objects["mean_lines"],
                    "baseline_y": objects["baseline_y"]},
            render={"colors": {"bars": [c[0] for c in colors["bars"]], "means": [c[0] for c in colors["means"]]},
                    "grid": chart.grid, "frame": frame.as_json()},
        )


def _colors(rng: np.random.Generator, ctx: RenderContext, k: int) -> dict[str, list[tuple[str, str]]]:
    """Bar colours per series; a single series gets a different colour for its mean line,
    grouped series draw their mean in the series colour."""
    picked = pick_colors(rng, ctx.theme, 2)
    if k == 1:
        return {"bars": picked[:1], "means": picked[1:2]}
    return {"bars": picked, "means": picked}
