"""A clean geometric figure: equal aspect over fixed data limits, no ticks, optional grid.

A figure is a list of shapes (segments, circles, dots, angle marks) in data coordinates.
The canvas draws them and also turns each into the pixel points of its strokes, which
the label placer treats as obstacles. Keeping the shapes as data lets an edit template
know the strokes of *both* figures before it places the labels that must not move.

The axes sit at a fixed position (no constrained layout) and the limits are chosen so
that one data unit is the same number of pixels on both axes: a circle is drawn round,
and pixel positions are known before anything is rendered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Union

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Circle, Polygon

from synthesis.science.template import RenderContext

REFERENCE_INCHES = 7.68  # sizes below are tuned for a 768 px figure at 100 dpi
STROKE_STEP_PX = 2.0  # spacing of the obstacle points sampled along a stroke

Point = tuple[float, float]


@dataclass(frozen=True)
class Pen:
    color: str
    width: float = 1.0  # multiple of the base line width
    style: str = "-"


@dataclass(frozen=True)
class Segment:
    p: Point
    q: Point
    pen: Pen
    zorder: float = 2


@dataclass(frozen=True)
class CircleShape:
    centre: Point
    radius: float
    pen: Pen
    zorder: float = 2


@dataclass(frozen=True)
class Dot:
    p: Point
    color: str
    size: float = 1.0  # multiple of the base dot size
    zorder: float = 5


@dataclass(frozen=True)
class AngleArc:
    """An arc of `radius_px` pixels at `vertex` from direction `start_deg` counter-clockwise to `end_deg`."""

    vertex: Point
    start_deg: float
    end_deg: float
    radius_px: float
    pen: Pen
    zorder: float = 3


@dataclass(frozen=True)
class RightMark:
    """The small square of a right angle between unit directions u and v at `vertex`."""

    vertex: Point
    u: Point
    v: Point
    size_px: float
    pen: Pen
    zorder: float = 3


@dataclass(frozen=True)
class Fill:
    """A lightly tinted polygon (drawn under everything else, no obstacle)."""

    points: tuple[Point, ...]
    color: str
    alpha: float = 0.12
    zorder: float = 0.5


Shape = Union[Segment, CircleShape, Dot, AngleArc, RightMark, Fill]


def direction_deg(frm: Point, to: Point) -> float:
    return math.degrees(math.atan2(to[1] - frm[1], to[0] - frm[0]))


def unit(frm: Point, to: Point) -> Point:
    dx, dy = to[0] - frm[0], to[1] - frm[1]
    n = math.hypot(dx, dy)
    return dx / n, dy / n


def bounds_of(points, circles=()) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) of points and of circles given as (centre, radius)."""
    xs = [p[0] for p in points] + [c[0] - r for c, r in circles] + [c[0] + r for c, r in circles]
    ys = [p[1] for p in points] + [c[1] - r for c, r in circles] + [c[1] + r for c, r in circles]
    return min(xs), min(ys), max(xs), max(ys)


