"""poster: an event, sale, film or concert poster — a big headline and what to know.

Sub-layouts:
- `event`: kicker line, big headline, subtitle, a rule and a decorative figure, then
  date / time / venue / website rows at the bottom;
- `sale`: a shouting "SALE"-type headline, a huge discount, a round badge with text
  curved along its rim, the dates and the shop at the bottom;
- `movie`: dark key art (procedural night/dusk scenery), actors' names on top, the title
  with a shadow on a dark band, tagline, release date and a small credits block;
- `split`: a colour block filling the top with the headline on it, details below;
- `vertical` (Chinese and Japanese only): the headline set top to bottom in a column at
  one side, a red seal stamp, details across the bottom.
"""

from __future__ import annotations

from synthesis.text_rendering import colors
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.scenery import sample_scenery
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import number_lang, put_text
from synthesis.text_rendering.templates.measure import CJK_HANGUL, min_px, used_height
from synthesis.text_rendering.templates.names import shop_name
from synthesis.text_rendering.templates.shapes import frame_matrix, point_in
from synthesis.text_rendering.templates.vertical import CJK, vertical_text
from synthesis.text_rendering.text import phrasebook

SALE_COLORS = (((214, 30, 40), (255, 255, 255)), ((255, 214, 0), (20, 20, 20)), ((20, 20, 20), (255, 220, 0)),
               ((0, 90, 170), (255, 255, 255)), ((240, 90, 30), (255, 255, 255)))
BADGE_COLORS = ((255, 214, 0), (214, 30, 40), (20, 20, 20), (255, 255, 255), (0, 150, 90))
SEAL_RED = (190, 30, 35)
# Curved badge text must be short (arc radius >= 1.5 × its width): the first that fits is used.
BADGE_PHRASES = ("new", "sale", "best_seller", "today_only", "limited_edition", "free_delivery")
# Background colours posters are printed in (the generator's random colours are often garish).
POSTER_COLORS = ((18, 24, 48), (245, 240, 228), (20, 20, 20), (178, 34, 52), (232, 185, 35), (16, 92, 96),
                 (246, 214, 214), (28, 70, 50), (250, 250, 250), (62, 40, 90), (230, 110, 60), (170, 200, 225))
SALE_HEADLINES = ("sale", "half_price", "special_offer")


def upper_latin(text: str, lang: str, scene: SceneBuilder, p: float = 0.5) -> str:
    """Poster headlines are often set in capitals (scripts without case are unchanged;
    Vietnamese stays in lower case: capitals with stacked diacritics defeat OCR)."""
    return text.upper() if lang not in CJK + ("ar", "hi", "ko", "vi") and scene.chance(p) else text


