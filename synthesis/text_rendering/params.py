"""Parameters of the text-rendering generator (validated; unknown keys are errors)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from synthesis.generator import GeneratorParams
from synthesis.text_rendering.templates import TEMPLATES
from synthesis.text_rendering.text.languages import LANGUAGES, available_languages

Background = Literal["plain", "gradient", "noise", "paper", "wood", "fabric", "scenery", "photo"]
Task = Literal["t2i", "edit", "und"]

# The mix of the default spec: English and Chinese first (the paper's two languages),
# then the other scripts so every one is seen.
DEFAULT_LANGUAGES = {"en": 0.4, "zh": 0.2, "de": 0.04, "fr": 0.04, "es": 0.04, "it": 0.02, "pt": 0.02,
                     "vi": 0.02, "ru": 0.04, "uk": 0.01, "el": 0.02, "ja": 0.05, "ko": 0.04, "ar": 0.03,
                     "hi": 0.03}


def _weights(name: str, weights: dict[str, float], allowed) -> None:
    unknown = [k for k in weights if k not in allowed]
    if unknown:
        raise ValueError(f"{name}: unknown {', '.join(map(repr, unknown))}; allowed: {', '.join(allowed)}")
    if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise ValueError(f"{name}: weights must be >= 0 with a positive sum, got {weights}")


class TextRenderingParams(GeneratorParams):
    templates: dict[str, float] = Field(default_factory=lambda: {name: 1.0 for name in TEMPLATES})
    """Template name -> weight."""
    languages: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_LANGUAGES))
    """Language code -> weight. Arabic and Hindi need PIL with raqm; without it they are an error."""
    fonts: tuple[str, ...] | None = None
    """Restrict faces to these families (as PIL names them); None: every installed face."""
    min_size: int = Field(512, ge=256, le=1024)
    """Smallest long image side, px."""
    max_size: int = Field(1024, ge=256, le=1024)
    """Largest long image side, px (aspect is 0.5..2.0, as the paper trains)."""
    backgrounds: tuple[Background, ...] = ("plain", "gradient", "noise", "paper", "wood", "fabric")
    photo_dirs: tuple[str, ...] = ()
    """Folders of photos for the `photo` background and the photo_region template."""
    min_contrast: float = Field(4.5, ge=1.0, le=21.0)
    """WCAG contrast every text colour keeps against what lies under it (4.5 = AA)."""
    effects: float = Field(0.5, ge=0.0, le=1.0)
    """How often and how strongly stroke, shadow, rotation, perspective, curves, blur,
    noise and JPEG artefacts appear (0: none)."""
    tasks: dict[Task, float] = Field(default_factory=lambda: {"t2i": 0.6, "edit": 0.25, "und": 0.15})
    image_format: Literal["png", "webp"] = "png"

    @model_validator(mode="after")
    def _check(self) -> TextRenderingParams:
        if self.min_size > self.max_size:
            raise ValueError(f"min_size ({self.min_size}) must be <= max_size ({self.max_size})")
        _weights("templates", self.templates, list(TEMPLATES))
        _weights("languages", self.languages, list(LANGUAGES))
        _weights("tasks", self.tasks, ["t2i", "edit", "und"])
        usable = available_languages()
        unshapable = [lang for lang, w in self.languages.items() if w > 0 and lang not in usable]
        if unshapable:
            raise ValueError(f"languages {unshapable} need PIL built with raqm (complex shaping), "
                             f"which is missing here; allowed: {', '.join(usable)}")
        if len(set(self.backgrounds)) != len(self.backgrounds) or not self.backgrounds:
            raise ValueError(f"backgrounds must be non-empty without duplicates, got {list(self.backgrounds)}")
        if "photo" in self.backgrounds and not self.photo_dirs:
            raise ValueError("backgrounds has 'photo' but photo_dirs is empty; give folders of images")
        return self
