"""Function families: a random f(x) with small integer coefficients and its interval."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

X = sp.Symbol("x", real=True)
FAMILIES = ("polynomial", "sine", "x_exp", "x_sin")
TRIG = ("sine", "x_sin")


@dataclass(frozen=True)
class Problem:
    family: str
    f: sp.Expr
    lo: sp.Expr
    hi: sp.Expr


def canonical(f: sp.Expr) -> sp.Expr:
    """f as it parses back from `str(f)`: problems store `str(f)` and `srepr(f)`, and the
    verifier checks that the one parses to the other."""
    return sp.sympify(str(f), locals={"x": X})


def _sign_amp(rng: np.random.Generator) -> int:
    return int(rng.choice([-3, -2, -1, 1, 2, 3]))


def _trig_interval(rng: np.random.Generator, half_width: int) -> tuple[sp.Expr, sp.Expr]:
    """Half-width snapped to the nearest multiple of π/2; [0, 2w] or [-w, w]."""
    k = max(1, round(2 * half_width / np.pi))
    w = sp.Rational(k, 2) * sp.pi
    return (sp.Integer(0), 2 * w) if rng.random() < 0.5 else (-w, w)


def _polynomial(rng: np.random.Generator) -> sp.Expr:
    degree = int(rng.integers(2, 5))
    coeffs = [int(c) for c in rng.integers(-4, 5, degree + 1)]
    if coeffs[0] == 0:
        coeffs[0] = int(rng.choice([-2, -1, 1, 2]))
    return sp.Add(*(c * X ** (degree - i) for i, c in enumerate(coeffs)))


def sample_problem(rng: np.random.Generator, family: str, half_width: int) -> Problem:
    if family == "polynomial":
        return Problem(family, _polynomial(rng), sp.Integer(-half_width), sp.Integer(half_width))
    if family == "sine":
        b = sp.Rational(int(rng.choice([1, 1, 2, 3])), int(rng.choice([1, 1, 2])))
        return Problem(family, _sign_amp(rng) * sp.sin(b * X), *_trig_interval(rng, half_width))
    if family == "x_exp":
        b = sp.Rational(int(rng.choice([1, 1, 2])), int(rng.choice([1, 2])))
        lo = sp.Integer(-int(rng.integers(0, 2)))
        return Problem(family, _sign_amp(rng) * X * sp.exp(-b * X), lo, lo + 2 * half_width)
    if family == "x_sin":
        b = sp.Integer(int(rng.choice([1, 1, 2])))
        return Problem(family, _sign_amp(rng) * X * sp.sin(b * X), *_trig_interval(rng, half_width))
    raise ValueError(f"unknown family {family!r}; allowed: {', '.join(FAMILIES)}")
