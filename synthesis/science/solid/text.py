"""How exact values read: plain text for prompts and CoT, mathtext for the image."""

from __future__ import annotations

import re

import sympy as sp


def pretty(expr) -> str:
    """Readable plain text: 100π/3, 25π + 5√41·π, x^2 + 1."""
    s = sp.sstr(expr).replace("**", "^")
    # √13 and √x, but √(2·x + 1): a compound radicand keeps its parentheses
    s = re.sub(r"sqrt\(([^()]*)\)", lambda m: "√" + (m[1] if m[1].isalnum() else f"({m[1]})"), s)
    s = re.sub(r"\bpi\b", "π", s)
    s = s.replace("*", "·")
    return re.sub(r"(?<![√\d])(\d+)·π", r"\1π", s)  # 54π, but not √5π (read as √(5π))


def latex(expr) -> str:
    """sympy LaTeX that matplotlib's mathtext parses, with short fractions written a/b
    (a stacked \\frac is unreadably small at label size)."""
    text = sp.latex(expr, fold_short_frac=True)
    for bad, good in (("\\limits", ""), ("\\operatorname", "\\mathrm"), ("\\displaystyle", "")):
        text = text.replace(bad, good)
    return text


def number(x: float) -> str:
    """A float for display: at most 2 decimals, no trailing zeros."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def measure_note(symbol: str, expr: sp.Expr, value: float) -> str:
    """`$V = 54\\pi \\approx 169.65$`, or `$V = 175$` when the value is an integer."""
    if expr.is_Integer:
        return f"${symbol} = {latex(expr)}$"
    return f"${symbol} = {latex(expr)} \\approx {number(value)}$"
