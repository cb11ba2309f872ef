"""Scene graph → image. Each node is drawn on its own layer (supersampled, then box-
filtered down), so the renderer knows every node's footprint: the pixels it reaches
(body, outline, contact shadow) and the pixels it covers opaquely. Edit masks are made
from those footprints, never from a pixel diff, so the verifier's "nothing changed
outside the mask" is a real check of the renderer's locality.

Order: background → nodes by (z, baseline) → lighting → palette rotation → mirror →
grain. Every step after the nodes is a per-pixel function of the scene fields, so a
scene that differs in one node differs in the image only where that node reaches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from synthesis.editing import backgrounds, library, widgets
from synthesis.editing.graph import Node, Scene
from synthesis.editing.library.base import Canvas
from synthesis.editing.palette import rgb, shade

SUPERSAMPLE = 2
NIGHT = np.array([0.32, 0.38, 0.62])
DUSK = np.array([1.0, 0.8, 0.62])
GRAIN = 3  # ± grey levels of film grain


@dataclass
class Footprint:
    """Where one node's layer landed: `reach` (alpha > 0) and `opaque` (alpha ≈ 1)
    boolean arrays whose top-left corner is (x0, y0) in the image."""

    x0: int
    y0: int
    reach: np.ndarray
    opaque: np.ndarray

    def paste(self, canvas: np.ndarray, which: str = "reach") -> None:
        """OR this footprint into a full-size boolean array."""
        part = self.reach if which == "reach" else self.opaque
        h, w = part.shape
        canvas[self.y0:self.y0 + h, self.x0:self.x0 + w] |= part


@dataclass
class Rendered:
    image: Image.Image                # RGB, the final picture
    footprints: dict[str, Footprint]  # node id → footprint (before mirroring)
    boxes: dict[str, tuple[int, int, int, int]]  # node id → pixel box of its reach, in the final image

    def mask_of(self, node_ids, which: str = "reach") -> np.ndarray:
        out = np.zeros((self.image.height, self.image.width), bool)
        for node_id in node_ids:
            if node_id in self.footprints:
                self.footprints[node_id].paste(out, which)
        return out


def _body_fill(size: tuple[int, int], box, base, pattern: str, material: str) -> np.ndarray:
    """RGB pixels for a body of colour `base` with `pattern` and `material`, over the
    whole layer (the body mask cuts it out). Depends only on the box, so a node's look
    does not change when it moves."""
    w, h = size
    x0, y0, x1, y1 = box
    bh = max(1.0, y1 - y0)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    u, v = (xs - x0) / bh, (ys - y0) / bh  # box-height units, anchored at the box corner
    base_arr = np.array(base, np.float32)
    img = np.broadcast_to(base_arr, (h, w, 3)).copy()
    if pattern == "stripes":
        band = (np.floor((u + v) / 0.16) % 2) == 1
        img[band] = np.array(shade(base, 0.72), np.float32)
    elif pattern == "dots":
        cu, cv = (u % 0.2) - 0.1, (v % 0.2) - 0.1
        img[(cu * cu + cv * cv) < 0.045 ** 2] = np.array(shade(base, 1.55), np.float32)
    elif pattern == "checks":
        band = ((np.floor(u / 0.14) + np.floor(v / 0.14)) % 2) == 1
        img[band] = np.array(shade(base, 0.78), np.float32)
    # Material: how light falls on the surface.
    vv = np.clip(v, 0, 1)[..., None]
    if material == "matte":
        img *= 1.08 - 0.16 * vv
    elif material == "glossy":
        img *= 1.05 - 0.2 * vv
        du, dv = u - 0.3 * (x1 - x0) / bh, v - 0.25
        spec = np.exp(-(du * du + dv * dv) / 0.006)[..., None]
        img = img * (1 - 0.75 * spec) + 255 * 0.75 * spec
    elif material == "metal":
        grey = img.mean(axis=2, keepdims=True)
        img = 0.45 * img + 0.55 * grey
        bands = 0.78 + 0.3 * np.abs(np.sin(u[..., None] * 9.0 / max(1.0, (x1 - x0) / bh)))
        img *= bands
    elif material == "wood":
        img = 0.55 * img + 0.45 * np.array((150, 100, 55), np.float32)
        grain = 0.9 + 0.1 * np.sin(v[..., None] * 40 + 3 * np.sin(u[..., None] * 6))
        img *= grain
    return np.clip(img, 0, 255).astype(np.uint8)


def draw_node(node: Node, scene: Scene) -> tuple[Image.Image, int, int]:
    """The node's RGBA layer and where its top-left corner goes in the image."""
    ss = SUPERSAMPLE
    margin = math.ceil(0.1 * node.h) + 3
    lw, lh = math.ceil(node.w) + 2 * margin, math.ceil(node.h) + 2 * margin
    size = (lw * ss, lh * ss)
    box = (margin * ss, margin * ss, (margin + node.w) * ss, (margin + node.h) * ss)
    base = rgb(node.color)

    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    if node.surface and node.surface != "wall":  # a soft contact shadow where it stands
        shadow = Image.new("L", size, 0)
        sd = ImageDraw.Draw(shadow)
        cx, by, half = (box[0] + box[2]) / 2, box[3], 0.46 * (box[2] - box[0])
        for k, alpha in enumerate((28, 50, 72)):
            r = half * (1 - 0.18 * k)
            sd.ellipse([cx - r, by - 0.05 * node.h * ss * (1 - 0.2 * k), cx + r,
                        by + 0.05 * node.h * ss * (1 - 0.2 * k)], fill=alpha)
        layer.putalpha(shadow)

    body = Image.new("L", size, 0)
    ink = Image.new("RGBA", size, (0, 0, 0, 0))
    canvas = Canvas(ImageDraw.Draw(body), ImageDraw.Draw(ink), box, base)
    if node.kind in widgets.WIDGETS:
        widgets.WIDGETS[node.kind](canvas, node, scene)
    else:
        library.kind(node.kind).draw(canvas, node.state)

    fill = Image.fromarray(_body_fill(size, box, base, node.pattern, node.material), "RGB").convert("RGBA")
    outline = body.filter(ImageFilter.MaxFilter(2 * ss + 1))
    layer = Image.composite(Image.new("RGBA", size, (*shade(base, 0.5), 255)), layer, outline)
    layer = Image.composite(fill, layer, body)
    layer = Image.alpha_composite(layer, ink)

    layer = layer.resize((lw, lh), Image.Resampling.BOX)
    if node.mirror:
        layer = ImageOps.mirror(layer)
    cx, cy = node.x, node.y - node.h / 2
    if node.angle:
        layer = layer.rotate(node.angle, resample=Image.Resampling.BICUBIC, expand=True)
    return layer, round(cx - layer.width / 2), round(cy - layer.height / 2)


