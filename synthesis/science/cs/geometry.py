"""Plane geometry in image pixels (x right, y down) for laying out node–link diagrams.

Edges are polylines (a straight edge has two points, a curved one is sampled), text
boxes are [left, top, right, bottom]. Everything here is plain arithmetic so the
layout checks are cheap enough to run on every candidate layout.
"""

from __future__ import annotations

import math

Point = tuple[float, float]
Box = list[float]  # [left, top, right, bottom]


def point_segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def point_polyline_distance(p: Point, line: list[Point]) -> float:
    return min(point_segment_distance(p, a, b) for a, b in zip(line, line[1:]))


def box_around(center: Point, width: float, height: float) -> Box:
    x, y = center
    return [x - width / 2, y - height / 2, x + width / 2, y + height / 2]


def grow(box: Box, by: float) -> Box:
    return [box[0] - by, box[1] - by, box[2] + by, box[3] + by]


def boxes_overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def box_circle_distance(box: Box, center: Point, radius: float) -> float:
    """Gap between a box and a circle (negative when they intersect)."""
    x, y = center
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy) - radius


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = orient(c, d, a), orient(c, d, b), orient(a, b, c), orient(a, b, d)
    return (d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0)


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    left, top, right, bottom = box
    if left <= a[0] <= right and top <= a[1] <= bottom or left <= b[0] <= right and top <= b[1] <= bottom:
        return True
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    return any(_segments_cross(a, b, corners[i], corners[(i + 1) % 4]) for i in range(4))


def polyline_hits_box(line: list[Point], box: Box) -> bool:
    return any(segment_hits_box(a, b, box) for a, b in zip(line, line[1:]))


def polylines_cross(p: list[Point], q: list[Point]) -> bool:
    return any(_segments_cross(a, b, c, d) for a, b in zip(p, p[1:]) for c, d in zip(q, q[1:]))


def along(line: list[Point], t: float) -> Point:
    """The point at fraction `t` of a polyline's length."""
    lengths = [math.dist(a, b) for a, b in zip(line, line[1:])]
    target = t * sum(lengths)
    for (a, b), length in zip(zip(line, line[1:]), lengths):
        if target <= length and length > 0:
            s = target / length
            return (a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1]))
        target -= length
    return line[-1]


def quadratic_bezier(p0: Point, c: Point, p2: Point, samples: int = 24) -> list[Point]:
    out = []
    for i in range(samples + 1):
        t = i / samples
        u = 1 - t
        out.append((u * u * p0[0] + 2 * u * t * c[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p2[1]))
    return out


def cubic_bezier(p0: Point, c1: Point, c2: Point, p3: Point, samples: int = 24) -> list[Point]:
    out = []
    for i in range(samples + 1):
        t = i / samples
        u = 1 - t
        w = (u ** 3, 3 * u * u * t, 3 * u * t * t, t ** 3)
        out.append((sum(k * p[0] for k, p in zip(w, (p0, c1, c2, p3))),
                    sum(k * p[1] for k, p in zip(w, (p0, c1, c2, p3)))))
    return out
