"""Image sanity: the image decodes, has the size its row claims, and is not blank.

A generator bug that draws nothing (text the colour of its background, an empty plot)
gives a near-uniform image; the grey-level standard deviation catches it cheaply.
"""

from __future__ import annotations

import io

import numpy as np
import pyarrow as pa
from PIL import Image
from pydantic import Field

from filters.judge import Judge, JudgeThresholds, reject_reason


class ImageSanityThresholds(JudgeThresholds):
    min_std: float = Field(2.0, ge=0, description="grey-level std below which an image is blank")


class ImageSanityJudge(Judge):
    name = "image_sanity"
    Thresholds = ImageSanityThresholds
    metrics = {"std": pa.float32(), "ok": pa.bool_()}

    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        stds, oks, reasons = [], [], []
        for image, width, height in zip(
            batch["image"].to_pylist(), batch["width"].to_pylist(), batch["height"].to_pylist()
        ):
            std, reason = self._check(image, width, height)
            stds.append(std)
            oks.append(reason is None)
            reasons.append(reason)
        return {"std": stds, "ok": oks}, reasons

    def _check(self, image: bytes | None, width: int, height: int) -> tuple[float | None, str | None]:
        if not image:
            return None, reject_reason(self.name, "bytes", 0, "==", 0)
        try:
            with Image.open(io.BytesIO(image)) as im:
                size = im.size
                grey = np.asarray(im.convert("L"), dtype=np.float32)
        except Exception as exc:  # any decoder failure is a verdict, not a crash
            return None, f"{self.name}: undecodable image ({type(exc).__name__})"
        if size != (width, height):
            return None, reject_reason(self.name, "size", f"{size[0]}x{size[1]}", "!=", f"{width}x{height}")
        std = float(grey.std())
        if std < self.thresholds.min_std:
            return std, reject_reason(self.name, "std", std, "<", self.thresholds.min_std)
        return std, None
