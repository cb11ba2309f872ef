"""Layout backgrounds: walls, tables, shelves, floors, windows, sky and ground.

A background is drawn from `scene.background` (colours, patterns, materials, where the
surfaces are), `scene.lighting` (the sky in windows and outdoors) and `scene.season`
(grass, snow). Nothing here is random: the same fields give the same pixels.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from synthesis.editing.graph import Scene
from synthesis.editing.palette import rgb, shade

SKY = {"day": ((120, 180, 235), (200, 228, 250)), "dusk": ((70, 60, 130), (245, 150, 90)),
       "night": ((10, 14, 40), (30, 40, 80))}
GROUND = {"summer": (92, 160, 72), "spring": (130, 195, 95), "autumn": (176, 132, 62), "winter": (236, 240, 246)}


def _region(size: tuple[int, int], color: str, pattern: str = "plain", material: str = "matte") -> Image.Image:
    """A flat region with a pattern and material (shared with the object bodies)."""
    from synthesis.editing.render import _body_fill

    w, h = size
    return Image.fromarray(_body_fill((w, h), (0, 0, w, max(h, 1) * 0.4), rgb(color), pattern, material), "RGB")


def _gradient(size: tuple[int, int], top, bottom) -> Image.Image:
    w, h = size
    t = np.linspace(0, 1, max(h, 1), dtype=np.float32)[:, None, None]
    arr = np.array(top, np.float32) * (1 - t) + np.array(bottom, np.float32) * t
    return Image.fromarray(np.broadcast_to(arr, (h, w, 3)).astype(np.uint8), "RGB")


def _sky_and_ground(scene: Scene, size: tuple[int, int], horizon: int) -> Image.Image:
    w, h = size
    image = _gradient((w, horizon), *SKY[scene.lighting])
    out = Image.new("RGB", size)
    out.paste(image, (0, 0))
    ground = GROUND[scene.season]
    out.paste(_gradient((w, h - horizon), shade(ground, 1.08), shade(ground, 0.85)), (0, horizon))
    draw = ImageDraw.Draw(out)
    if scene.lighting == "night":
        rng = np.random.default_rng(7)  # fixed stars: part of the night sky, not of the seed
        for _ in range(max(4, w * horizon // 6000)):
            x, y = int(rng.integers(0, w)), int(rng.integers(0, max(1, horizon - 4)))
            draw.point((x, y), fill=(250, 250, 220))
        draw.ellipse([w * 0.78, horizon * 0.12, w * 0.78 + horizon * 0.16, horizon * 0.28], fill=(245, 240, 200))
    elif scene.lighting == "day" and scene.season != "winter":
        draw.ellipse([w * 0.08, horizon * 0.1, w * 0.08 + horizon * 0.18, horizon * 0.28], fill=(255, 230, 120))
    return out


def _wall(bg: dict, size: tuple[int, int]) -> Image.Image:
    return _region(size, bg["wall"], bg.get("wall_pattern", "plain"))


def draw(scene: Scene) -> Image.Image:
    bg, w, h = scene.background, scene.width, scene.height
    layout = bg["kind"]
    if layout == "yard":
        return _sky_and_ground(scene, (w, h), int(bg["horizon"] * h))
    image = _wall(bg, (w, h))
    draw_ = ImageDraw.Draw(image)
    if "window" in bg:  # a window onto the outside: sky and ground follow lighting and season
        x0, y0, x1, y1 = (int(v * s) for v, s in zip(bg["window"], (w, h, w, h)))
        view = _sky_and_ground(scene, (x1 - x0, y1 - y0), int(0.65 * (y1 - y0)))
        image.paste(view, (x0, y0))
        frame = rgb(bg.get("window_frame", "white"))
        bar = max(3, w // 120)
        draw_.rectangle([x0, y0, x1, y1], outline=frame, width=bar)
        draw_.line([((x0 + x1) // 2, y0), ((x0 + x1) // 2, y1)], fill=frame, width=bar)
        draw_.line([(x0, (y0 + y1) // 2), (x1, (y0 + y1) // 2)], fill=frame, width=bar)
    if layout in ("tabletop", "room"):
        top = int(bg["horizon"] * h)
        surface = _region((w, h - top), bg["surface"], bg.get("surface_pattern", "plain"),
                          bg.get("surface_material", "matte"))
        image.paste(surface, (0, top))
        edge = shade(rgb(bg["surface"]), 0.6)
        draw_.line([(0, top), (w, top)], fill=edge, width=max(2, h // 150))
        if layout == "room":  # skirting board
            draw_.rectangle([0, top - max(4, h // 60), w, top], fill=shade(rgb(bg["wall"]), 0.7))
    elif layout == "shelf":
        plank = rgb(bg["surface"])
        thick = max(6, h // 40)
        for y in bg["shelves"]:
            yy = int(y * h)
            draw_.rectangle([int(0.04 * w), yy, int(0.96 * w), yy + thick], fill=plank)
            draw_.rectangle([int(0.04 * w), yy + thick, int(0.96 * w), yy + thick + 2], fill=shade(plank, 0.55))
    return image
