"""physics.projectile: the trajectory of a projectile with its apex and landing point.

The solver writes y(t) = h₀ + v₀ sinθ·t − g t²/2 and solves y(t) = 0 (landing) and
y′(t) = 0 (apex) with sympy, keeping sinθ and cosθ exact; the verifier uses the
closed-form range and height formulas instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from synthesis.science.physics.common import G, LAYOUT_TRIES, approx, dec, layout_ok, pick_colors
from synthesis.science.physics.projectile_plot import plot
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

T = sp.Symbol("t", real=True)
SIN, COS = sp.symbols("s c", positive=True)  # sinθ, cosθ until the end: keeps the roots quick
SPEEDS = tuple(range(8, 31))  # m/s
ANGLES = tuple(range(15, 80, 5))  # degrees above the horizontal
HEIGHTS = (0, 0, 0, 2, 3, 5, 8, 10, 12, 15, 20)  # m


@dataclass(frozen=True)
class Trajectory:
    v0: int
    angle: int
    h0: int
    flight_time: sp.Expr
    apex_time: sp.Expr
    apex_x: sp.Expr
    max_height: sp.Expr
    range: sp.Expr


def solve(v0: int, angle: int, h0: int) -> Trajectory:
    theta = sp.pi * angle / 180
    exact = {SIN: sp.sin(theta), COS: sp.cos(theta)}
    y = h0 + v0 * SIN * T - G / 2 * T**2
    landing = [r.subs(exact) for r in sp.roots(sp.Poly(y, T))]
    flight_time = max(landing, key=lambda r: float(r))  # the other root is ≤ 0
    (apex_time,) = sp.roots(sp.Poly(sp.diff(y, T), T))
    max_height = sp.expand(y.subs(T, apex_time)).subs(exact)
    apex_time = apex_time.subs(exact)
    vx = v0 * sp.cos(theta)
    return Trajectory(v0, angle, h0, flight_time, apex_time, vx * apex_time, max_height, vx * flight_time)


def _ledges(v0: int, angle: int) -> list[int]:
    """Launch heights at most twice the rise above the launch point, so that the apex stands
    clear of the ledge and the labels around the launch point."""
    rise = (v0 * np.sin(np.radians(angle))) ** 2 / (2 * 9.8)
    return [h for h in HEIGHTS if h <= 2 * rise]


def _instructions(tr: Trajectory, rng: np.random.Generator) -> tuple[str, str, str]:
    where = f"from a {tr.h0} m high ledge" if tr.h0 else "from level ground"
    where_zh = f"从 {tr.h0} m 高的平台上" if tr.h0 else "从水平地面上"
    abstract = (
        f"A ball is launched at {tr.v0} m/s, {tr.angle}° above the horizontal, {where} (g = 9.8 m/s²). "
        + ("Draw its trajectory and mark the highest point and the landing point."
           if rng.random() < 0.5 else
           "Sketch the path and label the maximum height, the range and the time of flight."))
    explicit = (
        f"Plot y against x for a projectile with v₀ = {tr.v0} m/s, θ = {tr.angle}°, launch height {tr.h0} m and "
        f"g = 9.8 m/s². Show the launch velocity as an arrow, mark the apex at "
        f"({dec(tr.apex_x)}, {dec(tr.max_height)}) m reached at t = {dec(tr.apex_time)} s, draw a dimension line "
        f"for the maximum height H = {dec(tr.max_height)} m and one for the range R = {dec(tr.range)} m, and mark "
        f"the landing point at t = {dec(tr.flight_time)} s.")
    zh = (f"一个小球{where_zh}以 {tr.v0} m/s 的速度、与水平方向成 {tr.angle}° 抛出（g = 9.8 m/s²）。"
          f"画出其运动轨迹，并标出最高点和落地点（最大高度、射程和飞行时间）。")
    return abstract, explicit, zh


def _cot(tr: Trajectory, names: dict) -> str:
    vy, vx = tr.v0 * np.sin(np.radians(tr.angle)), tr.v0 * np.cos(np.radians(tr.angle))
    return (
        f"1. Split the launch velocity: vx = {tr.v0}·cos {tr.angle}° ≈ {vx:.3f} m/s, vy = {tr.v0}·sin {tr.angle}° "
        f"≈ {vy:.3f} m/s. "
        f"2. Height: y(t) = {tr.h0} + {vy:.3f}·t − 4.9·t². "
        f"3. Apex where y′(t) = 0: t = vy/g ≈ {float(tr.apex_time):.4f} s, x = vx·t ≈ {float(tr.apex_x):.4f} m, "
        f"H = y(t) ≈ {float(tr.max_height):.4f} m. "
        f"4. Landing where y(t) = 0 (positive root): T ≈ {float(tr.flight_time):.4f} s, range R = vx·T ≈ "
        f"{float(tr.range):.4f} m. "
        f"5. Draw the parabola in {names['path']} from the launch point to (R, 0), the velocity arrow in "
        f"{names['velocity']}, and mark the apex and the landing point with {names['marks']} dots and their labels.")


class ProjectileTemplate(ScienceTemplate):
    name = "physics.projectile"
    family = "physics"
    subject = "Physics"
    image_type = "Plots and Charts"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        colors, names = pick_colors(rng, ctx, ("path", "velocity", "marks"))
        grid = bool(rng.random() < 0.5)
        for _ in range(4):
            v0, angle = int(rng.choice(SPEEDS)), int(rng.choice(ANGLES))
            h0 = int(rng.choice(_ledges(v0, angle)))
            tr = solve(v0, angle, h0)
            for attempt in range(LAYOUT_TRIES):
                drawing, marks = plot(ctx, tr, colors, grid, attempt)
                if layout_ok(drawing):
                    break
            else:
                continue
            break
        abstract, explicit, zh = _instructions(tr, rng)
        return ScienceItem(
            instruction=abstract, instruction_explicit=explicit, instruction_zh=zh, cot=_cot(tr, names),
            answer={
                "time_of_flight": approx(tr.flight_time),
                "max_height": approx(tr.max_height),
                "range": approx(tr.range),
                "apex": [approx(tr.apex_x), approx(tr.max_height)],
                "apex_time": approx(tr.apex_time),
                "time_of_flight_exact": str(tr.flight_time),
                "max_height_exact": str(tr.max_height),
                "range_exact": str(tr.range),
            },
            problem={"v0": v0, "angle_deg": angle, "launch_height": h0, "g": 9.8},
            image=drawing.png, width=drawing.width, height=drawing.height,
            difficulty="easy" if h0 == 0 else "medium",
            labels={"texts": drawing.texts, "objects": marks},
            render={"colors": colors, "grid": grid, "layout_attempt": attempt},
        )
