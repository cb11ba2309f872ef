"""Text set top to bottom: which languages get vertical layouts, and texts that set well so.

The vertical typesetter gives each line-break unit one cell, so a vertical layout needs
a text whose every unit is one character (`vertical_safe`); `vertical_text` draws until
it gets one. Used by the vertical sub-layouts of sign and poster.
"""

from __future__ import annotations

from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.text import text_sources

# Chinese and Japanese: the languages whose signs and posters may be set top to bottom.
CJK = ("zh", "ja")


def vertical_safe(text: str, lang: str) -> bool:
    """Whether every line-break unit of `text` is one character: the vertical typesetter
    gives each unit one cell, so "チャ", "デー" or "タ！" would be drawn sideways in a cell."""
    return bool(text) and all(len(unit) == 1 for unit in text_sources.break_units(text, lang))


def vertical_text(scene: SceneBuilder, sample, tries: int = 12) -> str:
    """A text from `sample()` (spaces and end punctuation dropped) that sets vertically."""
    for _ in range(tries):
        text = sample().replace(" ", "").replace("\u3000", "").rstrip("！!。、，?？")
        if vertical_safe(text, scene.lang):
            return text
    raise NoFit("no vertical-safe text (small kana, long vowel marks or Latin in every draw)")
