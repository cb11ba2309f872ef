"""solid.three_views: a solid of unit cubes drawn in 3D beside its front, left and top
views."""

from __future__ import annotations

import numpy as np

from synthesis.science.render import overlapping_labels
from synthesis.science.solid.cubes import CONVENTIONS, sample_heights, views
from synthesis.science.solid.cubes_plot import draw, sample_render
from synthesis.science.solid.solid_prompts import pick
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

EN = (
    "Build the solid of unit cubes whose stacks have heights {grid} (rows from back to front) and draw it "
    "with its front, left and top views.",
    "A solid is made of unit cubes stacked on a grid with heights {grid}, back row first. Sketch it in 3D "
    "and draw its three orthographic views.",
    "Draw the three views (front, left, top) of the cube stack with height map {grid} (first row at the back), "
    "next to a 3D picture of it.",
)
ZH = (
    "用小正方体搭成一个几何体，各位置的层数为 {grid}（第一行在最后面）。画出它的立体图及主视图、左视图和俯视图。",
    "一个几何体由若干个棱长为1的小正方体堆成，俯视图上各格的小正方体个数为 {grid}（从后排到前排）。请画出它的三视图。",
)


def grid_text(matrix) -> str:
    return "[" + ", ".join("[" + ", ".join(str(int(v)) for v in row) + "]" for row in matrix) + "]"


def rows_text(matrix) -> str:
    return " / ".join("".join("■" if v else "□" for v in row) for row in matrix)


class ThreeViewsTemplate(ScienceTemplate):
    name = "solid.three_views"
    family = "solid"
    subject = "Math"
    image_type = "Technical Blueprints"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        heights = sample_heights(rng)
        matrices = views(heights)
        count = int(heights.sum())
        render = sample_render(rng, ctx)
        drawing, objects = draw(ctx, heights, matrices, render, f"{count} unit cubes")
        if overlapping_labels(drawing.texts):  # the page layout is fixed; this would be a layout bug
            raise RuntimeError(f"three_views: labels overlap {overlapping_labels(drawing.texts)}")
        grid = grid_text(heights)
        top_count = int(matrices["top"].sum())
        column_max = heights.max(axis=0).tolist()
        row_max = heights.max(axis=1).tolist()
        names = render["color_names"]
        cot = " ".join([
            f"1. Height map (back row first): {grid}; summing the stacks gives {count} cubes "
            f"(row sums {heights.sum(axis=1).tolist()}).",
            f"2. Front view: each column shows its tallest stack, heights {column_max} from left to right: "
            f"{rows_text(matrices['front'])} (top row first).",
            f"3. Left view: each row (back to front, drawn left to right) shows its tallest stack, heights {row_max}: "
            f"{rows_text(matrices['left'])}.",
            f"4. Top view: one square for every non-empty stack, {top_count} squares: {rows_text(matrices['top'])}; "
            f"so {top_count} cubes are visible from directly above.",
            f"5. Draw the stack in 3D with {names['solid']} cubes (seen from the front left) and the three views as "
            f"{names['view']} grid squares: front view top left, left view top right, top view below the front view.",
        ])
        explicit = (
            f"Draw {count} unit cubes stacked on a {heights.shape[0]}×{heights.shape[1]} grid with heights {grid} "
            f"(back row first, left column first) as a 3D picture in {names['solid']}, and its views as "
            f"{names['view']} squares: front view {rows_text(matrices['front'])}, left view "
            f"{rows_text(matrices['left'])}, top view {rows_text(matrices['top'])} (rows top to bottom)."
        )
        return ScienceItem(
            instruction=pick(rng, EN).format(grid=grid),
            instruction_explicit=explicit,
            instruction_zh=pick(rng, ZH).format(grid=grid),
            cot=cot,
            answer={"cube_count": count,
                    "front_view": matrices["front"].tolist(),
                    "left_view": matrices["left"].tolist(),
                    "top_view": matrices["top"].tolist(),
                    "visible_from_top": top_count},
            problem={"heights": heights.tolist(), "conventions": CONVENTIONS},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="medium" if count <= 10 else "hard",
            labels={"texts": drawing.texts,
                    "objects": [{"label": k, "point": v} for k, v in objects.items()]},
            render=render,
        )
