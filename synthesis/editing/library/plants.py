"""Plants: the body is the pot, the petals or the trunk (the part whose colour an edit
names); foliage that changes with the state is ink, so seasons are states, not colours."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import body_stroke, disc, ink_disc, ink_stroke, leaf, rotate
from synthesis.editing.palette import shade


def draw_potted_plant(c: Canvas, state: str) -> None:
    c.body_polygon([(0.2, 0.64), (0.8, 0.64), (0.72, 1.0), (0.28, 1.0)])      # pot
    c.body_rect(0.15, 0.56, 0.85, 0.68, radius=0.02)                         # rim
    c.ink_rect(0.15, 0.66, 0.85, 0.69, fill=shade(c.base, 0.7))
    if state == "wilted":
        tips = ((0.04, 0.7), (0.12, 0.4), (0.36, 0.26), (0.64, 0.26), (0.88, 0.4), (0.96, 0.7))
        mids = ((0.14, 0.3), (0.22, 0.16), (0.4, 0.1), (0.6, 0.1), (0.78, 0.16), (0.86, 0.3))
        for i, (tip, mid) in enumerate(zip(tips, mids)):
            color = inks.LEAF_DRY if i % 2 else (185, 160, 80)
            ink_stroke(c, [(0.5, 0.56), mid], color, 0.03)
            c.ink_polygon(leaf(mid, tip, 0.06), color)
        return
    tips = ((0.04, 0.3), (0.18, 0.08), (0.4, 0.0), (0.6, 0.0), (0.82, 0.08), (0.96, 0.3), (0.5, 0.12))
    for i, tip in enumerate(tips):
        c.ink_polygon(leaf((0.5, 0.58), tip, 0.1), inks.LEAF if i % 2 else inks.LEAF_DARK)


def draw_flower(c: Canvas, state: str) -> None:
    """A single flower on a stem; the petals are the body."""
    ink_stroke(c, [(0.5, 0.4), (0.5, 0.975)], inks.LEAF_DARK, 0.045)
    c.ink_polygon(leaf((0.5, 0.8), (0.12, 0.6), 0.08), inks.LEAF)
    c.ink_polygon(leaf((0.5, 0.7), (0.88, 0.52), 0.08), inks.LEAF)
    if state == "bud":
        c.body_polygon(leaf((0.5, 0.46), (0.5, 0.04), 0.24))
        c.ink_line([(0.5, 0.1), (0.5, 0.42)], shade(c.base, 0.75), 0.015)
        for tip in ((0.36, 0.3), (0.64, 0.3)):
            c.ink_polygon(leaf((0.5, 0.46), tip, 0.05), inks.LEAF)
        return
    cu, cv = 0.5, 0.3
    for i in range(6):
        petal = leaf((cu, cv), (cu, cv - 0.28), 0.17)
        c.body_polygon(rotate(c, petal, cu, cv, 30 + 60 * i))
    ink_disc(c, cu, cv, 0.1, inks.YELLOW)
    ink_disc(c, cu, cv, 0.06, (215, 150, 40))


def draw_tree(c: Canvas, state: str) -> None:
    """The trunk and branches are the body; the crown is ink, green, orange or absent by season."""
    c.body_polygon([(0.41, 1.0), (0.59, 1.0), (0.55, 0.5), (0.45, 0.5)])
    for branch in (((0.48, 0.62), (0.3, 0.42), (0.2, 0.22)), ((0.52, 0.56), (0.7, 0.36), (0.8, 0.2)),
                   ((0.5, 0.52), (0.5, 0.06)), ((0.3, 0.42), (0.12, 0.36)), ((0.7, 0.36), (0.9, 0.32)),
                   ((0.5, 0.3), (0.36, 0.14))):
        body_stroke(c, branch, 0.045)
    crown = ((0.5, 0.28, 0.26), (0.26, 0.42, 0.2), (0.74, 0.42, 0.2), (0.34, 0.2, 0.18), (0.66, 0.2, 0.18),
             (0.5, 0.5, 0.16))
    if state == "winter":
        for u, v in ((0.2, 0.21), (0.8, 0.19), (0.12, 0.35), (0.9, 0.31), (0.5, 0.05), (0.36, 0.13)):
            c.ink_ellipse(*disc(c, u, v, 0.03), fill=inks.SNOW)
        c.ink_ellipse(0.1, 0.94, 0.9, 1.0, fill=inks.SNOW)
        return
    autumn = state == "autumn"
    shadow, leaves = (inks.AUTUMN_RED, inks.AUTUMN) if autumn else (inks.LEAF_DARK, inks.LEAF)
    for u, v, r in crown:                      # a darker layer peeking out below gives the crown depth
        c.ink_ellipse(*disc(c, u, v + 0.03, r), fill=shadow)
    for u, v, r in crown:
        c.ink_ellipse(*disc(c, u, v - 0.01, r), fill=leaves)
    if autumn:
        for (u, v), color in (((0.16, 0.78), inks.AUTUMN_RED), ((0.8, 0.86), inks.AUTUMN),
                              ((0.28, 0.96), inks.AUTUMN_YELLOW), ((0.72, 0.72), inks.AUTUMN_RED)):
            c.ink_polygon(leaf((u - 0.04, v), (u + 0.04, v - 0.02), 0.025), color)


def draw_cactus(c: Canvas, state: str) -> None:
    """A saguaro-style cactus (the body) in a terracotta pot (ink)."""
    c.body_rect(0.38, 0.06, 0.62, 0.8, radius=0.12)
    c.body_rect(0.1, 0.24, 0.27, 0.56, radius=0.085)
    c.body_rect(0.16, 0.44, 0.42, 0.56, radius=0.06)
    c.body_rect(0.73, 0.14, 0.9, 0.46, radius=0.085)
    c.body_rect(0.58, 0.36, 0.84, 0.48, radius=0.06)
    rib = shade(c.base, 0.72)
    for u in (0.46, 0.54):
        c.ink_line([(u, 0.14), (u, 0.74)], rib, 0.015)
    for u, v in ((0.42, 0.24), (0.58, 0.36), (0.42, 0.5), (0.58, 0.62), (0.18, 0.34), (0.82, 0.26)):
        ink_stroke(c, [(u - 0.03, v - 0.015), (u + 0.03, v + 0.015)], (250, 250, 220), 0.012)
    c.ink_polygon([(0.24, 0.76), (0.76, 0.76), (0.7, 1.0), (0.3, 1.0)], inks.TERRACOTTA)
    c.ink_rect(0.2, 0.72, 0.8, 0.8, fill=shade(inks.TERRACOTTA, 0.85), radius=0.02)
    if state == "flowering":
        for i in range(5):
            c.ink_polygon(rotate(c, leaf((0.5, 0.1), (0.5, 0.0), 0.06), 0.5, 0.1, 72 * i), inks.PINK)
        ink_disc(c, 0.5, 0.1, 0.03, inks.YELLOW)


KINDS = (
    ObjectKind("potted_plant", "plant", draw_potted_plant, 0.75, ("healthy", "wilted"),
               ("orange", "brown", "white", "blue"), zh="盆栽"),
    ObjectKind("flower", "plant", draw_flower, 0.6, ("bloom", "bud"), ("red", "pink", "yellow", "purple", "white"),
               zh="花"),
    ObjectKind("tree", "plant", draw_tree, 0.8, ("summer", "autumn", "winter"), ("brown",), zh="树"),
    ObjectKind("cactus", "plant", draw_cactus, 0.7, ("plain", "flowering"), ("green", "lime", "teal"),
               plural="cacti", zh="仙人掌"),
)
