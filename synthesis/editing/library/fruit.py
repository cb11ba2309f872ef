"""Fruit: the body is the skin (or the flesh, for a watermelon slice); stems, leaves,
seeds and cut faces are ink."""

from __future__ import annotations

from synthesis.editing.library import inks
from synthesis.editing.library.base import Canvas, ObjectKind
from synthesis.editing.library.pen import arc, body_disc, cubic, disc, ink_disc, ink_stroke, leaf, mirror
from synthesis.editing.palette import shade


def _stem_and_leaf(c: Canvas, top: float, u: float = 0.5) -> None:
    ink_stroke(c, [(u, top + 0.12), (u + 0.01, top + 0.05), (u + 0.05, top)], inks.STEM, 0.05)
    c.ink_polygon(leaf((u + 0.04, top + 0.08), (u + 0.3, top + 0.02), 0.07), inks.LEAF)


def _highlight(c: Canvas, u: float, v: float, r: float) -> None:
    ink_disc(c, u, v, r, shade(c.base, 1.4))


def _bite(c: Canvas, cu: float, cv: float, r: float) -> None:
    """A bite out of the body's edge: two overlapping round cuts."""
    c.body_erase_ellipse(*disc(c, cu, cv - r * 0.7, r))
    c.body_erase_ellipse(*disc(c, cu, cv + r * 0.7, r))


def _citrus_section(c: Canvas, u0: float, v0: float, u1: float, v1: float) -> None:
    """The cut face of a citrus fruit: pale pith and eight segments."""
    cu, cv, ru, rv = (u0 + u1) / 2, (v0 + v1) / 2, (u1 - u0) / 2, (v1 - v0) / 2
    c.ink_ellipse(u0, v0, u1, v1, fill=shade(c.base, 1.7))
    for i in range(8):
        wedge = [(cu, cv)] + arc(cu, cv, ru * 0.86, rv * 0.86, i * 45 + 5, i * 45 + 40, 6)
        c.ink_polygon(wedge, shade(c.base, 1.15))
    c.ink_ellipse(cu - ru * 0.1, cv - rv * 0.1, cu + ru * 0.1, cv + rv * 0.1, fill=shade(c.base, 1.7))


def draw_apple(c: Canvas, state: str) -> None:
    c.body_ellipse(0.04, 0.16, 0.6, 0.97)
    c.body_ellipse(0.4, 0.16, 0.96, 0.97)
    c.body_ellipse(0.14, 0.3, 0.86, 1.0)
    if state == "bitten":
        _bite(c, 1.0, 0.56, 0.17)
    _stem_and_leaf(c, 0.04, 0.47)
    if state == "halved":
        c.ink_ellipse(0.12, 0.3, 0.88, 0.92, fill=inks.CREAM)
        for u in (0.44, 0.56):
            c.ink_polygon(leaf((u, 0.54), (u, 0.7), 0.025), inks.SEED)
    else:
        _highlight(c, 0.24, 0.42, 0.07)


def draw_orange(c: Canvas, state: str) -> None:
    c.body_ellipse(0.03, 0.07, 0.97, 1.0)
    if state == "halved":
        _citrus_section(c, 0.09, 0.13, 0.91, 0.94)
        return
    c.ink_rect(0.47, 0.05, 0.53, 0.12, fill=inks.STEM, radius=0.02)
    c.ink_polygon(leaf((0.52, 0.08), (0.8, 0.01), 0.07), inks.LEAF)
    for u, v in ((0.3, 0.3), (0.66, 0.35), (0.45, 0.55), (0.75, 0.62), (0.28, 0.7), (0.55, 0.82)):
        ink_disc(c, u, v, 0.012, shade(c.base, 0.82))
    _highlight(c, 0.26, 0.38, 0.06)


def draw_banana(c: Canvas, state: str) -> None:
    outer = cubic((0.04, 0.3), (0.2, 1.25), (0.72, 1.25), (0.95, 0.12))
    inner = cubic((0.95, 0.12), (0.72, 0.66), (0.28, 0.72), (0.04, 0.3))
    c.body_polygon(outer + inner[1:])
    ridge = cubic((0.08, 0.38), (0.26, 0.98), (0.7, 0.98), (0.93, 0.16))
    c.ink_line(ridge[2:-2], shade(c.base, 0.85), 0.02)
    ink_stroke(c, [(0.91, 0.17), (0.96, 0.04)], (120, 110, 50), 0.07)
    ink_disc(c, 0.05, 0.31, 0.035, inks.SEED)
    if state == "spotted":
        for u, v, r in ((0.2, 0.62, 0.03), (0.34, 0.8, 0.025), (0.48, 0.74, 0.035), (0.62, 0.82, 0.025),
                        (0.72, 0.6, 0.03), (0.83, 0.5, 0.022), (0.4, 0.6, 0.02)):
            ink_disc(c, u, v, r, (110, 75, 35))


def draw_pear(c: Canvas, state: str) -> None:
    body_disc(c, 0.5, 0.68, 0.32)
    body_disc(c, 0.5, 0.36, 0.19)
    c.body_polygon([(0.27, 0.38), (0.73, 0.38), (0.88, 0.62), (0.12, 0.62)])
    if state == "bitten":
        _bite(c, 0.98, 0.62, 0.15)
    _stem_and_leaf(c, 0.03)
    _highlight(c, 0.3, 0.62, 0.05)