def _paste(image: Image.Image, layer: Image.Image, x0: int, y0: int) -> Footprint | None:
    """Alpha-composite `layer` at (x0, y0), cropped to the image; its footprint."""
    lx0, ly0 = max(0, -x0), max(0, -y0)
    lx1, ly1 = min(layer.width, image.width - x0), min(layer.height, image.height - y0)
    if lx1 <= lx0 or ly1 <= ly0:
        return None
    part = layer.crop((lx0, ly0, lx1, ly1))
    image.alpha_composite(part, dest=(x0 + lx0, y0 + ly0))
    alpha = np.asarray(part.getchannel("A"))
    return Footprint(x0 + lx0, y0 + ly0, alpha > 0, alpha >= 250)


def _post(scene: Scene, image: Image.Image) -> Image.Image:
    if scene.lighting != "day" or scene.hue:
        arr = np.asarray(image, np.float32)
        if scene.lighting == "night":
            arr = arr * NIGHT
        elif scene.lighting == "dusk":
            arr = arr * DUSK + np.array((18, 4, 0), np.float32)
        image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
        if scene.hue:
            h, s, v = image.convert("HSV").split()
            shift = round(scene.hue / 360 * 256) % 256
            h = h.point(lambda p: (p + shift) % 256)
            image = Image.merge("HSV", (h, s, v)).convert("RGB")
    if scene.mirrored:
        image = ImageOps.mirror(image)
    rng = np.random.default_rng(scene.grain_seed)
    noise = rng.integers(-GRAIN, GRAIN + 1, size=(image.height, image.width, 1), dtype=np.int16)
    arr = np.clip(np.asarray(image, np.int16) + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(arr, "RGB")


def render(scene: Scene) -> Rendered:
    image = backgrounds.draw(scene).convert("RGBA")
    footprints: dict[str, Footprint] = {}
    for node in sorted(scene.nodes, key=lambda n: (n.z, n.y, n.id)):
        layer, x0, y0 = draw_node(node, scene)
        fp = _paste(image, layer, x0, y0)
        if fp is not None:
            footprints[node.id] = fp
    final = _post(scene, image.convert("RGB"))
    boxes = {}
    for node_id, fp in footprints.items():
        h, w = fp.reach.shape
        x0, x1 = fp.x0, fp.x0 + w
        if scene.mirrored:
            x0, x1 = scene.width - x1, scene.width - x0
        boxes[node_id] = (x0, fp.y0, x1, fp.y0 + h)
    return Rendered(final, footprints, boxes)


def _morph(mask: np.ndarray, op, radius: int) -> np.ndarray:
    """Grow (MaxFilter) or shrink (MinFilter) a boolean mask by `radius` px."""
    if radius <= 0:
        return mask
    image = Image.fromarray(mask.astype(np.uint8) * 255, "L").filter(op(2 * radius + 1))
    return np.asarray(image) > 127


def edit_mask(source: Scene, target: Scene, before: Rendered, after: Rendered, region: str, node_ids=(),
              grow: int = 2) -> np.ndarray:
    """The edit's mask (True = edited), from the graphs and footprints:

    - "nodes": everything `node_ids` reach in either image (an object's old and new place);
    - "background": where the background layer changed and no object covers it opaquely
      in either image (objects' rims blend with the background, so they are included);
    - "global": the whole image.
    """
    h, w = source.height, source.width
    if region == "global":
        return np.ones((h, w), bool)
    if region == "nodes":
        mask = before.mask_of(node_ids) | after.mask_of(node_ids)
    elif region == "background":
        changed = np.any(np.asarray(backgrounds.draw(source)) != np.asarray(backgrounds.draw(target)), axis=2)
        ids = [n.id for n in source.nodes]
        covered = before.mask_of(ids, "opaque") & after.mask_of(ids, "opaque")
        mask = changed & ~_morph(covered, ImageFilter.MinFilter, grow)
    else:
        raise ValueError(f"unknown mask region {region!r}; allowed: nodes, background, global")
    mask = _morph(mask, ImageFilter.MaxFilter, grow)
    if source.mirrored:
        mask = mask[:, ::-1]
    return mask
