"""Measuring text the way the typesetter will set it, and laid-out blocks after it did.

Before placing: the smallest legible size (`min_px`), the line pitch a script needs
(`leading`, `line_height`), one line's width (`width_of`), cutting a line to a width
(`shorten`) and whether a text fits a box at one size (`fits`). After placing: how far a
block's lines reach (`used_height`), shrinking its box to them (`trim`) and the text it
shows (`rendered`). Shared by every template that stacks or measures text.
"""

from __future__ import annotations

from synthesis.text_rendering.fonts import FontFace, load_face
from synthesis.text_rendering.text import text_sources
from synthesis.text_rendering.text.languages import language
from synthesis.text_rendering.typeset import Frame, set_text

# Scripts whose smallest legible size is 16 px rather than Latin's 14: CJK strokes and
# Devanagari's stacked marks need a couple more pixels.
CJK_DEVANAGARI = ("han", "japanese", "devanagari")
# The scene templates (sign, poster, label, card, photo_region) were tuned with Hangul
# in Devanagari's place; they pass this to keep their output as it is.
CJK_HANGUL = ("han", "japanese", "hangul")


def min_px(lang: str, dense: tuple[str, ...] = CJK_DEVANAGARI) -> int:
    """Smallest size at which `lang`'s text stays legible (and OCRs well): 16 px for
    the `dense` scripts, 14 for the rest."""
    return 16 if language(lang).script in dense else 14


def leading(lang: str, spacing: float) -> float:
    """`spacing` raised to what the script needs: Devanagari's vowel signs reach above
    and below the ascent and descent most of its faces report."""
    return max(spacing, 1.3) if language(lang).script == "devanagari" else spacing


def line_height(face: FontFace, size: int) -> int:
    """Ascent + descent: the height the typesetter needs for one line."""
    ascent, descent = load_face(face.ref(), size).getmetrics()
    return ascent + descent


def width_of(face: FontFace, size: int, text: str, lang: str) -> float:
    """Width of `text` set on one line, measured the way the typesetter measures it."""
    font = load_face(face.ref(), size)
    direction = language(lang).direction
    units = text_sources.break_units(text, lang)
    joiner = text_sources.joiner(lang)
    space = font.getlength(joiner, direction=direction) if joiner else 0.0
    return sum(font.getlength(u, direction=direction) for u in units) + space * max(0, len(units) - 1)


def shorten(face: FontFace, size: int, text: str, lang: str, width: float) -> str | None:
    """`text` cut at a unit boundary to fit one line of `width` (None: not one unit fits)."""
    units = text_sources.break_units(text, lang)
    joiner = text_sources.joiner(lang)
    while units and width_of(face, size, joiner.join(units), lang) > width:
        units = units[:-1]
    return joiner.join(units) or None


def fits(face: FontFace, size: int, text: str, lang: str, width: float, height: float,
         max_lines: int | None = None, spacing: float = 1.2) -> bool:
    """Whether the typesetter can set `text` in a width × height box at exactly `size`."""
    frame = Frame(width, height, spacing=spacing, direction=language(lang).direction, max_lines=max_lines)
    units = text_sources.break_units(text, lang)
    return set_text(units, text_sources.joiner(lang), face.ref(), frame, max_size=size, min_size=size) is not None


def used_height(block: dict) -> float:
    """How far a laid-out block's text reaches across its lines: the height of horizontal
    text, the width of vertical columns (to stack the next element right after it)."""
    if block["vertical"]:
        return block["size"] * (1 + (len(block["lines"]) - 1) * block["spacing"])
    ascent, descent = load_face(block["font"], block["size"]).getmetrics()
    return (ascent + descent) * (1 + (len(block["lines"]) - 1) * block["spacing"])


def trim(block: dict) -> float:
    """Shrink a top-aligned block's box to its lines, so the spec (and an edit that
    re-sets the block in its box) claims no more of the page than the text uses;
    returns the new height."""
    h = round(used_height(block) + 2, 2)
    block["box"][1] = h
    block["canvas_box"][3] = round(h, 1)
    return h


def rendered(block: dict) -> str:
    """The text a block shows, lines joined the way the language joins words."""
    joiner = "" if block.get("vertical") or block["script"] in ("han", "japanese") else " "
    return joiner.join(line["text"] for line in block["lines"])
