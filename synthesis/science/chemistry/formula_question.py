"""chemistry.formula_question: a molecule drawn without its name; ask for its formula,
molar mass or hydrogen count. Vision-dominant: the question names nothing, everything
needed is in the drawing."""

from __future__ import annotations

import numpy as np

from synthesis.science.chemistry import depict
from synthesis.science.chemistry.molecule_figure import draw_clean
from synthesis.science.chemistry.molecules import pick_molecule
from synthesis.science.chemistry.properties import facts, kekule_smiles, parse
from synthesis.science.chemistry.structure import counting_cot
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

# kind -> (English questions, Chinese question, how the final step reads)
QUESTIONS = {
    "formula": (("What is the molecular formula of the compound shown?",
                 "Give the molecular formula (Hill order) of the molecule in the drawing."),
                "图中所示化合物的分子式是什么？"),
    "molar_mass": (("What is the molar mass of the compound shown, in g/mol?",
                    "Compute the molar mass (g/mol, three decimals) of the molecule drawn."),
                   "图中所示分子的摩尔质量是多少（g/mol）？"),
    "hydrogens": (("How many hydrogen atoms does the molecule shown contain?",
                   "Count all hydrogen atoms, including implicit ones, in the drawn molecule."),
                  "图中分子共含有多少个氢原子（包括隐含的氢）？"),
}
KINDS = tuple(QUESTIONS)


class FormulaQuestionTemplate(ScienceTemplate):
    name = "chemistry.formula_question"
    family = "chemistry"
    subject = "Chemistry"
    image_type = "Chemical Structures"
    task = "und"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        molecule = pick_molecule(rng)
        kind = KINDS[int(rng.integers(len(KINDS)))]
        mol = parse(molecule.smiles)
        f = facts(mol)
        smiles = kekule_smiles(mol)
        drawn = depict.kekulized(mol)
        colours = depict.atom_colors(ctx.theme.palette, bool(rng.random() < 0.5))
        out, render = draw_clean(ctx, rng, drawn, depict.coordinates(drawn), colours, None, None)
        answer = {"formula": f.formula, "molar_mass": f.molar_mass, "hydrogens": f.atom_counts.get("H", 0)}[kind]
        english, zh = QUESTIONS[kind]
        question = english[int(rng.integers(len(english)))]
        final = {"formula": f"The molecular formula is {f.formula}.",
                 "molar_mass": f"The molar mass is {f.molar_mass:.3f} g/mol.",
                 "hydrogens": f"The molecule has {answer} hydrogen atoms."}[kind]
        steps = counting_cot(f, smiles) + [final]
        return ScienceItem(
            instruction=question,
            instruction_explicit=(f"{question} The drawing is the skeletal formula of {molecule.name} "
                                  f"(SMILES {smiles}); carbons are line vertices with implicit hydrogens."),
            instruction_zh=zh,
            cot=" ".join(f"{k}. {s}" for k, s in enumerate(steps, 1)),
            answer={"answer": answer, "question": kind, **f.answer()},
            problem={"smiles": smiles, "question": kind},
            image=out.drawing.png,
            width=out.drawing.width,
            height=out.drawing.height,
            difficulty="easy" if f.heavy_atoms <= 6 else ("medium" if f.heavy_atoms <= 12 else "hard"),
            labels={"texts": out.drawing.texts, "objects": out.atoms},
            render={**render, "molecule": molecule.name},
        )
