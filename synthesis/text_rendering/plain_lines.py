"""Template "plain_lines": 1..max_lines lines of words, wrapped and size-fitted.

`layout` makes every random decision and returns the render spec (plain data); the
labels (exact ink boxes of each word and line) are measured from the same fonts.
"""

from __future__ import annotations

import numpy as np

from synthesis.text_rendering import colors, text_source
from synthesis.text_rendering.backgrounds import key_colors, sample_background
from synthesis.text_rendering.fonts import FontFace, covers, load_font
from synthesis.text_rendering.params import TextRenderingParams

TEMPLATE = "plain_lines"
MIN_FONT_PX = 8
MAX_FONT_PX = 200
ANCHOR = "ls"  # words are placed by the left end of their baseline
ALIGNS = ("left", "center", "right")
VALIGNS = ("top", "middle", "bottom")


def canvas_size(rng: np.random.Generator, params: TextRenderingParams) -> tuple[int, int]:
    long_side = int(rng.integers(params.min_size, params.max_size + 1))
    aspect = float(np.exp(rng.uniform(np.log(0.5), np.log(2.0))))  # width / height
    if aspect >= 1.0:
        return long_side, max(1, round(long_side / aspect))
    return max(1, round(long_side * aspect)), long_side


def wrap(phrases: list[list[str]], font, max_width: float) -> list[list[str]] | None:
    """Greedy wrap of each phrase to `max_width`; None if a single token is too wide."""
    space = font.getlength(" ")
    lines = []
    for phrase in phrases:
        line: list[str] = []
        width = 0.0
        for token in phrase:
            w = font.getlength(token)
            if w > max_width:
                return None
            if line and width + space + w > max_width:
                lines.append(line)
                line, width = [token], w
            else:
                width = w if not line else width + space + w
                line.append(token)
        lines.append(line)
    return lines


