"""geometry.triangle_centres: a triangle with rational vertices, one or two of its centres
constructed (circumcircle, incircle, altitudes, medians), sides and angles labelled."""

from __future__ import annotations

import numpy as np

from synthesis.science.geometry import numbers, wording
from synthesis.science.geometry.canvas import bounds_of
from synthesis.science.geometry.construct import (CENTRE_LETTER, CENTRES, RADIUS_NAME, VERTEX_NAMES,
                                                  TriangleSolution, solve_triangle)
from synthesis.science.geometry.base import GeometryTemplate
from synthesis.science.geometry.sampling import sample_triangle
from synthesis.science.geometry.scene import Scene, render_scene
from synthesis.science.geometry.style import pick_colors, pick_frame
from synthesis.science.geometry.triangle_figure import (TriangleView, solution_bounds, triangle_objects,
                                                        triangle_scene)
from synthesis.science.template import RenderContext, ScienceItem


EN = (
    "Draw triangle ABC with {vertices}; construct {centres}, and label the side lengths and the angles.",
    "For the triangle with vertices {vertices}, construct {centres}. Mark each side's length and each angle in degrees.",
    "Sketch △ABC ({vertices}) and construct {centres}; annotate side lengths and interior angles.",
)
ZH = (
    "画出三角形 ABC（{vertices}），作出{centres}，并标注各边长和各角的度数。",
    "已知三角形顶点 {vertices}，作出{centres}，标出三边长与三个内角。",
)


def triangle_answer(sol: TriangleSolution) -> dict:
    """Values a reader can check on the figure: sides, angles and each constructed centre."""
    answer = {
        "vertices": {n: [numbers.num(x), numbers.num(y)] for n, (x, y) in zip(VERTEX_NAMES, sol.vertices)},
        "sides": {k: numbers.num(v) for k, v in sol.sides.items()},
        "sides_exact": {k: str(v) for k, v in sol.sides.items()},
        "angles_deg": {n: numbers.degrees(sol.angles[n]) for n in VERTEX_NAMES},
    }
    for kind, con in sol.constructions.items():
        answer[kind] = [numbers.num(c) for c in con.centre]
        if con.exact:
            answer[f"{kind}_exact"] = [str(c) for c in con.centre]
        if con.radius is not None:
            answer[RADIUS_NAME[kind]] = numbers.num(con.radius)
            if con.exact:
                answer[f"{RADIUS_NAME[kind]}_exact"] = str(con.radius)
    return answer


def centre_steps(sol: TriangleSolution, kind: str) -> str:
    """How the centre is found, with its values (the standard textbook route)."""
    con = sol.constructions[kind]
    (xa, ya), (xb, yb), (xc, yc) = sol.vertices
    value = wording.centre_value_text(sol, kind)
    if kind == "circumcentre":
        return ("The circumcentre is equidistant from A, B and C: the perpendicular bisectors of AB and AC, "
                f"2(B − A)·O = |B|² − |A|² and 2(C − A)·O = |C|² − |A|², meet at {value} (R = |OA|).")
    if kind == "incentre":
        a, b, c = (numbers.length_plain(sol.sides[k]) for k in "abc")
        s = sum(sol.sides.values()) / 2
        return (f"The incentre is the side-weighted average I = (a·A + b·B + c·C)/(a + b + c) with a = {a}, "
                f"b = {b}, c = {c}; the inradius is r = Area/s = {numbers.plain(sol.area)}/{numbers.decimal(s)}; "
                f"so {value}.")
    if kind == "orthocentre":
        where = "outside" if any(numbers.degrees(a) > 90 for a in sol.angles.values()) else "on or inside"
        return ("The orthocentre lies on the altitudes from A and B: (H − A)·(C − B) = 0 and (H − B)·(C − A) = 0 "
                f"give {value}, {where} the triangle.")
    return (f"The centroid is the vertex average G = (({xa} + {xb} + {xc})/3, ({ya} + {yb} + {yc})/3), "
            f"so {value}; it cuts each median 2 : 1.").replace("+ -", "− ")


