"""chemistry.structure: draw a named molecule with its formula and molar mass."""

from __future__ import annotations

import numpy as np
from rdkit import Chem

from synthesis.science.chemistry import depict
from synthesis.science.chemistry.molecule_figure import draw_clean
from synthesis.science.chemistry.molecules import Molecule, pick_molecule, zh_name
from synthesis.science.chemistry.properties import Facts, facts, kekule_smiles, parse
from synthesis.science.chemistry.text import subscripted
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

EN = (
    "Draw the structure of {name} and label its molecular formula and molar mass.",
    "Sketch the skeletal formula of {name}, with its name, formula and molar mass.",
    "Show {name} as a skeletal structure and annotate its formula and molar mass.",
)
ZH = (
    "画出{name}的键线式结构，并标注其分子式和摩尔质量。",
    "绘制{name}的结构式，标出名称、分子式与摩尔质量。",
)


def mass_terms(f: Facts) -> str:
    """'9 × 12.011 + 8 × 1.008 + 4 × 15.999' in Hill order, masses from RDKit's table."""
    table = Chem.GetPeriodicTable()
    return " + ".join(f"{n} × {table.GetAtomicWeight(e):g}" for e, n in f.atom_counts.items())


def counting_cot(f: Facts, smiles: str) -> list[str]:
    """The solver's steps from SMILES to formula, mass and rings (shared with formula_question)."""
    counts = ", ".join(f"{e} {n}" for e, n in f.atom_counts.items())
    rings = "no ring" if f.ring_count == 0 else f"{f.ring_count} ring{'s' if f.ring_count > 1 else ''}"
    return [
        f"Read the structure (SMILES {smiles}): {f.heavy_atoms} heavy atoms and {rings}.",
        f"Count atoms, adding the hydrogens each skeletal carbon and heteroatom carries to complete its "
        f"valence: {counts}.",
        f"Molecular formula (Hill order: C, H, then alphabetical): {f.formula}.",
        f"Molar mass: {mass_terms(f)} = {f.molar_mass:.3f} g/mol.",
    ]


class StructureTemplate(ScienceTemplate):
    name = "chemistry.structure"
    family = "chemistry"
    subject = "Chemistry"
    image_type = "Chemical Structures"
    task = "t2i"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        molecule: Molecule = pick_molecule(rng)
        mol = parse(molecule.smiles)
        f = facts(mol)
        smiles = kekule_smiles(mol)
        drawn = depict.kekulized(mol)
        colours = depict.atom_colors(ctx.theme.palette, bool(rng.random() < 0.7))
        caption = f"{subscripted(f.formula)}    M = {f.molar_mass:.3f} g/mol"
        out, render = draw_clean(ctx, rng, drawn, depict.coordinates(drawn), colours, molecule.name, caption)
        values = {"name": molecule.name}
        steps = counting_cot(f, smiles) + [
            f"Draw the skeletal formula ({len(list(mol.GetBonds()))} bonds, carbons as line vertices, heteroatoms "
            f"labelled with their hydrogens), the name '{molecule.name}' above it and "
            f"'{subscripted(f.formula)}, M = {f.molar_mass:.3f} g/mol' below it."
        ]
        return ScienceItem(
            instruction=EN[int(rng.integers(len(EN)))].format(**values),
            instruction_explicit=(
                f"Draw the skeletal formula of {molecule.name} (SMILES {smiles}; {f.heavy_atoms} heavy atoms, "
                f"{f.ring_count} ring(s)). Write the name '{molecule.name}' above the structure and "
                f"'{subscripted(f.formula)}    M = {f.molar_mass:.3f} g/mol' below it."
            ),
            instruction_zh=ZH[int(rng.integers(len(ZH)))].format(name=zh_name(molecule)),
            cot=" ".join(f"{k}. {s}" for k, s in enumerate(steps, 1)),
            answer={"name": molecule.name, **f.answer()},
            problem={"smiles": smiles, "name": molecule.name, "source": molecule.source},
            image=out.drawing.png,
            width=out.drawing.width,
            height=out.drawing.height,
            difficulty="easy" if f.heavy_atoms <= 6 else ("medium" if f.heavy_atoms <= 12 else "hard"),
            labels={"texts": out.drawing.texts, "objects": out.atoms},
            render=render,
        )
