"""Instruction (English and Chinese) and chain of thought for a plain_lines spec."""

from __future__ import annotations

import numpy as np

from synthesis.text_rendering.backgrounds import key_colors
from synthesis.text_rendering.colors import color_name, contrast, hex_color

_ALIGN = {
    "en": {"left": "left-aligned", "center": "centred", "right": "right-aligned"},
    "zh": {"left": "左对齐", "center": "水平居中", "right": "右对齐"},
}
_VALIGN = {
    "en": {"top": "near the top", "middle": "in the vertical middle", "bottom": "near the bottom"},
    "zh": {"top": "靠上", "middle": "垂直居中", "bottom": "靠下"},
}

# Gradient directions by angle / 45 (image y points down).
_DIRECTIONS = (
    ("left to right", "从左到右"), ("top-left to bottom-right", "从左上到右下"),
    ("top to bottom", "从上到下"), ("top-right to bottom-left", "从右上到左下"),
    ("right to left", "从右到左"), ("bottom-right to top-left", "从右下到左上"),
    ("bottom to top", "从下到上"), ("bottom-left to top-right", "从左下到右上"),
)

EN_TEMPLATES = (
    "Create a {w}×{h} image with {bg} showing {text}, set in a {color} {face}, {align}.",
    "Render {text} in {color} {face} lettering on {bg}, {align}; the image is {w}×{h} pixels.",
    "A {w}×{h} typographic poster: {bg}, with {text} written in a {color} {face}, {align}.",
)
ZH_TEMPLATES = (
    "生成一张 {w}×{h} 的图片，{bg}，用{color}{face}写出{n}行文字：{text}，{align}。",
    "请在{bg}上用{color}{face}渲染以下{n}行文字：{text}，{align}，图片尺寸 {w}×{h}。",
)


def typeface(family: str, style: str, lang: str) -> str:
    kind = "mono" if "Mono" in family else "serif" if "Serif" in family else "sans"
    s = style.lower()
    traits = [
        t for t, on in (("bold", "bold" in s), ("light", "light" in s),
                        ("italic", "italic" in s or "oblique" in s), ("condensed", "condensed" in s))
        if on
    ]
    if lang == "zh":
        zh = {"bold": "粗体", "light": "细体", "italic": "斜体", "condensed": "窄体"}
        kinds = {"mono": "等宽字体", "serif": "衬线字体", "sans": "无衬线字体"}
        return "".join(zh[t] for t in traits) + kinds[kind]
    kinds = {"mono": "monospaced typeface", "serif": "serif typeface", "sans": "sans-serif typeface"}
    return " ".join([*traits, kinds[kind]])


def background_phrase(bg: dict, lang: str) -> str:
    if bg["kind"] == "plain":
        name = color_name(bg["color"], lang)
        return f"纯{name}背景" if lang == "zh" else f"a plain {name} background"
    if bg["kind"] == "gradient":
        a, b = color_name(bg["start"], lang), color_name(bg["end"], lang)
        way_en, way_zh = _DIRECTIONS[round(bg["angle_deg"] / 45) % 8]
        if lang == "zh":
            return f"{a}渐变背景" if a == b else f"{way_zh}由{a}渐变到{b}的背景"
        if a == b:
            return f"a subtle {a} gradient background"
        return f"a background fading from {a} to {b} ({way_en})"
    name = color_name(bg["color"], lang)
    return f"带柔和噪点纹理的{name}背景" if lang == "zh" else f"a softly textured {name} background"


def quoted_lines(lines: list[str], lang: str) -> str:
    quoted = [f'"{line}"' for line in lines]
    if lang == "zh":
        return "、".join(quoted)
    if len(quoted) == 1:
        return f"the text {quoted[0]}"
    return f"{len(quoted)} lines of text: " + ", ".join(quoted[:-1]) + f" and {quoted[-1]}"


def instructions(rng: np.random.Generator, spec: dict, lines: list[str]) -> tuple[str, str]:
    out = []
    for lang, templates in (("en", EN_TEMPLATES), ("zh", ZH_TEMPLATES)):
        align = f"{_ALIGN[lang][spec['align']]}{'、' if lang == 'zh' else ' '}{_VALIGN[lang][spec['valign']]}"
        if lang == "zh" and spec["align"] == "center" and spec["valign"] == "middle":
            align = "整体居中"
        out.append(
            templates[int(rng.integers(len(templates)))].format(
                w=spec["width"], h=spec["height"], n=len(lines),
                bg=background_phrase(spec["background"], lang),
                text=quoted_lines(lines, lang),
                color=color_name(spec["color"], lang),
                face=typeface(spec["font"]["family"], spec["font"]["style"], lang),
                align=align,
            )
        )
    return out[0], out[1]


def cot(spec: dict, lines: list[str]) -> str:
    font = spec["font"]
    ratio = min(contrast(spec["color"], c) for c in key_colors(spec["background"]))
    longest = max(lines, key=len)
    bg = spec["background"]
    bg_detail = {
        "plain": lambda: hex_color(bg["color"]),
        "gradient": lambda: f"{hex_color(bg['start'])} → {hex_color(bg['end'])} at {bg['angle_deg']}°",
        "noise": lambda: f"{hex_color(bg['color'])} ± {bg['amplitude']} in {bg['cell_px']} px blobs",
    }[bg["kind"]]()
    text = " | ".join(f'"{line}"' for line in lines)
    return (
        f"Text: {len(lines)} line(s), spelled exactly: {text}. "
        f"Canvas: {spec['width']}×{spec['height']} px, {background_phrase(bg, 'en')} ({bg_detail}). "
        f"Font: {font['family']} {font['style']} ({typeface(font['family'], font['style'], 'en')}) at "
        f"{spec['size']} px, the largest size at which the longest line \"{longest}\" fits inside "
        f"{spec['margin']} px margins; line spacing {spec['spacing']}. "
        f"Colour: {hex_color(spec['color'])} ({color_name(spec['color'])}), contrast {ratio:.1f}:1 "
        f"against the background (≥ 4.5, so it stays legible). "
        f"Layout: lines {_ALIGN['en'][spec['align']]}, block {_VALIGN['en'][spec['valign']]}."
    )
