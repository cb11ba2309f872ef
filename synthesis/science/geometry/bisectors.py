"""geometry.bisectors: the three angle bisectors (meeting at the incentre) or the three
perpendicular bisectors (meeting at the circumcentre) of a triangle, feet labelled."""

from __future__ import annotations

import math

import numpy as np

from synthesis.science.geometry import numbers, wording
from synthesis.science.geometry.canvas import (Canvas, Dot, Pen, RightMark, Segment, Shape, bounds_of, direction_deg,
                                               unit)
from synthesis.science.geometry.construct import TriangleSolution, solve_triangle
from synthesis.science.geometry.base import GeometryTemplate
from synthesis.science.geometry.labels import LabelRequest, around
from synthesis.science.geometry.sampling import sample_triangle
from synthesis.science.geometry.scene import Scene, render_scene
from synthesis.science.geometry.style import pick_colors, pick_frame
from synthesis.science.geometry.triangle_figure import angle_marks, centroid_of, floats, triangle_shapes, vertex_labels
from synthesis.science.template import RenderContext, ScienceItem

FEET = ("D", "E", "F")  # on BC, CA, AB: opposite A, B, C
MODES = {"angle": ("incentre", "I"), "perpendicular": ("circumcentre", "O")}
EXTEND = 0.12  # perpendicular bisectors run this fraction of the triangle's size past their ends

EN = {
    "angle": (
        "Draw the three angle bisectors of triangle {vertices} and label where they meet and where each meets "
        "the opposite side.",
        "In triangle ABC with {vertices}, construct the angle bisectors from A, B and C to D on BC, E on CA and "
        "F on AB; mark their common point.",
    ),
    "perpendicular": (
        "Draw the perpendicular bisectors of the sides of triangle {vertices}; label their feet and their intersection.",
        "For triangle ABC ({vertices}) construct the perpendicular bisector of each side through its midpoint "
        "(D on BC, E on CA, F on AB) and mark where they meet.",
    ),
}
ZH = {
    "angle": "画出三角形 ABC（{vertices}）的三条角平分线，标出它们与对边的交点 D、E、F 以及三线的交点。",
    "perpendicular": "画出三角形 ABC（{vertices}）三边的垂直平分线，标出垂足（中点）D、E、F 及三线的交点。",
}


def _perpendicular_lines(canvas: Canvas, verts, feet, centre, pen: Pen, color: str) -> list[Shape]:
    """Each perpendicular bisector from just outside its side through the meeting point and
    a little beyond; a right-angle mark at the midpoint and equal-length ticks on each half."""
    size = max(math.dist(verts[i], verts[j]) for i in range(3) for j in range(i))
    shapes: list[Shape] = []
    mark = 9.0 * canvas.scale
    for i, m in enumerate(feet):
        q, r = verts[(i + 1) % 3], verts[(i + 2) % 3]
        tx, ty = unit(q, r)
        nx, ny = -ty, tx  # inward normal of a counter-clockwise triangle
        to_centre = (centre[0] - m[0]) * nx + (centre[1] - m[1]) * ny
        lo, hi = min(0.0, to_centre) - EXTEND * size, max(0.0, to_centre) + EXTEND * size
        shapes.append(Segment((m[0] + lo * nx, m[1] + lo * ny), (m[0] + hi * nx, m[1] + hi * ny), pen))
        shapes.append(RightMark(m, (nx, ny), (tx, ty), mark, Pen(color, 0.8)))
        tick = canvas.data_len(5.0 * canvas.scale)
        for f in (0.25, 0.75):
            px, py = q[0] + f * (r[0] - q[0]), q[1] + f * (r[1] - q[1])
            shapes.append(Segment((px - tick * nx, py - tick * ny), (px + tick * nx, py + tick * ny), Pen(color, 0.9)))
    return shapes


def _extent(verts, feet, centre, mode: str) -> list:
    """Points the figure must show (perpendicular bisectors reach past their ends)."""
    points = list(verts) + list(feet) + [centre]
    if mode == "perpendicular":
        size = max(math.dist(verts[i], verts[j]) for i in range(3) for j in range(i))
        for i, m in enumerate(feet):
            q, r = verts[(i + 1) % 3], verts[(i + 2) % 3]
            tx, ty = unit(q, r)
            nx, ny = -ty, tx
            to_centre = (centre[0] - m[0]) * nx + (centre[1] - m[1]) * ny
            for s in (min(0.0, to_centre) - EXTEND * size, max(0.0, to_centre) + EXTEND * size):
                points.append((m[0] + s * nx, m[1] + s * ny))
    return points


