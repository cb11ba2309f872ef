"""Draw a scene (shapes + label requests) and lay out its labels; the one rendering path
of every geometry template.

For an edit, labels named in `pin_keys` are placed once against the strokes of both the
source and the target figure (`ghost`), and then put at those same positions in both
renders, so that what the edit does not touch stays pixel-identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from synthesis.science.geometry.canvas import Canvas, Point, Shape
from synthesis.science.geometry.labels import LabelPlacer, LabelRequest, LayoutError
from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.template import RenderContext


@dataclass
class Scene:
    shapes: list[Shape]
    labels: list[LabelRequest]  # in placing order: earlier ones get the better places
    objects: list[dict] = field(default_factory=list)  # for labels["objects"]
    caption: str | None = None  # one line under the figure


def render_scene(ctx: RenderContext, bounds: tuple[float, float, float, float], grid: bool,
                 build: Callable[[Canvas], Scene], *, margin: float = 0.1, caption_frac: float = 0.0,
                 pin_keys: tuple[str, ...] = (), pinned: dict[str, tuple[Point, bool]] | None = None,
                 ghost: Callable[[Canvas], list[Shape]] | None = None
                 ) -> tuple[Drawing, Scene, dict[str, tuple[Point, bool]]]:
    """The drawing, the scene built on its canvas, and the positions of the pinned labels.
    Raises LayoutError when the labels do not fit."""
    with figure(ctx, layout=None) as fig:
        canvas = Canvas(fig, ctx, bounds, grid, margin=margin, caption_frac=caption_frac)
        scene = build(canvas)
        for shape in scene.shapes:
            canvas.draw(shape)
        requests = {r.key: r for r in scene.labels}
        if pin_keys and pinned is None:
            pinned = _pin(canvas, scene, requests, pin_keys, ghost(canvas) if ghost else [])
        pinned = pinned or {}
        placer = LabelPlacer(canvas)
        placer.avoid(scene.shapes)
        for key, (centre, backed) in pinned.items():
            r = requests[key]
            placer.put(r.text, centre, backed, r.color)
        for r in scene.labels:
            if r.key not in pinned:
                placer.place(r.text, r.anchor, r.directions, r.gap_px, r.color, steps=r.steps)
        if scene.caption:
            placer.caption(scene.caption)
        drawing = finish(fig)
    collisions = overlapping_labels(drawing.texts)
    if collisions:
        raise LayoutError(f"labels overlap: {collisions[0]}")
    return drawing, scene, pinned


def _pin(canvas: Canvas, scene: Scene, requests: dict[str, LabelRequest], keys: tuple[str, ...],
         ghost: list[Shape]) -> dict[str, tuple[Point, bool]]:
    """Places for `keys` that suit the scene and the ghost figure at once (a dry run)."""
    dry = LabelPlacer(canvas)
    dry.avoid(scene.shapes + ghost)
    out = {}
    for key in keys:
        r = requests[key]
        t = dry.place(r.text, r.anchor, r.directions, r.gap_px, r.color, steps=r.steps)
        out[key] = dry.position(t)
        t.remove()
    return out
