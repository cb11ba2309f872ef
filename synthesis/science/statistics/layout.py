"""Fixed layouts for the charts: margins measured from the actual text, then axes placed by
hand (no constrained layout). A fixed frame is what lets an edit redraw one bar without
moving anything else, and lets text extents be known before the figure is drawn.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from synthesis.science.themes import Theme


def pt(fig: Figure) -> float:
    """Pixels per typographic point."""
    return fig.dpi / 72.0


def text_size(fig: Figure, text: str, size: float, rotation: float = 0.0) -> tuple[float, float]:
    """(width, height) in px of `text` at font `size` (pt), rotated by `rotation` degrees."""
    probe = fig.text(0, 0, text, fontsize=size, rotation=rotation)
    box = probe.get_window_extent(fig.canvas.get_renderer())
    probe.remove()
    return box.width, box.height


def widest(fig: Figure, texts: list[str], size: float, rotation: float = 0.0) -> tuple[float, float]:
    """The largest width and the largest height among `texts`."""
    sizes = [text_size(fig, t, size, rotation) for t in texts] or [(0.0, 0.0)]
    return max(w for w, _ in sizes), max(h for _, h in sizes)


def axes_at(fig: Figure, left: float, bottom: float, right: float, top: float) -> Axes:
    """Axes with the given margins (px) from the figure's edges."""
    width, height = fig.bbox.width, fig.bbox.height
    return fig.add_axes((left / width, bottom / height,
                         (width - left - right) / width, (height - bottom - top) / height))


def nice_ticks(low: float, high: float, bins: int = 6, integer: bool = False) -> list[float]:
    """Round tick values covering [low, high] (the first <= low, the last >= high)."""
    ticks = MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10], integer=integer).tick_values(low, high)
    ticks = [float(t) for t in ticks]
    while len(ticks) > 2 and ticks[1] <= low:
        ticks.pop(0)
    while len(ticks) > 2 and ticks[-2] >= high:
        ticks.pop()
    return ticks


def tick_text(value: float) -> str:
    """A tick label as matplotlib's default formatter would write a round tick."""
    return f"{value:g}"


def luminance(color: str) -> float:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def readable_on(background: str, theme: Theme) -> str:
    """The theme's ink or paper, whichever stands out more against `background`."""
    lb = luminance(background)
    return max((theme.ink, theme.paper), key=lambda c: abs(luminance(c) - lb))


def pick_colors(rng: np.random.Generator, theme: Theme, k: int) -> list[tuple[str, str]]:
    """k distinct palette colours (hex, English name), in random order."""
    order = rng.permutation(len(theme.palette))[:k]
    return [theme.palette[int(i)] for i in order]


def to_pixels(ax: Axes, fig: Figure, points) -> list[list[float]]:
    """Data points as image pixels (x right, y down), rounded to 0.01 px."""
    height = fig.bbox.height
    return [[round(float(u), 2), round(float(height - v), 2)] for u, v in ax.transData.transform(points)]


def spread_apart(positions: list[float], gap: float) -> list[float]:
    """Move 1-D positions (in order of the input) apart so neighbours are >= `gap` apart,
    keeping their centre of mass (labels along a vertical edge)."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for _ in range(len(placed)):
        for j in range(1, len(placed)):
            overlap = gap - (placed[j] - placed[j - 1])
            if overlap > 0:
                placed[j - 1] -= overlap / 2
                placed[j] += overlap / 2
    out = [0.0] * len(positions)
    for slot, i in enumerate(order):
        out[i] = placed[slot]
    return out


def font_scale(fig: Figure) -> float:
    """Text grows with the figure (1.0 up to 6.4 in, at most 1.6x), so that a 1024 px chart
    at 72 dpi is not covered in tiny print."""
    return min(max(fig.get_figwidth() / 6.4, 1.0), 1.6)


def left_margin(fig: Figure, y_label: str, ticks: list[float], size: float) -> float:
    """Room (px) for the y tick labels, the rotated y-axis label and the gaps between them."""
    p = pt(fig)
    label_w = text_size(fig, y_label, size, rotation=90)[0]
    return 8 * p + label_w + 6 * p + widest(fig, [tick_text(t) for t in ticks], size)[0] + 7 * p
