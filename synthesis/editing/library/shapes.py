"""Geometric shapes for pattern puzzles: exact, centred and left-right symmetric.

Every shape has aspect 1: it is computed from its geometry (a regular polygon, the
regular pentagram, the parametric heart), scaled without distortion until its longer
side spans the unit box, and centred in it. So a shape stays exact in any square box —
puzzle tiles draw them in square cells and turn them about the cell's centre.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from synthesis.editing.library.base import Canvas, ObjectKind, Point


def _fit(points: Sequence[Point]) -> list[Point]:
    """Points scaled uniformly so the longer side of their bounding box is 1, centred in the unit square."""
    us, vs = [p[0] for p in points], [p[1] for p in points]
    side = max(max(us) - min(us), max(vs) - min(vs))
    cu, cv = (max(us) + min(us)) / 2, (max(vs) + min(vs)) / 2
    return [(0.5 + (u - cu) / side, 0.5 + (v - cv) / side) for u, v in points]


def _polar(n: int, radii: Sequence[float], start_deg: float = -90) -> list[Point]:
    """Vertices at equal angles, cycling through `radii` (a star alternates two)."""
    step = 360 / n
    return [(radii[i % len(radii)] * math.cos(math.radians(start_deg + step * i)),
             radii[i % len(radii)] * math.sin(math.radians(start_deg + step * i))) for i in range(n)]


def _heart(n: int = 120) -> list[Point]:
    """The classic parametric heart, point down (v grows downward)."""
    out = []
    for i in range(n):
        t = 2 * math.pi * i / n
        out.append((16 * math.sin(t) ** 3,
                    -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t))))
    return out


PENTAGRAM_INNER = math.sin(math.radians(18)) / math.sin(math.radians(54))  # inner / outer radius of {5/2}

TRIANGLE = _fit(_polar(3, [1.0]))                       # equilateral, point up
STAR = _fit(_polar(10, [1.0, PENTAGRAM_INNER]))         # the regular five-pointed star, point up
HEXAGON = _fit(_polar(6, [1.0], 0))                     # regular, flat top and bottom: it stands on a side
PENTAGON = _fit(_polar(5, [1.0]))                       # regular, point up
HEART = _fit(_heart())
DIAMOND = _fit([(0.0, -0.5), (0.4, 0.0), (0.0, 0.5), (-0.4, 0.0)])  # a rhombus 4 wide to 5 high
CROSS = [(1 / 3, 0.0), (2 / 3, 0.0), (2 / 3, 1 / 3), (1.0, 1 / 3), (1.0, 2 / 3), (2 / 3, 2 / 3), (2 / 3, 1.0),
         (1 / 3, 1.0), (1 / 3, 2 / 3), (0.0, 2 / 3), (0.0, 1 / 3), (1 / 3, 1 / 3)]


def draw_circle(c: Canvas, state: str) -> None:
    c.body_ellipse(0.0, 0.0, 1.0, 1.0)


def draw_square(c: Canvas, state: str) -> None:
    c.body_rect(0.0, 0.0, 1.0, 1.0)


def _polygon(points: list[Point]):
    def draw(c: Canvas, state: str) -> None:
        c.body_polygon(points)
    return draw


draw_triangle = _polygon(TRIANGLE)
draw_star = _polygon(STAR)
draw_heart = _polygon(HEART)
draw_hexagon = _polygon(HEXAGON)
draw_diamond = _polygon(DIAMOND)
draw_pentagon = _polygon(PENTAGON)
draw_cross = _polygon(CROSS)

KINDS = (
    ObjectKind("circle", "shape", draw_circle, zh="圆形"),
    ObjectKind("square", "shape", draw_square, zh="正方形"),
    ObjectKind("triangle", "shape", draw_triangle, zh="三角形"),
    ObjectKind("star", "shape", draw_star, zh="星形"),
    ObjectKind("heart", "shape", draw_heart, zh="心形"),
    ObjectKind("hexagon", "shape", draw_hexagon, zh="六边形"),
    ObjectKind("diamond", "shape", draw_diamond, zh="菱形"),
    ObjectKind("pentagon", "shape", draw_pentagon, zh="五边形"),
    ObjectKind("cross", "shape", draw_cross, plural="crosses", zh="十字形"),
)
