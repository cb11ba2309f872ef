"""Animals in a flat cartoon style, side or front view with a recognisable silhouette.
The body is the fur, feathers, scales or shell; eyes, noses, beaks and feet are ink."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import (
    arc,
    body_disc,
    body_stroke,
    contrast,
    ink_arc,
    ink_disc,
    ink_stroke,
    leaf,
    quad,
)
from synthesis.editing.palette import shade


def _eye(c: Canvas, u: float, v: float, r: float) -> None:
    ink_disc(c, u, v, r, inks.DARK)
    ink_disc(c, u + r * 0.25, v - r * 0.35, r * 0.35, inks.WHITE)


def _zzz(c: Canvas, u: float, v: float, size: float) -> None:
    """A sleeping 'Z' with its top-left corner at (u, v)."""
    ink_stroke(c, [(u, v), (u + size, v), (u, v + size * 1.2), (u + size, v + size * 1.2)], (90, 90, 120), 0.025)


def draw_cat(c: Canvas, state: str) -> None:
    if state == "sleeping":
        _cat_sleeping(c)
        return
    c.body_ellipse(0.14, 0.42, 0.86, 1.0)                      # torso
    body_disc(c, 0.5, 0.31, 0.24)                              # head
    c.body_polygon([(0.22, 0.26), (0.23, 0.0), (0.45, 0.12)])  # ears
    c.body_polygon([(0.78, 0.26), (0.77, 0.0), (0.55, 0.12)])
    body_stroke(c, quad((0.78, 0.95), (1.0, 0.98), (0.93, 0.6)), 0.07)  # tail
    c.ink_polygon([(0.27, 0.2), (0.27, 0.07), (0.38, 0.14)], inks.PINK)
    c.ink_polygon([(0.73, 0.2), (0.73, 0.07), (0.62, 0.14)], inks.PINK)
    c.ink_ellipse(0.34, 0.6, 0.66, 0.92, fill=shade(c.base, 1.35))  # chest
    for u in (0.38, 0.62):
        c.ink_ellipse(u - 0.06, 0.24, u + 0.06, 0.34, fill=(140, 200, 90))
        c.ink_ellipse(u - 0.015, 0.245, u + 0.015, 0.335, fill=inks.DARK)
    c.ink_polygon([(0.46, 0.38), (0.54, 0.38), (0.5, 0.42)], inks.PINK)
    whisker = contrast(c.base)
    for dv in (-0.03, 0.0, 0.03):
        ink_stroke(c, [(0.38, 0.42), (0.14, 0.4 + dv * 1.5)], whisker, 0.012)
        ink_stroke(c, [(0.62, 0.42), (0.86, 0.4 + dv * 1.5)], whisker, 0.012)
    for u in (0.4, 0.6):
        c.ink_ellipse(u - 0.08, 0.9, u + 0.08, 1.0, outline=shade(c.base, 0.65), width=0.015)


def _cat_sleeping(c: Canvas) -> None:
    c.body_ellipse(0.06, 0.5, 0.98, 1.0)                       # curled body
    body_disc(c, 0.28, 0.72, 0.22)                             # head resting on the floor
    c.body_polygon([(0.08, 0.68), (0.07, 0.44), (0.22, 0.53)])
    c.body_polygon([(0.36, 0.52), (0.48, 0.44), (0.48, 0.66)])
    ink_stroke(c, quad((0.96, 0.8), (0.92, 0.99), (0.56, 0.96)), shade(c.base, 0.75), 0.06)  # tail wrapped round
    c.ink_polygon([(0.11, 0.62), (0.1, 0.5), (0.19, 0.56)], inks.PINK)
    for u in (0.2, 0.36):
        ink_arc(c, (u - 0.05, 0.68, u + 0.05, 0.76), 0, 180, inks.DARK, 0.02)
    c.ink_polygon([(0.26, 0.8), (0.3, 0.8), (0.28, 0.83)], inks.PINK)
    _zzz(c, 0.56, 0.2, 0.09)
    _zzz(c, 0.76, 0.04, 0.06)


def draw_dog(c: Canvas, state: str) -> None:
    """Side view, facing right."""
    if state == "sitting":
        c.body_ellipse(0.1, 0.5, 0.56, 1.0)                       # haunch
        c.body_polygon(leaf((0.3, 0.94), (0.72, 0.3), 0.2))        # upright chest and back
        c.body_rect(0.6, 0.5, 0.72, 1.0, radius=0.05)             # front leg
        body_stroke(c, [(0.16, 0.94), (0.04, 0.88)], 0.07)        # tail on the floor
        head_u, head_v = 0.7, 0.24
        c.ink_rect(0.18, 0.9, 0.46, 1.0, fill=shade(c.base, 0.85), radius=0.04)
    else:
        c.body_rect(0.12, 0.38, 0.76, 0.72, radius=0.16)          # torso
        for u in (0.15, 0.3, 0.58, 0.68):
            c.body_rect(u, 0.6, u + 0.09, 1.0, radius=0.04)
        c.body_polygon([(0.6, 0.44), (0.7, 0.22), (0.84, 0.34), (0.76, 0.6)])  # neck
        body_stroke(c, quad((0.15, 0.46), (0.02, 0.4), (0.05, 0.14)), 0.07)  # tail up
        for u in (0.3, 0.68):
            c.ink_rect(u, 0.72, u + 0.09, 1.0, fill=shade(c.base, 0.85), radius=0.04)
        head_u, head_v = 0.76, 0.24
    body_disc(c, head_u, head_v, 0.18)
    c.body_rect(head_u + 0.04, head_v - 0.02, head_u + 0.22, head_v + 0.16, radius=0.07)  # snout
    c.ink_polygon(leaf((head_u - 0.04, head_v - 0.14), (head_u - 0.1, head_v + 0.18), 0.07), shade(c.base, 0.65))
    _eye(c, head_u + 0.06, head_v - 0.04, 0.03)
    ink_disc(c, head_u + 0.2, head_v + 0.01, 0.035, inks.DARK)
    ink_stroke(c, [(head_u + 0.12, head_v + 0.12), (head_u + 0.19, head_v + 0.11)], inks.DARK, 0.015)
    c.ink_polygon([(head_u - 0.1, head_v + 0.16), (head_u + 0.02, head_v + 0.14), (head_u + 0.04, head_v + 0.2),
                   (head_u - 0.09, head_v + 0.23)], inks.RED)  # collar


def draw_fish(c: Canvas, state: str) -> None:
    """Side view, facing left."""
    c.body_ellipse(0.02, 0.16, 0.78, 0.84)
    c.body_polygon([(0.68, 0.5), (0.98, 0.12), (0.9, 0.5), (0.98, 0.88)])   # tail
    c.body_polygon([(0.24, 0.24), (0.42, 0.0), (0.6, 0.22)])                # dorsal fin
    c.body_polygon([(0.36, 0.78), (0.46, 1.0), (0.54, 0.78)])               # belly fin
    fin = shade(c.base, 0.72)
    for v in (0.3, 0.5, 0.7):
        ink_stroke(c, [(0.86, 0.5), (0.96, v)], fin, 0.02)
    ink_arc(c, (0.14, 0.3, 0.36, 0.7), 300, 60, fin, 0.025)                # gill
    c.ink_polygon(leaf((0.44, 0.5), (0.56, 0.62), 0.04), fin)              # side fin
    ink_disc(c, 0.17, 0.42, 0.08, inks.WHITE)
    ink_disc(c, 0.15, 0.42, 0.045, inks.DARK)
    ink_stroke(c, [(0.03, 0.56), (0.08, 0.58)], inks.DARK, 0.02)


def draw_bird(c: Canvas, state: str) -> None:
    """A small songbird, side view, facing right."""
    c.body_ellipse(0.14, 0.36, 0.78, 0.84)
    body_disc(c, 0.7, 0.3, 0.2)
    c.body_polygon([(0.24, 0.5), (0.0, 0.42), (0.02, 0.58), (0.26, 0.72)])  # tail
    if state == "flying":
        c.body_polygon(leaf((0.52, 0.5), (0.2, 0.02), 0.12))                # raised wing
    c.ink_ellipse(0.36, 0.56, 0.72, 0.82, fill=shade(c.base, 1.4))          # belly
    if state != "flying":
        c.ink_polygon(leaf((0.62, 0.5), (0.2, 0.66), 0.1), shade(c.base, 0.72))  # folded wing
        for u in (0.42, 0.54):
            ink_stroke(c, [(u, 0.82), (u, 0.97)], inks.BEAK, 0.03)
            ink_stroke(c, [(u - 0.05, 0.97), (u + 0.05, 0.97)], inks.BEAK, 0.03)
    c.ink_polygon([(0.86, 0.25), (1.0, 0.32), (0.86, 0.38)], inks.BEAK)
    _eye(c, 0.76, 0.26, 0.035)


def draw_rabbit(c: Canvas, state: str) -> None:
    """Sitting, side view, facing right."""
    c.body_ellipse(0.04, 0.4, 0.76, 1.0)                       # haunch and back
    body_disc(c, 0.7, 0.42, 0.2)                               # head
    c.body_polygon(leaf((0.6, 0.3), (0.44, 0.0), 0.09))        # ears
    c.body_polygon(leaf((0.7, 0.28), (0.76, 0.0), 0.09))
    c.body_ellipse(0.62, 0.88, 0.9, 1.0)                       # front paw
    c.ink_polygon(leaf((0.61, 0.26), (0.48, 0.05), 0.04), inks.PINK)
    c.ink_polygon(leaf((0.71, 0.25), (0.75, 0.05), 0.04), inks.PINK)
    ink_arc(c, (0.08, 0.56, 0.52, 1.06), 200, 300, shade(c.base, 0.7), 0.02)  # haunch line
    ink_disc(c, 0.1, 0.7, 0.08, inks.WHITE)                   # tail
    _eye(c, 0.76, 0.38, 0.035)
    ink_disc(c, 0.92, 0.46, 0.025, inks.PINK)
    for dv in (-0.03, 0.02):
        ink_stroke(c, [(0.88, 0.5), (0.99, 0.5 + dv)], contrast(c.base), 0.01)


def draw_duck(c: Canvas, state: str) -> None:
    """Side view, facing right."""
    c.body_ellipse(0.02, 0.44, 0.86, 0.94)
    c.body_polygon([(0.06, 0.62), (0.0, 0.38), (0.22, 0.5)])   # tail tip
    body_disc(c, 0.66, 0.26, 0.2)
    c.body_polygon([(0.52, 0.34), (0.8, 0.34), (0.8, 0.62), (0.5, 0.62)])  # neck
    c.ink_polygon([(0.8, 0.24), (1.0, 0.3), (0.98, 0.36), (0.8, 0.38)], inks.BEAK)
    _eye(c, 0.7, 0.22, 0.035)
    c.ink_polygon(leaf((0.62, 0.6), (0.18, 0.6), 0.12), shade(c.base, 0.8))  # wing
    if state == "swimming":
        water = arc(0.12, 0.8, 0.12, 0.04, 180, 0, 8) + arc(0.36, 0.8, 0.12, 0.04, 180, 0, 8)[1:] \
            + arc(0.6, 0.8, 0.12, 0.04, 180, 0, 8)[1:] + arc(0.84, 0.8, 0.12, 0.04, 180, 0, 8)[1:]
        c.ink_polygon([(0.0, 1.0)] + [(max(0.0, min(1.0, u)), v) for u, v in water] + [(1.0, 1.0)], inks.WATER)
    else:
        for u in (0.3, 0.5):
            c.ink_polygon([(u, 0.9), (u + 0.04, 0.9), (u + 0.16, 1.0), (u - 0.02, 1.0)], inks.BEAK)


def draw_turtle(c: Canvas, state: str) -> None:
    """Side view, facing right; hiding = head, legs and tail pulled into the shell."""
    dv = 0.16 if state == "hiding" else 0.0
    c.body_polygon(arc(0.47, 0.78 + dv, 0.4, 0.7, 180, 360, 32))
    c.body_rect(0.04, 0.72 + dv, 0.9, 0.84 + dv, radius=0.06)
    if state != "hiding":
        c.ink_rect(0.14, 0.8, 0.28, 1.0, fill=inks.SKIN, radius=0.05)
        c.ink_rect(0.62, 0.8, 0.76, 1.0, fill=inks.SKIN, radius=0.05)
        c.ink_polygon([(0.06, 0.74), (0.0, 0.8), (0.08, 0.82)], inks.SKIN)
        c.ink_rect(0.84, 0.56, 0.94, 0.74, fill=inks.SKIN, radius=0.04)
        ink_disc(c, 0.91, 0.54, 0.14, inks.SKIN)
        _eye(c, 0.93, 0.5, 0.03)
    line = shade(c.base, 0.7)
    hexagon = [(0.38, 0.24 + dv), (0.56, 0.24 + dv), (0.64, 0.46 + dv), (0.56, 0.7 + dv), (0.38, 0.7 + dv),
               (0.3, 0.46 + dv)]
    c.ink_line(hexagon + hexagon[:1], line, 0.025)
    for (u0, v0), (u1, v1) in (((0.38, 0.24), (0.3, 0.12)), ((0.56, 0.24), (0.64, 0.12)),
                               ((0.3, 0.46), (0.1, 0.5)), ((0.64, 0.46), (0.84, 0.5)),
                               ((0.38, 0.7), (0.34, 0.78)), ((0.56, 0.7), (0.6, 0.78))):
        c.ink_line([(u0, v0 + dv), (u1, v1 + dv)], line, 0.025)
    c.ink_line([(0.06, 0.74 + dv), (0.88, 0.74 + dv)], line, 0.02)


KINDS = (
    ObjectKind("cat", "animal", draw_cat, 0.8, ("sitting", "sleeping"), ("orange", "grey", "black", "white"),
               zh="猫"),
    ObjectKind("dog", "animal", draw_dog, 1.25, ("standing", "sitting"), ("brown", "beige", "white", "black"),
               zh="狗"),
    ObjectKind("fish", "animal", draw_fish, 1.6, ("default",), ("orange", "yellow", "blue", "red", "teal"),
               plural="fish", zh="鱼"),
    ObjectKind("bird", "animal", draw_bird, 1.1, ("perched", "flying"), ("blue", "red", "yellow", "brown"),
               zh="鸟"),
    ObjectKind("rabbit", "animal", draw_rabbit, 0.85, ("default",), ("white", "grey", "brown", "beige"),
               zh="兔子"),
    ObjectKind("duck", "animal", draw_duck, 1.1, ("standing", "swimming"), ("yellow", "white", "brown"),
               zh="鸭子"),
    ObjectKind("turtle", "animal", draw_turtle, 1.7, ("walking", "hiding"), ("green", "brown", "teal"),
               zh="乌龟"),
)
