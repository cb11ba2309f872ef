"""One molecule in a themed figure: optional title above, optional caption below.

The figure uses no automatic layout (`layout=None`): the molecule's axes sit at a fixed
rectangle with fixed limits (`depict.Frame`), so two drawings that share a frame put
shared atoms on the same pixels (edit pairs rely on it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rdkit import Chem

from synthesis.science.chemistry import depict
from synthesis.science.render import Drawing, figure, finish, overlapping_labels
from synthesis.science.template import RenderContext

TITLE_Y, CAPTION_Y = 0.955, 0.04
MAX_TRIES = 8  # fresh orientations before giving up on a label collision


def rect_for(title: bool, caption: bool) -> tuple[float, float, float, float]:
    bottom = 0.13 if caption else 0.04
    top = 0.87 if title else 0.96
    return (0.04, bottom, 0.92, round(top - bottom, 6))


@dataclass
class MoleculeDrawing:
    drawing: Drawing
    atoms: list[dict]  # {"label": "atom", "index", "element", "point": [x, y] px, y down}


def render(ctx: RenderContext, mol: Chem.Mol, xy: np.ndarray, frame: depict.Frame, style: depict.Style,
           title: str | None = None, caption: str | None = None) -> MoleculeDrawing:
    """`mol` is kekulized; `xy` its coordinates in bond units."""
    with figure(ctx, layout=None) as fig:
        ax = fig.add_axes(frame.rect)
        depict.draw(ax, mol, xy, frame, style, ctx.dpi)
        to_pt = 72.0 / ctx.dpi
        if title:
            fig.text(0.5, TITLE_Y, title, ha="center", va="top", fontsize=0.036 * ctx.size_px * to_pt,
                     fontweight="bold")
        if caption:
            fig.text(0.5, CAPTION_Y, caption, ha="center", va="bottom", fontsize=0.032 * ctx.size_px * to_pt)
        drawing = finish(fig)
        pixels = ax.transData.transform(xy)
    atoms = [{"label": "atom", "index": a.GetIdx(), "element": a.GetSymbol(),
              "point": [round(float(px), 2), round(float(drawing.height - py), 2)]}
             for a, (px, py) in zip(mol.GetAtoms(), pixels)]
    return MoleculeDrawing(drawing, atoms)


def random_orientation(rng: np.random.Generator) -> dict:
    """Tilt, half turn and mirror of the principal-axis orientation (stored in `render`)."""
    return {"tilt_deg": round(float(rng.uniform(-25.0, 25.0)), 3), "flip": bool(rng.random() < 0.5),
            "mirror": bool(rng.random() < 0.5)}


def draw_clean(ctx: RenderContext, rng: np.random.Generator, mol: Chem.Mol, base_xy: np.ndarray,
               colours: dict[str, str], title: str | None, caption: str | None) -> tuple[MoleculeDrawing, dict]:
    """Draw with random orientations until no two labels overlap (then smaller type)."""
    rect = rect_for(title is not None, caption is not None)
    for attempt in range(MAX_TRIES):
        orient = random_orientation(rng)
        matrix = depict.orientation(base_xy, orient["tilt_deg"], orient["flip"], orient["mirror"])
        xy = depict.apply(matrix, base_xy, base_xy.mean(axis=0))
        frame = depict.frame([xy], rect, ctx.size_px)
        scale = 1.0 if attempt < MAX_TRIES // 2 else 0.8
        style = depict.style_for(frame, ctx.theme.ink, colours, ctx.size_px, scale, depict.condensed(mol))
        out = render(ctx, mol, xy, frame, style, title, caption)
        if not overlapping_labels(out.drawing.texts):
            break
    render_info = {**orient, "font_scale": scale, "atom_colors": colours, "rect": list(rect),
                   "bond_px": round(frame.bond_px, 3), "font_px": round(style.font_px, 3)}
    return out, render_info
