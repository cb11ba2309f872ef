"""Instruction (English, Chinese) and chain of thought for function_derivative."""

from __future__ import annotations

import re

import numpy as np
import sympy as sp

from synthesis.science.functions.calculus import Solution
from synthesis.science.render import mathtext

EN_TEMPLATES = (
    "Draw the derivative of {f} on [{lo}, {hi}] and mark where it vanishes.",
    "Plot f(x) = {f} together with its derivative f′(x) for x in [{lo}, {hi}], and mark the "
    "points of the graph of f where f′(x) = 0.",
    "On [{lo}, {hi}], sketch y = {f} and y = f′(x) in one chart; highlight every critical point of f.",
)
ZH_TEMPLATES = (
    "在区间 [{lo}, {hi}] 上画出 f(x) = {f} 及其导数 f′(x) 的图像，并标出 f′(x) = 0 的点。",
    "绘制函数 {f} 的导数在 [{lo}, {hi}] 上的图像，并标出导数为零的位置。",
    "在同一坐标系中画出 y = {f} 与 y = f′(x)（x ∈ [{lo}, {hi}]），并标出 f 的所有驻点。",
)


def pretty(expr) -> str:
    """Readable plain-text math: x^2, 3·x, e^(-x), 2π."""
    s = sp.sstr(expr).replace("**", "^").replace("*", "·").replace("exp(", "e^(")
    s = re.sub(r"\bpi\b", "π", s)
    return re.sub(r"(\d)·π", r"\1π", s)


def instructions(rng: np.random.Generator, f, lo, hi, solution: Solution) -> tuple[str, str, str]:
    """(abstract, explicit, Chinese) instructions."""
    values = {"f": pretty(f), "lo": pretty(lo), "hi": pretty(hi)}
    abstract = EN_TEMPLATES[int(rng.integers(len(EN_TEMPLATES)))].format(**values)
    zh = ZH_TEMPLATES[int(rng.integers(len(ZH_TEMPLATES)))].format(**values)
    marks = "; ".join(f"({x:g}, {y:g})" for x, y in (p.floats() for p in solution.points))
    explicit = (
        f"Plot y = {values['f']} and its derivative y = {pretty(solution.df)} for x from {values['lo']} "
        f"to {values['hi']}; mark the points {marks} on the graph of f, where the derivative is zero."
    )
    return abstract, explicit, zh


def cot(f, lo, hi, solution: Solution, color_names: dict[str, str]) -> str:
    how = {
        "real_roots": "f′ is a polynomial, so its real roots are found exactly",
        "solveset": "solving symbolically on the interval",
        "numeric": "no closed form, so roots are bracketed by sign changes and refined numerically",
    }[solution.method]
    steps = [
        f"1. Differentiate: f(x) = {pretty(f)}, so f′(x) = {pretty(solution.df)}.",
        f"2. Solve f′(x) = 0 on [{pretty(lo)}, {pretty(hi)}] ({how}): "
        + (", ".join(f"x = {pretty(p.x) if p.exact else f'{float(p.x):.6f}'}" for p in solution.points)
           or "no solution in the interval, so there is nothing to mark")
        + ".",
    ]
    if solution.points:
        evaluated = []
        for p in solution.points:
            x, y = p.floats()
            evaluated.append(f"f({x:g}) ≈ {y:g} ({p.kind})")
        steps.append("3. Evaluate f there and classify with f″: " + "; ".join(evaluated) + ".")
    steps.append(
        f"{len(steps) + 1}. Plot f as a solid {color_names['f']} curve and f′ as a dashed "
        f"{color_names['df']} curve over the interval, mark each point (x, f(x)) with a filled "
        f"{color_names['points']} dot and the zero of f′ below it with an open dot."
    )
    return " ".join(steps)


# ---------------------------------------------------------------- shared text helpers

def number(value: float) -> str:
    """A float as the answers round it (6 places), without trailing zeros."""
    text = f"{round(float(value), 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _signed_tail(b: sp.Expr, render, parens: tuple[str, str]) -> str:
    """' + b' or ' - |b|'; ' + (b)' for a sum, so that no '+ -' appears."""
    if b == 0:
        return ""
    if isinstance(b, sp.Add):
        return f" + {parens[0]}{render(b)}{parens[1]}"
    return f" - {render(-b)}" if float(b) < 0 else f" + {render(b)}"


def line_text(m: sp.Expr, b: sp.Expr) -> str:
    """'y = m·x + b' in plain text, exact coefficients."""
    if m == 0:
        return f"y = {pretty(b)}"
    text = pretty(m)
    simple = re.fullmatch(r"-?(\d+|\d*π|sqrt\(\d+\))", text)
    slope = {1: "", -1: "-"}.get(m, f"{text}·" if simple else f"({text})·")
    return f"y = {slope}x{_signed_tail(b, pretty, ('(', ')'))}"


def line_latex(m: sp.Expr, b: sp.Expr) -> str:
    """'y = m x + b' for mathtext (without the dollars), exact coefficients."""
    if m == 0:
        return f"y = {mathtext(b)}"
    if m in (1, -1):
        slope = "" if m == 1 else "-"
    else:
        slope = f"\\left({mathtext(m)}\\right)" if isinstance(m, sp.Add) else mathtext(m)
    tail = _signed_tail(b, mathtext, ("\\left(", "\\right)"))
    return f"y = {slope}\\,x{tail}"


def approx(exact: sp.Expr) -> str:
    """'3/2 = 1.5', '2·π ≈ 6.283185' or '4': an exact value and, when it helps, its decimal."""
    text = pretty(exact)
    value = number(float(sp.N(exact, 30)))
    if text == value:
        return text
    sign = "=" if exact.is_Rational and sp.Rational(value) == exact else "≈"
    return f"{text} {sign} {value}"


def a(noun: str) -> str:
    """The noun with its indefinite article: 'an orange dot', 'a red dot'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
