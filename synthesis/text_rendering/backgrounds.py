"""Backgrounds: sample a spec (plain / gradient / noise) and render it to an RGB image.

A spec is plain data (JSON-able) and holds everything needed to re-render, including
the noise seed. `key_colors` lists the colours text must contrast with.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from synthesis.text_rendering.colors import random_color

KINDS = ("plain", "gradient", "noise")


def sample_background(rng: np.random.Generator, kinds: tuple[str, ...]) -> dict:
    kind = kinds[int(rng.integers(len(kinds)))]
    light = bool(rng.random() < 0.6)
    if kind == "plain":
        return {"kind": "plain", "color": list(random_color(rng, light))}
    if kind == "gradient":
        return {
            "kind": "gradient",
            "start": list(random_color(rng, light)),
            "end": list(random_color(rng, light)),
            "angle_deg": int(rng.integers(0, 360)),
        }
    return {
        "kind": "noise",
        "color": list(random_color(rng, light)),
        "amplitude": int(rng.integers(6, 25)),  # max offset per channel, 0..255 units
        "cell_px": int(rng.integers(8, 65)),  # size of the noise blobs
        "noise_seed": int(rng.integers(2**31)),
    }


def key_colors(spec: dict) -> list[tuple[int, int, int]]:
    if spec["kind"] == "plain":
        return [tuple(spec["color"])]
    if spec["kind"] == "gradient":
        return [tuple(spec["start"]), tuple(spec["end"])]
    base, amp = np.asarray(spec["color"]), spec["amplitude"]
    return [tuple(int(v) for v in np.clip(base + d, 0, 255)) for d in (-amp, 0, amp)]


def render_background(spec: dict, width: int, height: int) -> Image.Image:
    kind = spec["kind"]
    if kind == "plain":
        return Image.new("RGB", (width, height), tuple(spec["color"]))
    if kind == "gradient":
        theta = np.deg2rad(spec["angle_deg"])
        dx, dy = np.float32(np.cos(theta)), np.float32(np.sin(theta))
        xs = (np.arange(width, dtype=np.float32) - np.float32(width / 2)) * dx
        ys = (np.arange(height, dtype=np.float32) - np.float32(height / 2)) * dy
        t = ys[:, None] + xs[None, :]
        t -= t.min()
        t /= max(float(t.max()), 1.0)
        start = np.asarray(spec["start"], dtype=np.float32)
        end = np.asarray(spec["end"], dtype=np.float32)
        rgb = start + t[..., None] * (end - start)
        return Image.fromarray(np.rint(rgb).astype(np.uint8), "RGB")
    if kind == "noise":
        cell = spec["cell_px"]
        noise_rng = np.random.default_rng(spec["noise_seed"])
        small = noise_rng.uniform(-1.0, 1.0, (height // cell + 2, width // cell + 2))
        field = Image.fromarray(small.astype(np.float32), "F").resize(
            ((width // cell + 2) * cell, (height // cell + 2) * cell), Image.Resampling.BICUBIC
        )
        offset = np.clip(np.asarray(field)[:height, :width], -1.0, 1.0) * np.float32(spec["amplitude"])
        rgb = np.asarray(spec["color"], dtype=np.float32) + offset[..., None]
        return Image.fromarray(np.rint(np.clip(rgb, 0, 255)).astype(np.uint8), "RGB")
    raise ValueError(f"unknown background kind {kind!r}; allowed: {', '.join(KINDS)}")
