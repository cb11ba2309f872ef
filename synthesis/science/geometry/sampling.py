"""Random problems with small rational coordinates that draw well: no sliver triangles,
no nearly flat polygon corners, no tangent point crammed against the circle."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

MAX_TRIES = 200


def _angles_deg(points: list[tuple[float, float]]) -> list[float]:
    out = []
    n = len(points)
    for i in range(n):
        (px, py), (x, y), (qx, qy) = points[i - 1], points[i], points[(i + 1) % n]
        u, v = (px - x, py - y), (qx - x, qy - y)
        cos = (u[0] * v[0] + u[1] * v[1]) / (math.hypot(*u) * math.hypot(*v))
        out.append(math.degrees(math.acos(max(-1.0, min(1.0, cos)))))
    return out


def signed_area(points) -> float:
    n = len(points)
    return 0.5 * sum(points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1] for i in range(n))


def triangle_ok(points, min_angle: float = 28.0, max_angle: float = 112.0, min_side: float = 3.0) -> bool:
    if abs(signed_area(points)) < 1e-9:
        return False
    sides = [math.dist(points[i], points[(i + 1) % 3]) for i in range(3)]
    return min(sides) >= min_side and all(min_angle <= a <= max_angle for a in _angles_deg(points))


def sample_triangle(rng: np.random.Generator, span: int = 6, halves: bool = False,
                    **limits) -> list[tuple[sp.Rational, sp.Rational]]:
    """Counter-clockwise A, B, C with integer coordinates in [-span, span] (or multiples of
    1/2 when `halves`, which keeps the drawn size but makes coordinates rational)."""
    unit = sp.Rational(1, 2) if halves else sp.Integer(1)
    reach = 2 * span if halves else span
    for _ in range(MAX_TRIES):
        raw = rng.integers(-reach, reach + 1, size=(3, 2))
        pts = [(sp.Integer(int(x)) * unit, sp.Integer(int(y)) * unit) for x, y in raw]
        floats = [(float(x), float(y)) for x, y in pts]
        if triangle_ok(floats, **limits):
            if signed_area(floats) < 0:
                pts[1], pts[2] = pts[2], pts[1]
            return pts
    raise RuntimeError("no acceptable triangle found")


def sample_convex_polygon(rng: np.random.Generator, n: int, radius: int = 6) -> list[tuple[int, int]]:
    """A strictly convex counter-clockwise n-gon with integer vertices near a circle,
    corners between 40° and 165°, edges at least 2.5 long."""
    for _ in range(MAX_TRIES):
        gaps = rng.uniform(0.6, 1.4, n)
        angles = np.cumsum(gaps / gaps.sum() * 2 * math.pi) + rng.uniform(0, 2 * math.pi)
        radii = radius * rng.uniform(0.8, 1.1, n)
        pts = [(int(round(r * math.cos(a))), int(round(r * math.sin(a)))) for r, a in zip(radii, angles)]
        if len(set(pts)) < n or signed_area(pts) <= 0:
            continue
        convex = all(
            (pts[(i + 1) % n][0] - pts[i][0]) * (pts[(i + 2) % n][1] - pts[(i + 1) % n][1])
            - (pts[(i + 1) % n][1] - pts[i][1]) * (pts[(i + 2) % n][0] - pts[(i + 1) % n][0]) > 0
            for i in range(n)
        )
        if not convex:
            continue
        corners = _angles_deg(pts)
        edges = [math.dist(pts[i], pts[(i + 1) % n]) for i in range(n)]
        if all(40.0 <= a <= 165.0 for a in corners) and min(edges) >= 2.5:
            return pts
    raise RuntimeError("no acceptable polygon found")