def place(lines, font, *, width, height, margin, spacing, align, valign) -> list[dict] | None:
    """Word origins (left baseline) for `lines`; None if the block does not fit."""
    ascent, descent = font.getmetrics()
    line_height = round((ascent + descent) * spacing)
    block = ascent + descent + (len(lines) - 1) * line_height
    if block > height - 2 * margin:
        return None
    top = {"top": margin, "middle": (height - block) // 2, "bottom": height - margin - block}[valign]
    space = font.getlength(" ")
    words = []
    for i, line in enumerate(lines):
        advances = [font.getlength(token) for token in line]
        line_width = sum(advances) + space * (len(line) - 1)
        x = {"left": margin, "center": (width - line_width) / 2, "right": width - margin - line_width}
        x = x[align]
        baseline = top + ascent + i * line_height
        for token, advance in zip(line, advances):
            xi = round(x)
            left, up, right, down = font.getbbox(token, anchor=ANCHOR)  # contains the ink
            if xi + left < 0 or xi + right > width or baseline + up < 0 or baseline + down > height:
                return None
            words.append({"text": token, "x": xi, "y": baseline, "line": i})
            x += advance + space
    return words


def fit(phrases, path: str, size_hint: int, max_lines: int, **frame) -> tuple[int, list[dict]] | None:
    """The largest size <= size_hint (shrinking 10 % a step) at which the text fits."""
    size = size_hint
    while size >= MIN_FONT_PX:
        font = load_font(path, size)
        lines = wrap(phrases, font, frame["width"] - 2 * frame["margin"])
        if lines is not None and len(lines) <= max_lines:
            words = place(lines, font, **frame)
            if words is not None:
                return size, words
        size = min(size - 1, int(size * 0.9))
    return None


def ink_box(font, text: str, x: int, y: int) -> list[int]:
    """Exact ink extents [left, top, right, bottom) of `text` drawn at (x, y), image px."""
    mask, (dx, dy) = font.getmask2(text, "L", anchor=ANCHOR)
    left, top, right, bottom = mask.getbbox()
    return [x + dx + left, y + dy + top, x + dx + right, y + dy + bottom]


def polygon(box) -> list[list[int]]:
    left, top, right, bottom = box
    return [[left, top], [right, top], [right, bottom], [left, bottom]]


def choose_face(rng, params: TextRenderingParams, index: dict[str, tuple[FontFace, ...]], text: str):
    """A random face of a random requested family that has glyphs for all of `text`."""
    family = params.fonts[int(rng.integers(len(params.fonts)))]
    faces = [face for face in index[family] if covers(face.path, text)]
    if not faces:
        raise ValueError(f"no face of font family {family!r} has glyphs for {text!r}")
    return faces[int(rng.integers(len(faces)))]


def layout(rng: np.random.Generator, params: TextRenderingParams, index) -> tuple[dict, dict]:
    """All random decisions of one sample: (render spec, labels)."""
    width, height = canvas_size(rng, params)
    n_phrases = int(rng.integers(1, params.max_lines + 1))
    phrases, case = text_source.phrases(rng, n_phrases)
    face = choose_face(rng, params, index, " ".join(" ".join(p) for p in phrases))
    background = sample_background(rng, params.backgrounds)
    color = colors.text_color(rng, key_colors(background))
    frame = {
        "width": width,
        "height": height,
        "margin": max(2, round(min(width, height) * float(rng.uniform(0.04, 0.12)))),
        "spacing": round(float(rng.uniform(1.0, 1.4)), 2),
        "align": ALIGNS[int(rng.integers(len(ALIGNS)))],
        "valign": VALIGNS[int(rng.integers(len(VALIGNS)))],
    }
    # Start from a size that fills a random share of the height and (about) the width.
    usable_w = width - 2 * frame["margin"]
    usable_h = height - 2 * frame["margin"]
    ref = load_font(face.path, 100)
    longest = max(ref.getlength(" ".join(p)) for p in phrases)
    by_height = usable_h / (n_phrases * 1.2 * frame["spacing"])
    by_width = 100 * usable_w / max(longest, 1.0) * 1.3  # > 1: sometimes a phrase wraps
    size_hint = int(min(by_height, by_width) * rng.uniform(0.55, 1.0))
    size_hint = int(np.clip(size_hint, MIN_FONT_PX, MAX_FONT_PX))

    fitted = fit(phrases, face.path, size_hint, params.max_lines, **frame)
    while fitted is None:  # even the smallest size overflows: drop the last token
        phrases[-1].pop()
        if not phrases[-1]:
            phrases.pop()
        if not phrases:
            raise ValueError(f"no text fits a {width}x{height} canvas")
        fitted = fit(phrases, face.path, size_hint, params.max_lines, **frame)
    size, words = fitted

    spec = {
        "template": TEMPLATE,
        "width": width,
        "height": height,
        "background": background,
        "font": {"path": face.path, "family": face.family, "style": face.style},
        "layout_engine": "basic",
        "anchor": ANCHOR,
        "size": size,
        "color": list(color),
        "case": case,
        **{k: frame[k] for k in ("margin", "spacing", "align", "valign")},
        "words": words,
    }
    return spec, labels_of(spec)


def labels_of(spec: dict) -> dict:
    """Word and line polygons from the exact ink of each word, in reading order."""
    font = load_font(spec["font"]["path"], spec["size"])
    words, line_words, line_boxes = [], [], []
    for word in spec["words"]:
        box = ink_box(font, word["text"], word["x"], word["y"])
        words.append({"text": word["text"], "polygon": polygon(box), "line": word["line"]})
        if word["line"] == len(line_boxes):
            line_words.append([])
            line_boxes.append(box)
        i = word["line"]
        line_words[i].append(word["text"])
        old = line_boxes[i]
        line_boxes[i] = [*map(min, old[:2], box[:2]), *map(max, old[2:], box[2:])]
    font_name = f"{spec['font']['family']} {spec['font']['style']}".strip()
    lines = [
        {
            "text": " ".join(texts),
            "polygon": polygon(box),
            "font": font_name,
            "size": spec["size"],
            "color": colors.hex_color(spec["color"]),
        }
        for texts, box in zip(line_words, line_boxes)
    ]
    return {"words": words, "lines": lines, "reading_order": list(range(len(words)))}
