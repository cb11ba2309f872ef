"""Hand tools lying on their side, handle to the right: the body is the part that comes
in colours (a handle, or the whole wrench); steel parts and bristles are ink."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import body_disc, disc, ink_disc, quad, regular_polygon
from synthesis.editing.palette import shade


def draw_hammer(c: Canvas, state: str) -> None:
    """Lying on its side: the head stands upright, face down and claw curling up over the handle."""
    c.body_rect(0.2, 0.46, 0.99, 0.68, radius=0.11)                          # handle
    c.ink_rect(0.9, 0.46, 0.93, 0.68, fill=shade(c.base, 0.7))
    c.ink_rect(0.05, 0.64, 0.31, 1.0, fill=inks.STEEL, radius=0.04)           # striking face
    c.ink_rect(0.09, 0.3, 0.27, 0.66, fill=inks.STEEL)                        # cheek
    claw = quad((0.09, 0.32), (0.08, 0.04), (0.4, 0.01)) + quad((0.4, 0.01), (0.26, 0.12), (0.27, 0.32))[1:]
    c.ink_polygon(claw, inks.STEEL)
    c.ink_rect(0.05, 0.64, 0.31, 0.7, fill=inks.STEEL_DARK)


def draw_wrench(c: Canvas, state: str) -> None:
    """An open-ended spanner with a ring at the other end; the body is the whole tool."""
    c.body_rect(0.16, 0.4, 0.84, 0.64, radius=0.12)
    body_disc(c, 0.19, 0.51, 0.48)
    body_disc(c, 0.83, 0.54, 0.44)
    c.body_erase_polygon([(-0.01, 0.34), (0.16, 0.41), (0.16, 0.61), (-0.01, 0.68)])  # open jaw
    c.body_erase_polygon(regular_polygon(6, 0.83, 0.54, 0.09, 0.22, 0))               # ring hole
    c.ink_rect(0.34, 0.48, 0.66, 0.56, fill=shade(c.base, 0.8), radius=0.04)


def draw_screwdriver(c: Canvas, state: str) -> None:
    c.body_rect(0.6, 0.04, 0.99, 1.0, radius=0.3)                             # handle
    c.body_rect(0.55, 0.2, 0.63, 0.8, radius=0.06)
    groove = shade(c.base, 0.72)
    for v in (0.28, 0.44, 0.6, 0.76):
        c.ink_rect(0.67, v - 0.02, 0.94, v + 0.02, fill=groove, radius=0.02)
    c.ink_rect(0.06, 0.43, 0.57, 0.57, fill=inks.STEEL)
    c.ink_polygon([(0.07, 0.43), (0.01, 0.47), (0.01, 0.53), (0.07, 0.57)], inks.STEEL_DARK)


def draw_saw(c: Canvas, state: str) -> None:
    blade = [(0.02, 0.48), (0.72, 0.12), (0.72, 0.9), (0.02, 0.9)]
    c.ink_polygon(blade, inks.STEEL)
    teeth = []
    for i in range(14):
        u = 0.02 + i * 0.05
        teeth += [(u, 0.9), (u + 0.025, 1.0)]
    c.ink_polygon(teeth + [(0.72, 0.9)], inks.STEEL)
    c.ink_line([(0.06, 0.86), (0.7, 0.86)], inks.STEEL_DARK, 0.015)
    ink_disc(c, 0.16, 0.62, 0.03, inks.STEEL_DARK)
    c.body_rect(0.66, 0.02, 0.99, 0.98, radius=0.2)                            # handle
    c.body_erase_ellipse(0.75, 0.26, 0.9, 0.74)
    ink_disc(c, 0.7, 0.3, 0.03, inks.STEEL_DARK)
    ink_disc(c, 0.7, 0.7, 0.03, inks.STEEL_DARK)


def draw_paintbrush(c: Canvas, state: str) -> None:
    """A flat brush seen from its wide side, bristles to the left."""
    c.body_polygon([(0.44, 0.3), (0.62, 0.36), (0.96, 0.42), (0.96, 0.58), (0.62, 0.64), (0.44, 0.7)])  # handle
    body_disc(c, 0.96, 0.5, 0.08)
    c.ink_polygon([(0.33, 0.1), (0.06, 0.0), (0.02, 0.08), (0.02, 0.92), (0.06, 1.0), (0.33, 0.9)], inks.BRISTLE)
    if state == "dipped":
        c.ink_polygon([(0.14, 0.03), (0.06, 0.0), (0.02, 0.08), (0.02, 0.92), (0.06, 1.0), (0.14, 0.97),
                       (0.18, 0.8), (0.13, 0.62), (0.18, 0.42), (0.13, 0.22)], inks.BLUE)
    for v in (0.3, 0.5, 0.7):
        c.ink_line([(0.06, v), (0.3, v)], (175, 135, 80), 0.012)
    c.ink_rect(0.3, 0.06, 0.46, 0.94, fill=inks.STEEL, radius=0.03)           # ferrule
    c.ink_line([(0.38, 0.07), (0.38, 0.93)], inks.STEEL_DARK, 0.015)
    c.ink_ellipse(*disc(c, 0.9, 0.5, 0.03), fill=shade(c.base, 0.6))


KINDS = (
    ObjectKind("hammer", "tool", draw_hammer, 2.2, ("default",), ("brown", "red", "black"), zh="锤子"),
    ObjectKind("wrench", "tool", draw_wrench, 2.6, ("default",), ("grey",), plural="wrenches", zh="扳手"),
    ObjectKind("screwdriver", "tool", draw_screwdriver, 3.0, ("default",), ("red", "yellow", "blue"), zh="螺丝刀"),
    ObjectKind("saw", "tool", draw_saw, 2.4, ("default",), ("brown", "red", "orange"), zh="锯子"),
    ObjectKind("paintbrush", "tool", draw_paintbrush, 3.0, ("clean", "dipped"), ("brown", "red", "yellow"),
               plural="paintbrushes", zh="画笔"),
)
