"""Phrasing shared by the statistics templates: data lists and arithmetic steps in words."""

from __future__ import annotations

import numpy as np
import sympy as sp

from synthesis.science.statistics.data import approx


def choose(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def listing(names: list[str], texts: list[str]) -> str:
    """'Apples 12, Bananas 30, Cherries 7'."""
    return ", ".join(f"{n} {t}" for n, t in zip(names, texts))


def listing_zh(names: list[str], texts: list[str]) -> str:
    return "，".join(f"{n} {t}" for n, t in zip(names, texts))


def exact(value: sp.Expr) -> str:
    """An exact value with its decimal: '49/3 ≈ 16.33', '20.4', '12'."""
    sign, text = approx(value)
    plain = str(value)
    if sign == "=":
        return text
    return f"{plain} ≈ {text}"


def sum_text(texts: list[str]) -> str:
    """'12 + 30 + (-4)': the terms of a sum as written."""
    return " + ".join(t if not t.startswith("-") else f"({t})" for t in texts)


def ordinal(k: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st ..."""
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"