def side_and_angle_steps(sol: TriangleSolution) -> list[str]:
    a, b, c = (sol.sides[k] for k in "abc")
    cosines = {"A": (b**2 + c**2 - a**2) / (2 * b * c), "B": (c**2 + a**2 - b**2) / (2 * c * a),
               "C": (a**2 + b**2 - c**2) / (2 * a * b)}
    return [
        f"Side lengths by the distance formula: {wording.sides_text(sol)}.",
        "Angles by the law of cosines: " + "; ".join(
            f"cos {n} = {numbers.decimal(cosines[n], 4)} so ∠{n} = {numbers.degrees_text(sol.angles[n])}"
            for n in VERTEX_NAMES) + " (they sum to 180°).",
    ]


class TriangleCentresTemplate(GeometryTemplate):
    name = "geometry.triangle_centres"
    task = "t2i"

    def _attempt(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        count = 1 if rng.random() < 0.55 else 2
        picked = sorted(rng.choice(len(CENTRES), size=count, replace=False).tolist())
        kinds = [CENTRES[i] for i in picked]
        halves = bool(rng.random() < 0.2)
        vertices = sample_triangle(rng, span=6, halves=halves)
        sol = solve_triangle(vertices, kinds)
        colors, names = pick_colors(rng, ctx, ["angles", *kinds, "fill"])
        frame = pick_frame(rng, ctx)
        side_style = "exact" if rng.random() < 0.6 else "decimal"
        view = TriangleView(colors, frame["fill"], frame["grid"], side_style, angles=True)
        points, circles = solution_bounds(sol)

        def build(canvas):
            shapes, labels = triangle_scene(canvas, sol, view, ctx.theme.ink)
            return Scene(shapes, labels, triangle_objects(canvas, sol))

        drawing, scene, _ = render_scene(ctx, bounds_of(points, circles), frame["grid"], build)
        render = {"colors": colors, "fill": frame["fill"], "grid": frame["grid"], "side_labels": side_style}
        return ScienceItem(
            *self._instructions(rng, sol, kinds, names, ctx),
            cot=self._cot(sol, kinds, names, ctx),
            answer=triangle_answer(sol),
            problem={"vertices": {n: [numbers.json_number(x), numbers.json_number(y)]
                                  for n, (x, y) in zip(VERTEX_NAMES, vertices)},
                     "centres": kinds},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if kinds == ["centroid"] else "medium" if count == 1 else "hard",
            labels={"texts": drawing.texts, "objects": scene.objects},
            render=render,
        )

    @staticmethod
    def _instructions(rng, sol: TriangleSolution, kinds: list[str], names: dict, ctx) -> tuple[str, str, str]:
        vertices = wording.vertices_text(sol)
        centres_en = wording.join([wording.CENTRE_EN[k] for k in kinds])
        centres_zh = "、".join(wording.CENTRE_ZH[k] for k in kinds)
        abstract = EN[int(rng.integers(len(EN)))].format(vertices=vertices, centres=centres_en)
        zh = ZH[int(rng.integers(len(ZH)))].format(vertices=vertices, centres=centres_zh)
        explicit = (
            f"Draw triangle ABC with vertices {vertices} in {wording.ink_name(ctx)} on an equal-aspect canvas, "
            f"each vertex labelled with its coordinates. Label the sides {wording.sides_text(sol)} beside their "
            f"midpoints and mark the angles {wording.angles_text(sol)} with {names['angles']} arcs. "
            + " ".join(f"In {names[k]}, draw {wording.CENTRE_EN[k]} and mark {wording.centre_value_text(sol, k)}."
                       for k in kinds)
        )
        return abstract, explicit, zh

    @staticmethod
    def _cot(sol: TriangleSolution, kinds: list[str], names: dict, ctx) -> str:
        steps = side_and_angle_steps(sol) + [centre_steps(sol, k) for k in kinds]
        draw = (f"Draw the triangle in {wording.ink_name(ctx)} with vertex labels, write the side lengths beside "
                f"the sides and the angles inside the corners ({names['angles']}), then "
                + wording.join([f"{wording.CENTRE_EN[k]} in {names[k]}" for k in kinds])
                + f", labelling {', '.join(CENTRE_LETTER[k] for k in kinds)} with coordinates.")
        steps.append(draw)
        return " ".join(f"{i}. {s}" for i, s in enumerate(steps, 1))

