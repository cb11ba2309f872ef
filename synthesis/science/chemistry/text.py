"""Chemical formulas as display text: Unicode subscripts for labels and prompts,
mathtext for matplotlib titles."""

from __future__ import annotations

import re

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPT_SIGN = {1: "⁺", -1: "⁻"}


def subscripted(formula: str) -> str:
    """'C9H8O4' -> 'C₉H₈O₄', 'Ca(OH)2' -> 'Ca(OH)₂' (digits after a letter or ')')."""
    return re.sub(r"(?<=[A-Za-z)])(\d+)", lambda m: m.group(1).translate(SUBSCRIPTS), formula)


def math_formula(formula: str) -> str:
    """'C9H8O4' -> r'$\\mathrm{C_{9}H_{8}O_{4}}$' for matplotlib mathtext."""
    body = re.sub(r"(?<=[A-Za-z)])(\d+)", r"_{\1}", formula)
    return f"$\\mathrm{{{body}}}$"
