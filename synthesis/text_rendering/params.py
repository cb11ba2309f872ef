"""Parameters of the text-rendering generator (validated; unknown keys are errors)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from synthesis.generator import GeneratorParams

Background = Literal["plain", "gradient", "noise"]

DEFAULT_FONTS = ("DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif", "Liberation Mono")


class TextRenderingParams(GeneratorParams):
    fonts: tuple[str, ...] = Field(DEFAULT_FONTS, min_length=1)
    """Font families to draw from (as PIL reports them); all must be installed."""
    min_size: int = Field(512, ge=128, le=1024)
    """Smallest long image side, px."""
    max_size: int = Field(1024, ge=128, le=1024)
    """Largest long image side, px."""
    max_lines: int = Field(6, ge=1, le=12)
    backgrounds: tuple[Background, ...] = Field(("plain", "gradient", "noise"), min_length=1)

    @model_validator(mode="after")
    def _check(self) -> TextRenderingParams:
        if self.min_size > self.max_size:
            raise ValueError(f"min_size ({self.min_size}) must be <= max_size ({self.max_size})")
        for name in ("fonts", "backgrounds"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name} has duplicates: {list(values)}")
        return self
