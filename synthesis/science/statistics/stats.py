"""Exact statistics with sympy: every input is a Rational, every result exact.

The verifier (filters/science/statistics.py) recomputes these with Python's
`fractions` and `statistics` modules, so a slip here cannot pass unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


def mean(values: list[sp.Rational]) -> sp.Rational:
    return sp.Add(*values) / len(values)


def median(values: list[sp.Rational]) -> sp.Rational:
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def value_range(values: list[sp.Rational]) -> sp.Rational:
    return max(values) - min(values)


def population_variance(values: list[sp.Rational]) -> sp.Rational:
    """The mean squared deviation (divide by n, not n - 1)."""
    m = mean(values)
    return sp.Add(*((v - m) ** 2 for v in values)) / len(values)


def population_std(values: list[sp.Rational]) -> sp.Expr:
    """Exact: sqrt of a Rational, simplified by sympy (e.g. sqrt(74)/3)."""
    return sp.sqrt(population_variance(values))


def argmax_unique(values: list[sp.Rational]) -> int | None:
    """Index of the largest value, or None when it is shared (the answer would be ambiguous)."""
    top = max(values)
    hits = [i for i, v in enumerate(values) if v == top]
    return hits[0] if len(hits) == 1 else None


def largest_increase(values: list[sp.Rational]) -> tuple[int, sp.Rational] | None:
    """(i, values[i+1] - values[i]) for the largest rise between consecutive points, or
    None when there is no rise or the largest one is not unique."""
    steps = [b - a for a, b in zip(values, values[1:])]
    i = argmax_unique(steps)
    if i is None or steps[i] <= 0:
        return None
    return i, steps[i]


def largest_remainder_percents(counts: list[int], decimals: int) -> list[sp.Rational] | None:
    """Percentages with `decimals` places that sum to exactly 100 (Hamilton's method):
    round every share down, then hand the missing units, one each, to the shares with the
    largest remainders. None when two equal remainders straddle the cut (the rounding
    would depend on a tie-break rule)."""
    total = sum(counts)
    unit = sp.Rational(1, 10 ** decimals)
    exact = [sp.Rational(100 * c, total) / unit for c in counts]
    floors = [sp.floor(e) for e in exact]
    missing = int(100 / unit - sp.Add(*floors))
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    if 0 < missing < len(counts):
        last_in, first_out = order[missing - 1], order[missing]
        if exact[last_in] - floors[last_in] == exact[first_out] - floors[first_out]:
            return None
    for i in order[:missing]:
        floors[i] += 1
    return [f * unit for f in floors]


@dataclass(frozen=True)
class Regression:
    slope: sp.Rational
    intercept: sp.Rational
    r: sp.Expr  # exact: a Rational times a square root
    r_squared: sp.Rational


def least_squares(xs: list[sp.Rational], ys: list[sp.Rational]) -> Regression:
    """Solve the normal equations sum(y - a - b·x) = 0, sum((y - a - b·x)·x) = 0 exactly."""
    a, b = sp.symbols("a b")
    residuals = [y - a - b * x for x, y in zip(xs, ys)]
    (intercept, slope), = sp.linsolve([sp.Add(*residuals), sp.Add(*(e * x for e, x in zip(residuals, xs)))], [a, b])
    mx, my = mean(xs), mean(ys)
    sxx = sp.Add(*((x - mx) ** 2 for x in xs))
    syy = sp.Add(*((y - my) ** 2 for y in ys))
    sxy = sp.Add(*((x - mx) * (y - my) for x, y in zip(xs, ys)))
    return Regression(sp.Rational(slope), sp.Rational(intercept), sxy / sp.sqrt(sxx * syy), sxy ** 2 / (sxx * syy))


def bin_counts(samples: list[int], edges: list[int]) -> list[int]:
    """Counts per bin [e_i, e_{i+1}); the last bin also holds its right edge."""
    last = len(edges) - 2
    counts = [0] * (len(edges) - 1)
    for s in samples:
        for i in range(len(edges) - 1):
            if edges[i] <= s < edges[i + 1] or (i == last and s == edges[-1]):
                counts[i] += 1
                break
    return counts
