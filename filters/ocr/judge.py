"""The OCR judge (`ocr`): is the text in the image the text in the labels?

Fast path, every row: each labelled line is cut out along its known polygon, rectified
to a horizontal strip (vertical CJK columns are rebuilt from their per-character
polygons) and all strips of a batch go through the recogniser together. The generator
knows where every line is, so no detector is needed to read it.

Slow path, a deterministic share of rows (`detect_fraction`, chosen by a hash of the
row id; 1.0 = all): full-image text detection, matched against the labelled lines:
`extra` = detected boxes overlapping no labelled line that read as text (stray or
unlabelled text; dots and icons are boxed too but read at low confidence),
`missed` = labelled lines no detection covers (text that is not really there).

Which rows are judged: rows whose `labels` JSON has a `lines` list (text generators,
and edit rows, judged on their target `image`). Rows without (science diagrams, rows
with no labels) pass through with null metrics. Lines in a script the recogniser cannot
read (see backends.py; for the shipped model: cyrillic, greek, hangul, arabic,
devanagari) are counted in `unscored_lines`, not failed; a row with no scoreable line
keeps its verdict and has a null CER. Rows that list no line at all are rejected unless
`min_lines` is 0 (erase-style edits).

Metrics (`ocr_<metric>`): cer (overall: summed edit distance / summed reference
length, on normalised text: see matching.normalize_text), max_line_cer, lines (scored),
unscored_lines, missed and extra (null where detection did not run), text (JSON list of
what OCR read per labelled line, null for unscored lines).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np
import pyarrow as pa
from PIL import Image
from pydantic import Field, model_validator

from filters.judge import Judge, JudgeThresholds, reject_reason
from filters.labels import text_labels
from filters.ocr.backends import OcrBackend, load_backend
from filters.ocr.matching import (
    as_points,
    compose_vertical,
    levenshtein,
    match_detections,
    normalize_text,
    rectify,
    split_column,
)

LINE_PAD = 0.35   # margin around a line crop, x text height: recognisers expect detector-like crops;
                  # less costs time (wider strips), more makes doubled letters collapse (CTC)
CHAR_PAD = 0.12   # margin around each character of a vertical line (also the gap between them)


class OcrThresholds(JudgeThresholds):
    max_cer: float = Field(0.05, ge=0, description="overall character error rate above which a row is rejected")
    max_line_cer: float | None = Field(
        0.34, ge=0, description="worst single-line CER allowed (one garbled short line hides in the overall "
                                "CER of a long page); null: not checked")
    max_missed: int | None = Field(
        0, ge=0, description="labelled lines no detected box covers; checked where detection ran; null: not checked")
    max_extra: int | None = Field(
        None, ge=0, description="detected boxes that overlap no labelled line and read as text; null: reported, "
                                "not checked")
    extra_min_score: float = Field(
        0.65, ge=0, le=1, description="recognition confidence an unmatched detection needs to count as extra "
                                      "(decorations are boxed too, but read at low confidence)")
    min_lines: int = Field(
        1, ge=0, description="rows whose labels list fewer lines are rejected; 0 allows text-free images")
    detect_fraction: float = Field(
        0.1, ge=0, le=1, description="share of rows (chosen by a hash of the id) that also run full detection")
    min_overlap: float = Field(
        0.5, gt=0, le=1, description="share of a box's area that must overlap the other side to count as matched")
    backend: Literal["rapidocr", "paddleocr"] = Field("rapidocr", description="OCR engine")
    paddle_model_dir: str | None = Field(
        None, description="backend paddleocr: folder with exported PaddleOCR 3.x model folders rec/ and det/")
    batch_lines: int = Field(16, ge=1, le=1024, description="line crops per recognition batch")
    threads: int = Field(1, ge=1, le=256, description="inference threads per actor (pipelines scale with actors)")
    engine: Literal["auto", "onnxruntime", "openvino"] = Field(
        "auto", description="backend rapidocr: auto = onnxruntime on a CUDA machine, else OpenVINO when installed, "
                            "else onnxruntime")
    precision: Literal["auto", "f32", "bf16"] = Field(
        "auto", description="engine openvino: auto = bf16 where the CPU has bf16 instructions, else f32")

    @model_validator(mode="after")
    def _paddle_needs_models(self) -> OcrThresholds:
        if self.backend == "paddleocr" and not self.paddle_model_dir:
            raise ValueError("backend 'paddleocr' needs paddle_model_dir (PaddleOCR cannot download models here)")
        if self.backend != "paddleocr" and self.paddle_model_dir:
            raise ValueError("paddle_model_dir is only used by backend 'paddleocr'")
        if self.engine == "onnxruntime" and self.precision == "bf16":
            raise ValueError("precision 'bf16' runs on engine 'openvino' (or 'auto'); onnxruntime runs f32")
        return self


def detection_selected(row_id: str, fraction: float) -> bool:
    """Whether a row runs full detection: the same rows on every run and every actor."""
    if fraction >= 1:
        return True
    if fraction <= 0:
        return False
    digest = hashlib.blake2b(row_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64 < fraction


@dataclass
class RowResult:
    """Everything measured on one row (None: not measured)."""
    distances: list[int] = field(default_factory=list)
    ref_lengths: list[int] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)
    unscored: int = 0
    labelled: int = 0
    missed: int | None = None
    extra: int | None = None
    failure: str | None = None  # a reason that rejects the row outright

    def cer(self) -> float | None:
        return sum(self.distances) / sum(self.ref_lengths) if self.ref_lengths else None

    def max_line_cer(self) -> float | None:
        per_line = [d / n for d, n in zip(self.distances, self.ref_lengths)]
        return max(per_line) if per_line else None


class OcrJudge(Judge):
    name = "ocr"
    Thresholds = OcrThresholds
    metrics = {
        "cer": pa.float32(),
        "max_line_cer": pa.float32(),
        "lines": pa.int32(),
        "unscored_lines": pa.int32(),
        "missed": pa.int32(),
        "extra": pa.int32(),
        "text": pa.string(),
    }

    def __init__(self, thresholds: OcrThresholds):
        super().__init__(thresholds)
        self._backend = None

    @property
    def backend(self) -> OcrBackend:
        """The engine, loaded on first use: once per actor, never per batch."""
        if self._backend is None:
            t = self.thresholds
            self._backend = load_backend(t.backend, paddle_model_dir=t.paddle_model_dir,
                                         batch_lines=t.batch_lines, threads=t.threads, engine=t.engine,
                                         precision=t.precision)
        return self._backend

    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        backend: OcrBackend | None = None
        results: list[RowResult | None] = []
        crops: list[np.ndarray] = []
        owners: list[tuple[RowResult, int, str]] = []  # (row, line index, normalised reference) per crop
        to_detect: list[tuple[RowResult, np.ndarray, list]] = []
        for row_id, image, labels in zip(*(batch[c].to_pylist() for c in ("id", "image", "labels"))):
            try:
                parsed = text_labels(labels)
            except ValueError as exc:
                results.append(RowResult(failure=f"{self.name}: {exc}"))
                continue
            if parsed is None:
                results.append(None)
                continue
            # The first row with text loads the engine, outside the per-row guard below: an
            # engine that fails is not the row's fault (the base class leaves the batch unjudged).
            backend = backend or self.backend
            result = RowResult(labelled=len(parsed["lines"]), texts=[None] * len(parsed["lines"]))
            results.append(result)
            detect = detection_selected(row_id, self.thresholds.detect_fraction)
            try:
                queued, pixels = self._prepare(result, image, parsed, decode=detect)
            except Exception as exc:  # malformed labels or image: this row is rejected, the batch goes on
                result.failure = f"{self.name}: {' '.join(str(exc).split())[:200]}"
                continue
            for index, reference, crop in queued:
                crops.append(crop)
                owners.append((result, index, reference))
            if detect:
                to_detect.append((result, pixels, parsed["lines"]))

        reads = backend.recognize(crops, confidence=False) if crops else []  # CER needs only the text
        for (result, line, reference), (text, _) in zip(owners, reads):
            result.texts[line] = text
            result.distances.append(levenshtein(reference, normalize_text(text)))
            result.ref_lengths.append(len(reference))
        self._detect(backend, to_detect)
        return self._columns(results), [self._reason(r) for r in results]

    def _detect(self, backend: OcrBackend, rows: list[tuple[RowResult, np.ndarray, list[dict]]]) -> None:
        """Detection on the chosen rows: `missed` labelled lines, and `extra` detections.

        A labelled line of a single character is never counted as missed: the detector
        often overlooks a lone small glyph (a page number "9"), and recognition has
        already checked it. A detection that matches no labelled line counts as extra only
        if the recogniser reads text in it with confidence >= extra_min_score: the
        detector also boxes dots, chevrons and other decorations, which read as a stray
        character at low confidence.
        """
        unmatched: list[tuple[RowResult, np.ndarray]] = []
        for result, pixels, lines in rows:
            found = backend.detect(pixels)
            match = match_detections(found, [line["polygon"] for line in lines],
                                     min_overlap=self.thresholds.min_overlap)
            result.missed = sum(len(normalize_text(str(lines[i].get("text", "")))) > 1 for i in match.missed)
            result.extra = 0
            unmatched += [(result, _box_crop(pixels, found[i])) for i in match.extra]
        read = backend.recognize([crop for _, crop in unmatched]) if unmatched else []
        for (result, _), (text, confidence) in zip(unmatched, read):
            if normalize_text(text) and confidence >= self.thresholds.extra_min_score:
                result.extra += 1

    def _prepare(self, result: RowResult, image: bytes | None, labels: dict,
                 decode: bool) -> tuple[list[tuple[int, str, np.ndarray]], np.ndarray | None]:
        """The crops of a row's scoreable lines, as (line index, normalised reference, crop),
        and the decoded image (None when there is nothing to read and `decode` is false)."""
        lines, words = labels["lines"], labels.get("words") or []
        backend = self.backend
        scoreable = []
        for index, line in enumerate(lines):
            if not isinstance(line, dict) or "polygon" not in line:
                raise ValueError(f"labels.lines[{index}] has no polygon")
            as_points(line["polygon"])  # every polygon, scored or not, must be usable for detection
            reference = normalize_text(str(line.get("text", "")))
            script = line.get("script", "latin")
            if not reference or script not in backend.readable_scripts or not set(reference) <= backend.charset:
                result.unscored += 1
            else:
                scoreable.append((index, reference))
        if not scoreable and not decode:
            return [], None
        pixels = _decode(image)
        return [(i, ref, self._crop(pixels, lines[i], i, words, len(ref))) for i, ref in scoreable], pixels

    @staticmethod
    def _crop(pixels: np.ndarray, line: dict, index: int, words: list[dict], n_chars: int) -> np.ndarray:
        if not line.get("vertical"):
            return rectify(pixels, line["polygon"], LINE_PAD)
        members = line.get("words")
        if members is None:
            members = [i for i, w in enumerate(words) if w.get("line") == index]
        if any(not isinstance(i, int) or not 0 <= i < len(words) for i in members):
            raise ValueError(f"labels.lines[{index}].words has indices outside labels.words")
        chars = [words[i]["polygon"] for i in members]
        if not chars:  # older rows: cut the column into equal cells, one per character
            chars = split_column(line["polygon"], n_chars)
        return compose_vertical(pixels, chars, CHAR_PAD)

    def _columns(self, results: list[RowResult | None]) -> dict[str, list]:
        columns: dict[str, list] = {metric: [] for metric in self.metrics}
        for r in results:
            measured = r is not None and r.failure is None
            columns["cer"].append(r.cer() if measured else None)
            columns["max_line_cer"].append(r.max_line_cer() if measured else None)
            columns["lines"].append(len(r.ref_lengths) if measured else None)
            columns["unscored_lines"].append(r.unscored if measured else None)
            columns["missed"].append(r.missed if measured else None)
            columns["extra"].append(r.extra if measured else None)
            columns["text"].append(json.dumps(r.texts, ensure_ascii=False) if measured else None)
        return columns

    def _reason(self, r: RowResult | None) -> str | None:
        if r is None:
            return None
        if r.failure:
            return r.failure
        t = self.thresholds
        if r.labelled < t.min_lines:
            return reject_reason(self.name, "labelled_lines", r.labelled, "<", t.min_lines)
        cer, worst = r.cer(), r.max_line_cer()
        if cer is not None and cer > t.max_cer:
            return reject_reason(self.name, "cer", cer, ">", t.max_cer)
        if worst is not None and t.max_line_cer is not None and worst > t.max_line_cer:
            return reject_reason(self.name, "max_line_cer", worst, ">", t.max_line_cer)
        if r.missed is not None and t.max_missed is not None and r.missed > t.max_missed:
            return reject_reason(self.name, "missed", r.missed, ">", t.max_missed)
        if r.extra is not None and t.max_extra is not None and r.extra > t.max_extra:
            return reject_reason(self.name, "extra", r.extra, ">", t.max_extra)
        return None


def _box_crop(pixels: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """A detected box as the recogniser should see it (detector boxes carry their own
    margin); tall boxes are turned a quarter, as rapidocr does, for rotated text."""
    crop = rectify(pixels, polygon, pad=0.0)
    return np.ascontiguousarray(np.rot90(crop)) if crop.shape[0] >= 1.5 * crop.shape[1] else crop


def _decode(image: bytes | None) -> np.ndarray:
    if not image:
        raise ValueError("no image to read")
    # BGR, as the PP-OCR models expect. OpenCV decodes PNG/JPEG/WebP ~20 % faster than
    # PIL + conversion; the orientation flag keeps pixels as stored (PIL ignores EXIF too).
    pixels = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
    if pixels is not None:
        return pixels
    try:  # formats OpenCV does not read (GIF, ...)
        with Image.open(io.BytesIO(image)) as im:
            return cv2.cvtColor(np.asarray(im.convert("RGB")), cv2.COLOR_RGB2BGR)
    except Exception as exc:
        raise ValueError(f"undecodable image ({type(exc).__name__})") from None

