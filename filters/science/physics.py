"""Verifiers of the physics family (independent of synthesis.science.physics).

Each recomputes by another route than the generator:
- circuits: nodal analysis (conductance matrix, sympy `Matrix.LUsolve`) on a netlist
  built here from the topology, where the generator reduces series/parallel blocks;
- projectile: the closed-form time of flight, height and range in floating point, where
  the generator solves y(t) = 0 and y'(t) = 0 with sympy;
- incline: forces from `math.sin`/`math.cos`, where the generator projects the weight
  vector onto the incline's axes with sympy;
- lens: the image as the crossing point of two principal rays (similar triangles), where
  the generator solves the thin-lens equation;
- kinematics: areas of triangles and trapezoids with `fractions.Fraction`, where the
  generator integrates the piecewise velocity with sympy.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import sympy as sp


def _round(x) -> float:
    return round(float(x), 6)


# ---- circuits -------------------------------------------------------------------------

def _netlist(topology, a: int, b: int, next_node: list[int], out: list[tuple[str, int, int]]) -> None:
    """Resistors as (name, from node, to node); series blocks get fresh inner nodes."""
    if isinstance(topology, str):
        out.append((topology, a, b))
        return
    kind, children = topology[0], topology[1:]
    if kind == "parallel":
        for child in children:
            _netlist(child, a, b, next_node, out)
        return
    if kind != "series":
        raise ValueError(f"unknown block {kind!r}")
    nodes = [a]
    for _ in children[:-1]:
        nodes.append(next_node[0])
        next_node[0] += 1
    nodes.append(b)
    for child, p, q in zip(children, nodes, nodes[1:]):
        _netlist(child, p, q, next_node, out)


def _nodal(topology, resistances: dict[str, sp.Rational], voltage: sp.Rational) -> dict[str, Any]:
    """Node 0: battery +, potential V; node 1: battery −, ground; the rest unknown."""
    netlist: list[tuple[str, int, int]] = []
    counter = [2]
    _netlist(topology, 0, 1, counter, netlist)
    n_unknown = counter[0] - 2
    potentials = {0: voltage, 1: sp.Integer(0)}
    if n_unknown:
        g = sp.zeros(n_unknown, n_unknown)
        rhs = sp.zeros(n_unknown, 1)
        for name, p, q in netlist:
            c = 1 / resistances[name]
            for u, v in ((p, q), (q, p)):
                if u >= 2:
                    g[u - 2, u - 2] += c
                    if v >= 2:
                        g[u - 2, v - 2] -= c
                    else:
                        rhs[u - 2] += c * potentials[v]
        solution = g.LUsolve(rhs)
        potentials.update({i + 2: sp.Rational(solution[i]) for i in range(n_unknown)})
    currents = {name: (potentials[p] - potentials[q]) / resistances[name] for name, p, q in netlist}
    total = sum((currents[name] for name, p, _ in netlist if p == 0), sp.Integer(0))
    total -= sum((currents[name] for name, _, q in netlist if q == 0), sp.Integer(0))
    voltages = {name: potentials[p] - potentials[q] for name, p, q in netlist}
    names = sorted(currents, key=lambda n: int(n[1:]))
    return {
        "equivalent_resistance": _round(voltage / total),
        "equivalent_resistance_exact": str(sp.Rational(voltage / total)),
        "total_current": _round(total),
        "total_current_exact": str(sp.Rational(total)),
        "currents": {n: _round(currents[n]) for n in names},
        "currents_exact": {n: str(sp.Rational(currents[n])) for n in names},
        "voltages": {n: _round(voltages[n]) for n in names},
        "voltages_exact": {n: str(sp.Rational(voltages[n])) for n in names},
    }


def _circuit_inputs(problem: dict[str, Any]) -> tuple[Any, dict[str, sp.Rational], sp.Rational]:
    values = {k: sp.Rational(v) for k, v in problem["resistances"].items()}
    return problem["topology"], values, sp.Rational(problem["voltage"])


def circuit(problem: dict[str, Any]) -> dict[str, Any]:
    return _nodal(*_circuit_inputs(problem))


def resistance_edit(problem: dict[str, Any]) -> dict[str, Any]:
    topology, values, voltage = _circuit_inputs(problem)
    name, factor = problem["edit"]["resistor"], sp.Rational(problem["edit"]["factor"])
    if factor not in (2, sp.Rational(1, 2)):
        raise ValueError(f"the edit doubles or halves a resistance, not ×{factor}")
    values[name] *= factor
    out = _nodal(topology, values, voltage)
    return {"currents": out.pop("currents"), **out, "resistor": name, "new_resistance": _round(values[name])}


def current_question(problem: dict[str, Any]) -> dict[str, Any]:
    out = _nodal(*_circuit_inputs(problem))
    target = problem["target"]
    return {"answer": out["currents"][target], "answer_exact": out["currents_exact"][target], "unit": "A",
            "resistor": target, "total_current": out["total_current"]}


# ---- projectile ----------------------------------------------------------------------

def projectile(problem: dict[str, Any]) -> dict[str, Any]:
    """T = (v sinθ + √(v² sin²θ + 2 g h)) / g, H = h + v² sin²θ / (2g), R = v cosθ · T."""
    v, h, g = float(problem["v0"]), float(problem["launch_height"]), float(problem["g"])
    theta = math.radians(float(problem["angle_deg"]))
    vx, vy = v * math.cos(theta), v * math.sin(theta)
    flight = (vy + math.sqrt(vy * vy + 2 * g * h)) / g
    return {
        "time_of_flight": _round(flight),
        "max_height": _round(h + vy * vy / (2 * g)),
        "range": _round(vx * flight),
        "apex": [_round(vx * vy / g), _round(h + vy * vy / (2 * g))],
        "apex_time": _round(vy / g),
    }


# ---- block on an incline --------------------------------------------------------------

def free_body(problem: dict[str, Any]) -> dict[str, Any]:
    m, g, mu = float(problem["mass"]), float(problem["g"]), float(Fraction(problem["mu"]))
    theta = math.radians(float(problem["angle_deg"]))
    weight = m * g
    normal, pull = weight * math.cos(theta), weight * math.sin(theta)
    slides = pull > mu * normal
    friction = mu * normal if slides else pull
    return {
        "weight": _round(weight),
        "normal": _round(normal),
        "friction": _round(friction),
        "gravity_along_incline": _round(pull),
        "net_force": _round(pull - friction),
        "acceleration": _round((pull - friction) / m),
        "slides": slides,
    }


# ---- thin lens ------------------------------------------------------------------------

def _crossing(p1, p2, q1, q2) -> tuple[Fraction, Fraction]:
    """Where line p1p2 meets line q1q2 (exact, by Cramer's rule)."""
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = p1, p2, q1, q2
    det = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if det == 0:
        raise ValueError("the rays are parallel: no image")
    a, b = x1 * y2 - y1 * x2, x3 * y4 - y3 * x4
    return (a * (x3 - x4) - (x1 - x2) * b) / det, (a * (y3 - y4) - (y1 - y2) * b) / det


def lens(problem: dict[str, Any]) -> dict[str, Any]:
    """The image is where the ray parallel to the axis (bent through the focal point at x = f)
    meets the ray through the centre; magnification = image height / object height."""
    f, d_o, h = (Fraction(problem[k]) for k in ("focal_length", "object_distance", "object_height"))
    if (problem["lens"] == "converging") != (f > 0):
        raise ValueError("lens kind and sign of f disagree")
    top = (-d_o, h)
    x, y = _crossing((Fraction(0), h), (f, Fraction(0)), top, (Fraction(0), Fraction(0)))
    m = y / h
    return {
        "image_distance": _round(x),
        "magnification": _round(m),
        "image_height": _round(y),
        "real": x > 0,
        "upright": m > 0,
        "image_distance_exact": str(x),
        "magnification_exact": str(m),
    }


# ---- velocity-time graph ----------------------------------------------------------------

def kinematics(problem: dict[str, Any]) -> dict[str, Any]:
    """Each segment is a trapezoid; where v changes sign inside it, two triangles meeting at
    the crossing time (v_a / (v_a − v_b) of the way along)."""
    times = [Fraction(t) for t in problem["times"]]
    speeds = [Fraction(v) for v in problem["velocities"]]
    areas, distance = [], Fraction(0)
    for t0, t1, v0, v1 in zip(times, times[1:], speeds, speeds[1:]):
        width = t1 - t0
        if width <= 0:
            raise ValueError("times must increase")
        areas.append((v0 + v1) / 2 * width)
        if v0 * v1 < 0:
            cross = width * v0 / (v0 - v1)
            distance += abs(v0) * cross / 2 + abs(v1) * (width - cross) / 2
        else:
            distance += abs(v0 + v1) / 2 * width
    total = sum(areas, Fraction(0))
    return {
        "segment_displacements": [_round(a) for a in areas],
        "displacement": _round(total),
        "distance": _round(distance),
        "segment_displacements_exact": [str(a) for a in areas],
        "displacement_exact": str(total),
        "distance_exact": str(distance),
    }


VERIFIERS = {
    "physics.kinematics": kinematics,
    "physics.lens": lens,
    "physics.free_body": free_body,
    "physics.projectile": projectile,
    "physics.circuit": circuit,
    "physics.resistance_edit": resistance_edit,
    "physics.current_question": current_question,
}
