"""The six textbook solids: their integer dimensions and exact volume and surface area.

Volume and area come from the closed formulas with sympy integers, so π and square
roots stay symbolic (`45*pi`, `3*sqrt(34)*pi + 9*pi`). The verifier in
filters/science/solid.py gets the same numbers by another route (vertex coordinates
and the divergence theorem, numeric integration of a profile).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

KINDS = ("cuboid", "cylinder", "cone", "sphere", "square_pyramid", "triangular_prism")

# Dimension symbols of each kind, in the order they are named in prompts.
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "cuboid": ("l", "w", "h"),
    "cylinder": ("r", "h"),
    "cone": ("r", "h"),
    "sphere": ("r",),
    "square_pyramid": ("a", "h"),
    "triangular_prism": ("a", "b", "l"),
}

# English / Chinese names of the solids and of their dimensions.
NAMES = {
    "cuboid": ("cuboid", "长方体"), "cylinder": ("cylinder", "圆柱"), "cone": ("cone", "圆锥"),
    "sphere": ("sphere", "球"), "square_pyramid": ("square pyramid", "正四棱锥"),
    "triangular_prism": ("right triangular prism", "直三棱柱"),
}
WORDS = {
    "cuboid": {"l": ("length", "长"), "w": ("width", "宽"), "h": ("height", "高")},
    "cylinder": {"r": ("radius", "底面半径"), "h": ("height", "高")},
    "cone": {"r": ("base radius", "底面半径"), "h": ("height", "高")},
    "sphere": {"r": ("radius", "半径")},
    "square_pyramid": {"a": ("base edge", "底面边长"), "h": ("height", "高")},
    "triangular_prism": {"a": ("base leg", "底面直角边"), "b": ("base leg", "底面直角边"), "l": ("length", "长")},
}

# Inclusive integer ranges per dimension; kept so that no solid is needle-thin or flat.
RANGES: dict[str, dict[str, tuple[int, int]]] = {
    "cuboid": {"l": (2, 8), "w": (2, 7), "h": (2, 8)},
    "cylinder": {"r": (1, 5), "h": (2, 9)},
    "cone": {"r": (1, 5), "h": (2, 9)},
    "sphere": {"r": (1, 9)},
    "square_pyramid": {"a": (2, 8), "h": (2, 9)},
    "triangular_prism": {"a": (2, 7), "b": (2, 7), "l": (3, 9)},
}
MAX_ASPECT = 3.5  # longest / shortest extent of the solid


@dataclass(frozen=True)
class Solid:
    kind: str
    dims: dict[str, int]

    def extents(self) -> tuple[int, ...]:
        """Extents along x, y, z (diameters for round solids)."""
        d = self.dims
        return {
            "cuboid": lambda: (d["l"], d["w"], d["h"]),
            "cylinder": lambda: (2 * d["r"], 2 * d["r"], d["h"]),
            "cone": lambda: (2 * d["r"], 2 * d["r"], d["h"]),
            "sphere": lambda: (2 * d["r"],) * 3,
            "square_pyramid": lambda: (d["a"], d["a"], d["h"]),
            "triangular_prism": lambda: (d["a"], d["l"], d["b"]),
        }[self.kind]()

    def with_dim(self, name: str, value: int) -> Solid:
        return Solid(self.kind, {**self.dims, name: int(value)})


def well_shaped(solid: Solid) -> bool:
    ext = solid.extents()
    return max(ext) / min(ext) <= MAX_ASPECT


def sample_solid(rng: np.random.Generator, kind: str | None = None) -> Solid:
    kind = kind or KINDS[int(rng.integers(len(KINDS)))]
    while True:  # rejection: terminates fast, most draws are well shaped
        dims = {name: int(rng.integers(lo, hi + 1)) for name, (lo, hi) in RANGES[kind].items()}
        solid = Solid(kind, dims)
        if well_shaped(solid):
            return solid


def volume(solid: Solid) -> sp.Expr:
    d = {k: sp.Integer(v) for k, v in solid.dims.items()}
    pi = sp.pi
    return {
        "cuboid": lambda: d["l"] * d["w"] * d["h"],
        "cylinder": lambda: pi * d["r"] ** 2 * d["h"],
        "cone": lambda: pi * d["r"] ** 2 * d["h"] / 3,
        "sphere": lambda: sp.Rational(4, 3) * pi * d["r"] ** 3,
        "square_pyramid": lambda: d["a"] ** 2 * d["h"] / 3,
        "triangular_prism": lambda: d["a"] * d["b"] * d["l"] / 2,
    }[solid.kind]()


def surface_area(solid: Solid) -> sp.Expr:
    d = {k: sp.Integer(v) for k, v in solid.dims.items()}
    pi, sqrt = sp.pi, sp.sqrt
    return {
        "cuboid": lambda: 2 * (d["l"] * d["w"] + d["l"] * d["h"] + d["w"] * d["h"]),
        "cylinder": lambda: 2 * pi * d["r"] ** 2 + 2 * pi * d["r"] * d["h"],
        "cone": lambda: pi * d["r"] ** 2 + pi * d["r"] * sqrt(d["r"] ** 2 + d["h"] ** 2),
        "sphere": lambda: 4 * pi * d["r"] ** 2,
        "square_pyramid": lambda: d["a"] ** 2 + 2 * d["a"] * sqrt(d["h"] ** 2 + (d["a"] / 2) ** 2),
        "triangular_prism": lambda: d["a"] * d["b"] + d["l"] * (d["a"] + d["b"] + sqrt(d["a"] ** 2 + d["b"] ** 2)),
    }[solid.kind]()


# The formulas as readers write them, for the chain of thought.
FORMULAS = {
    "cuboid": ("V = l·w·h", "S = 2(lw + lh + wh)"),
    "cylinder": ("V = πr²h", "S = 2πr² + 2πrh"),
    "cone": ("V = πr²h/3", "S = πr² + πr·√(r² + h²)"),
    "sphere": ("V = 4πr³/3", "S = 4πr²"),
    "square_pyramid": ("V = a²h/3", "S = a² + 2a·√(h² + (a/2)²)"),
    "triangular_prism": ("V = (ab/2)·l", "S = ab + l·(a + b + √(a² + b²))"),
}


def value(expr: sp.Expr) -> float:
    return round(float(sp.N(expr, 30)), 6)
