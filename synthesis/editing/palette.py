"""Named colours: every colour an instruction can name maps to one RGB value, so
"make the mug blue" has exactly one right answer."""

from __future__ import annotations

import colorsys

RGB = tuple[int, int, int]

COLORS: dict[str, RGB] = {
    "red": (214, 48, 49), "orange": (240, 140, 30), "yellow": (246, 208, 50), "green": (60, 170, 80),
    "lime": (160, 210, 60), "teal": (30, 150, 150), "blue": (45, 110, 210), "navy": (30, 50, 120),
    "purple": (135, 75, 190), "pink": (240, 130, 180), "brown": (140, 90, 50), "beige": (225, 205, 165),
    "white": (245, 245, 240), "grey": (140, 140, 145), "black": (40, 40, 45), "gold": (212, 175, 55),
}

COLORS_ZH: dict[str, str] = {
    "red": "红色", "orange": "橙色", "yellow": "黄色", "green": "绿色", "lime": "黄绿色", "teal": "青色",
    "blue": "蓝色", "navy": "藏青色", "purple": "紫色", "pink": "粉色", "brown": "棕色", "beige": "米色",
    "white": "白色", "grey": "灰色", "black": "黑色", "gold": "金色",
}


def rgb(name: str) -> RGB:
    try:
        return COLORS[name]
    except KeyError:
        raise KeyError(f"unknown colour {name!r}; allowed: {', '.join(COLORS)}") from None


def shade(color: RGB, factor: float) -> RGB:
    """Darker (factor < 1) or lighter (factor > 1, towards white) version of `color`."""
    if factor <= 1:
        return tuple(round(c * factor) for c in color)  # type: ignore[return-value]
    t = min(1.0, factor - 1.0)
    return tuple(round(c + (255 - c) * t) for c in color)  # type: ignore[return-value]


def hue_shift(color: RGB, degrees: float) -> RGB:
    h, s, v = colorsys.rgb_to_hsv(*(c / 255 for c in color))
    r, g, b = colorsys.hsv_to_rgb((h + degrees / 360) % 1.0, s, v)
    return (round(r * 255), round(g * 255), round(b * 255))
