"""Toys: the body is the painted or plush part; seams, strings, faces and shading are ink."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import arc, body_disc, disc, ink_disc, ink_stroke, inside_disc, quad
from synthesis.editing.palette import shade


def draw_ball(c: Canvas, state: str) -> None:
    """A playground ball: one colour with two white seam bands."""
    body_disc(c, 0.5, 0.5, 0.5)
    ink_disc(c, 0.5, 0.17, 0.06, shade(c.base, 1.4))
    for cu in (-0.5, 1.5):
        band = arc(cu, 0.5, 0.86, 0.86, -90, 90, 48) if cu < 0 else arc(cu, 0.5, 0.86, 0.86, 90, 270, 48)
        c.ink_line(inside_disc(c, band, 0.5, 0.5, 0.47), inks.WHITE, 0.07)


def draw_teddy_bear(c: Canvas, state: str) -> None:
    c.body_ellipse(0.2, 0.44, 0.8, 0.96)                                      # tummy
    c.body_ellipse(0.04, 0.46, 0.3, 0.72)                                     # arms
    c.body_ellipse(0.7, 0.46, 0.96, 0.72)
    c.body_ellipse(0.1, 0.76, 0.44, 1.0)                                      # legs
    c.body_ellipse(0.56, 0.76, 0.9, 1.0)
    body_disc(c, 0.27, 0.11, 0.1)                                             # ears
    body_disc(c, 0.73, 0.11, 0.1)
    body_disc(c, 0.5, 0.29, 0.25)                                             # head
    light = shade(c.base, 1.35)
    ink_disc(c, 0.27, 0.11, 0.05, light)
    ink_disc(c, 0.73, 0.11, 0.05, light)
    c.ink_ellipse(0.34, 0.56, 0.66, 0.88, fill=light)
    c.ink_ellipse(0.16, 0.86, 0.3, 0.98, fill=light)
    c.ink_ellipse(0.7, 0.86, 0.84, 0.98, fill=light)
    c.ink_ellipse(0.38, 0.3, 0.62, 0.46, fill=light)                          # muzzle
    ink_disc(c, 0.5, 0.34, 0.035, inks.DARK)
    ink_stroke(c, [(0.5, 0.36), (0.5, 0.41)], inks.DARK, 0.015)
    ink_disc(c, 0.39, 0.24, 0.03, inks.DARK)
    ink_disc(c, 0.61, 0.24, 0.03, inks.DARK)
    c.ink_polygon([(0.5, 0.52), (0.36, 0.46), (0.36, 0.58)], inks.RED)       # bow tie
    c.ink_polygon([(0.5, 0.52), (0.64, 0.46), (0.64, 0.58)], inks.RED)


def draw_balloon(c: Canvas, state: str) -> None:
    c.body_ellipse(0.04, 0.0, 0.96, 0.72)
    c.body_polygon([(0.5, 0.7), (0.56, 0.77), (0.44, 0.77)])                 # knot
    string = quad((0.5, 0.77), (0.32, 0.86), (0.5, 0.92)) + quad((0.5, 0.92), (0.66, 0.96), (0.52, 1.0))[1:]
    c.ink_line(string, (120, 120, 125), 0.015)
    c.ink_ellipse(0.2, 0.1, 0.34, 0.3, fill=shade(c.base, 1.45))


def draw_kite(c: Canvas, state: str) -> None:
    top, right, bottom, left = (0.5, 0.0), (0.96, 0.28), (0.5, 0.7), (0.04, 0.28)
    c.body_polygon([top, right, bottom, left])
    c.ink_polygon([top, (0.5, 0.28), left], shade(c.base, 0.8))
    c.ink_polygon([bottom, (0.5, 0.28), right], shade(c.base, 0.8))
    c.ink_line([top, bottom], inks.WOOD, 0.015)
    c.ink_line([left, right], inks.WOOD, 0.015)
    tail = quad(bottom, (0.3, 0.84), (0.56, 0.99))
    c.ink_line(tail, (110, 110, 115), 0.012)
    for (u, v), color in ((tail[5], inks.RED), (tail[11], inks.YELLOW)):
        c.ink_polygon([(u, v), (u - 0.1, v - 0.04), (u - 0.1, v + 0.04)], color)
        c.ink_polygon([(u, v), (u + 0.1, v - 0.04), (u + 0.1, v + 0.04)], color)


def draw_toy_block(c: Canvas, state: str) -> None:
    """A wooden letter block seen from above a corner: three faces shaded differently."""
    top, right, bottom, left = (0.5, 0.0), (0.96, 0.23), (0.5, 1.0), (0.04, 0.23)
    centre = (0.5, 0.46)
    c.body_polygon([top, right, (0.96, 0.77), bottom, (0.04, 0.77), left])
    c.ink_polygon([top, right, centre, left], shade(c.base, 1.3))
    c.ink_polygon([centre, right, (0.96, 0.77), bottom], shade(c.base, 0.78))
    letter = inks.WHITE
    c.ink_line([(0.15, 0.8), (0.27, 0.46), (0.39, 0.92)], letter, 0.05)      # an "A" on the left face
    c.ink_line([(0.2, 0.7), (0.34, 0.76)], letter, 0.05)
    c.ink_ellipse(*disc(c, 0.73, 0.7, 0.11), outline=letter, width=0.05)    # an "O" on the right face


KINDS = (
    ObjectKind("ball", "toy", draw_ball, 1.0, ("default",), ("red", "blue", "yellow", "green"), zh="球"),
    ObjectKind("teddy_bear", "toy", draw_teddy_bear, 0.85, ("default",), ("brown", "beige"), zh="泰迪熊"),
    ObjectKind("balloon", "toy", draw_balloon, 0.65, ("default",), ("red", "blue", "yellow", "pink", "green"),
               zh="气球"),
    ObjectKind("kite", "toy", draw_kite, 0.75, ("default",), ("red", "blue", "yellow", "orange"), zh="风筝"),
    ObjectKind("toy_block", "toy", draw_toy_block, 0.9, ("default",), ("red", "blue", "yellow", "green"),
               zh="积木"),
)
