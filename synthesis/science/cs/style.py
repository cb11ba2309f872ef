"""Sizes and colours of cs diagrams, as fractions of the image side so that every
size (512–1024 px) and dpi looks the same; colours come from the theme's palette."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synthesis.science.template import RenderContext

# Measured for DejaVu Sans/Serif: a glyph is at most ~0.66 font px wide, a line 1.0 font px
# tall. Slightly generous, so estimated boxes contain the rendered ones.
CHAR_WIDTH = 0.7
LINE_HEIGHT = 1.08


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes for one image side."""

    side: float

    @property
    def radius(self) -> float:  # graph node
        return 0.042 * self.side

    @property
    def node_font(self) -> float:
        return 0.036 * self.side

    @property
    def label_font(self) -> float:  # edge weights, transition symbols
        return 0.03 * self.side

    @property
    def note_font(self) -> float:  # visit numbers, array indices
        return 0.031 * self.side

    @property
    def title_font(self) -> float:
        return 0.032 * self.side

    @property
    def title_band(self) -> float:  # reserved at the top for the title
        return 0.075 * self.side

    @property
    def line(self) -> float:
        return max(1.0, 0.0028 * self.side)

    @property
    def bold_line(self) -> float:
        return max(2.5, 0.0085 * self.side)

    @property
    def margin(self) -> float:  # the distance check's clearance
        return 0.012 * self.side

    @property
    def pad(self) -> float:  # around a label, inside its paper-coloured box
        return 0.12 * self.label_font


def pt(px: float, ctx: RenderContext) -> float:
    """Pixels to points (font sizes and line widths are in points)."""
    return px * 72.0 / ctx.dpi


def text_size(text: str, font_px: float, pad_px: float = 0.0) -> tuple[float, float]:
    """Estimated (width, height) of a one-line label, px."""
    return CHAR_WIDTH * font_px * len(text) + 2 * pad_px, LINE_HEIGHT * font_px + 2 * pad_px


def _rgb(color: str) -> np.ndarray:
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def accents(ctx: RenderContext, rng: np.random.Generator, k: int) -> list[tuple[str, str]]:
    """`k` palette colours (hex, name) in random order that stand out from both ink and
    paper, so a highlighted edge reads as different from a plain one in every theme
    (exam_print's black equals its ink and is skipped). Repeats when the palette is short."""
    ink, paper = _rgb(ctx.theme.ink), _rgb(ctx.theme.paper)
    usable = [c for c in ctx.theme.palette
              if np.linalg.norm(_rgb(c[0]) - ink) > 60 and np.linalg.norm(_rgb(c[0]) - paper) > 60]
    order = [usable[int(i)] for i in rng.permutation(len(usable))]
    return [order[i % len(order)] for i in range(k)]


def tint(color: str, paper: str, amount: float) -> str:
    """`color` mixed into `paper` (opaque, so a filled node hides the edges behind it)."""
    mixed = _rgb(paper) * (1 - amount) + _rgb(color) * amount
    return "#" + "".join(f"{int(round(v)):02x}" for v in mixed)
