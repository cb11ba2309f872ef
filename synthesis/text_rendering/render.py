"""Draw a text-rendering spec to an image, and encode images deterministically."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from synthesis.text_rendering.backgrounds import render_background
from synthesis.text_rendering.fonts import load_font

# zlib's default level: at 1024 px it costs ~20 ms more than level 1 per image and
# saves ~1/3 of the bytes, which matters more at millions of rows. Fixed, so bytes are too.
PNG_COMPRESS_LEVEL = 6


def render(spec: dict) -> Image.Image:
    image = render_background(spec["background"], spec["width"], spec["height"])
    draw = ImageDraw.Draw(image)
    font = load_font(spec["font"]["path"], spec["size"])
    fill = tuple(spec["color"])
    for word in spec["words"]:
        draw.text((word["x"], word["y"]), word["text"], fill=fill, font=font, anchor=spec["anchor"])
    return image


def encode_png(image: Image.Image) -> bytes:
    """PNG without metadata chunks (no time, no software): same pixels, same bytes."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()
