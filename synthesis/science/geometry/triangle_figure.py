"""Shapes and labels of a triangle and its centre constructions, as data.

Builders return shapes (canvas.py) and label requests; a template draws the shapes,
then places the labels in order (earlier requests get the better places). Everything
is in floats: exact values are only needed for the text of the labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from synthesis.science.geometry import numbers
from synthesis.science.geometry.canvas import (AngleArc, Canvas, CircleShape, Dot, Fill, Pen, Point, RightMark,
                                               Segment, Shape, direction_deg, unit)
from synthesis.science.geometry.construct import CENTRE_LETTER, VERTEX_NAMES, Construction, TriangleSolution
from synthesis.science.geometry.labels import LabelRequest, around


def floats(xy) -> Point:
    return float(xy[0]), float(xy[1])


def centroid_of(points: list[Point]) -> Point:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


# ---- the triangle itself --------------------------------------------------------------
def triangle_shapes(verts: list[Point], ink: str, fill: str | None) -> list[Shape]:
    """Each side is its own line, so that an edit moving C leaves AB's pixels untouched."""
    shapes: list[Shape] = []
    if fill:
        shapes.append(Fill(tuple(verts), fill))
    shapes += [Segment(verts[i], verts[(i + 1) % 3], Pen(ink, 1.3)) for i in range(3)]
    shapes += [Dot(v, ink) for v in verts]
    return shapes


def vertex_labels(verts: list[Point], names=VERTEX_NAMES, with_coords: list | None = None) -> list[LabelRequest]:
    """"A(1, 2)" outside the triangle, away from its centroid."""
    g = centroid_of(verts)
    out = []
    for i, (v, name) in enumerate(zip(verts, names)):
        text = name if with_coords is None else f"{name}{numbers.point(with_coords[i])}"
        out.append(LabelRequest(f"vertex:{name}", text, v, around(direction_deg(g, v)), 6.0))
    return out


def side_labels(verts: list[Point], texts: dict[str, str], color: str | None = None) -> list[LabelRequest]:
    """Side lengths beside the midpoints, on the outside (vertices counter-clockwise)."""
    out = []
    for name, (i, j) in zip(("a", "b", "c"), ((1, 2), (2, 0), (0, 1))):
        if name not in texts:
            continue
        p, q = verts[i], verts[j]
        mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
        outward = direction_deg(p, q) - 90.0
        out.append(LabelRequest(f"side:{name}", texts[name], mid, around(outward, 90.0), 5.0, color))
    return out


def angle_marks(canvas: Canvas, verts: list[Point], angles_deg: list[float], color: str,
                texts: list[str] | None) -> tuple[list[Shape], list[LabelRequest]]:
    """An arc (or a right-angle square) at each corner, the value along the bisector."""
    shapes: list[Shape] = []
    labels: list[LabelRequest] = []
    n = len(verts)
    for i, v in enumerate(verts):
        nxt, prv = verts[(i + 1) % n], verts[i - 1]
        start, end = direction_deg(v, nxt), direction_deg(v, prv)
        if end < start:
            end += 360.0
        shortest = min(math.dist(v, nxt), math.dist(v, prv)) / canvas.units_per_px
        radius = min(20.0 * canvas.scale, 0.3 * shortest)
        if abs(angles_deg[i] - 90.0) < 1e-9:
            shapes.append(RightMark(v, unit(v, nxt), unit(v, prv), 0.75 * radius, Pen(color, 0.9)))
        else:
            shapes.append(AngleArc(v, start, end, radius, Pen(color, 0.9)))
        if texts is not None:
            bisector = (start + end) / 2
            labels.append(LabelRequest(f"angle:{VERTEX_NAMES[i] if n == 3 else i}", texts[i], v,
                                       around(bisector, 30.0, 15.0), radius / canvas.scale + 3.0, color, steps=8))
    return shapes, labels


# ---- centre constructions ---------------------------------------------------------------
def construction_shapes(canvas: Canvas, verts: list[Point], con: Construction, color: str,
                        radius_text: str | None) -> tuple[list[Shape], list[LabelRequest]]:
    centre = floats(con.centre)
    feet = [floats(f) for f in con.feet]
    thin = Pen(color, 0.85, "--")
    mark = 9.0 * canvas.scale
    shapes: list[Shape] = []
    labels: list[LabelRequest] = []
    if con.kind == "circumcentre":
        shapes += [CircleShape(centre, float(con.radius), Pen(color, 1.1)), Segment(centre, verts[0], thin)]
        if radius_text:
            labels.append(_along(f"radius:{con.kind}", radius_text, centre, verts[0], color))
    elif con.kind == "incentre":
        shapes.append(CircleShape(centre, float(con.radius), Pen(color, 1.1)))
        foot, (q, r) = feet[0], (verts[1], verts[2])
        if math.dist(centre, foot) > 1e-9:
            along = unit(foot, _farther(foot, q, r))
            shapes += [Segment(centre, foot, thin), RightMark(foot, unit(foot, centre), along, mark, Pen(color, 0.8))]
        if radius_text:
            labels.append(_along(f"radius:{con.kind}", radius_text, centre, foot, color))
    elif con.kind == "orthocentre":
        for i, v in enumerate(verts):
            foot, q, r = feet[i], verts[(i + 1) % 3], verts[(i + 2) % 3]
            shapes.append(Segment(v, foot, thin))
            shapes.append(RightMark(foot, unit(foot, v), unit(foot, _farther(foot, q, r)), mark, Pen(color, 0.8)))
            shapes += _extensions(v, foot, centre, q, r, color)
    elif con.kind == "centroid":
        for i, v in enumerate(verts):
            shapes += [Segment(v, feet[i], thin), Dot(feet[i], color, 0.65)]
    shapes.append(Dot(centre, color, 1.1, zorder=6))
    return shapes, labels


