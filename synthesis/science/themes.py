"""Style themes for science diagrams: matplotlib rcParams plus a named palette.

Colours carry English names so that instructions and CoT can say "a dashed red curve".
Fonts are ones the project installs (DejaVu, Liberation), so rendering is the same on
every machine that runs `make`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Theme:
    name: str
    paper: str  # background
    ink: str  # axes, text and default lines
    palette: tuple[tuple[str, str], ...]  # (hex, English name) for data series
    rc: dict[str, Any] = field(default_factory=dict)


def _rc(paper: str, ink: str, font: str, **extra: Any) -> dict[str, Any]:
    return {
        "figure.facecolor": paper, "axes.facecolor": paper, "savefig.facecolor": paper,
        "text.color": ink, "axes.labelcolor": ink, "axes.edgecolor": ink,
        "xtick.color": ink, "ytick.color": ink, "grid.color": ink, "grid.alpha": 0.25,
        "font.family": font, "mathtext.fontset": "dejavuserif" if "Serif" in font else "dejavusans",
        "legend.frameon": False, "axes.titlesize": 13, **extra,
    }


THEMES: dict[str, Theme] = {
    "textbook": Theme(
        "textbook", "#ffffff", "#1a1a1a",
        (("#1f77b4", "blue"), ("#d62728", "red"), ("#2ca02c", "green"), ("#ff7f0e", "orange"),
         ("#9467bd", "purple"), ("#8c564b", "brown"), ("#17becf", "cyan")),
        _rc("#ffffff", "#1a1a1a", "DejaVu Sans"),
    ),
    "blackboard": Theme(
        "blackboard", "#23362b", "#f0f0ea",
        (("#ffffff", "white"), ("#f6e27f", "yellow"), ("#f4a3b5", "pink"), ("#8fd3f4", "light blue"),
         ("#a8e6a1", "light green"), ("#ffb86b", "orange")),
        _rc("#23362b", "#f0f0ea", "DejaVu Sans", **{"lines.linewidth": 2.2}),
    ),
    "hand_drawn": Theme(
        "hand_drawn", "#fbf8f0", "#2b2b2b",
        (("#2a6fdb", "blue"), ("#d94a38", "red"), ("#3c9d4e", "green"), ("#e08a1e", "orange"),
         ("#7b4fc9", "purple")),
        # Matplotlib's sketch filter: wobbly strokes, deterministic (fixed jitter seed).
        _rc("#fbf8f0", "#2b2b2b", "DejaVu Sans", **{"path.sketch": (1.0, 60.0, 2.0), "lines.linewidth": 2.0}),
    ),
    "exam_print": Theme(
        "exam_print", "#ffffff", "#000000",
        (("#000000", "black"), ("#555555", "dark grey"), ("#999999", "light grey")),
        _rc("#ffffff", "#000000", "DejaVu Serif", **{"axes.grid": False, "lines.linewidth": 1.4}),
    ),
}
