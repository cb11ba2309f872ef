"""Chemical equations: parse formulas, balance with sympy (nullspace of the element
matrix), and work out limiting reagent and amounts.

Formulas are written as chemists write them, groups included: "Ca(OH)2", "C2H5OH",
"Al2(SO4)3". Molar masses use RDKit's periodic table (the same standard atomic
weights the structure templates use through RDKit's descriptors).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from math import gcd

import sympy as sp
from rdkit import Chem

TOKEN = re.compile(r"([A-Z][a-z]?)(\d*)|(\()|(\))(\d*)")

UNBALANCED: tuple[str, ...] = (
    "H2 + O2 -> H2O",
    "N2 + H2 -> NH3",
    "H2 + Cl2 -> HCl",
    "Fe + O2 -> Fe2O3",
    "Al + O2 -> Al2O3",
    "Mg + O2 -> MgO",
    "Na + Cl2 -> NaCl",
    "Fe + Cl2 -> FeCl3",
    "SO2 + O2 -> SO3",
    "P4 + O2 -> P4O10",
    "Fe2O3 + CO -> Fe + CO2",
    "Al + Fe2O3 -> Al2O3 + Fe",
    "Mg + HCl -> MgCl2 + H2",
    "Al + HCl -> AlCl3 + H2",
    "NaOH + H2SO4 -> Na2SO4 + H2O",
    "Ca(OH)2 + HCl -> CaCl2 + H2O",
    "KOH + H3PO4 -> K3PO4 + H2O",
    "NH3 + O2 -> NO + H2O",
    "Cu + AgNO3 -> Cu(NO3)2 + Ag",
    "Al + CuSO4 -> Al2(SO4)3 + Cu",
    "Pb(NO3)2 + KI -> PbI2 + KNO3",
    "CaCO3 + HCl -> CaCl2 + H2O + CO2",
    "Na2CO3 + HCl -> NaCl + H2O + CO2",
    "C6H12O6 + O2 -> CO2 + H2O",
    "CH3OH + O2 -> CO2 + H2O",
    "C2H5OH + O2 -> CO2 + H2O",
) + tuple(f"C{n if n > 1 else ''}H{2 * n + 2} + O2 -> CO2 + H2O" for n in (1, 3, 4, 8))  # alkane combustion


def element_counts(formula: str) -> Counter:
    """'Ca(OH)2' -> Counter({'O': 2, 'H': 2, 'Ca': 1}); nested groups allowed."""
    stack = [Counter()]
    pos = 0
    while pos < len(formula):
        m = TOKEN.match(formula, pos)
        if not m:
            raise ValueError(f"cannot parse formula {formula!r} at {formula[pos:]!r}")
        element, count, opening, closing, group_count = m.groups()
        if element:
            stack[-1][element] += int(count or 1)
        elif opening:
            stack.append(Counter())
        else:
            if len(stack) == 1:
                raise ValueError(f"unbalanced ')' in {formula!r}")
            group = stack.pop()
            for e, n in group.items():
                stack[-1][e] += n * int(group_count or 1)
        pos = m.end()
    if len(stack) != 1:
        raise ValueError(f"unbalanced '(' in {formula!r}")
    return stack[0]


def molar_mass(formula: str) -> float:
    table = Chem.GetPeriodicTable()
    return sum(n * table.GetAtomicWeight(e) for e, n in element_counts(formula).items())


@dataclass(frozen=True)
class Reaction:
    reactants: tuple[str, ...]
    products: tuple[str, ...]
    coefficients: tuple[int, ...]  # reactants then products, smallest whole numbers

    @property
    def species(self) -> tuple[str, ...]:
        return self.reactants + self.products

    def equation(self, arrow: str = "->") -> str:
        def side(names, coefs):
            return " + ".join(f"{c} {n}" if c != 1 else n for n, c in zip(names, coefs))
        k = len(self.reactants)
        return f"{side(self.reactants, self.coefficients[:k])} {arrow} {side(self.products, self.coefficients[k:])}"


def parse_equation(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    left, right = text.split("->")
    return tuple(s.strip() for s in left.split("+")), tuple(s.strip() for s in right.split("+"))


def balance(reactants: tuple[str, ...], products: tuple[str, ...]) -> Reaction:
    """Smallest positive integer coefficients: the one-dimensional nullspace of the
    element × species matrix (products with a minus sign)."""
    counts = [element_counts(s) for s in reactants + products]
    elements = sorted(set().union(*counts))
    signs = [1] * len(reactants) + [-1] * len(products)
    matrix = sp.Matrix([[sign * c[e] for c, sign in zip(counts, signs)] for e in elements])
    basis = matrix.nullspace()
    if len(basis) != 1:
        raise ValueError(f"{' + '.join(reactants)} -> {' + '.join(products)}: {len(basis)}-dimensional nullspace")
    vector = basis[0]
    denominators = reduce(sp.ilcm, [sp.fraction(v)[1] for v in vector], 1)
    ints = [int(v * denominators) for v in vector]
    common = reduce(gcd, ints)
    ints = [v // common for v in ints]
    if ints[0] < 0:
        ints = [-v for v in ints]
    if min(ints) <= 0:
        raise ValueError("a species has a non-positive coefficient")
    return Reaction(tuple(reactants), tuple(products), tuple(ints))


@dataclass(frozen=True)
class Outcome:
    moles_given: tuple[float, ...]  # per reactant
    limiting: int  # index into reactants
    extent: float  # mol of "reaction events": moles_given[limiting] / its coefficient
    leftover: tuple[float, ...]  # per reactant, mol
    formed: tuple[float, ...]  # per product, mol


def react(reaction: Reaction, moles_given: tuple[float, ...]) -> Outcome:
    """Run the reaction to completion on the given reactant amounts."""
    k = len(reaction.reactants)
    ratios = [n / c for n, c in zip(moles_given, reaction.coefficients[:k])]
    limiting = min(range(k), key=lambda i: ratios[i])
    extent = ratios[limiting]
    leftover = tuple(0.0 if i == limiting else n - extent * c
                     for i, (n, c) in enumerate(zip(moles_given, reaction.coefficients[:k])))
    formed = tuple(extent * c for c in reaction.coefficients[k:])
    return Outcome(tuple(moles_given), limiting, extent, leftover, formed)
