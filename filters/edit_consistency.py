"""Edit consistency: an edit pair changes what its mask says and nothing else.

For rows with a `source_image` (task `edit`): source and target have the same size, the
mask (white = edited) covers every pixel that changed, and something changed inside it.
A generator that re-renders a whole scene for an edit (a moved element, a global
filter applied twice) leaks changes outside the mask; a no-op edit changes nothing.
Rows without a source image are left alone.
"""

from __future__ import annotations

import io

import numpy as np
import pyarrow as pa
from PIL import Image
from pydantic import Field

from filters.judge import Judge, JudgeThresholds, reject_reason


class EditConsistencyThresholds(JudgeThresholds):
    max_outside_fraction: float = Field(
        0.001, ge=0, le=1, description="share of pixels outside the mask allowed to differ (JPEG-style noise)")
    min_inside_fraction: float = Field(
        0.001, ge=0, le=1, description="share of the mask's pixels that must differ (else the edit is a no-op)")
    pixel_tolerance: int = Field(2, ge=0, le=255, description="per-channel difference below which pixels are equal")


def _decode(data: bytes, mode: str) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as im:
        return np.asarray(im.convert(mode))


class EditConsistencyJudge(Judge):
    name = "edit_consistency"
    Thresholds = EditConsistencyThresholds
    metrics = {"outside_fraction": pa.float32(), "inside_fraction": pa.float32()}

    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        outside, inside, reasons = [], [], []
        for source, target, mask in zip(batch["source_image"].to_pylist(), batch["image"].to_pylist(),
                                        batch["mask"].to_pylist()):
            out, inn, reason = self._check(source, target, mask)
            outside.append(out)
            inside.append(inn)
            reasons.append(reason)
        return {"outside_fraction": outside, "inside_fraction": inside}, reasons

    def _check(self, source: bytes | None, target: bytes | None, mask: bytes | None):
        if not source:
            return None, None, None  # not an edit pair
        try:
            outside, inside = change_fractions(source, target, mask, self.thresholds.pixel_tolerance)
        except ValueError as exc:
            return None, None, f"{self.name}: {exc}"
        t = self.thresholds
        if outside > t.max_outside_fraction:
            return outside, inside, reject_reason(self.name, "outside_fraction", outside, ">", t.max_outside_fraction)
        if inside < t.min_inside_fraction:
            return outside, inside, reject_reason(self.name, "inside_fraction", inside, "<", t.min_inside_fraction)
        return outside, inside, None


def change_fractions(source: bytes, target: bytes | None, mask: bytes | None, tolerance: int) -> tuple[float, float]:
    """(share of pixels outside the mask that changed, share inside that changed), a
    pixel counting as changed when a channel moved by more than `tolerance`. Raises
    ValueError with the reason when the pair cannot be compared."""
    if not target or not mask:
        raise ValueError(f"edit row without {'image' if not target else 'mask'}")
    try:
        src, tgt, edited = _decode(source, "RGB"), _decode(target, "RGB"), _decode(mask, "L") > 127
    except Exception as exc:  # a broken image is a verdict, not a crash
        raise ValueError(f"undecodable image ({type(exc).__name__})") from None
    if src.shape != tgt.shape or edited.shape != src.shape[:2]:
        sizes = f"{src.shape[1]}x{src.shape[0]}/{tgt.shape[1]}x{tgt.shape[0]}/{edited.shape[1]}x{edited.shape[0]}"
        raise ValueError(f"sizes={sizes} differ (source/target/mask)")
    changed = (np.abs(src.astype(np.int16) - tgt.astype(np.int16)) > tolerance).any(axis=2)
    n_out, n_in = int((~edited).sum()), int(edited.sum())
    outside = float(changed[~edited].sum() / n_out) if n_out else 0.0
    inside = float(changed[edited].sum() / n_in) if n_in else 0.0
    return outside, inside
