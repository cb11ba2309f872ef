"""Verifiers of the solid family, independent of synthesis.science.solid.

The generator evaluates closed formulas (πr²h, 2(lw + lh + wh), ...) with sympy. Here:
- polyhedra are rebuilt from vertex coordinates placed differently, and measured by the
  divergence theorem (volume) and cross products (area) in 30-digit mpmath;
- round solids are solids of revolution of a parametric profile (ρ(t), z(t)), measured
  by numeric quadrature (disk method and the surface-of-revolution integral) plus caps;
- three views are max-projections of the height map written here with plain loops;
- the solid of revolution's volume is the disk-method integral by mpmath quadrature of
  the function rebuilt from its recorded coefficients (not from the sympy string).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

import mpmath

DIGITS = 30  # working precision, set per call (mpmath's global precision is shared)

Vec = tuple[Any, Any, Any]


def _r6(x) -> float:
    return round(float(x), 6)


# ---- polyhedra: vertices + faces, divergence theorem ------------------------------

def _polyhedron(kind: str, d: dict[str, Any]) -> tuple[list[Vec], list[list[int]]]:
    m = {k: mpmath.mpf(v) for k, v in d.items()}
    if kind == "cuboid":
        l, w, h = m["l"], m["w"], m["h"]
        v = [(x, y, z) for z in (0, h) for y in (0, w) for x in (0, l)]  # index = x + 2y + 4z
        faces = [[0, 1, 3, 2], [4, 5, 7, 6], [0, 1, 5, 4], [2, 3, 7, 6], [0, 2, 6, 4], [1, 3, 7, 5]]
        return v, faces
    if kind == "square_pyramid":
        a, h = m["a"], m["h"]
        v = [(0, 0, 0), (a, 0, 0), (a, a, 0), (0, a, 0), (a / 2, a / 2, h)]
        return v, [[0, 1, 2, 3], [0, 1, 4], [1, 2, 4], [2, 3, 4], [3, 0, 4]]
    if kind == "triangular_prism":
        # right-triangle cross-section in the xy-plane, extruded along z
        a, b, l = m["a"], m["b"], m["l"]
        v = [(0, 0, 0), (a, 0, 0), (0, b, 0), (0, 0, l), (a, 0, l), (0, b, l)]
        return v, [[0, 1, 2], [3, 4, 5], [0, 1, 4, 3], [1, 2, 5, 4], [2, 0, 3, 5]]
    raise KeyError(kind)


def _sub(p: Vec, q: Vec) -> Vec:
    return (p[0] - q[0], p[1] - q[1], p[2] - q[2])


def _cross(p: Vec, q: Vec) -> Vec:
    return (p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0])


def _dot(p: Vec, q: Vec):
    return p[0] * q[0] + p[1] * q[1] + p[2] * q[2]


def _polyhedron_measures(vertices: list[Vec], faces: list[list[int]]) -> tuple[Any, Any]:
    n = len(vertices)
    centre = tuple(sum(v[i] for v in vertices) / n for i in range(3))
    volume = area = mpmath.mpf(0)
    for face in faces:
        for i in range(1, len(face) - 1):  # fan triangles
            a, b, c = (vertices[face[0]], vertices[face[i]], vertices[face[i + 1]])
            normal = _cross(_sub(b, a), _sub(c, a))
            if _dot(normal, _sub(a, centre)) < 0:  # orient outward (the solid is convex)
                b, c, normal = c, b, tuple(-x for x in normal)
            volume += _dot(a, _cross(b, c)) / 6
            area += mpmath.sqrt(_dot(normal, normal)) / 2
    return volume, area


# ---- round solids: parametric profile revolved about the z axis -------------------

def _revolved(rho: Callable, zeta: Callable, t0, t1) -> tuple[Any, Any]:
    """Volume π∫ρ² dz and area 2π∫ρ·|(ρ', z')| dt of the profile, plus flat end caps."""
    def drho(t):
        return mpmath.diff(rho, t)

    def dzeta(t):
        return mpmath.diff(zeta, t)

    volume = abs(mpmath.pi * mpmath.quad(lambda t: rho(t) ** 2 * dzeta(t), [t0, t1]))
    lateral = 2 * mpmath.pi * mpmath.quad(lambda t: rho(t) * mpmath.sqrt(drho(t) ** 2 + dzeta(t) ** 2), [t0, t1])
    caps = mpmath.pi * (rho(t0) ** 2 + rho(t1) ** 2)
    return volume, lateral + caps


def _round(kind: str, d: dict[str, Any]) -> tuple[Any, Any]:
    r = mpmath.mpf(d["r"])
    if kind == "cylinder":
        h = mpmath.mpf(d["h"])
        return _revolved(lambda t: r, lambda t: t, 0, h)
    if kind == "cone":
        h = mpmath.mpf(d["h"])
        return _revolved(lambda t: r * (1 - t / h), lambda t: t, 0, h)
    if kind == "sphere":
        return _revolved(lambda t: r * mpmath.sin(t), lambda t: -r * mpmath.cos(t), 0, mpmath.pi)
    raise KeyError(kind)


def measures(kind: str, dims: dict[str, Any]) -> tuple[Any, Any]:
    with mpmath.workdps(DIGITS):
        if kind in ("cylinder", "cone", "sphere"):
            v, s = _round(kind, dims)
        else:
            v, s = _polyhedron_measures(*_polyhedron(kind, dims))
        return +v, +s


def solid_measures(problem: dict[str, Any]) -> dict[str, Any]:
    v, s = measures(problem["solid"], problem["dimensions"])
    return {"volume": _r6(v), "surface_area": _r6(s)}


def volume_question(problem: dict[str, Any]) -> dict[str, Any]:
    v, s = measures(problem["solid"], problem["dimensions"])
    return {"answer_float": _r6(v), "volume": _r6(v), "surface_area": _r6(s)}


def resize_edit(problem: dict[str, Any]) -> dict[str, Any]:
    edit = problem["edit"]
    new_value = Fraction(problem["dimensions"][edit["dimension"]]) * Fraction(edit["factor"])
    if new_value.denominator != 1:
        raise ValueError(f"the edit gives a non-integer {edit['dimension']} = {new_value}")
    after = {**problem["dimensions"], edit["dimension"]: int(new_value)}
    v0, _ = measures(problem["solid"], problem["dimensions"])
    v1, s1 = measures(problem["solid"], after)
    return {"volume": _r6(v1), "surface_area": _r6(s1), "volume_before": _r6(v0), "volume_ratio": _r6(v1 / v0),
            "new_value": int(new_value), "dimensions": after}


# ---- three views: max-projections with plain loops ---------------------------------

def three_views(problem: dict[str, Any]) -> dict[str, Any]:
    heights = problem["heights"]
    rows, cols = len(heights), len(heights[0])
    tallest = max(max(row) for row in heights)
    column_tallest = [max(heights[r][c] for r in range(rows)) for c in range(cols)]
    row_tallest = [max(heights[r]) for r in range(rows)]  # back row first = left of the left view

    def silhouette(stacks: list[int]) -> list[list[int]]:
        # view row i (top first) is the level tallest - 1 - i
        return [[1 if stack > tallest - 1 - i else 0 for stack in stacks] for i in range(tallest)]

    top = [[1 if heights[r][c] > 0 else 0 for c in range(cols)] for r in range(rows)]
    return {"cube_count": sum(sum(row) for row in heights), "front_view": silhouette(column_tallest),
            "left_view": silhouette(row_tallest), "top_view": top,
            "visible_from_top": sum(sum(row) for row in top)}


# ---- solid of revolution: disk method by quadrature ---------------------------------

def revolution(problem: dict[str, Any]) -> dict[str, Any]:
    a, b = (mpmath.mpf(v) for v in problem["interval"])
    with mpmath.workdps(DIGITS):
        if "coeffs" in problem:
            coeffs = [Fraction(c) for c in problem["coeffs"]]

            def f(x):
                return mpmath.fsum(mpmath.mpf(c.numerator) / c.denominator * x ** i for i, c in enumerate(coeffs))
        else:
            c0, c1 = (Fraction(c) for c in problem["sqrt_of"])

            def f(x):
                return mpmath.sqrt(mpmath.mpf(c0.numerator) / c0.denominator + mpmath.mpf(c1.numerator) / c1.denominator * x)

        if min(f(a + (b - a) * k / 64) for k in range(65)) < 0:
            raise ValueError("f is negative on the interval: the region is not under the curve")
        volume = mpmath.pi * mpmath.quad(lambda x: f(x) ** 2, [a, b])
        area = mpmath.quad(f, [a, b])
        return {"volume": _r6(volume), "area": _r6(area)}


VERIFIERS = {
    "solid.revolution": revolution,
    "solid.three_views": three_views,
    "solid.solid_measures": solid_measures,
    "solid.volume_question": volume_question,
    "solid.resize_edit": resize_edit,
}
