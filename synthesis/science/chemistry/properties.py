"""What a molecule's answer holds, from RDKit: formula, molar mass, atom counts, rings.

The verifier (filters/science/chemistry.py) recomputes all of it from the stored
Kekulé SMILES with its own parser and mass table, so these RDKit descriptors are
checked, not trusted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdkit import Chem
from rdkit.Chem import Descriptors, rdMolDescriptors


@dataclass(frozen=True)
class Facts:
    formula: str  # Hill order: C, H, then alphabetical
    molar_mass: float  # g/mol, 3 decimals
    atom_counts: dict[str, int]  # element -> count, hydrogens included
    ring_count: int  # smallest set of smallest rings
    heavy_atoms: int

    def answer(self) -> dict:
        return {"formula": self.formula, "molar_mass": self.molar_mass, "atom_counts": dict(self.atom_counts),
                "ring_count": self.ring_count, "heavy_atoms": self.heavy_atoms}


def parse(smiles: str) -> Chem.Mol:
    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        raise ValueError(f"RDKit cannot parse SMILES {smiles!r}")
    return mol


def kekule_smiles(mol: Chem.Mol) -> str:
    """Canonical SMILES with explicit single/double bonds (what the verifier parses)."""
    mol = Chem.Mol(mol)
    Chem.Kekulize(mol, clearAromaticFlags=True)
    return Chem.MolToSmiles(mol, kekuleSmiles=True)


def facts(mol: Chem.Mol) -> Facts:
    with_h = Chem.AddHs(mol)
    counts = Counter(atom.GetSymbol() for atom in with_h.GetAtoms())
    hill = sorted(counts, key=lambda e: (e != "C", e != "H", e) if "C" in counts else (0, 0, e))
    return Facts(
        formula=rdMolDescriptors.CalcMolFormula(mol),
        molar_mass=round(Descriptors.MolWt(mol), 3),
        atom_counts={e: counts[e] for e in hill},
        ring_count=mol.GetRingInfo().NumRings(),
        heavy_atoms=mol.GetNumHeavyAtoms(),
    )
