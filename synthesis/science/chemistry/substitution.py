"""Scaffolds with one substitution site, the groups that can sit there, and the
molecules they make.

A scaffold is a Kekulé SMILES with one `*` (written `(*)` or at the very end, so that
replacing it by a group's SMILES, or deleting it for hydrogen, is still valid SMILES:
the verifier builds the product that way). The generator instead joins RDKit
molecules: the scaffold is kekulized once and both molecules of an edit are built
from that one copy, so scaffold atoms keep their indices *and* their double-bond
placement, and only the group differs between the two drawings.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdkit import Chem


@dataclass(frozen=True)
class Scaffold:
    key: str
    smiles: str  # Kekulé, one '*'
    site: str  # where the '*' is, phrased to follow "the <group> ..."
    site_zh: str


@dataclass(frozen=True)
class Group:
    key: str  # the group as chemists write it: "CH3", "OH", "H"
    smiles: str  # from the atom bonded to the scaffold; "" for hydrogen
    noun: str  # "methyl group"
    article: str  # "a" or "an"
    zh: str


SCAFFOLDS: tuple[Scaffold, ...] = (
    Scaffold("benzene", "C1=CC=C(*)C=C1", "on the benzene ring", "苯环上"),
    Scaffold("toluene_para", "CC1=CC=C(*)C=C1", "para to the methyl group", "甲基对位"),
    Scaffold("toluene_meta", "CC1=CC(*)=CC=C1", "meta to the methyl group", "甲基间位"),
    Scaffold("toluene_ortho", "CC1=CC=CC=C1*", "ortho to the methyl group", "甲基邻位"),
    Scaffold("phenol_para", "OC1=CC=C(*)C=C1", "para to the hydroxyl group", "羟基对位"),
    Scaffold("aniline_para", "NC1=CC=C(*)C=C1", "para to the amino group", "氨基对位"),
    Scaffold("benzoic_meta", "OC(=O)C1=CC(*)=CC=C1", "meta to the carboxyl group", "羧基间位"),
    Scaffold("pyridine_4", "C1=CN=CC=C1*", "para to the ring nitrogen (C4 of pyridine)", "吡啶环氮原子的对位（4 位）"),
    Scaffold("naphthalene_2", "C1=CC=C2C=C(*)C=CC2=C1", "at C2 of the naphthalene", "萘环的 2 位"),
    Scaffold("furan_2", "C1=COC(*)=C1", "at C2 of the furan ring (next to the oxygen)", "呋喃环上与氧相邻的 2 位"),
    Scaffold("cyclohexane", "C1CCC(*)CC1", "on the cyclohexane ring", "环己烷环上"),
    Scaffold("propane_2", "CC(*)C", "on the central carbon of the propane chain", "丙烷链的中间碳原子上"),
    Scaffold("acetic_alpha", "OC(=O)C*", "on the carbon next to the carboxyl group", "与羧基相连的碳原子上"),
)

GROUPS: tuple[Group, ...] = (
    Group("H", "", "hydrogen atom", "a", "氢原子"),
    Group("CH3", "C", "methyl group", "a", "甲基"),
    Group("C2H5", "CC", "ethyl group", "an", "乙基"),
    Group("OH", "O", "hydroxyl group", "a", "羟基"),
    Group("NH2", "N", "amino group", "an", "氨基"),
    Group("F", "F", "fluorine atom", "a", "氟原子"),
    Group("Cl", "Cl", "chlorine atom", "a", "氯原子"),
    Group("Br", "Br", "bromine atom", "a", "溴原子"),
    Group("I", "I", "iodine atom", "an", "碘原子"),
    Group("NO2", "[N+](=O)[O-]", "nitro group", "a", "硝基"),
    Group("COOH", "C(=O)O", "carboxyl group", "a", "羧基"),
    Group("CHO", "C=O", "formyl (aldehyde) group", "a", "醛基"),
    Group("OCH3", "OC", "methoxy group", "a", "甲氧基"),
    Group("CN", "C#N", "cyano group", "a", "氰基"),
)
GROUP_BY_KEY = {g.key: g for g in GROUPS}


def kekulized_scaffold(scaffold: Scaffold) -> tuple[Chem.Mol, int, int]:
    """The scaffold with its '*' removed, kekulized; (mol, site atom index, dummy index)."""
    base = Chem.MolFromSmiles(scaffold.smiles)
    if base is None:
        raise ValueError(f"bad scaffold SMILES {scaffold.smiles!r}")
    Chem.Kekulize(base, clearAromaticFlags=True)
    dummy = next(a for a in base.GetAtoms() if a.GetAtomicNum() == 0)
    site = dummy.GetNeighbors()[0].GetIdx()
    rw = Chem.RWMol(base)
    rw.RemoveAtom(dummy.GetIdx())
    return rw.GetMol(), site - (site > dummy.GetIdx()), dummy.GetIdx()


def attach(core: Chem.Mol, site: int, group: Group) -> Chem.Mol:
    """`core` (kekulized, atoms 0..n-1 kept) with `group` bonded to atom `site`; the
    group's atoms are n, n+1, ... Aromaticity is not re-perceived, so the scaffold's
    double bonds stay where the shared kekulized copy put them."""
    if group.smiles:
        fragment = Chem.MolFromSmiles(group.smiles)
        Chem.Kekulize(fragment, clearAromaticFlags=True)
        rw = Chem.RWMol(Chem.CombineMols(core, fragment))
        rw.AddBond(site, core.GetNumAtoms(), Chem.BondType.SINGLE)
        mol = rw.GetMol()
    else:
        mol = Chem.Mol(core)
    Chem.SanitizeMol(mol, Chem.SanitizeFlags.SANITIZE_ALL ^ Chem.SanitizeFlags.SANITIZE_SETAROMATICITY)
    return mol
