"""solid.solid_measures: draw a solid with its dimensions and annotate its exact volume
and surface area."""

from __future__ import annotations

import numpy as np

from synthesis.science.solid import solid_prompts as prompts
from synthesis.science.solid.shapes import NAMES, Solid, sample_solid, surface_area, value, volume
from synthesis.science.solid.solid_figure import draw, fits, sample_render
from synthesis.science.solid.text import measure_note
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 12  # new camera (and after a few, a new solid) when labels collide

EN = (
    "Draw {a} {name} with {dims}, and annotate its volume and surface area.",
    "Sketch {a} {name} in 3D ({dims}); mark its dimensions and write its exact volume and total surface area.",
    "Illustrate {a} {name} whose {dims}, labelling the dimensions and giving its volume V and surface area S.",
)
ZH = (
    "画一个{dims}的{name}，标出尺寸，并注明它的体积和表面积。",
    "绘制{name}（{dims}）的立体图，标注各尺寸，并写出精确的体积与表面积。",
)


def labelled_measures(solid: Solid) -> dict:
    v, s = volume(solid), surface_area(solid)
    return {"solid": solid.kind, "dimensions": dict(solid.dims),
            "volume_exact": str(v), "volume": value(v), "surface_area_exact": str(s), "surface_area": value(s)}


class SolidMeasuresTemplate(ScienceTemplate):
    name = "solid.solid_measures"
    family = "solid"
    subject = "Math"
    image_type = "Geometric Shapes"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for attempt in range(MAX_TRIES):
            if attempt % 4 == 0:
                solid = sample_solid(rng)
            render = sample_render(rng, ctx, [solid])
            v, s = volume(solid), surface_area(solid)
            notes = [measure_note("V", v, value(v)), measure_note("S", s, value(s))]
            drawing, scene, anchors = draw(ctx, solid, render, prompts.title(solid), notes)
            if fits(drawing):
                break
        else:
            raise RuntimeError("solid_measures: no label layout without overlaps")
        word = prompts.name(solid)
        values = {"a": prompts.article(word), "name": word, "dims": prompts.dims_en(solid)}
        explicit = (
            f"Draw {values['a']} {word} in an orthographic 3D view from elevation {render['camera'][0]:g}° and "
            f"azimuth {render['camera'][1]:g}°, with shaded {render['color_names']['face']} faces, solid outline "
            f"edges and dashed hidden edges. Label {prompts.labels_en(solid)} in {render['color_names']['dimension']}, "
            f"title it '{prompts.title(solid)}', and write 'V = {prompts.approx(v)}' and "
            f"'S = {prompts.approx(s)}' below the solid."
        )
        cot = " ".join(
            [f"1. The solid is {values['a']} {word} with {values['dims']}."]
            + prompts.measure_steps(solid, v, s, start=2)
            + [prompts.drawing_step(solid, render, 4, notes=True)]
        )
        return ScienceItem(
            instruction=prompts.pick(rng, EN).format(**values),
            instruction_explicit=explicit,
            instruction_zh=prompts.pick(rng, ZH).format(name=NAMES[solid.kind][1], dims=prompts.dims_zh(solid)),
            cot=cot,
            answer=labelled_measures(solid),
            problem={"solid": solid.kind, "dimensions": dict(solid.dims)},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if solid.kind in ("cuboid", "cylinder", "sphere") else "medium",
            labels={"texts": drawing.texts,
                    "objects": [{"label": f"{d.name} label anchor", "point": anchors[d.name]} for d in scene.dimensions]},
            render=render,
        )
