"""ScienceGenerator: the `science` generator (template function_derivative)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.generator import Generator
from synthesis.sample import Sample
from synthesis.science import prompts
from synthesis.science.calculus import critical_points
from synthesis.science.functions import TRIG, sample_problem
from synthesis.science.params import ScienceParams
from synthesis.science.plot import plot

TEMPLATE = "function_derivative"
# (hex, English name) pairs; f, f′ and the marks get three different ones.
PALETTE = (
    ("#1f77b4", "blue"), ("#ff7f0e", "orange"), ("#2ca02c", "green"), ("#d62728", "red"),
    ("#9467bd", "purple"), ("#8c564b", "brown"), ("#17becf", "cyan"), ("#000000", "black"),
)
MAX_TRIES = 8  # resample f until it has a critical point in the interval


class ScienceGenerator(Generator):
    name = "science"
    version = "0.1.0"
    Params = ScienceParams

    def __call__(self, seed: int, params: ScienceParams) -> Sample:
        rng = np.random.default_rng(seed)
        for _ in range(MAX_TRIES):
            family = params.families[int(rng.integers(len(params.families)))]
            half_width = int(rng.integers(params.half_width_min, params.half_width_max + 1))
            problem = sample_problem(rng, family, half_width)
            solution = critical_points(problem.f, problem.lo, problem.hi)
            if solution.points:
                break
        f, lo, hi = problem.f, problem.lo, problem.hi
        points = [p.floats() for p in solution.points]

        picks = rng.permutation(len(PALETTE))[:3]
        colors = {role: PALETTE[i][0] for role, i in zip(("f", "df", "points"), picks)}
        color_names = {role: PALETTE[i][1] for role, i in zip(("f", "df", "points"), picks)}
        spec = {
            "template": TEMPLATE,
            "family": family,
            "f": str(f),
            "f_srepr": sp.srepr(f),
            "variable": "x",
            "interval": [str(lo), str(hi)],
            "size_px": params.size_px,
            "dpi": params.dpi,
            "colors": colors,
            "grid": bool(rng.random() < 0.6),
            "legend_loc": "outside lower center",
            "pi_ticks": family in TRIG,
            "samples": 800,
        }
        image, geometry = plot(spec, f, solution.df, points)
        instruction, instruction_zh = prompts.instructions(rng, f, lo, hi)
        answer = {
            "f": str(f),
            "df": str(solution.df),
            "interval": [str(lo), str(hi)],
            "critical_points": points,
            "critical_points_exact": [[str(p.x), str(p.y)] for p in solution.points],
            "exact": [p.exact for p in solution.points],
            "kinds": [p.kind for p in solution.points],
            "method": solution.method,
        }
        labels = {
            "objects": [
                {"label": "critical point", "kind": p.kind, "data": xy, "point": px}
                for p, xy, px in zip(solution.points, points, geometry["points"])
            ]
            + [{"label": name, "box": geometry[name]} for name in ("axes", "legend")]
        }
        return Sample(
            generator=self.name,
            generator_version=self.version,
            template=TEMPLATE,
            task="t2i",
            seed=seed,
            instruction=instruction,
            instruction_zh=instruction_zh,
            cot=prompts.cot(f, lo, hi, solution, color_names),
            answer=answer,
            image=image,
            width=params.size_px,
            height=params.size_px,
            labels=labels,
            spec=spec,
        )
