"""TextRenderingGenerator: the `text_rendering` generator (template plain_lines)."""

from __future__ import annotations

import numpy as np

from synthesis.generator import Generator
from synthesis.sample import Sample
from synthesis.text_rendering import plain_lines, prompts
from synthesis.text_rendering.fonts import font_index
from synthesis.text_rendering.params import TextRenderingParams
from synthesis.text_rendering.render import encode_png, render


class TextRenderingGenerator(Generator):
    name = "text_rendering"
    version = "0.1.0"
    Params = TextRenderingParams

    def __init__(self) -> None:
        self.fonts = font_index()

    def check_params(self, params: TextRenderingParams) -> None:
        for family in params.fonts:
            if family not in self.fonts:
                raise ValueError(
                    f"font family {family!r} is not installed; installed families: "
                    + ", ".join(self.fonts)
                )

    def __call__(self, seed: int, params: TextRenderingParams) -> Sample:
        self.check_params(params)
        rng = np.random.default_rng(seed)
        spec, labels = plain_lines.layout(rng, params, self.fonts)
        lines = [line["text"] for line in labels["lines"]]
        instruction, instruction_zh = prompts.instructions(rng, spec, lines)
        return Sample(
            generator=self.name,
            generator_version=self.version,
            template=spec["template"],
            task="t2i",
            seed=seed,
            instruction=instruction,
            instruction_zh=instruction_zh,
            cot=prompts.cot(spec, lines),
            answer={"lines": lines},
            image=encode_png(render(spec)),
            width=spec["width"],
            height=spec["height"],
            labels=labels,
            spec=spec,
        )
