"""geometry.move_point_edit: move vertex C of a triangle with a constructed centre and
redraw; the canvas limits, A, B, side AB and their labels stay exactly where they were."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from synthesis.science.geometry import numbers, wording
from synthesis.science.geometry.canvas import bounds_of
from synthesis.science.geometry.construct import CENTRE_LETTER, CENTRES, RADIUS_NAME, TriangleSolution, solve_triangle
from synthesis.science.geometry.base import GeometryTemplate
from synthesis.science.geometry.labels import LayoutError
from synthesis.science.geometry.sampling import sample_triangle, signed_area, triangle_ok
from synthesis.science.geometry.scene import Scene, render_scene
from synthesis.science.geometry.style import pick_colors, pick_frame
from synthesis.science.geometry.triangle_centres import centre_steps, triangle_answer
from synthesis.science.geometry.triangle_figure import TriangleView, solution_bounds, triangle_objects, triangle_scene
from synthesis.science.render import edit_mask
from synthesis.science.template import RenderContext, ScienceItem

PINNED = ("vertex:A", "vertex:B", "side:c")  # labels the edit must not move

EN = (
    "Move vertex C to {to} and redraw the triangle and {centre}.",
    "Drag point C from {frm} to {to}; update the sides and {centre} accordingly, leaving A and B where they are.",
    "Change C to {to}. Redraw everything that depends on C, including {centre}.",
)
ZH = (
    "把顶点 C 移到 {to}，重新画出三角形及{centre}。",
    "将点 C 从 {frm} 移动到 {to}，A、B 保持不动，相应更新三边和{centre}。",
)


def sample_move(rng: np.random.Generator, vertices) -> tuple[sp.Integer, sp.Integer]:
    """A new integer C, 1.5 to 4 units away, on the same side of AB (the triangle keeps
    its orientation) and still a well-shaped triangle."""
    a, b, c = ((float(x), float(y)) for x, y in vertices)
    for _ in range(200):
        dx, dy = (int(v) for v in rng.integers(-4, 5, 2))
        if not 1.5 <= math.hypot(dx, dy) <= 4.0:
            continue
        new = (c[0] + dx, c[1] + dy)
        if max(abs(new[0]), abs(new[1])) <= 7 and signed_area([a, b, new]) > 0 and triangle_ok([a, b, new]):
            return vertices[2][0] + dx, vertices[2][1] + dy
    raise LayoutError("no acceptable new position for C")


def edit_answer(sol: TriangleSolution) -> dict:
    """Values after the edit: vertices, sides and the constructed centre (no angles drawn)."""
    answer = triangle_answer(sol)
    answer.pop("angles_deg")
    return answer


class MovePointEditTemplate(GeometryTemplate):
    name = "geometry.move_point_edit"
    task = "edit"

    def _attempt(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        kind = CENTRES[int(rng.integers(len(CENTRES)))]
        vertices = sample_triangle(rng, span=5)
        new_c = sample_move(rng, vertices)
        before = solve_triangle(vertices, [kind])
        after = solve_triangle([vertices[0], vertices[1], new_c], [kind])
        colors, names = pick_colors(rng, ctx, [kind, "fill"])
        frame = pick_frame(rng, ctx)
        side_style = "exact" if rng.random() < 0.6 else "decimal"
        view = TriangleView(colors, frame["fill"], frame["grid"], side_style, angles=False)
        points, circles = solution_bounds(before)
        more_points, more_circles = solution_bounds(after)
        bounds = bounds_of(points + more_points, circles + more_circles)  # one canvas for both

        def build(sol):
            def make(canvas):
                shapes, labels = triangle_scene(canvas, sol, view, ctx.theme.ink)
                return Scene(shapes, labels, triangle_objects(canvas, sol))
            return make

        def ghost(canvas):
            return triangle_scene(canvas, after, view, ctx.theme.ink)[0]

        source, _, pinned = render_scene(ctx, bounds, frame["grid"], build(before), pin_keys=PINNED, ghost=ghost)
        target, scene, _ = render_scene(ctx, bounds, frame["grid"], build(after), pinned=pinned)
        frm, to = numbers.point(vertices[2]), numbers.point(new_c)
        return ScienceItem(
            *self._instructions(rng, before, after, kind, frm, to, names),
            cot=self._cot(before, after, kind, frm, to, names),
            answer={"moved": "C", "from": [numbers.num(v) for v in vertices[2]],
                    "to": [numbers.num(v) for v in new_c], **edit_answer(after)},
            problem={"vertices": {n: [numbers.json_number(x), numbers.json_number(y)]
                                  for n, (x, y) in zip("ABC", vertices)},
                     "centre": kind,
                     "edit": {"move": "C", "to": [numbers.json_number(v) for v in new_c]}},
            image=target.png,
            width=target.width,
            height=target.height,
            difficulty="medium" if kind in ("centroid", "circumcentre") else "hard",
            labels={"texts": target.texts, "objects": scene.objects, "source_texts": source.texts},
            render={"colors": colors, "fill": frame["fill"], "grid": frame["grid"], "side_labels": side_style,
                    "bounds": [round(v, 6) for v in bounds],
                    "pinned": {k: [round(c, 6) for c in xy] for k, (xy, _) in pinned.items()}},
            source_image=source.png,
            mask=edit_mask(source.png, target.png),
        )

    @staticmethod
    def _instructions(rng, before, after, kind, frm, to, names) -> tuple[str, str, str]:
        abstract = EN[int(rng.integers(len(EN)))].format(frm=frm, to=to, centre=wording.CENTRE_EN[kind])
        zh = ZH[int(rng.integers(len(ZH)))].format(frm=frm, to=to, centre=wording.CENTRE_ZH[kind])
        explicit = (
            f"Keep the canvas, A{numbers.point(after.vertices[0])}, B{numbers.point(after.vertices[1])}, side AB and "
            f"their labels unchanged. Move C from {frm} to {to}: redraw sides BC and CA with their new lengths "
            f"(BC = {numbers.length_words(after.sides['a'])}, CA = {numbers.length_words(after.sides['b'])}), and "
            f"redraw {wording.CENTRE_EN[kind]} in {names[kind]} at {wording.centre_value_text(after, kind)}."
        )
        return abstract, explicit, zh

    @staticmethod
    def _cot(before, after, kind, frm, to, names) -> str:
        letter = CENTRE_LETTER[kind]
        steps = [
            f"Only C moves ({frm} → {to}); A, B and AB = {numbers.length_words(after.sides['c'])} stay, with their labels.",
            f"New side lengths: BC = {numbers.length_words(after.sides['a'])}, "
            f"CA = {numbers.length_words(after.sides['b'])}.",
            centre_steps(after, kind),
            f"So {letter} moves from {numbers.point(before.constructions[kind].centre)} to "
            f"{numbers.point(after.constructions[kind].centre)}"
            + (f" and {RADIUS_NAME[kind]} changes from {numbers.decimal(before.constructions[kind].radius)} to "
               f"{numbers.decimal(after.constructions[kind].radius)}" if kind in RADIUS_NAME else "") + ".",
            f"Erase the old sides BC, CA and the old {names[kind]} construction, then draw the new ones and relabel C, "
            f"{letter} and the two changed side lengths.",
        ]
        return " ".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
