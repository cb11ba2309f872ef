"""Words for circuits: the topology in English and Chinese, label texts, chains of thought."""

from __future__ import annotations

import sympy as sp

from synthesis.science.physics.circuit import Circuit, CircuitSolution, Topology
from synthesis.science.physics.common import dec, eq, num


def describe(topology: Topology, values: dict | None = None, top: bool = True) -> str:
    """"R1 (4 Ω) in series with [R2 (6 Ω) and R3 (3 Ω) in parallel]"."""
    if isinstance(topology, str):
        return f"{topology} ({num(values[topology])} Ω)" if values else topology
    parts = [describe(c, values, False) for c in topology[1:]]
    parts = [p if isinstance(c, str) else f"[{p}]" for p, c in zip(parts, topology[1:])]
    how = topology[0]
    if all(isinstance(c, str) for c in topology[1:]):
        return ", ".join(parts[:-1]) + f" and {parts[-1]} in {how}"
    if len(parts) == 2:
        return f"{parts[0]} in {how} with {parts[1]}"
    return ", ".join(parts[:-1]) + f" and {parts[-1]} all in {how}"


def describe_zh(topology: Topology, values: dict | None = None) -> str:
    if isinstance(topology, str):
        return f"{topology}（{num(values[topology])} Ω）" if values else topology
    parts = [describe_zh(c, values) for c in topology[1:]]
    parts = [p if isinstance(c, str) else f"[{p}]" for p, c in zip(parts, topology[1:])]
    how = "串联" if topology[0] == "series" else "并联"
    return "、".join(parts[:-1]) + f"与{parts[-1]}{how}"


def value_text(name: str, resistance) -> str:
    return f"{name} = {num(sp.Rational(resistance))} Ω"


def reading_text(solution: CircuitSolution, name: str) -> str:
    return f"I {eq(solution.currents[name])} A\nV {eq(solution.voltages[name])} V"


def summary_text(solution: CircuitSolution) -> str:
    return f"$R_{{\\mathrm{{eq}}}}$ {eq(solution.equivalent)} Ω,   $I$ {eq(solution.total_current)} A"


def readings_list(circuit: Circuit, solution: CircuitSolution) -> str:
    return "; ".join(f"{n}: I = {dec(solution.currents[n], 3)} A, V = {dec(solution.voltages[n], 3)} V"
                     for n in sorted(circuit.resistances, key=lambda n: int(n[1:])))


def reduction_cot(circuit: Circuit, solution: CircuitSolution) -> str:
    """The solver's steps, numbered: reduce the network, then split current and voltage."""
    n_reduce = _first_current_step(solution)
    reduce_steps = solution.steps[:n_reduce]
    rest = solution.steps[n_reduce:]
    lines = ["1. Combine resistors (series: add; parallel: add reciprocals): " + "; ".join(reduce_steps) + "."]
    lines.append(f"2. Total current from the battery: {rest[0]}.")
    split = rest[1:]
    lines.append("3. Series elements carry the same current; parallel branches share one voltage"
                 + (": " + "; ".join(split) if split else "") + ".")
    lines.append(f"4. Each resistor (V = I·R): {readings_list(circuit, solution)}.")
    return " ".join(lines)


def _first_current_step(solution: CircuitSolution) -> int:
    return next(i for i, s in enumerate(solution.steps) if s.startswith("I = V / R_eq"))
