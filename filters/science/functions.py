"""Verifiers of the functions family: recompute from `problem` with sympy.

Independent of synthesis.science.functions: the function is parsed back from its
string (and checked against its srepr), critical points come from `sympy.nsolve` seeded
on a sign-change grid of f′ computed here, not from the generator's solver.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

X = sp.Symbol("x", real=True)


def _function(problem: dict[str, Any]) -> tuple[sp.Expr, float, float]:
    f = sp.sympify(problem["f"], locals={"x": X})
    if sp.srepr(f) != problem["f_srepr"]:
        raise ValueError("f does not parse back to its recorded expression")
    lo, hi = (float(sp.sympify(v)) for v in problem["interval"])
    return f, lo, hi


def _stationary_points(f: sp.Expr, lo: float, hi: float, grid: int = 20001) -> list[list[float]]:
    df = sp.diff(f, X)
    xs = np.linspace(lo, hi, grid)
    with np.errstate(all="ignore"):
        values = np.broadcast_to(sp.lambdify(X, df, "numpy")(xs), xs.shape)
    roots = []
    for i in range(grid - 1):
        if values[i] == 0 or values[i] * values[i + 1] < 0:
            root = float(sp.nsolve(df, X, (xs[i], xs[i + 1]), solver="bisect", prec=30)) if values[i] else xs[i]
            roots.append(root)
    if values[-1] == 0:
        roots.append(float(xs[-1]))
    # double roots (f′ touches zero) give no sign change: look for |f′| minima at ~0
    d2f = sp.diff(f, X, 2)
    d2 = np.broadcast_to(sp.lambdify(X, d2f, "numpy")(xs), xs.shape)
    for i in range(1, grid - 1):
        if abs(values[i]) < 1e-9 and d2[i - 1] * d2[i + 1] <= 0 and not any(abs(r - xs[i]) < 1e-3 for r in roots):
            roots.append(float(xs[i]))
    roots = sorted(roots)
    return [[round(r, 6), round(float(f.subs(X, r)), 6)] for r in roots]


def derivative(problem: dict[str, Any]) -> dict[str, Any]:
    f, lo, hi = _function(problem)
    return {"critical_points": _stationary_points(f, lo, hi)}


VERIFIERS = {"functions.derivative": derivative}