class Canvas:
    """One axes on `fig`, covering `bounds` (data) with `margin` of the side left around
    it for labels, and `caption_frac` of the height kept free at the bottom."""

    def __init__(self, fig: Figure, ctx: RenderContext, bounds: tuple[float, float, float, float],
                 grid: bool, margin: float = 0.1, caption_frac: float = 0.0):
        self.fig, self.ctx = fig, ctx
        self.width_px, self.height_px = fig.bbox.width, fig.bbox.height
        self.scale = fig.get_figwidth() / REFERENCE_INCHES  # point sizes grow with the figure
        self.font_pt = 12.5 * self.scale
        self.line_pt = float(ctx.theme.rc.get("lines.linewidth", 1.5)) * self.scale
        self.ink, self.paper = ctx.theme.ink, ctx.theme.paper
        bottom = caption_frac
        self.ax = fig.add_axes((0.0, bottom, 1.0, 1.0 - bottom))
        axes_w, axes_h = self.width_px, self.height_px * (1.0 - bottom)
        pad = margin * self.width_px
        xmin, ymin, xmax, ymax = bounds
        self.units_per_px = max((xmax - xmin) / (axes_w - 2 * pad), (ymax - ymin) / (axes_h - 2 * pad))
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        self.xlim = (cx - axes_w * self.units_per_px / 2, cx + axes_w * self.units_per_px / 2)
        self.ylim = (cy - axes_h * self.units_per_px / 2, cy + axes_h * self.units_per_px / 2)
        self.ax.set_xlim(*self.xlim)
        self.ax.set_ylim(*self.ylim)
        self._frame(grid)

    def _frame(self, grid: bool) -> None:
        ax = self.ax
        if not grid:
            ax.set_axis_off()
            return
        # A light integer grid helps a reader check coordinates; tick labels would crowd the figure.
        span = max(self.xlim[1] - self.xlim[0], self.ylim[1] - self.ylim[0])
        step = 1 if span <= 30 else 2 if span <= 60 else 5
        ax.set_xticks(np.arange(math.ceil(self.xlim[0] / step) * step, self.xlim[1], step))
        ax.set_yticks(np.arange(math.ceil(self.ylim[0] / step) * step, self.ylim[1], step))
        ax.tick_params(length=0, labelbottom=False, labelleft=False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.grid(True, lw=0.6 * self.scale, alpha=0.18)
        for value, line in ((0.0, ax.axhline), (0.0, ax.axvline)):
            line(value, color=self.ink, lw=0.9 * self.scale, alpha=0.35, zorder=0.8)

    # ---- coordinates -------------------------------------------------------------------
    def px(self, xy) -> np.ndarray:
        """Display pixels (x right, y up) of data points, shape (n, 2)."""
        return self.ax.transData.transform(np.atleast_2d(np.asarray(xy, dtype=float)))

    def image_px(self, xy: Point) -> list[float]:
        """Image pixels (x right, y down) of one data point, as stored in labels["objects"]."""
        u, v = self.px(xy)[0]
        return [round(float(u), 2), round(float(self.height_px - v), 2)]

    def data_len(self, pixels: float) -> float:
        return pixels * self.units_per_px

    # ---- drawing -----------------------------------------------------------------------
    def draw(self, shape: Shape) -> None:
        ax, lw = self.ax, self.line_pt
        if isinstance(shape, Segment):
            (x0, y0), (x1, y1) = shape.p, shape.q
            ax.plot([x0, x1], [y0, y1], color=shape.pen.color, lw=lw * shape.pen.width, ls=shape.pen.style,
                    solid_capstyle="round", zorder=shape.zorder)
        elif isinstance(shape, CircleShape):
            ax.add_patch(Circle(shape.centre, shape.radius, fill=False, ec=shape.pen.color,
                                lw=lw * shape.pen.width, ls=shape.pen.style, zorder=shape.zorder))
        elif isinstance(shape, Dot):
            ax.plot([shape.p[0]], [shape.p[1]], "o", color=shape.color, ms=5.5 * self.scale * shape.size,
                    mec=self.paper, mew=0.8 * self.scale, zorder=shape.zorder)
        elif isinstance(shape, AngleArc):
            d = 2 * self.data_len(shape.radius_px)
            ax.add_patch(Arc(shape.vertex, d, d, theta1=shape.start_deg, theta2=shape.end_deg,
                             ec=shape.pen.color, lw=lw * shape.pen.width, ls=shape.pen.style, zorder=shape.zorder))
        elif isinstance(shape, RightMark):
            ax.plot(*zip(*self._right_mark_corners(shape)), color=shape.pen.color, lw=lw * shape.pen.width,
                    zorder=shape.zorder)
        elif isinstance(shape, Fill):
            ax.add_patch(Polygon(shape.points, closed=True, fc=shape.color, ec="none", alpha=shape.alpha,
                                 zorder=shape.zorder))
        else:
            raise TypeError(f"not a shape: {shape!r}")

    def _right_mark_corners(self, mark: RightMark) -> list[Point]:
        s = self.data_len(mark.size_px)
        (x, y), (ux, uy), (vx, vy) = mark.vertex, mark.u, mark.v
        return [(x + s * ux, y + s * uy), (x + s * (ux + vx), y + s * (uy + vy)), (x + s * vx, y + s * vy)]

    # ---- obstacles for labels ----------------------------------------------------------
    def strokes(self, shape: Shape) -> np.ndarray:
        """Display pixels along the shape's strokes (a filled disc for dots)."""
        if isinstance(shape, Segment):
            return _polyline(self.px([shape.p, shape.q]))
        if isinstance(shape, CircleShape):
            r_px = shape.radius / self.units_per_px
            n = max(16, int(2 * math.pi * r_px / STROKE_STEP_PX))
            t = np.linspace(0, 2 * math.pi, n, endpoint=False)
            return self.px(shape.centre)[0] + r_px * np.column_stack([np.cos(t), np.sin(t)])
        if isinstance(shape, Dot):
            r = 4.0 * self.scale * shape.size
            g = np.arange(-r, r + 0.1, STROKE_STEP_PX)
            gx, gy = np.meshgrid(g, g)
            disc = np.column_stack([gx.ravel(), gy.ravel()])
            return self.px(shape.p)[0] + disc[np.hypot(disc[:, 0], disc[:, 1]) <= r]
        if isinstance(shape, AngleArc):
            t = np.radians(np.linspace(shape.start_deg, shape.end_deg, 24))
            return self.px(shape.vertex)[0] + shape.radius_px * np.column_stack([np.cos(t), np.sin(t)])
        if isinstance(shape, RightMark):
            return _polyline(self.px(self._right_mark_corners(shape)))
        return np.empty((0, 2))


def _polyline(points: np.ndarray) -> np.ndarray:
    out = []
    for a, b in zip(points[:-1], points[1:]):
        n = max(2, int(np.hypot(*(b - a)) / STROKE_STEP_PX) + 1)
        out.append(a + np.linspace(0, 1, n)[:, None] * (b - a))
    return np.concatenate(out) if out else np.empty((0, 2))
