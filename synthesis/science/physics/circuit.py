"""DC circuits of one battery and 2–4 resistors in series/parallel combinations.

A circuit is a topology tree, `"R1"` or `["series" | "parallel", child, child, ...]`,
with resistor names numbered in reading order (left to right, top to bottom as the
schematic draws them). The solver reduces the tree: equivalent resistances bottom-up,
then the current and voltage of every block top-down (series: same current; parallel:
same voltage). The verifier solves the same circuit by nodal analysis instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import numpy as np
import sympy as sp

from synthesis.science.physics.common import approx

Topology = Union[str, list]

# Shapes by resistor count; "R" leaves are numbered in depth-first (reading) order.
SHAPES: dict[int, tuple] = {
    2: (["series", "R", "R"], ["parallel", "R", "R"]),
    3: (["series", "R", "R", "R"], ["parallel", "R", "R", "R"], ["series", "R", ["parallel", "R", "R"]],
        ["series", ["parallel", "R", "R"], "R"], ["parallel", ["series", "R", "R"], "R"]),
    4: (["series", "R", ["parallel", "R", "R"], "R"], ["series", ["parallel", "R", "R"], ["parallel", "R", "R"]],
        ["series", "R", ["parallel", ["series", "R", "R"], "R"]],
        ["parallel", ["series", "R", "R"], ["series", "R", "R"]],
        ["series", "R", "R", ["parallel", "R", "R"]], ["parallel", ["series", "R", "R"], "R", "R"],
        ["series", ["parallel", "R", "R", "R"], "R"]),
}
RESISTANCES = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20)  # Ω
VOLTAGES = (3, 6, 9, 12, 18, 24)  # V


def number(shape: Topology, counter: list[int] | None = None) -> Topology:
    """Name the "R" leaves R1, R2, ... in depth-first order."""
    counter = counter if counter is not None else [0]
    if isinstance(shape, str):
        counter[0] += 1
        return f"R{counter[0]}"
    return [shape[0]] + [number(child, counter) for child in shape[1:]]


def resistors(topology: Topology) -> list[str]:
    if isinstance(topology, str):
        return [topology]
    return [name for child in topology[1:] for name in resistors(child)]


@dataclass(frozen=True)
class Circuit:
    topology: Topology
    resistances: dict[str, int | sp.Rational]  # Ω
    voltage: int  # V, battery EMF (ideal)

    def problem(self) -> dict:
        return {"topology": self.topology, "resistances": {k: str(v) for k, v in self.resistances.items()},
                "voltage": self.voltage}


def sample_circuit(rng: np.random.Generator, counts: tuple[int, ...] = (2, 3, 4), tries: int = 40) -> Circuit:
    """A random shape and values; values are redrawn (up to `tries` times) until every
    current and voltage is a decimal of at most two places, so labels read exactly."""
    n = int(counts[int(rng.integers(len(counts)))])
    shapes = SHAPES[n]
    topology = number(shapes[int(rng.integers(len(shapes)))])
    for _ in range(tries):
        values = {name: int(RESISTANCES[int(rng.integers(len(RESISTANCES)))]) for name in resistors(topology)}
        circuit = Circuit(topology, values, int(VOLTAGES[int(rng.integers(len(VOLTAGES)))]))
        solution = solve(circuit)
        if all(100 % sp.Rational(v).q == 0 for v in (*solution.currents.values(), *solution.voltages.values())):
            break
    return circuit


@dataclass
class CircuitSolution:
    equivalent: sp.Rational
    total_current: sp.Rational
    currents: dict[str, sp.Rational] = field(default_factory=dict)
    voltages: dict[str, sp.Rational] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)  # the reduction, for the chain of thought


def _label(topology: Topology) -> str:
    """R2, R2+R3, R2‖R3, ... for the chain of thought."""
    if isinstance(topology, str):
        return topology
    join = " + " if topology[0] == "series" else " ‖ "
    return "(" + join.join(_label(c) for c in topology[1:]) + ")"


def _equivalent(topology: Topology, values: dict, steps: list[str]) -> sp.Rational:
    if isinstance(topology, str):
        return sp.Rational(values[topology])
    parts = [_equivalent(child, values, steps) for child in topology[1:]]
    if topology[0] == "series":
        total = sum(parts, sp.Integer(0))
        how = " + ".join(_q(p) for p in parts)
    else:
        total = 1 / sum((1 / p for p in parts), sp.Integer(0))
        how = "1/(" + " + ".join(f"1/{_q(p)}" for p in parts) + ")"
    steps.append(f"{_label(topology)} = {how} = {_q(total)} Ω")
    return total


def _distribute(topology: Topology, values: dict, current: sp.Rational, out: CircuitSolution) -> None:
    """Push the block's current down the tree (its voltage is current × equivalent)."""
    if isinstance(topology, str):
        out.currents[topology] = current
        out.voltages[topology] = current * sp.Rational(values[topology])
        return
    if topology[0] == "series":
        for child in topology[1:]:
            _distribute(child, values, current, out)
        return
    block = _equivalent(topology, values, [])
    voltage = current * block
    out.steps.append(f"the voltage across {_label(topology)} is {_q(current)} A × {_q(block)} Ω = {_q(voltage)} V")
    for child in topology[1:]:
        _distribute(child, values, voltage / _equivalent(child, values, []), out)


def solve(circuit: Circuit) -> CircuitSolution:
    steps: list[str] = []
    r_eq = _equivalent(circuit.topology, circuit.resistances, steps)
    total = sp.Rational(circuit.voltage) / r_eq
    out = CircuitSolution(r_eq, total, steps=steps)
    out.steps.append(f"I = V / R_eq = {circuit.voltage} V / {_q(r_eq)} Ω = {_q(total)} A")
    _distribute(circuit.topology, circuit.resistances, total, out)
    return out


def _q(value: sp.Rational) -> str:
    """An exact value as text: 6, 3/2 (≈1.5 when it does not terminate)."""
    value = sp.Rational(value)
    if value.q == 1:
        return str(value.p)
    decimal = float(value)
    if (value * 1000).q == 1:
        return f"{decimal:g}"
    return f"{value.p}/{value.q} (≈{decimal:.3f})"


def answer(solution: CircuitSolution) -> dict:
    names = sorted(solution.currents, key=lambda n: int(n[1:]))
    return {
        "equivalent_resistance": approx(solution.equivalent),
        "equivalent_resistance_exact": str(solution.equivalent),
        "total_current": approx(solution.total_current),
        "total_current_exact": str(solution.total_current),
        "currents": {n: approx(solution.currents[n]) for n in names},
        "currents_exact": {n: str(solution.currents[n]) for n in names},
        "voltages": {n: approx(solution.voltages[n]) for n in names},
        "voltages_exact": {n: str(solution.voltages[n]) for n in names},
    }
