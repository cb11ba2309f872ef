"""How exact values are written: in prompts (plain text), in the figure (mathtext), in answers.

Lengths here are sums of rational multiples of square roots (side lengths, radii,
tangent lengths); anything else falls back to a decimal, which is what a reader of the
figure would expect anyway.
"""

from __future__ import annotations

import re

import sympy as sp

MAX_DENOMINATOR = 12  # a coordinate like 17/6 reads well; 113/79 does not


def rational(value) -> sp.Rational:
    """A coordinate from a problem (int, or a string such as "3/2") as an exact Rational."""
    return sp.Rational(str(value))


def json_number(value: sp.Rational) -> int | str:
    """A rational coordinate for `problem`: an int, or a string "p/q" the verifier parses back."""
    value = sp.Rational(value)
    return int(value) if value.q == 1 else str(value)


def num(value, places: int = 6) -> float:
    """A float for `answer`, rounded the way the judge expects."""
    out = round(float(sp.N(value, 30)), places)
    return 0.0 if out == 0 else out  # no "-0.0"


def decimal(value, places: int = 2) -> str:
    text = f"{float(sp.N(value, 30)):.{places}f}"
    return text[1:] if re.fullmatch(r"-0\.0*", text) else text


def short_rational(value) -> sp.Rational | None:
    """`value` as p/q with q <= MAX_DENOMINATOR if it is one (a 30-digit Float counts
    when it agrees to 20 digits: the incentre family is computed in floats)."""
    value = sp.sympify(value)
    if value.is_Rational:
        return value if value.q <= MAX_DENOMINATOR else None
    x = sp.N(value, 30)
    for q in range(1, MAX_DENOMINATOR + 1):
        candidate = sp.Rational(int(round(float(x) * q)), q)
        if abs(x - candidate) < 1e-20:
            return candidate
    return None


def coordinate(value) -> str:
    """A coordinate as a reader writes it: "3", "-7/2", or "2.83" when it is irrational."""
    exact = short_rational(value)
    return str(exact) if exact is not None else decimal(value)


def point(xy) -> str:
    return f"({coordinate(xy[0])}, {coordinate(xy[1])})"


def _radical_parts(value: sp.Expr) -> tuple[sp.Rational, int] | None:
    """value = coefficient·√radicand with a rational coefficient and a square-free radicand."""
    value = sp.radsimp(value) if not value.is_Rational else value
    if value.is_Rational:
        return value, 1
    coefficient, rest = value.as_coeff_Mul()
    if isinstance(rest, sp.Pow) and rest.exp == sp.Rational(1, 2) and rest.base.is_Integer:
        return sp.Rational(coefficient), int(rest.base)
    return None


def length_plain(value: sp.Expr) -> str:
    """"2√13", "√65/2", "5", or a 2-decimal value when the length is no simple radical."""
    parts = _radical_parts(sp.sympify(value))
    if parts is None:
        return decimal(value)
    coefficient, radicand = parts
    if radicand == 1:
        return str(coefficient) if coefficient.q <= MAX_DENOMINATOR else decimal(value)
    p, q = coefficient.p, coefficient.q
    text = ("" if p == 1 else str(p)) + f"√{radicand}"
    return text if q == 1 else f"{text}/{q}"


def length_tex(value: sp.Expr) -> str:
    """The same in mathtext (a proper radical sign), for labels in the figure."""
    parts = _radical_parts(sp.sympify(value))
    if parts is None:
        return decimal(value)
    coefficient, radicand = parts
    if radicand == 1:
        return str(coefficient) if coefficient.q <= MAX_DENOMINATOR else decimal(value)
    p, q = coefficient.p, coefficient.q
    text = ("" if p == 1 else str(p)) + rf"\sqrt{{{radicand}}}"
    return f"${text}$" if q == 1 else f"${text}/{q}$"


def length_words(value: sp.Expr) -> str:
    """"5", "2√13 ≈ 7.21", or "≈ 3.21" when there is no simple radical form."""
    value = sp.sympify(value)
    plain = length_plain(value)
    if value.is_Rational and plain != decimal(value):
        return plain
    if plain == decimal(value):
        return f"≈ {plain}"
    return f"{plain} ≈ {decimal(value)}"


def is_simple_radical(value: sp.Expr) -> bool:
    parts = _radical_parts(sp.sympify(value))
    return parts is not None and parts[0].q <= MAX_DENOMINATOR


def degrees(radians: sp.Expr) -> float:
    return num(radians * 180 / sp.pi)


def degrees_text(radians: sp.Expr, places: int = 2) -> str:
    value = sp.N(radians * 180 / sp.pi, 30)
    if abs(value - round(value)) < 1e-12:
        return f"{int(round(value))}°"
    return f"{decimal(value, places)}°"


def plain(expr: sp.Expr) -> str:
    """sympy text without `**` and `*`: "17/2 - 3√13/2"."""
    text = sp.sstr(expr)
    text = re.sub(r"sqrt\((\d+)\)", r"√\1", text)
    return text.replace("**", "^").replace("*", "")
