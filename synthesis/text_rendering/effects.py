"""Whole-image effects after compositing: blur, sensor noise, JPEG artefacts.

Each is a plain-data entry of the spec's `effects` (with its own seed), applied in a
fixed order — blur, noise, JPEG — as a camera or a re-saved web image would.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageFilter


def sample_effects(rng: np.random.Generator, strength: float) -> dict:
    """Random effects; `strength` in [0, 1] scales how often and how much."""
    out: dict = {}
    if strength <= 0:
        return out
    if rng.random() < 0.35 * strength:
        out["blur"] = round(float(rng.uniform(0.3, 1.2 * strength + 0.3)), 2)
    if rng.random() < 0.5 * strength:
        out["noise"] = {"sigma": round(float(rng.uniform(1.0, 6.0 * strength + 1.0)), 2),
                        "seed": int(rng.integers(2**31))}
    if rng.random() < 0.4 * strength:
        out["jpeg"] = int(rng.integers(max(30, int(90 - 50 * strength)), 96))
    return out


def apply(image: Image.Image, spec: dict) -> Image.Image:
    if spec.get("blur"):
        image = image.filter(ImageFilter.GaussianBlur(spec["blur"]))
    if spec.get("noise"):
        noise = spec["noise"]
        rng = np.random.default_rng(noise["seed"])
        pixels = np.asarray(image, dtype=np.float32)
        pixels = pixels + rng.normal(0.0, noise["sigma"], pixels.shape[:2])[..., None].astype(np.float32)
        image = Image.fromarray(np.rint(np.clip(pixels, 0, 255)).astype(np.uint8), "RGB")
    if spec.get("jpeg"):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=int(spec["jpeg"]))
        buffer.seek(0)
        image = Image.open(buffer).convert("RGB")
    return image
