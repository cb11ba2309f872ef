"""What the detail view draws over an image, from a row's `labels` JSON (filters/labels.py)
and, where the OCR judge ran, its per-line readings (`ocr_text`).

A text line is `matched` (green) when the OCR reading is within the judge's own per-line
tolerance (`max_line_cer` of the stored spec, else `max_cer`), `missed` (red) when it is
not, `unscored` (grey) when the judge did not read it (a script its model cannot read)
and `unread` when no OCR ran on the row. Objects (editing scenes, science diagram parts)
and science text boxes come as boxes.
"""

from __future__ import annotations

import json
from typing import Any

LINE_CER_DEFAULT = 0.34  # the OCR judge's default max_line_cer


def _polygon(points: Any) -> list[list[float]] | None:
    try:
        pts = [[float(x), float(y)] for x, y in points]
    except (TypeError, ValueError):
        return None
    return pts if len(pts) >= 3 else None


def _box(box: Any) -> list[float] | None:
    try:
        x0, y0, x1, y1 = (float(v) for v in box)
    except (TypeError, ValueError):
        return None
    return [x0, y0, x1, y1]


def _readings(ocr_text: str | None, n_lines: int) -> list[str | None] | None:
    if not ocr_text:
        return None
    try:
        texts = json.loads(ocr_text)
    except json.JSONDecodeError:
        return None
    if not isinstance(texts, list) or len(texts) != n_lines:
        return None
    return [t if isinstance(t, str) else None for t in texts]


def line_tolerance(ocr_thresholds: dict[str, Any] | None) -> float:
    if not ocr_thresholds:
        return LINE_CER_DEFAULT
    value = ocr_thresholds.get("max_line_cer")
    if value is None:
        value = ocr_thresholds.get("max_cer", LINE_CER_DEFAULT)
    return float(value)


def build_overlay(labels: Any, ocr_text: str | None, ocr_thresholds: dict[str, Any] | None) -> dict[str, Any]:
    """Shapes to draw, in image pixels: {lines, words, boxes, note}."""
    out: dict[str, Any] = {"lines": [], "words": [], "boxes": [], "note": None}
    if not isinstance(labels, dict):
        return out
    lines = labels.get("lines") if isinstance(labels.get("lines"), list) else []
    readings = _readings(ocr_text, len(lines))
    tolerance = line_tolerance(ocr_thresholds)
    cer = None
    if readings is not None:
        try:
            from filters.ocr.matching import cer  # the judge's own normalisation and distance
        except ImportError as exc:
            readings = None
            out["note"] = f"OCR readings not compared: the ocr extra is not installed ({exc.name})"
    for line in lines:
        if not isinstance(line, dict) or _polygon(line.get("polygon")) is None:
            continue
        index = len(out["lines"])
        entry = {"polygon": _polygon(line["polygon"]), "text": line.get("text"), "font": line.get("font"),
                 "lang": line.get("lang"), "status": "unread", "read": None, "cer": None}
        if readings is not None:
            read = readings[index] if index < len(readings) else None
            if read is None:
                entry["status"] = "unscored"
            else:
                entry["read"], entry["cer"] = read, cer(line.get("text") or "", read)
                entry["status"] = "matched" if entry["cer"] <= tolerance else "missed"
        out["lines"].append(entry)
    for word in labels.get("words") or []:
        if isinstance(word, dict) and _polygon(word.get("polygon")) is not None:
            out["words"].append({"polygon": _polygon(word["polygon"]), "text": word.get("text")})
    for kind, key in (("object", "objects"), ("text", "texts")):
        for item in labels.get(key) or []:
            if isinstance(item, dict) and _box(item.get("box")) is not None:
                name = item.get("name") or item.get("text") or item.get("label") or item.get("kind")
                out["boxes"].append({"kind": kind, "box": _box(item["box"]), "name": name})
    if lines and readings is None and out["note"] is None:
        out["note"] = "no OCR readings for this row (the ocr judge did not run on it)"
    return out
