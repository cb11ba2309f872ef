"""The template contract: a template composes one scene with a SceneBuilder.

A template is a module with one `Template` subclass: it knows its kind of scene (a
poster, a receipt) and decides what text goes where; fonts, fitting, colours,
placement and labels are the builder's job. `build` may raise `NoFit`; the generator
then retries with fresh random draws.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from synthesis.text_rendering.scene import SceneBuilder


class Template(ABC):
    name: ClassVar[str]
    # What the scene is, for instructions: "a street sign", "一块街道标牌".
    scene_en: ClassVar[str]
    scene_zh: ClassVar[str]
    # Canvas aspect (width / height) this kind of scene has; intersected with 0.5..2.0.
    aspect: ClassVar[tuple[float, float]] = (0.5, 2.0)
    # Background kinds that suit the scene (None: whatever the spec allows).
    backgrounds: ClassVar[tuple[str, ...] | None] = None
    # Whether the scene can be in any language, or only in ones it was designed for.
    languages: ClassVar[tuple[str, ...] | None] = None

    @abstractmethod
    def build(self, scene: SceneBuilder) -> None:
        """Add shapes, text blocks and reading facts to `scene`."""
