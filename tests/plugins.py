"""Generators for pipeline tests, loaded as plugins (`tests.plugins:Class`).

They are real generators (they draw and encode PNGs) that are cheap and have known,
planted behaviour: FlakyGenerator raises on chosen seeds, BlankGenerator draws nothing.
"""

from __future__ import annotations

import io
import time

import numpy as np
from PIL import Image
from pydantic import Field

from synthesis.generator import Generator, GeneratorParams
from synthesis.sample import Sample


def _png(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


class NoiseParams(GeneratorParams):
    size: int = Field(32, ge=8, le=256)
    fail_every: int = Field(0, ge=0, description="raise on seeds divisible by this (0: never)")
    delay_ms: float = Field(0, ge=0, description="extra time per sample, to make a job slow enough to kill")


class FlakyGenerator(Generator):
    name = "tests.plugins:FlakyGenerator"
    version = "1.0.0"
    Params = NoiseParams

    def __call__(self, seed: int, params: NoiseParams) -> Sample:
        if params.fail_every and seed % params.fail_every == 0:
            raise RuntimeError(f"planted failure at seed {seed}")
        if params.delay_ms:
            time.sleep(params.delay_ms / 1000)
        rng = np.random.default_rng(seed)
        pixels = rng.integers(0, 256, size=(params.size, params.size, 3), dtype=np.uint8)
        return Sample(generator=self.name, generator_version=self.version, template="noise", task="t2i",
                      seed=seed, instruction=f"noise {seed}", image=_png(pixels),
                      width=params.size, height=params.size, spec={"size": params.size})


class BlankGenerator(Generator):
    """Every other seed gives a uniform grey image: image_sanity must reject those."""

    name = "tests.plugins:BlankGenerator"
    version = "1.0.0"
    Params = NoiseParams

    def __call__(self, seed: int, params: NoiseParams) -> Sample:
        rng = np.random.default_rng(seed)
        if seed % 2:
            pixels = np.full((params.size, params.size, 3), 128, dtype=np.uint8)
        else:
            pixels = rng.integers(0, 256, size=(params.size, params.size, 3), dtype=np.uint8)
        return Sample(generator=self.name, generator_version=self.version, template="blank_or_noise",
                      task="t2i", seed=seed, instruction="grey", image=_png(pixels),
                      width=params.size, height=params.size)
