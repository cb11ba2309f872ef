"""Greedy label placement: each label goes where it overlaps no earlier label, stays in
the frame, and crosses as few strokes as possible.

A label is measured once (its pixel width and height), then candidate centres are
tried around its anchor: in a preferred direction first, then in directions further
from it, each at growing distances. The box of a kept label (plus padding) becomes a
hard obstacle for the next ones; the strokes of the figure are soft ones (a count of
stroke points inside the box). When no candidate fits, `LayoutError` tells the template
to draw another problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.text import Text

from synthesis.science.geometry.canvas import Canvas, Point, Shape

STROKE_COST = 1.0  # per stroke point under a label
TURN_COST = 0.35  # per step away from the preferred direction
STEP_COST = 1.2  # per step further from the anchor


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: its text, the data point it belongs to, where it may go."""

    key: str  # "vertex:A", "side:c", "angle:A", "centre:incentre", ...
    text: str
    anchor: Point
    directions: list[Point]  # unit directions, best first (see `around`)
    gap_px: float = 6.0  # clearance from the anchor, px at the reference size
    color: str | None = None
    steps: int = 4  # distances tried in each direction


class LayoutError(RuntimeError):
    """No place for a label: the template draws another problem."""


def around(preferred_deg: float, spread_deg: float = 180.0, step_deg: float = 22.5) -> list[Point]:
    """Unit directions, the preferred one first, then alternating left and right of it."""
    out = [preferred_deg]
    k = 1
    while k * step_deg <= spread_deg + 1e-9:
        out += [preferred_deg + k * step_deg, preferred_deg - k * step_deg]
        k += 1
    seen, dirs = set(), []
    for a in out:
        key = round(a % 360.0, 6)
        if key not in seen:
            seen.add(key)
            dirs.append((math.cos(math.radians(a)), math.sin(math.radians(a))))
    return dirs


class LabelPlacer:
    def __init__(self, canvas: Canvas, pad_px: float = 3.0, inset_px: float = 3.0):
        self.canvas = canvas
        self.pad = pad_px * canvas.scale
        self.renderer = canvas.fig.canvas.get_renderer()
        bottom = canvas.ax.get_position().y0 * canvas.height_px
        self.frame = (inset_px, bottom + inset_px, canvas.width_px - inset_px, canvas.height_px - inset_px)
        self.boxes: list[tuple[float, float, float, float]] = []
        self._strokes: list[np.ndarray] = []
        self._points: np.ndarray | None = None

    def avoid(self, shapes: list[Shape]) -> None:
        """Treat the strokes of `shapes` as soft obstacles (drawn or not)."""
        for shape in shapes:
            self._strokes.append(self.canvas.strokes(shape))
        self._points = None

    def _obstacles(self) -> np.ndarray:
        if self._points is None:
            self._points = np.concatenate(self._strokes) if self._strokes else np.empty((0, 2))
        return self._points

    def _text(self, text: str, xy: Point, color: str | None, size: float) -> tuple[Text, float, float]:
        t = self.canvas.ax.text(xy[0], xy[1], text, ha="center", va="center", zorder=10,
                                fontsize=self.canvas.font_pt * size, color=color or self.canvas.ink)
        extent = t.get_window_extent(self.renderer)
        return t, extent.width, extent.height

    def _hits(self, box) -> int:
        points = self._obstacles()
        x0, y0, x1, y1 = box
        inside = (points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0) & (points[:, 1] < y1)
        return int(inside.sum())

    def _free(self, box) -> bool:
        x0, y0, x1, y1 = box
        fx0, fy0, fx1, fy1 = self.frame
        if x0 < fx0 or y0 < fy0 or x1 > fx1 or y1 > fy1:
            return False
        return all(x1 <= b[0] or b[2] <= x0 or y1 <= b[1] or b[3] <= y0 for b in self.boxes)

    def place(self, text: str, anchor: Point, directions: list[Point], gap_px: float = 6.0,
              color: str | None = None, size: float = 1.0, steps: int = 4) -> Text:
        """Put `text` near `anchor` (data), `gap_px` clear of it, in the cheapest free place."""
        t, w, h = self._text(text, anchor, color, size)
        ax_, ay_ = self.canvas.px(anchor)[0]
        gap = gap_px * self.canvas.scale
        step_px = 0.7 * h
        best = None
        for i, (ux, uy) in enumerate(directions):
            for j in range(steps):
                reach = gap + j * step_px + abs(ux) * w / 2 + abs(uy) * h / 2
                cx, cy = ax_ + ux * reach, ay_ + uy * reach
                box = (cx - w / 2 - self.pad, cy - h / 2 - self.pad, cx + w / 2 + self.pad, cy + h / 2 + self.pad)
                if not self._free(box):
                    continue
                hits = self._hits(box)
                cost = STROKE_COST * hits + TURN_COST * i + STEP_COST * j
                if best is None or cost < best[0]:
                    best = (cost, hits, box, (cx, cy))
            if best is not None and best[1] == 0 and best[0] <= TURN_COST * i:
                break  # nothing further round can be cheaper
        if best is None:
            t.remove()
            raise LayoutError(f"no room for label {text!r}")
        _, hits, box, centre = best
        self._commit(t, box, centre, hits)
        return t

    def put(self, text: str, centre: Point, backed: bool, color: str | None = None, size: float = 1.0) -> Text:
        """A label at a fixed data position (an edit keeps unchanged labels where they were);
        `backed`: give it the paper-coloured backing (decided where it was first placed)."""
        t, w, h = self._text(text, centre, color, size)
        cx, cy = self.canvas.px(centre)[0]
        box = (cx - w / 2 - self.pad, cy - h / 2 - self.pad, cx + w / 2 + self.pad, cy + h / 2 + self.pad)
        if not self._free(box):
            t.remove()
            raise LayoutError(f"fixed label {text!r} collides")
        self._commit(t, box, None, int(backed))
        return t

    def caption(self, text: str, size: float = 1.0) -> Text:
        """A line of text centred in the band under the axes (kept free by the canvas)."""
        canvas = self.canvas
        band = canvas.ax.get_position().y0
        t = canvas.fig.text(0.5, band / 2, text, ha="center", va="center", fontsize=canvas.font_pt * size,
                            color=canvas.ink)
        extent = t.get_window_extent(self.renderer)
        if extent.width > canvas.width_px - 8:
            raise LayoutError(f"caption {text!r} is wider than the figure")
        self.boxes.append((extent.x0, extent.y0, extent.x1, extent.y1))
        return t

    def _commit(self, t: Text, box, centre, hits: int) -> None:
        if centre is not None:
            t.set_position(tuple(self.canvas.ax.transData.inverted().transform(centre)))
        if hits:
            # Crossing a stroke could not be avoided: a paper-coloured backing keeps it legible.
            t.set_bbox({"boxstyle": "square,pad=0.08", "fc": self.canvas.paper, "ec": "none", "alpha": 0.85})
        self.boxes.append(box)

    @staticmethod
    def position(t: Text) -> tuple[Point, bool]:
        """Where a placed label sits (data) and whether it has a backing."""
        x, y = t.get_position()
        return (float(x), float(y)), t.get_bbox_patch() is not None
