"""Instructions (English and Chinese) and the planning chain of thought for a scene spec.

Everything is read off the spec, so the words match the pixels: each block's exact
text in quotes, its role, typeface kind, weight, colour, size and place, and the
background and effects.
"""

from __future__ import annotations

import numpy as np

from synthesis.text_rendering.colors import color_name, hex_color

ROLE_ZH = {
    "headline": "标题", "title": "标题", "subtitle": "副标题", "body": "正文", "caption": "说明文字",
    "price": "价格", "total": "合计", "button": "按钮", "label": "标签", "brand": "品牌名", "footer": "页脚",
    "header": "页眉", "date": "日期", "name": "名称", "signature": "署名", "greeting": "祝福语",
    "sign": "标牌文字", "item": "条目", "heading": "小标题", "text": "文字", "tagline": "标语",
    "venue": "地点", "time": "时间", "badge": "徽章文字", "weight": "净含量", "address": "地址",
}
_WHY = {
    "headline": "it is what the viewer reads first, so it gets the largest size",
    "title": "it names the page, so it is the largest and boldest text",
    "price": "a price must be found at a glance, so it stands apart",
    "total": "the total is what a reader looks for, so it is emphasised",
    "button": "a button label is short and centred in its control",
    "body": "body text is set smaller for reading, wrapped to its column",
    "brand": "the brand is the identity of the product, set in a distinctive face",
}
_CATEGORY = {
    "en": {"sans": "sans-serif", "serif": "serif", "mono": "monospaced", "handwriting": "handwritten-style",
           "display": "display"},
    "zh": {"sans": "无衬线", "serif": "衬线", "mono": "等宽", "handwriting": "手写风格", "display": "艺术"},
}
_GRID = {
    "en": (("top-left", "top", "top-right"), ("left", "centre", "right"), ("bottom-left", "bottom", "bottom-right")),
    "zh": (("左上", "上方", "右上"), ("左侧", "中央", "右侧"), ("左下", "下方", "右下")),
}


def block_text(block: dict) -> str:
    joiner = "" if block["vertical"] or block["script"] in ("han", "japanese") else " "
    return joiner.join(line["text"] for line in block["lines"])


def place(block: dict, width: int, height: int, lang: str) -> str:
    x, y, w, h = block["canvas_box"]
    col = min(2, int(3 * (x + w / 2) / width))
    row = min(2, int(3 * (y + h / 2) / height))
    return _GRID[lang][row][col]


def size_word(block: dict, height: int, lang: str) -> str:
    rel = block["size"] / height
    if lang == "zh":
        return "大号" if rel > 0.08 else "中号" if rel > 0.035 else "小号"
    return "large" if rel > 0.08 else "medium-sized" if rel > 0.035 else "small"


def face_words(block: dict, lang: str) -> str:
    kind = _CATEGORY[lang][block.get("category", "sans")]
    if lang == "zh":
        return ("粗体" if block.get("bold") else "") + ("斜体" if block.get("italic") else "") + kind + "字体"
    traits = [t for t, on in (("bold", block.get("bold")), ("italic", block.get("italic"))) if on]
    return " ".join([*traits, kind])


def extras(block: dict, lang: str) -> list[str]:
    out = []
    zh = lang == "zh"
    if block.get("vertical"):
        out.append("竖排" if zh else "set vertically")
    if block.get("arc"):
        out.append("沿弧线弯曲" if zh else "curved along an arc")
    if abs(block.get("angle", 0)) >= 1:
        out.append(f"旋转约{abs(block['angle']):.0f}度" if zh else f"rotated by about {abs(block['angle']):.0f}°")
    if any(abs(t) > 0.01 for t in block.get("tilt", (0, 0))):
        out.append("带透视效果" if zh else "seen in perspective")
    if block.get("stroke"):
        c = color_name(block["stroke"]["color"], lang)
        out.append(f"带{c}描边" if zh else f"with a {c} outline")
    if block.get("shadow"):
        out.append("带投影" if zh else "with a drop shadow")
    return out


def describe_block(block: dict, width: int, height: int, lang: str) -> str:
    text = block_text(block)
    color = color_name(block["color"], lang)
    if lang == "zh":
        role = ROLE_ZH.get(block["role"], "文字")
        extra = "，" + "，".join(extras(block, lang)) if extras(block, lang) else ""
        return f"{place(block, width, height, lang)}用{size_word(block, height, lang)}{color}{face_words(block, lang)}写{role}“{text}”{extra}"
    role = block["role"].replace("_", " ")
    extra = ", " + ", ".join(extras(block, lang)) if extras(block, lang) else ""
    return (f'the {role} "{text}" in {size_word(block, height, lang)} {color} {face_words(block, lang)} '
            f"letters at the {place(block, width, height, lang)}{extra}")


