"""Household objects: the body is the ceramic, wax, cover, cloth or wrapping; contents,
flames, pages, ribbons and clock faces are ink."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import (
    arc,
    body_disc,
    cubic,
    disc,
    ink_arc,
    ink_disc,
    ink_stroke,
    leaf,
    mirror,
    rotate,
)
from synthesis.editing.palette import RGB, shade


def draw_mug(c: Canvas, state: str) -> None:
    c.body_ellipse(0.56, 0.26, 0.98, 0.8)                                     # handle ring ...
    c.body_erase_ellipse(0.66, 0.38, 0.88, 0.68)                              # ... before the cup covers it
    c.body_rect(0.04, 0.12, 0.76, 1.0, radius=0.1)
    c.body_ellipse(0.04, 0.0, 0.76, 0.22)
    if state == "full":
        c.ink_ellipse(0.08, 0.03, 0.72, 0.19, fill=inks.COFFEE)
        c.ink_ellipse(0.2, 0.06, 0.5, 0.12, fill=(160, 110, 70))
    else:
        c.ink_ellipse(0.08, 0.03, 0.72, 0.19, fill=shade(c.base, 0.6))
    c.ink_rect(0.1, 0.3, 0.16, 0.8, fill=shade(c.base, 1.3), radius=0.03)


def draw_vase(c: Canvas, state: str) -> None:
    right = cubic((0.64, 0.06), (0.6, 0.24), (1.05, 0.4), (0.96, 0.66)) + \
        cubic((0.96, 0.66), (0.9, 0.84), (0.72, 0.9), (0.7, 1.0))[1:]
    c.body_polygon(right + mirror(right))
    c.body_rect(0.24, 0.0, 0.76, 0.08, radius=0.03)
    c.ink_ellipse(0.3, 0.01, 0.7, 0.07, fill=shade(c.base, 0.55))
    band = shade(c.base, 0.72)
    zig = [(0.12 + 0.08 * i, 0.56 if i % 2 else 0.64) for i in range(10)]
    c.ink_line(zig, band, 0.025)
    c.ink_rect(0.32, 0.88, 0.68, 0.91, fill=band)


def draw_book(c: Canvas, state: str) -> None:
    if state == "open":
        c.body_polygon([(0.0, 0.12), (0.5, 0.22), (1.0, 0.12), (1.0, 0.9), (0.5, 1.0), (0.0, 0.9)])
        left = [(0.04, 0.08), (0.26, 0.03), (0.5, 0.14), (0.5, 0.92), (0.26, 0.82), (0.04, 0.86)]
        c.ink_polygon(left, inks.PAPER)
        c.ink_polygon(mirror(left), (238, 236, 228))
        for i in range(5):
            v = 0.22 + i * 0.11
            c.ink_line([(0.1, v - 0.02), (0.26, v - 0.04), (0.44, v + 0.02)], inks.TEXT, 0.015)
            c.ink_line([(0.56, v + 0.02), (0.74, v - 0.04), (0.9, v - 0.02)], inks.TEXT, 0.015)
        c.ink_line([(0.5, 0.14), (0.5, 0.94)], (200, 198, 190), 0.015)
        return
    # Closed, lying flat: the cover on top, the spine facing us, page edges on the right.
    c.body_polygon([(0.14, 0.02), (0.98, 0.02), (0.86, 0.64), (0.02, 0.64)])
    c.body_rect(0.02, 0.62, 0.86, 1.0, radius=0.03)
    c.ink_polygon([(0.86, 0.66), (0.98, 0.06), (0.98, 0.4), (0.86, 0.96)], inks.PAPER)
    for v in (0.74, 0.88):
        c.ink_rect(0.06, v - 0.02, 0.82, v + 0.02, fill=inks.GOLD)
    c.ink_polygon([(0.36, 0.16), (0.76, 0.16), (0.72, 0.34), (0.32, 0.34)], shade(c.base, 1.35))  # title label


def draw_teapot(c: Canvas, state: str) -> None:
    c.body_ellipse(0.0, 0.3, 0.3, 0.82)                                       # handle ring ...
    c.body_erase_ellipse(0.06, 0.4, 0.24, 0.72)                               # ... before the pot covers it
    c.body_polygon([(0.72, 0.6), (0.95, 0.22), (1.0, 0.24), (0.84, 0.84)])   # spout
    c.body_ellipse(0.16, 0.24, 0.84, 1.0)
    c.body_ellipse(0.34, 0.14, 0.66, 0.32)                                    # lid
    body_disc(c, 0.5, 0.1, 0.07)                                              # knob
    line = shade(c.base, 0.7)
    ink_arc(c, (0.3, 0.18, 0.7, 0.38), 20, 160, line, 0.02)
    c.ink_line([(0.2, 0.76), (0.8, 0.76)], line, 0.02)
    c.ink_ellipse(*disc(c, 0.36, 0.5, 0.06), fill=shade(c.base, 1.35))


def draw_candle(c: Canvas, state: str) -> None:
    """A pillar candle; lit = a flame and its glow above the wick."""
    c.body_rect(0.08, 0.3, 0.92, 1.0, radius=0.04)
    c.body_ellipse(0.08, 0.23, 0.92, 0.37)
    c.body_ellipse(0.68, 0.28, 0.84, 0.52)                                    # a wax drip
    c.ink_ellipse(0.13, 0.25, 0.87, 0.35, fill=shade(c.base, 1.2))
    ink_stroke(c, [(0.5, 0.3), (0.5, 0.15)], inks.DARK, 0.025)
    if state == "lit":
        c.ink_ellipse(0.0, 0.0, 1.0, 0.3, fill=(255, 230, 140, 90))
        c.ink_polygon(leaf((0.5, 0.25), (0.5, 0.0), 0.11), inks.FLAME)
        c.ink_polygon(leaf((0.5, 0.24), (0.5, 0.08), 0.055), inks.FLAME_CORE)


def draw_umbrella(c: Canvas, state: str) -> None:
    if state == "closed":
        c.body_polygon([(0.5, 0.06), (0.62, 0.56), (0.58, 0.7), (0.42, 0.7), (0.38, 0.56)])
        c.ink_line([(0.5, 0.1), (0.46, 0.68)], shade(c.base, 0.7), 0.015)
        c.ink_rect(0.4, 0.44, 0.6, 0.48, fill=shade(c.base, 0.6))             # the strap
        ink_stroke(c, [(0.5, 0.02), (0.5, 0.08)], inks.DARK, 0.02)
        shaft_top = 0.7
    else:
        cu, cv, ru, rv = 0.5, 0.5, 0.48, 0.44
        canopy = arc(cu, cv, ru, rv, 180, 360, 32)
        for k in reversed(range(4)):
            u0 = cu - ru + k * ru / 2
            canopy += arc(u0 + ru / 4, cv, ru / 4, 0.06, 0, -180, 8)[1:]
        c.body_polygon(canopy)
        rib = shade(c.base, 0.7)
        for k in range(1, 4):
            u = cu - ru + k * ru / 2
            c.ink_line([(0.5, 0.07), (0.5 + (u - 0.5) * 0.6, 0.3), (u, 0.5)], rib, 0.015)
        ink_stroke(c, [(0.5, 0.02), (0.5, 0.07)], inks.DARK, 0.025)
        shaft_top = 0.45
    c.ink_line([(0.5, shaft_top), (0.5, 0.88)], inks.DARK, 0.03)
    ink_arc(c, disc(c, 0.42, 0.88, 0.1), 0, 180, inks.DARK, 0.04)


def _ribbon(base: RGB) -> RGB:
    """Gold ribbon on dark or saturated paper, red ribbon on pale, gold or yellow paper."""
    light = 0.299 * base[0] + 0.587 * base[1] + 0.114 * base[2] > 160
    return inks.RED if light else inks.GOLD


def draw_gift_box(c: Canvas, state: str) -> None:
    c.body_rect(0.08, 0.4, 0.92, 1.0, radius=0.02)
    c.body_rect(0.02, 0.26, 0.98, 0.44, radius=0.02)
    ribbon = _ribbon(c.base)
    c.ink_rect(0.02, 0.42, 0.98, 0.46, fill=shade(c.base, 0.7))
    c.ink_rect(0.44, 0.26, 0.56, 1.0, fill=ribbon)
    c.ink_polygon(leaf((0.5, 0.25), (0.2, 0.06), 0.09), ribbon)
    c.ink_polygon(leaf((0.5, 0.25), (0.8, 0.06), 0.09), ribbon)
    ink_disc(c, 0.5, 0.24, 0.05, shade(ribbon, 0.8))


def draw_clock(c: Canvas, state: str) -> None:
    """An alarm clock; ringing = the bells rock outwards and the case shakes."""
    c.body_ellipse(*disc(c, 0.5, 0.58, 0.36))
    bell = shade(c.base, 0.8)
    tilt = 25 if state == "ringing" else 0
    for cu, sign in ((0.26, -1), (0.74, 1)):
        dome = arc(cu, 0.24, 0.16, 0.16, 180, 360, 12)
        c.ink_polygon(rotate(c, dome, cu, 0.24, sign * tilt), bell)
    ink_stroke(c, [(0.5, 0.2), (0.5, 0.1)], bell, 0.04)
    for u0, u1 in ((0.3, 0.18), (0.7, 0.82)):
        ink_stroke(c, [(u0, 0.86), (u1, 0.98)], inks.DARK, 0.04)
    c.ink_ellipse(*disc(c, 0.5, 0.58, 0.28), fill=inks.WHITE)
    for u, v in ((0.5, 0.35), (0.5, 0.81), (0.24, 0.58), (0.76, 0.58)):
        ink_disc(c, u, v, 0.018, inks.DARK)
    ink_stroke(c, [(0.5, 0.58), (0.5, 0.4)], inks.DARK, 0.035)
    ink_stroke(c, [(0.5, 0.58), (0.66, 0.64)], inks.DARK, 0.035)
    ink_disc(c, 0.5, 0.58, 0.03, inks.RED)
    if state == "ringing":
        for side in (-1, 1):
            for dv in (0.0, 0.12):
                u = 0.5 + side * 0.46
                c.ink_line([(u, 0.46 + dv), (u + side * 0.03, 0.5 + dv), (u, 0.54 + dv)], (90, 90, 110), 0.02)


KINDS = (
    ObjectKind("mug", "household", draw_mug, 1.15, ("empty", "full"), ("white", "red", "blue", "yellow"), zh="马克杯"),
    ObjectKind("vase", "household", draw_vase, 0.6, ("default",), ("blue", "white", "teal", "orange"), zh="花瓶"),
    ObjectKind("book", "household", draw_book, 1.6, ("closed", "open"), ("red", "blue", "green", "brown"), zh="书"),
    ObjectKind("teapot", "household", draw_teapot, 1.4, ("default",), ("white", "blue", "brown", "teal"),
               zh="茶壶"),
    ObjectKind("candle", "household", draw_candle, 0.45, ("unlit", "lit"), ("white", "red", "beige"), zh="蜡烛"),
    ObjectKind("umbrella", "household", draw_umbrella, 1.0, ("open", "closed"), ("red", "blue", "black", "yellow"),
               zh="雨伞"),
    ObjectKind("gift_box", "household", draw_gift_box, 1.0, ("default",), ("red", "blue", "green", "purple"),
               plural="gift boxes", zh="礼物盒"),
    ObjectKind("alarm_clock", "household", draw_clock, 0.9, ("quiet", "ringing"), ("red", "blue", "teal"), zh="闹钟"),
)
