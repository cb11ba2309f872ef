"""Colour and frame choices, drawn from the theme so every theme works."""

from __future__ import annotations

import numpy as np

from synthesis.science.template import RenderContext

MIN_TEXT_CONTRAST = 3.0


def pick_colors(rng: np.random.Generator, ctx: RenderContext,
                roles: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """A distinct palette colour per role (cycling when the palette is short):
    ({role: hex}, {role: English name})."""
    palette = ctx.theme.palette
    order = [palette[int(i)] for i in rng.permutation(len(palette))]
    # Colours that read poorly on the paper (light grey on white) go last: roles are
    # listed with those that carry text first.
    order.sort(key=lambda c: _contrast(c[0], ctx.theme.paper) < MIN_TEXT_CONTRAST)
    picks = [order[i % len(order)] for i in range(len(roles))]
    return {r: p[0] for r, p in zip(roles, picks)}, {r: p[1] for r, p in zip(roles, picks)}


def _luminance(hex_color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(hex_color[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def pick_frame(rng: np.random.Generator, ctx: RenderContext) -> dict:
    """Grid or a clean page; exam prints never get a grid (as on paper)."""
    grid = ctx.theme.name != "exam_print" and bool(rng.random() < 0.4)
    return {"grid": grid, "fill": bool(rng.random() < 0.5)}
