"""Widgets: scene objects whose look is data — a clock's time, a counter's value, a
sign's text, a chart's bars, a puzzle tile's content, a 3D block seen from a camera.
They draw into the same Canvas as library kinds (body = the node's colour, ink = the
rest), reading what they show from `node.attrs`, so reasoning edits ("2 h 45 min
later", "the next step of the pattern") are edits of those attrs.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from synthesis.editing import library
from synthesis.editing.graph import Node, Scene
from synthesis.editing.library.base import Canvas
from synthesis.editing.palette import rgb, shade

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"  # fonts-dejavu-core (Makefile FONTS)
INK = (30, 30, 35)
PAPER = (248, 246, 238)


@lru_cache(maxsize=64)
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, max(6, size))


def _text_colour(base) -> tuple[int, int, int]:
    return INK if sum(base) > 380 else PAPER


def _centred_text(canvas: Canvas, text: str, cx: float, cy: float, max_w: float, max_h: float, fill) -> None:
    size = int(max_h)
    while size > 6:
        f = font(size)
        x0, y0, x1, y1 = f.getbbox(text)
        if x1 - x0 <= max_w and y1 - y0 <= max_h:
            break
        size = int(size * 0.9)
    canvas.ink.text((cx, cy), text, font=font(size), fill=fill, anchor="mm")


def clock(canvas: Canvas, node: Node, scene: Scene) -> None:
    hour, minute = node.attrs["hour"], node.attrs["minute"]
    canvas.body_ellipse(0, 0, 1, 1)
    canvas.ink_ellipse(0.08, 0.08, 0.92, 0.92, fill=PAPER)
    cx, cy = canvas.xy(0.5, 0.5)
    r = 0.42 * (canvas.box[3] - canvas.box[1])
    for tick in range(60):
        a = math.radians(tick * 6)
        inner = 0.86 if tick % 5 == 0 else 0.93
        canvas.ink.line([(cx + inner * r * math.sin(a), cy - inner * r * math.cos(a)),
                         (cx + 0.98 * r * math.sin(a), cy - 0.98 * r * math.cos(a))],
                        fill=INK, width=canvas.w(0.018 if tick % 5 == 0 else 0.007))
    for number in (12, 3, 6, 9):
        a = math.radians(number * 30)
        _centred_text(canvas, str(number), cx + 0.7 * r * math.sin(a), cy - 0.7 * r * math.cos(a),
                      0.3 * r, 0.2 * r, INK)

    def hand(angle_deg: float, length: float, width: float) -> None:
        a = math.radians(angle_deg)
        canvas.ink.line([(cx - 0.12 * length * r * math.sin(a), cy + 0.12 * length * r * math.cos(a)),
                         (cx + length * r * math.sin(a), cy - length * r * math.cos(a))],
                        fill=INK, width=canvas.w(width))

    hand((hour % 12 + minute / 60) * 30, 0.52, 0.04)
    hand(minute * 6, 0.8, 0.022)
    canvas.ink_ellipse(0.47, 0.47, 0.53, 0.53, fill=rgb("red"))


# Seven-segment digits: segments a..g lit per digit.
SEGMENTS = {"0": "abcdef", "1": "bc", "2": "abdeg", "3": "abcdg", "4": "bcfg", "5": "acdfg", "6": "acdefg",
            "7": "abc", "8": "abcdefg", "9": "abcdfg"}


def _segment_polys(x: float, y: float, w: float, h: float, t: float) -> dict[str, list]:
    """Polygons of the seven segments of a digit cell (x, y, w, h), stroke `t`."""
    def hbar(yy):
        return [(x + t, yy), (x + w - t, yy), (x + w - t / 2, yy + t / 2), (x + w - t, yy + t), (x + t, yy + t),
                (x + t / 2, yy + t / 2)]

    def vbar(xx, yy, hh):
        return [(xx, yy + t / 2), (xx + t / 2, yy), (xx + t, yy + t / 2), (xx + t, yy + hh - t / 2),
                (xx + t / 2, yy + hh), (xx, yy + hh - t / 2)]

    half = (h - t) / 2
    return {"a": hbar(y), "g": hbar(y + half), "d": hbar(y + 2 * half),
            "f": vbar(x, y + t / 2, half), "b": vbar(x + w - t, y + t / 2, half),
            "e": vbar(x, y + half + t / 2, half), "c": vbar(x + w - t, y + half + t / 2, half)}


def counter(canvas: Canvas, node: Node, scene: Scene) -> None:
    digits = str(node.attrs["value"]).rjust(node.attrs.get("digits", 3), " ")
    lit = rgb(node.attrs.get("led", "red"))
    canvas.body_rect(0, 0, 1, 1, radius=0.08)
    canvas.ink_rect(0.06, 0.12, 0.94, 0.88, fill=(18, 18, 22), radius=0.04)
    x0, y0, x1, y1 = canvas.rect(0.1, 0.2, 0.9, 0.8)
    cell = (x1 - x0) / len(digits)
    t = 0.16 * cell
    for i, ch in enumerate(digits):
        polys = _segment_polys(x0 + i * cell + 0.12 * cell, y0, 0.76 * cell, y1 - y0, t)
        for name, poly in polys.items():
            on = ch in SEGMENTS and name in SEGMENTS[ch]
            canvas.ink.polygon(poly, fill=lit if on else (45, 35, 38))


def sign(canvas: Canvas, node: Node, scene: Scene) -> None:
    board_h = node.attrs.get("board", 0.62)
    canvas.body_rect(0, 0, 1, board_h, radius=0.06)
    if node.surface != "wall":  # a post
        canvas.ink_rect(0.46, board_h, 0.54, 1.0, fill=(110, 80, 50))
    lines = node.attrs["text"].split("\n")
    x0, y0, x1, y1 = canvas.rect(0.08, 0.06, 0.92, board_h - 0.06)
    line_h = (y1 - y0) / len(lines)
    for i, line in enumerate(lines):
        _centred_text(canvas, line, (x0 + x1) / 2, y0 + (i + 0.5) * line_h, x1 - x0, 0.8 * line_h,
                      _text_colour(canvas.base))


def bar_chart(canvas: Canvas, node: Node, scene: Scene) -> None:
    values, colors, labels = node.attrs["values"], node.attrs["colors"], node.attrs["labels"]
    top = node.attrs.get("max", 10)
    canvas.body_rect(0, 0, 1, 1, radius=0.03)
    ax0, ay0, ax1, ay1 = canvas.rect(0.14, 0.08, 0.95, 0.82)
    for k in range(0, top + 1, 2):  # grid lines and tick labels
        yy = ay1 - (ay1 - ay0) * k / top
        canvas.ink.line([(ax0, yy), (ax1, yy)], fill=(200, 200, 205), width=1)
        _centred_text(canvas, str(k), (canvas.box[0] + ax0) / 2, yy, ax0 - canvas.box[0], 0.05 * (ay1 - ay0) * 1.5,
                      INK)
    slot = (ax1 - ax0) / len(values)
    for i, (value, color, label) in enumerate(zip(values, colors, labels)):
        bx0, bx1 = ax0 + (i + 0.18) * slot, ax0 + (i + 0.82) * slot
        if value > 0:
            canvas.ink.rectangle([bx0, ay1 - (ay1 - ay0) * value / top, bx1, ay1], fill=rgb(color))
        _centred_text(canvas, label, (bx0 + bx1) / 2, (ay1 + canvas.box[3]) / 2, slot * 0.95,
                      0.5 * (canvas.box[3] - ay1), INK)
    canvas.ink.line([(ax0, ay0), (ax0, ay1), (ax1, ay1)], fill=INK, width=canvas.w(0.008))


def tile(canvas: Canvas, node: Node, scene: Scene) -> None:
    """A puzzle cell: `count` copies of a library shape in `fill`, turned by `angle`; an
    empty tile shows a question mark."""
    canvas.body_rect(0, 0, 1, 1, radius=0.06)
    content = node.attrs
    if content.get("empty"):
        _centred_text(canvas, "?", *canvas.xy(0.5, 0.5), 0.5 * (canvas.box[2] - canvas.box[0]),
                      0.5 * (canvas.box[3] - canvas.box[1]), shade(canvas.base, 0.55))
        return
    count, scale = content.get("count", 1), content.get("scale", 1.0)
    cols = math.ceil(math.sqrt(count))
    rows = math.ceil(count / cols)
    x0, y0, x1, y1 = canvas.box
    cw, ch = (x1 - x0) / cols, (y1 - y0) / rows
    side = 0.72 * min(cw, ch) * scale
    layer = Image.new("L", canvas.ink.im.size, 0)
    for i in range(count):
        r, c = divmod(i, cols)
        if r == rows - 1:  # centre a short last row
            c += (cols - (count - r * cols)) / 2
        cx, cy = x0 + (c + 0.5) * cw, y0 + (r + 0.5) * ch
        shape = Image.new("L", (math.ceil(side) + 2, math.ceil(side) + 2), 0)
        sub = Canvas(ImageDraw.Draw(shape), ImageDraw.Draw(Image.new("RGBA", shape.size)), (1, 1, 1 + side, 1 + side),
                     (0, 0, 0))
        library.kind(content["shape"]).draw(sub, "default")
        if content.get("angle"):
            shape = shape.rotate(content["angle"], resample=Image.Resampling.BICUBIC)
        layer.paste(255, (round(cx - shape.width / 2), round(cy - shape.height / 2)), shape)
    canvas.ink.bitmap((0, 0), layer, fill=rgb(content["fill"]))


# --- 3D blocks -------------------------------------------------------------------

def project(point, camera: dict, scale: float, origin: tuple[float, float]) -> tuple[float, float, float]:
    """World (x, y up, z) → screen (sx, sy) and depth, for an orthographic camera turned
    by `azimuth` about the vertical and tilted down by `elevation`."""
    a, e = math.radians(camera["azimuth"]), math.radians(camera["elevation"])
    x, y, z = point
    xr = x * math.cos(a) - z * math.sin(a)
    zr = x * math.sin(a) + z * math.cos(a)
    sx = origin[0] + scale * xr
    sy = origin[1] + scale * (zr * math.sin(e) - y * math.cos(e))
    return sx, sy, zr * math.cos(e) + y * math.sin(e)


def block_corners(attrs: dict) -> np.ndarray:
    gx, gz, (sx, sy, sz) = attrs["gx"], attrs["gz"], attrs["size"]
    y0 = attrs.get("gy", 0.0)
    return np.array([(gx + dx * sx / 2, y0 + dy * sy, gz + dz * sz / 2)
                     for dx in (-1, 1) for dy in (0, 1) for dz in (-1, 1)], float)


# Faces as corner indices (in block_corners' order) and outward normals.
FACES = (((0, 1, 3, 2), (-1, 0, 0)), ((4, 6, 7, 5), (1, 0, 0)), ((0, 2, 6, 4), (0, -1, 0)),
         ((1, 5, 7, 3), (0, 1, 0)), ((0, 4, 5, 1), (0, 0, -1)), ((2, 3, 7, 6), (0, 0, 1)))
LIGHT = np.array((0.4, 0.8, 0.45))


def block(canvas: Canvas, node: Node, scene: Scene) -> None:
    """The faces of a box that face the camera; shading by the light's angle."""
    cam = scene.camera
    corners = [project(c, cam, cam["scale"], cam["origin"]) for c in block_corners(node.attrs)]
    a, e = math.radians(cam["azimuth"]), math.radians(cam["elevation"])
    view = np.array((math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e)))  # towards the viewer
    bx0, by0, bx1, by1 = node.box
    cx0, cy0, cx1, cy1 = canvas.box
    sx_, sy_ = (cx1 - cx0) / max(1e-6, bx1 - bx0), (cy1 - cy0) / max(1e-6, by1 - by0)

    def to_canvas(i):
        return (cx0 + (corners[i][0] - bx0) * sx_, cy0 + (corners[i][1] - by0) * sy_)

    for idx, normal in FACES:
        n = np.array(normal, float)
        # rotate the normal into the camera frame's "towards viewer" test
        if n @ view <= 1e-6:
            continue
        poly = [to_canvas(i) for i in idx]
        canvas.body.polygon(poly, fill=255)
        light = float(np.clip(n @ LIGHT, 0, 1))
        alpha = int(150 * (1 - light))
        canvas.ink.polygon(poly, fill=(0, 0, 0, alpha), outline=(20, 20, 25, 255))


WIDGETS = {"clock": clock, "counter": counter, "sign": sign, "bar_chart": bar_chart, "tile": tile, "block": block}
