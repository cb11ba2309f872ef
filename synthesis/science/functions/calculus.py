"""f′ and the points where it vanishes: exact with sympy where possible, else numeric.

Polynomials: exact real roots (`Poly.real_roots`: rationals, radicals or CRootOf).
Other functions: `solveset` on the interval; when it gives no finite set, roots are
bracketed by sign changes on a dense grid, refined to 30 digits with mpmath, and
replaced by an exact multiple of π/12 or a small rational when that is provably a root.
"""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from synthesis.science.functions.problems import X

GRID = 4001
DIGITS = 30


@dataclass(frozen=True)
class CriticalPoint:
    x: sp.Expr  # exact, or a 30-digit Float when no closed form was found
    y: sp.Expr
    exact: bool
    kind: str  # "local max", "local min" or "stationary inflection"

    def floats(self) -> list[float]:
        return [round(float(self.x.evalf(DIGITS)), 6), round(float(self.y.evalf(DIGITS)), 6)]


@dataclass(frozen=True)
class Solution:
    df: sp.Expr
    d2f: sp.Expr
    method: str  # "real_roots", "solveset" or "numeric"
    points: list[CriticalPoint]


def _numeric_roots(df: sp.Expr, lo: float, hi: float) -> list[sp.Expr]:
    xs = np.linspace(lo, hi, GRID)
    with np.errstate(all="ignore"):
        vs = np.broadcast_to(sp.lambdify(X, df, "numpy")(xs), xs.shape)
    f_mp = sp.lambdify(X, df, "mpmath")
    roots = []
    with mpmath.workdps(DIGITS + 5):
        for i in range(GRID - 1):
            if vs[i] == 0:
                roots.append(mpmath.mpf(xs[i]))
            elif vs[i] * vs[i + 1] < 0:
                bracket = (mpmath.mpf(xs[i]), mpmath.mpf(xs[i + 1]))
                roots.append(mpmath.findroot(f_mp, bracket, solver="anderson"))
        if vs[-1] == 0:
            roots.append(mpmath.mpf(xs[-1]))
    return [_exact_if_possible(df, sp.Float(r, DIGITS)) for r in roots]


def _exact_if_possible(df: sp.Expr, r: sp.Float) -> sp.Expr:
    """`r` as an exact multiple of π/12 or of 1/12 if that is provably a root, else `r`."""
    near_pi = sp.Rational(round(float(r) * 12 / np.pi), 12) * sp.pi
    for candidate in (near_pi, sp.Rational(round(float(r) * 12), 12)):
        if abs(float(candidate.evalf(DIGITS) - r)) < 1e-20 and sp.simplify(df.subs(X, candidate)) == 0:
            return candidate
    return r


def _kind(df: sp.Expr, d2f: sp.Expr, r: sp.Expr) -> str:
    curvature = d2f.subs(X, r).evalf(DIGITS)
    if abs(curvature) > 1e-12:
        return "local min" if curvature > 0 else "local max"
    left, right = (df.subs(X, r + s * sp.Rational(1, 10**6)).evalf(DIGITS) for s in (-1, 1))
    if left < 0 < right:
        return "local min"
    if left > 0 > right:
        return "local max"
    return "stationary inflection"


def real_zeros(expr: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> tuple[str, list[sp.Expr]]:
    """(method, zeros of `expr` in [lo, hi] sorted by value): exact where possible."""
    if expr.is_polynomial(X):
        method = "real_roots"
        roots = [r for r in sp.Poly(expr, X).real_roots() if bool(lo <= r) and bool(r <= hi)]
    else:
        found = sp.solveset(expr, X, sp.Interval(lo, hi))
        if isinstance(found, sp.FiniteSet):
            method, roots = "solveset", list(found)
        else:
            method, roots = "numeric", _numeric_roots(expr, float(lo), float(hi))
    return method, sorted(set(roots), key=lambda r: float(r.evalf(DIGITS)))


def sign_changes(expr: sp.Expr, roots: list[sp.Expr], lo: sp.Expr, hi: sp.Expr) -> list[bool]:
    """For each of the sorted zeros `roots` of `expr` in [lo, hi]: does `expr` change sign
    there? Tested at the midpoints to the neighbouring zeros (or the interval's ends)."""
    xs = [float(lo)] + [float(r.evalf(DIGITS)) for r in roots] + [float(hi)]
    f_mp = sp.lambdify(X, expr, "mpmath")
    out = []
    with mpmath.workdps(DIGITS):
        for i in range(1, len(xs) - 1):
            left, right = (f_mp(mpmath.mpf((xs[i] + xs[j]) / 2)) for j in (i - 1, i + 1))
            out.append(bool(left * right < 0))
    return out


def critical_points(f: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> Solution:
    df = sp.diff(f, X)
    d2f = sp.diff(df, X)
    method, roots = real_zeros(df, lo, hi)
    points = []
    for r in roots:
        exact = not isinstance(r, sp.Float)
        y = f.subs(X, r)
        if exact and not r.has(sp.CRootOf):
            y = sp.simplify(y)
        points.append(CriticalPoint(r, y if exact else y.evalf(DIGITS), exact, _kind(df, d2f, r)))
    return Solution(df, d2f, method, points)
