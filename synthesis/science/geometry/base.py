"""What every geometry template shares: its catalogue entries, and drawing again with
the next random draw when the labels do not fit (LayoutError)."""

from __future__ import annotations

from abc import abstractmethod

import numpy as np

from synthesis.science.geometry.labels import LayoutError
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 8


class GeometryTemplate(ScienceTemplate):
    family = "geometry"
    subject = "Math"
    image_type = "Geometric Shapes"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for attempt in range(MAX_TRIES):
            try:
                return self._attempt(rng, ctx)
            except LayoutError:
                if attempt == MAX_TRIES - 1:
                    raise
        raise AssertionError("unreachable")

    @abstractmethod
    def _attempt(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        """One draw: raise LayoutError when its labels cannot be placed."""
