"""Small deterministic finite automata with a meaning a student can state, built by
their textbook constructions (remainder arithmetic, the KMP automaton, parity bits).

States are named q0, q1, … by what they remember (q_r: remainder r; q_i: the last i
symbols match the first i of the pattern), so a reader can name them the same way;
filters/science/cs.py rebuilds every table by brute force over strings instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

KINDS = ("divisible", "ends_with", "contains", "count_mod", "even_counts")


@dataclass(frozen=True)
class Dfa:
    kind: str
    params: dict
    alphabet: list[str]
    states: list[str]
    start: str
    accepting: list[str]
    delta: dict[str, dict[str, str]]  # state -> symbol -> state
    meaning: dict[str, str]  # state -> what it remembers
    language: str  # the accepted strings, in words
    short: str  # a title-length name of the language

    def run(self, word: str) -> tuple[bool, list[str]]:
        trace = [self.start]
        for symbol in word:
            trace.append(self.delta[trace[-1]][symbol])
        return trace[-1] in self.accepting, trace


def _kmp_table(pattern: str, alphabet: list[str], absorbing: bool) -> list[dict[str, int]]:
    """delta[i][c] of the pattern-matching automaton (i = symbols of the pattern matched)."""
    m = len(pattern)
    fail = [0] * m  # longest proper border of pattern[:i+1]
    k = 0
    for i in range(1, m):
        while k and pattern[i] != pattern[k]:
            k = fail[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        fail[i] = k
    table: list[dict[str, int]] = []
    for i in range(m + 1):
        row = {}
        for c in alphabet:
            if i == m and absorbing:
                row[c] = m
            elif i < m and pattern[i] == c:
                row[c] = i + 1
            else:
                row[c] = 0 if i == 0 else table[fail[i - 1]][c]
        table.append(row)
    return table


def build(kind: str, params: dict) -> Dfa:
    if kind == "divisible":
        k = params["k"]
        delta = {f"q{r}": {b: f"q{(2 * r + int(b)) % k}" for b in "01"} for r in range(k)}
        meaning = {f"q{r}": f"value so far ≡ {r} (mod {k})" for r in range(k)}
        return Dfa(kind, params, ["0", "1"], list(delta), "q0", ["q0"], delta, meaning,
                   f"binary strings whose value is divisible by {k}", f"binary multiples of {k}")
    if kind in ("ends_with", "contains"):
        p = params["pattern"]
        table = _kmp_table(p, ["a", "b"], absorbing=kind == "contains")
        delta = {f"q{i}": {c: f"q{j}" for c, j in row.items()} for i, row in enumerate(table)}
        meaning = {f"q{i}": f"the last {i} symbols are \"{p[:i]}\"" if i else "no part of the pattern matched"
                   for i in range(len(p) + 1)}
        if kind == "contains":
            meaning[f"q{len(p)}"] = f"\"{p}\" has been seen"
            return Dfa(kind, params, ["a", "b"], list(delta), "q0", [f"q{len(p)}"], delta, meaning,
                       f"strings over {{a, b}} containing \"{p}\"", f"contains {p}")
        return Dfa(kind, params, ["a", "b"], list(delta), "q0", [f"q{len(p)}"], delta, meaning,
                   f"strings over {{a, b}} ending in \"{p}\"", f"ends with {p}")
    if kind == "count_mod":
        k = params["k"]
        delta = {f"q{r}": {"0": f"q{r}", "1": f"q{(r + 1) % k}"} for r in range(k)}
        meaning = {f"q{r}": f"number of 1s so far ≡ {r} (mod {k})" for r in range(k)}
        words = "an even number of 1s" if k == 2 else f"a number of 1s divisible by {k}"
        return Dfa(kind, params, ["0", "1"], list(delta), "q0", ["q0"], delta, meaning,
                   f"binary strings with {words}", "even number of 1s" if k == 2 else f"#1s divisible by {k}")
    if kind == "even_counts":
        # q(pa + 2·pb): pa, pb = parities of the a's and b's read so far
        delta = {f"q{s}": {"a": f"q{s ^ 1}", "b": f"q{s ^ 2}"} for s in range(4)}
        meaning = {f"q{s}": f"{'odd' if s & 1 else 'even'} a's, {'odd' if s & 2 else 'even'} b's" for s in range(4)}
        return Dfa(kind, params, ["a", "b"], list(delta), "q0", ["q0"], delta, meaning,
                   "strings over {a, b} with an even number of a's and an even number of b's", "even a's and even b's")
    raise ValueError(f"unknown automaton kind {kind!r}; allowed: {', '.join(KINDS)}")


def sample(rng: np.random.Generator) -> Dfa:
    kind = KINDS[int(rng.integers(len(KINDS)))]
    if kind == "divisible":
        params = {"k": int(rng.choice([3, 4]))}
    elif kind in ("ends_with", "contains"):
        length = int(rng.integers(2, 4))
        params = {"pattern": "".join("ab"[int(i)] for i in rng.integers(0, 2, length))}
    elif kind == "count_mod":
        params = {"k": int(rng.choice([2, 3]))}
    else:
        params = {}
    return build(kind, params)


def example_words(rng: np.random.Generator, dfa: Dfa, count: int = 3) -> list[str]:
    """Distinct words of length 3–6, at least one accepted and one rejected."""
    for _ in range(1000):
        words = ["".join(dfa.alphabet[int(i)] for i in rng.integers(0, 2, int(rng.integers(3, 7))))
                 for _ in range(count)]
        verdicts = {dfa.run(w)[0] for w in words}
        if len(set(words)) == count and verdicts == {True, False}:
            return words
    raise RuntimeError(f"no mix of accepted and rejected words found for {dfa.language}")
