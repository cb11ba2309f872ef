"""statistics.change_value_edit: change one bar of a bar chart and redraw.

Source and target share one frame (planned over both charts: same y-limits, ticks, margins,
label fonts), so only the edited bar, its value label and the mean line with its label
differ between the two images.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.render import edit_mask, figure, finish, overlapping_labels
from synthesis.science.statistics import bars, data, stats
from synthesis.science.statistics.layout import pick_colors
from synthesis.science.statistics.prompts import choose, exact, sum_text
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 12

EN = (
    "Change the {category} bar from {old} to {new} and update the mean line.",
    "{category} should be {new}, not {old}: fix that bar and its label, and move the mean accordingly.",
    "Edit the chart so that {category} is {new} instead of {old}; keep everything else as it is, but update "
    "the average line.",
)
ZH = (
    "把 {category} 的条形从 {old} 改为 {new}，并更新平均值线。",
    "{category} 的数值应为 {new} 而不是 {old}：修改该条形及其标签，并相应移动平均值线。",
)


def _chart(topic: data.Topic, names: list[str], values: list[sp.Rational], bar_color: str, mean_color: str,
           grid: bool) -> bars.BarChart:
    mean = stats.mean(values)
    return bars.BarChart(topic.title, topic.x_label, topic.y_label, names,
                         [bars.BarSeries(topic.y_label, values, bar_color,
                                         [data.show(v, topic.decimals) for v in values])],
                         [bars.MeanLine(mean, bars.mean_label(mean), mean_color)], grid)


class ChangeValueEditTemplate(ScienceTemplate):
    name = "statistics.change_value_edit"
    family = "statistics"
    subject = "Statistics"
    image_type = "Plots and Charts"
    task = "edit"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            topic = data.pick(rng, data.BAR_TOPICS)
            names = data.categories(rng, topic, int(rng.integers(4, 9)))
            before = data.values(rng, topic.low, topic.high, topic.decimals, len(names))
            index = int(rng.integers(len(names)))
            new_value = data.values(rng, topic.low, topic.high, topic.decimals, 1)[0]
            after = before[:index] + [new_value] + before[index + 1:]
            if new_value == before[index] or stats.argmax_unique(after) is None:
                continue
            (bar_color, bar_name), (mean_color, mean_name) = pick_colors(rng, ctx.theme, 2)
            grid = bool(rng.random() < 0.6)
            source = _chart(topic, names, before, bar_color, mean_color, grid)
            target = _chart(topic, names, after, bar_color, mean_color, grid)
            drawings = []
            with figure(ctx, layout=None) as fig:
                frame = bars.plan(fig, [source, target])  # one frame for both images
            for chart in (source, target):
                with figure(ctx, layout=None) as fig:
                    objects = bars.draw(fig, chart, frame, ctx.theme)
                    drawings.append((finish(fig), objects))
            if not any(overlapping_labels(d.texts) for d, _ in drawings):
                break

        (src, src_objects), (tgt, objects) = drawings
        d = topic.decimals
        old_text, new_text = data.show(before[index], d), data.show(new_value, d)
        category = names[index]
        old_mean, new_mean = stats.mean(before), stats.mean(after)
        top = stats.argmax_unique(after)
        delta = new_value - before[index]
        values_after = target.series[0].value_texts
        cot = (
            f"1. The chart shows {', '.join(f'{n} {t}' for n, t in zip(names, source.series[0].value_texts))}; "
            f"its mean is {exact(old_mean)}. "
            f"2. Only {category} changes, from {old_text} to {new_text} (a change of "
            f"{'+' if delta > 0 else ''}{data.show(delta, d)}), so the bar's height and its label change. "
            f"3. New sum = {sum_text(values_after)} = {data.show(sum(after), d)}; the mean moves by "
            f"{data.show(delta, d)}/{len(names)} to {data.show(sum(after), d)}/{len(names)} = {exact(new_mean)}. "
            f"4. Keep the axes (0 to {frame.yticks[-1]:g}), ticks and every other bar as they are; redraw the "
            f"{bar_name} {category} bar at {new_text}, move the dashed {mean_name} mean line to "
            f"{data.approx(new_mean)[1]} and relabel it '{target.means[0].text.replace(chr(10), ' ')}'."
        )
        explicit = (
            f"In this bar chart, redraw the {category} bar with height {new_text} (it is {old_text} now) and change "
            f"its value label to '{new_text}'. Move the dashed {mean_name} mean line from "
            f"{data.approx(old_mean)[1]} to {data.approx(new_mean)[1]} and change its label to "
            f"'{target.means[0].text.replace(chr(10), ' ')}'. Keep the y-axis, ticks, title, colours and all other "
            f"bars unchanged."
        )
        return ScienceItem(
            instruction=choose(rng, EN).format(category=category, old=old_text, new=new_text),
            instruction_explicit=explicit,
            instruction_zh=choose(rng, ZH).format(category=category, old=old_text, new=new_text),
            cot=cot,
            answer={
                "category": category,
                "old_value": data.to_json(before[index], d),
                "new_value": data.to_json(new_value, d),
                "values": [data.to_json(v, d) for v in after],
                "mean": data.rounded(new_mean),
                "mean_exact": str(new_mean),
                "old_mean": data.rounded(old_mean),
                "max_category": names[top],
            },
            problem={"topic": topic.title, "categories": names, "values": [data.to_json(v, d) for v in before],
                     "decimals": d, "edit": {"category": category, "new_value": data.to_json(new_value, d)}},
            image=tgt.png,
            width=tgt.width,
            height=tgt.height,
            difficulty="easy" if d == 0 else "medium",
            labels={"texts": tgt.texts, "objects": objects["bars"] + objects["mean_lines"],
                    "baseline_y": objects["baseline_y"], "source_objects": src_objects["mean_lines"]},
            render={"colors": {"bars": [bar_color], "means": [mean_color]}, "grid": grid,
                    "frame": frame.as_json()},
            source_image=src.png,
            mask=edit_mask(src.png, tgt.png),
        )
