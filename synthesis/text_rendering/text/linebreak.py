"""Where a line of text may break, and how the pieces join again.

`break_units(text, lang)` gives the pieces a line may be broken between: space-separated
words, or for CJK single characters with kinsoku (closing punctuation and small kana never
start a line, opening brackets and currency signs never end one). A number and its unit or
currency are joined by a no-break space (`NBSP`, U+00A0), so they stay on one line.
`truncate` cuts a text to whole units.
"""

from __future__ import annotations

import re

from synthesis.text_rendering.text.languages import language

NBSP = "\u00a0"  # between a number and its unit or currency: the two never break apart

# Kinsoku: never at the start of a line (attach to the unit before) ...
CLOSING = set(
    "、。，．・：；？！）」』】〕］｝〉》〙〗”’ー～…‥々ゝゞヽヾ〻%％℃°,.;:!?)]}»›"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
# ... and never at the end of a line (attach to the unit after).
OPENING = set("（「『【〔［｛〈《〘〖“‘([{«‹¥￥$€£₩#")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:[.,:/'@_+&\-][A-Za-z0-9\u00c0-\u024f]+)*")
_BREAK_SPACES = re.compile(r"[ \t\r\n\u3000]+")
_NO_BREAK_SPACES = ("\u00a0", "\u202f", "\u2007", "\u2060")


def joiner(lang: str) -> str:
    """What the typesetter puts between two units on one line."""
    return "" if language(lang).breaks == "char" else " "


def break_units(text: str, lang: str) -> list[str]:
    """The units a line may be broken between.

    Space languages: the space-separated words (no-break spaces stay inside a unit).
    CJK: one unit per character, but ASCII/Latin words and numbers stay whole, closing
    punctuation and small kana join the unit before, opening brackets and currency signs
    the unit after, a space joins the unit before it and a no-break space glues its two
    neighbours (joining with "" is lossless).
    """
    if language(lang).breaks == "space":
        return [u for u in _BREAK_SPACES.split(text) if u]
    units: list[str] = []
    pending = ""  # opening marks waiting for the next unit
    glue = False  # the last unit ended in a no-break space: the next piece joins it
    i = 0
    while i < len(text):
        ch = text[i]
        run = _ALNUM_RUN.match(text, i)
        if run:
            piece = run.group()
            i = run.end()
        else:
            piece = ch
            i += 1
        if glue and units and not piece.isspace():
            units[-1] += pending + piece
            pending, glue = "", False
            continue
        if piece in _NO_BREAK_SPACES and units:
            units[-1] += piece
            glue = True
            continue
        if piece.isspace():
            if units:
                units[-1] += piece
            continue
        if piece in OPENING:
            pending += piece
            continue
        if piece in CLOSING and units and not pending:
            units[-1] += piece
            continue
        units.append(pending + piece)
        pending = ""
    if pending:
        if units:
            units[-1] += pending
        else:
            units.append(pending)
    return units


def truncate(text: str, lang: str, max_chars: int) -> str:
    """The longest prefix of whole break units (joined as the typesetter would) within `max_chars`."""
    units = break_units(text, lang)
    glue = joiner(lang)
    out = ""
    for unit in units:
        candidate = unit if not out else out + glue + unit
        if len(candidate.rstrip()) > max_chars:
            break
        out = candidate
    return out.rstrip().rstrip(",，、،;:")
