"""Verifiers of the functions family: recompute from `problem` with sympy and mpmath.

Independent of synthesis.science.functions: the function is parsed back from its
string (and checked against its srepr), and every answer comes by another route than
the generator's: zeros from sign changes on a dense grid refined by bisection (not
`real_roots`/`solveset`), slopes by numerical differentiation (not `diff` + `subs`),
integrals by quadrature (not antiderivatives), asymptotes by limits (not polynomial
division), maxima by a grid search refined on f′.
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np
import sympy as sp

X = sp.Symbol("x", real=True)
GRID = 20001
DPS = 30


def _parse(text: str) -> sp.Expr:
    return sp.sympify(text, locals={"x": X})


def _function(problem: dict[str, Any]) -> tuple[sp.Expr, float, float]:
    f = _parse(problem["f"])
    if sp.srepr(f) != problem["f_srepr"]:
        raise ValueError("f does not parse back to its recorded expression")
    lo, hi = (float(sp.sympify(v)) for v in problem["interval"])
    return f, lo, hi


def _r(value) -> float:
    return round(float(value), 6)


def _grid(expr: sp.Expr, lo: float, hi: float, n: int = GRID) -> tuple[np.ndarray, np.ndarray]:
    xs = np.linspace(lo, hi, n)
    with np.errstate(all="ignore"):
        values = np.array(np.broadcast_to(sp.lambdify(X, expr, "numpy")(xs), xs.shape), dtype=float)
    return xs, values


def _bisect(fn, a: float, b: float, steps: int = 110) -> float:
    """A zero of `fn` (an mpmath function) in [a, b], where it changes sign."""
    with mpmath.workdps(DPS):
        a, b = mpmath.mpf(a), mpmath.mpf(b)
        fa = fn(a)
        for _ in range(steps):
            m = (a + b) / 2
            fm = fn(m)
            if fm == 0:
                return float(m)
            if (fm < 0) == (fa < 0):
                a, fa = m, fm
            else:
                b = m
        return float((a + b) / 2)


def _sign_changes(expr: sp.Expr, lo: float, hi: float) -> list[float]:
    """Points inside (lo, hi) where `expr` changes sign, refined by bisection."""
    xs, values = _grid(expr, lo, hi)
    fn = sp.lambdify(X, expr, "mpmath")
    roots = []
    for i in range(len(xs) - 1):
        if values[i] * values[i + 1] < 0:
            roots.append(_bisect(fn, xs[i], xs[i + 1]))
        elif values[i] == 0 and 0 < i and values[i - 1] * values[i + 1] < 0:
            roots.append(float(xs[i]))
    return roots


def _stationary_points(f: sp.Expr, ends: tuple[sp.Expr, sp.Expr], grid: int = GRID) -> list[list[float]]:
    df = sp.diff(f, X)
    lo, hi = (float(sp.N(e, DPS)) for e in ends)
    xs = np.linspace(lo, hi, grid)
    with np.errstate(all="ignore"):
        values = np.broadcast_to(sp.lambdify(X, df, "numpy")(xs), xs.shape)
    roots = []
    for i in range(1, grid - 2):
        if values[i] == 0 or values[i] * values[i + 1] < 0:
            root = float(sp.nsolve(df, X, (xs[i], xs[i + 1]), solver="bisect", prec=30)) if values[i] else xs[i]
            roots.append(root)
    for i in (0, grid - 2):  # the cells at the ends: sign changes inside them only
        if values[i] * values[i + 1] < 0:
            roots.append(float(sp.nsolve(df, X, (xs[i], xs[i + 1]), solver="bisect", prec=30)))
    # f′ = 0 exactly at an end (sin at π/2) shows no sign change in float: test it exactly
    for end in ends:
        if abs(sp.N(df.subs(X, end), DPS)) < 1e-20:
            roots.append(float(sp.N(end, DPS)))
    # double roots (f′ touches zero) give no sign change: look for |f′| minima at ~0
    d2f = sp.diff(f, X, 2)
    d2 = np.broadcast_to(sp.lambdify(X, d2f, "numpy")(xs), xs.shape)
    for i in range(1, grid - 1):
        if abs(values[i]) < 1e-9 and d2[i - 1] * d2[i + 1] <= 0 and not any(abs(r - xs[i]) < 1e-3 for r in roots):
            roots.append(float(xs[i]))
    roots = sorted({round(r, 9) for r in roots})
    return [[round(r, 6), round(float(f.subs(X, r)), 6)] for r in roots]


def derivative(problem: dict[str, Any]) -> dict[str, Any]:
    f, _, _ = _function(problem)
    return {"critical_points": _stationary_points(f, tuple(_parse(v) for v in problem["interval"]))}


def tangent_line(problem: dict[str, Any]) -> dict[str, Any]:
    """Slope by numerical differentiation of f at x₀ (mpmath), not by sp.diff."""
    f, _, _ = _function(problem)
    fn = sp.lambdify(X, f, "mpmath")
    with mpmath.workdps(DPS + 10):
        x0 = mpmath.mpf(str(sp.N(_parse(problem["x0"]), DPS + 10)))
        y0 = fn(x0)
        m = mpmath.diff(fn, x0)
        return {"point": [_r(x0), _r(y0)], "slope": _r(m), "intercept": _r(y0 - m * x0)}


def integral_area(problem: dict[str, Any]) -> dict[str, Any]:
    """Quadrature on the pieces between the sign changes of f."""
    f, _, _ = _function(problem)
    a, b = (float(sp.N(_parse(v), DPS)) for v in problem["bounds"])
    fn = sp.lambdify(X, f, "mpmath")
    ends = [a, *_sign_changes(f, a, b), b]
    with mpmath.workdps(DPS):
        pieces = [mpmath.quad(fn, [u, v]) for u, v in zip(ends, ends[1:])]
    positive = sum(p for p in pieces if p > 0)
    negative = -sum(p for p in pieces if p < 0)
    return {"integral": _r(sum(pieces)), "area": _r(positive + negative),
            "positive_area": _r(positive), "negative_area": _r(negative)}


def inflection(problem: dict[str, Any]) -> dict[str, Any]:
    """Sign changes of f″ on a dense grid, bisected; concavity from f″'s sign between them."""
    f, lo, hi = _function(problem)
    d2f = sp.diff(f, X, 2)
    points = _sign_changes(d2f, lo, hi)
    fn, d2 = sp.lambdify(X, f, "mpmath"), sp.lambdify(X, d2f, "mpmath")
    ends = [lo, *points, hi]
    with mpmath.workdps(DPS):
        shape = ["up" if d2(mpmath.mpf((u + v) / 2)) > 0 else "down" for u, v in zip(ends, ends[1:])]
        return {"count": len(points), "inflection_points": [[_r(p), _r(fn(mpmath.mpf(p)))] for p in points],
                "concavity": shape}