class BisectorsTemplate(GeometryTemplate):
    name = "geometry.bisectors"
    task = "t2i"

    def _attempt(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        mode = "angle" if rng.random() < 0.5 else "perpendicular"
        kind, letter = MODES[mode]
        vertices = sample_triangle(rng, span=6, halves=bool(rng.random() < 0.2))
        sol = solve_triangle(vertices, [kind], incentre_feet="bisector")
        con = sol.constructions[kind]
        colors, names = pick_colors(rng, ctx, ["lines", "angles", "fill"])
        frame = pick_frame(rng, ctx)
        verts = [floats(v) for v in sol.vertices]
        feet = [floats(f) for f in con.feet]
        centre = floats(con.centre)

        def build(canvas: Canvas) -> Scene:
            pen = Pen(colors["lines"], 0.95, "--")
            shapes = triangle_shapes(verts, ctx.theme.ink, colors["fill"] if frame["fill"] else None)
            if mode == "angle":
                shapes += [Segment(v, f, pen) for v, f in zip(verts, feet)]
                arcs, _ = angle_marks(canvas, verts, [numbers.degrees(sol.angles[n]) for n in "ABC"],
                                      colors["angles"], None)
                shapes += arcs
            else:
                shapes += _perpendicular_lines(canvas, verts, feet, centre, pen, colors["lines"])
            shapes += [Dot(f, colors["lines"], 0.8) for f in feet] + [Dot(centre, colors["lines"], 1.1, zorder=6)]
            labels = vertex_labels(verts, with_coords=sol.vertices)
            g = centroid_of(verts)
            away = direction_deg(g, centre) if math.dist(g, centre) > 1e-6 else -60.0
            labels.append(LabelRequest("centre", f"{letter}{numbers.point(con.centre)}", centre, around(away), 6.0,
                                       colors["lines"]))
            for i, (name, f) in enumerate(zip(FEET, feet)):
                q, r = verts[(i + 1) % 3], verts[(i + 2) % 3]
                outward = direction_deg(q, r) - 90.0
                labels.append(LabelRequest(f"foot:{name}", f"{name}{numbers.point(con.feet[i])}", f,
                                           around(outward, 157.5), 6.0, colors["lines"]))
            objects = [{"label": n, "kind": "vertex", "point": canvas.image_px(v)} for n, v in zip("ABC", verts)]
            objects += [{"label": n, "kind": "foot", "point": canvas.image_px(f)} for n, f in zip(FEET, feet)]
            objects.append({"label": letter, "kind": kind, "point": canvas.image_px(centre)})
            return Scene(shapes, labels, objects)

        drawing, scene, _ = render_scene(ctx, bounds_of(_extent(verts, feet, centre, mode)), frame["grid"], build)
        answer = {
            "mode": mode,
            "intersection": [numbers.num(c) for c in con.centre],
            "feet": {n: [numbers.num(c) for c in f] for n, f in zip(FEET, con.feet)},
        }
        if con.exact:
            answer["intersection_exact"] = [str(c) for c in con.centre]
            answer["feet_exact"] = {n: [str(c) for c in f] for n, f in zip(FEET, con.feet)}
        return ScienceItem(
            *self._instructions(rng, sol, mode, letter, names, ctx),
            cot=self._cot(sol, mode, letter, names),
            answer=answer,
            problem={"vertices": {n: [numbers.json_number(x), numbers.json_number(y)]
                                  for n, (x, y) in zip("ABC", vertices)},
                     "mode": mode},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="medium" if mode == "perpendicular" else "hard",
            labels={"texts": drawing.texts, "objects": scene.objects},
            render={"colors": colors, "fill": frame["fill"], "grid": frame["grid"]},
        )

    @staticmethod
    def _feet_text(sol: TriangleSolution, kind: str) -> str:
        con = sol.constructions[kind]
        return ", ".join(f"{n} = {numbers.point(f)}" for n, f in zip(FEET, con.feet))

    def _instructions(self, rng, sol, mode, letter, names, ctx) -> tuple[str, str, str]:
        kind = MODES[mode][0]
        vertices = wording.vertices_text(sol)
        abstract = EN[mode][int(rng.integers(len(EN[mode])))].format(vertices=vertices)
        zh = ZH[mode].format(vertices=vertices)
        what = "angle bisectors AD, BE, CF" if mode == "angle" else "perpendicular bisectors of BC, CA, AB"
        explicit = (
            f"Draw triangle ABC with {vertices} in {wording.ink_name(ctx)}, vertices labelled with coordinates. "
            f"Draw the {what} as dashed {names['lines']} lines, with feet {self._feet_text(sol, kind)} on the sides, "
            f"and mark their common point {letter} = {numbers.point(sol.constructions[kind].centre)}."
            + (" Mark each angle with an arc." if mode == "angle" else
               " Put a right-angle mark at each midpoint and equal-length ticks on each half side.")
        )
        return abstract, explicit, zh

    def _cot(self, sol: TriangleSolution, mode: str, letter: str, names: dict) -> str:
        kind = MODES[mode][0]
        con = sol.constructions[kind]
        steps = [f"Side lengths: {wording.sides_text(sol)}."]
        if mode == "angle":
            steps += [
                "By the angle-bisector theorem the bisector from A divides BC in the ratio AB : AC, so "
                "D = (b·B + c·C)/(b + c), E = (c·C + a·A)/(c + a), F = (a·A + b·B)/(a + b): "
                f"{self._feet_text(sol, kind)}.",
                f"The bisectors meet at the incentre {letter} = (a·A + b·B + c·C)/(a + b + c) = {numbers.point(con.centre)}, "
                f"equidistant from the three sides (r ≈ {numbers.decimal(con.radius)}).",
            ]
        else:
            steps += [
                f"The perpendicular bisectors pass through the midpoints: {self._feet_text(sol, kind)}.",
                "Each is the locus of points equidistant from the two ends of its side; the bisectors of AB and AC, "
                f"2(B − A)·X = |B|² − |A|² and 2(C − A)·X = |C|² − |A|², meet at {letter} = {numbers.point(con.centre)}, "
                f"the circumcentre (R = {numbers.length_words(con.radius)}).",
            ]
        steps.append(f"Draw the triangle, the three dashed {names['lines']} lines, dots at D, E, F and {letter}, and "
                     "label each point with its coordinates.")
        return " ".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
