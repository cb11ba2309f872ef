"""Draw a scene spec: background, shapes, text blocks (each on its own layer, bent and
placed by its geometry), then global effects. Returns the image and the labels.

The spec is the only input, so re-rendering a stored spec reproduces the bytes. Word
boxes are the glyph boxes FreeType reports for the exact string, size, stroke and
direction drawn; they are pushed through the same arc warp and homography as the
pixels, so every polygon holds its word's ink after all geometric transforms.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from synthesis.text_rendering import effects, geometry
from synthesis.text_rendering.backgrounds import render_background
from synthesis.text_rendering.colors import hex_color
from synthesis.text_rendering.fonts import load_face

MESH_CELL = 16  # px: the arc warp is piecewise bilinear over cells this size
ARC_SAMPLES_PX = 12  # one polygon point per this many px of curved text
RESAMPLE_GROW = 1.0  # px added around glyph boxes of warped blocks


def _rgba(color) -> tuple[int, ...]:
    return tuple(color) if len(color) == 4 else (*color, 255)


def draw_shape(draw: ImageDraw.ImageDraw, shape: dict, offset: tuple[float, float] = (0, 0)) -> None:
    """rect | rounded_rect | ellipse | line | polygon, in the layer's coordinates + offset."""
    ox, oy = offset
    pts = [(x + ox, y + oy) for x, y in np.asarray(shape["xy"], dtype=float).reshape(-1, 2)]
    fill = _rgba(shape["fill"]) if shape.get("fill") else None
    outline = _rgba(shape["outline"]) if shape.get("outline") else None
    width = int(shape.get("width", 1))
    kind = shape["kind"]
    if kind == "rect":
        draw.rectangle(pts[:2], fill=fill, outline=outline, width=width)
    elif kind == "rounded_rect":
        draw.rounded_rectangle(pts[:2], radius=int(shape.get("radius", 8)), fill=fill, outline=outline, width=width)
    elif kind == "ellipse":
        draw.ellipse(pts[:2], fill=fill, outline=outline, width=width)
    elif kind == "line":
        draw.line(pts, fill=outline or fill, width=width)
    elif kind == "polygon":
        draw.polygon(pts, fill=fill, outline=outline, width=width)
    else:
        raise ValueError(f"unknown shape kind {kind!r}; allowed: rect, rounded_rect, ellipse, line, polygon")


def _pad(block: dict) -> int:
    pad = 2 + int(block.get("stroke", {}).get("width", 0) if block.get("stroke") else 0)
    shadow = block.get("shadow")
    if shadow:
        pad += int(math.ceil(max(abs(shadow["dx"]), abs(shadow["dy"])) + 3 * shadow["blur"]))
    return pad


def _word_boxes(block: dict) -> list[list[tuple[float, float, float, float]]]:
    """Local glyph boxes of every word, per line."""
    font = load_face(block["font"], block["size"])
    stroke = block["stroke"]["width"] if block.get("stroke") else 0
    direction = block.get("direction", "ltr")
    out = []
    for line in block["lines"]:
        boxes = []
        for word in line["words"]:
            l, t, r, b = font.getbbox(word["text"], anchor=block["anchor"], stroke_width=stroke, direction=direction,
                                      features=block.get("features"))
            boxes.append((word["x"] + l, word["y"] + t, word["x"] + r, word["y"] + b))
        out.append(boxes)
    return out


def _text_layer(block: dict, size: tuple[int, int], pad: int) -> Image.Image:
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = load_face(block["font"], block["size"])
    stroke = block.get("stroke")
    kwargs = {"font": font, "anchor": block["anchor"], "fill": _rgba(block["color"]),
              "direction": block.get("direction", "ltr"), "features": block.get("features")}
    if stroke:
        kwargs.update(stroke_width=int(stroke["width"]), stroke_fill=_rgba(stroke["color"]))
    for line in block["lines"]:
        for word in line["words"]:
            draw.text((word["x"] + pad, word["y"] + pad), word["text"], **kwargs)
    return layer


