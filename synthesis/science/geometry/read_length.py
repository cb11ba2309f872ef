"""geometry.read_length: a labelled figure (right triangle, or a circle with a chord) and
a question about one length or angle in it.

Half of the questions are vision-dominant: the given values are written only in the
figure and the question just says "find x". Figures are built from rational unit
directions (3/5, 4/5), (5/13, 12/13), ... so every coordinate stays exact and the
figure can sit at any of several tilts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp
from sympy.geometry import Circle, Line, Point, Triangle

from synthesis.science.geometry import numbers
from synthesis.science.geometry.canvas import (AngleArc, Canvas, CircleShape, Dot, Pen, RightMark, Segment, bounds_of,
                                               direction_deg, unit)
from synthesis.science.geometry.base import GeometryTemplate
from synthesis.science.geometry.labels import LabelRequest, around
from synthesis.science.geometry.scene import Scene, render_scene
from synthesis.science.geometry.style import pick_colors
from synthesis.science.geometry.triangle_figure import centroid_of
from synthesis.science.template import RenderContext, ScienceItem

KINDS = ("hypotenuse", "leg", "angle", "chord", "chord_distance")
DIRECTIONS = ((1, 1), (3, 5), (4, 5), (5, 13), (12, 13), (8, 17), (15, 17))  # (p, q): cos = p/q
SIN = {(1, 1): 0, (3, 5): 4, (4, 5): 3, (5, 13): 12, (12, 13): 5, (8, 17): 15, (15, 17): 8}


@dataclass
class Question:
    kind: str
    given: dict  # inputs for the verifier
    value: sp.Expr  # exact answer (length, or angle in degrees)
    unit: str  # "length" or "degrees"
    text_en: str  # the question when values are given in words
    text_zh: str
    steps: list[str]


def _direction(rng: np.random.Generator) -> tuple[sp.Rational, sp.Rational]:
    """A rational unit vector, any quadrant."""
    p, q = DIRECTIONS[int(rng.integers(len(DIRECTIONS)))]
    c, s = sp.Rational(p, q), sp.Rational(SIN[(p, q)], q)
    if rng.random() < 0.5:
        c, s = s, c
    turn = int(rng.integers(4))
    for _ in range(turn):
        c, s = -s, c
    return c, s


def _pt(p: Point) -> tuple[float, float]:
    return float(p.x), float(p.y)


# ---- right triangles --------------------------------------------------------------------
def right_triangle(rng: np.random.Generator, kind: str):
    """C at the right angle, CA along a random rational direction, CB turned 90° from it."""
    if kind == "leg":
        hyp = int(rng.integers(5, 16))
        leg = int(rng.integers(2, hyp))
        a_len, b_len = sp.Integer(leg), sp.sqrt(hyp * hyp - leg * leg)
        given = {"hypotenuse": hyp, "leg": leg}
    else:
        a_len, b_len = (sp.Integer(int(v)) for v in rng.integers(2, 13, 2))
        if kind == "angle":
            given = {"adjacent": int(a_len), "opposite": int(b_len)}
        else:
            given = {"legs": [int(a_len), int(b_len)]}
    u = _direction(rng)
    C = Point(0, 0)
    A = Point(a_len * u[0], a_len * u[1])
    B = Point(-b_len * u[1], b_len * u[0])
    return Triangle(A, B, C), given


def triangle_question(kind: str, tri: Triangle, given: dict) -> Question:
    A, B, C = tri.vertices
    if kind == "hypotenuse":
        value = sp.sqrt(sp.expand(A.distance(B) ** 2))
        a, b = given["legs"]
        return Question(kind, given, value, "length",
                        f"In right triangle ABC, ∠C = 90°, AC = {a} and BC = {b}. How long is AB?",
                        f"在直角三角形 ABC 中，∠C = 90°，AC = {a}，BC = {b}，求 AB 的长。",
                        [f"∠C is a right angle, so AB is the hypotenuse: AB² = AC² + BC² = {a}² + {b}² = {a * a + b * b}.",
                         f"AB = {numbers.length_words(value)}."])
    if kind == "leg":
        value = sp.sqrt(sp.expand(B.distance(C) ** 2))
        hyp, leg = given["hypotenuse"], given["leg"]
        return Question(kind, given, value, "length",
                        f"In right triangle ABC, ∠C = 90°, the hypotenuse AB = {hyp} and AC = {leg}. Find BC.",
                        f"在直角三角形 ABC 中，∠C = 90°，斜边 AB = {hyp}，AC = {leg}，求 BC。",
                        [f"By Pythagoras BC² = AB² − AC² = {hyp}² − {leg}² = {hyp * hyp - leg * leg}.",
                         f"BC = {numbers.length_words(value)}."])
    value = tri.angles[A] * 180 / sp.pi
    adj, opp = given["adjacent"], given["opposite"]
    return Question(kind, given, value, "degrees",
                    f"In right triangle ABC, ∠C = 90°, AC = {adj} and BC = {opp}. What is ∠A in degrees?",
                    f"在直角三角形 ABC 中，∠C = 90°，AC = {adj}，BC = {opp}，求 ∠A 的度数。",
                    [f"At A, BC is the opposite leg and AC the adjacent leg: tan A = BC/AC = {opp}/{adj}.",
                     f"∠A = arctan({sp.Rational(opp, adj)}) ≈ {numbers.decimal(value)}°."])


# ---- circle and chord ---------------------------------------------------------------------
def chord_figure(rng: np.random.Generator, kind: str):
    """Circle about O = (0, 0); chord PQ perpendicular to OM at distance d from O."""
    r = int(rng.integers(4, 11))
    if kind == "chord":
        d = int(rng.integers(1, r))
        given = {"radius": r, "distance": d}
        half = sp.sqrt(r * r - d * d)
    else:
        half_int = int(rng.integers(1, r))
        given = {"radius": r, "chord": 2 * half_int}
        d, half = sp.sqrt(r * r - half_int * half_int), sp.Integer(half_int)
    u = _direction(rng)
    O = Point(0, 0)
    M = Point(d * u[0], d * u[1])
    P, Q = (Point(M.x - s * half * u[1], M.y + s * half * u[0]) for s in (1, -1))
    return (O, M, P, Q, r), given


def chord_question(kind: str, figure, given: dict) -> Question:
    """sympy.geometry: the chord is the circle cut by the line through M perpendicular to OM."""
    O, M, P, Q, r = figure
    cut = Circle(O, r).intersection(Line(M, M + Point(-(M.y - O.y), M.x - O.x)))  # M != O: 0 < OM < r
    if kind == "chord":
        value = sp.sqrt(sp.expand(cut[0].distance(cut[1]) ** 2))
        d = given["distance"]
        return Question(kind, given, value, "length",
                        f"A chord PQ of a circle with centre O and radius {r} lies at distance OM = {d} from O. How long is PQ?",
                        f"圆 O 的半径为 {r}，弦 PQ 到圆心的距离 OM = {d}，求弦长 PQ。",
                        [f"OM ⊥ PQ bisects the chord, so PM² = OP² − OM² = {r}² − {d}² = {r * r - d * d}.",
                         f"PQ = 2·PM = {numbers.length_words(value)}."])
    value = sp.sqrt(sp.expand(O.distance(Line(cut[0], cut[1]).projection(O)) ** 2))
    c = given["chord"]
    return Question(kind, given, value, "length",
                    f"A circle with centre O has radius {r}; its chord PQ has length {c}. How far is PQ from O?",
                    f"圆 O 的半径为 {r}，弦 PQ 的长为 {c}，求圆心 O 到弦 PQ 的距离。",
                    [f"The perpendicular OM bisects PQ, so PM = {c}/2 = {c // 2}.",
                     f"OM² = OP² − PM² = {r}² − {c // 2}² = {r * r - (c // 2) ** 2}, so OM = {numbers.length_words(value)}."])


# ---- the template -------------------------------------------------------------------------
class ReadLengthTemplate(GeometryTemplate):
    name = "geometry.read_length"
    task = "und"

    def _attempt(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        kind = KINDS[int(rng.integers(len(KINDS)))]
        in_image = bool(rng.random() < 0.5)  # vision-dominant: values only in the figure
        colors, names = pick_colors(rng, ctx, ["unknown", "marks"])
        if kind in ("hypotenuse", "leg", "angle"):
            tri, given = right_triangle(rng, kind)
            question = triangle_question(kind, tri, given)
            build, points, circles = self._triangle_scene(tri, question, in_image, colors, ctx)
        else:
            figure, given = chord_figure(rng, kind)
            question = chord_question(kind, figure, given)
            build, points, circles = self._chord_scene(figure, question, in_image, colors, ctx)
        drawing, scene, _ = render_scene(ctx, bounds_of(points, circles), False, build, margin=0.12)
        unknown = "θ" if question.unit == "degrees" else "x"
        if in_image:
            asked = "the angle θ" if question.unit == "degrees" else "the length x"
            instruction = f"Find {asked} marked in the figure. Give an exact value if possible."
            zh = f"求图中标出的{'角 θ 的度数' if question.unit == 'degrees' else '长度 x'}。"
        else:
            instruction, zh = question.text_en, question.text_zh
        shown = self._answer_text(question)
        steps = (["Read the given values from the figure: " + self._given_words(question) + "."] if in_image else [])
        steps += question.steps
        return ScienceItem(
            instruction=instruction,
            instruction_explicit=f"{question.text_en} (In the figure the unknown is marked {unknown}.)",
            instruction_zh=zh,
            cot=" ".join(f"{i}. {s}" for i, s in enumerate(steps, 1)) + f" Answer: {unknown} = {shown}.",
            answer={"answer": shown, "value": numbers.num(question.value), "exact": str(question.value),
                    "unit": question.unit, "kind": kind, "values_in_image_only": in_image},
            problem={"kind": kind, "given": given},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if kind == "hypotenuse" else "medium",
            labels={"texts": drawing.texts, "objects": scene.objects},
            render={"colors": colors, "values_in_image": in_image},
        )

    @staticmethod
    def _answer_text(q: Question) -> str:
        if q.unit == "degrees":
            return numbers.degrees_text(q.value * sp.pi / 180)
        return numbers.length_words(q.value)

    @staticmethod
    def _given_words(q: Question) -> str:
        g = q.given
        if q.kind == "hypotenuse":
            return f"legs AC = {g['legs'][0]} and BC = {g['legs'][1]}, right angle at C"
        if q.kind == "leg":
            return f"hypotenuse AB = {g['hypotenuse']}, leg AC = {g['leg']}, right angle at C"
        if q.kind == "angle":
            return f"AC = {g['adjacent']}, BC = {g['opposite']}, right angle at C"
        if q.kind == "chord":
            return f"radius OP = {g['radius']}, distance OM = {g['distance']} with OM ⊥ PQ"
        return f"radius OP = {g['radius']}, chord PQ = {g['chord']} with OM ⊥ PQ"

    def _triangle_scene(self, tri: Triangle, q: Question, in_image: bool, colors: dict, ctx: RenderContext):
        A, B, C = (_pt(p) for p in tri.vertices)
        ink = ctx.theme.ink
        g = q.given
        if q.kind == "hypotenuse":
            texts = {"AC": str(g["legs"][0]), "BC": str(g["legs"][1]), "AB": "x"}
        elif q.kind == "leg":
            texts = {"AB": str(g["hypotenuse"]), "AC": str(g["leg"]), "BC": "x"}
        else:
            texts = {"AC": str(g["adjacent"]), "BC": str(g["opposite"])}
        if not in_image:
            texts = {k: v for k, v in texts.items() if v == "x"}
        ends = {"AB": (A, B), "BC": (B, C), "AC": (A, C)}

        def build(canvas: Canvas) -> Scene:
            s = 12.0 * canvas.scale
            shapes = [Segment(p, r, Pen(ink, 1.3)) for p, r in ends.values()]
            shapes.append(RightMark(C, unit(C, A), unit(C, B), s, Pen(colors["marks"], 0.9)))
            shapes += [Dot(p, ink) for p in (A, B, C)]
            labels = []
            if q.kind == "angle":
                start, end = direction_deg(A, B), direction_deg(A, C)
                start, end = (start, end) if (end - start) % 360 < 180 else (end, start)
                end = end if end > start else end + 360
                radius = 26.0 * canvas.scale
                shapes.append(AngleArc(A, start, end, radius, Pen(colors["unknown"], 1.1)))
                labels.append(LabelRequest("theta", "θ", A, around((start + end) / 2, 30.0, 15.0),
                                           radius / canvas.scale + 3, colors["unknown"], steps=8))
            g_ = centroid_of([A, B, C])
            for name, p in zip("ABC", (A, B, C)):
                labels.insert(0, LabelRequest(f"vertex:{name}", name, p, around(direction_deg(g_, p)), 5.0))
            for side, text in texts.items():
                p, r = ends[side]
                mid = ((p[0] + r[0]) / 2, (p[1] + r[1]) / 2)
                outward = direction_deg(g_, mid)
                labels.append(LabelRequest(f"side:{side}", text, mid, around(outward, 90.0), 5.0,
                                           colors["unknown"] if text == "x" else None))
            objects = [{"label": n, "kind": "vertex", "point": canvas.image_px(p)} for n, p in zip("ABC", (A, B, C))]
            return Scene(shapes, labels, objects)

        return build, [A, B, C], []

    def _chord_scene(self, figure, q: Question, in_image: bool, colors: dict, ctx: RenderContext):
        O, M, P, Q, r = figure
        o, m, p, qq = (_pt(v) for v in (O, M, P, Q))
        ink = ctx.theme.ink
        g = q.given
        if q.kind == "chord":
            texts = {"OP": str(g["radius"]), "OM": str(g["distance"]), "PQ": "x"}
        else:
            texts = {"OP": str(g["radius"]), "PQ": str(g["chord"]), "OM": "x"}
        if not in_image:
            texts = {k: v for k, v in texts.items() if v == "x"}
        # The chord's label sits beside MQ and names the chord: its own midpoint is M.
        ends = {"OP": (o, p), "OM": (o, m), "PQ": (m, qq)}
        if "PQ" in texts:
            texts["PQ"] = f"PQ = {texts['PQ']}"

        def build(canvas: Canvas) -> Scene:
            shapes = [CircleShape(o, r, Pen(ink, 1.3)), Segment(p, qq, Pen(ink, 1.3)),
                      Segment(o, p, Pen(colors["marks"], 1.0)), Segment(o, m, Pen(colors["marks"], 1.0, "--")),
                      RightMark(m, unit(m, o), unit(m, p), 10.0 * canvas.scale, Pen(colors["marks"], 0.9))]
            shapes += [Dot(v, ink) for v in (o, m, p, qq)]
            labels = [LabelRequest("O", "O", o, around(direction_deg(m, o)), 5.0),
                      LabelRequest("M", "M", m, around(direction_deg(o, m)), 5.0),
                      LabelRequest("P", "P", p, around(direction_deg(o, p)), 5.0),
                      LabelRequest("Q", "Q", qq, around(direction_deg(o, qq)), 5.0)]
            for seg, text in texts.items():
                a, b = ends[seg]
                mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
                normal = direction_deg(a, b) + 90.0
                labels.append(LabelRequest(f"segment:{seg}", text, mid, around(normal, 60.0, 30.0)
                                           + around(normal + 180.0, 60.0, 30.0), 4.0,
                                           colors["unknown"] if text.endswith("x") else None))
            objects = [{"label": n, "kind": "point", "point": canvas.image_px(v)}
                       for n, v in zip("OMPQ", (o, m, p, qq))]
            return Scene(shapes, labels, objects)

        return build, [o, m, p, qq], [(o, float(r))]