class Poster(Template):
    name = "poster"
    scene_en = "a poster"
    scene_zh = "一张海报"
    aspect = (0.55, 1.0)
    backgrounds = ("plain", "gradient", "noise", "paper", "fabric")

    LAYOUTS = ("event", "sale", "movie", "split", "vertical")

    def build(self, scene: SceneBuilder, layout: str | None = None) -> None:
        """`layout`: one of LAYOUTS (default: drawn at random; `vertical` only for zh/ja)."""
        if scene.chance(0.6):  # a printed colour, flat or as a soft gradient
            first = scene.choice(POSTER_COLORS)
            if scene.chance(0.6):
                scene.set_background({"kind": "plain", "color": list(first)})
            else:
                second = [int(min(255, max(0, c + scene.rng.integers(-40, 41)))) for c in first]
                scene.set_background({"kind": "gradient", "shape": "linear", "start": list(first), "end": second,
                                      "angle_deg": int(scene.rng.integers(0, 360))})
        if layout is None:
            layouts = ["event", "event", "sale", "movie", "split"]
            layout = scene.choice(layouts + ["vertical", "vertical"] if scene.lang in CJK else layouts)
        elif layout not in self.LAYOUTS:
            raise ValueError(f"unknown poster layout {layout!r}; allowed: {', '.join(self.LAYOUTS)}")
        getattr(self, f"_{layout}")(scene)

    # --- shared pieces -----------------------------------------------------------------
    def _margins(self, scene: SceneBuilder) -> float:
        return min(scene.width, scene.height) * scene.uniform(0.06, 0.1)

    def _align(self, scene: SceneBuilder) -> str:
        align = scene.choice(("center", "center", "left"))
        return "right" if align == "left" and scene.lang == "ar" else align

    def _details(self, scene: SceneBuilder, box, align: str, against=None, rows: int | None = None) -> None:
        """Date, time, venue and website, one row each, stacked in `box` (optional rows
        are dropped when they do not fit)."""
        x, y, w, h = box
        items = [("date", scene.text("date")), ("time", scene.text("time")),
                 ("venue", scene.text("address", max_chars=48)), ("footer", scene.text("url"))]
        items = items[: rows or int(scene.rng.integers(2, 5))]
        row_h = h / len(items)
        size_cap = max(min_px(scene.lang, CJK_HANGUL), round(min(row_h * 0.7, scene.height * 0.045)))
        face_bold = scene.chance(0.5)
        for i, (role, text) in enumerate(items):
            try:
                put_text(scene, text, (x, y + i * row_h, w, row_h), role=role, align=align, valign="middle",
                         max_lines=1, max_size=size_cap, min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",),
                         bold=face_bold and role == "date", against=against)
            except NoFit:
                if role == "date":
                    raise
                continue
            if role == "date":
                scene.fact("On what date is the event?", "活动在哪一天举行？", text)
            elif role == "venue":
                scene.fact("Where does the event take place?", "活动在哪里举行？", text)

    def _badge(self, scene: SceneBuilder, center, radius: float, color, angle: float, percent: str) -> None:
        """A round badge: a short phrase curved along the top of the rim, a word or number
        in the middle. The arc radius is >= 1.5 × the curved text's width (readable arcs)."""
        ink = colors.text_color(scene.rng, [color])
        rim = radius * 0.72  # middle line of the curved text
        frame = frame_matrix(center, angle, 0, 0)
        scene.add_shape("ellipse", (center[0] - radius, center[1] - radius, center[0] + radius, center[1] + radius),
                        fill=color, outline=ink, width=max(2, round(radius * 0.03)))
        tw, th = rim / 1.52, radius * 0.3
        cx, cy = point_in(frame, 0, -rim)
        phrases = [upper_latin(phrasebook.translate(BADGE_PHRASES[int(i)], scene.lang), scene.lang, scene, 0.6)
                   for i in scene.rng.permutation(len(BADGE_PHRASES))]
        # Curved along the rim when a phrase is short enough for a readable arc, else straight.
        for phrase, arc in [(p, rim) for p in phrases] + [(p, None) for p in phrases]:
            box = (cx - tw / 2, cy - th / 2, tw, th) if arc else (cx - rim * 0.6, cy - th * 0.3, rim * 1.2, th)
            try:
                put_text(scene, phrase, box, role="badge", arc=arc, max_lines=1, align="center", valign="middle",
                         color=ink, against=[color], min_size=max(min_px(scene.lang, CJK_HANGUL), round(th * 0.5)),
                         categories=("sans",), bold=True, angle=angle)
                break
            except NoFit:
                continue
        middle = scene.choice(("1+1", "2+1", percent))
        mw, mh = radius * 1.2, radius * 0.55
        cx, cy = point_in(frame, 0, radius * 0.12)
        put_text(scene, middle, (cx - mw / 2, cy - mh / 2, mw, mh), role="badge", max_lines=1, align="center",
                 lang=number_lang(scene, middle),
                 valign="middle", color=ink, against=[color], min_size=min_px(scene.lang, CJK_HANGUL),
                 categories=("display", "sans"), bold=True, angle=angle)

    def _accent(self, scene: SceneBuilder):
        """A decoration colour that stands apart from the background (but is no text)."""
        under = scene.region_colors((0, 0, scene.width, scene.height))
        for _ in range(20):
            color = tuple(int(v) for v in scene.rng.integers(0, 256, 3))
            if min(colors.contrast(color, c) for c in under) > 1.8:
                return color
        return (0, 0, 0) if colors.luminance(under[1]) > 0.3 else (255, 255, 255)

    # --- sub-layouts -------------------------------------------------------------------
    def _event(self, scene: SceneBuilder) -> None:
        w, h, m = scene.width, scene.height, self._margins(scene)
        align = self._align(scene)
        s = scene.effect_strength
        y = m
        kicker = scene.text(scene.choice(("company", "heading")), max_chars=30)
        block = put_text(scene, kicker, (m, y, w - 2 * m, h * 0.05), role="tagline", align=align, max_lines=1,
                         max_size=round(h * 0.035), min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",))
        y += used_height(block) + h * 0.03
        title = upper_latin(scene.text("title", max_chars=36), scene.lang, scene)
        block = put_text(scene, title, (m, y, w - 2 * m, h * 0.3), role="headline", align=align, max_lines=3,
                         max_size=round(h * 0.14), min_size=24, categories=("display", "sans", "serif"), bold=True,
                         spacing=1.05, stroke=scene.chance(0.25 * s), shadow=scene.chance(0.35 * s))
        y += used_height(block) + h * 0.025
        scene.fact("What is the title of the poster?", "海报的标题是什么？", title)
        try:
            block = put_text(scene, scene.text("slogan", max_chars=60), (m, y, w - 2 * m, h * 0.1), role="subtitle",
                             align=align, max_lines=2, max_size=round(h * 0.04),
                             min_size=min_px(scene.lang, CJK_HANGUL), categories=("serif", "sans"))
            y += used_height(block) + h * 0.02
        except NoFit:
            pass
        details_h = h * 0.2
        bottom = h - m - details_h
        accent = self._accent(scene)
        rule_y = min(y + h * 0.01, bottom - h * 0.02)
        x0, x1 = {"center": (m, w - m), "left": (m, m + w * 0.3), "right": (w - m - w * 0.3, w - m)}[align]
        scene.add_shape("line", (x0, rule_y, x1, rule_y), fill=accent, width=max(2, round(h * 0.006)))
        space = bottom - rule_y - h * 0.04
        if space > h * 0.12:  # a figure between headline and details: a disc, rings or bars
            r = min(space / 2, w * 0.3)
            cx = {"center": w / 2, "left": w - m - r, "right": m + r}[align]  # opposite the text's side
            cy = rule_y + h * 0.02 + space / 2
            figure = scene.choice(("disc", "rings", "bars"))
            if figure == "disc":
                scene.add_shape("ellipse", (cx - r, cy - r, cx + r, cy + r), fill=accent)
            elif figure == "rings":
                for k in range(3):
                    rr = r * (1 - 0.28 * k)
                    scene.add_shape("ellipse", (cx - rr, cy - rr, cx + rr, cy + rr), outline=accent,
                                    width=max(2, round(r * 0.06)))
            else:
                for k in range(5):
                    bx = cx - r + k * r * 0.45
                    bh = r * scene.uniform(0.35, 1.0)
                    scene.add_shape("rect", (bx, cy + r - 2 * bh, bx + r * 0.3, cy + r), fill=accent)
        self._details(scene, (m, bottom, w - 2 * m, details_h), align)
        scene.scene = {"kind": "event poster", "title": title}

    def _sale(self, scene: SceneBuilder) -> None:
        paper, ink = scene.choice(SALE_COLORS)
        scene.set_background({"kind": "plain", "color": list(paper)})
        w, h, m = scene.width, scene.height, self._margins(scene)
        s = scene.effect_strength
        headline = upper_latin(phrasebook.translate(scene.choice(SALE_HEADLINES), scene.lang), scene.lang, scene, 0.8)
        block = put_text(scene, headline, (m, m, w - 2 * m, h * 0.2), role="headline", align="center", max_lines=2,
                         color=ink, against=[paper], min_size=28, categories=("display", "sans"), bold=True,
                         stroke=scene.chance(0.3 * s), shadow=scene.chance(0.4 * s), spacing=1.0)
        y = m + used_height(block) + h * 0.02
        percent = f"-{int(scene.rng.integers(1, 8)) * 10}%"
        block = put_text(scene, percent, (m, y, w - 2 * m, h * 0.22), role="price", lang=number_lang(scene, percent),
                         align="center",
                         valign="middle", max_lines=2, color=ink, against=[paper], min_size=28,
                         categories=("display", "sans"),
                         bold=True, angle=round(scene.uniform(-6, 6) * s, 1))
        y += h * 0.24
        scene.fact("How big is the discount on the poster?", "海报上的折扣是多少？", percent)
        sub = phrasebook.translate(scene.choice(("today_only", "free_delivery", "limited_edition")), scene.lang)
        block = put_text(scene, sub, (m, y, w - 2 * m, h * 0.08), role="subtitle", align="center", max_lines=1,
                         color=ink, against=[paper], min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",))
        y += used_height(block) + h * 0.04
        # Bottom band: a badge on one side, dates and the shop's name on the other.
        radius = min(w * 0.25, (h - m - y) / 2)
        left = scene.chance(0.5)
        badge_c = (m + radius if left else w - m - radius, h - m - radius)
        if radius > min(w, h) * 0.1:
            badge = scene.choice([c for c in BADGE_COLORS if colors.contrast(c, paper) > 2.0])
            self._badge(scene, badge_c, radius, badge, round(scene.uniform(-12, 12) * s, 1), percent)
            text_x = m + 2 * radius + m * 0.5 if left else m
            text_w = w - 2 * m - 2 * radius - m * 0.5
        else:
            text_x, text_w = m, w - 2 * m
        box_y = h - m - max(2 * radius, h * 0.14)
        shop = shop_name(scene, 28)
        rows_h = h - m - box_y
        put_text(scene, shop, (text_x, box_y, text_w, rows_h * 0.45), role="brand", align="center", valign="bottom",
                 max_lines=2, color=ink, against=[paper], min_size=min_px(scene.lang, CJK_HANGUL),
                 categories=("serif", "sans"), bold=True)
        put_text(scene, scene.text("date"), (text_x, box_y + rows_h * 0.55, text_w, rows_h * 0.35), role="date",
                 align="center", valign="top", max_lines=1, color=ink, against=[paper],
                 min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",))
        scene.scene = {"kind": "sale poster", "shop": shop, "discount": percent}
        scene.fact("Which shop is the sale poster for?", "这张促销海报是哪家店的？", shop)

    def _movie(self, scene: SceneBuilder) -> None:
        art = sample_scenery(scene.rng)
        art["time"] = scene.choice(("night", "dusk"))
        scene.set_background(art)
        w, h, m = scene.width, scene.height, self._margins(scene)
        s = scene.effect_strength
        band_top = h * scene.uniform(0.6, 0.68)
        band = tuple(int(v) for v in scene.rng.integers(0, 25, 3))
        fade = h * 0.08  # the key art dissolves into the band in opaque steps
        for k in range(12):
            y0 = band_top - fade + k * fade / 12
            under = scene.region_colors((0, y0, w, y0 + fade / 12))[1]
            t = (k + 1) / 13
            scene.add_shape("rect", (0, y0, w, y0 + fade / 12 + 1),
                            fill=tuple(round(u + (b - u) * t) for u, b in zip(under, band)))
        scene.add_shape("rect", (0, band_top, w, h), fill=band)
        separator = "　" if scene.lang in CJK else " · "  # CJK billing separates names by a wide space
        names = separator.join(scene.text("name", max_chars=24) for _ in range(int(scene.rng.integers(2, 4))))
        put_text(scene, names, (m, m, w - 2 * m, h * 0.06), role="name", align="center", max_lines=2,
                 max_size=round(h * 0.03), min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans", "serif"))
        title = upper_latin(scene.text("title", max_chars=28), scene.lang, scene, 0.7)
        y = band_top + h * 0.03
        block = put_text(scene, title, (m, y, w - 2 * m, h * 0.14), role="headline", align="center", valign="middle",
                         max_lines=2, against=[band], min_size=24, categories=("display", "serif", "sans"), bold=True,
                         shadow={"dx": 0, "dy": 0, "blur": 4.0, "color": [255, 190, 120], "opacity": 0.5}
                         if scene.chance(0.5 * s) else None, spacing=1.0)
        scene.fact("What is the title of the film on the poster?", "海报上的电影名是什么？", title)
        y += h * 0.15
        block = put_text(scene, scene.text("slogan", max_chars=50), (m, y, w - 2 * m, h * 0.05), role="tagline",
                         align="center", max_lines=1, against=[band], min_size=min_px(scene.lang, CJK_HANGUL),
                         categories=("serif", "sans"))
        y += used_height(block) + h * 0.02
        date = scene.text("date")
        put_text(scene, date, (m, y, w - 2 * m, h * 0.045), role="date", align="center", max_lines=1,
                 against=[band], min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",), bold=True)
        scene.fact("When is the film released?", "这部电影什么时候上映？", date)
        credits_y = y + h * 0.055
        if h - m * 0.5 - credits_y > 2 * min_px(scene.lang, CJK_HANGUL):
            credits = "  ".join(scene.text("name") for _ in range(6))
            try:
                put_text(scene, credits, (m, credits_y, w - 2 * m, h - m * 0.5 - credits_y), role="footer",
                         align="center", max_lines=2, max_size=min_px(scene.lang, CJK_HANGUL) + 2,
                         min_size=min_px(scene.lang, CJK_HANGUL), against=[band], categories=("sans",), spacing=1.1)
            except NoFit:
                pass
        scene.scene = {"kind": "movie poster", "title": title}

    def _split(self, scene: SceneBuilder) -> None:
        w, h, m = scene.width, scene.height, self._margins(scene)
        s = scene.effect_strength
        block_color = colors.random_color(scene.rng, light=scene.chance(0.3))
        split = h * scene.uniform(0.45, 0.58)
        slant = h * scene.uniform(-0.06, 0.06)
        scene.add_shape("polygon", (0, 0, w, 0, w, split + slant, 0, split - slant), fill=block_color)
        align = self._align(scene)
        title = upper_latin(scene.text("title", max_chars=36), scene.lang, scene)
        top = split - abs(slant) - m
        put_text(scene, title, (m, m, w - 2 * m, top - m * 0.5), role="headline", align=align, valign="bottom",
                 max_lines=4, max_size=round(h * 0.12), against=[block_color], min_size=24,
                 categories=("display", "sans"), bold=True, spacing=1.05, shadow=scene.chance(0.3 * s))
        scene.fact("What is the title of the poster?", "海报的标题是什么？", title)
        y = split + abs(slant) + h * 0.04
        block = put_text(scene, scene.text("sentence", max_chars=90), (m, y, w - 2 * m, h * 0.14), role="body",
                         align=align, max_lines=3, max_size=round(h * 0.035), min_size=min_px(scene.lang, CJK_HANGUL),
                         categories=("serif", "sans"))
        y += used_height(block) + h * 0.03
        self._details(scene, (m, y, w - 2 * m, h - m - y), align, rows=min(4, max(1, int((h - m - y) / (h * 0.055)))))
        scene.scene = {"kind": "poster", "title": title}

    def _vertical(self, scene: SceneBuilder) -> None:
        w, h, m = scene.width, scene.height, self._margins(scene)
        s = scene.effect_strength
        title = vertical_text(scene, lambda: scene.text("title", max_chars=int(scene.rng.integers(4, 11))))
        right = scene.chance(0.7)  # vertical headlines usually stand at the right edge
        col_w = w * scene.uniform(0.2, 0.3)
        details_h = h * 0.2
        col_h = h - 2 * m - details_h
        x = w - m - col_w if right else m
        style = dict(role="headline", vertical=True, align="right" if right else "left", max_size=round(col_w * 0.9),
                     categories=("serif", "sans"), bold=True, shadow=scene.chance(0.3 * s))
        try:  # one column reads best; two only for long titles
            block = put_text(scene, title, (x, m, col_w, col_h), max_lines=1, min_size=max(36, round(col_w * 0.4)),
                             **style)
        except NoFit:
            block = put_text(scene, title, (x, m, col_w, col_h), max_lines=2, min_size=24, **style)
        scene.fact("What is the title of the poster?", "海报的标题是什么？", title)
        used_w = used_height(block)
        sub_w = w * 0.1
        sub_x = x - sub_w - m * 0.4 if right else x + used_w + m * 0.4
        try:
            subtitle = vertical_text(scene, lambda: scene.text("slogan", max_chars=14))
            put_text(scene, subtitle, (sub_x, m + h * 0.08, sub_w,
                     col_h - h * 0.08), role="subtitle", vertical=True, align="center", max_lines=1,
                     max_size=round(sub_w * 0.7), min_size=min_px(scene.lang, CJK_HANGUL), categories=("serif", "sans"))
        except NoFit:
            pass
        # A red seal with the organiser's name, as on calligraphy and exhibition posters.
        seal = min(w * 0.16, h * 0.1)
        sx = m if right else w - m - seal
        sy = h - m - details_h - seal
        scene.add_shape("rounded_rect", (sx, sy, sx + seal, sy + seal), fill=SEAL_RED, radius=round(seal * 0.1))
        try:
            name = vertical_text(scene, lambda: scene.text("name", max_chars=5))[:4]
            put_text(scene, name, (sx + seal * 0.1, sy + seal * 0.1, seal * 0.8, seal * 0.8), role="name",
                     vertical=True, align="center", valign="middle", max_lines=2, color=(255, 255, 255),
                     against=[SEAL_RED], min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",), bold=True)
        except NoFit:
            pass
        self._details(scene, (m, h - m - details_h, w - 2 * m, details_h), "left" if right else "right", rows=3)
        scene.scene = {"kind": "vertical poster", "title": title}