def centre_label(con: Construction, color: str, verts: list[Point]) -> LabelRequest:
    centre = floats(con.centre)
    g = centroid_of(verts)
    away = direction_deg(g, centre) if math.dist(g, centre) > 1e-6 else -45.0
    letter = CENTRE_LETTER[con.kind]
    return LabelRequest(f"centre:{con.kind}", f"{letter}{numbers.point(con.centre)}", centre, around(away), 6.0, color)


def _along(key: str, text: str, p: Point, q: Point, color: str) -> LabelRequest:
    """A label beside the middle of segment pq."""
    mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
    normal = direction_deg(p, q) + 90.0
    dirs = around(normal, 60.0, 30.0) + around(normal + 180.0, 60.0, 30.0)
    return LabelRequest(key, text, mid, dirs, 4.0, color)


def _farther(foot: Point, q: Point, r: Point) -> Point:
    return q if math.dist(foot, q) >= math.dist(foot, r) else r


def _extensions(v: Point, foot: Point, h: Point, q: Point, r: Point, color: str) -> list[Shape]:
    """Dotted lines an obtuse triangle needs: the altitude beyond its foot or vertex up to
    H, and the opposite side's line out to a foot that falls outside the side."""
    dotted = Pen(color, 0.8, ":")
    out: list[Shape] = []
    length2 = (foot[0] - v[0]) ** 2 + (foot[1] - v[1]) ** 2
    t = ((h[0] - v[0]) * (foot[0] - v[0]) + (h[1] - v[1]) * (foot[1] - v[1])) / length2
    if t > 1 + 1e-9:
        out.append(Segment(foot, h, dotted))
    elif t < -1e-9:
        out.append(Segment(v, h, dotted))
    side2 = (r[0] - q[0]) ** 2 + (r[1] - q[1]) ** 2
    s = ((foot[0] - q[0]) * (r[0] - q[0]) + (foot[1] - q[1]) * (r[1] - q[1])) / side2
    if s < -1e-9:
        out.append(Segment(q, foot, dotted))
    elif s > 1 + 1e-9:
        out.append(Segment(r, foot, dotted))
    return out


def solution_bounds(sol: TriangleSolution) -> tuple[list[Point], list[tuple[Point, float]]]:
    """Points and circles a figure of `sol` must show."""
    points = [floats(v) for v in sol.vertices]
    circles = []
    for con in sol.constructions.values():
        points.append(floats(con.centre))
        points += [floats(f) for f in con.feet]
        if con.kind in ("circumcentre", "incentre"):
            circles.append((floats(con.centre), float(con.radius)))
    return points, circles


# ---- the whole figure -----------------------------------------------------------------
@dataclass(frozen=True)
class TriangleView:
    """What to show of a solved triangle, and how."""

    colors: dict  # role -> hex: "angles", and one per centre kind
    fill: bool
    grid: bool
    sides: str | None  # "exact", "decimal" or None (no side labels)
    angles: bool  # arcs and values at the corners
    coordinates: bool = True  # "A(1, 2)" rather than "A"


def side_texts(sol: TriangleSolution, style: str) -> dict[str, str]:
    if style == "exact":
        return {k: numbers.length_tex(v) for k, v in sol.sides.items()}
    return {k: numbers.decimal(v) for k, v in sol.sides.items()}


def radius_text(con: Construction) -> str | None:
    if con.radius is None:
        return None
    symbol = "R" if con.kind == "circumcentre" else "r"
    if con.exact and numbers.is_simple_radical(con.radius):
        return f"{symbol} = {numbers.length_tex(con.radius)}"
    return f"{symbol} ≈ {numbers.decimal(con.radius)}"


def triangle_scene(canvas: Canvas, sol: TriangleSolution, view: TriangleView, ink: str
                   ) -> tuple[list[Shape], list[LabelRequest]]:
    """Shapes in drawing order and label requests in placing order."""
    verts = [floats(v) for v in sol.vertices]
    shapes = triangle_shapes(verts, ink, view.colors.get("fill") if view.fill else None)
    labels = vertex_labels(verts, with_coords=sol.vertices if view.coordinates else None)
    if view.sides:
        labels += side_labels(verts, side_texts(sol, view.sides))
    centre_labels, extra = [], []
    for kind, con in sol.constructions.items():
        s, extra_labels = construction_shapes(canvas, verts, con, view.colors[kind], radius_text(con))
        shapes += s
        centre_labels.append(centre_label(con, view.colors[kind], verts))
        extra += extra_labels
    if view.angles:
        degrees = [float(numbers.degrees(sol.angles[n])) for n in VERTEX_NAMES]
        texts = [numbers.degrees_text(sol.angles[n]) for n in VERTEX_NAMES]
        s, angle_labels = angle_marks(canvas, verts, degrees, view.colors["angles"], texts)
        shapes += s
    else:
        angle_labels = []
    return shapes, labels[:3] + centre_labels + labels[3:] + angle_labels + extra


def triangle_objects(canvas: Canvas, sol: TriangleSolution) -> list[dict]:
    """Pixel positions of the vertices and centres (and radii in px), for labels["objects"]."""
    out = [{"label": n, "kind": "vertex", "data": [numbers.num(x), numbers.num(y)],
            "point": canvas.image_px(floats((x, y)))} for n, (x, y) in zip(VERTEX_NAMES, sol.vertices)]
    for kind, con in sol.constructions.items():
        obj = {"label": CENTRE_LETTER[kind], "kind": kind, "data": [numbers.num(c) for c in con.centre],
               "point": canvas.image_px(floats(con.centre))}
        if con.radius is not None:
            obj["radius_px"] = round(float(con.radius) / canvas.units_per_px, 2)
        out.append(obj)
    return out
