"""Colours: WCAG contrast, light/dark schemes that guarantee legibility, colour names."""

from __future__ import annotations

import colorsys

import numpy as np

RGB = tuple[int, int, int]
MIN_CONTRAST = 4.5  # WCAG AA for normal text

# Hue buckets (upper bound in degrees, English, Chinese) for colour names.
_HUES = (
    (15, "red", "红色"), (40, "orange", "橙色"), (65, "yellow", "黄色"),
    (90, "yellow-green", "黄绿色"), (150, "green", "绿色"), (195, "cyan", "青色"),
    (255, "blue", "蓝色"), (290, "purple", "紫色"), (335, "magenta", "品红色"), (360, "red", "红色"),
)


def luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour (0..255 channels)."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(lin @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a, b) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def random_color(rng: np.random.Generator, light: bool) -> RGB:
    """A colour of the scheme: light (luminance >= 0.45) or dark (<= 0.08)."""
    while True:
        rgb = tuple(int(v) for v in rng.integers(0, 256, 3))
        lum = luminance(rgb)
        if (light and lum >= 0.45) or (not light and lum <= 0.08):
            return rgb


def text_color(rng: np.random.Generator, backgrounds: list[RGB], tries: int = 24,
               min_contrast: float = MIN_CONTRAST) -> RGB:
    """A random colour with contrast >= min_contrast against every background colour
    (black or white when random tries fail; an error when even they fail)."""
    for _ in range(tries):
        rgb = tuple(int(v) for v in rng.integers(0, 256, 3))
        if min(contrast(rgb, bg) for bg in backgrounds) >= min_contrast:
            return rgb
    best = max(((0, 0, 0), (255, 255, 255)), key=lambda c: min(contrast(c, bg) for bg in backgrounds))
    if min(contrast(best, bg) for bg in backgrounds) < min_contrast:
        raise ValueError(f"no text colour reaches contrast {min_contrast} against {backgrounds}")
    return best


def color_name(rgb, lang: str = "en") -> str:
    """A plain name ("dark blue", "浅绿色") from hue, lightness and saturation."""
    hue, light, sat = colorsys.rgb_to_hls(*(v / 255.0 for v in rgb))
    zh = lang == "zh"
    if sat < 0.15 or light < 0.08 or light > 0.94:  # greys
        for bound, en, cn in ((0.12, "black", "黑色"), (0.35, "dark grey", "深灰色"),
                              (0.65, "grey", "灰色"), (0.9, "light grey", "浅灰色"), (1.01, "white", "白色")):
            if light < bound:
                return cn if zh else en
    degrees = hue * 360.0
    en, cn = next((en, cn) for bound, en, cn in _HUES if degrees < bound)
    if en == "orange" and light < 0.35:
        return "棕色" if zh else "brown"
    if light < 0.3:
        return "深" + cn if zh else "dark " + en
    if light > 0.75:
        return "浅" + cn if zh else "light " + en
    return cn if zh else en


def hex_color(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)
