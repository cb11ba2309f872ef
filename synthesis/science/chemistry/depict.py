"""Skeletal formulas drawn with matplotlib from RDKit 2D coordinates.

Drawing ourselves (rather than compositing RDKit's PNG) lets the theme's ink, paper and
palette apply, keeps every atom label a matplotlib text (so `render.finish` records its
box for the label-overlap check), and makes the bytes depend only on the coordinates.

Coordinates come from CoordGen (`rdCoordGen.AddCoords`, deterministic, no global
`SetPreferCoordGen` switch), scaled so that the median bond is 1 unit. Constrained
coordinates (edits) come from RDKit's own depictor with a coordMap, which keeps the
given atoms exactly where they were.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path
from rdkit import Chem
from rdkit.Chem import rdCoordGen, rdDepictor
from rdkit.Geometry import Point2D

from synthesis.science.chemistry.text import SUBSCRIPTS, SUPERSCRIPT_SIGN

DOUBLE_GAP = 0.09  # half the distance between the lines of a double bond (bond units)
RING_INSET = 0.17  # inner line of a ring double bond: offset towards the ring centre
RING_TRIM = 0.14  # ... and shortened by this fraction at each end
TRIPLE_GAP = 0.15
LABEL_MARGIN = 0.25  # space kept between a label and a bond end (in font heights)
COORD_SEED = 0x5EED  # sampleSeed of RDKit's depictor (constrained coordinates)


# ---- coordinates -----------------------------------------------------------------


def _positions(mol: Chem.Mol) -> np.ndarray:
    return np.asarray(mol.GetConformer().GetPositions()[:, :2], dtype=float)


def _bond_scale(mol: Chem.Mol, xy: np.ndarray) -> float:
    lengths = [np.linalg.norm(xy[b.GetBeginAtomIdx()] - xy[b.GetEndAtomIdx()]) for b in mol.GetBonds()]
    return float(np.median(lengths)) if lengths else 1.0


def coordinates(mol: Chem.Mol) -> np.ndarray:
    """(n, 2) CoordGen coordinates, median bond 1, rounded so that float noise in the
    last bits can never reach the pixels."""
    m = Chem.Mol(mol)
    rdCoordGen.AddCoords(m)
    xy = _positions(m)
    xy = (xy - xy.mean(axis=0)) / _bond_scale(m, xy)
    return np.round(xy, 6)


def constrained_coordinates(mol: Chem.Mol, fixed: dict[int, np.ndarray]) -> np.ndarray:
    """Coordinates for `mol` with the atoms in `fixed` exactly at the given positions
    (bond units); the others placed around them by RDKit's depictor."""
    m = Chem.Mol(mol)
    coord_map = {int(i): Point2D(float(x), float(y)) for i, (x, y) in fixed.items()}
    rdDepictor.Compute2DCoords(m, canonOrient=False, coordMap=coord_map, forceRDKit=True,
                               bondLength=1.0, sampleSeed=COORD_SEED)
    xy = _positions(m)
    for i, p in fixed.items():  # bit-exact, whatever the depictor did with the map
        xy[i] = p
    return np.round(xy, 6)


def orientation(xy: np.ndarray, tilt_deg: float, flip: bool, mirror: bool) -> np.ndarray:
    """A 2x2 matrix: principal axis along x, then a tilt, a half turn and a mirror.
    Computed once from a source's coordinates, it can be applied to a target as well."""
    centred = xy - xy.mean(axis=0)
    if len(xy) > 1 and np.ptp(centred, axis=0).max() > 1e-9:
        _, vecs = np.linalg.eigh(centred.T @ centred)
        major = vecs[:, -1] * (1 if vecs[0, -1] >= 0 else -1)  # sign fixed: same input, same matrix
        to_axis = np.array([[major[0], major[1]], [-major[1], major[0]]])
    else:
        to_axis = np.eye(2)
    a = np.radians(tilt_deg + (180.0 if flip else 0.0))
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    mirror_m = np.diag([-1.0, 1.0]) if mirror else np.eye(2)
    return mirror_m @ rot @ to_axis


def apply(matrix: np.ndarray, xy: np.ndarray, centre: np.ndarray) -> np.ndarray:
    return np.round((xy - centre) @ matrix.T, 6)


