"""geometry.polygon_angles: a regular or an irregular convex polygon with every interior
angle labelled and their sum written under the figure."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy as sp
from sympy.geometry import Point, Ray, RegularPolygon

from synthesis.science.geometry import numbers
from synthesis.science.geometry.canvas import Canvas, Dot, Fill, Pen, Segment, bounds_of, direction_deg
from synthesis.science.geometry.base import GeometryTemplate
from synthesis.science.geometry.labels import LabelRequest, around
from synthesis.science.geometry.sampling import sample_convex_polygon
from synthesis.science.geometry.scene import Scene, render_scene
from synthesis.science.geometry.style import pick_colors, pick_frame
from synthesis.science.geometry.triangle_figure import angle_marks, centroid_of
from synthesis.science.template import RenderContext, ScienceItem

LETTERS = "ABCDEFGH"
POLYGON_NAMES = {4: "quadrilateral", 5: "pentagon", 6: "hexagon", 7: "heptagon", 8: "octagon"}
POLYGON_ZH = {4: "四边形", 5: "五边形", 6: "六边形", 7: "七边形", 8: "八边形"}
CAPTION_FRAC = 0.08

EN = {
    "regular": (
        "Draw a regular {name} with side length {side} and label each interior angle; state the angle sum.",
        "Sketch a regular {name} of side {side}. Mark all of its interior angles and annotate their total.",
    ),
    "irregular": (
        "Draw the convex {name} {vertices}, label every interior angle and every side, and annotate the angle sum.",
        "Plot the {name} with vertices {vertices}; mark its interior angles in degrees, its side lengths, and the sum of the angles.",
    ),
}
ZH = {
    "regular": "画出边长为 {side} 的正{name_zh}，标出每个内角的度数，并注明内角和。",
    "irregular": "画出凸{name_zh} {vertices}，标出各内角的度数和各边长，并注明内角和。",
}


@dataclass
class PolygonSolution:
    kind: str  # "regular" or "irregular"
    points: list[tuple[float, float]]  # for drawing, counter-clockwise
    vertices: list[tuple[int, int]] | None  # exact vertices (irregular)
    side: int | None  # regular
    angles: list[sp.Expr]  # interior angles, radians, exact
    sides: list[sp.Expr]  # side lengths, exact: side i joins vertex i and i + 1
    perimeter: sp.Expr


def solve_regular(n: int, side: int, rotation_deg: float) -> PolygonSolution:
    """sympy's RegularPolygon with circumradius s / (2 sin(π/n)) (its `length` is s again)."""
    poly = RegularPolygon(Point(0, 0), sp.Integer(side) / (2 * sp.sin(sp.pi / n)), n, 0)
    radius = side / (2 * math.sin(math.pi / n))
    points = [(radius * math.cos(math.radians(rotation_deg) + 2 * math.pi * i / n),
               radius * math.sin(math.radians(rotation_deg) + 2 * math.pi * i / n)) for i in range(n)]
    return PolygonSolution("regular", points, None, side, [poly.interior_angle] * n, [poly.length] * n,
                           n * poly.length)


def solve_irregular(vertices: list[tuple[int, int]]) -> PolygonSolution:
    """Each corner as the angle between the rays to its neighbours (a convex polygon's
    interior angle is never reflex); `Polygon.angles` and `.perimeter` give the same
    values but simplify for a third of a second."""
    pts = [Point(x, y) for x, y in vertices]
    n = len(pts)
    angles = [Ray(pts[i], pts[i - 1]).angle_between(Ray(pts[i], pts[(i + 1) % n])) for i in range(n)]
    sides = [pts[i].distance(pts[(i + 1) % n]) for i in range(n)]
    return PolygonSolution("irregular", [(float(x), float(y)) for x, y in vertices], list(vertices), None,
                           angles, sides, sp.Add(*sides))


def _sum_caption(n: int) -> str:
    return f"Sum of interior angles: ({n} − 2) × 180° = {(n - 2) * 180}°"


