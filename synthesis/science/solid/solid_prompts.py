"""Instructions (English, Chinese) and chains of thought for the labelled-solid templates
(solid_measures, volume_question, resize_edit)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.solid.shapes import DIMENSIONS, FORMULAS, NAMES, WORDS, Solid, value
from synthesis.science.solid.text import number, pretty


def pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def name(solid: Solid) -> str:
    return NAMES[solid.kind][0]


def title(solid: Solid) -> str:
    return name(solid)[0].upper() + name(solid)[1:]


def article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def dims_en(solid: Solid) -> str:
    """'radius r = 3 and height h = 6'"""
    parts = [f"{WORDS[solid.kind][k][0]} {k} = {solid.dims[k]}" for k in DIMENSIONS[solid.kind]]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def dims_zh(solid: Solid) -> str:
    return "、".join(f"{WORDS[solid.kind][k][1]} {k} = {solid.dims[k]}" for k in DIMENSIONS[solid.kind])


def labels_en(solid: Solid) -> str:
    return ", ".join(f"{k} = {solid.dims[k]}" for k in DIMENSIONS[solid.kind])


def approx(expr: sp.Expr) -> str:
    """'54π ≈ 169.65', or '175' for an integer."""
    return pretty(expr) if expr.is_Integer else f"{pretty(expr)} ≈ {number(value(expr))}"


def measure_steps(solid: Solid, volume: sp.Expr, area: sp.Expr, start: int = 1) -> list[str]:
    v_formula, s_formula = FORMULAS[solid.kind]
    given = ", ".join(f"{k} = {solid.dims[k]}" for k in DIMENSIONS[solid.kind])
    return [
        f"{start}. Volume: {v_formula}; with {given} this is V = {approx(volume)}.",
        f"{start + 1}. Surface area: {s_formula}; with {given} this is S = {approx(area)}.",
    ]


def drawing_step(solid: Solid, render: dict, number_: int, notes: bool) -> str:
    colors = render["color_names"]
    elev, azim = render["camera"]
    text = (f"{number_}. Draw the {name(solid)} in an orthographic view from elevation {elev:g}° and azimuth "
            f"{azim:g}° with shaded {colors['face']} faces, solid visible edges and dashed hidden edges, and "
            f"mark {labels_en(solid)} in {colors['dimension']}")
    return text + (", then write V and S below the solid." if notes else ".")