# ---- layout ----------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """Where the molecule goes: the axes rectangle (figure fractions) and its data limits,
    chosen so that one bond unit is `bond_px` pixels in x and in y."""

    rect: tuple[float, float, float, float]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    bond_px: float


def frame(xys: list[np.ndarray], rect: tuple[float, float, float, float], size_px: int,
          max_bond_frac: float = 0.15, pad: float = 0.75) -> Frame:
    """One frame that fits every coordinate set in `xys` (an edit's source and target
    share it, so unchanged atoms land on the same pixels)."""
    pts = np.vstack(xys)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    w_px, h_px = rect[2] * size_px, rect[3] * size_px
    span = hi - lo + 2 * pad
    bond_px = float(min(w_px / span[0], h_px / span[1], max_bond_frac * size_px))
    centre = (lo + hi) / 2
    half_w, half_h = w_px / bond_px / 2, h_px / bond_px / 2
    return Frame(rect, (centre[0] - half_w, centre[0] + half_w), (centre[1] - half_h, centre[1] + half_h), bond_px)


# ---- drawing ---------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    ink: str
    atom_colors: dict[str, str]  # element -> colour of its label; others in ink
    font_px: float
    line_px: float
    label_carbons: bool = False  # tiny molecules (≤ 2 heavy atoms) read better as H₃C–OH


def style_for(frame_: Frame, ink: str, atom_colors: dict[str, str], size_px: int, font_scale: float = 1.0,
              label_carbons: bool = False) -> Style:
    font_px = float(np.clip(0.36 * frame_.bond_px, 0.02 * size_px, 0.04 * size_px)) * font_scale
    line_px = float(np.clip(0.035 * frame_.bond_px, 1.2, 0.004 * size_px + 1.0))
    return Style(ink, atom_colors, font_px, line_px, label_carbons)


def condensed(mol: Chem.Mol) -> bool:
    """Whether to write carbons out: a one-bond skeleton is hard to read as a molecule."""
    return mol.GetNumHeavyAtoms() <= 2


def atom_label(atom: Chem.Atom, h_left: bool, label_carbons: bool = False) -> tuple[str, str] | None:
    """(text, element) for atoms that get a label: heteroatoms, charged atoms and lone
    carbons; None for skeletal carbons. Hydrogens are written on the free side."""
    symbol = atom.GetSymbol()
    charge = atom.GetFormalCharge()
    if symbol == "C" and atom.GetDegree() > 0 and charge == 0 and not label_carbons:
        return None
    n_h = atom.GetTotalNumHs()
    hs = "" if n_h == 0 else "H" + (str(n_h).translate(SUBSCRIPTS) if n_h > 1 else "")
    sign = SUPERSCRIPT_SIGN.get(charge, "") if abs(charge) == 1 else ""
    text = (hs + symbol if h_left else symbol + hs) + sign
    return text, symbol


def _h_on_left(atom: Chem.Atom, xy: np.ndarray) -> bool:
    """Neighbours mostly to the right: write HO / H₂N rather than OH / NH₂."""
    nbrs = [n.GetIdx() for n in atom.GetNeighbors()]
    if not nbrs:
        return False
    return float(np.mean(xy[nbrs, 0] - xy[atom.GetIdx(), 0])) > 0.25


def _text_size(text: str, font_px: float) -> tuple[float, float]:
    """Width and height (px) of `text` in the current theme font."""
    w, h, _ = text_to_path.get_text_width_height_descent(text, FontProperties(size=font_px), ismath=False)
    return w, h


@dataclass(frozen=True)
class Label:
    atom: int
    text: str
    element: str
    anchor: tuple[float, float]  # data coordinates of the text's left baseline-centre
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in data units (bond clipping)


def _labels(mol: Chem.Mol, xy: np.ndarray, style: Style, bond_px: float) -> dict[int, Label]:
    out = {}
    for atom in mol.GetAtoms():
        i = atom.GetIdx()
        h_left = _h_on_left(atom, xy)
        found = atom_label(atom, h_left, style.label_carbons)
        if found is None:
            continue
        text, element = found
        total_w, text_h = (v / bond_px for v in _text_size(text, style.font_px))
        symbol_w = _text_size(element, style.font_px)[0] / bond_px
        # The element symbol is centred on the atom; the H part sticks out to one side.
        before = text.index(element)  # characters written before the symbol ("H₂" in H₂N)
        shift = _text_size(text[:before], style.font_px)[0] / bond_px if before else 0.0
        left = xy[i, 0] - shift - symbol_w / 2
        margin = LABEL_MARGIN * text_h
        box = (left - margin, xy[i, 1] - text_h / 2 - margin, left + total_w + margin, xy[i, 1] + text_h / 2 + margin)
        out[i] = Label(i, text, element, (float(left), float(xy[i, 1])), box)
    return out


def _exit_fraction(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> float:
    """How far along a→b (0..1) the segment leaves `box`, which contains a."""
    x0, y0, x1, y1 = box
    d = b - a
    ts = []
    for k, (lo, hi) in enumerate(((x0, x1), (y0, y1))):
        if d[k] > 1e-12:
            ts.append((hi - a[k]) / d[k])
        elif d[k] < -1e-12:
            ts.append((lo - a[k]) / d[k])
    return float(min(min(ts) if ts else 0.0, 1.0))


def _ring_centre(mol: Chem.Mol, bond: Chem.Bond, xy: np.ndarray) -> np.ndarray | None:
    rings = [r for r in mol.GetRingInfo().BondRings() if bond.GetIdx() in r]
    if not rings:
        return None
    ring = min(rings, key=len)
    bonds = [mol.GetBondWithIdx(b) for b in ring]
    atoms = {b.GetBeginAtomIdx() for b in bonds} | {b.GetEndAtomIdx() for b in bonds}
    return xy[sorted(atoms)].mean(axis=0)


def bond_segments(mol: Chem.Mol, xy: np.ndarray, labels: dict[int, Label]) -> list[np.ndarray]:
    """Line segments of every bond, trimmed at atom labels. `mol` must be kekulized.
    Each line is (offset, start, end) along its bond; the trim where the bond's axis
    leaves a label applies to all its lines, so double and triple bonds end evenly."""
    segments = []
    for bond in mol.GetBonds():
        i, j = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
        a, b = xy[i], xy[j]
        d = b - a
        normal = np.array([-d[1], d[0]]) / max(np.linalg.norm(d), 1e-12)
        order = bond.GetBondType()
        if order == Chem.BondType.DOUBLE:
            centre = _ring_centre(mol, bond, xy)
            if centre is not None:
                side = 1.0 if np.dot(centre - (a + b) / 2, normal) > 0 else -1.0
                lines = [(0.0, 0.0, 1.0), (side * RING_INSET, RING_TRIM, 1.0 - RING_TRIM)]
            else:
                lines = [(DOUBLE_GAP, 0.0, 1.0), (-DOUBLE_GAP, 0.0, 1.0)]
        elif order == Chem.BondType.TRIPLE:
            lines = [(0.0, 0.0, 1.0), (TRIPLE_GAP, 0.0, 1.0), (-TRIPLE_GAP, 0.0, 1.0)]
        else:
            lines = [(0.0, 0.0, 1.0)]
        start = _exit_fraction(a, b, labels[i].box) if i in labels else 0.0
        end = 1.0 - _exit_fraction(b, a, labels[j].box) if j in labels else 1.0
        for offset, s0, e0 in lines:
            s1, e1 = max(s0, start), min(e0, end)
            if e1 - s1 > 1e-3:
                base = a + offset * normal
                segments.append(np.array([base + s1 * d, base + e1 * d]))
    return segments


def draw(ax, mol: Chem.Mol, xy: np.ndarray, frame_: Frame, style: Style, dpi: int) -> dict[int, Label]:
    """Draw the kekulized `mol` at `xy` into `ax` (whose position and limits follow
    `frame_`); returns the atom labels drawn."""
    ax.set_position(frame_.rect)
    ax.set_xlim(*frame_.xlim)
    ax.set_ylim(*frame_.ylim)
    ax.set_axis_off()
    labels = _labels(mol, xy, style, frame_.bond_px)
    to_pt = 72.0 / dpi
    ax.add_collection(LineCollection(bond_segments(mol, xy, labels), colors=style.ink,
                                     linewidths=style.line_px * to_pt, capstyle="round"))
    for label in labels.values():
        ax.text(label.anchor[0], label.anchor[1], label.text, ha="left", va="center_baseline",
                fontsize=style.font_px * to_pt, color=style.atom_colors.get(label.element, style.ink))
    return labels


def kekulized(mol: Chem.Mol) -> Chem.Mol:
    m = Chem.Mol(mol)
    Chem.Kekulize(m, clearAromaticFlags=True)
    return m


# CPK-like colours by the palette's English names, so every theme can use its own.
PREFERRED = {"O": ("red", "pink"), "N": ("blue", "light blue"), "S": ("orange", "yellow"),
             "Cl": ("green", "light green"), "F": ("green", "light green"), "Br": ("brown", "orange"),
             "I": ("purple", "pink")}


def atom_colors(palette: tuple[tuple[str, str], ...], coloured: bool) -> dict[str, str]:
    """Element -> hex for labels (empty when not `coloured` or the palette lacks the hue)."""
    if not coloured:
        return {}
    by_name = {name: hex_ for hex_, name in palette}
    out = {}
    for element, names in PREFERRED.items():
        for name in names:
            if name in by_name:
                out[element] = by_name[name]
                break
    return out