class PolygonAnglesTemplate(GeometryTemplate):
    name = "geometry.polygon_angles"
    task = "t2i"

    def _attempt(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        render: dict = {}
        if rng.random() < 0.45:
            n, side = int(rng.integers(5, 9)), int(rng.integers(3, 9))
            choices = (90.0 - 180.0 / n, 90.0, float(rng.uniform(0, 360)))
            render["rotation_deg"] = round(choices[int(rng.integers(3))], 6)
            sol = solve_regular(n, side, render["rotation_deg"])
            problem = {"kind": "regular", "n": n, "side": side}
        else:
            n = int(rng.integers(4, 7))
            sol = solve_irregular(sample_convex_polygon(rng, n))
            problem = {"kind": "irregular", "vertices": [list(v) for v in sol.vertices]}
        colors, names = pick_colors(rng, ctx, ["angles", "sides", "fill"])
        frame = pick_frame(rng, ctx)
        render.update({"colors": colors, "fill": frame["fill"], "grid": frame["grid"]})
        angle_texts = [numbers.degrees_text(a) for a in sol.angles]

        def build(canvas: Canvas) -> Scene:
            pts = sol.points
            shapes = [Fill(tuple(pts), colors["fill"])] if frame["fill"] else []
            shapes += [Segment(pts[i], pts[(i + 1) % n], Pen(ctx.theme.ink, 1.3)) for i in range(n)]
            shapes += [Dot(p, ctx.theme.ink) for p in pts]
            arcs, angle_labels = angle_marks(canvas, pts, [numbers.degrees(a) for a in sol.angles], colors["angles"],
                                             angle_texts)
            shapes += arcs
            g = centroid_of(pts)
            labels = []
            for i, p in enumerate(pts):
                text = LETTERS[i] + (numbers.point(sol.vertices[i]) if sol.vertices else "")
                labels.append(LabelRequest(f"vertex:{LETTERS[i]}", text, p, around(direction_deg(g, p)), 6.0))
            labels += angle_labels
            for i in range(n):
                p, q = pts[i], pts[(i + 1) % n]
                mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
                if sol.kind == "regular":
                    shapes.append(_tick(canvas, p, q, colors["sides"]))
                    if i:
                        continue  # one side carries the value; the ticks say the others are equal
                    text = f"s = {sol.side}"
                else:
                    text = numbers.length_tex(sol.sides[i])
                labels.append(LabelRequest(f"side:{i}", text, mid, around(direction_deg(p, q) - 90.0, 90.0), 5.0,
                                           colors["sides"]))
            objects = [{"label": LETTERS[i], "kind": "vertex", "point": canvas.image_px(p)} for i, p in enumerate(pts)]
            return Scene(shapes, labels, objects, caption=_sum_caption(n))

        drawing, scene, _ = render_scene(ctx, bounds_of(sol.points), frame["grid"], build,
                                         caption_frac=CAPTION_FRAC)
        return ScienceItem(
            *self._instructions(rng, sol, n, names, angle_texts),
            cot=self._cot(sol, n, names, angle_texts),
            answer={
                "n": n,
                "angles_deg": [numbers.degrees(a) for a in sol.angles],
                "angle_sum_deg": numbers.degrees(sum(sol.angles)),
                "perimeter": numbers.num(sol.perimeter),
                "perimeter_exact": str(sol.perimeter),
                "sides": [numbers.num(s) for s in sol.sides],
            },
            problem=problem,
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if sol.kind == "regular" else "medium",
            labels={"texts": drawing.texts, "objects": scene.objects},
            render=render,
        )

    @staticmethod
    def _vertices_text(sol: PolygonSolution) -> str:
        return ", ".join(f"{LETTERS[i]}{numbers.point(v)}" for i, v in enumerate(sol.vertices))

    def _instructions(self, rng, sol: PolygonSolution, n: int, names: dict, angle_texts) -> tuple[str, str, str]:
        values = {"name": POLYGON_NAMES[n], "name_zh": POLYGON_ZH[n], "side": sol.side,
                  "vertices": self._vertices_text(sol) if sol.vertices else ""}
        options = EN[sol.kind]
        abstract = options[int(rng.integers(len(options)))].format(**values)
        zh = ZH[sol.kind].format(**values)
        corners = ", ".join(f"∠{LETTERS[i]} = {t}" for i, t in enumerate(angle_texts))
        if sol.kind == "regular":
            shape = f"a regular {POLYGON_NAMES[n]} {LETTERS[:n]}"
            sides = f"Mark every side with an equal-length tick and label side AB with s = {sol.side}"
        else:
            shape = f"the {POLYGON_NAMES[n]} {self._vertices_text(sol)}"
            sides = "Label the sides " + ", ".join(
                f"{LETTERS[i]}{LETTERS[(i + 1) % n]} = {numbers.length_words(s)}" for i, s in enumerate(sol.sides))
        explicit = (f"Draw {shape} with labelled vertices. Mark each interior angle with a {names['angles']} arc and "
                    f"its value: {corners}. {sides}. Under the figure write '{_sum_caption(n)}'.")
        return abstract, explicit, zh

    def _cot(self, sol: PolygonSolution, n: int, names: dict, angle_texts) -> str:
        total = (n - 2) * 180
        if sol.kind == "regular":
            steps = [
                f"A {POLYGON_NAMES[n]} splits into {n - 2} triangles from one vertex, so its angles sum to "
                f"({n} − 2) × 180° = {total}°.",
                f"All {n} angles of a regular polygon are equal: {total}° / {n} = {angle_texts[0]} each.",
                f"The perimeter is {n} × {sol.side} = {n * sol.side}.",
            ]
        else:
            pairs = "; ".join(f"∠{LETTERS[i]} = {t}" for i, t in enumerate(angle_texts))
            steps = [
                f"Side lengths by the distance formula: " + ", ".join(
                    f"{LETTERS[i]}{LETTERS[(i + 1) % n]} = {numbers.length_words(s)}" for i, s in enumerate(sol.sides))
                + f"; perimeter ≈ {numbers.decimal(sol.perimeter)}.",
                "Each interior angle is the angle between the two edges leaving the vertex, "
                f"cos θ = (u·v)/(|u||v|): {pairs}.",
                f"Check: they add up to ({n} − 2) × 180° = {total}°, as for any convex {POLYGON_NAMES[n]}.",
            ]
        steps.append(f"Draw the polygon, mark the angles with {names['angles']} arcs and values, label the sides "
                     f"in {names['sides']} and write the angle sum under the figure.")
        return " ".join(f"{i}. {s}" for i, s in enumerate(steps, 1))


def _tick(canvas: Canvas, p, q, color: str) -> Segment:
    """A short stroke across the middle of side pq: the equal-length mark."""
    mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
    length = math.dist(p, q)
    nx, ny = -(q[1] - p[1]) / length, (q[0] - p[0]) / length
    half = canvas.data_len(6.0 * canvas.scale)
    return Segment((mid[0] - half * nx, mid[1] - half * ny), (mid[0] + half * nx, mid[1] + half * ny), Pen(color, 1.0))
