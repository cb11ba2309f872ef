"""Verifiers of the chemistry family (independent of synthesis.science.chemistry).

No RDKit here and no sympy balancing:
- molecules: our own SMILES reader (Kekulé SMILES, organic subset and bracket atoms)
  counts atoms and implicit hydrogens from default valences; molar masses come from
  the table below; rings are the cycle rank (bonds − atoms + components), not RDKit's
  ring perception;
- edits: the product is rebuilt as a SMILES *string* (the scaffold's `*` replaced by the
  group's SMILES), not by joining molecule graphs as the generator does;
- equations: our own recursive-descent formula parser, and exact Gaussian elimination
  over fractions instead of sympy's nullspace;
- titrations: pH by bisection on the charge balance [H⁺] + [M⁺] = [A⁻] + Kw/[H⁺],
  instead of the generator's closed-form quadratic; dilutions stepwise with fractions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from fractions import Fraction
from typing import Any

# Standard atomic weights (g/mol), in the convention RDKit tabulates (Cl 35.453,
# S 32.067), so that both routes agree to the last printed digit.
MASSES = {
    "H": 1.008, "B": 10.812, "C": 12.011, "N": 14.007, "O": 15.999, "F": 18.998, "Na": 22.990, "Mg": 24.305,
    "Al": 26.982, "Si": 28.086, "P": 30.974, "S": 32.067, "Cl": 35.453, "K": 39.098, "Ca": 40.078,
    "Fe": 55.845, "Cu": 63.546, "Br": 79.904, "Ag": 107.868, "I": 126.904, "Pb": 207.2,
}
KW = 1.0e-14

# ---- SMILES ----------------------------------------------------------------------

DEFAULT_VALENCES = {"B": (3,), "C": (4,), "N": (3, 5), "O": (2,), "P": (3, 5), "S": (2, 4, 6),
                    "F": (1,), "Cl": (1,), "Br": (1,), "I": (1,)}
BOND_ORDERS = {"-": 1, "=": 2, "#": 3, "/": 1, "\\": 1}
SMILES_TOKEN = re.compile(
    r"(?P<bracket>\[(?P<isotope>\d*)(?P<symbol>[A-Z][a-z]?|[a-z]{1,2})(?P<chiral>@*)(?P<hs>H\d*)?"
    r"(?P<charge>[+-]+\d*)?(?::\d+)?\])"
    r"|(?P<organic>Cl|Br|B|C|N|O|P|S|F|I)"
    r"|(?P<aromatic>[bcnops])"
    r"|(?P<bond>[-=#/\\:])"
    r"|(?P<open>\()|(?P<close>\))"
    r"|(?P<ring>%\d\d|\d)"
    r"|(?P<dot>\.)"
)


class Molecule:
    """Atoms (symbol, bracket?, explicit H, charge) and bonds (i, j, order)."""

    def __init__(self) -> None:
        self.atoms: list[dict] = []
        self.bonds: list[tuple[int, int, int]] = []

    def hydrogens(self, i: int) -> int:
        atom = self.atoms[i]
        if atom["bracket"]:
            return atom["hs"]
        used = sum(order for a, b, order in self.bonds if i in (a, b))
        allowed = [v for v in DEFAULT_VALENCES[atom["symbol"]] if v >= used]
        return allowed[0] - used if allowed else 0


def _charge(text: str | None) -> int:
    """'+' -> 1, '--' -> -2, '+2' -> 2."""
    if not text:
        return 0
    digits = text.lstrip("+-")
    return (1 if text[0] == "+" else -1) * (int(digits) if digits else len(text))


def read_smiles(smiles: str) -> Molecule:
    """A Kekulé SMILES (no lowercase aromatic atoms: the generator stores Kekulé forms)."""
    mol = Molecule()
    previous: int | None = None
    pending_bond: int | None = None
    branches: list[int | None] = []
    rings: dict[str, tuple[int, int | None]] = {}
    pos = 0
    while pos < len(smiles):
        m = SMILES_TOKEN.match(smiles, pos)
        if not m:
            raise ValueError(f"cannot read SMILES {smiles!r} at {smiles[pos:]!r}")
        pos = m.end()
        kind = next(k for k in ("bracket", "organic", "aromatic", "bond", "open", "close", "ring", "dot") if m.group(k))
        if kind == "aromatic" or m.group() == ":" or (kind == "bracket" and m.group("symbol").islower()):
            raise ValueError(f"aromatic SMILES are not read here (Kekulé form expected): {smiles!r}")
        if kind in ("bracket", "organic"):
            if kind == "bracket":
                hs = m.group("hs")
                atom = {"symbol": m.group("symbol"), "bracket": True, "hs": int(hs[1:] or 1) if hs else 0,
                        "charge": _charge(m.group("charge"))}
            else:
                atom = {"symbol": m.group("organic"), "bracket": False, "hs": 0, "charge": 0}
            mol.atoms.append(atom)
            index = len(mol.atoms) - 1
            if previous is not None:
                mol.bonds.append((previous, index, pending_bond or 1))
            previous, pending_bond = index, None
        elif kind == "bond":
            pending_bond = BOND_ORDERS[m.group()]
        elif kind == "open":
            branches.append(previous)
        elif kind == "close":
            previous = branches.pop()
        elif kind == "ring":
            label = m.group()
            if label in rings:
                other, order = rings.pop(label)
                mol.bonds.append((other, previous, pending_bond or order or 1))
            else:
                rings[label] = (previous, pending_bond)
            pending_bond = None
        elif kind == "dot":
            previous = None
    if rings or branches:
        raise ValueError(f"unclosed ring or branch in {smiles!r}")
    return mol


def _components(n: int, edges: list[tuple[int, int, int]]) -> int:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for a, b, _ in edges:
        parent[root(a)] = root(b)
    return len({root(i) for i in range(n)})


def hill(counts: Counter) -> str:
    order = (["C", "H"] + sorted(e for e in counts if e not in ("C", "H"))) if "C" in counts else sorted(counts)
    return "".join(f"{e}{counts[e] if counts[e] > 1 else ''}" for e in order if counts.get(e))


def molecule_facts(smiles: str) -> dict[str, Any]:
    mol = read_smiles(smiles)
    counts: Counter = Counter()
    for i, atom in enumerate(mol.atoms):
        counts[atom["symbol"]] += 1
        counts["H"] += mol.hydrogens(i)
    heavy = sum(1 for a in mol.atoms if a["symbol"] != "H")
    mass = sum(MASSES[e] * n for e, n in counts.items())
    ordered = hill(counts)
    return {
        "molar_mass": round(mass, 3),
        "formula": ordered,
        "atom_counts": {e: counts[e] for e in re.findall(r"[A-Z][a-z]?", ordered)},
        "ring_count": len(mol.bonds) - len(mol.atoms) + _components(len(mol.atoms), mol.bonds),
        "heavy_atoms": heavy,
    }


def structure(problem: dict[str, Any]) -> dict[str, Any]:
    return molecule_facts(problem["smiles"])


def formula_question(problem: dict[str, Any]) -> dict[str, Any]:
    facts = molecule_facts(problem["smiles"])
    kind = problem["question"]
    answer = {"formula": facts["formula"], "molar_mass": facts["molar_mass"],
              "hydrogens": facts["atom_counts"].get("H", 0)}[kind]
    return {"answer": answer, **facts}


def _substituted(scaffold: str, fragment: str) -> str:
    if "(*)" in scaffold:
        return scaffold.replace("(*)", f"({fragment})" if fragment else "")
    if scaffold.endswith("*"):
        return scaffold[:-1] + fragment
    raise ValueError(f"scaffold {scaffold!r} has no '(*)' or trailing '*'")


def substitute_edit(problem: dict[str, Any]) -> dict[str, Any]:
    source = molecule_facts(_substituted(problem["scaffold"], problem["source_fragment"]))
    target = molecule_facts(_substituted(problem["scaffold"], problem["target_fragment"]))
    if source["formula"] != molecule_facts(problem["source_smiles"])["formula"]:
        raise ValueError("the stored source molecule is not the scaffold with the source group")
    return {**target, "source_formula": source["formula"], "source_molar_mass": source["molar_mass"],
            "mass_change": round(target["molar_mass"] - source["molar_mass"], 3)}


# ---- equations -------------------------------------------------------------------


def formula_counts(formula: str) -> Counter:
    """Recursive descent: formula := group*; group := (Element | '(' formula ')') count?"""
    def parse(pos: int, depth: int) -> tuple[Counter, int]:
        counts: Counter = Counter()
        while pos < len(formula) and formula[pos] != ")":
            if formula[pos] == "(":
                inner, pos = parse(pos + 1, depth + 1)
                if pos >= len(formula) or formula[pos] != ")":
                    raise ValueError(f"missing ')' in {formula!r}")
                pos += 1
            elif formula[pos].isupper():
                end = pos + 1 + (pos + 1 < len(formula) and formula[pos + 1].islower())
                inner, pos = Counter({formula[pos:end]: 1}), end
            else:
                raise ValueError(f"unexpected {formula[pos]!r} in {formula!r}")
            digits = ""
            while pos < len(formula) and formula[pos].isdigit():
                digits += formula[pos]
                pos += 1
            for e, n in inner.items():
                counts[e] += n * int(digits or 1)
        if depth == 0 and pos != len(formula):
            raise ValueError(f"unmatched ')' in {formula!r}")
        return counts, pos
    return parse(0, 0)[0]


def formula_mass(formula: str) -> float:
    return sum(MASSES[e] * n for e, n in formula_counts(formula).items())


def balance_by_elimination(reactants: list[str], products: list[str]) -> list[int]:
    """Row-reduce the element matrix over fractions; exactly one free column must remain."""
    species = [formula_counts(s) for s in reactants + products]
    signs = [1] * len(reactants) + [-1] * len(products)
    elements = sorted({e for c in species for e in c})
    rows = [[Fraction(sign * c.get(e, 0)) for c, sign in zip(species, signs)] for e in elements]
    n = len(species)
    pivots: list[int] = []
    r = 0
    for col in range(n):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r])]
        pivots.append(col)
        r += 1
    free = [c for c in range(n) if c not in pivots]
    if len(free) != 1:
        raise ValueError(f"{len(free)} free coefficients: the equation has no unique balance")
    x = [Fraction(0)] * n
    x[free[0]] = Fraction(1)
    for i, col in enumerate(pivots):
        x[col] = -rows[i][free[0]]
    scale = math.lcm(*(v.denominator for v in x))
    ints = [int(v * scale) for v in x]
    g = math.gcd(*ints)
    ints = [v // g for v in ints]
    if ints[0] < 0:
        ints = [-v for v in ints]
    if min(ints) <= 0:
        raise ValueError("no all-positive balance")
    return ints


def stoichiometry(problem: dict[str, Any]) -> dict[str, Any]:
    reactants, products = problem["reactants"], problem["products"]
    coefs = balance_by_elimination(reactants, products)
    k = len(reactants)
    masses = {s: formula_mass(s) for s in reactants + products}
    moles = [a if problem["unit"] == "mol" else a / masses[s] for s, a in zip(reactants, problem["amounts"])]
    per_coefficient = [n / c for n, c in zip(moles, coefs[:k])]
    extent = min(per_coefficient)
    limiting = per_coefficient.index(extent)
    return {
        "coefficients": coefs,
        "limiting_reagent": reactants[limiting],
        "extent_mol": round(extent, 6),
        "product_moles": {p: round(c * extent, 6) for p, c in zip(products, coefs[k:])},
        "product_grams": {p: round(c * extent * masses[p], 6) for p, c in zip(products, coefs[k:])},
        "leftover_moles": {r: round(0.0 if i == limiting else n - c * extent, 6)
                           for i, (r, n, c) in enumerate(zip(reactants, moles, coefs[:k]))},
        "molar_masses": {s: round(m, 3) for s, m in masses.items()},
    }


# ---- solutions -------------------------------------------------------------------


def _ph_by_charge_balance(cation: float, anion: float) -> float:
    """Solve h + [M⁺] − [A⁻] − Kw/h = 0 (increasing in h) by bisection on log10 h."""
    lo, hi = -16.0, 2.0
    for _ in range(200):
        mid = (lo + hi) / 2
        h = 10.0 ** mid
        if h + cation - anion - KW / h > 0:
            hi = mid
        else:
            lo = mid
    return -(lo + hi) / 2


def _titration(problem: dict[str, Any]) -> dict[str, Any]:
    flask_c, flask_v = Fraction(str(problem["flask_conc_M"])), Fraction(str(problem["flask_volume_mL"]))
    titrant_c = Fraction(str(problem["titrant_conc_M"]))
    veq = flask_c * flask_v / titrant_c  # exact: mol acid = mol base

    def ph(v: float) -> float:
        total = float(flask_v) + v
        flask_ions = float(flask_c * flask_v) / total  # the flask's spectator ion (A⁻ or M⁺)
        added_ions = float(titrant_c) * v / total
        if problem["titrand"] == "acid":
            return _ph_by_charge_balance(cation=added_ions, anion=flask_ions)
        return _ph_by_charge_balance(cation=flask_ions, anion=added_ions)
    return {"equivalence_volume_mL": round(float(veq), 6), "pH": [round(ph(v), 6) for v in problem["volumes_mL"]],
            "pH_at_equivalence": round(ph(float(veq)), 6)}


def _dilution(problem: dict[str, Any]) -> dict[str, Any]:
    c = Fraction(str(problem["stock_M"])) * 1000  # mmol/L
    v1, v2 = Fraction(str(problem["transfer_mL"])), Fraction(str(problem["total_mL"]))
    target = Fraction(str(problem["target_mM"]))
    values = []
    for _ in range(problem["tubes"]):
        c = c * v1 / v2  # C1·V1 = C2·V2
        values.append(c)
    first = next((i for i, v in enumerate(values, 1) if v <= target), 0)
    return {"dilution_factor": round(float(v2 / v1), 6), "concentrations_mM": [round(float(v), 6) for v in values],
            "first_tube_below_target": first}


def concentration(problem: dict[str, Any]) -> dict[str, Any]:
    if problem["mode"] == "titration":
        return _titration(problem)
    if problem["mode"] == "dilution":
        return _dilution(problem)
    raise ValueError(f"unknown mode {problem['mode']!r}")


VERIFIERS = {
    "chemistry.structure": structure,
    "chemistry.formula_question": formula_question,
    "chemistry.substitute_edit": substitute_edit,
    "chemistry.stoichiometry": stoichiometry,
    "chemistry.dilution_or_titration": concentration,
}
