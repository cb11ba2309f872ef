"""The labelled drawing of one solid, shared by solid_measures, resize_edit and
volume_question: an optional title on top, the solid with its dimension labels, and
optional note lines (volume, surface area) at the bottom, all at fixed figure positions
so that an edit pair differs only where the solid or a changed text differs."""

from __future__ import annotations

import numpy as np

from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.solid.camera import Camera
from synthesis.science.solid.draw3d import Limits, axes3d, draw_scene, limits_for, pixel
from synthesis.science.solid.scene import Scene, build_scene
from synthesis.science.solid.shapes import Solid
from synthesis.science.template import RenderContext

AXES_RECT = [0.02, 0.14, 0.96, 0.76]  # leaves room for the title and two note lines
NOTE_Y = (0.075, 0.025)


def sample_render(rng: np.random.Generator, ctx: RenderContext, solids: list[Solid]) -> dict:
    """Camera, colours, axis limits and zoom that fit every solid of `solids` (one, or
    both solids of an edit pair, which then share them)."""
    palette = ctx.theme.palette
    face, dimension = (int(i) for i in rng.permutation(len(palette))[:2])
    camera = Camera(float(rng.integers(14, 31)), float(rng.integers(-72, -24)))
    layout = larger(solids)
    return {
        "camera": [camera.elev, camera.azim],
        "limits": limits_for(fit_points(solids, camera, layout), 0.05),
        "fill": round(float(rng.uniform(0.78, 0.9)), 3),
        "colors": {"face": palette[face][0], "dimension": palette[dimension][0]},
        "color_names": {"face": palette[face][1], "dimension": palette[dimension][1]},
        "layout": dict(layout.dims),
        "fit": [dict(s.dims) for s in solids],
    }


def fit_points(solids: list[Solid], camera: Camera, layout: Solid) -> np.ndarray:
    return np.vstack([build_scene(s, camera, layout).points() for s in solids])


def larger(solids: list[Solid]) -> Solid:
    """Dimension-wise maximum: label offsets computed from it do not move in an edit."""
    kind = solids[0].kind
    return Solid(kind, {k: max(s.dims[k] for s in solids) for k in solids[0].dims})


def draw(ctx: RenderContext, solid: Solid, render: dict, title: str | None, notes: list[str]) -> tuple[Drawing, Scene, dict]:
    """The drawing, its scene, and the pixel position of each dimension label anchor."""
    camera = Camera(*render["camera"])
    limits: Limits = render["limits"]
    layout = Solid(solid.kind, render["layout"])
    scene = build_scene(solid, camera, layout)
    fit = fit_points([Solid(solid.kind, dims) for dims in render["fit"]], camera, layout)
    with figure(ctx, layout=None) as fig:
        ax = axes3d(fig, AXES_RECT, camera, limits, fit=fit, fill=render["fill"])
        draw_scene(ax, scene, camera, render["colors"], ctx.theme.ink, ctx.theme.paper)
        if title:
            fig.text(0.5, 0.955, title, ha="center", va="center", fontsize=15)
        for y, note in zip(NOTE_Y, notes):
            fig.text(0.5, y, note, ha="center", va="center", fontsize=13)
        drawing = finish(fig)
        anchors = {d.name: pixel(ax, d.anchor, drawing.height) for d in scene.dimensions}
    return drawing, scene, anchors


def fits(drawing: Drawing) -> bool:
    """No two labels overlap and every label lies inside the image."""
    inside = all(-1 <= t["box"][0] and t["box"][2] <= drawing.width + 1 and -1 <= t["box"][1]
                 and t["box"][3] <= drawing.height + 1 for t in drawing.texts)
    return inside and not overlapping_labels(drawing.texts)
