"""Backgrounds: sample a spec and render it to an RGB image.

Kinds: plain, gradient (linear or radial), noise, paper, wood, fabric (procedural
textures) and photo (a file from a user-supplied folder, cropped and scaled). A spec is
plain JSON data with every seed it uses, so rendering it again gives the same pixels.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from synthesis.text_rendering.colors import random_color

KINDS = ("plain", "gradient", "noise", "paper", "wood", "fabric", "photo", "scenery")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

_PAPER = ((246, 241, 228), (250, 250, 245), (238, 232, 214), (244, 236, 220), (255, 253, 248))
# Light (maple, pine, birch) or dark (walnut, wenge) woods: mid-tone wood leaves no
# text colour with readable contrast.
_WOOD = ((226, 190, 142), (236, 206, 165), (214, 178, 128), (78, 50, 30), (62, 40, 26), (92, 60, 36))


@functools.lru_cache(maxsize=16)
def photo_files(folder: str) -> tuple[str, ...]:
    root = Path(folder)
    if not root.is_dir():
        raise ValueError(f"photo folder {folder!r} does not exist or is not a directory")
    files = tuple(sorted(str(p) for p in root.rglob("*") if p.suffix.lower() in PHOTO_SUFFIXES))
    if not files:
        raise ValueError(f"photo folder {folder!r} has no images ({', '.join(PHOTO_SUFFIXES)})")
    return files


def sample_background(rng: np.random.Generator, kinds: tuple[str, ...], photo_dirs: tuple[str, ...] = (),
                      light: bool | None = None) -> dict:
    kinds = tuple(k for k in kinds if k != "photo" or photo_dirs) or ("plain",)
    kind = kinds[int(rng.integers(len(kinds)))]
    light = bool(rng.random() < 0.6) if light is None else light
    seed = int(rng.integers(2**31))
    if kind == "plain":
        return {"kind": "plain", "color": list(random_color(rng, light))}
    if kind == "gradient":
        return {"kind": "gradient", "shape": "radial" if rng.random() < 0.25 else "linear",
                "start": list(random_color(rng, light)), "end": list(random_color(rng, light)),
                "angle_deg": int(rng.integers(0, 360))}
    if kind == "noise":
        return {"kind": "noise", "color": list(random_color(rng, light)),
                "amplitude": int(rng.integers(6, 25)),  # max offset per channel, 0..255 units
                "cell_px": int(rng.integers(8, 65)), "noise_seed": seed}
    if kind == "paper":
        return {"kind": "paper", "color": list(_PAPER[int(rng.integers(len(_PAPER)))]),
                "grain": round(float(rng.uniform(3, 9)), 2), "fibres": int(rng.integers(0, 120)),
                "vignette": round(float(rng.uniform(0, 0.25)), 3), "noise_seed": seed}
    if kind == "wood":
        return {"kind": "wood", "color": list(_WOOD[int(rng.integers(len(_WOOD)))]),
                "rings": round(float(rng.uniform(8, 30)), 2), "angle_deg": int(rng.choice([0, 90])),
                "noise_seed": seed}
    if kind == "fabric":
        return {"kind": "fabric", "color": list(random_color(rng, light)),
                "period_px": int(rng.integers(3, 9)), "contrast": round(float(rng.uniform(0.04, 0.14)), 3),
                "noise_seed": seed}
    if kind == "scenery":
        from synthesis.text_rendering.scenery import sample_scenery

        return sample_scenery(rng)
    files = [f for folder in photo_dirs for f in photo_files(folder)]
    return {"kind": "photo", "path": files[int(rng.integers(len(files)))],
            "crop": [round(float(v), 4) for v in rng.uniform(0, 1, 2)], "darken": round(float(rng.uniform(0, 0.3)), 3)}


def _smooth_noise(rng: np.random.Generator, width: int, height: int, cell: int) -> np.ndarray:
    """Value noise in [-1, 1]: a coarse random grid upsampled bicubically."""
    gw, gh = width // cell + 2, height // cell + 2
    small = rng.uniform(-1.0, 1.0, (gh, gw)).astype(np.float32)
    field = Image.fromarray(small, "F").resize((gw * cell, gh * cell), Image.Resampling.BICUBIC)
    return np.clip(np.asarray(field)[:height, :width], -1.0, 1.0)


def _to_image(rgb: np.ndarray) -> Image.Image:
    return Image.fromarray(np.rint(np.clip(rgb, 0, 255)).astype(np.uint8), "RGB")


def _gradient(spec: dict, width: int, height: int) -> Image.Image:
    xs = np.arange(width, dtype=np.float32) - np.float32(width / 2)
    ys = np.arange(height, dtype=np.float32) - np.float32(height / 2)
    if spec.get("shape") == "radial":
        t = np.hypot(xs[None, :], ys[:, None])
    else:
        theta = np.deg2rad(spec["angle_deg"])
        t = ys[:, None] * np.float32(np.sin(theta)) + xs[None, :] * np.float32(np.cos(theta))
    t = t - t.min()
    t /= max(float(t.max()), 1.0)
    start = np.asarray(spec["start"], dtype=np.float32)
    end = np.asarray(spec["end"], dtype=np.float32)
    return _to_image(start + t[..., None] * (end - start))


def _paper(spec: dict, width: int, height: int) -> Image.Image:
    rng = np.random.default_rng(spec["noise_seed"])
    base = np.asarray(spec["color"], dtype=np.float32)
    grain = rng.standard_normal((height, width), dtype=np.float32) * np.float32(spec["grain"] / 3)
    shade = _smooth_noise(rng, width, height, 96) * 4 + grain
    xs = (np.arange(width, dtype=np.float32) - width / 2) / (width / 2)
    ys = (np.arange(height, dtype=np.float32) - height / 2) / (height / 2)
    shade -= spec["vignette"] * 60 * (xs[None, :] ** 2 + ys[:, None] ** 2)  # r² / 2 of the corner distance
    # Short faint fibres: all of them as one batch of points along random segments.
    n = spec["fibres"]
    x0, y0 = rng.integers(0, width, n), rng.integers(0, height, n)
    length, angle = rng.integers(5, 30, n), rng.uniform(0, np.pi, n)
    steps = np.arange(30)
    on = steps[None, :] < length[:, None]
    fx = np.clip((x0[:, None] + steps * np.cos(angle)[:, None]).astype(int), 0, width - 1)[on]
    fy = np.clip((y0[:, None] + steps * np.sin(angle)[:, None]).astype(int), 0, height - 1)[on]
    shade[fy, fx] -= 12
    return _to_image(base + shade[..., None].astype(np.float32))


def _wood(spec: dict, width: int, height: int) -> Image.Image:
    rng = np.random.default_rng(spec["noise_seed"])
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    across = xs if spec["angle_deg"] == 0 else ys
    along = ys if spec["angle_deg"] == 0 else xs
    warp = _smooth_noise(rng, width, height, 64) * 18 + _smooth_noise(rng, width, height, 16) * 3
    grain = np.sin((across + warp + along * 0.02) / spec["rings"] * 2 * np.pi)
    streaks = rng.normal(0, 1, width if spec["angle_deg"] == 0 else height).astype(np.float32)
    streaks = streaks[None, :] if spec["angle_deg"] == 0 else streaks[:, None]
    shade = grain * 14 + streaks * 4
    return _to_image(np.asarray(spec["color"], dtype=np.float32) + shade[..., None])


def _fabric(spec: dict, width: int, height: int) -> Image.Image:
    rng = np.random.default_rng(spec["noise_seed"])
    p = spec["period_px"]
    xs = np.sign(np.sin(np.arange(width, dtype=np.float32) * np.pi / p))
    ys = np.sign(np.sin(np.arange(height, dtype=np.float32) * np.pi / p))
    weave = ys[:, None] * xs[None, :]  # over-under checker of threads
    base = np.asarray(spec["color"], dtype=np.float32)
    shade = (weave * np.float32(spec["contrast"] * 255 / 2) + rng.standard_normal((height, width), dtype=np.float32) * 3
             + _smooth_noise(rng, width, height, 48) * 6)
    return _to_image(base + shade[..., None].astype(np.float32))


def _photo(spec: dict, width: int, height: int) -> Image.Image:
    with Image.open(spec["path"]) as im:
        im = ImageOps.exif_transpose(im).convert("RGB")
    # Largest crop of the target aspect, placed at the spec's relative offset, then scaled.
    aspect = width / height
    cw, ch = (im.width, round(im.width / aspect)) if im.width / im.height < aspect else (
        round(im.height * aspect), im.height)
    cw, ch = min(cw, im.width), min(ch, im.height)
    left = round((im.width - cw) * spec["crop"][0])
    top = round((im.height - ch) * spec["crop"][1])
    out = im.crop((left, top, left + cw, top + ch)).resize((width, height), Image.Resampling.BILINEAR)
    if spec["darken"]:
        out = Image.eval(out, lambda v: round(v * (1 - spec["darken"])))
    return out


def render_background(spec: dict, width: int, height: int) -> Image.Image:
    kind = spec["kind"]
    if kind == "plain":
        return Image.new("RGB", (width, height), tuple(spec["color"]))
    if kind == "gradient":
        return _gradient(spec, width, height)
    if kind == "noise":
        noise = _smooth_noise(np.random.default_rng(spec["noise_seed"]), width, height, spec["cell_px"])
        return _to_image(np.asarray(spec["color"], dtype=np.float32) + noise[..., None] * np.float32(spec["amplitude"]))
    if kind == "paper":
        return _paper(spec, width, height)
    if kind == "wood":
        return _wood(spec, width, height)
    if kind == "fabric":
        return _fabric(spec, width, height)
    if kind == "photo":
        return _photo(spec, width, height)
    if kind == "scenery":  # procedural stand-in for a photo (photo_region without photo_dirs)
        from synthesis.text_rendering.scenery import render_scenery

        return render_scenery(spec, width, height)
    raise ValueError(f"unknown background kind {kind!r}; allowed: {', '.join(KINDS)}")


def key_colors(spec: dict) -> list[tuple[int, int, int]]:
    """Representative colours of a procedural background (v0 templates; new templates
    measure the rendered region under each block instead)."""
    if spec["kind"] == "gradient":
        return [tuple(spec["start"]), tuple(spec["end"])]
    if spec["kind"] == "noise":
        base, amp = np.asarray(spec["color"]), spec["amplitude"]
        return [tuple(int(v) for v in np.clip(base + d, 0, 255)) for d in (-amp, 0, amp)]
    return [tuple(spec["color"])]
