"""Drawing helpers the Canvas lacks: circles sized in box heights (round whatever the
kind's aspect), thick strokes with round caps, and curves as point lists. Every kind
draws with a handful of these, so each drawing reads as a short list of parts."""

from __future__ import annotations

import math
from collections.abc import Sequence

from synthesis.editing.library.base import Canvas, Point
from synthesis.editing.palette import RGB


def aspect(c: Canvas) -> float:
    x0, y0, x1, y1 = c.box
    return (x1 - x0) / (y1 - y0)


def disc(c: Canvas, cu: float, cv: float, r: float) -> tuple[float, float, float, float]:
    """The (u0, v0, u1, v1) box of a circle of radius `r` box heights centred at (cu, cv)."""
    ru = r / aspect(c)
    return (cu - ru, cv - r, cu + ru, cv + r)


def body_disc(c: Canvas, cu: float, cv: float, r: float) -> None:
    c.body_ellipse(*disc(c, cu, cv, r))


def ink_disc(c: Canvas, cu: float, cv: float, r: float, fill: RGB | tuple) -> None:
    c.ink_ellipse(*disc(c, cu, cv, r), fill=fill)


def _caps(draw, c: Canvas, points: Sequence[Point], width: float, fill) -> None:
    r = c.w(width) / 2
    for u, v in (points[0], points[-1]):
        x, y = c.xy(u, v)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill)


def body_stroke(c: Canvas, points: Sequence[Point], width: float) -> None:
    """A thick polyline on the body with round ends (tails, frames, branches)."""
    c.body.line(c.pts(points), fill=255, width=c.w(width), joint="curve")
    _caps(c.body, c, points, width, 255)


def ink_stroke(c: Canvas, points: Sequence[Point], fill: RGB | tuple, width: float = 0.03) -> None:
    """c.ink_line with round ends, so short strokes (whiskers, stems) do not look cut off."""
    c.ink_line(points, fill, width)
    _caps(c.ink, c, points, width, fill)


def ink_arc(c: Canvas, box: Sequence[float], start: float, end: float, fill: RGB | tuple,
            width: float = 0.03) -> None:
    """An arc of the ellipse inscribed in `box`; angles in degrees, 0 = +u, 90 = +v (down)."""
    c.ink.arc(c.rect(*box), start, end, fill=fill, width=c.w(width))


def arc(cu: float, cv: float, ru: float, rv: float, a0: float, a1: float, n: int = 24) -> list[Point]:
    """Points along an ellipse from angle a0 to a1 (degrees, 0 = +u, 90 = +v, either direction)."""
    out = []
    for i in range(n + 1):
        a = math.radians(a0 + (a1 - a0) * i / n)
        out.append((cu + ru * math.cos(a), cv + rv * math.sin(a)))
    return out


def quad(p0: Point, p1: Point, p2: Point, n: int = 16) -> list[Point]:
    """Quadratic Bézier from p0 to p2 pulled towards p1."""
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, d = (1 - t) ** 2, 2 * t * (1 - t), t * t
        out.append((a * p0[0] + b * p1[0] + d * p2[0], a * p0[1] + b * p1[1] + d * p2[1]))
    return out


def cubic(p0: Point, p1: Point, p2: Point, p3: Point, n: int = 20) -> list[Point]:
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, d, e = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + d * p2[0] + e * p3[0],
                    a * p0[1] + b * p1[1] + d * p2[1] + e * p3[1]))
    return out


def leaf(base: Point, tip: Point, width: float, n: int = 10) -> list[Point]:
    """A pointed leaf (or petal, ear, flame) from `base` to `tip`, `width` across at its middle."""
    (bu, bv), (tu, tv) = base, tip
    du, dv = tu - bu, tv - bv
    length = math.hypot(du, dv) or 1.0
    nu, nv = -dv / length * width, du / length * width  # the normal, `width` long
    mu, mv = (bu + tu) / 2, (bv + tv) / 2
    side_a = quad(base, (mu + nu, mv + nv), tip, n)
    side_b = quad(tip, (mu - nu, mv - nv), base, n)
    return side_a + side_b[1:]


def mirror(points: Sequence[Point]) -> list[Point]:
    """The left-right mirror image of a path, reversed so that path + mirror(path) closes."""
    return [(1 - u, v) for u, v in reversed(points)]


def regular_polygon(n: int, cu: float, cv: float, ru: float, rv: float, start_deg: float = -90) -> list[Point]:
    return [(cu + ru * math.cos(math.radians(start_deg + 360 * i / n)),
             cv + rv * math.sin(math.radians(start_deg + 360 * i / n))) for i in range(n)]


def inside_disc(c: Canvas, points: Sequence[Point], cu: float, cv: float, r: float) -> list[Point]:
    """The points of a path that lie inside a circle (radius in box heights): clips a stripe
    or seam drawn across a round body to that body."""
    a = aspect(c)
    return [(u, v) for u, v in points if math.hypot((u - cu) * a, v - cv) <= r]


def contrast(color: RGB) -> RGB:
    """A dark ink on light bodies and a light one on dark bodies (whiskers, letters)."""
    luma = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    return (45, 40, 40) if luma > 110 else (235, 235, 230)


def rotate(c: Canvas, points: Sequence[Point], cu: float, cv: float, degrees: float) -> list[Point]:
    """Points turned about (cu, cv) by `degrees` clockwise on screen (a true rotation whatever the aspect)."""
    a, t = aspect(c), math.radians(degrees)
    cos, sin = math.cos(t), math.sin(t)
    out = []
    for u, v in points:
        x, y = (u - cu) * a, v - cv
        out.append((cu + (x * cos - y * sin) / a, cv + x * sin + y * cos))
    return out
