"""ScienceGenerator: the `science` generator. Each seed picks a template, a theme and a
size, and the template draws one sympy-verified problem (see template.py)."""

from __future__ import annotations

import numpy as np

from synthesis.generator import Generator
from synthesis.sample import Sample
from synthesis.science.params import ScienceParams
from synthesis.science.template import RenderContext, ScienceTemplate, all_templates
from synthesis.science.themes import THEMES


class ScienceGenerator(Generator):
    name = "science"
    version = "0.2.0"
    Params = ScienceParams

    def __init__(self) -> None:
        self.templates: dict[str, ScienceTemplate] = {name: cls() for name, cls in all_templates().items()}

    def __call__(self, seed: int, params: ScienceParams) -> Sample:
        rng = np.random.default_rng(seed)
        names = params.selected()
        template = self.templates[names[int(rng.integers(len(names)))]]
        theme = THEMES[params.themes[int(rng.integers(len(params.themes)))]]
        size = 64 * int(rng.integers(-(-params.size_px_min // 64), params.size_px_max // 64 + 1))
        item = template.generate(rng, RenderContext(theme, size, params.dpi))
        spec = {
            "template": template.name,
            "family": template.family,
            "theme": theme.name,
            "size_px": size,
            "dpi": params.dpi,
            "tags": {"subject": template.subject, "image_type": template.image_type,
                     "difficulty": item.difficulty},
            "instruction_explicit": item.instruction_explicit,
            "problem": item.problem,
            "render": item.render,
        }
        return Sample(
            generator=self.name,
            generator_version=self.version,
            template=template.name,
            task=template.task,
            seed=seed,
            instruction=item.instruction,
            instruction_zh=item.instruction_zh,
            cot=item.cot,
            answer=item.answer,
            image=item.image,
            source_image=item.source_image,
            mask=item.mask,
            width=item.width,
            height=item.height,
            labels=item.labels,
            spec=spec,
        )
