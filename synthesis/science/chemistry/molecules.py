"""Molecules to draw: a curated list of common organics, and names built from fragments.

SMILES here carry no stereochemistry: the drawings are plain skeletal formulas, and the
answers (formula, molar mass, rings) do not depend on it. Fragment-built molecules are
ones whose IUPAC names follow from a rule simple enough to get right every time:
straight chains with one terminal group, and benzenes with one or two prefix-only
substituents (lowest locants, then alphabetical order decides which gets locant 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Molecule:
    name: str
    smiles: str
    source: str  # "curated", "chain" or "benzene"


CURATED: tuple[tuple[str, str], ...] = (
    ("methanol", "CO"),
    ("ethanol", "CCO"),
    ("propan-2-ol", "CC(C)O"),
    ("ethylene glycol", "OCCO"),
    ("glycerol", "OCC(O)CO"),
    ("formaldehyde", "C=O"),
    ("acetaldehyde", "CC=O"),
    ("acetone", "CC(C)=O"),
    ("formic acid", "OC=O"),
    ("acetic acid", "CC(=O)O"),
    ("lactic acid", "CC(O)C(=O)O"),
    ("citric acid", "OC(=O)CC(O)(CC(=O)O)C(=O)O"),
    ("diethyl ether", "CCOCC"),
    ("ethyl acetate", "CCOC(C)=O"),
    ("acetonitrile", "CC#N"),
    ("ethylene", "C=C"),
    ("acetylene", "C#C"),
    ("propene", "CC=C"),
    ("isobutane", "CC(C)C"),
    ("dichloromethane", "ClCCl"),
    ("chloroform", "ClC(Cl)Cl"),
    ("dimethyl sulfoxide", "CS(C)=O"),
    ("urea", "NC(N)=O"),
    ("glycine", "NCC(=O)O"),
    ("alanine", "CC(N)C(=O)O"),
    ("serine", "NC(CO)C(=O)O"),
    ("cysteine", "NC(CS)C(=O)O"),
    ("cyclopentane", "C1CCCC1"),
    ("cyclohexane", "C1CCCCC1"),
    ("cyclohexene", "C1=CCCCC1"),
    ("glucose", "OCC1OC(O)C(O)C(O)C1O"),
    ("benzene", "c1ccccc1"),
    ("toluene", "Cc1ccccc1"),
    ("phenol", "Oc1ccccc1"),
    ("aniline", "Nc1ccccc1"),
    ("benzoic acid", "OC(=O)c1ccccc1"),
    ("benzaldehyde", "O=Cc1ccccc1"),
    ("styrene", "C=Cc1ccccc1"),
    ("naphthalene", "c1ccc2ccccc2c1"),
    ("pyridine", "c1ccncc1"),
    ("pyrrole", "c1cc[nH]c1"),
    ("furan", "c1ccoc1"),
    ("thiophene", "c1ccsc1"),
    ("salicylic acid", "OC(=O)c1ccccc1O"),
    ("aspirin", "CC(=O)Oc1ccccc1C(=O)O"),
    ("paracetamol", "CC(=O)Nc1ccc(O)cc1"),
    ("ibuprofen", "CC(C)Cc1ccc(cc1)C(C)C(=O)O"),
    ("vanillin", "COc1cc(C=O)ccc1O"),
    ("caffeine", "Cn1cnc2c1c(=O)n(C)c(=O)n2C"),
    ("nicotine", "CN1CCCC1c1cccnc1"),
    ("dopamine", "NCCc1ccc(O)c(O)c1"),
)

STEMS = ("meth", "eth", "prop", "but", "pent", "hex", "hept", "oct")

# Terminal groups of a straight chain of n carbons: name from n, SMILES from n.
CHAIN_GROUPS = {
    "alkane": (lambda n: f"{STEMS[n - 1]}ane", lambda n: "C" * n, 3),
    "alcohol": (lambda n: f"{STEMS[n - 1]}an-1-ol" if n > 2 else f"{STEMS[n - 1]}anol", lambda n: "C" * n + "O", 1),
    "acid": (lambda n: f"{STEMS[n - 1]}anoic acid", lambda n: "C" * (n - 1) + "C(=O)O", 2),
    "amine": (lambda n: f"{STEMS[n - 1]}an-1-amine" if n > 2 else f"{STEMS[n - 1]}anamine", lambda n: "C" * n + "N", 1),
    "chloride": (lambda n: f"1-chloro{STEMS[n - 1]}ane" if n > 2 else f"chloro{STEMS[n - 1]}ane",
                 lambda n: "C" * n + "Cl", 1),
}

# Prefix-only benzene substituents (no suffix, no retained name such as phenol):
# prefix -> SMILES written from the atom bonded to the ring.
PREFIXES = {
    "bromo": "Br", "chloro": "Cl", "fluoro": "F", "iodo": "I",
    "methyl": "C", "ethyl": "CC", "methoxy": "OC", "nitro": "[N+](=O)[O-]",
}
def _chain(rng: np.random.Generator) -> Molecule:
    group = sorted(CHAIN_GROUPS)[int(rng.integers(len(CHAIN_GROUPS)))]
    name_of, smiles_of, smallest = CHAIN_GROUPS[group]
    n = int(rng.integers(smallest, len(STEMS) + 1))
    return Molecule(name_of(n), smiles_of(n), "chain")


def _benzene_smiles(subs: dict[int, str]) -> str:
    """SMILES of a benzene with prefix substituents at ring positions 1..6 (in ring order)."""
    atoms = []
    for position in range(1, 7):
        atom = "c1" if position in (1, 6) else "c"
        if position in subs:
            atom += f"({PREFIXES[subs[position]]})"
        atoms.append(atom)
    return "".join(atoms)


def benzene_name(subs: dict[int, str]) -> str:
    """IUPAC name of a mono- or disubstituted benzene with prefix-only substituents.
    The locant set {1, k} is the same numbered either way round, so the tie is broken
    alphabetically: the prefix cited first gets locant 1."""
    prefixes = sorted(subs.values())
    if len(prefixes) == 1:
        return f"{prefixes[0]}benzene"
    k = max(subs)  # substituents sit at positions 1 and k (k = 2, 3 or 4)
    if prefixes[0] == prefixes[1]:
        return f"1,{k}-di{prefixes[0]}benzene"
    return f"1-{prefixes[0]}-{k}-{prefixes[1]}benzene"


def _benzene(rng: np.random.Generator) -> Molecule:
    names = sorted(PREFIXES)
    first = names[int(rng.integers(len(names)))]
    if rng.random() < 0.3:
        subs = {1: first}
    else:
        second = names[int(rng.integers(len(names)))]
        subs = {1: first, int(rng.integers(2, 5)): second}
    return Molecule(benzene_name(subs), _benzene_smiles(subs), "benzene")


def pick_molecule(rng: np.random.Generator) -> Molecule:
    """60% curated, 20% straight chain, 20% substituted benzene."""
    u = rng.random()
    if u < 0.6:
        name, smiles = CURATED[int(rng.integers(len(CURATED)))]
        return Molecule(name, smiles, "curated")
    return _chain(rng) if u < 0.8 else _benzene(rng)


# Chinese names of the curated molecules (fragment-built ones keep their IUPAC name).
ZH_NAMES = {
    "methanol": "甲醇", "ethanol": "乙醇", "propan-2-ol": "异丙醇", "ethylene glycol": "乙二醇", "glycerol": "甘油",
    "formaldehyde": "甲醛", "acetaldehyde": "乙醛", "acetone": "丙酮", "formic acid": "甲酸", "acetic acid": "乙酸",
    "lactic acid": "乳酸", "citric acid": "柠檬酸", "diethyl ether": "乙醚", "ethyl acetate": "乙酸乙酯",
    "acetonitrile": "乙腈", "ethylene": "乙烯", "acetylene": "乙炔", "propene": "丙烯", "isobutane": "异丁烷",
    "dichloromethane": "二氯甲烷", "chloroform": "三氯甲烷", "dimethyl sulfoxide": "二甲基亚砜", "urea": "尿素",
    "glycine": "甘氨酸", "alanine": "丙氨酸", "serine": "丝氨酸", "cysteine": "半胱氨酸", "cyclopentane": "环戊烷",
    "cyclohexane": "环己烷", "cyclohexene": "环己烯", "glucose": "葡萄糖", "benzene": "苯", "toluene": "甲苯",
    "phenol": "苯酚", "aniline": "苯胺", "benzoic acid": "苯甲酸", "benzaldehyde": "苯甲醛", "styrene": "苯乙烯",
    "naphthalene": "萘", "pyridine": "吡啶", "pyrrole": "吡咯", "furan": "呋喃", "thiophene": "噻吩",
    "salicylic acid": "水杨酸", "aspirin": "阿司匹林", "paracetamol": "对乙酰氨基酚", "ibuprofen": "布洛芬",
    "vanillin": "香草醛", "caffeine": "咖啡因", "nicotine": "尼古丁", "dopamine": "多巴胺",
}


def zh_name(molecule: Molecule) -> str:
    return ZH_NAMES.get(molecule.name, molecule.name)