def _with_shadow(text: Image.Image, shadow: dict) -> Image.Image:
    alpha = text.getchannel("A")
    if shadow["blur"]:
        alpha = alpha.filter(ImageFilter.GaussianBlur(shadow["blur"]))
    alpha = alpha.point(lambda v: round(v * shadow.get("opacity", 0.6)))
    shade = Image.new("RGBA", text.size, _rgba(shadow["color"]))
    shade.putalpha(alpha)
    out = Image.new("RGBA", text.size, (0, 0, 0, 0))
    out.paste(shade, (int(shadow["dx"]), int(shadow["dy"])), shade)
    return Image.alpha_composite(out, text)


def block_layer(block: dict) -> tuple[Image.Image, int]:
    """The block drawn flat (shapes, shadow, text) and its padding."""
    pad = _pad(block)
    w, h = block["box"]
    size = (int(math.ceil(w)) + 2 * pad, int(math.ceil(h)) + 2 * pad)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    if block.get("shapes"):
        draw = ImageDraw.Draw(layer)
        for shape in block["shapes"]:
            draw_shape(draw, shape, (pad, pad))
    text = _text_layer(block, size, pad)
    if block.get("shadow"):
        text = _with_shadow(text, block["shadow"])
    return Image.alpha_composite(layer, text), pad


def _bend(layer: Image.Image, pad: int, block: dict) -> tuple[Image.Image, float, float]:
    """Warp the flat layer onto the arc; returns the image and its top-left in the
    (bent) local frame."""
    w, h = block["box"]
    radius = block["arc"]
    x0, y0, x1, y1 = geometry.arc_bounds(w, h, radius, pad)
    x0, y0 = math.floor(x0), math.floor(y0)
    out_w, out_h = int(math.ceil(x1)) - x0 + 1, int(math.ceil(y1)) - y0 + 1
    mesh = []
    for top in range(0, out_h, MESH_CELL):
        for left in range(0, out_w, MESH_CELL):
            right, bottom = min(left + MESH_CELL, out_w), min(top + MESH_CELL, out_h)
            corners = np.array([[left, top], [left, bottom], [right, bottom], [right, top]], dtype=float)
            src = geometry.arc_inverse(corners + (x0, y0), w, h, radius) + pad
            mesh.append(((left, top, right, bottom), tuple(src.ravel())))
    return layer.transform((out_w, out_h), Image.Transform.MESH, mesh, Image.Resampling.BILINEAR), x0, y0


def _place(canvas: Image.Image, layer: Image.Image, origin: tuple[float, float], matrix) -> None:
    """Composite `layer` (whose pixel (0,0) is local point `origin`) through `matrix`."""
    ox, oy = origin
    if geometry.is_translation(matrix):
        m = np.asarray(matrix, dtype=float)
        _paste_clipped(canvas, layer, m[0, 2] + ox, m[1, 2] + oy)  # no resampling: crisp glyphs
        return
    to_canvas = np.asarray(matrix, dtype=float) @ geometry.translation(ox, oy)
    corners = geometry.apply(to_canvas, [[0, 0], [layer.width, 0], [layer.width, layer.height], [0, layer.height]])
    bx0, by0 = np.floor(corners.min(axis=0)).astype(int)
    bx1, by1 = np.ceil(corners.max(axis=0)).astype(int)
    inverse = np.linalg.inv(to_canvas) @ geometry.translation(bx0, by0)
    inverse /= inverse[2, 2]
    warped = layer.transform((int(bx1 - bx0), int(by1 - by0)), Image.Transform.PERSPECTIVE,
                             tuple(inverse.ravel()[:8]), Image.Resampling.BICUBIC)
    _paste_clipped(canvas, warped, bx0, by0)


def _paste_clipped(canvas: Image.Image, layer: Image.Image, x: float, y: float) -> None:
    x, y = int(round(x)), int(round(y))
    left, top = max(0, -x), max(0, -y)
    if left >= layer.width or top >= layer.height or x >= canvas.width or y >= canvas.height:
        return
    canvas.alpha_composite(layer, (max(x, 0), max(y, 0)), (left, top))


