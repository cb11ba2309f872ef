"""Installed fonts: an index by family (built once per process) and glyph coverage.

Families and styles are read with PIL (`getname()`), so the names are the ones
FreeType reports, e.g. ("DejaVu Serif", "Bold Italic"). Coverage is read from the
font's cmap with fontTools, so a string is checked exactly, not by rendering.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONT_SUFFIXES = (".ttf", ".otf")
# BASIC layout: no dependency on libraqm/HarfBuzz versions, so bytes match across
# machines with the same FreeType; Latin text needs no shaping.
LAYOUT = ImageFont.Layout.BASIC


@dataclass(frozen=True)
class FontFace:
    path: str
    family: str
    style: str

    @property
    def full_name(self) -> str:
        return f"{self.family} {self.style}"


def font_files(dirs: tuple[Path, ...] = FONT_DIRS) -> tuple[str, ...]:
    files = []
    for root in dirs:
        if root.is_dir():
            files += [str(p) for p in root.rglob("*") if p.suffix.lower() in FONT_SUFFIXES]
    return tuple(sorted(files))


@functools.lru_cache(maxsize=8)
def _index_of(files: tuple[str, ...]) -> dict[str, tuple[FontFace, ...]]:
    by_family: dict[str, list[FontFace]] = {}
    for path in files:
        try:
            family, style = ImageFont.truetype(path, 16, layout_engine=LAYOUT).getname()
        except OSError:  # unreadable or not a font after all: not installed for us
            continue
        if family:
            by_family.setdefault(family, []).append(FontFace(path, family, style or ""))
    return {family: tuple(faces) for family, faces in sorted(by_family.items())}


def font_index() -> dict[str, tuple[FontFace, ...]]:
    """family -> faces (sorted by path). Cached per distinct list of font files."""
    return _index_of(font_files())


def installed_families() -> list[str]:
    return list(font_index())


@functools.lru_cache(maxsize=4096)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=LAYOUT)


@functools.lru_cache(maxsize=256)
def _codepoints(path: str) -> frozenset[int]:
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or ())


def covers(path: str, text: str) -> bool:
    """Whether the font at `path` has a glyph for every non-space character of `text`."""
    have = _codepoints(path)
    return all(ord(ch) in have for ch in text if not ch.isspace())
