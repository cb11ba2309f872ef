"""Verifiers of the statistics family (independent of synthesis.science.statistics).

The generator computes with sympy Rationals (means as sums over n, medians by sorting,
regression by solving the normal equations with `linsolve`, percentages by sorting
remainders). Here the same answers come from Python's `fractions` and `statistics`
modules: `statistics.mean/median/pvariance` on Fractions (exact), `pstdev`,
`linear_regression` and `correlation` in floating point, the regression's exact values
from the raw-sum formula, histogram bins by bisection, and the largest-remainder
rounding by handing out one unit at a time.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from fractions import Fraction
from typing import Any


def _exact(value: Any) -> Fraction:
    """A JSON data value (int, or a float with one decimal) as the exact number it stands for."""
    return Fraction(str(value))


def _float(value: Fraction | float) -> float:
    return round(float(value), 6)


def _as_written(value: Fraction, decimals: int) -> int | float:
    return int(value) if decimals == 0 else round(float(value), decimals)


def _unique_argmax(values: list[Fraction]) -> int:
    top = max(values)
    if values.count(top) != 1:
        raise ValueError("the largest value is not unique")
    return values.index(top)


def bar(problem: dict[str, Any]) -> dict[str, Any]:
    names = problem["categories"]
    series = []
    for s in problem["series"]:
        values = [_exact(v) for v in s["values"]]
        mean = statistics.mean(values)
        top = _unique_argmax(values)
        series.append({"mean": _float(mean), "mean_exact": str(mean), "max_category": names[top],
                       "max_value": s["values"][top], "name": s["name"], "values": s["values"]})
    return {"series": series, "categories": names}


def line(problem: dict[str, Any]) -> dict[str, Any]:
    names, values = problem["categories"], [_exact(v) for v in problem["values"]]
    rises = [values[i + 1] - values[i] for i in range(len(values) - 1)]
    best = max(rises)
    if best <= 0 or rises.count(best) != 1:
        raise ValueError("no unique largest increase")
    i = rises.index(best)
    return {"largest_increase": _float(best), "largest_increase_exact": str(best), "from_index": i,
            "from": names[i], "to": names[i + 1], "increases": [_float(r) for r in rises]}


def pie(problem: dict[str, Any]) -> dict[str, Any]:
    counts, decimals = problem["counts"], problem["decimals"]
    if problem.get("rule") != "largest remainder":
        raise ValueError(f"unknown rounding rule {problem.get('rule')!r}")
    total = sum(counts)
    units = 100 * 10 ** decimals  # the whole, in the smallest printed step
    quotas = [Fraction(units * c, total) for c in counts]
    given = [q.numerator // q.denominator for q in quotas]
    while sum(given) < units:  # one unit at a time to the largest unmet remainder
        i = max(range(len(counts)), key=lambda j: quotas[j] - given[j])
        given[i] += 1
    percents = [_as_written(Fraction(g, 10 ** decimals), decimals) for g in given]
    shares = [Fraction(c, total) for c in counts]
    return {"percents": percents, "shares": [_float(s) for s in shares], "shares_exact": [str(s) for s in shares],
            "total": total}


def scatter_regression(problem: dict[str, Any]) -> dict[str, Any]:
    xs, ys = [_exact(v) for v in problem["x"]], [_exact(v) for v in problem["y"]]
    n = len(xs)
    sx, sy = sum(xs), sum(ys)
    sxx = sum(x * x for x in xs)
    syy = sum(y * y for y in ys)
    sxy = sum(x * y for x, y in zip(xs, ys))
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    intercept = (sy - slope * sx) / n
    r_squared = (n * sxy - sx * sy) ** 2 / ((n * sxx - sx * sx) * (n * syy - sy * sy))
    fx, fy = [float(x) for x in xs], [float(y) for y in ys]
    fitted = statistics.linear_regression(fx, fy)
    return {"slope": _float(fitted.slope), "intercept": _float(fitted.intercept),
            "r": _float(statistics.correlation(fx, fy)), "slope_exact": str(slope),
            "intercept_exact": str(intercept), "r_squared_exact": str(r_squared), "n": n}


def histogram(problem: dict[str, Any]) -> dict[str, Any]:
    samples, edges = problem["samples"], problem["edges"]
    counts = [0] * (len(edges) - 1)
    for s in samples:
        if not edges[0] <= s <= edges[-1]:
            raise ValueError(f"sample {s} outside the bins")
        counts[min(bisect_right(edges, s) - 1, len(counts) - 1)] += 1  # the right edge joins the last bin
    values = [Fraction(s) for s in samples]
    mean, median = statistics.mean(values), statistics.median(values)
    return {"mean": _float(mean), "mean_exact": str(mean), "median": _float(median), "median_exact": str(median),
            "std": _float(statistics.pstdev(values)), "variance_exact": str(statistics.pvariance(values)),
            "counts": counts, "n": len(samples)}


def change_value_edit(problem: dict[str, Any]) -> dict[str, Any]:
    names, decimals, edit = problem["categories"], problem["decimals"], problem["edit"]
    before = [_exact(v) for v in problem["values"]]
    i = names.index(edit["category"])
    after = list(before)
    after[i] = _exact(edit["new_value"])
    if after[i] == before[i]:
        raise ValueError("the edit changes nothing")
    mean = statistics.mean(after)
    return {"mean": _float(mean), "mean_exact": str(mean), "old_mean": _float(statistics.mean(before)),
            "values": [_as_written(v, decimals) for v in after], "max_category": names[_unique_argmax(after)],
            "old_value": problem["values"][i], "category": names[i]}


def mean_question(problem: dict[str, Any]) -> dict[str, Any]:
    values, statistic = [_exact(v) for v in problem["values"]], problem["statistic"]
    if statistic == "mean":
        result = statistics.mean(values)
    elif statistic == "median":
        result = statistics.median(values)
    elif statistic == "range":
        result = max(values) - min(values)
    else:
        raise ValueError(f"unknown statistic {statistic!r}")
    return {"answer": _float(result), "answer_exact": str(result), "statistic": statistic}


VERIFIERS = {
    "statistics.bar": bar,
    "statistics.line": line,
    "statistics.pie": pie,
    "statistics.scatter_regression": scatter_regression,
    "statistics.histogram": histogram,
    "statistics.change_value_edit": change_value_edit,
    "statistics.mean_question": mean_question,
}
