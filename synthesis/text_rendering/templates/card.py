"""card: greeting cards and handwritten notes on paper.

Sub-layouts:
- `front`: the front of a card on paper — a framed border, corner dots or confetti, the
  greeting large in a handwriting/display face (sometimes gently curved), a short line under it;
- `inside`: the inside of a card — a greeting, a handwritten message, the signature
  ("With love, / Anna") at the bottom right (left for Arabic);
- `sticky_note`: a square note turned a little on a desk or a wall, with a handwritten
  reminder or a short to-do list; note, shadow and text turn together;
- `postcard`: a landscape postcard back — message on the left, a dividing line, the
  addressee's name and address on lines at the right, a stamp in the corner.
"""

from __future__ import annotations

from synthesis.text_rendering import colors
from synthesis.text_rendering.backgrounds import sample_background
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import put_text
from synthesis.text_rendering.templates.measure import CJK_HANGUL, min_px, used_height
from synthesis.text_rendering.templates.shapes import board_polygon, frame_matrix, point_in, rounded_outline, wall
from synthesis.text_rendering.text import phrasebook

HAND = ("handwriting",)
CARD_INKS = ((160, 30, 50), (30, 60, 120), (40, 90, 50), (120, 60, 20), (30, 30, 30), (150, 100, 20))
NOTE_COLORS = ((255, 238, 120), (255, 190, 200), (180, 235, 190), (170, 215, 245), (255, 205, 140))
PEN_INKS = ((20, 30, 110), (20, 20, 20), (150, 20, 30))
STAMP_COLORS = ((200, 50, 50), (40, 110, 170), (60, 140, 80), (220, 150, 40))


