"""A region under y = f(x) on [a, b] (f ≥ 0) and its solid of revolution about the x axis.

f is recorded twice in the problem: as the sympy string, and structurally
(polynomial coefficients, or the linear polynomial under a square root), so the verifier
can rebuild f without parsing sympy output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

X = sp.Symbol("x", real=True)
KINDS = ("linear", "quadratic", "arch", "sqrt")


@dataclass(frozen=True)
class Region:
    kind: str
    f: sp.Expr
    a: int
    b: int
    coeffs: list[sp.Rational] | None  # f = Σ coeffs[i]·x^i
    sqrt_of: list[sp.Rational] | None  # f = √(sqrt_of[0] + sqrt_of[1]·x)

    def structure(self) -> dict:
        if self.coeffs is not None:
            return {"coeffs": [str(c) for c in self.coeffs]}
        return {"sqrt_of": [str(c) for c in self.sqrt_of]}


def _polynomial(coeffs: list[sp.Rational]) -> sp.Expr:
    return sp.Add(*(c * X ** i for i, c in enumerate(coeffs)))


def sample_region(rng: np.random.Generator) -> Region:
    kind = KINDS[int(rng.integers(len(KINDS)))]
    if kind == "linear":  # a cone or a frustum
        coeffs = [sp.Integer(int(rng.integers(0, 4))), sp.Rational(int(rng.choice([1, 1, 2])), int(rng.choice([1, 2])))]
        a = int(rng.integers(0, 2))
        return Region(kind, _polynomial(coeffs), a, a + int(rng.integers(2, 5)), coeffs, None)
    if kind == "quadratic":  # a flared vase: f = αx² + q
        # a gentle flare (radius at most ~4.5 over a length of 2-3) keeps the solid readable
        a = int(rng.integers(0, 2))
        b = a + int(rng.integers(2, 4))
        coeffs = [sp.Integer(int(rng.integers(1, 3))), sp.Integer(0), sp.Rational(1, 2 if b < 3 else 4)]
        return Region(kind, _polynomial(coeffs), a, b, coeffs, None)
    if kind == "arch":  # f = x(k − x) on [0, k]: a closed spindle
        k = int(rng.integers(2, 5))
        scale = sp.Rational(1, int(rng.choice([1, 2]))) if k > 2 else sp.Integer(1)
        coeffs = [sp.Integer(0), scale * k, -scale]
        return Region(kind, _polynomial(coeffs), 0, k, coeffs, None)
    k = int(rng.choice([1, 2, 4]))  # a paraboloid: f = √(k·x + c)
    c = int(rng.choice([0, 0, 1]))
    sqrt_of = [sp.Integer(c), sp.Integer(k)]
    return Region(kind, sp.sqrt(k * X + c), 0, int(rng.integers(2, 6)), None, sqrt_of)


@dataclass(frozen=True)
class Revolution:
    integrand: sp.Expr  # π·f(x)²
    volume: sp.Expr
    area: sp.Expr  # of the region under the curve


def revolve(region: Region) -> Revolution:
    """Exact integrals by antiderivatives (sympy's general `integrate` is ~10× slower):
    π·f² is a polynomial for every kind (√(c + kx)² = c + kx)."""
    a, b = sp.Integer(region.a), sp.Integer(region.b)
    integrand = sp.expand(sp.pi * region.f ** 2)
    square = sp.Poly(sp.expand(region.f ** 2), X).integrate()
    volume = sp.pi * (square.eval(b) - square.eval(a))
    if region.coeffs is not None:
        primitive = sp.Poly(region.f, X).integrate()
        area = primitive.eval(b) - primitive.eval(a)
    else:  # ∫√(c + kx) dx = 2(c + kx)^(3/2) / (3k)
        c, k = region.sqrt_of
        area = sp.Rational(2, 3) / k * ((c + k * b) ** sp.Rational(3, 2) - (c + k * a) ** sp.Rational(3, 2))
    return Revolution(integrand, volume, sp.radsimp(area))