def background_phrase(bg: dict, lang: str) -> str:
    zh = lang == "zh"
    kind = bg["kind"]
    if kind == "photo":
        return "一张照片背景" if zh else "a photograph"
    if kind == "scenery":
        from synthesis.text_rendering.scenery import describe_scenery

        return describe_scenery(bg, lang)
    if "color" not in bg:  # a kind added later without a describable colour
        return f"{kind}背景" if zh else f"a {kind} background"
    if kind == "gradient":
        a, b = color_name(bg["start"], lang), color_name(bg["end"], lang)
        if zh:
            return f"{a}渐变背景" if a == b else f"由{a}渐变到{b}的背景"
        return f"a {a} gradient background" if a == b else f"a background fading from {a} to {b}"
    name = color_name(bg["color"], lang)
    en = {"plain": f"a plain {name} background", "noise": f"a softly mottled {name} background",
          "paper": f"{name} paper", "wood": f"{name} wood", "fabric": f"{name} woven fabric"}
    cn = {"plain": f"纯{name}背景", "noise": f"带柔和斑驳纹理的{name}背景", "paper": f"{name}纸张背景",
          "wood": f"{name}木纹背景", "fabric": f"{name}织物背景"}
    return (cn if zh else en)[kind]


def effects_phrase(effects: dict, lang: str) -> str:
    zh = lang == "zh"
    parts = []
    if effects.get("blur"):
        parts.append("略微模糊" if zh else "slightly blurred")
    if effects.get("noise"):
        parts.append("带颗粒噪点" if zh else "with visible grain")
    if effects.get("jpeg"):
        parts.append("带JPEG压缩痕迹" if zh else "with JPEG compression artefacts")
    return ("，整体" + "、".join(parts)) if zh and parts else ("; the whole image " + ", ".join(parts)) if parts else ""


def instructions(rng: np.random.Generator, spec: dict, scene_en: str, scene_zh: str) -> tuple[str, str]:
    w, h = spec["width"], spec["height"]
    blocks = [spec["blocks"][i] for i in reading_blocks(spec)]
    en_blocks = "; ".join(describe_block(b, w, h, "en") for b in blocks)
    zh_blocks = "；".join(describe_block(b, w, h, "zh") for b in blocks)
    opener = ("Create", "Design", "Render", "Generate")[int(rng.integers(4))]
    en = (f"{opener} {scene_en} ({w}×{h} px) on {background_phrase(spec['background'], 'en')} showing "
          f"{en_blocks}{effects_phrase(spec.get('effects', {}), 'en')}. Spell every text exactly as quoted.")
    zh = (f"生成{scene_zh}（{w}×{h} 像素），背景为{background_phrase(spec['background'], 'zh')}：{zh_blocks}"
          f"{effects_phrase(spec.get('effects', {}), 'zh')}。所有文字须与引号内完全一致。")
    return en, zh


def reading_blocks(spec: dict) -> list[int]:
    return sorted(range(len(spec["blocks"])), key=lambda b: spec["blocks"][b].get("order", b))


def cot(spec: dict, scene_en: str) -> str:
    """The plan a model should write before drawing: which text, where, which style, why."""
    w, h = spec["width"], spec["height"]
    steps = [f"1. Scene: {scene_en}, {w}×{h} px, on {background_phrase(spec['background'], 'en')}."]
    texts = [f'"{block_text(spec["blocks"][i])}" ({spec["blocks"][i]["role"]})' for i in reading_blocks(spec)]
    steps.append(f"2. Text to render, in reading order: {'; '.join(texts)}.")
    for n, i in enumerate(reading_blocks(spec), start=3):
        b = spec["blocks"][i]
        why = _WHY.get(b["role"], "it is sized to fill its area without crowding the rest")
        lines = len(b["lines"])
        steps.append(
            f"{n}. {b['role'].capitalize()} at the {place(b, w, h, 'en')}: {b['font']['family']} {b['font']['style']} "
            f"({face_words(b, 'en')}), {b['size']} px, {lines} line{'s' if lines > 1 else ''}, {b['align']}-aligned, "
            f"colour {hex_color(b['color'])} ({color_name(b['color'])}) with contrast {b['contrast']}:1 against "
            f"what lies beneath; {why}" + (f"; {', '.join(extras(b, 'en'))}" if extras(b, 'en') else "") + "."
        )
    effects = effects_phrase(spec.get("effects", {}), "en")
    if effects:
        steps.append(f"{len(steps) + 1}. Finish{effects.replace('; the whole image', ':')}.")
    return "\n".join(steps)
