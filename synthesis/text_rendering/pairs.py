"""Text-editing pairs: the same scene re-rendered with one text changed.

The source is the scene as drawn; the edit (text_edits: replace a word, change a price
or a date, translate a line, fix a typo, change case — or recolour a block) rewrites
one block's text, the block is set again in the same box, and the whole scene is drawn
again from the changed spec. The mask covers the old and new ink of that block, grown
by how far effects spread pixels (stroke, shadow, blur, the JPEG block grid); outside
it the target takes the source's pixels, so the pair differs only inside the mask.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from synthesis.text_rendering import colors, prompts
from synthesis.text_rendering.draw import render_scene
from synthesis.text_rendering.fonts import covers, faces_for
from synthesis.text_rendering.text import text_edits, text_sources
from synthesis.text_rendering.text.languages import language
from synthesis.text_rendering.typeset import Frame, set_text

JPEG_GRID = 16  # JPEG's MCU with 4:2:0 chroma: a change spreads within its 16×16 block
RECOLOUR_P = 0.15


@dataclass
class Pair:
    target: Image.Image
    mask: Image.Image
    target_labels: dict
    instruction: str
    instruction_zh: str
    cot: str
    answer: dict
    edit_spec: dict


def retypeset(rng: np.random.Generator, block: dict, text: str, lang: str) -> dict | None:
    """`block` with `text` set in the same box and style; another face of the same kind
    when the old one lacks a glyph (or the language changed); None if it cannot fit."""
    info = language(lang)
    face = block["font"]
    if info.script != block["script"] or not covers(face["path"], text, face.get("index", 0)):
        pool = [f for f in faces_for(info.script) if covers(f.path, text, f.index)]
        same_kind = [f for f in pool if f.category == block.get("category")] or pool
        if not same_kind:
            return None
        chosen = same_kind[int(rng.integers(len(same_kind)))]
        face = chosen.ref()
        block = {**block, "category": chosen.category, "bold": chosen.bold, "italic": chosen.italic}
    vertical = bool(block.get("vertical")) and info.script in ("han", "japanese")
    units, breaks = [], []
    for part in (text.split("\n") if block.get("paragraphs") else [text]):
        if units:
            breaks.append(len(units))
        units += text_sources.break_units(part, lang)
    frame = Frame(*block["box"], align=block["align"], valign=block["valign"], spacing=block["spacing"],
                  direction=info.direction, vertical=vertical, max_lines=block.get("max_lines"))
    laid = set_text(units, "" if vertical else text_sources.joiner(lang), face, frame,
                    max_size=block["size"], min_size=block.get("min_size", 12), forced_breaks=tuple(breaks))
    if laid is None:
        return None
    return {**block, "text": text, "lang": lang, "script": info.script, "direction": info.direction,
            "vertical": vertical, "font": face, "size": laid["size"], "anchor": laid["anchor"],
            "features": laid.get("features"), "lines": laid["lines"]}


def _spread(spec: dict, blocks: list[dict]) -> int:
    """How far (px) the edited block's pixels can reach beyond its glyph boxes."""
    px = 3
    for block in blocks:
        extra = block["stroke"]["width"] if block.get("stroke") else 0
        if block.get("shadow"):
            s = block["shadow"]
            extra += max(abs(s["dx"]), abs(s["dy"])) + 3 * s["blur"]
        px = max(px, 3 + math.ceil(extra))
    return px + math.ceil(3 * (spec.get("effects") or {}).get("blur", 0))


def edit_mask(spec: dict, labels: list[dict], blocks: list[dict]) -> Image.Image:
    """White over every line of the edited block (old and new), grown by the spread."""
    width, height = spec["width"], spec["height"]
    grow = _spread(spec, blocks)
    grid = JPEG_GRID if (spec.get("effects") or {}).get("jpeg") else 1
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    for label in labels:
        for line in label["lines"]:
            pts = np.asarray(line["polygon"], dtype=float)
            x0, y0 = np.floor(pts.min(axis=0) - grow)
            x1, y1 = np.ceil(pts.max(axis=0) + grow)
            x0, y0 = math.floor(max(0, x0) / grid) * grid, math.floor(max(0, y0) / grid) * grid
            x1, y1 = min(width, math.ceil(x1 / grid) * grid), min(height, math.ceil(y1 / grid) * grid)
            draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=255)
    return mask


