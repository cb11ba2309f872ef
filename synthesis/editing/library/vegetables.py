"""Vegetables: the body is the coloured flesh or skin; leaves, calyxes and stalks are ink."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import arc, body_disc, disc, ink_disc, ink_stroke, leaf
from synthesis.editing.palette import shade


def draw_carrot(c: Canvas, state: str) -> None:
    """Lying on its side, leaves to the left, tip to the right."""
    body_disc(c, 0.33, 0.63, 0.37)
    c.body_polygon([(0.33, 0.26), (0.99, 0.74), (0.99, 0.78), (0.33, 1.0)])
    for u0, v0, u1, v1 in ((0.42, 0.36, 0.5, 0.46), (0.56, 0.78, 0.64, 0.86), (0.7, 0.58, 0.76, 0.64),
                           (0.84, 0.72, 0.88, 0.76), (0.35, 0.84, 0.42, 0.9)):
        ink_stroke(c, [(u0, v0), (u1, v1)], shade(c.base, 0.78), 0.03)
    for tip, color in (((0.02, 0.14), inks.LEAF_DARK), ((0.01, 0.42), inks.LEAF), ((0.08, 0.02), inks.LEAF),
                       ((0.03, 0.66), inks.LEAF_DARK)):
        c.ink_polygon(leaf((0.2, 0.55), tip, 0.08), color)


def draw_tomato(c: Canvas, state: str) -> None:
    c.body_ellipse(0.03, 0.14, 0.6, 0.98)
    c.body_ellipse(0.4, 0.14, 0.97, 0.98)
    c.body_ellipse(0.05, 0.22, 0.95, 1.0)
    if state == "halved":
        c.ink_ellipse(0.1, 0.24, 0.9, 0.93, fill=shade(c.base, 1.25))
        for cu, cv in ((0.32, 0.5), (0.68, 0.5), (0.5, 0.76)):
            c.ink_ellipse(*disc(c, cu, cv, 0.13), fill=shade(c.base, 0.85))
            for du, dv in ((-0.04, -0.03), (0.04, -0.03), (0.0, 0.04)):
                ink_disc(c, cu + du, cv + dv, 0.018, (245, 225, 150))
        return
    for tip in ((0.22, 0.24), (0.36, 0.32), (0.64, 0.32), (0.78, 0.24), (0.5, 0.34)):
        c.ink_polygon(leaf((0.5, 0.2), tip, 0.05), inks.LEAF)
    ink_stroke(c, [(0.5, 0.22), (0.52, 0.04)], inks.LEAF_DARK, 0.05)
    ink_disc(c, 0.26, 0.46, 0.06, shade(c.base, 1.4))


def draw_broccoli(c: Canvas, state: str) -> None:
    florets = ((0.25, 0.36, 0.2), (0.5, 0.25, 0.23), (0.75, 0.36, 0.2), (0.36, 0.49, 0.18), (0.64, 0.49, 0.18))
    for u, v, r in florets:
        body_disc(c, u, v, r)
    stalk = (175, 205, 120)
    c.ink_polygon([(0.4, 0.62), (0.6, 0.62), (0.62, 1.0), (0.38, 1.0)], stalk)
    c.ink_polygon([(0.42, 0.72), (0.26, 0.6), (0.3, 0.56), (0.46, 0.68)], stalk)
    c.ink_polygon([(0.58, 0.72), (0.74, 0.6), (0.7, 0.56), (0.54, 0.68)], stalk)
    for u, v, r in florets:
        for du, dv in ((-0.06, -0.05), (0.05, -0.07), (0.0, 0.03), (0.07, 0.04), (-0.07, 0.06)):
            ink_disc(c, u + du * r / 0.2, v + dv * r / 0.2, 0.02, shade(c.base, 0.75))


def draw_eggplant(c: Canvas, state: str) -> None:
    """Lying on its side: a fat end on the right, the green cap on the left."""
    body_disc(c, 0.7, 0.56, 0.44)
    body_disc(c, 0.22, 0.42, 0.2)
    c.body_polygon([(0.22, 0.22), (0.66, 0.12), (0.62, 1.0), (0.22, 0.62)])
    c.ink_ellipse(*disc(c, 0.17, 0.42, 0.17), fill=inks.LEAF_DARK)
    for tip in ((0.4, 0.26), (0.46, 0.44), (0.38, 0.6)):
        c.ink_polygon(leaf((0.2, 0.42), tip, 0.07), inks.LEAF_DARK)
    ink_stroke(c, [(0.1, 0.42), (0.03, 0.34)], inks.LEAF_DARK, 0.08)
    c.ink_polygon(leaf((0.56, 0.3), (0.84, 0.26), 0.05), shade(c.base, 1.45))


def draw_mushroom(c: Canvas, state: str) -> None:
    c.body_polygon(arc(0.5, 0.58, 0.49, 0.54, 180, 360, 32) + arc(0.5, 0.58, 0.49, 0.06, 0, 180, 16))
    c.ink_rect(0.36, 0.58, 0.64, 1.0, fill=(240, 228, 205), radius=0.08)
    c.ink_ellipse(0.08, 0.54, 0.92, 0.66, fill=(215, 200, 175))
    c.ink_rect(0.36, 0.6, 0.64, 0.68, fill=(240, 228, 205))
    for u, v, r in ((0.5, 0.2, 0.07), (0.26, 0.36, 0.06), (0.74, 0.36, 0.06), (0.38, 0.46, 0.04),
                    (0.64, 0.48, 0.04)):
        ink_disc(c, u, v, r, inks.WHITE)


KINDS = (
    ObjectKind("carrot", "vegetable", draw_carrot, 2.2, ("default",), ("orange",), zh="胡萝卜"),
    ObjectKind("tomato", "vegetable", draw_tomato, 1.15, ("whole", "halved"), ("red", "orange", "yellow"),
               plural="tomatoes", zh="番茄"),
    ObjectKind("broccoli", "vegetable", draw_broccoli, 0.9, ("default",), ("green",), plural="broccoli",
               zh="西兰花"),
    ObjectKind("eggplant", "vegetable", draw_eggplant, 1.6, ("default",), ("purple",), zh="茄子"),
    ObjectKind("mushroom", "vegetable", draw_mushroom, 1.0, ("default",), ("red", "brown", "beige"), zh="蘑菇"),
)
