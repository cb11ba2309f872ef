"""Parameters of the editing generator (validated; unknown keys are errors)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from synthesis.editing.diffusion.settings import DiffusionSettings
from synthesis.editing.edits import EDITS
from synthesis.editing.layouts import LAYOUTS
from synthesis.generator import GeneratorParams


def _weights(value: dict[str, float], allowed, what: str) -> dict[str, float]:
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise ValueError(f"unknown {what} {unknown}; allowed: {', '.join(allowed)}")
    if any(w < 0 for w in value.values()) or not any(w > 0 for w in value.values()):
        raise ValueError(f"{what} weights must be >= 0 with at least one > 0")
    return value


class EditingParams(GeneratorParams):
    backend: Literal["scene", "diffusion"] = "scene"
    """scene: procedural scenes edited as scene graphs (CPU, exact targets);
    diffusion: a diffusers editing/inpainting pipeline on photos (GPU)."""
    edit_types: dict[str, float] = Field(default_factory=lambda: dict.fromkeys(EDITS, 1.0))
    layouts: dict[str, float] = Field(default_factory=lambda: dict.fromkeys(LAYOUTS, 1.0))
    instruction_register: dict[Literal["abstract", "explicit"], float] = Field(
        default_factory=lambda: {"abstract": 0.5, "explicit": 0.5})
    """Which instruction goes into `instruction`; both are always in `answer`."""
    size_px_min: int = Field(512, ge=256, le=1024)
    size_px_max: int = Field(768, ge=256, le=1024)
    aspects: tuple[float, ...] = Field((1.0, 4 / 3), min_length=1)
    """width / height choices."""
    max_tries: int = Field(30, ge=1, le=1000)
    diffusion: DiffusionSettings | None = None

    @field_validator("edit_types")
    @classmethod
    def _edit_types(cls, value):
        return _weights(value, tuple(EDITS), "edit types")

    @field_validator("layouts")
    @classmethod
    def _layouts(cls, value):
        return _weights(value, LAYOUTS, "layouts")

    @field_validator("aspects")
    @classmethod
    def _aspects(cls, value):
        bad = [a for a in value if not 0.5 <= a <= 2.0]
        if bad:
            raise ValueError(f"aspects must be within 0.5..2.0 (width / height), got {bad}")
        return value

    @model_validator(mode="after")
    def _check(self) -> EditingParams:
        if self.size_px_min > self.size_px_max:
            raise ValueError(f"size_px_min ({self.size_px_min}) must be <= size_px_max ({self.size_px_max})")
        if self.backend == "diffusion" and self.diffusion is None:
            raise ValueError("backend 'diffusion' needs a 'diffusion:' section (model_path, source_dirs, ...)")
        if self.backend == "scene" and not self.pairs():
            raise ValueError("no edit type in edit_types can be made on any layout in layouts; "
                             + "; ".join(f"{name}: {', '.join(EDITS[name].layouts)}"
                                         for name, w in self.edit_types.items() if w > 0))
        return self

    def pairs(self) -> dict[str, list[str]]:
        """Edit type → the selected layouts it can be made on (types with none left out)."""
        out = {}
        for name, w in self.edit_types.items():
            layouts = [lay for lay in EDITS[name].layouts if self.layouts.get(lay, 0) > 0]
            if w > 0 and layouts:
                out[name] = layouts
        return out