class GreetingCard(Template):
    name = "card"
    scene_en = "a greeting card"
    scene_zh = "一张贺卡"
    aspect = (0.6, 1.6)
    backgrounds = ("paper",)

    LAYOUTS = ("front", "inside", "sticky_note", "postcard")

    def build(self, scene: SceneBuilder, layout: str | None = None) -> None:
        """`layout`: one of LAYOUTS (default: drawn at random)."""
        if layout is None:
            layout = scene.choice(("front", "front", "inside", "sticky_note", "postcard"))
        elif layout not in self.LAYOUTS:
            raise ValueError(f"unknown card layout {layout!r}; allowed: {', '.join(self.LAYOUTS)}")
        getattr(self, f"_{layout}")(scene)

    def _paper(self, scene: SceneBuilder) -> None:
        if scene.background["kind"] != "paper":
            scene.set_background(sample_background(scene.rng, ("paper",)))

    def _align(self, scene: SceneBuilder, align: str) -> str:
        return {"left": "right", "right": "left"}.get(align, align) if scene.lang == "ar" else align

    def _signature(self, scene: SceneBuilder, box, ink) -> str:
        """"With love," and a first name under it, in handwriting."""
        name = scene.text("name", max_chars=24)
        closing = phrasebook.translate(scene.choice(("with_love", "best_wishes", "thank_you")), scene.lang)
        comma = "" if scene.lang in ("zh", "ja", "ko") else ","
        text = f"{closing}{comma}\n{name}"
        put_text(scene, text, box, role="signature", paragraphs=True, align=self._align(scene, "right"),
                 valign="bottom", max_lines=3, max_size=round(box[3] * 0.4),
                 min_size=min_px(scene.lang, CJK_HANGUL) + 2, color=ink, categories=HAND)
        scene.fact("Who signed the card?", "这张卡片是谁署名的？", name)
        return name

    def _front(self, scene: SceneBuilder) -> None:
        self._paper(scene)
        w, h = scene.width, scene.height
        m = min(w, h) * scene.uniform(0.05, 0.08)
        ink = scene.choice(CARD_INKS)
        scene.add_shape("rect", (m, m, w - m, h - m), outline=ink, width=max(2, round(min(w, h) * 0.006)))
        if scene.chance(0.5):  # a double border
            d = m * 0.35
            scene.add_shape("rect", (m + d, m + d, w - m - d, h - m - d), outline=ink, width=1)
        for cx, cy in ((m, m), (w - m, m), (m, h - m), (w - m, h - m)):  # corner ornaments
            r = m * 0.3
            scene.add_shape("ellipse", (cx - r, cy - r, cx + r, cy + r), fill=ink)
        if scene.chance(0.5):  # confetti in the margins between border and text
            for _ in range(int(scene.rng.integers(10, 30))):
                x = scene.uniform(m * 1.3, w - m * 1.3)
                y = scene.choice((scene.uniform(m * 1.3, h * 0.2), scene.uniform(h * 0.85, h - m * 1.3)))
                r = min(w, h) * scene.uniform(0.004, 0.01)
                scene.add_shape("ellipse", (x - r, y - r, x + r, y + r), fill=colors.random_color(scene.rng, False)
                                if scene.chance(0.5) else scene.choice(CARD_INKS))
        greeting = phrasebook.phrase(scene.rng, scene.lang, "greeting")
        inner = m * 2.2
        box = (inner, h * 0.26, w - 2 * inner, h * 0.34)
        curved = scene.chance(0.35 * scene.effect_strength)
        block = None
        if curved:  # one line bent gently: radius >= 1.5 × the box width
            try:
                block = put_text(scene, greeting, box, role="greeting", arc=1.6 * box[2], max_lines=1, align="center",
                                 valign="middle", color=ink, categories=HAND + ("display", "serif"), min_size=24)
            except NoFit:
                block = None
        style = dict(role="greeting", align="center", valign="middle", color=ink,
                     categories=HAND + ("display", "serif"), spacing=1.1,
                     shadow=scene.chance(0.2 * scene.effect_strength))
        for lines in (1, 2, 3):  # as few lines as read well: a greeting broken mid-phrase looks wrong
            if block is None:
                try:
                    block = put_text(scene, greeting, box, max_lines=lines,
                                     min_size=max(24, round(box[3] * 0.22 / lines)) if lines < 3 else 24, **style)
                except NoFit:
                    if lines == 3:
                        raise
        scene.fact("What greeting is written on the card?", "贺卡上写的祝福语是什么？", greeting)
        sub = scene.choice((lambda: scene.text("name", max_chars=30), lambda: scene.text("date"),
                            lambda: scene.text("slogan", max_chars=40)))()
        try:
            put_text(scene, sub, (inner, h * 0.64, w - 2 * inner, h * 0.12), role="subtitle", max_lines=2,
                     align="center", valign="top", max_size=round(h * 0.05), min_size=min_px(scene.lang, CJK_HANGUL),
                     categories=("serif", "sans") + HAND)
        except NoFit:
            pass
        scene.scene = {"kind": "greeting card front", "greeting": greeting}

    def _inside(self, scene: SceneBuilder) -> None:
        self._paper(scene)
        w, h = scene.width, scene.height
        m = min(w, h) * scene.uniform(0.08, 0.12)
        ink = scene.choice(PEN_INKS)
        greeting = scene.text("greeting", max_chars=40)
        block = put_text(scene, greeting, (m, m, w - 2 * m, h * 0.18), role="greeting", max_lines=2,
                         align=self._align(scene, "left"), max_size=round(h * 0.08), min_size=20, color=ink,
                         categories=HAND)
        y = m + used_height(block) + h * 0.04
        joiner = "" if scene.lang in ("zh", "ja") else " "
        message = joiner.join(scene.text("sentence", max_chars=90) for _ in range(int(scene.rng.integers(2, 5))))
        sig_h = h * 0.16
        block = put_text(scene, message, (m, y, w - 2 * m, h - m - sig_h - y - h * 0.03), role="body",
                         align=self._align(scene, "left"), max_size=round(h * 0.06),
                         min_size=min_px(scene.lang, CJK_HANGUL) + 2, color=ink, categories=HAND, spacing=1.35)
        self._signature(scene, (w * 0.35, h - m - sig_h, w * 0.65 - m, sig_h), ink)
        scene.fact("What is the greeting at the top of the card?", "卡片开头的问候语是什么？", greeting)
        scene.scene = {"kind": "greeting card inside", "greeting": greeting}

    def _sticky_note(self, scene: SceneBuilder) -> None:
        scene.set_background(wall(scene, wood=0.5))
        w, h = scene.width, scene.height
        note = scene.choice(NOTE_COLORS)
        ink = scene.choice(PEN_INKS)
        side = min(w, h) * scene.uniform(0.65, 0.8)
        angle = round(scene.uniform(-7, 7) * scene.effect_strength, 1)
        center = (w / 2, h / 2)
        frame = frame_matrix(center, angle, side, side)
        shadow = frame_matrix((center[0] + side * 0.02, center[1] + side * 0.03), angle, side, side)
        scene.add_shape("polygon", board_polygon(shadow, rounded_outline(0, 0, side, side)),
                        fill=tuple(max(0, c - 45) for c in scene.region_colors((0, 0, w, h))[1]))
        scene.add_shape("polygon", board_polygon(frame, rounded_outline(0, 0, side, side)), fill=note)
        glue = board_polygon(frame, rounded_outline(0, 0, side, side * 0.12))  # the sticky strip reads darker
        scene.add_shape("polygon", glue, fill=tuple(max(0, c - 12) for c in note))
        pad = side * 0.1
        if scene.chance(0.5):  # a to-do list: one item per line
            items = list(dict.fromkeys(phrasebook.phrase(scene.rng, scene.lang, scene.choice(("food", "product")))
                                       for _ in range(int(scene.rng.integers(2, 5)))))
            text = "\n".join(f"- {item}" for item in items)
            kind = "to-do list"
        else:
            text = scene.text("sentence", max_chars=70)
            kind = "note"
        cx, cy = point_in(frame, side / 2, side * 0.56)
        bw, bh = side - 2 * pad, side * 0.78
        put_text(scene, text, (cx - bw / 2, cy - bh / 2, bw, bh), role="body", paragraphs=True,
                 align=self._align(scene, "left"), valign="middle", max_size=round(side * 0.13),
                 min_size=min_px(scene.lang, CJK_HANGUL) + 2, color=ink, against=[note], categories=HAND, spacing=1.25,
                 angle=angle)
        scene.scene = {"kind": "sticky note", "text": text, "list": kind == "to-do list"}
        if kind == "to-do list":
            scene.fact("How many items are on the list?", "清单上有几项？", str(len(items)))
        else:
            scene.fact("What does the note say?", "便签上写着什么？", text)

    def _postcard(self, scene: SceneBuilder) -> None:
        self._paper(scene)
        w, h = scene.width, scene.height
        m = min(w, h) * 0.07
        ink = scene.choice(PEN_INKS)
        mid = w * 0.55
        line_c = (150, 150, 150)
        scene.add_shape("line", (mid, m * 1.5, mid, h - m * 1.5), fill=line_c, width=2)
        left, right = (m, mid + m * 0.6) if scene.lang != "ar" else (mid + m * 0.6, m)
        col_w = mid - m * 1.6
        greeting = phrasebook.phrase(scene.rng, scene.lang, "greeting")
        message = f"{greeting}!\n" + " ".join(scene.text("sentence", max_chars=80) for _ in range(2))
        sig = scene.text("name", max_chars=20)
        put_text(scene, message, (left, m, col_w, h - 2 * m - h * 0.12), role="body", paragraphs=True,
                 align=self._align(scene, "left"), max_size=round(h * 0.07),
                 min_size=min_px(scene.lang, CJK_HANGUL) + 2, color=ink, categories=HAND, spacing=1.3)
        put_text(scene, sig, (left, h - m - h * 0.1, col_w, h * 0.1), role="signature", max_lines=1,
                 align=self._align(scene, "right"), valign="bottom", min_size=min_px(scene.lang, CJK_HANGUL) + 2,
                 color=ink, categories=HAND)
        # Stamp in the top corner of the address side; the address on ruled lines below it.
        stamp_w, stamp_h = (w - mid) * 0.3, h * 0.22
        sx = w - m - stamp_w if scene.lang != "ar" else m
        stamp = scene.choice(STAMP_COLORS)
        scene.add_shape("rect", (sx, m, sx + stamp_w, m + stamp_h), fill=stamp, outline=(255, 255, 255), width=3)
        value = scene.text("price")
        try:
            put_text(scene, value, (sx + stamp_w * 0.1, m + stamp_h * 0.55, stamp_w * 0.8, stamp_h * 0.35),
                     role="price", max_lines=1, align="center", valign="middle", against=[stamp],
                     min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",), bold=True)
        except NoFit:
            pass
        name = scene.text("name", max_chars=28)
        address = scene.text("address", max_chars=60)
        col2_w = w - mid - 1.6 * m
        top = m + stamp_h + h * 0.12
        rows = [(name, "name"), (address, "address")]
        row_h = (h - m - top) / 3
        for i in range(3):  # ruled address lines
            y = top + (i + 1) * row_h
            scene.add_shape("line", (right, y, right + col2_w, y), fill=line_c, width=1)
        y = top
        for text, role in rows:
            put_text(scene, text, (right, y, col2_w, 2 * row_h if role == "address" else row_h),
                     role=role, max_lines=2 if role == "address" else 1, align=self._align(scene, "left"),
                     valign="bottom" if role == "name" else "top", spacing=1.25,
                     max_size=round(row_h * 0.6), min_size=min_px(scene.lang, CJK_HANGUL) + 2, color=ink,
                     categories=HAND)
            y += row_h
        scene.fact("To whom is the postcard addressed?", "这张明信片寄给谁？", name)
        scene.scene = {"kind": "postcard", "to": name, "from": sig}
