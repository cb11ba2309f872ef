"""physics.kinematics: a piecewise-linear velocity–time graph with each segment's signed
area (displacement) shaded, and the total displacement and distance.

The solver integrates v(t) and |v(t)| per segment with sympy (splitting a segment where v
changes sign); the verifier adds up triangles and trapezoids with exact fractions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from synthesis.science.physics.common import LAYOUT_TRIES, approx, dec, layout_ok, pick_colors
from synthesis.science.physics.vt_plot import plot
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

T = sp.Symbol("t", real=True)
DURATIONS = (2, 2, 3, 3, 4, 5)  # s per segment
SPEEDS = tuple(range(-6, 9))  # m/s at the knots


@dataclass(frozen=True)
class Motion:
    times: list[int]  # knots, s
    velocities: list[int]  # m/s at the knots
    segments: list[sp.Rational]  # signed area of each segment
    segment_distances: list[sp.Rational]
    displacement: sp.Rational
    distance: sp.Rational


def _line(t0, v0, t1, v1) -> sp.Expr:
    return v0 + sp.Rational(v1 - v0, t1 - t0) * (T - t0)


def solve(times: list[int], velocities: list[int]) -> Motion:
    segments, distances = [], []
    for t0, t1, v0, v1 in zip(times, times[1:], velocities, velocities[1:]):
        v = sp.Poly(_line(t0, v0, t1, v1), T)
        x = v.integrate()  # an antiderivative: displacement since t = 0 up to a constant
        segments.append(x.eval(t1) - x.eval(t0))
        cuts = [r for r in v.real_roots() if t0 < r < t1] if v0 != v1 else []
        bounds = [t0, *cuts, t1]
        distances.append(sum((abs(x.eval(b) - x.eval(a)) for a, b in zip(bounds, bounds[1:])), sp.Integer(0)))
    return Motion(times, velocities, segments, distances, sum(segments, sp.Integer(0)), sum(distances, sp.Integer(0)))


def sample(rng: np.random.Generator) -> tuple[list[int], list[int]]:
    """3–4 segments, usually with v changing sign somewhere (that is when distance ≠ |displacement|)."""
    n = int(rng.integers(3, 5))
    times = [0]
    for _ in range(n):
        times.append(times[-1] + int(rng.choice(DURATIONS)))
    for _ in range(20):
        velocities = [int(rng.choice(SPEEDS)) for _ in range(n + 1)]
        if rng.random() < 0.3:
            velocities[0] = 0  # starts from rest
        sign_change = min(velocities) < 0 < max(velocities)
        if len(set(velocities)) > 2 and (sign_change or rng.random() < 0.25):
            break
    return times, velocities


def _points(times, velocities) -> str:
    return ", ".join(f"({t} s, {v} m/s)" for t, v in zip(times, velocities))


def _instructions(m: Motion, rng: np.random.Generator) -> tuple[str, str, str]:
    pts = _points(m.times, m.velocities)
    abstract = (f"An object moves in a straight line; its velocity changes linearly between {pts}. "
                + ("Draw the velocity–time graph, shade the displacement of each segment and find the total "
                   "displacement and the distance travelled."
                   if rng.random() < 0.5 else
                   "Plot v against t and show, by shaded areas, how far it moves in each interval; state its net "
                   "displacement and total distance."))
    explicit = (f"Plot the polyline through {pts} on axes t (s) and v (m/s). Shade the area between the graph and "
                f"the t-axis in each segment (one colour above the axis, another below) and label the segments' "
                f"signed areas {', '.join(dec(s, 3) + ' m' for s in m.segments)}; write the total displacement "
                f"{dec(m.displacement, 3)} m and the distance {dec(m.distance, 3)} m.")
    zh = (f"物体做直线运动，其速度在以下各点之间线性变化：{pts}。画出速度–时间图像，用阴影标出每段的位移（有向面积），"
          f"并求总位移和总路程。")
    return abstract, explicit, zh


def _cot(m: Motion, names: dict) -> str:
    parts = []
    for i, (t0, t1, v0, v1, s, d) in enumerate(zip(m.times, m.times[1:], m.velocities, m.velocities[1:],
                                                   m.segments, m.segment_distances), 1):
        how = f"({v0} + {v1})/2 × {t1 - t0} = {dec(s, 3)} m"
        if d != abs(s):
            how += f" (v changes sign inside, so the distance there is {dec(d, 3)} m)"
        parts.append(f"segment {i} [{t0}, {t1}] s: {how}")
    return (
        "1. Displacement is the signed area under v(t); each segment is a trapezoid (or two triangles when v "
        "crosses zero). " + "2. " + "; ".join(parts) + ". "
        f"3. Total displacement = {' + '.join(dec(s, 3) for s in m.segments)} = {dec(m.displacement, 3)} m. "
        f"4. Distance = sum of |areas| = {dec(m.distance, 3)} m. "
        f"5. Draw the polyline in {names['line']}, shade areas above the axis in {names['positive']} and below it "
        f"in {names['negative']}, and write each segment's signed area on it."
    )


class KinematicsTemplate(ScienceTemplate):
    name = "physics.kinematics"
    family = "physics"
    subject = "Physics"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        colors, names = pick_colors(rng, ctx, ("line", "positive", "negative"))
        grid = bool(rng.random() < 0.6)
        for _ in range(4):
            motion = solve(*sample(rng))
            for attempt in range(LAYOUT_TRIES):
                drawing, objects = plot(ctx, motion, colors, grid, attempt)
                if layout_ok(drawing):
                    break
            else:
                continue
            break
        abstract, explicit, zh = _instructions(motion, rng)
        return ScienceItem(
            instruction=abstract, instruction_explicit=explicit, instruction_zh=zh, cot=_cot(motion, names),
            answer={
                "segment_displacements": [approx(s) for s in motion.segments],
                "displacement": approx(motion.displacement),
                "distance": approx(motion.distance),
                "segment_displacements_exact": [str(s) for s in motion.segments],
                "displacement_exact": str(motion.displacement),
                "distance_exact": str(motion.distance),
            },
            problem={"times": motion.times, "velocities": motion.velocities, "units": {"t": "s", "v": "m/s"}},
            image=drawing.png, width=drawing.width, height=drawing.height,
            difficulty="easy" if motion.distance == abs(motion.displacement) else "medium",
            labels={"texts": drawing.texts, "objects": objects},
            render={"colors": colors, "grid": grid, "layout_attempt": attempt},
        )
