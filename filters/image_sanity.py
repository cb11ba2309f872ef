"""Image sanity: the image decodes, has the size its row claims, is not blank, and the
text its labels describe is big enough to read and lies inside the picture.

Checks, in order (the first failure is the row's reason; after a blank image the text
metrics are still filled, after an undecodable or mis-sized one nothing is):
1. decode, size, blank: a generator bug that draws nothing (text the colour of its
   background, an empty plot) gives a near-uniform image; the grey-level standard
   deviation catches it cheaply.
2. text too small (`min_text_px`): for rows whose `labels` JSON has `lines`, each line's
   text height is its polygon's extent across the reading direction; the smallest one
   is the metric. The polygons are ink boxes, so the height is "x-height-ish": a line of
   only lowercase letters without ascenders measures its x-height, not its font size.
3. clipped text (`clipped_words`): words whose polygon leaves the image by more than
   `clip_tolerance_px`, or whose ink touches the image border (a polygon that reaches the
   outermost pixel row or column, with ink-coloured pixels there).

Labels come from `synthesis.text_rendering.draw`: polygons in image px after every
transform, 4 points clockwise from the top-left in reading frame, or 2k points along an
arc (the upper edge in reading order, then the lower edge reversed). All of it works on
the one grey image decoded for the blank check: no second decode.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pyarrow as pa
from PIL import Image
from pydantic import Field

from filters.judge import Judge, JudgeThresholds, reject_reason
from filters.labels import text_labels

# A border pixel is ink when it differs from the border around it by this many grey
# levels (text kept at WCAG contrast 4.5 differs by ~100+) and, where the line's colour is
# known, lies nearer to that colour than to the background.
INK_CONTRAST = 48.0
# Fewer ink pixels than this on the border is noise (sensor noise, one antialiased pixel).
INK_MIN_PIXELS = 2


class ImageSanityThresholds(JudgeThresholds):
    # min_text_px: text_rendering sets text no smaller than 14 px (16 for dense scripts), which
    # measures 7 px on lines of only x-height glyphs (lowercase "men", old-style figures);
    # 6 px keeps all of those and still catches text set below ~12 px.
    min_std: float = Field(2.0, ge=0, description="grey-level std below which an image is blank")
    min_text_px: float | None = Field(
        6.0, ge=0, description="smallest line text height (polygon extent across the reading direction, px) "
        "below which text is too small to read; null: not checked")
    max_clipped_words: int | None = Field(
        0, ge=0, description="most words allowed to leave the image or touch its border; null: not checked")
    clip_tolerance_px: float = Field(
        1.0, ge=0, description="px a word polygon may overhang the image before it counts as clipped")


class ImageSanityJudge(Judge):
    name = "image_sanity"
    Thresholds = ImageSanityThresholds
    metrics = {"std": pa.float32(), "ok": pa.bool_(), "min_text_px": pa.float32(), "clipped_words": pa.int32()}

    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        scores: dict[str, list] = {metric: [] for metric in self.metrics}
        reasons = []
        columns = (batch[c].to_pylist() for c in ("image", "width", "height", "labels"))
        for image, width, height, labels in zip(*columns):
            row_scores, reason = self._check(image, width, height, labels)
            row_scores["ok"] = reason is None
            for metric, values in scores.items():
                values.append(row_scores.get(metric))
            reasons.append(reason)
        return scores, reasons

    def _check(self, image: bytes | None, width: int, height: int,
               labels: str | None) -> tuple[dict, str | None]:
        if not image:
            return {}, reject_reason(self.name, "bytes", 0, "==", 0)
        try:
            with Image.open(io.BytesIO(image)) as im:
                size = im.size
                grey = np.asarray(im.convert("L"), dtype=np.float32)
        except Exception as exc:  # any decoder failure is a verdict, not a crash
            return {}, f"{self.name}: undecodable image ({type(exc).__name__})"
        if size != (width, height):
            return {}, reject_reason(self.name, "size", f"{size[0]}x{size[1]}", "!=", f"{width}x{height}")
        scores: dict = {"std": float(grey.std())}
        reasons = []
        if scores["std"] < self.thresholds.min_std:
            reasons.append(reject_reason(self.name, "std", scores["std"], "<", self.thresholds.min_std))
        try:
            parsed = parse_labels(labels)
        except ValueError as exc:  # malformed labels: this row is rejected, the batch goes on
            return scores, (reasons or [f"{self.name}: unreadable labels ({exc})"])[0]
        if parsed is not None:
            lines, words = parsed
            heights = [line_text_height(polygon, vertical) for polygon, vertical, _ in lines]
            scores["min_text_px"] = min(heights) if heights else None
            scores["clipped_words"] = None if words is None else self._clipped(grey, lines, words)
        t = self.thresholds
        if t.min_text_px is not None and scores.get("min_text_px") is not None \
                and scores["min_text_px"] < t.min_text_px:
            reasons.append(reject_reason(self.name, "min_text_px", scores["min_text_px"], "<", t.min_text_px))
        if t.max_clipped_words is not None and scores.get("clipped_words") is not None \
                and scores["clipped_words"] > t.max_clipped_words:
            reasons.append(reject_reason(self.name, "clipped_words", scores["clipped_words"], ">",
                                         t.max_clipped_words))
        return scores, reasons[0] if reasons else None

    def _clipped(self, grey: np.ndarray, lines: list, words: list) -> int:
        height, width = grey.shape
        tol = self.thresholds.clip_tolerance_px
        count = 0
        for polygon, line in words:
            outside = ((polygon[:, 0] < -tol) | (polygon[:, 0] > width + tol)
                       | (polygon[:, 1] < -tol) | (polygon[:, 1] > height + tol))
            color = lines[line][2] if line is not None and line < len(lines) else None
            if outside.any() or ink_on_border(grey, polygon, color):
                count += 1
        return count


# --- labels -------------------------------------------------------------------------------

def parse_labels(labels: str | None) -> tuple[list, list | None] | None:
    """(lines, words) of a row's labels, or None when it has none (or no `lines`).

    lines: [(polygon, vertical, text grey level or None)]; words: [(polygon, line index or
    None)], or None when the labels list no words. Raises ValueError naming what is wrong.
    """
    data = text_labels(labels)
    if data is None:
        return None
    lines = []
    for i, line in enumerate(data["lines"]):
        where = f"labels.lines[{i}]"
        if not isinstance(line, dict):
            raise ValueError(f"{where} must be an object, got {type(line).__name__}")
        polygon = _polygon(line.get("polygon"), f"{where}.polygon", even=True)
        lines.append((polygon, bool(line.get("vertical")), _grey(line.get("color"), f"{where}.color")))
    if data.get("words") is None:
        return lines, None
    if not isinstance(data["words"], list):
        raise ValueError(f"labels.words must be a list, got {type(data['words']).__name__}")
    words = []
    for i, word in enumerate(data["words"]):
        where = f"labels.words[{i}]"
        if not isinstance(word, dict):
            raise ValueError(f"{where} must be an object, got {type(word).__name__}")
        line = word.get("line")
        if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 0):
            raise ValueError(f"{where}.line must be a line index >= 0 or null, got {line!r}")
        words.append((_polygon(word.get("polygon"), f"{where}.polygon", even=False), line))
    return lines, words


def _polygon(value, where: str, even: bool) -> np.ndarray:
    """A polygon as an (n, 2) float array; lines need an even count (upper + lower edge)."""
    need = "an even number >= 4" if even else ">= 3"
    try:
        pts = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        pts = None
    if pts is None or pts.ndim != 2 or pts.shape[1] != 2 or len(pts) < (4 if even else 3) \
            or (even and len(pts) % 2):
        raise ValueError(f"{where} must be {need} of [x, y] points, got {str(value)[:60]}")
    if not np.isfinite(pts).all():
        raise ValueError(f"{where} has non-finite coordinates")
    return pts


def _grey(color, where: str) -> float | None:
    """'#rrggbb' → its grey level as PIL's "L" conversion computes it; None if absent."""
    if color is None:
        return None
    if not isinstance(color, str) or len(color) != 7 or color[0] != "#":
        raise ValueError(f"{where} must be '#rrggbb', got {color!r}")
    try:
        r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        raise ValueError(f"{where} must be '#rrggbb', got {color!r}") from None
    return (r * 299 + g * 587 + b * 114) / 1000


