"""What the OCR judge compares, and which pixels it reads.

Text: `normalize_text` (NFKC, whitespace removed), `levenshtein`, `cer`.

Geometry (image px, polygons as in the labels contract: 4 points clockwise from the
top-left corner in reading direction, or 2k points for curved text: the upper edge in
reading order, then the lower edge reversed):
  - `polygon_iou`, `match_detections`: detected boxes against ground-truth lines;
  - `rectify`: a line polygon cut out and warped to an upright horizontal strip;
  - `compose_vertical`: a vertical CJK column rebuilt as a horizontal strip from its
    per-character polygons, which is what a horizontal-line recogniser reads.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np
from shapely import make_valid, unary_union
from shapely.geometry import Polygon

# ---------------------------------------------------------------------------
# Text


def normalize_text(text: str) -> str:
    """NFKC, then every whitespace character removed.

    NFKC folds presentation forms (full-width Latin, ligatures, compatibility CJK) to
    the characters a reader sees. Whitespace is dropped because the recogniser's spacing
    is noisy (it invents or drops spaces with the font's letter spacing, and CJK has
    none) and spacing is not what the judge is for: it checks that the right characters
    were drawn. Case is kept: "Sale" rendered as "SALE" is wrong text.
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions all cost 1)."""
    # Rendered text is usually read back almost exactly: strip the common ends first.
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    a, b = a[start:end_a], b[start:end_b]
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate of `hypothesis` against `reference`, both normalised.

    An empty reference counts as one character, so text read where none is expected
    gives len(hypothesis) instead of a division by zero.
    """
    ref, hyp = normalize_text(reference), normalize_text(hypothesis)
    return levenshtein(ref, hyp) / max(len(ref), 1)


# ---------------------------------------------------------------------------
# Polygons


def as_points(polygon) -> np.ndarray:
    """A label polygon as an (N, 2) float32 array; N = 4, or an even N >= 4 (curved)."""
    points = np.asarray(polygon, dtype=np.float32)
    if points.ndim != 2 or points.shape[1] != 2 or len(points) < 4 or len(points) % 2:
        raise ValueError(
            f"polygon must be 4 points or an even number >= 4 of [x, y] points; got shape {points.shape}"
        )
    if not np.isfinite(points).all():
        raise ValueError("polygon has non-finite coordinates")
    return points


