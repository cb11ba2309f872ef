"""solid.resize_edit: scale one dimension of a labelled solid (double the height of a
cylinder, halve the radius of a sphere ...).

Source and target share camera, axis limits, zoom and label offsets (all fitted to the
larger of the two solids), so the edit redraws only the solid, the changed dimension's
label and the V / S notes."""

from __future__ import annotations

import io
from fractions import Fraction

import numpy as np
from PIL import Image

from synthesis.science.render import edit_mask
from synthesis.science.solid import solid_prompts as prompts
from synthesis.science.solid.measures import labelled_measures
from synthesis.science.solid.shapes import DIMENSIONS, NAMES, WORDS, Solid, sample_solid, surface_area, value, volume
from synthesis.science.solid.solid_figure import draw, fits, sample_render
from synthesis.science.solid.text import measure_note
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 16
MAX_MASK = 0.45  # of the image; the contract wants an edit to redraw less than half
MAX_EDIT_ASPECT = 5.0

VERB = {Fraction(2): ("Double", "2倍"), Fraction(3): ("Triple", "3倍"), Fraction(1, 2): ("Halve", "一半")}


def sample_edit(rng: np.random.Generator) -> tuple[Solid, str, Fraction, Solid]:
    while True:
        solid = sample_solid(rng)
        dim = DIMENSIONS[solid.kind][int(rng.integers(len(DIMENSIONS[solid.kind])))]
        factor = list(VERB)[int(rng.integers(len(VERB)))]
        new = Fraction(solid.dims[dim]) * factor
        if new.denominator != 1 or not 1 <= new <= 12:
            continue
        target = solid.with_dim(dim, int(new))
        if max(target.extents()) / min(target.extents()) <= MAX_EDIT_ASPECT:
            return solid, dim, factor, target


def mask_fraction(mask_png: bytes) -> float:
    return float((np.asarray(Image.open(io.BytesIO(mask_png))) > 127).mean())


def notes(solid: Solid) -> list[str]:
    v, s = volume(solid), surface_area(solid)
    return [measure_note("V", v, value(v)), measure_note("S", s, value(s))]


class ResizeEditTemplate(ScienceTemplate):
    name = "solid.resize_edit"
    family = "solid"
    subject = "Math"
    image_type = "Geometric Shapes"
    task = "edit"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            source, dim, factor, target = sample_edit(rng)
            render = sample_render(rng, ctx, [source, target])
            before, _, anchors_before = draw(ctx, source, render, prompts.title(source), notes(source))
            after, scene, anchors_after = draw(ctx, target, render, prompts.title(target), notes(target))
            if not (fits(before) and fits(after)):
                continue
            mask = edit_mask(before.png, after.png)
            if mask_fraction(mask) < MAX_MASK:
                break
        else:
            raise RuntimeError("resize_edit: no edit pair with a small mask and no label overlaps")
        word, words = prompts.name(source), WORDS[source.kind][dim]
        verb, verb_zh = VERB[factor]
        old, new = source.dims[dim], target.dims[dim]
        v0, v1, s1 = volume(source), volume(target), surface_area(target)
        instruction = f"{verb} the {words[0]} {dim} of the {word}."
        explicit = (
            f"Change the {words[0]} {dim} of the {word} from {old} to {new}, keeping every other dimension, the "
            f"camera and the axis limits; relabel '{dim} = {new}' and update the notes to 'V = {prompts.approx(v1)}' "
            f"and 'S = {prompts.approx(s1)}'."
        )
        cot = " ".join([
            f"1. The source is {prompts.article(word)} {word} with {prompts.dims_en(source)}; "
            f"its volume is V = {prompts.approx(v0)}.",
            f"2. {verb} {dim}: {old} → {new}; the new dimensions are {prompts.labels_en(target)}.",
            *prompts.measure_steps(target, v1, s1, start=3),
            f"5. The volume changes by a factor {value(v1 / v0):g}. Redraw only the {word} and the "
            f"'{dim}' label from the same viewpoint, and replace the V and S notes.",
        ])
        answer = labelled_measures(target)
        answer.update({"dimensions_before": dict(source.dims), "volume_before": value(v0),
                       "volume_before_exact": str(v0), "volume_ratio": value(v1 / v0),
                       "changed_dimension": dim, "new_value": new})
        return ScienceItem(
            instruction=instruction,
            instruction_explicit=explicit,
            instruction_zh=f"把{NAMES[source.kind][1]}的{words[1]} {dim} 变为原来的{verb_zh}。",
            cot=cot,
            answer=answer,
            problem={"solid": source.kind, "dimensions": dict(source.dims),
                     "edit": {"dimension": dim, "factor": str(factor)}},
            image=after.png,
            width=after.width,
            height=after.height,
            difficulty="medium",
            labels={"texts": after.texts, "source_texts": before.texts,
                    "objects": [{"label": f"{d.name} label anchor", "point": anchors_after[d.name],
                                 "source_point": anchors_before[d.name]} for d in scene.dimensions]},
            render=render,
            source_image=before.png,
            mask=mask,
        )
