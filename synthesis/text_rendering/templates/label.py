"""label: product labels and packaging — brand, product, net weight, ingredients,
price and "best before" date, as printed on the things themselves.

Sub-layouts:
- `jar`: a jar or bottle on a table with a lid, and a label wrapped on it: brand,
  product name, net weight, ingredients in small print, best-before date;
- `sticker`: a round sticker, the brand curved along the top rim, the product in the
  middle, the weight curved along the bottom (seals and farm-shop stickers);
- `price_tag`: a hanging tag turned at an angle (a string through its hole): product,
  a big price, weight;
- `package`: the front of a box: a brand band, product name, a claim, a round badge
  with curved text, net weight and a barcode.
"""

from __future__ import annotations

import numpy as np

from synthesis.text_rendering import colors
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import number_lang, put_text
from synthesis.text_rendering.templates.measure import CJK_HANGUL, min_px, used_height
from synthesis.text_rendering.templates.names import shop_name
from synthesis.text_rendering.templates.shapes import board_polygon, frame_matrix, point_in, pose, wall
from synthesis.text_rendering.text import phrasebook, text_sources

PRODUCTS = tuple(phrasebook.phrase_keys("product")) + tuple(phrasebook.phrase_keys("food"))
CLAIMS = ("organic", "gluten_free", "keep_refrigerated", "store_cool_dry", "limited_edition", "new", "best_seller")
LABEL_PAPERS = ((250, 247, 238), (255, 255, 255), (238, 228, 205), (30, 40, 60), (120, 30, 40), (40, 80, 50),
                (250, 215, 80), (220, 235, 245))
JAR_BODIES = ((196, 120, 40), (150, 90, 40), (220, 220, 215), (60, 110, 60), (120, 40, 40), (235, 210, 150))
LIDS = ((200, 160, 60), (180, 180, 185), (40, 40, 40), (190, 40, 40), (250, 250, 250))
PACK_COLORS = ((200, 30, 45), (245, 200, 40), (20, 60, 120), (250, 248, 240), (30, 110, 70), (90, 40, 110),
               (240, 120, 30), (20, 20, 20), (160, 210, 230), (245, 220, 225))
TAGS = ((250, 245, 230), (255, 255, 255), (250, 220, 90), (230, 80, 60), (200, 225, 200))
# Units as each market prints them on a pack (Latin units are the common default).
_UNITS = {"ru": ("г", "кг", "мл", "л"), "uk": ("г", "кг", "мл", "л"), "zh": ("克", "千克", "毫升", "升")}
_LIST_COMMA = {"zh": "、", "ja": "、", "ar": "، "}


def net_amount(scene: SceneBuilder) -> str:
    """A pack size as printed: 500 g, 1,5 L, 750 мл, 250克."""
    units = _UNITS.get(scene.lang, ("g", "kg", "ml", "L")) if scene.chance(0.8) else ("g", "kg", "ml", "L")
    kind = int(scene.rng.integers(4))
    value, decimals = [(int(scene.rng.integers(2, 20)) * 50, 0), (scene.choice((1, 1.5, 2, 2.5, 5)), 1),
                       (scene.choice((200, 250, 330, 500, 750)), 0), (scene.choice((1, 1.5, 2)), 1)][kind]
    decimals = 0 if float(value).is_integer() else decimals
    number = text_sources.format_number(float(value), decimals, scene.lang)
    space = "" if scene.lang in ("zh", "ja") and units[kind] in ("克", "千克", "毫升", "升") else " "
    return f"{number}{space}{units[kind]}"


def ingredients(scene: SceneBuilder, exclude: str) -> str:
    """"Ingredients: milk, honey, rice" in the scene's language."""
    keys = [k for k in PRODUCTS if k != exclude]
    picks = [keys[int(i)] for i in scene.rng.permutation(len(keys))[: int(scene.rng.integers(2, 5))]]
    items = [phrasebook.translate(k, scene.lang) for k in picks]
    if scene.lang not in ("de", "zh", "ja", "ko", "ar", "hi", "el"):
        items = [items[0]] + [i[:1].lower() + i[1:] for i in items[1:]]
    colon = "：" if scene.lang in ("zh", "ja") else ": "
    return phrasebook.translate("ingredients", scene.lang) + colon + _LIST_COMMA.get(scene.lang, ", ").join(items)