def _where(block: dict, spec: dict) -> tuple[str, str]:
    en = f"the {block['role'].replace('_', ' ')} at the {prompts.place(block, spec['width'], spec['height'], 'en')}"
    zh = (f"{prompts.place(block, spec['width'], spec['height'], 'zh')}的"
          f"{prompts.ROLE_ZH.get(block['role'], '文字')}")
    return en, zh


def _block_labels(labels: dict, b: int) -> dict:
    return {"lines": [line for line in labels["lines"] if line["block"] == b]}


def _recolour(rng: np.random.Generator, spec: dict, b: int) -> tuple[dict, dict] | None:
    block = spec["blocks"][b]
    old = tuple(block["color"])
    for _ in range(24):
        new = tuple(int(v) for v in rng.integers(0, 256, 3))
        # A visibly different named colour, as legible as the scene demands against what lies beneath.
        if (colors.color_name(new) != colors.color_name(old) and colors.contrast(new, old) > 1.5
                and min(colors.contrast(new, tuple(c)) for c in block["against"]) >= block["min_contrast"]):
            break
    else:
        return None
    text = prompts.block_text(block)
    en_old, en_new = colors.color_name(old), colors.color_name(new)
    zh_old, zh_new = colors.color_name(old, "zh"), colors.color_name(new, "zh")
    where_en, where_zh = _where(block, spec)
    edit = {"kind": "recolour", "old": en_old, "new": en_new, "text": text,
            "instruction_en": f'Change the colour of the text "{text}" ({where_en}) from {en_old} to {en_new}.',
            "instruction_zh": f"把{where_zh}“{text}”的颜色从{zh_old}改成{zh_new}。",
            "cot_en": (f'1. Find the text "{text}": it is {where_en}, drawn in {en_old} '
                       f"({colors.hex_color(old)}).\n2. Only its colour changes: {en_new} "
                       f"({colors.hex_color(new)}); the words, font, size and position stay.\n"
                       "3. Everything else in the image is left untouched.")}
    return {**block, "color": list(new)}, edit


def make_pair(rng: np.random.Generator, spec: dict, source: Image.Image, labels: dict,
              background: Image.Image | None = None) -> Pair | None:
    """An edit of one block of the scene; None when no block admits an edit."""
    order = [int(i) for i in rng.permutation(len(spec["blocks"]))]
    locked = set((spec.get("scene") or {}).get("locked_roles", ()))  # text a template ties to other text
    for b in order:
        block = spec["blocks"][b]
        if rng.random() < RECOLOUR_P or block["role"] in locked:
            found = _recolour(rng, spec, b)
            if found is None:
                continue
            new_block, edit = found
        else:
            text = block.get("text") or prompts.block_text(block)
            line_texts = [line["text"] for line in block["lines"]]
            picked = text_edits.sample_edit(rng, line_texts[int(rng.integers(len(line_texts)))], block["lang"])
            if picked is None or picked.text_before not in text:
                continue
            new_lang = picked.lang_after
            new_block = retypeset(rng, block, text.replace(picked.text_before, picked.text_after, 1), new_lang)
            if new_block is None:
                continue
            where_en, where_zh = _where(block, spec)
            picked = picked.filled(f"in {where_en}", f"在{where_zh}中")
            edit = {"kind": picked.kind, "old": picked.old, "new": picked.new, "lang": new_lang,
                    "instruction_en": picked.instruction_en, "instruction_zh": picked.instruction_zh,
                    "cot_en": picked.cot_en}
        target_spec = copy.deepcopy(spec)
        target_spec["blocks"][b] = new_block
        target, target_labels = render_scene(target_spec, background)
        mask = edit_mask(spec, [_block_labels(labels, b), _block_labels(target_labels, b)],
                         [block, new_block])
        if not np.asarray(mask).any():
            continue
        target = Image.composite(target, source, mask)
        cot = edit["cot_en"] + (
            f"\nRendering: the new text is set in {new_block['font']['family']} {new_block['font']['style']} at "
            f"{new_block['size']} px in the same box; everything outside the edited region stays pixel-identical.")
        answer = {"old": edit["old"], "new": edit["new"], "kind": edit["kind"],
                  "lines": [line["text"] for line in target_labels["lines"]]}
        return Pair(target, mask, target_labels, edit["instruction_en"], edit["instruction_zh"], cot, answer,
                    {"block": b, **{k: v for k, v in edit.items() if not k.startswith(("instruction", "cot"))},
                     "target_block": new_block})
    return None
