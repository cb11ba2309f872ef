"""Put a `Scene` on a matplotlib 3D axes with fixed camera, limits and equal scale.

`computed_zorder=False` makes the draw order the order of zorders (faces, then strokes,
then labels) instead of matplotlib's per-artist depth guess, so labels are never buried
and two renders that share camera and limits put unchanged things on the same pixels.
"""

from __future__ import annotations

import numpy as np
from mpl_toolkits.mplot3d import proj3d
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from synthesis.science.solid.camera import Camera, shaded
from synthesis.science.solid.scene import Scene

Limits = list[list[float]]


def limits_for(points: np.ndarray, pad: float) -> Limits:
    """Axis limits around `points` with `pad` (a fraction of the largest extent) on each side."""
    lo, hi = points.min(axis=0), points.max(axis=0)
    p = pad * float((hi - lo).max())
    return [[round(float(a - p), 4), round(float(b + p), 4)] for a, b in zip(lo, hi)]


def axes3d(fig, rect: list[float], camera: Camera, limits: Limits, fit: np.ndarray | None = None,
           fill: float = 0.9):
    """A bare 3D axes (no panes or ticks) at `rect` (figure fraction) with equal scale,
    zoomed so that the points `fit` span `fill` of the axes. The zoom depends only on
    camera, limits and `fit`, so two renders given the same ones match pixel for pixel."""
    ax = fig.add_axes(rect, projection="3d", computed_zorder=False)
    ax.set_axis_off()
    camera.apply(ax)
    ax.set_xlim(*limits[0])
    ax.set_ylim(*limits[1])
    ax.set_zlim(*limits[2])
    aspect = [b - a for a, b in limits]
    ax.set_box_aspect(aspect, zoom=1.0)
    ax.apply_aspect()  # what draw() does first: fixes the projection `label` uses
    if fit is not None:
        # In orthographic projection the projected span scales linearly with the zoom.
        x, y, _ = proj3d.proj_transform(*np.asarray(fit, dtype=float).T, ax.get_proj())
        zoom = fill / max(np.ptp(x) / ax.viewLim.width, np.ptp(y) / ax.viewLim.height)
        ax.set_box_aspect(aspect, zoom=round(float(zoom), 4))
        ax.apply_aspect()
    return ax


def projected(ax, point: np.ndarray) -> tuple[float, float]:
    """The 2D data coordinates of a world point (what mplot3d draws at)."""
    x, y, _ = proj3d.proj_transform(*np.asarray(point, dtype=float), ax.get_proj())
    return float(x), float(y)


def label(ax, point: np.ndarray, text: str, **kwargs):
    """A 2D text at a world point. mplot3d's own Text3D restores its 3D position after
    drawing, so its window extent (the label box render.finish records) would be wrong."""
    return ax.text2D(*projected(ax, point), text, transform=ax.transData, **kwargs)


def draw_scene(ax, scene: Scene, camera: Camera, colors: dict[str, str], ink: str, paper: str,
               line_width: float = 1.6) -> None:
    rgb = shaded(colors["face"], paper, scene.normals, camera)
    # One collection per polygon size: mplot3d pads ragged polygon lists with
    # uninitialised memory (masked, but it trips overflow warnings). Only front faces of
    # a convex solid are drawn, and those never overlap, so the collections' order is free.
    for size in sorted({len(f) for f in scene.faces}):
        pick = [i for i, f in enumerate(scene.faces) if len(f) == size]
        # Edges in the face colour close the hairline seams between facets.
        faces = Poly3DCollection([scene.faces[i] for i in pick], facecolors=rgb[pick], edgecolors=rgb[pick],
                                 linewidths=0.4, zorder=1)
        faces.set_sketch_params(None)  # the hand-drawn wobble is for strokes; on facets it leaves gaps
        ax.add_collection3d(faces)
    for points, visible in scene.edges:
        ax.plot(*points.T, color=ink, lw=line_width if visible else 0.9 * line_width,
                ls="-" if visible else (0, (4, 3)), zorder=2)
    for dot in scene.dots:
        ax.plot(*dot[:, None], marker="o", ms=3.5, color=ink, zorder=3)
    for d in scene.dimensions:
        ax.plot(*d.segment.T, color=colors["dimension"], lw=1.5, ls=(0, (5, 3)) if d.dashed else "-", zorder=3)
        for tick in d.ticks:
            ax.plot(*tick.T, color=colors["dimension"], lw=1.5, zorder=3)
        label(ax, d.anchor, d.text, color=colors["dimension"], ha=d.ha, va="center", fontsize=13, zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": paper, "edgecolor": "none", "alpha": 0.85})


def pixel(ax, point: np.ndarray, height: float) -> list[float]:
    """Image pixel (x right, y down) of a world point, after the figure was drawn."""
    u, v = ax.transData.transform(projected(ax, point))
    return [round(float(u), 2), round(float(height - v), 2)]