def _polygon(block: dict, box: tuple[float, float, float, float], warped: bool) -> list[list[float]]:
    """A local box → canvas polygon (4 points, or 2k along an arc). `warped`: the block
    is bent or not a pure shift (see block_labels)."""
    if not warped:  # the common case, by hand: numpy costs more than it saves on 4 points
        tx, ty = block["matrix"][0][2], block["matrix"][1][2]
        l, t, r, b = box[0] + tx, box[1] + ty, box[2] + tx, box[3] + ty
        return [[round(l, 1), round(t, 1)], [round(r, 1), round(t, 1)], [round(r, 1), round(b, 1)],
                [round(l, 1), round(b, 1)]]
    # Resampling (bilinear along an arc, bicubic under perspective) spreads ink by up to
    # a pixel beyond the glyph box: grow the box so the polygon still holds it.
    box = (box[0] - RESAMPLE_GROW, box[1] - RESAMPLE_GROW, box[2] + RESAMPLE_GROW, box[3] + RESAMPLE_GROW)
    if block.get("arc"):
        samples = max(2, math.ceil((box[2] - box[0]) / ARC_SAMPLES_PX) + 1)
        pts = geometry.box_outline(*box, samples=samples)
        pts = geometry.arc_forward(pts, *block["box"], block["arc"])
    else:
        pts = geometry.box_outline(*box)
    pts = geometry.apply(block["matrix"], pts)
    return [[round(float(x), 1), round(float(y), 1)] for x, y in pts]


def block_labels(block: dict, block_index: int, first_word: int) -> tuple[list[dict], list[dict]]:
    """(lines, words) labels of one block, word indices counted from `first_word`."""
    lines, words = [], []
    font_name = f"{block['font']['family']} {block['font']['style']}".strip()
    warped = bool(block.get("arc")) or not geometry.is_translation(block["matrix"])
    for line, boxes in zip(block["lines"], _word_boxes(block)):
        indices = []
        for word, box in zip(line["words"], boxes):
            indices.append(first_word + len(words))
            words.append({"text": word["text"], "polygon": _polygon(block, box, warped), "line": None})
        union = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        lines.append({
            "text": line["text"], "polygon": _polygon(block, union, warped), "words": indices,
            "lang": block["lang"], "script": block["script"], "direction": block.get("direction", "ltr"),
            "vertical": bool(block.get("vertical")), "curved": bool(block.get("arc")),
            "font": font_name, "size": block["size"], "color": hex_color(block["color"][:3]),
            "block": block_index, "role": block.get("role", "text"),
        })
    return lines, words


def render_scene(spec: dict, background: Image.Image | None = None) -> tuple[Image.Image, dict]:
    """(RGB image, labels). `background` may pass the already-rendered background."""
    width, height = spec["width"], spec["height"]
    base = background if background is not None else render_background(spec["background"], width, height)
    canvas = base.convert("RGBA")
    if spec.get("shapes"):
        # On their own layer, then composited: a translucent shape blends with what is
        # beneath instead of replacing it.
        shapes = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(shapes)
        for shape in spec["shapes"]:
            draw_shape(draw, shape)
        canvas = Image.alpha_composite(canvas, shapes)
    lines: list[dict] = []
    words: list[dict] = []
    blocks = []
    for b, block in enumerate(spec["blocks"]):
        layer, pad = block_layer(block)
        if block.get("arc"):
            layer, ox, oy = _bend(layer, pad, block)
        else:
            ox, oy = -pad, -pad
        _place(canvas, layer, (ox, oy), block["matrix"])
        block_lines, block_words = block_labels(block, b, len(words))
        for line in block_lines:
            for i in line["words"]:
                block_words[i - len(words)]["line"] = len(lines)
            lines.append(line)
        words += block_words
        blocks.append({"role": block.get("role", "text"), "lines": list(range(len(lines) - len(block_lines), len(lines)))})
    image = effects.apply(canvas.convert("RGB"), spec.get("effects") or {})
    order = [i for block in sorted(range(len(blocks)), key=lambda b: spec["blocks"][b].get("order", b))
             for i in blocks[block]["lines"]]
    return image, {"lines": lines, "words": words, "blocks": blocks, "reading_order": order}