def asymptotes(problem: dict[str, Any]) -> dict[str, Any]:
    """Vertical: real zeros of the reduced denominator where |f| blows up; at infinity:
    lim f, or lim f/x and lim (f - m·x) when f is unbounded."""
    f, _, _ = _function(problem)
    _, den = sp.fraction(sp.cancel(f))
    vertical = []
    for r in sp.Poly(den, X).nroots(n=DPS):
        if abs(sp.im(r)) < 1e-12:
            c = float(sp.re(r))
            if min(abs(float(f.subs(X, c + s))) for s in (-1e-9, 1e-9)) > 1e6:
                vertical.append(_r(c))
    limit = sp.limit(f, X, sp.oo)
    if limit.is_finite:
        if sp.limit(f, X, -sp.oo) != limit:
            raise ValueError("different horizontal asymptotes at ±∞")
        return {"vertical": sorted(vertical), "horizontal": _r(limit), "oblique": None}
    m = sp.limit(f / X, X, sp.oo)
    b = sp.limit(f - m * X, X, sp.oo)
    return {"vertical": sorted(vertical), "horizontal": None, "oblique": [_r(m), _r(b)]}


def shift_edit(problem: dict[str, Any]) -> dict[str, Any]:
    """g evaluated through f at the moved point: f(x) + k, f(x - h), a·f(x)."""
    f, _, _ = _function(problem)
    fn = sp.lambdify(X, f, "mpmath")
    amount = sp.N(_parse(problem["amount"]), DPS)
    out = []
    with mpmath.workdps(DPS):
        k = mpmath.mpf(str(amount))
        for text in problem["sample_x"]:
            x = mpmath.mpf(str(sp.N(_parse(text), DPS)))
            y = {"shift_up": lambda: fn(x) + k, "shift_right": lambda: fn(x - k),
                 "scale": lambda: k * fn(x)}[problem["transform"]]()
            out.append([_r(x), _r(y)])
    return {"values": [y for _, y in out], "samples": out}


def read_extremum(problem: dict[str, Any]) -> dict[str, Any]:
    """The grid's argmax, refined to the zero of f′ next to it unless it is an end."""
    f, lo, hi = _function(problem)
    xs, values = _grid(f, lo, hi)
    i = int(np.nanargmax(values))
    fn = sp.lambdify(X, f, "mpmath")
    if 0 < i < len(xs) - 1:
        x = _bisect(sp.lambdify(X, sp.diff(f, X), "mpmath"), xs[i - 1], xs[i + 1])
    else:
        x = lo if i == 0 else hi
    with mpmath.workdps(DPS):
        return {"answer": [_r(x), _r(fn(mpmath.mpf(x)))]}


VERIFIERS = {
    "functions.derivative": derivative,
    "functions.tangent_line": tangent_line,
    "functions.integral_area": integral_area,
    "functions.inflection": inflection,
    "functions.asymptotes": asymptotes,
    "functions.shift_edit": shift_edit,
    "functions.read_extremum": read_extremum,
}