def draw_lemon(c: Canvas, state: str) -> None:
    c.body_ellipse(0.07, 0.06, 0.93, 1.0)
    if state == "halved":
        _citrus_section(c, 0.13, 0.12, 0.87, 0.94)
        return
    c.body_polygon([(0.0, 0.53), (0.1, 0.38), (0.1, 0.68)])
    c.body_polygon([(1.0, 0.53), (0.9, 0.38), (0.9, 0.68)])
    for u, v in ((0.3, 0.32), (0.6, 0.28), (0.45, 0.55), (0.72, 0.7), (0.3, 0.74)):
        ink_disc(c, u, v, 0.012, shade(c.base, 0.85))
    _highlight(c, 0.28, 0.36, 0.06)


def draw_cherry(c: Canvas, state: str) -> None:
    body_disc(c, 0.29, 0.73, 0.26)
    body_disc(c, 0.7, 0.74, 0.26)
    stem = (85, 110, 40)
    ink_stroke(c, cubic((0.31, 0.5), (0.34, 0.32), (0.45, 0.14), (0.6, 0.05)), stem, 0.035)
    ink_stroke(c, cubic((0.69, 0.5), (0.68, 0.34), (0.64, 0.18), (0.6, 0.05)), stem, 0.035)
    c.ink_polygon(leaf((0.61, 0.06), (0.92, 0.14), 0.07), inks.LEAF)
    _highlight(c, 0.2, 0.66, 0.045)
    _highlight(c, 0.61, 0.67, 0.045)


def draw_strawberry(c: Canvas, state: str) -> None:
    right = cubic((0.96, 0.36), (0.96, 0.7), (0.66, 0.94), (0.5, 1.0))
    top = arc(0.5, 0.38, 0.46, 0.26, 180, 360)
    c.body_polygon(top + right + mirror(right))
    for u, v in ((0.3, 0.36), (0.5, 0.33), (0.7, 0.36), (0.2, 0.5), (0.4, 0.5), (0.6, 0.5), (0.8, 0.5),
                 (0.3, 0.64), (0.5, 0.66), (0.7, 0.64), (0.42, 0.8), (0.58, 0.8)):
        c.ink_polygon(leaf((u, v - 0.025), (u, v + 0.025), 0.012), (250, 230, 140))
    for tip in ((0.14, 0.22), (0.3, 0.3), (0.5, 0.3), (0.7, 0.3), (0.86, 0.22)):
        c.ink_polygon(leaf((0.5, 0.17), tip, 0.06), inks.LEAF)
    ink_stroke(c, [(0.5, 0.18), (0.52, 0.03)], inks.LEAF_DARK, 0.05)


def draw_grapes(c: Canvas, state: str) -> None:
    rows = ((0.3, (0.2, 0.4, 0.6, 0.8)), (0.5, (0.3, 0.5, 0.7)), (0.7, (0.4, 0.6)), (0.88, (0.5,)))
    for v, us in rows:
        for u in us:
            body_disc(c, u, v, 0.12)
    ink_stroke(c, [(0.5, 0.2), (0.5, 0.1), (0.54, 0.04)], inks.STEM, 0.045)
    c.ink_polygon(leaf((0.52, 0.1), (0.86, 0.04), 0.08), inks.LEAF)
    for v, us in rows:
        for u in us:
            c.ink_ellipse(*disc(c, u, v, 0.12), outline=shade(c.base, 0.7), width=0.015)
            _highlight(c, u - 0.05, v - 0.04, 0.025)


def draw_watermelon_slice(c: Canvas, state: str) -> None:
    cu, cv, ru, rv = 0.5, 0.03, 0.48, 0.96
    c.body_polygon(arc(cu, cv, ru, rv, 0, 180, 40))
    if state == "bitten":
        c.body_erase_ellipse(*disc(c, 0.42, 0.03, 0.16))
        c.body_erase_ellipse(*disc(c, 0.58, 0.03, 0.14))
    rind = arc(cu, cv, ru, rv, 0, 180, 40) + arc(cu, cv, ru * 0.9, rv * 0.88, 180, 0, 40)
    c.ink_polygon(rind, (50, 140, 60))
    pith = arc(cu, cv, ru * 0.9, rv * 0.88, 0, 180, 40) + arc(cu, cv, ru * 0.86, rv * 0.82, 180, 0, 40)
    c.ink_polygon(pith, (225, 240, 200))
    for u, v in ((0.22, 0.3), (0.36, 0.48), (0.5, 0.6), (0.64, 0.48), (0.78, 0.3), (0.5, 0.3)):
        c.ink_polygon(leaf((u, v), (u, v + 0.07), 0.014), inks.DARK)


KINDS = (
    ObjectKind("apple", "fruit", draw_apple, 1.0, ("whole", "bitten", "halved"), ("red", "green", "yellow"),
               zh="苹果"),
    ObjectKind("orange", "fruit", draw_orange, 1.0, ("whole", "halved"), ("orange",), zh="橙子"),
    ObjectKind("banana", "fruit", draw_banana, 1.6, ("ripe", "spotted"), ("yellow", "lime"), zh="香蕉"),
    ObjectKind("pear", "fruit", draw_pear, 0.8, ("whole", "bitten"), ("lime", "green", "yellow"), zh="梨"),
    ObjectKind("lemon", "fruit", draw_lemon, 1.35, ("whole", "halved"), ("yellow",), zh="柠檬"),
    ObjectKind("cherry", "fruit", draw_cherry, 1.0, ("default",), ("red",), plural="cherries", zh="樱桃"),
    ObjectKind("strawberry", "fruit", draw_strawberry, 0.85, ("default",), ("red",), plural="strawberries",
               zh="草莓"),
    ObjectKind("grapes", "fruit", draw_grapes, 0.8, ("default",), ("purple", "green"),
               plural="bunches of grapes", zh="葡萄"),
    ObjectKind("watermelon_slice", "fruit", draw_watermelon_slice, 1.9, ("whole", "bitten"), ("red", "pink"),
               zh="西瓜片"),
)
