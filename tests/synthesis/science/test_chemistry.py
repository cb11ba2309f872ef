"""chemistry family: checks that could fail beyond the generic template contract.

Formulas against a hand-written table, element conservation of every balanced
equation, mass conservation of the stoichiometry answer, shared pixels across a
substitution edit, titration chemistry, and cross-process determinism of the
CoordGen depictions.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from rdkit import Chem

from filters.science import chemistry as verify
from synthesis.science.chemistry import depict
from synthesis.science.chemistry.molecule_figure import draw_clean
from synthesis.science.chemistry.molecules import CURATED, PREFIXES, benzene_name, pick_molecule
from synthesis.science.chemistry.properties import facts, kekule_smiles, parse
from synthesis.science.chemistry.reactions import UNBALANCED, balance, parse_equation
from synthesis.science.chemistry.solutions import Titration
from synthesis.science.chemistry.substitution import GROUPS, SCAFFOLDS, attach, kekulized_scaffold
from synthesis.science.generator import ScienceGenerator
from synthesis.science.render import overlapping_labels
from synthesis.science.template import RenderContext
from synthesis.science.themes import THEMES

ROOT = Path(__file__).resolve().parents[3]

# Looked up by hand (formula, molar mass in g/mol with the standard atomic weights).
HAND_TABLE = {
    "ethanol": ("C2H6O", 46.069),
    "aspirin": ("C9H8O4", 180.159),
    "caffeine": ("C8H10N4O2", 194.194),
    "glucose": ("C6H12O6", 180.156),
    "alanine": ("C3H7NO2", 89.094),
    "benzene": ("C6H6", 78.114),
}


def gen_params(name: str, **extra) -> ScienceGenerator.Params:
    return ScienceGenerator.Params(templates=[name], size_px_min=512, size_px_max=640, dpi=72, **extra)


@pytest.fixture(scope="module")
def gen() -> ScienceGenerator:
    return ScienceGenerator()


# ---- molecules -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HAND_TABLE))
def test_formula_and_mass_match_the_hand_table(name):
    smiles = dict(CURATED)[name]
    formula, mass = HAND_TABLE[name]
    f = facts(parse(smiles))
    assert (f.formula, f.molar_mass) == (formula, mass)
    v = verify.molecule_facts(kekule_smiles(parse(smiles)))
    assert v["formula"] == formula and math.isclose(v["molar_mass"], mass, abs_tol=1e-9)


def test_verifier_mass_table_is_the_generators_convention():
    table = Chem.GetPeriodicTable()
    assert {e: table.GetAtomicWeight(e) for e in verify.MASSES} == pytest.approx(verify.MASSES, abs=1e-9)


def test_every_curated_and_built_molecule_recomputes_independently():
    rng = np.random.default_rng(0)
    smiles = [s for _, s in CURATED] + [pick_molecule(rng).smiles for _ in range(150)]
    for s in smiles:
        mol = parse(s)
        expected = facts(mol).answer()
        got = verify.molecule_facts(kekule_smiles(mol))
        assert {k: expected[k] for k in got} == got, s
    assert len({n for n, _ in CURATED}) == len(CURATED) >= 40


def test_verifier_reads_implicit_hydrogens_charges_and_rings():
    nitro = verify.molecule_facts("C1=CC=C(C=C1)[N+](=O)[O-]")  # nitrobenzene, charge-separated
    assert nitro["formula"] == "C6H5NO2" and nitro["ring_count"] == 1
    assert verify.molecule_facts("C1=CC=C2C=CC=CC2=C1")["ring_count"] == 2  # naphthalene
    assert verify.molecule_facts("CS(C)=O")["atom_counts"] == {"C": 2, "H": 6, "O": 1, "S": 1}
    with pytest.raises(ValueError):
        verify.molecule_facts("c1ccccc1")  # aromatic input is refused, not guessed


def test_benzene_names_follow_lowest_locants_then_alphabetical_order():
    assert benzene_name({1: "methyl", 4: "chloro"}) == "1-chloro-4-methylbenzene"
    assert benzene_name({1: "nitro", 2: "nitro"}) == "1,2-dinitrobenzene"
    assert benzene_name({1: "bromo"}) == "bromobenzene"
    rng = np.random.default_rng(3)
    para = Chem.MolFromSmarts("[!#1;!c]c1ccc([!#1;!c])cc1")
    meta = Chem.MolFromSmarts("[!#1;!c]c1cc([!#1;!c])ccc1")
    seen = 0
    for _ in range(200):
        m = pick_molecule(rng)
        if m.source == "benzene" and m.name.startswith("1-") and "-4-" in m.name:
            assert parse(m.smiles).HasSubstructMatch(para), m
            seen += 1
        if m.source == "benzene" and "-3-" in m.name:
            assert parse(m.smiles).HasSubstructMatch(meta), m
    assert seen and set(PREFIXES) >= {"methyl", "chloro"}


def test_curated_molecules_draw_without_label_collisions():
    for k, (name, smiles) in enumerate(CURATED):
        ctx = RenderContext(THEMES["textbook"], 512, 72)
        mol = depict.kekulized(parse(smiles))
        out, info = draw_clean(ctx, np.random.default_rng(k), mol, depict.coordinates(mol), {}, name, "caption")
        assert not overlapping_labels(out.drawing.texts), name
        # every bond is drawn one bond unit long, in x and in y alike (no squashed rings)
        pts = np.array([a["point"] for a in out.atoms])
        for bond in mol.GetBonds():
            i, j = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
            assert np.linalg.norm(pts[i] - pts[j]) == pytest.approx(info["bond_px"], rel=0.12), name


def test_depictions_are_identical_across_processes(gen):
    code = (
        "import hashlib, sys;"
        "from synthesis.science.generator import ScienceGenerator as G;"
        "p = G.Params(templates=['chemistry.substitute_edit'], size_px_min=512, size_px_max=512, dpi=64);"
        "s = G()(5, p); sys.stdout.write(hashlib.sha256(s.image + s.source_image).hexdigest())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=str(ROOT),
                         env={**os.environ, "PYTHONHASHSEED": "11"}).stdout
    here = gen(5, ScienceGenerator.Params(templates=["chemistry.substitute_edit"], size_px_min=512,
                                          size_px_max=512, dpi=64))
    assert out == hashlib.sha256(here.image + here.source_image).hexdigest()


# ---- substitution edits ----------------------------------------------------------


def test_every_scaffold_and_group_builds_the_molecule_the_verifier_builds():
    for scaffold in SCAFFOLDS:
        core, site, _ = kekulized_scaffold(scaffold)
        for group in GROUPS:
            mol = attach(core, site, group)
            problem = {"scaffold": scaffold.smiles, "source_fragment": group.smiles, "target_fragment": group.smiles,
                       "source_smiles": kekule_smiles(mol)}
            got = verify.substitute_edit(problem)
            assert got["formula"] == facts(mol).formula, (scaffold.key, group.key)
            assert [a.GetSymbol() for a in mol.GetAtoms()][:core.GetNumAtoms()] == \
                [a.GetSymbol() for a in core.GetAtoms()]  # scaffold atoms keep their indices


def test_edit_keeps_common_atoms_on_the_same_pixels(gen):
    for seed in range(6):
        s = gen(seed, gen_params("chemistry.substitute_edit"))
        n_common = s.labels["common_atoms"]
        before = {a["index"]: a["point"] for a in s.labels["source_objects"]}
        after = {a["index"]: a["point"] for a in s.labels["objects"]}
        for i in range(n_common):
            assert before[i] == after[i], (seed, i)
        # the edited region surrounds the substitution site, not the whole molecule
        mask = np.asarray(Image.open(io.BytesIO(s.mask)).convert("L")) > 127
        assert 0 < mask.mean() < 0.15
        atom_mask_hits = sum(bool(mask[int(p[1]), int(p[0])]) for i, p in before.items() if i < n_common - 1)
        assert atom_mask_hits <= 3, "unchanged scaffold atoms were redrawn"


# ---- equations -------------------------------------------------------------------


@pytest.mark.parametrize("text", UNBALANCED)
def test_balanced_equations_conserve_every_element(text):
    reactants, products = parse_equation(text)
    reaction = balance(reactants, products)
    k = len(reactants)
    left, right = Counter(), Counter()
    sides = ((left, reactants, reaction.coefficients[:k]), (right, products, reaction.coefficients[k:]))
    for side, names, coefs in sides:
        for name, c in zip(names, coefs):
            for e, n in verify.formula_counts(name).items():
                side[e] += c * n
    assert left == right and math.gcd(*reaction.coefficients) == 1
    assert list(reaction.coefficients) == verify.balance_by_elimination(list(reactants), list(products))


def test_known_balances():
    assert balance(*parse_equation("C8H18 + O2 -> CO2 + H2O")).coefficients == (2, 25, 16, 18)
    assert balance(*parse_equation("Al + CuSO4 -> Al2(SO4)3 + Cu")).coefficients == (2, 3, 1, 3)
    assert verify.formula_counts("Al2(SO4)3") == Counter({"O": 12, "S": 3, "Al": 2})


def test_stoichiometry_answers_conserve_mass(gen):
    for seed in range(4):
        s = gen(seed, gen_params("chemistry.stoichiometry"))
        p, a = s.spec["problem"], s.answer
        masses = a["molar_masses"]
        grams_in = sum(g if p["unit"] == "g" else g * masses[r] for r, g in zip(p["reactants"], p["amounts"]))
        grams_out = sum(a["leftover_moles"][r] * masses[r] for r in p["reactants"]) + sum(a["product_grams"].values())
        assert grams_out == pytest.approx(grams_in, rel=1e-4)
        assert a["leftover_moles"][a["limiting_reagent"]] == 0.0
        assert all(v >= 0 for v in a["leftover_moles"].values())


# ---- solutions -------------------------------------------------------------------


def test_titration_curve_chemistry():
    t = Titration("acid", "HCl", "NaOH", 0.1, 25.0, 0.1)
    assert t.equivalence_volume == pytest.approx(25.0)
    assert t.ph(0.0) == pytest.approx(1.0, abs=1e-9)
    assert t.ph(25.0) == pytest.approx(7.0, abs=1e-9)
    assert t.ph(50.0) == pytest.approx(14 + math.log10(0.1 * 25 / 75), abs=1e-9)
    curve = [t.ph(v) for v in np.linspace(0, 50, 501)]
    assert all(b > a for a, b in zip(curve, curve[1:]))
    b = Titration("base", "HNO3", "KOH", 0.05, 20.0, 0.1)
    problem = {"titrand": "base", "flask_conc_M": 0.05, "flask_volume_mL": 20.0, "titrant_conc_M": 0.1,
               "volumes_mL": [0.0, 9.9, 9.999, 10.0, 10.001, 15.0]}
    got = verify.concentration({"mode": "titration", **problem})
    assert got["pH"] == pytest.approx([b.ph(v) for v in problem["volumes_mL"]], abs=1e-6)
    assert got["pH"][0] == pytest.approx(14 + math.log10(0.05), abs=1e-6) and got["equivalence_volume_mL"] == 10.0


def test_dilution_series_is_geometric_and_target_tube_is_first_below(gen):
    found = 0
    for seed in range(6):
        s = gen(seed, gen_params("chemistry.dilution_or_titration"))
        if s.answer["mode"] != "dilution":
            continue
        found += 1
        c, f = s.answer["concentrations_mM"], s.answer["dilution_factor"]
        assert c[0] == pytest.approx(1000 * s.spec["problem"]["stock_M"] / f)
        assert all(x / y == pytest.approx(f) for x, y in zip(c, c[1:]))
        k, target = s.answer["first_tube_below_target"], s.spec["problem"]["target_mM"]
        assert c[k - 1] <= target < c[k - 2] if k > 1 else c[0] <= target
    assert found


def test_formula_question_asks_what_the_image_shows(gen):
    kinds = set()
    for seed in range(10):
        s = gen(seed, gen_params("chemistry.formula_question"))
        kind = s.spec["problem"]["question"]
        kinds.add(kind)
        expected = {"formula": s.answer["formula"], "molar_mass": s.answer["molar_mass"],
                    "hydrogens": s.answer["atom_counts"]["H"]}[kind]
        assert s.answer["answer"] == expected
        assert s.spec["render"]["molecule"] not in s.instruction  # the name is not given away
        assert all(t["text"] != s.spec["render"]["molecule"] for t in s.labels["texts"])
    assert len(kinds) >= 2
