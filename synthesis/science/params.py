"""Parameters of the science generator (validated; unknown keys are errors)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from synthesis.generator import GeneratorParams

Family = Literal["polynomial", "sine", "x_exp", "x_sin"]


class ScienceParams(GeneratorParams):
    families: tuple[Family, ...] = Field(("polynomial", "sine", "x_exp", "x_sin"), min_length=1)
    """Function families to draw f from."""
    half_width_min: int = Field(2, ge=1, le=10)
    """Smallest half-width of the x interval (trig families snap it to a multiple of π/2)."""
    half_width_max: int = Field(5, ge=1, le=10)
    dpi: int = Field(100, ge=50, le=300)
    size_px: int = Field(768, ge=512, le=1024)
    """Side of the square image, px."""

    @model_validator(mode="after")
    def _check(self) -> ScienceParams:
        if self.half_width_min > self.half_width_max:
            raise ValueError(
                f"half_width_min ({self.half_width_min}) must be <= half_width_max ({self.half_width_max})"
            )
        if len(set(self.families)) != len(self.families):
            raise ValueError(f"families has duplicates: {list(self.families)}")
        return self
