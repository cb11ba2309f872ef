"""geometry.circle_tangent: a circle, an external point P, both tangents from P with
their touch points and the tangent length."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy as sp
from sympy.geometry import Circle, Line, Point

from synthesis.science.geometry import numbers, wording
from synthesis.science.geometry.canvas import (Canvas, CircleShape, Dot, Pen, RightMark, Segment, bounds_of,
                                               direction_deg, unit)
from synthesis.science.geometry.base import GeometryTemplate
from synthesis.science.geometry.labels import LabelRequest, around
from synthesis.science.geometry.scene import Scene, render_scene
from synthesis.science.geometry.style import pick_colors, pick_frame
from synthesis.science.template import RenderContext, ScienceItem

OVERSHOOT = 0.3  # tangent lines run this fraction of PT past the touch point
TOUCH = ("T₁", "T₂")

EN = (
    "Draw the circle with centre O{o} and radius {r}, and the two tangent lines to it from P{p}; label the points "
    "of tangency and the tangent length.",
    "From the point P{p} outside the circle {equation}, draw both tangents and mark where they touch the circle "
    "and how long they are.",
    "Construct the tangents from P{p} to the circle centred at O{o} with radius {r}. Label T₁, T₂ and PT.",
)
ZH = (
    "画出圆心为 O{o}、半径为 {r} 的圆，以及过圆外一点 P{p} 的两条切线，标出切点和切线长。",
    "过点 P{p} 作圆 {equation} 的两条切线，标出切点 T₁、T₂ 及切线长 PT。",
)


@dataclass
class TangentSolution:
    centre: tuple[int, int]
    radius: int
    point: tuple[int, int]
    touch: list[tuple[sp.Expr, sp.Expr]]  # T₁, T₂ sorted by (x, y)
    length: sp.Expr  # |PT|, exact
    distance: sp.Expr  # |OP|, exact
    angle: sp.Expr  # angle T₁PT₂ in radians


def solve_tangents(centre, radius, point) -> TangentSolution:
    """sympy.geometry: the touch points are where the circle meets the circle on diameter
    OP (Thales: the angle OTP is right), |PT| from T's coordinates, the angle at P
    between the lines PT₁ and PT₂. (`Circle.tangent_lines` plus projections gives the
    same points ten times slower.)"""
    o, p = Point(*centre), Point(*point)
    circle = Circle(o, radius)
    touch = circle.intersection(Circle(o.midpoint(p), o.distance(p) / 2))
    if len(touch) != 2:
        raise ValueError(f"{point} is not outside the circle")
    touch.sort(key=lambda t: (round(float(t.x), 9), round(float(t.y), 9)))
    length = sp.sqrt(sp.expand(p.distance(touch[0]) ** 2))
    angle = Line(p, touch[0]).angle_between(Line(p, touch[1]))
    return TangentSolution(tuple(centre), radius, tuple(point), [(t.x, t.y) for t in touch], length,
                           p.distance(o), angle)


def sample_problem(rng: np.random.Generator) -> tuple[tuple[int, int], int, tuple[int, int]]:
    """Centre, radius and an outside point 1.6 to 3 radii away; a whole tangent length
    (a Pythagorean triple) about half the time."""
    r = int(rng.integers(2, 5))
    centre = (int(rng.integers(-3, 4)), int(rng.integers(-3, 4)))
    offsets = [(dx, dy) for dx in range(-3 * r, 3 * r + 1) for dy in range(-3 * r, 3 * r + 1)
               if (1.6 * r) ** 2 <= dx * dx + dy * dy <= (3 * r) ** 2]
    if rng.random() < 0.5:
        whole = [o for o in offsets if math.isqrt(o[0] ** 2 + o[1] ** 2 - r * r) ** 2 == o[0] ** 2 + o[1] ** 2 - r * r]
        offsets = whole or offsets
    dx, dy = offsets[int(rng.integers(len(offsets)))]
    return centre, r, (centre[0] + dx, centre[1] + dy)


def _beyond(p, t, f: float):
    return t[0] + f * (t[0] - p[0]), t[1] + f * (t[1] - p[1])


class CircleTangentTemplate(GeometryTemplate):
    name = "geometry.circle_tangent"
    task = "t2i"

    def _attempt(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        centre, r, point = sample_problem(rng)
        sol = solve_tangents(centre, r, point)
        colors, names = pick_colors(rng, ctx, ["tangents", "radii", "circle"])
        frame = pick_frame(rng, ctx)
        o, p = (float(centre[0]), float(centre[1])), (float(point[0]), float(point[1]))
        ts = [(float(x), float(y)) for x, y in sol.touch]
        ends = [_beyond(p, t, OVERSHOOT) for t in ts]

        def build(canvas: Canvas) -> Scene:
            radii = Pen(colors["radii"], 0.9, "--")
            shapes = [CircleShape(o, r, Pen(colors["circle"], 1.3)), Segment(o, p, Pen(ctx.theme.ink, 0.7, ":"))]
            shapes += [Segment(p, e, Pen(colors["tangents"], 1.2)) for e in ends]
            shapes += [Segment(o, t, radii) for t in ts]
            shapes += [RightMark(t, unit(t, o), unit(t, p), 9.0 * canvas.scale, Pen(colors["radii"], 0.8)) for t in ts]
            shapes += [Dot(o, ctx.theme.ink), Dot(p, ctx.theme.ink, 1.1)] + [Dot(t, colors["tangents"]) for t in ts]
            labels = [
                LabelRequest("P", f"P{numbers.point(point)}", p, around(direction_deg(o, p)), 6.0),
                LabelRequest("O", f"O{numbers.point(centre)}", o, around(direction_deg(p, o)), 6.0),
            ]
            for name, t in zip(TOUCH, ts):
                labels.append(LabelRequest(name, f"{name}{numbers.point(sol.touch[TOUCH.index(name)])}", t,
                                           around(direction_deg(o, t)), 6.0, colors["tangents"]))
            labels.append(_beside("length", f"PT = {numbers.length_tex(sol.length)}", p, ts[0], o, colors["tangents"]))
            labels.append(_beside("radius", f"r = {r}", o, ts[1], p, colors["radii"]))
            objects = [{"label": "O", "kind": "centre", "point": canvas.image_px(o),
                        "radius_px": round(r / canvas.units_per_px, 2)},
                       {"label": "P", "kind": "point", "point": canvas.image_px(p)}]
            objects += [{"label": n, "kind": "tangent point", "point": canvas.image_px(t)} for n, t in zip(TOUCH, ts)]
            return Scene(shapes, labels, objects)

        bounds = bounds_of([p, *ends], [(o, r)])
        drawing, scene, _ = render_scene(ctx, bounds, frame["grid"], build)
        return ScienceItem(
            *self._instructions(rng, sol, names),
            cot=self._cot(sol, names),
            answer={
                "tangent_points": [[numbers.num(c) for c in t] for t in sol.touch],
                "tangent_points_exact": [[str(c) for c in t] for t in sol.touch],
                "tangent_length": numbers.num(sol.length),
                "tangent_length_exact": str(sol.length),
                "distance_OP": numbers.num(sol.distance),
                "angle_at_P_deg": numbers.degrees(sol.angle),
            },
            problem={"centre": list(centre), "radius": r, "point": list(point)},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="medium" if sol.length.is_Rational else "hard",
            labels={"texts": drawing.texts, "objects": scene.objects},
            render={"colors": colors, "grid": frame["grid"]},
        )

    @staticmethod
    def _instructions(rng, sol: TangentSolution, names: dict) -> tuple[str, str, str]:
        (h, k), r = sol.centre, sol.radius
        values = {"o": numbers.point(sol.centre), "p": numbers.point(sol.point), "r": r,
                  "equation": wording.circle_equation(h, k, r)}
        abstract = EN[int(rng.integers(len(EN)))].format(**values)
        zh = ZH[int(rng.integers(len(ZH)))].format(**values)
        t1, t2 = (numbers.point(t) for t in sol.touch)
        explicit = (
            f"Draw a {names['circle']} circle centred at O{values['o']} with radius {r}, and the point "
            f"P{values['p']} outside it. Draw the two {names['tangents']} tangent lines from P touching the circle at "
            f"T₁{t1} and T₂{t2}, the {names['radii']} dashed radii OT₁ and OT₂ with right-angle marks, and a dotted "
            f"segment OP. Label PT = {numbers.length_words(sol.length)} and r = {r}."
        )
        return abstract, explicit, zh

    @staticmethod
    def _cot(sol: TangentSolution, names: dict) -> str:
        (h, k), r, (px, py) = sol.centre, sol.radius, sol.point
        d2 = (px - h) ** 2 + (py - k) ** 2
        steps = [
            f"|OP|² = ({px} − {h})² + ({py} − {k})² = {d2}, so |OP| = {numbers.length_words(sol.distance)} > r = {r}: "
            "P is outside the circle and has two tangents.",
            f"The radius to a touch point is perpendicular to the tangent, so OTP is right-angled at T and "
            f"|PT|² = |OP|² − r² = {d2} − {r * r} = {d2 - r * r}: PT = {numbers.length_words(sol.length)}.",
            f"The touch points lie on the circle at distance PT from P: T = O + (r²/|OP|²)(P − O) ± "
            f"(r·PT/|OP|²)·(P − O)⊥, giving T₁ = {numbers.point(sol.touch[0])} and T₂ = {numbers.point(sol.touch[1])}.",
            f"The tangents meet at P at an angle 2·arcsin(r/|OP|) = {numbers.degrees_text(sol.angle)}.",
            f"Draw the {names['circle']} circle, the {names['tangents']} tangent lines through T₁ and T₂, the dashed "
            "radii with right-angle marks, and label O, P, T₁, T₂, PT and r.",
        ]
        return " ".join(f"{i}. {s}" for i, s in enumerate(steps, 1))


def _beside(key: str, text: str, a, b, away_from, color: str) -> LabelRequest:
    """A label beside the middle of segment ab, on the side away from `away_from`."""
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    normal = direction_deg(a, b) + 90.0
    nx, ny = math.cos(math.radians(normal)), math.sin(math.radians(normal))
    if (away_from[0] - mid[0]) * nx + (away_from[1] - mid[1]) * ny > 0:
        normal += 180.0
    return LabelRequest(key, text, mid, around(normal, 60.0, 30.0) + around(normal + 180.0, 60.0, 30.0), 4.0, color)
