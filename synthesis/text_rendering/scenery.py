"""Procedural scenery: stand-in photographs for text placed over a picture.

When no photo folder is given, the photo_region template still needs something that
looks like a photo: a sky that fades toward the horizon, a sun or moon, layers of
hills, mountains, dunes or a city skyline that grow darker and more saturated as they
come closer (aerial haze), water that mirrors what stands on its shore, trees, stars.

A spec is small JSON (`kind`, `time`, `horizon`, `seed`); every other draw comes from
`seed`, so the same spec renders the same pixels at any size (geometry is relative to
the canvas). Drawing is flat polygons with PIL plus a few numpy passes: ~10-25 ms at
1024 px.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops, ImageDraw

KINDS = ("mountains", "hills", "lake", "sea", "city", "forest", "desert")
TIMES = ("day", "golden", "dusk", "night", "dawn")

# Sky (zenith, horizon), light source colour, and the land colour nearest the viewer.
_PALETTES = {
    "day": ((62, 120, 198), (186, 214, 236), (255, 252, 235), (58, 96, 52)),
    "golden": ((84, 112, 170), (246, 196, 128), (255, 214, 140), (70, 74, 40)),
    "dusk": ((38, 36, 86), (228, 122, 92), (255, 170, 110), (36, 26, 46)),
    "night": ((6, 10, 30), (30, 44, 86), (236, 236, 220), (8, 10, 18)),
    "dawn": ((112, 132, 196), (248, 196, 180), (255, 226, 200), (64, 70, 82)),
}
_SAND = (196, 150, 96)
_DESCRIBE = {
    "mountains": ("a mountain landscape", "山景"), "hills": ("rolling hills", "连绵的山丘"),
    "lake": ("a lake below mountains", "山间湖泊"), "sea": ("a seascape", "海景"),
    "city": ("a city skyline", "城市天际线"), "forest": ("a forested valley", "林间山谷"),
    "desert": ("desert dunes", "沙漠沙丘"),
}
_DESCRIBE_TIME = {
    "day": ("by day", "白天的"), "golden": ("in golden evening light", "金色夕照下的"),
    "dusk": ("at dusk", "黄昏时的"), "night": ("at night", "夜晚的"), "dawn": ("at dawn", "黎明时的"),
}


def sample_scenery(rng: np.random.Generator) -> dict:
    """A background spec of kind "scenery" (render with `render_scenery`)."""
    kind = KINDS[int(rng.integers(len(KINDS)))]
    time = TIMES[int(rng.choice(len(TIMES), p=[0.4, 0.2, 0.15, 0.15, 0.1]))]
    return {"kind": "scenery", "scenery": kind, "time": time,
            "horizon": round(float(rng.uniform(0.5, 0.72)), 3), "seed": int(rng.integers(2**31))}


def describe_scenery(spec: dict, lang: str = "en") -> str:
    """"a seascape at dusk" / "黄昏时的海景" (for instructions)."""
    what, when = _DESCRIBE[spec["scenery"]], _DESCRIBE_TIME[spec["time"]]
    return f"{when[1]}{what[1]}" if lang == "zh" else f"{what[0]} {when[0]}"


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))


def _jitter(rng: np.random.Generator, color, amount: int = 14) -> tuple[int, int, int]:
    return tuple(int(np.clip(c + rng.integers(-amount, amount + 1), 0, 255)) for c in color)


def _ridge(rng: np.random.Generator, n: int, roughness: float) -> np.ndarray:
    """A 1-D height profile in about [-1, 1] at n = 2**k + 1 points (midpoint displacement)."""
    heights = rng.uniform(-0.5, 0.5, 2)
    amplitude = 1.0
    while len(heights) < n:
        mids = (heights[:-1] + heights[1:]) / 2 + rng.uniform(-amplitude, amplitude, len(heights) - 1)
        out = np.empty(2 * len(heights) - 1)
        out[0::2], out[1::2] = heights, mids
        heights, amplitude = out, amplitude * roughness
    return heights / max(1e-6, float(np.abs(heights).max()))


def _smooth_ridge(rng: np.random.Generator, n: int) -> np.ndarray:
    """A gentle profile: a few low-frequency sines."""
    x = np.linspace(0, 1, n)
    waves = [rng.uniform(0.3, 1.0) / k * np.sin(2 * np.pi * (k * rng.uniform(0.6, 1.4) * x + rng.uniform()))
             for k in (1, 2, 3, 5)]
    y = np.sum(waves, axis=0)
    return y / max(1e-6, float(np.abs(y).max()))


def _fill_profile(draw: ImageDraw.ImageDraw, width: int, height: int, ys: np.ndarray, color) -> None:
    xs = np.linspace(-2, width + 2, len(ys))
    draw.polygon([*zip(xs.tolist(), ys.tolist()), (width + 2, height + 2), (-2, height + 2)], fill=color)


def _sky(width: int, height: int, top, bottom, horizon_px: int) -> np.ndarray:
    """Vertical gradient reaching the horizon colour at the horizon (eased), flat below."""
    t = np.clip(np.arange(height, dtype=np.float32) / max(1, horizon_px), 0, 1) ** 1.6
    column = np.asarray(top, np.float32) + t[:, None] * (np.asarray(bottom, np.float32) - np.asarray(top, np.float32))
    return np.broadcast_to(np.rint(column).astype(np.uint8)[:, None, :], (height, width, 3)).copy()


def _glow(pixels: np.ndarray, cx: float, cy: float, radius: float, color, strength: float) -> None:
    """Add a soft halo around a sun/moon, computed only on the crop it can reach."""
    reach = radius * 4
    h, w = pixels.shape[:2]
    x0, x1 = int(max(0, cx - reach)), int(min(w, cx + reach))
    y0, y1 = int(max(0, cy - reach)), int(min(h, cy + reach))
    if x1 <= x0 or y1 <= y0:
        return
    xs = (np.arange(x0, x1, dtype=np.float32) - np.float32(cx)) ** 2
    ys = (np.arange(y0, y1, dtype=np.float32) - np.float32(cy)) ** 2
    falloff = np.clip(1 - (ys[:, None] + xs[None, :]) / np.float32(reach * reach), 0, 1)
    halo = (falloff * falloff * falloff * np.float32(strength))[..., None]
    crop = pixels[y0:y1, x0:x1].astype(np.float32)
    pixels[y0:y1, x0:x1] = (crop + halo * (np.asarray(color, np.float32) - crop)).astype(np.uint8)


def _clouds(draw: ImageDraw.ImageDraw, rng: np.random.Generator, width: int, horizon_px: int, color,
            alpha: int) -> None:
    for _ in range(int(rng.integers(0, 6))):
        cx, cy = rng.uniform(0, width), rng.uniform(0.08, 0.8) * horizon_px
        span = rng.uniform(0.08, 0.25) * width
        for _ in range(int(rng.integers(4, 9))):  # a cloud is a cluster of flat ellipses
            ex = cx + rng.uniform(-0.5, 0.5) * span
            ey = cy + rng.uniform(-0.12, 0.12) * span
            rx, ry = rng.uniform(0.15, 0.35) * span, rng.uniform(0.05, 0.12) * span
            draw.ellipse((ex - rx, ey - ry, ex + rx, ey + ry), fill=(*color, alpha))


def _trees(draw: ImageDraw.ImageDraw, rng: np.random.Generator, width: int, ys: np.ndarray, scale: float,
           color, count: int) -> None:
    """Pines (triangles) or round canopies standing on the profile `ys`."""
    xs = np.linspace(-2, width + 2, len(ys))
    pine = rng.random() < 0.6
    for x in np.sort(rng.uniform(0, width, count)):
        base = float(np.interp(x, xs, ys)) + scale * 0.1
        tall = scale * rng.uniform(0.6, 1.3)
        if pine:
            half = tall * rng.uniform(0.18, 0.28)
            draw.polygon([(x, base - tall), (x + half, base), (x - half, base)], fill=color)
        else:
            r = tall * rng.uniform(0.25, 0.35)
            draw.rectangle((x - r * 0.12, base - tall * 0.45, x + r * 0.12, base), fill=color)
            draw.ellipse((x - r, base - tall, x + r, base - tall + 2 * r), fill=color)


def _skyline(draw: ImageDraw.ImageDraw, rng: np.random.Generator, width: int, base: float, max_h: float,
             color, windows, lit: float) -> None:
    x = -rng.uniform(0, 0.05) * width
    while x < width:
        w = rng.uniform(0.03, 0.09) * width
        h = max_h * rng.uniform(0.25, 1.0) ** 1.5
        draw.rectangle((x, base - h, x + w, base + 2), fill=color)
        if rng.random() < 0.25:  # a spire or a stepped top
            draw.rectangle((x + w * 0.4, base - h - max_h * 0.12, x + w * 0.6, base - h), fill=color)
        if windows is not None:
            step_x, step_y = max(4.0, w / rng.integers(3, 7)), max(5.0, max_h / rng.integers(10, 24))
            for wy in np.arange(base - h + step_y * 0.6, base - step_y * 0.5, step_y):
                for wx in np.arange(x + step_x * 0.3, x + w - step_x * 0.5, step_x):
                    if rng.random() < lit:
                        draw.rectangle((wx, wy, wx + step_x * 0.45, wy + step_y * 0.45), fill=windows)
        x += w + rng.uniform(0, 0.015) * width


def render_scenery(spec: dict, width: int, height: int) -> Image.Image:
    """The RGB picture described by a scenery spec."""
    if spec.get("scenery") not in KINDS or spec.get("time") not in TIMES:
        raise ValueError(f"scenery spec needs scenery in {KINDS} and time in {TIMES}, got {spec}")
    rng = np.random.default_rng(spec["seed"])
    kind, time = spec["scenery"], spec["time"]
    top, bottom, light, land = (_jitter(rng, c) for c in _PALETTES[time])
    horizon = int(spec["horizon"] * height)
    night = time == "night"
    unit = min(width, height)

    pixels = _sky(width, height, top, bottom, horizon)
    # Sun or moon: low in the sky at golden hour, dusk and dawn, anywhere by day or night.
    radius = unit * rng.uniform(0.03, 0.07)
    cx = rng.uniform(0.1, 0.9) * width
    cy = horizon * (rng.uniform(0.55, 0.85) if time in ("golden", "dusk", "dawn") else rng.uniform(0.15, 0.5))
    _glow(pixels, cx, cy, radius, light, 0.5 if not night else 0.25)
    image = Image.fromarray(pixels, "RGB")
    draw = ImageDraw.Draw(image, "RGBA")
    if night:
        for _ in range(int(rng.integers(60, 200))):
            sx, sy, s = rng.uniform(0, width), rng.uniform(0, horizon * 0.9), rng.uniform(0.5, 1.6)
            draw.ellipse((sx - s, sy - s, sx + s, sy + s), fill=(255, 255, 240, int(rng.integers(120, 255))))
    if time != "day" or rng.random() < 0.6:
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=light)
    _clouds(draw, rng, width, horizon, _mix(bottom, (255, 255, 255), 0.5) if not night else (60, 66, 96),
            int(rng.integers(70, 170)))

    # Land layers, far to near: far ones fade into the horizon colour (aerial haze).
    n = 129
    haze = lambda t: _mix(land, bottom, t)  # noqa: E731  (t = 1: lost in the haze)
    water = kind in ("lake", "sea") or (kind == "city" and rng.random() < 0.4)
    shore = horizon if kind != "lake" else int(horizon + rng.uniform(0.05, 0.12) * height)
    if kind in ("mountains", "lake"):
        for k, t in enumerate((0.75, 0.5)):
            peak = unit * rng.uniform(0.18, 0.32) / (k + 1)
            ys = horizon - peak * (0.6 + 0.4 * _ridge(rng, n, rng.uniform(0.5, 0.62)))
            _fill_profile(draw, width, height, ys, haze(t))
            if k == 0 and time in ("day", "dawn") and rng.random() < 0.6:  # snow above a jagged line
                snow = horizon - peak * rng.uniform(0.75, 0.9) + rng.uniform(-3, 3, n)
                xs = np.linspace(-2, width + 2, n)
                upper, lower = list(zip(xs, ys)), list(zip(xs[::-1], np.maximum(ys, snow)[::-1]))
                draw.polygon(upper + lower, fill=_mix((245, 248, 252), bottom, 0.25))
    if kind == "city":
        windows = (255, 214, 120) if time in ("night", "dusk") else None
        _skyline(draw, rng, width, horizon, unit * 0.22, haze(0.7), None, 0.0)
        near = haze(0.35) if not night else (14, 16, 28)
        _skyline(draw, rng, width, horizon, unit * 0.38, near, windows, 0.45 if night else 0.15)
        # Streets and embankment in front of the buildings (water may cover them below).
        draw.rectangle((0, horizon, width, height), fill=_mix(near, (40, 40, 44), 0.5))
    if kind == "desert":
        sand = _jitter(rng, _mix(_SAND, bottom, 0.2))
        for k, t in enumerate((0.5, 0.25, 0.0)):
            ys = horizon + k * 0.1 * height - unit * 0.06 * (1 + _smooth_ridge(rng, n))
            _fill_profile(draw, width, height, ys, _mix(_mix(sand, (0, 0, 0), 0.12 * k), bottom, t))
    if water:
        water_top = shore
        deep = _mix(_mix(top, bottom, 0.5), (0, 20, 40), 0.35)
        draw.rectangle((0, water_top, width, height), fill=deep)
        if kind in ("lake", "city"):  # mirror what stands on the shore into the water, dimmed
            above = np.asarray(image)[max(0, 2 * water_top - height):water_top][::-1]
            reflected = np.asarray(image).copy()
            rows = min(len(above), height - water_top)
            reflected[water_top:water_top + rows] = (above[:rows] * 0.6 + np.asarray(deep) * 0.4).astype(np.uint8)
            image = Image.fromarray(reflected, "RGB")
            draw = ImageDraw.Draw(image, "RGBA")
        for _ in range(int(rng.integers(20, 60))):  # glints and ripples
            y = rng.uniform(water_top, height)
            x, length = rng.uniform(0, width), rng.uniform(0.02, 0.12) * width
            draw.line((x, y, x + length, y), fill=(*_mix(bottom, light, 0.5), int(rng.integers(30, 90))),
                      width=max(1, int(unit * 0.003)))
        if abs(cx - width / 2) < width and time != "day":  # the sun's path on the water
            for y in np.arange(water_top + 2, height, max(3.0, unit * 0.012)):
                half = radius * rng.uniform(0.4, 1.3) * (1 + (y - water_top) / height)
                draw.line((cx - half, y, cx + half, y), fill=(*light, int(rng.integers(60, 150))),
                          width=max(1, int(unit * 0.004)))
        if kind == "sea" and rng.random() < 0.5:  # a beach in front
            ys = height - unit * rng.uniform(0.05, 0.15) * (1.2 + 0.5 * _smooth_ridge(rng, n))
            _fill_profile(draw, width, height, ys, _mix(_SAND, top, 0.3 if night else 0.05))
    if kind in ("hills", "forest", "mountains"):
        layers = 3 if kind != "mountains" else 2
        for k in range(layers):
            t = 0.45 * (1 - (k + 1) / layers) + (0.05 if night else 0)
            base = horizon + (k + 0.5) * (height - horizon) / (layers + 1.5)
            ys = base - unit * rng.uniform(0.04, 0.1) * (1 + _smooth_ridge(rng, n))
            color = haze(t)
            _fill_profile(draw, width, height, ys, color)
            if kind == "forest" or (k == layers - 1 and rng.random() < 0.5):
                darker = _mix(color, (0, 0, 0), 0.25)
                _trees(draw, rng, width, ys, unit * (0.05 + 0.04 * k), darker, int(rng.integers(15, 50)))
    return _texture(image, rng)


def _texture(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Soft mottling and fine grain, so flat fills read more like a photograph.

    The grain is one 128 px tile repeated and the sum is added by PIL in C: a full-size
    numpy noise field would cost more than the whole picture."""
    w, h = image.size
    mottle = rng.normal(128, 3, (h // 16 + 2, w // 16 + 2)).astype(np.float32)
    mottle = np.asarray(Image.fromarray(mottle, "F").resize((w, h), Image.Resampling.BILINEAR))
    tile = rng.integers(-3, 4, (128, 128)).astype(np.float32)
    grain = np.tile(tile, (h // 128 + 1, w // 128 + 1))[:h, :w]
    shade = Image.fromarray(np.clip(mottle + grain, 0, 255).astype(np.uint8), "L")
    return ImageChops.add(image, Image.merge("RGB", (shade, shade, shade)), offset=-128)
