"""Parameters of the science generator (validated; unknown keys are errors)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from synthesis.generator import GeneratorParams
from synthesis.science.template import FAMILIES, all_templates
from synthesis.science.themes import THEMES

Task = Literal["t2i", "edit", "und"]
ThemeName = Literal[tuple(THEMES)]  # type: ignore[valid-type]


class ScienceParams(GeneratorParams):
    families: tuple[str, ...] | None = Field(None, min_length=1)
    """Families to draw templates from; None: every registered family."""
    templates: tuple[str, ...] | None = Field(None, min_length=1)
    """Template names (`family.name`) to use; None: every template of `families`."""
    tasks: tuple[Task, ...] = Field(("t2i", "edit", "und"), min_length=1)
    themes: tuple[ThemeName, ...] = Field(tuple(THEMES), min_length=1)
    size_px_min: int = Field(512, ge=512, le=1024)
    size_px_max: int = Field(1024, ge=512, le=1024)
    """Side of the square image, px; drawn per sample in steps of 64."""
    dpi: int = Field(100, ge=50, le=300)

    @model_validator(mode="after")
    def _check(self) -> ScienceParams:
        if self.size_px_min > self.size_px_max:
            raise ValueError(f"size_px_min ({self.size_px_min}) must be <= size_px_max ({self.size_px_max})")
        unknown = sorted(set(self.families or ()) - set(FAMILIES))
        if unknown:
            raise ValueError(f"unknown families {unknown}; allowed: {', '.join(sorted(FAMILIES))}")
        known = all_templates()
        unknown = sorted(set(self.templates or ()) - set(known))
        if unknown:
            raise ValueError(f"unknown templates {unknown}; allowed: {', '.join(known)}")
        if not self.selected():
            raise ValueError("no template matches families, templates and tasks together")
        return self

    def selected(self) -> list[str]:
        """Names of the templates this generator draws from, in a stable order."""
        return [name for name, t in all_templates().items()
                if (self.families is None or t.family in self.families)
                and (self.templates is None or name in self.templates)
                and t.task in self.tasks]
