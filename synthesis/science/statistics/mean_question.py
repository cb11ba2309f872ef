"""statistics.mean_question: a bar chart whose values appear only as labels on the bars, and a
question about them (mean, median or range). The question text carries no numbers: the
values must be read from the image."""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.render import figure, finish, overlapping_labels
from synthesis.science.statistics import bars, data, stats
from synthesis.science.statistics.layout import pick_colors
from synthesis.science.statistics.prompts import choose, exact, ordinal, sum_text
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 12
STATISTICS = ("mean", "median", "range")

QUESTIONS = {
    "mean": ("What is the average of the values shown?",
             "What is the mean of the values in this bar chart?",
             "Using the labels on the bars, compute the average {what}."),
    "median": ("What is the median of the values shown?",
               "Find the median of the values in this bar chart."),
    "range": ("What is the range of the values shown (largest minus smallest)?",
              "How far apart are the largest and the smallest value in this chart?"),
}
QUESTIONS_ZH = {
    "mean": "图中数值的平均数是多少？",
    "median": "图中数值的中位数是多少？",
    "range": "图中数值的极差（最大值减最小值）是多少？",
}


def solve(statistic: str, values: list[sp.Rational]) -> sp.Rational:
    return {"mean": stats.mean, "median": stats.median, "range": stats.value_range}[statistic](values)


def reasoning(statistic: str, names: list[str], texts: list[str], values: list[sp.Rational], decimals: int,
              result: sp.Rational) -> str:
    read = f"1. Read the labels on the bars: {', '.join(f'{n} {t}' for n, t in zip(names, texts))}."
    n = len(values)
    if statistic == "mean":
        total = data.show(sum(values), decimals)
        return f"{read} 2. Sum = {sum_text(texts)} = {total}. 3. Mean = {total}/{n} = {exact(result)}."
    if statistic == "median":
        ordered = [data.show(v, decimals) for v in sorted(values)]
        middle = (f"the middle ({ordinal((n + 1) // 2)} of {n}) value is {ordered[n // 2]}" if n % 2 else
                  f"{n} values, so the median is the mean of the two middle ones: ({ordered[n // 2 - 1]} + "
                  f"{ordered[n // 2]})/2 = {exact(result)}")
        return f"{read} 2. Sorted: {', '.join(ordered)}. 3. {middle[0].upper()}{middle[1:]}."
    hi, lo = max(values), min(values)
    return (f"{read} 2. Largest = {data.show(hi, decimals)} ({names[values.index(hi)]}), smallest = "
            f"{data.show(lo, decimals)} ({names[values.index(lo)]}). 3. Range = {data.show(hi, decimals)} - "
            f"{data.show(lo, decimals)} = {exact(result)}.")


class MeanQuestionTemplate(ScienceTemplate):
    name = "statistics.mean_question"
    family = "statistics"
    subject = "Statistics"
    image_type = "Plots and Charts"
    task = "und"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            topic = data.pick(rng, data.BAR_TOPICS)
            names = data.categories(rng, topic, int(rng.integers(4, 9)))
            values = data.values(rng, topic.low, topic.high, topic.decimals, len(names))
            statistic = STATISTICS[int(rng.integers(len(STATISTICS)))]
            (color, color_name), = pick_colors(rng, ctx.theme, 1)
            texts = [data.show(v, topic.decimals) for v in values]
            chart = bars.BarChart(topic.title, topic.x_label, topic.y_label, names,
                                  [bars.BarSeries(topic.y_label, values, color, texts)], [],
                                  grid=bool(rng.random() < 0.5))
            with figure(ctx, layout=None) as fig:
                frame = bars.plan(fig, [chart])
                objects = bars.draw(fig, chart, frame, ctx.theme)
                drawing = finish(fig)
            if not overlapping_labels(drawing.texts):
                break

        d = topic.decimals
        result = solve(statistic, values)
        question = choose(rng, QUESTIONS[statistic]).format(what=topic.y_label.split(" (")[0].lower())
        return ScienceItem(
            instruction=question,
            instruction_explicit=(f"{question} Read the value written above each of the {len(names)} bars of the "
                                  f"chart '{topic.title}' and compute the {statistic}; give it exactly and as a "
                                  f"decimal."),
            instruction_zh=QUESTIONS_ZH[statistic],
            cot=reasoning(statistic, names, texts, values, d, result),
            answer={
                "answer": data.rounded(result),
                "answer_exact": str(result),
                "statistic": statistic,
                "categories": names,
                "values": [data.to_json(v, d) for v in values],
            },
            problem={"topic": topic.title, "categories": names, "values": [data.to_json(v, d) for v in values],
                     "decimals": d, "statistic": statistic},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if statistic == "range" else "medium",
            labels={"texts": drawing.texts, "objects": objects["bars"], "baseline_y": objects["baseline_y"]},
            render={"colors": {"bars": [color]}, "grid": chart.grid, "frame": frame.as_json(),
                    "color_name": color_name},
        )
