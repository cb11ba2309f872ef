"""solid.volume_question: a labelled solid, no title and no values in the question; the
reader must read the solid's kind and dimensions off the image to find its volume."""

from __future__ import annotations

import numpy as np

from synthesis.science.solid import solid_prompts as prompts
from synthesis.science.solid.shapes import sample_solid, surface_area, value, volume
from synthesis.science.solid.solid_figure import draw, fits, sample_render
from synthesis.science.solid.text import pretty
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 12

EN = (
    "What is the volume of this solid?",
    "Find the volume of the solid shown, using the dimensions marked in the figure.",
    "Compute the volume of the solid in the picture. Give the exact value and a decimal approximation.",
)
ZH = ("这个立体图形的体积是多少？", "根据图中标注的尺寸，求该立体图形的体积。")


class VolumeQuestionTemplate(ScienceTemplate):
    name = "solid.volume_question"
    family = "solid"
    subject = "Math"
    image_type = "Geometric Shapes"
    task = "und"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for attempt in range(MAX_TRIES):
            if attempt % 4 == 0:
                solid = sample_solid(rng)
            render = sample_render(rng, ctx, [solid])
            drawing, scene, anchors = draw(ctx, solid, render, title=None, notes=[])
            if fits(drawing):
                break
        else:
            raise RuntimeError("volume_question: no label layout without overlaps")
        v, s = volume(solid), surface_area(solid)
        word = prompts.name(solid)
        v_formula = prompts.FORMULAS[solid.kind][0]
        cot = (
            f"1. The figure shows {prompts.article(word)} {word} labelled {prompts.labels_en(solid)}. "
            f"2. Its volume is {v_formula}. "
            f"3. Substituting: V = {prompts.approx(v)}."
        )
        question = prompts.pick(rng, EN)
        return ScienceItem(
            instruction=question,
            instruction_explicit=f"{question} (The solid is {prompts.article(word)} {word} with "
                                 f"{prompts.dims_en(solid)}.)",
            instruction_zh=prompts.pick(rng, ZH),
            cot=cot,
            answer={"answer": prompts.approx(v), "answer_exact": pretty(v), "answer_float": value(v),
                    "volume_exact": str(v), "volume": value(v), "solid": solid.kind,
                    "dimensions": dict(solid.dims), "surface_area": value(s)},
            problem={"solid": solid.kind, "dimensions": dict(solid.dims),
                     "question": "volume", "values_in_text": False},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if solid.kind in ("cuboid", "cylinder") else "medium",
            labels={"texts": drawing.texts,
                    "objects": [{"label": f"{d.name} label anchor", "point": anchors[d.name]} for d in scene.dimensions]},
            render=render,
        )
