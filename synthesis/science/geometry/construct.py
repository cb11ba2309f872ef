"""The generator's solver for triangles: sympy.geometry where it is exact and fast.

Circumcentre, orthocentre, centroid, altitudes, side lengths and angles come from
`sympy.geometry.Triangle` (exact). Everything built on the incentre (incentre, inradius,
touch points, angle-bisector feet) is computed as the crossing of two angle bisectors in
30-digit arithmetic: sympy's exact incentre needs `simplify` over nested radicals and
takes seconds. The verifier (filters/science/geometry.py) uses explicit formulas instead
(linear systems, the side-weighted vertex average, the bisector theorem).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import mpmath
import sympy as sp
from sympy.geometry import Point, Segment, Triangle

CENTRES = ("circumcentre", "incentre", "orthocentre", "centroid")
CENTRE_LETTER = {"circumcentre": "O", "incentre": "I", "orthocentre": "H", "centroid": "G"}
RADIUS_NAME = {"circumcentre": "circumradius", "incentre": "inradius"}
VERTEX_NAMES = ("A", "B", "C")
SIDE_NAMES = ("a", "b", "c")  # a = BC, opposite A; b = CA; c = AB
DIGITS = 30


@dataclass
class Construction:
    kind: str  # one of CENTRES
    centre: tuple[sp.Expr, sp.Expr]  # exact, or 30-digit Floats (incentre)
    radius: sp.Expr | None  # circumradius / inradius
    feet: list[tuple[sp.Expr, sp.Expr]]  # one on each side line: opposite A, B, C
    exact: bool


@dataclass
class TriangleSolution:
    vertices: list[tuple[sp.Rational, sp.Rational]]
    sides: dict[str, sp.Expr]  # a, b, c exact
    angles: dict[str, sp.Expr]  # A, B, C in radians, exact
    area: sp.Rational
    constructions: dict[str, Construction] = field(default_factory=dict)


def _xy(p: Point) -> tuple[sp.Expr, sp.Expr]:
    return p.x, p.y


def _incentre_numeric(vertices) -> tuple[tuple[sp.Float, sp.Float], sp.Float, list, list]:
    """Incentre as the crossing of the bisectors at A and B; inradius as its distance to
    BC; touch points as its projections on the sides; bisector feet as the crossings of
    each bisector with the opposite side line."""
    with mpmath.workdps(DIGITS + 5):
        P = [mpmath.matrix([mpmath.mpf(sp.Rational(x).p) / sp.Rational(x).q,
                            mpmath.mpf(sp.Rational(y).p) / sp.Rational(y).q]) for x, y in vertices]

        def unit(v):
            return v / mpmath.norm(v)

        def bisector(i):
            j, k = (i + 1) % 3, (i + 2) % 3
            return P[i], unit(P[j] - P[i]) + unit(P[k] - P[i])

        def cross(p, d, q, e):
            """Point where p + s·d meets q + t·e."""
            det = d[0] * (-e[1]) - d[1] * (-e[0])
            rhs = q - p
            s = (rhs[0] * (-e[1]) - rhs[1] * (-e[0])) / det
            return p + s * d

        (pa, da), (pb, db) = bisector(0), bisector(1)
        incentre = cross(pa, da, pb, db)
        touch, feet = [], []
        for i in range(3):
            q, r = P[(i + 1) % 3], P[(i + 2) % 3]
            e = r - q
            t = ((incentre - q).T * e)[0] / (e.T * e)[0]
            touch.append(q + t * e)
            p, d = bisector(i)
            feet.append(cross(p, d, q, e))
        inradius = mpmath.norm(incentre - touch[0])

        def f(v):
            return sp.Float(v, DIGITS)

        return ((f(incentre[0]), f(incentre[1])), f(inradius),
                [(f(p[0]), f(p[1])) for p in touch], [(f(p[0]), f(p[1])) for p in feet])


def solve_triangle(vertices, centres=CENTRES, incentre_feet: str = "touch") -> TriangleSolution:
    """Sides, angles and the requested centres of the triangle with `vertices` (A, B, C).
    `incentre_feet`: "touch" (incircle touch points) or "bisector" (angle-bisector feet)."""
    pts = [Point(sp.Rational(x), sp.Rational(y)) for x, y in vertices]
    tri = Triangle(*pts)
    if not isinstance(tri, Triangle):
        raise ValueError(f"degenerate triangle {vertices}")
    A, B, C = pts
    sides = {"a": Segment(B, C).length, "b": Segment(C, A).length, "c": Segment(A, B).length}
    angles = dict(zip(VERTEX_NAMES, (tri.angles[p] for p in pts)))
    out = TriangleSolution([_xy(p) for p in pts], sides, angles, abs(tri.area))
    opposite = [Segment(B, C), Segment(C, A), Segment(A, B)]
    for kind in centres:
        if kind == "circumcentre":
            out.constructions[kind] = Construction(kind, _xy(tri.circumcenter), tri.circumradius,
                                                   [_xy(s.midpoint) for s in opposite], True)
        elif kind == "orthocentre":
            altitudes = tri.altitudes
            out.constructions[kind] = Construction(kind, _xy(tri.orthocenter), None,
                                                   [_xy(altitudes[p].p2) for p in pts], True)
        elif kind == "centroid":
            out.constructions[kind] = Construction(kind, _xy(tri.centroid), None,
                                                   [_xy(s.midpoint) for s in opposite], True)
        elif kind == "incentre":
            centre, radius, touch, feet = _incentre_numeric(vertices)
            out.constructions[kind] = Construction(kind, centre, radius,
                                                   touch if incentre_feet == "touch" else feet, False)
        else:
            raise ValueError(f"unknown centre {kind!r}; allowed: {', '.join(CENTRES)}")
    return out