def edges(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(upper edge in reading order, lower edge in reading order) of a line polygon."""
    k = len(points) // 2
    return points[:k], points[k:][::-1]


def thickness(points: np.ndarray) -> float:
    """How tall the text is across its reading direction (mean upper-to-lower distance)."""
    upper, lower = edges(points)
    return float(np.linalg.norm(upper - lower, axis=1).mean())


def to_shape(points: np.ndarray):
    """A valid shapely geometry (self-intersecting quads from bad labels are repaired)."""
    shape = Polygon(points)
    return shape if shape.is_valid else make_valid(shape)


def polygon_iou(a, b) -> float:
    sa, sb = to_shape(as_points(a)), to_shape(as_points(b))
    union = sa.union(sb).area
    return sa.intersection(sb).area / union if union > 0 else 0.0


@dataclass(frozen=True)
class DetectionMatch:
    extra: list[int]   # detected boxes that overlap no ground-truth line
    missed: list[int]  # ground-truth lines that no detected box covers


def match_detections(detected: list, truth: list, *, min_overlap: float = 0.5, pad: float = 0.5) -> DetectionMatch:
    """Which detections are stray text and which labelled lines were not found.

    A detection is explained when at least `min_overlap` of its area lies inside the
    labelled lines, each grown by `pad` x its text height: detectors return boxes with a
    margin (DB "unclip" makes a line box about 2.5x as tall as its ink), labels are
    tight ink boxes. A labelled line is found when at least `min_overlap` of its own
    area is covered by detections (together, so a line split into two boxes counts).
    """
    truth_points = [as_points(p) for p in truth]
    truth_shapes = [to_shape(p) for p in truth_points]
    grown = unary_union([s.buffer(pad * thickness(p), join_style="mitre")
                         for s, p in zip(truth_shapes, truth_points)]) if truth_shapes else None
    detected_shapes = [to_shape(as_points(p)) for p in detected]
    extra = []
    for i, shape in enumerate(detected_shapes):
        inside = shape.intersection(grown).area if grown is not None else 0.0
        if shape.area <= 0 or inside / shape.area < min_overlap:
            extra.append(i)
    covered = unary_union(detected_shapes) if detected_shapes else None
    missed = []
    for i, shape in enumerate(truth_shapes):
        found = shape.intersection(covered).area if covered is not None else 0.0
        if shape.area <= 0 or found / shape.area < min_overlap:
            missed.append(i)
    return DetectionMatch(extra=extra, missed=missed)


# ---------------------------------------------------------------------------
# Crops


def _warp(image: np.ndarray, quad: np.ndarray, width: float, height: float,
          pad_x: tuple[float, float], pad_y: float) -> np.ndarray:
    """Map `quad` (TL, TR, BR, BL) onto a width x height rectangle inside a canvas with
    the given margins; the margins are filled from the pixels around the quad."""
    left, right = pad_x
    out_w = max(1, int(round(width + left + right)))
    out_h = max(1, int(round(height + 2 * pad_y)))
    target = np.float32([[left, pad_y], [left + width, pad_y],
                         [left + width, pad_y + height], [left, pad_y + height]])
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def rectify(image: np.ndarray, polygon, pad: float = 0.25) -> np.ndarray:
    """The text of one line as an upright horizontal strip (reading left to right).

    `pad` is the margin kept around the text on every side, as a fraction of its
    height: recognisers are trained on detector crops, which carry such a margin.
    Curved text (2k points) is straightened piece by piece along its edges.
    """
    points = as_points(polygon)
    upper, lower = edges(points)
    height = max(thickness(points), 1.0)
    margin = pad * height
    pieces = []
    for i in range(len(upper) - 1):
        quad = np.stack([upper[i], upper[i + 1], lower[i + 1], lower[i]])
        width = max((np.linalg.norm(upper[i + 1] - upper[i]) + np.linalg.norm(lower[i + 1] - lower[i])) / 2, 1.0)
        pad_x = (margin if i == 0 else 0.0, margin if i == len(upper) - 2 else 0.0)
        pieces.append(_warp(image, quad, width, height, pad_x, margin))
    return pieces[0] if len(pieces) == 1 else np.hstack(_same_height(pieces))


def _same_height(crops: list[np.ndarray]) -> list[np.ndarray]:
    height = max(c.shape[0] for c in crops)
    return [c if c.shape[0] == height else
            cv2.resize(c, (max(1, round(c.shape[1] * height / c.shape[0])), height)) for c in crops]


def split_column(polygon, n: int) -> list[np.ndarray]:
    """A vertical column cut into `n` equal upright character cells, top to bottom.

    Fallback for vertical lines whose labels carry no per-character polygons.
    """
    p = as_points(polygon)[:4]
    if n < 1:
        raise ValueError("a column splits into at least one cell")
    lerp = lambda a, b, t: a + (b - a) * t  # noqa: E731
    cells = []
    if np.linalg.norm(p[3] - p[0]) >= np.linalg.norm(p[1] - p[0]):
        # TL, TR, BR, BL of an upright tall box: the column runs p0 -> p3.
        for j in range(n):
            t0, t1 = j / n, (j + 1) / n
            cells.append(np.stack([lerp(p[0], p[3], t0), lerp(p[1], p[2], t0),
                                   lerp(p[1], p[2], t1), lerp(p[0], p[3], t1)]))
    else:
        # Corners given in a frame whose "top" edge runs down the column (p0 -> p1).
        for j in range(n):
            t0, t1 = j / n, (j + 1) / n
            cells.append(np.stack([lerp(p[3], p[2], t0), lerp(p[0], p[1], t0),
                                   lerp(p[0], p[1], t1), lerp(p[3], p[2], t1)]))
    return cells


def compose_vertical(image: np.ndarray, char_polygons: list, pad: float = 0.12) -> np.ndarray:
    """A top-to-bottom column of upright characters laid out left to right.

    Each character is rectified on its own (with a small margin, which also becomes
    the gap between characters) and scaled to a common height.
    """
    if not char_polygons:
        raise ValueError("a vertical line needs at least one character polygon")
    return np.hstack(_same_height([rectify(image, poly, pad) for poly in char_polygons]))