# --- geometry -----------------------------------------------------------------------------

def line_text_height(polygon: np.ndarray, vertical: bool = False) -> float:
    """A line polygon's extent across its reading direction: area / mean length of its
    two edges along the reading direction.

    For horizontal text those edges are the upper points (first half) and the lower ones
    (second half); for vertical text, the left and right sides. Area over mean edge length
    is exact for rectangles, rotated or sheared quads, trapezoids (perspective) and
    annular sectors (arcs); the distance between matching corners is not: a short line
    under a perspective tilt has slanted sides much longer than it is tall.
    """
    k = len(polygon) // 2
    if vertical:
        along = (_length(polygon[[k - 1, k]]) + _length(polygon[[-1, 0]])) / 2
    else:
        along = (_length(polygon[:k]) + _length(polygon[k:])) / 2
    return _area(polygon) / along if along > 0 else 0.0


def _length(points: np.ndarray) -> float:
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def _area(polygon: np.ndarray) -> float:
    x, y = polygon[:, 0], polygon[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def ink_on_border(grey: np.ndarray, polygon: np.ndarray, text_grey: float | None = None) -> bool:
    """Does the word's ink reach the outermost pixel row or column?

    Only borders the polygon enters are looked at, over the stretch the polygon covers
    there: INK_MIN_PIXELS or more pixels that stand out from the border around them by
    INK_CONTRAST (and lean towards the text colour when it is known) are cut-off ink.
    """
    height, width = grey.shape
    (x_min, y_min), (x_max, y_max) = polygon.min(axis=0), polygon.max(axis=0)
    if x_min >= 1 and y_min >= 1 and x_max <= width - 1 and y_max <= height - 1:
        return False  # the common case: nowhere near a border
    edges = (  # (axis of the coordinate that enters the band, band, border pixels)
        (0, (-math.inf, 1.0), grey[:, 0]), (0, (width - 1.0, math.inf), grey[:, -1]),
        (1, (-math.inf, 1.0), grey[0, :]), (1, (height - 1.0, math.inf), grey[-1, :]),
    )
    for axis, band, border in edges:
        inside = _clip_to_band(polygon, axis, *band)
        if len(inside) == 0:
            continue
        along = inside[:, 1 - axis]
        start, stop = max(0, math.floor(along.min())), min(len(border), math.ceil(along.max()))
        if stop <= start:
            continue
        # The background: the border around the stretch, as far again on each side (a
        # cut glyph covers less than half of that, so the median is background).
        reach = stop - start
        background = float(np.median(border[max(0, start - reach):stop + reach]))
        pixels = border[start:stop]
        ink = np.abs(pixels - background) >= INK_CONTRAST
        if text_grey is not None:
            ink &= np.abs(pixels - text_grey) < np.abs(pixels - background)
        if int(ink.sum()) >= INK_MIN_PIXELS:
            return True
    return False


def _clip_to_band(polygon: np.ndarray, axis: int, low: float, high: float) -> np.ndarray:
    """The polygon cut to low <= coordinate[axis] <= high (Sutherland–Hodgman, two planes)."""
    pts = polygon
    for limit, keep_above in ((low, True), (high, False)):
        if not math.isfinite(limit) or len(pts) == 0:
            continue
        kept = []
        for current, following in zip(pts, np.roll(pts, -1, axis=0)):
            a, b = current[axis] - limit, following[axis] - limit
            if not keep_above:
                a, b = -a, -b
            if a >= 0:
                kept.append(current)
            if (a >= 0) != (b >= 0):
                kept.append(current + (following - current) * (a / (a - b)))
        pts = np.asarray(kept, dtype=np.float64).reshape(-1, 2)
    return pts
