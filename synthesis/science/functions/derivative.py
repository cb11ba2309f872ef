"""functions.derivative: draw f and f′ and mark where f′ vanishes."""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.functions import prompts
from synthesis.science.functions.calculus import critical_points
from synthesis.science.functions.plot import plot
from synthesis.science.functions.problems import FAMILIES, TRIG, sample_problem
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

MAX_TRIES = 8  # resample f until it has a critical point in the interval


class DerivativeTemplate(ScienceTemplate):
    name = "functions.derivative"
    family = "functions"
    subject = "Math"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        for _ in range(MAX_TRIES):
            kind = FAMILIES[int(rng.integers(len(FAMILIES)))]
            problem = sample_problem(rng, kind, int(rng.integers(2, 6)))
            solution = critical_points(problem.f, problem.lo, problem.hi)
            if solution.points:
                break
        f, lo, hi = problem.f, problem.lo, problem.hi
        points = [p.floats() for p in solution.points]
        palette = ctx.theme.palette
        picks = rng.permutation(len(palette))[:3]
        roles = ("f", "df", "points")
        render = {
            "colors": {role: palette[i][0] for role, i in zip(roles, picks)},
            "grid": bool(rng.random() < 0.6),
            "pi_ticks": kind in TRIG,
        }
        color_names = {role: palette[i][1] for role, i in zip(roles, picks)}
        drawing, marks = plot(ctx, render, f, solution.df, lo, hi, points)
        abstract, explicit, zh = prompts.instructions(rng, f, lo, hi, solution)
        return ScienceItem(
            instruction=abstract,
            instruction_explicit=explicit,
            instruction_zh=zh,
            cot=prompts.cot(f, lo, hi, solution, color_names),
            answer={
                "df": str(solution.df),
                "critical_points": points,
                "critical_points_exact": [[str(p.x), str(p.y)] for p in solution.points],
                "kinds": [p.kind for p in solution.points],
                "method": solution.method,
            },
            problem={"kind": kind, "f": str(f), "f_srepr": sp.srepr(f), "variable": "x",
                     "interval": [str(lo), str(hi)]},
            image=drawing.png,
            width=drawing.width,
            height=drawing.height,
            difficulty="easy" if kind == "polynomial" and len(points) <= 2 else "medium",
            labels={"texts": drawing.texts,
                    "objects": [{"label": "critical point", "kind": p.kind, "data": xy, "point": px}
                                for p, xy, px in zip(solution.points, points, marks)]},
            render=render,
        )
