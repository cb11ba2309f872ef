"""Text to render: phrases of common words mixed with numbers, prices, dates and times.

Every token is free of spaces, so line wrapping only ever breaks between tokens.
"""

from __future__ import annotations

import numpy as np

from synthesis.text_rendering.words import WORDS

CASES = ("lower", "title", "upper", "sentence")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CURRENCIES = ("$", "€", "£")


def _number(rng: np.random.Generator) -> str:
    kind = int(rng.integers(6))
    if kind == 0:
        return str(int(rng.integers(0, 1000)))
    if kind == 1:
        return f"{int(rng.integers(1000, 1_000_000)):,}"
    if kind == 2:
        return f"{rng.integers(0, 10_000) / 100:.2f}"
    if kind == 3:
        return f"{int(rng.integers(1, 100))}%"
    if kind == 4:
        return f"{_CURRENCIES[int(rng.integers(len(_CURRENCIES)))]}{rng.integers(1, 100_000) / 100:.2f}"
    year, month, day = int(rng.integers(1950, 2040)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
    style = int(rng.integers(4))
    if style == 0:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if style == 1:
        return f"{day:02d}/{month:02d}/{year:04d}"
    if style == 2:
        return f"{_MONTHS[month - 1]}-{day}"
    return f"{int(rng.integers(0, 24)):02d}:{int(rng.integers(0, 60)):02d}"


def _cased(word: str, case: str, first: bool) -> str:
    if case == "upper":
        return word.upper()
    if case == "title" or (case == "sentence" and first):
        return word[:1].upper() + word[1:]
    return word


def phrases(
    rng: np.random.Generator, n_phrases: int, max_tokens: int = 4, number_p: float = 0.15
) -> tuple[list[list[str]], str]:
    """`n_phrases` phrases of 1..max_tokens tokens, and the letter case used."""
    case = CASES[int(rng.integers(len(CASES)))]
    out = []
    for _ in range(n_phrases):
        tokens = []
        for i in range(int(rng.integers(1, max_tokens + 1))):
            if rng.random() < number_p:
                tokens.append(_number(rng))
            else:
                tokens.append(_cased(WORDS[int(rng.integers(len(WORDS)))], case, i == 0))
        out.append(tokens)
    return out, case
