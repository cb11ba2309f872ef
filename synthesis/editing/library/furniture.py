"""Furniture, front or three-quarter view: the body is the wood or upholstery; shading
lines, inner compartments, books and light are ink."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import ink_disc
from synthesis.editing.palette import shade

BOOK_COLORS = ((200, 60, 55), (60, 110, 190), (235, 190, 60), (70, 150, 90), (150, 90, 170), (240, 235, 220))


def draw_chair(c: Canvas, state: str) -> None:
    c.body_rect(0.16, 0.0, 0.84, 0.16, radius=0.05)                           # top rail
    c.body_rect(0.16, 0.0, 0.27, 0.5)                                          # back posts
    c.body_rect(0.73, 0.0, 0.84, 0.5)
    c.body_polygon([(0.16, 0.46), (0.84, 0.46), (0.96, 0.6), (0.04, 0.6)])   # seat, seen from above
    c.body_rect(0.04, 0.58, 0.96, 0.67)
    c.body_rect(0.07, 0.6, 0.18, 1.0, radius=0.02)                            # front legs
    c.body_rect(0.82, 0.6, 0.93, 1.0, radius=0.02)
    c.body_rect(0.2, 0.64, 0.28, 0.88)                                         # back legs
    c.body_rect(0.72, 0.64, 0.8, 0.88)
    dark = shade(c.base, 0.72)
    c.ink_rect(0.2, 0.66, 0.28, 0.88, fill=dark)
    c.ink_rect(0.72, 0.66, 0.8, 0.88, fill=dark)
    for u in (0.42, 0.58):
        c.ink_rect(u - 0.035, 0.18, u + 0.035, 0.46, fill=dark)                # back slats
    c.ink_rect(0.04, 0.58, 0.96, 0.67, fill=shade(c.base, 0.85))


def draw_table(c: Canvas, state: str) -> None:
    c.body_polygon([(0.1, 0.04), (0.9, 0.04), (1.0, 0.2), (0.0, 0.2)])      # top, seen from above
    c.body_rect(0.0, 0.2, 1.0, 0.3)
    c.body_rect(0.22, 0.3, 0.28, 0.86)                                         # back legs
    c.body_rect(0.72, 0.3, 0.78, 0.86)
    c.body_rect(0.05, 0.3, 0.95, 0.38)                                         # apron
    c.body_rect(0.06, 0.3, 0.13, 1.0, radius=0.01)                             # front legs
    c.body_rect(0.87, 0.3, 0.94, 1.0, radius=0.01)
    c.ink_polygon([(0.12, 0.06), (0.88, 0.06), (0.96, 0.19), (0.04, 0.19)], shade(c.base, 1.18))
    c.ink_rect(0.22, 0.38, 0.28, 0.86, fill=shade(c.base, 0.7))
    c.ink_rect(0.72, 0.38, 0.78, 0.86, fill=shade(c.base, 0.7))
    c.ink_rect(0.05, 0.3, 0.95, 0.38, fill=shade(c.base, 0.85))


def draw_lamp(c: Canvas, state: str) -> None:
    """A table lamp: the shade and the base take the colour; on = lit bulb and light."""
    c.body_polygon([(0.22, 0.02), (0.78, 0.02), (0.96, 0.46), (0.04, 0.46)])  # shade
    c.body_rect(0.22, 0.88, 0.78, 1.0, radius=0.04)                            # base
    c.ink_rect(0.46, 0.46, 0.54, 0.9, fill=inks.GOLD)
    if state == "on":
        c.ink_polygon([(0.1, 0.48), (0.9, 0.48), (1.0, 0.86), (0.0, 0.86)], inks.GLOW)
        c.ink_polygon([(0.22, 0.02), (0.78, 0.02), (0.96, 0.46), (0.04, 0.46)], (255, 245, 190, 90))
        c.ink_ellipse(0.04, 0.42, 0.96, 0.5, fill=(255, 240, 170))
        ink_disc(c, 0.5, 0.5, 0.07, inks.LIGHT)
    else:
        c.ink_ellipse(0.04, 0.42, 0.96, 0.5, fill=shade(c.base, 0.6))
    c.ink_rect(0.22, 0.88, 0.78, 0.92, fill=shade(c.base, 0.8))


def draw_sofa(c: Canvas, state: str) -> None:
    c.body_rect(0.1, 0.08, 0.9, 0.58, radius=0.1)                             # back
    c.body_rect(0.1, 0.5, 0.9, 0.8, radius=0.05)                              # seat
    c.body_rect(0.0, 0.3, 0.15, 0.88, radius=0.07)                            # arms
    c.body_rect(0.85, 0.3, 1.0, 0.88, radius=0.07)
    c.body_rect(0.03, 0.74, 0.97, 0.9, radius=0.03)
    seam = shade(c.base, 0.72)
    c.ink_line([(0.5, 0.14), (0.5, 0.52)], seam, 0.02)
    c.ink_line([(0.5, 0.6), (0.5, 0.76)], seam, 0.02)
    c.ink_line([(0.15, 0.56), (0.85, 0.56)], seam, 0.02)
    c.ink_line([(0.15, 0.78), (0.85, 0.78)], seam, 0.02)
    for u in (0.05, 0.9):
        c.ink_rect(u, 0.9, u + 0.05, 1.0, fill=inks.WOOD_DARK)


def _books(c: Canvas, u0: float, u1: float, v0: float, v1: float, seed: int) -> None:
    """A shelf of upright books of varied widths and heights (a fixed arrangement per shelf)."""
    widths = (0.1, 0.08, 0.12, 0.09, 0.07, 0.11, 0.1)
    u, i = u0, seed
    while u + widths[i % len(widths)] <= u1:
        w = widths[i % len(widths)]
        top = v0 + (v1 - v0) * (0.1 + 0.12 * ((i * 3) % 4))
        c.ink_rect(u, top, u + w - 0.01, v1, fill=BOOK_COLORS[i % len(BOOK_COLORS)])
        u, i = u + w, i + 1


def draw_bookshelf(c: Canvas, state: str) -> None:
    c.body_rect(0.02, 0.0, 0.98, 0.96)
    c.body_rect(0.04, 0.9, 0.14, 1.0)
    c.body_rect(0.86, 0.9, 0.96, 1.0)
    inside = shade(c.base, 0.5)
    for v0, v1 in ((0.06, 0.32), (0.37, 0.62), (0.67, 0.9)):
        c.ink_rect(0.1, v0, 0.9, v1, fill=inside)
        if state == "full":
            _books(c, 0.12, 0.88, v0 + 0.02, v1, int(v0 * 10))


def draw_cabinet(c: Canvas, state: str) -> None:
    """A chest of three drawers; open = the top drawer pulled out."""
    c.body_rect(0.0, 0.0, 1.0, 0.06, radius=0.02)
    c.body_rect(0.04, 0.04, 0.96, 0.92)
    for u in (0.06, 0.86):
        c.ink_rect(u, 0.92, u + 0.08, 1.0, fill=inks.WOOD_DARK)
    line, knob = shade(c.base, 0.65), inks.GOLD
    for v0 in (0.1, 0.38, 0.65):
        c.ink_rect(0.1, v0, 0.9, v0 + 0.24, fill=shade(c.base, 1.12), radius=0.02)
        c.ink_rect(0.1, v0 + 0.2, 0.9, v0 + 0.24, fill=line)
        ink_disc(c, 0.5, v0 + 0.11, 0.035, knob)
    if state == "open":
        c.ink_rect(0.1, 0.1, 0.9, 0.34, fill=shade(c.base, 0.4))            # the empty slot
        c.body_polygon([(0.1, 0.08), (0.9, 0.08), (1.0, 0.24), (0.0, 0.24)])  # the drawer, pulled out
        c.ink_polygon([(0.14, 0.1), (0.86, 0.1), (0.94, 0.23), (0.06, 0.23)], shade(c.base, 0.45))
        c.ink_polygon([(0.3, 0.12), (0.62, 0.12), (0.66, 0.2), (0.26, 0.2)], (235, 230, 220))  # a folded shirt
        c.body_rect(0.0, 0.22, 1.0, 0.5, radius=0.02)
        c.ink_rect(0.0, 0.22, 1.0, 0.5, fill=shade(c.base, 1.12), radius=0.02)
        c.ink_rect(0.0, 0.46, 1.0, 0.5, fill=line)
        ink_disc(c, 0.5, 0.35, 0.04, knob)


KINDS = (
    ObjectKind("chair", "furniture", draw_chair, 0.75, ("default",), ("brown", "beige", "white", "black"), zh="椅子"),
    ObjectKind("table", "furniture", draw_table, 1.7, ("default",), ("brown", "beige", "white"), zh="桌子"),
    ObjectKind("lamp", "furniture", draw_lamp, 0.55, ("off", "on"), ("beige", "white", "teal", "orange"), zh="台灯"),
    ObjectKind("sofa", "furniture", draw_sofa, 2.2, ("default",), ("blue", "grey", "green", "red", "beige"),
               zh="沙发"),
    ObjectKind("bookshelf", "furniture", draw_bookshelf, 0.7, ("full", "empty"), ("brown", "beige", "white"),
               plural="bookshelves", zh="书架"),
    ObjectKind("cabinet", "furniture", draw_cabinet, 0.85, ("closed", "open"), ("brown", "beige", "white"),
               zh="抽屉柜"),
)