def best_before(scene: SceneBuilder) -> tuple[str, str]:
    """("Best before: 12/05/2026", "12/05/2026")."""
    date = scene.text("date")
    colon = "：" if scene.lang in ("zh", "ja") else ": "
    return phrasebook.translate("best_before", scene.lang) + colon + date, date


class ProductLabel(Template):
    name = "label"
    scene_en = "a product label"
    scene_zh = "一张产品标签"
    aspect = (0.6, 1.7)
    backgrounds = ("plain", "wood", "fabric", "noise", "gradient")

    LAYOUTS = ("jar", "sticker", "price_tag", "package")

    def build(self, scene: SceneBuilder, layout: str | None = None) -> None:
        """`layout`: one of LAYOUTS (default: drawn at random)."""
        if layout is None:
            layout = scene.choice(("jar", "jar", "sticker", "price_tag", "package"))
        elif layout not in self.LAYOUTS:
            raise ValueError(f"unknown label layout {layout!r}; allowed: {', '.join(self.LAYOUTS)}")
        getattr(self, f"_{layout}")(scene)

    def _product(self, scene: SceneBuilder, brand_chars: int = 20) -> tuple[str, str, str]:
        key = scene.choice(PRODUCTS)
        if scene.lang in ("zh", "ja", "ko"):
            brand_chars = min(brand_chars, 8)
        return key, phrasebook.translate(key, scene.lang), shop_name(scene, brand_chars)

    def _surface(self, scene: SceneBuilder) -> None:
        """What the product stands on: a wooden table, a kitchen wall, a tablecloth."""
        pick = scene.uniform(0, 1)
        if pick < 0.4:
            scene.set_background(wall(scene, wood=1.0))
        elif pick < 0.8:
            scene.set_background(wall(scene, wood=0.0))
        else:
            cloth = scene.choice(((200, 60, 60), (60, 90, 150), (230, 225, 210), (90, 130, 90)))
            scene.set_background({"kind": "fabric", "color": list(cloth), "period_px": int(scene.rng.integers(3, 9)),
                                  "contrast": round(scene.uniform(0.04, 0.1), 3),
                                  "noise_seed": int(scene.rng.integers(2**31))})

    def _jar(self, scene: SceneBuilder) -> None:
        self._surface(scene)
        w, h = scene.width, scene.height
        key, product, brand = self._product(scene)
        body_color, lid_color = scene.choice(JAR_BODIES), scene.choice(LIDS)
        paper = scene.choice(LABEL_PAPERS)
        jar_h = h * scene.uniform(0.8, 0.9)
        jar_w = min(w * 0.8, jar_h * scene.uniform(0.55, 0.85))
        x0, y0 = (w - jar_w) / 2, h - jar_h - h * 0.03
        lid_h = jar_h * 0.1
        scene.add_shape("rounded_rect", (x0 + jar_w * 0.1, y0, x0 + jar_w * 0.9, y0 + lid_h), fill=lid_color,
                        radius=round(lid_h * 0.25))
        scene.add_shape("rounded_rect", (x0, y0 + lid_h * 0.9, x0 + jar_w, y0 + jar_h), fill=body_color,
                        radius=round(jar_w * 0.12))
        scene.add_shape("rect", (x0 + jar_w * 0.07, y0 + lid_h * 1.6, x0 + jar_w * 0.12, y0 + jar_h * 0.85),
                        fill=tuple(min(255, c + 40) for c in body_color))  # a highlight on the glass
        # The label: most of the body's height, inset from its sides.
        lx0, lx1 = x0 + jar_w * 0.04, x0 + jar_w * 0.96
        ly0, ly1 = y0 + lid_h + jar_h * 0.1, y0 + jar_h * 0.92
        scene.add_shape("rect", (lx0, ly0, lx1, ly1), fill=paper)
        band = scene.choice([c for c in PACK_COLORS if colors.contrast(c, paper) > 2.0])
        lw, lh = lx1 - lx0, ly1 - ly0
        pad = lw * 0.07
        scene.add_shape("rect", (lx0, ly0 + lh * 0.04, lx1, ly0 + lh * 0.06), fill=band)
        y = ly0 + lh * 0.09
        block = put_text(scene, brand, (lx0 + pad, y, lw - 2 * pad, lh * 0.11), role="brand", align="center",
                         max_lines=1, against=[paper], min_size=min_px(scene.lang, CJK_HANGUL),
                         categories=("serif", "display"), bold=True)
        y += used_height(block) + lh * 0.03
        block = put_text(scene, product, (lx0 + pad, y, lw - 2 * pad, lh * 0.25), role="name", align="center",
                         valign="middle", max_lines=2, against=[paper], min_size=20,
                         categories=("display", "serif", "handwriting"), bold=True)
        y += lh * 0.26
        amount = net_amount(scene)
        block = put_text(scene, amount, (lx0 + pad, y, lw - 2 * pad, lh * 0.1), role="weight", align="center",
                         lang=number_lang(scene, amount),
                         max_lines=1, against=[paper], min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",),
                         bold=True)
        y += used_height(block) + lh * 0.04
        scene.add_shape("line", (lx0 + pad, y, lx1 - pad, y), fill=band, width=2)
        y += lh * 0.03
        small = min_px(scene.lang, CJK_HANGUL)
        try:
            block = put_text(scene, ingredients(scene, key), (lx0 + pad, y, lw - 2 * pad, ly1 - y - lh * 0.14),
                             role="body", align="center", max_lines=3, max_size=small + 4, min_size=small,
                             against=[paper], categories=("sans", "serif"))
            y += used_height(block) + lh * 0.02
        except NoFit:
            pass
        text, date = best_before(scene)
        try:
            put_text(scene, text, (lx0 + pad, max(y, ly1 - lh * 0.13), lw - 2 * pad, lh * 0.11), role="date",
                     align="center", valign="bottom", max_lines=2, max_size=small + 4, min_size=small,
                     against=[paper], categories=("sans",))
            scene.fact("What is the best-before date on the label?", "标签上的保质期到哪一天？", date)
        except NoFit:
            pass
        scene.scene = {"kind": "jar label", "brand": brand, "product": product, "amount": amount}
        scene.fact("What is the net amount on the label?", "标签上的净含量是多少？", amount)
        scene.fact("What is the brand on the label?", "标签上的品牌是什么？", brand)

    def _sticker(self, scene: SceneBuilder) -> None:
        self._surface(scene)
        w, h = scene.width, scene.height
        _, product, brand = self._product(scene, brand_chars=14)
        paper = scene.choice(LABEL_PAPERS)
        ink = colors.text_color(scene.rng, [paper])
        r = min(w, h) * scene.uniform(0.38, 0.45)
        center = (w / 2, h / 2)
        angle = round(scene.uniform(-15, 15) * scene.effect_strength, 1)
        frame = frame_matrix(center, angle, 0, 0)
        scene.add_shape("ellipse", (center[0] - r, center[1] - r, center[0] + r, center[1] + r), fill=paper,
                        outline=ink, width=max(2, round(r * 0.025)))
        inner = r * 0.62
        scene.add_shape("ellipse", (center[0] - inner, center[1] - inner, center[0] + inner, center[1] + inner),
                        outline=ink, width=max(1, round(r * 0.012)))
        rim = r * 0.81  # the curved texts run between the two circles
        band_h = r * 0.26
        small = min_px(scene.lang, CJK_HANGUL)
        claim = phrasebook.translate(scene.choice(CLAIMS), scene.lang)
        for text, role, sign in ((brand, "brand", 1), (claim, "label", -1)):  # over the top, under the bottom
            cx, cy = point_in(frame, 0, -sign * rim)
            tw = rim / 1.52
            try:
                put_text(scene, text, (cx - tw / 2, cy - band_h / 2, tw, band_h), role=role, arc=sign * rim,
                         max_lines=1, align="center", valign="middle", color=ink, against=[paper], min_size=small,
                         categories=("serif", "sans"), bold=True, angle=angle)
            except NoFit:
                if role == "brand":
                    brand = None
        nw, nh = inner * 1.6, inner * 0.7
        cx, cy = point_in(frame, 0, -inner * 0.12)
        put_text(scene, product, (cx - nw / 2, cy - nh / 2, nw, nh), role="name", max_lines=2, align="center",
                 valign="middle", color=ink, against=[paper], min_size=18,
                 categories=("display", "serif", "handwriting"),
                 bold=True, angle=angle)
        amount = net_amount(scene)
        aw, ah = inner * 1.1, inner * 0.3
        cx, cy = point_in(frame, 0, inner * 0.48)
        put_text(scene, amount, (cx - aw / 2, cy - ah / 2, aw, ah), role="weight", max_lines=1, align="center",
                 lang=number_lang(scene, amount),
                 valign="middle", color=ink, against=[paper], min_size=small, categories=("sans",), angle=angle)
        scene.scene = {"kind": "round sticker", "brand": brand, "product": product, "amount": amount}
        scene.fact("What product is named on the sticker?", "贴纸上写的是什么产品？", product)
        scene.fact("What is the net amount on the sticker?", "贴纸上的净含量是多少？", amount)

    def _price_tag(self, scene: SceneBuilder) -> None:
        self._surface(scene)
        w, h = scene.width, scene.height
        _, product, _ = self._product(scene)
        paper = scene.choice(TAGS)
        ink = colors.text_color(scene.rng, [paper])
        angle = pose(scene, max_angle=10.0)[0]
        tw = min(w * 0.62, h * 0.9 * scene.uniform(1.1, 1.5))
        th = tw / scene.uniform(1.2, 1.6)
        center = (w / 2 + w * 0.05, h / 2 + h * 0.05)
        frame = frame_matrix(center, angle, tw, th)
        notch = th * 0.28  # the cut corners at the hole's end
        outline = [(notch, 0), (tw, 0), (tw, th), (notch, th), (0, th - notch), (0, notch)]
        hole = (notch * 0.75, th / 2)
        hx, hy = point_in(frame, *hole)
        scene.add_shape("line", (hx, hy, hx - w * 0.25, 0), fill=(120, 100, 80), width=max(2, round(th * 0.012)))
        scene.add_shape("polygon", board_polygon(frame, np.array(outline, dtype=float)), fill=paper,
                        outline=tuple(max(0, c - 60) for c in paper), width=2)
        rh = th * 0.06
        scene.add_shape("ellipse", (hx - rh, hy - rh, hx + rh, hy + rh), fill=(150, 150, 150), outline=(90, 90, 90))
        left = notch * 1.5
        inner_w = tw - left - tw * 0.06
        blocks = [(product, "name", 0.06, 0.24, ("serif", "sans"), True), (scene.text("price"), "price", 0.32, 0.38,
                  ("display", "sans"), True), (net_amount(scene), "weight", 0.74, 0.16, ("sans",), False)]
        price = blocks[1][0]
        for text, role, top, share, cats, bold in blocks:
            bw, bh = inner_w, th * share
            cx, cy = point_in(frame, left + bw / 2, th * top + bh / 2)
            put_text(scene, text, (cx - bw / 2, cy - bh / 2, bw, bh), role=role, max_lines=1 if role != "name" else 2,
                     lang=number_lang(scene, text) if role != "name" else None,
                     align="center", valign="middle", color=ink, against=[paper],
                     min_size=min_px(scene.lang, CJK_HANGUL), categories=cats, bold=bold, angle=angle)
        scene.scene = {"kind": "price tag", "product": product, "price": price}
        scene.fact("What is the price on the tag?", "价签上的价格是多少？", price)

    def _package(self, scene: SceneBuilder) -> None:
        w, h = scene.width, scene.height
        _, product, brand = self._product(scene)
        face_color = scene.choice(PACK_COLORS)
        scene.set_background({"kind": "plain", "color": list(face_color)})
        band_color = scene.choice([c for c in PACK_COLORS if colors.contrast(c, face_color) > 2.5])
        m = min(w, h) * 0.06
        band_h = h * scene.uniform(0.14, 0.2)
        scene.add_shape("rect", (0, 0, w, band_h), fill=band_color)
        put_text(scene, brand, (m, band_h * 0.15, w - 2 * m, band_h * 0.7), role="brand", align="center",
                 valign="middle", max_lines=1, against=[band_color], min_size=min_px(scene.lang, CJK_HANGUL),
                 categories=("display", "serif"), bold=True, shadow=scene.chance(0.3 * scene.effect_strength))
        y = band_h + h * 0.05
        block = put_text(scene, product, (m, y, w - 2 * m, h * 0.24), role="name", align="center", valign="middle",
                         max_lines=2, against=[face_color], min_size=24, categories=("display", "sans", "serif"),
                         bold=True, stroke=scene.chance(0.2 * scene.effect_strength))
        y += h * 0.26
        try:
            block = put_text(scene, scene.text("slogan", max_chars=50), (m, y, w - 2 * m, h * 0.1), role="tagline",
                             align="center", max_lines=2, against=[face_color], min_size=min_px(scene.lang, CJK_HANGUL),
                             max_size=round(h * 0.04), categories=("serif", "sans", "handwriting"))
            y += used_height(block) + h * 0.03
        except NoFit:
            pass
        # Bottom: a claim badge on one side, the net weight and a barcode on the other.
        r = min(w * 0.17, (h - y - m) / 2)
        bottom = h - m
        badge_c = (m + r, bottom - r)
        badge = scene.choice([c for c in PACK_COLORS if colors.contrast(c, face_color) > 1.8])
        ink = colors.text_color(scene.rng, [badge])
        scene.add_shape("ellipse", (badge_c[0] - r, badge_c[1] - r, badge_c[0] + r, badge_c[1] + r), fill=badge)
        claim = phrasebook.translate(scene.choice(CLAIMS[:4]), scene.lang)
        try:
            put_text(scene, claim, (badge_c[0] - r * 0.8, badge_c[1] - r * 0.55, r * 1.6, r * 1.1), role="label",
                     align="center", valign="middle", max_lines=3, color=ink, against=[badge],
                     min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",), bold=True)
        except NoFit:
            pass
        amount = net_amount(scene)
        right_x = m + 2 * r + m
        right_w = w - right_x - m
        code_h = min(r * 0.9, h * 0.1)
        put_text(scene, amount, (right_x, bottom - 2 * r, right_w, 2 * r - code_h - m * 0.3), role="weight",
                 lang=number_lang(scene, amount),
                 align="right", valign="middle", max_lines=1, against=[face_color],
                 min_size=min_px(scene.lang, CJK_HANGUL), max_size=round(h * 0.07), categories=("sans",), bold=True)
        self._barcode(scene, (w - m - min(right_w, w * 0.3), bottom - code_h, min(right_w, w * 0.3), code_h))
        scene.scene = {"kind": "package front", "brand": brand, "product": product, "amount": amount}
        scene.fact("What is the net amount on the package?", "包装上的净含量是多少？", amount)
        scene.fact("What is the brand on the package?", "包装上的品牌是什么？", brand)

    def _barcode(self, scene: SceneBuilder, box) -> None:
        x, y, w, h = box
        scene.add_shape("rect", (x, y, x + w, y + h), fill=(255, 255, 255))
        widths = scene.rng.integers(1, 4, 48)  # alternating bar and gap widths, in modules
        unit = w * 0.9 / widths.sum()
        bx = x + w * 0.05
        for k, modules in enumerate(widths):
            if k % 2 == 0:
                # A 1 px gap after each bar; on small canvases a module is under 1 px wide, and
                # the bar is then one pixel column, never a rectangle of negative width.
                right = bx + max(modules * unit - 1, 0.0)
                scene.add_shape("rect", (bx, y + h * 0.1, right, y + h * 0.9), fill=(0, 0, 0))
            bx += modules * unit
