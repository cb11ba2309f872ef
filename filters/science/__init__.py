"""Independent recomputation of science answers.

Each family module here exports `VERIFIERS: {template name: solve(problem) -> answer}`,
written apart from the generator's code (different sympy routes, no imports from
`synthesis.science.<family>` solvers), so that the same bug cannot sit on both sides.
`solve` returns the subset of the answer it can recompute; `compare` checks it against
what the generator stored.
"""

from __future__ import annotations

import importlib
import math
from functools import cache
from typing import Any, Callable

from synthesis.science.render import overlapping_labels  # noqa: F401 - the judge's label check

Solver = Callable[[dict[str, Any]], dict[str, Any]]

# family -> module (one per family of synthesis.science.template.FAMILIES).
VERIFIER_MODULES: dict[str, str] = {
    family: f"filters.science.{family}"
    for family in ("functions", "geometry", "solid", "physics", "chemistry", "cs", "statistics")
}


@cache
def _family_verifiers(family: str) -> dict[str, Solver]:
    return importlib.import_module(VERIFIER_MODULES[family]).VERIFIERS


def verifier_for(template: str) -> Solver | None:
    family = template.split(".", 1)[0]
    if family not in VERIFIER_MODULES:
        return None
    return _family_verifiers(family).get(template)


def compare(expected: Any, actual: Any, *, rel_tol: float = 1e-6, abs_tol: float = 1e-6, path: str = "answer") -> list[str]:
    """Paths where `actual` differs from `expected` (numbers within tolerance)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return [] if expected == actual else [f"{path}: {actual!r} != {expected!r}"]
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        ok = math.isclose(float(expected), float(actual), rel_tol=rel_tol, abs_tol=abs_tol)
        return [] if ok else [f"{path}: {actual!r} != {expected!r}"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: not a mapping"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out += compare(value, actual[key], rel_tol=rel_tol, abs_tol=abs_tol, path=f"{path}.{key}")
        return out
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
            return [f"{path}: length {len(actual) if isinstance(actual, (list, tuple)) else '-'} != {len(expected)}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += compare(e, a, rel_tol=rel_tol, abs_tol=abs_tol, path=f"{path}[{i}]")
        return out
    return [] if expected == actual else [f"{path}: {actual!r} != {expected!r}"]
