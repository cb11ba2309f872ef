"""chemistry.substitute_edit: replace one substituent of a molecule (H → OH, CH3 → Cl, ...).

Source and target share coordinates for every common atom (the target's are
constrained to the source's), one orientation and one frame, so the only pixels that
change are the group's and the formula caption's.
"""

from __future__ import annotations

import numpy as np

from synthesis.science.chemistry import depict
from synthesis.science.chemistry.molecule_figure import MAX_TRIES, random_orientation, rect_for, render
from synthesis.science.chemistry.properties import facts, kekule_smiles
from synthesis.science.chemistry.structure import mass_terms
from synthesis.science.chemistry.substitution import GROUPS, SCAFFOLDS, Group, attach, kekulized_scaffold
from synthesis.science.chemistry.text import subscripted
from synthesis.science.render import edit_mask, overlapping_labels
from synthesis.science.template import RenderContext, ScienceItem, ScienceTemplate

EN = (
    "Replace the {src} {site} with {tgt}.",
    "Swap the {src} {site} for {tgt}, and update the formula and molar mass.",
    "Substitute {tgt} for the {src} {site}.",
)
ZH = (
    "把{site_zh}的{src_zh}换成{tgt_zh}。",
    "将{site_zh}的{src_zh}替换为{tgt_zh}，并更新分子式和摩尔质量。",
)


def _named(group: Group) -> str:
    return f"{group.article} {group.noun} ({subscripted(group.key)})" if group.key != "H" else "a hydrogen atom"


def _caption(f) -> str:
    return f"{subscripted(f.formula)}    M = {f.molar_mass:.3f} g/mol"


class SubstituteEditTemplate(ScienceTemplate):
    name = "chemistry.substitute_edit"
    family = "chemistry"
    subject = "Chemistry"
    image_type = "Chemical Structures"
    task = "edit"

    def generate(self, rng: np.random.Generator, ctx: RenderContext) -> ScienceItem:
        scaffold = SCAFFOLDS[int(rng.integers(len(SCAFFOLDS)))]
        i, j = rng.choice(len(GROUPS), size=2, replace=False)
        source_group, target_group = GROUPS[int(i)], GROUPS[int(j)]
        core, site, _ = kekulized_scaffold(scaffold)
        source, target = attach(core, site, source_group), attach(core, site, target_group)
        f_src, f_tgt = facts(source), facts(target)

        # Common atoms: the scaffold, plus the group's first atom when both groups have one.
        n_common = core.GetNumAtoms() + (1 if source_group.smiles and target_group.smiles else 0)
        xy_src = depict.coordinates(source)
        xy_tgt = depict.constrained_coordinates(target, {k: xy_src[k] for k in range(n_common)})

        colours = depict.atom_colors(ctx.theme.palette, bool(rng.random() < 0.7))
        rect = rect_for(False, True)
        centre = xy_src.mean(axis=0)
        for attempt in range(MAX_TRIES):
            orient = random_orientation(rng)
            matrix = depict.orientation(xy_src, orient["tilt_deg"], orient["flip"], orient["mirror"])
            a, b = depict.apply(matrix, xy_src, centre), depict.apply(matrix, xy_tgt, centre)
            frame = depict.frame([a, b], rect, ctx.size_px)
            scale = 1.0 if attempt < MAX_TRIES // 2 else 0.8
            style = depict.style_for(frame, ctx.theme.ink, colours, ctx.size_px, scale)
            before = render(ctx, source, a, frame, style, None, _caption(f_src))
            after = render(ctx, target, b, frame, style, None, _caption(f_tgt))
            if not overlapping_labels(before.drawing.texts) and not overlapping_labels(after.drawing.texts):
                break

        values = {"src": source_group.noun if source_group.key != "H" else "hydrogen",
                  "tgt": _named(target_group), "site": scaffold.site}
        zh_values = {"src_zh": source_group.zh, "tgt_zh": target_group.zh, "site_zh": scaffold.site_zh}
        counts = ", ".join(f"{e} {n}" for e, n in f_tgt.atom_counts.items())
        delta = round(f_tgt.molar_mass - f_src.molar_mass, 3)
        steps = [
            f"The source molecule is {f_src.formula} (M = {f_src.molar_mass:.3f} g/mol); the site is the atom "
            f"{scaffold.site}, carrying {'a hydrogen' if source_group.key == 'H' else 'the ' + source_group.noun}.",
            f"Remove {source_group.key} and attach {target_group.key} there; every other atom keeps its place.",
            f"Recount atoms: {counts}, so the formula becomes {f_tgt.formula}.",
            f"Molar mass: {mass_terms(f_tgt)} = {f_tgt.molar_mass:.3f} g/mol "
            f"({'+' if delta >= 0 else '−'}{abs(delta):.3f} g/mol).",
            f"Redraw only the group at the site and the caption '{_caption(f_tgt)}'.",
        ]
        return ScienceItem(
            instruction=EN[int(rng.integers(len(EN)))].format(**values),
            instruction_explicit=(
                f"In the skeletal formula of {kekule_smiles(source)}, remove the {source_group.key} "
                f"{scaffold.site} and draw {target_group.key} in its place (giving {kekule_smiles(target)}); keep "
                f"every other atom and bond where it is, and change the caption to '{_caption(f_tgt)}'."
            ),
            instruction_zh=ZH[int(rng.integers(len(ZH)))].format(**zh_values),
            cot=" ".join(f"{k}. {s}" for k, s in enumerate(steps, 1)),
            answer={**f_tgt.answer(), "source_formula": f_src.formula, "source_molar_mass": f_src.molar_mass,
                    "mass_change": delta, "target_smiles": kekule_smiles(target)},
            problem={"scaffold": scaffold.smiles, "site": scaffold.site,
                     "source_group": source_group.key, "source_fragment": source_group.smiles,
                     "target_group": target_group.key, "target_fragment": target_group.smiles,
                     "source_smiles": kekule_smiles(source)},
            image=after.drawing.png,
            width=after.drawing.width,
            height=after.drawing.height,
            difficulty="easy" if source_group.key == "H" or target_group.key == "H" else "medium",
            labels={"texts": after.drawing.texts, "objects": after.atoms, "source_texts": before.drawing.texts,
                    "source_objects": before.atoms, "common_atoms": n_common},
            render={**orient, "font_scale": scale, "atom_colors": colours, "rect": list(rect),
                    "bond_px": round(frame.bond_px, 3), "font_px": round(style.font_px, 3), "scaffold": scaffold.key},
            source_image=before.drawing.png,
            mask=edit_mask(before.drawing.png, after.drawing.png),
        )
