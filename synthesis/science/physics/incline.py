"""physics.free_body: a block released on a rough incline, with its free-body diagram.

The solver writes the forces as vectors in the incline's frame with sympy (the weight
projected onto the unit vectors along and normal to the slope); the block slides when
the downhill pull mg sinθ beats the largest friction μN, else static friction holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from synthesis.science.physics.common import G, LAYOUT_TRIES, approx, dec, layout_ok, pick_colors
from synthesis.science.physics.incline_draw import draw
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

ANGLES = (15, 20, 25, 30, 35, 40, 45, 50)  # degrees
MASSES = (1, 2, 3, 4, 5, 6, 8, 10)  # kg
FRICTION = ("0", "1/10", "3/20", "1/5", "1/4", "3/10", "2/5", "1/2", "3/5", "4/5")  # μ


@dataclass(frozen=True)
class Forces:
    angle: int
    mass: int
    mu: sp.Rational
    weight: sp.Expr
    normal: sp.Expr
    downhill: sp.Expr  # the weight's component along the slope
    friction: sp.Expr
    net: sp.Expr  # along the slope, downhill positive
    acceleration: sp.Expr
    slides: bool


def solve(angle: int, mass: int, mu: sp.Rational) -> Forces:
    theta = sp.pi * angle / 180
    weight_vec = sp.Matrix([0, -mass * G])
    down_slope = sp.Matrix([-sp.cos(theta), -sp.sin(theta)])  # the slope rises to the right
    out_of_slope = sp.Matrix([-sp.sin(theta), sp.cos(theta)])
    downhill = weight_vec.dot(down_slope)
    normal = -weight_vec.dot(out_of_slope)  # the surface pushes back what presses into it
    limit = mu * normal
    slides = bool(float(downhill) > float(limit))
    friction = limit if slides else downhill  # kinetic μN, or exactly what holds the block
    net = downhill - friction
    return Forces(angle, mass, mu, mass * G, normal, downhill, friction, net, net / mass, slides)


def _instructions(f: Forces, rng: np.random.Generator) -> tuple[str, str, str]:
    mu = dec(f.mu)
    abstract = (f"A {f.mass} kg block rests on a {f.angle}° incline with coefficient of friction μ = {mu} "
                f"(g = 9.8 m/s²). " + ("Draw its free-body diagram and find its acceleration."
                                        if rng.random() < 0.5 else
                                        "Sketch the forces on the block and label their sizes, the net force "
                                        "along the incline and the acceleration."))
    motion = (f"it slides down with a = {dec(f.acceleration)} m/s²" if f.slides
              else "static friction holds it, so the net force and the acceleration are zero")
    explicit = (f"Draw an incline at {f.angle}° with a {f.mass} kg block on it. From the block draw the weight "
                f"W = {dec(f.weight)} N straight down, the normal force N = {dec(f.normal)} N perpendicular to the "
                f"surface" + (f" and friction f = {dec(f.friction)} N up the slope" if f.mu else "")
                + f"; mark the angle θ = {f.angle}° and note that {motion} "
                f"(net force {dec(f.net)} N along the incline).")
    zh = (f"质量为 {f.mass} kg 的木块放在倾角为 {f.angle}° 的斜面上，动摩擦因数 μ = {mu}（g = 9.8 m/s²）。"
          f"画出木块的受力分析图，标出各力大小、沿斜面的合力和加速度。")
    return abstract, explicit, zh


def _cot(f: Forces, names: dict) -> str:
    steps = [
        f"1. Weight W = mg = {f.mass} × 9.8 = {dec(f.weight)} N, straight down.",
        f"2. Resolve W along the incline: mg sin {f.angle}° ≈ {float(f.downhill):.4f} N down the slope, "
        f"mg cos {f.angle}° ≈ {float(f.normal):.4f} N into the surface; so N ≈ {float(f.normal):.4f} N.",
    ]
    if f.mu == 0:
        steps.append("3. The surface is frictionless: f = 0.")
    elif f.slides:
        steps.append(f"3. Largest friction μN ≈ {float(f.mu * f.normal):.4f} N < {float(f.downhill):.4f} N, so the "
                     f"block slides and kinetic friction f = μN ≈ {float(f.friction):.4f} N acts up the slope.")
    else:
        steps.append(f"3. Largest friction μN ≈ {float(f.mu * f.normal):.4f} N ≥ {float(f.downhill):.4f} N, so "
                     f"static friction f = mg sinθ ≈ {float(f.friction):.4f} N holds the block.")
    steps.append(f"4. Net force along the incline = {float(f.downhill):.4f} − {float(f.friction):.4f} ≈ "
                 f"{float(f.net):.4f} N; a = F/m ≈ {float(f.acceleration):.4f} m/s² down the slope.")
    steps.append(f"5. Draw W in {names['weight']}, N in {names['normal']}"
                 + (f", f in {names['friction']}" if f.mu else "") + ", each from the block's centre with "
                 "its length in proportion to its size, and the angle θ at the foot of the incline.")
    return " ".join(steps)


class FreeBodyTemplate(ScienceTemplate):
    name = "physics.free_body"
    family = "physics"
    subject = "Physics"
    image_type = "Diagrams"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        colors, names = pick_colors(rng, ctx, ("weight", "normal", "friction", "block"))
        mirror = bool(rng.random() < 0.5)
        for _ in range(4):
            angle, mass = int(rng.choice(ANGLES)), int(rng.choice(MASSES))
            mu = sp.Rational(FRICTION[int(rng.integers(len(FRICTION)))])
            forces = solve(angle, mass, mu)
            for attempt in range(LAYOUT_TRIES):
                drawing, objects = draw(ctx, forces, colors, mirror, attempt)
                if layout_ok(drawing):
                    break
            else:
                continue
            break
        abstract, explicit, zh = _instructions(forces, rng)
        return ScienceItem(
            instruction=abstract, instruction_explicit=explicit, instruction_zh=zh, cot=_cot(forces, names),
            answer={
                "weight": approx(forces.weight),
                "normal": approx(forces.normal),
                "friction": approx(forces.friction),
                "gravity_along_incline": approx(forces.downhill),
                "net_force": approx(forces.net),
                "acceleration": approx(forces.acceleration),
                "slides": forces.slides,
                "friction_kind": "none" if mu == 0 else "kinetic" if forces.slides else "static",
                "normal_exact": str(forces.normal),
                "acceleration_exact": str(forces.acceleration),
            },
            problem={"angle_deg": angle, "mass": mass, "mu": str(mu), "g": 9.8, "released_from_rest": True},
            image=drawing.png, width=drawing.width, height=drawing.height,
            difficulty="easy" if mu == 0 else "medium" if forces.slides else "hard",
            labels={"texts": drawing.texts, "objects": objects},
            render={"colors": colors, "mirror": mirror, "layout_attempt": attempt},
        )
