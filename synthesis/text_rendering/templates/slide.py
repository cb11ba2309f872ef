"""slide: a presentation slide (4:3 to 16:9) in a light, dark or colourful theme.

Sub-layouts:
- title: the deck's title and subtitle over theme shapes (a side bar, a bottom band or
  corner circles), presenter and date at the foot.
- bullets: a title (on a header band or over an accent rule), 3-6 bullet points with
  drawn markers, sometimes indented sub-points; footer with source and slide number.
- chart: a title, a few bullets on one side and a bar chart on the other: axes, tick
  labels, category labels under the bars and value labels over them.
- section: a section divider — a large number on a coloured panel and the section name.
- columns: a title and two columns, each with a heading and its points.

Bullet texts of one list share one size (the largest at which every one fits its box),
as a slide deck's styles do. Right-to-left slides mirror: text right-aligned, markers
on the right, the chart on the left.
"""

from __future__ import annotations

from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import covering, upright_face
from synthesis.text_rendering.templates.layouts import pick
from synthesis.text_rendering.templates.measure import fits, leading, line_height, min_px, rendered, trim
from synthesis.text_rendering.text import text_sources
from synthesis.text_rendering.text.languages import language

# (background, text, accent, second accent, name)
THEMES = (
    ((255, 255, 255), (33, 37, 41), (13, 110, 253), (255, 193, 7), "light"),
    ((250, 249, 246), (40, 40, 40), (200, 60, 40), (40, 90, 140), "light"),
    ((245, 247, 250), (30, 41, 59), (16, 150, 110), (99, 102, 241), "light"),
    ((255, 255, 255), (20, 20, 20), (120, 40, 140), (240, 130, 30), "light"),
    ((24, 32, 48), (240, 244, 248), (56, 189, 248), (250, 204, 21), "dark"),
    ((30, 30, 30), (245, 245, 245), (239, 68, 68), (96, 165, 250), "dark"),
    ((15, 50, 45), (236, 253, 245), (52, 211, 153), (251, 191, 36), "dark"),
    ((45, 20, 70), (250, 245, 255), (244, 114, 182), (129, 140, 248), "dark"),
)


class Slide(Template):
    name = "slide"
    scene_en = "a presentation slide"
    scene_zh = "一张演示文稿幻灯片"
    aspect = (1.3, 1.8)
    backgrounds = ("plain", "gradient")

    def build(self, scene: SceneBuilder, layout: str | None = None) -> None:
        """`layout` (title, bullets, chart, section, columns) forces a sub-layout."""
        self.bg, self.fg, self.accent, self.accent2, tone = scene.choice(THEMES)
        if scene.chance(0.25):  # a soft gradient of the theme colour
            end = tuple(max(0, min(255, c + (-18 if tone == "light" else 18))) for c in self.bg)
            scene.set_background({"kind": "gradient", "shape": "linear", "start": list(self.bg), "end": list(end),
                                  "angle_deg": int(scene.rng.integers(0, 360))})
        else:
            scene.set_background({"kind": "plain", "color": list(self.bg)})
        self.rtl = language(scene.lang).direction == "rtl"
        self.lead = "right" if self.rtl else "left"
        W, H = scene.width, scene.height
        self.mx, self.my = W * scene.uniform(0.05, 0.08), H * scene.uniform(0.06, 0.09)
        kinds = scene.choice((("sans",), ("serif",), ("display",)))
        self.heading_face = upright_face(scene, scene.text("title"), kinds, True)
        self.body_face = upright_face(scene, scene.text("paragraph"), ("sans",) if scene.chance(0.8) else ("serif",),
                                      False)
        self.number = int(scene.rng.integers(2, 40))
        layout = pick(scene, layout, ("title", "bullets", "bullets", "chart", "chart", "section", "columns"),
                      "slide layout")
        getattr(self, layout)(scene)
        scene.scene = {**scene.scene, "kind": "slide", "layout": layout, "theme": tone}

    # --- pieces -----------------------------------------------------------------------------
    def put(self, scene, text, box, role, face, size, *, lo=None, align=None, valign="top", color=None,
            against=None, max_lines=1, spacing=1.15):
        face = covering(scene, face, text)
        return scene.add_text(text, box, role=role, face=face, max_size=int(size), min_size=lo or min_px(scene.lang),
                              align=align or self.lead, valign=valign, color=color or self.fg,
                              against=against or [self.bg], max_lines=max_lines, spacing=leading(scene.lang, spacing))

    def title(self, scene: SceneBuilder) -> None:
        W, H = scene.width, scene.height
        style = scene.choice(("side_bar", "band", "circles"))
        if style == "side_bar":
            bw = W * scene.uniform(0.02, 0.04)
            x = W - bw if self.rtl else 0
            scene.add_shape("rect", (x, 0, x + bw, H), fill=self.accent)
        elif style == "band":
            scene.add_shape("rect", (0, H * 0.86, W, H), fill=self.accent)
            scene.add_shape("rect", (0, H * 0.84, W, H * 0.86), fill=self.accent2)
        else:
            r = H * scene.uniform(0.25, 0.4)
            cx = -r * 0.3 if self.rtl else W + r * 0.3
            scene.add_shape("ellipse", (cx - r, -r * 0.6, cx + r, r * 1.4), fill=self.accent)
            r2 = r * 0.5
            scene.add_shape("ellipse", (cx - r2 - r * 0.7, H - r2, cx + r2 - r * 0.7, H + r2), fill=self.accent2)
        left, right = W * 0.1, W * (0.7 if style == "circles" else 0.9)
        if self.rtl and style == "circles":
            left, right = W * 0.3, W * 0.9
        align = "center" if style == "band" and scene.chance(0.6) else self.lead
        title = scene.text("title", max_chars=50)
        tb = self.put(scene, title, (left, H * 0.28, right - left, H * 0.26), "title", self.heading_face, H * 0.12,
                      align=align, valign="bottom", max_lines=2)
        sub = scene.text("slogan", max_chars=70)
        self.put(scene, sub, (left, H * 0.58, right - left, H * 0.1), "subtitle", self.body_face, H * 0.05,
                 align=align, max_lines=2, color=self.accent if scene.chance(0.4) and style != "band" else None)
        foot = f"{scene.text('name')} · {scene.text('date')}"
        foot_y = H * 0.72 if style == "band" else H * 0.8
        self.put(scene, foot, (left, foot_y, right - left, H * 0.08), "name", self.body_face, H * 0.04, align=align)
        scene.scene = {"title": rendered(tb)}
        scene.fact("What is the title of the presentation?", "这份演示文稿的标题是什么？", rendered(tb))

    def header(self, scene, band: bool | None = None) -> tuple[dict, float]:
        """The slide title on a coloured band or over an accent rule; returns it and the y
        where the content starts."""
        W, H = scene.width, scene.height
        band = scene.chance(0.45) if band is None else band
        title = scene.text("title", max_chars=45)
        if band:
            bh = H * scene.uniform(0.15, 0.2)
            scene.add_shape("rect", (0, 0, W, bh), fill=self.accent)
            ink = (255, 255, 255) if sum(self.accent) < 600 else (20, 20, 20)
            tb = self.put(scene, title, (self.mx, bh * 0.15, W - 2 * self.mx, bh * 0.7), "title", self.heading_face,
                          bh * 0.5, valign="middle", color=ink, against=[self.accent])
            return tb, bh + H * 0.06
        th = H * 0.12
        tb = self.put(scene, title, (self.mx, self.my, W - 2 * self.mx, th), "title", self.heading_face, th * 0.75,
                      valign="bottom")
        y = self.my + th + H * 0.02
        rule_w = W * scene.uniform(0.08, 0.2)
        x = W - self.mx - rule_w if self.rtl else self.mx
        scene.add_shape("rect", (x, y, x + rule_w, y + max(3, H * 0.008)), fill=self.accent)
        return tb, y + H * 0.06

    def footer(self, scene) -> dict:
        """Slide number in the outer corner, a source or company line at the other."""
        W, H = scene.width, scene.height
        fh = max(line_height(covering(scene, self.body_face, "0123456789"), min_px(scene.lang)) + 4, H * 0.045)
        y = H - self.my * 0.5 - fh
        self.content_bottom = y - fh * 0.3 - H * 0.035  # content ends above the footer and its rule
        nw = W * 0.12
        nx = self.mx if self.rtl else W - self.mx - nw
        nb = self.put(scene, str(self.number), (nx, y, nw, fh), "page_number", self.body_face, fh * 0.7,
                      align="left" if self.rtl else "right", valign="middle")
        if scene.chance(0.7):
            text = scene.text(scene.choice(("company", "url", "date")), max_chars=40)
            fx = W - self.mx - W * 0.55 if self.rtl else self.mx
            try:
                self.put(scene, text, (fx, y, W * 0.55, fh), "footer", self.body_face, fh * 0.7, valign="middle")
            except NoFit:
                pass
        if scene.chance(0.4):
            scene.add_shape("line", (self.mx, y - fh * 0.3, W - self.mx, y - fh * 0.3), fill=self.accent, width=1)
        return nb

    def bullet_list(self, scene, items: list[str], x: float, y: float, w: float, h: float,
                    size: float, marker=None) -> list[dict]:
        """Bullets sharing one size: the largest (<= size) at which every item fits
        its share of the height in at most three lines; markers are drawn shapes."""
        lang = scene.lang
        face = covering(scene, self.body_face, " ".join(items))
        fit = None
        while fit is None:  # a crowded slide keeps fewer points
            slot = h / len(items)
            for s in range(int(size), min_px(lang) - 1, -1):
                if all(fits(face, s, t, lang, w - s * 1.3, slot * 0.85, 3, leading(lang, 1.15)) for t in items):
                    fit = s
                    break
            if fit is None:
                if len(items) <= 2:
                    raise NoFit("bullets do not fit the slide at a legible size")
                items = items[:-1]
        indent = fit * 1.3
        kind = scene.choice(("dot", "square", "dash", "chevron"))
        color = marker or self.accent
        blocks = []
        for n, item in enumerate(items):
            top = y + n * slot
            tx = x if self.rtl else x + indent
            b = self.put(scene, item, (tx, top, w - indent, slot * 0.85), "item", face, fit, lo=fit, max_lines=3)
            trim(b)
            cy = top + (b["lines"][0]["words"][0]["y"] - fit * 0.33)
            cx = x + w - indent * 0.45 if self.rtl else x + indent * 0.45
            r = fit * 0.18
            if kind == "dot":
                scene.add_shape("ellipse", (cx - r, cy - r, cx + r, cy + r), fill=color)
            elif kind == "square":
                scene.add_shape("rect", (cx - r, cy - r, cx + r, cy + r), fill=color)
            elif kind == "dash":
                scene.add_shape("line", (cx - r * 1.6, cy, cx + r * 1.6, cy), fill=color, width=max(2, int(r * 0.7)))
            else:
                d = -1 if self.rtl else 1
                scene.add_shape("line", (cx - d * r, cy - r * 1.3, cx + d * r, cy, cx - d * r, cy + r * 1.3),
                                fill=color, width=max(2, int(r * 0.6)))
            blocks.append(b)
        return blocks

    def items(self, scene, n: int, max_chars: int = 60) -> list[str]:
        kinds = ("sentence", "sentence", "slogan", "heading")
        return [scene.text(scene.choice(kinds), max_chars=max_chars).rstrip(".。") for _ in range(n)]

    # --- layouts ------------------------------------------------------------------------------
    def bullets(self, scene: SceneBuilder) -> None:
        W, H = scene.width, scene.height
        tb, y = self.header(scene)
        nb = self.footer(scene)
        bottom = self.content_bottom
        n = int(scene.rng.integers(3, 7))
        self.bullet_list(scene, self.items(scene, n), self.mx, y, W - 2 * self.mx, bottom - y, H * 0.055)
        self.facts(scene, tb, nb)

    def chart(self, scene: SceneBuilder) -> None:
        W, H = scene.width, scene.height
        tb, y = self.header(scene)
        nb = self.footer(scene)
        bottom = self.content_bottom
        split = W * scene.uniform(0.4, 0.48)
        # Bullets on the reading side, the chart on the other.
        if self.rtl:
            text_x, chart_x = W - split, self.mx
        else:
            text_x, chart_x = self.mx, split + W * 0.03
        text_w = split - self.mx - W * 0.02
        chart_w = W - split - self.mx - W * 0.03
        self.bullet_list(scene, self.items(scene, int(scene.rng.integers(2, 5)), 40), text_x, y, text_w,
                         bottom - y, H * 0.045)
        bars = self.bar_chart(scene, chart_x, y, chart_w, bottom - y)
        self.facts(scene, tb, nb)
        tallest = max(bars, key=lambda b: b[1])
        scene.scene = {**scene.scene, "bars": [[rendered(c), v, rendered(lb)] for c, v, lb in bars]}
        scene.fact("Which category has the tallest bar in the chart?", "图表中哪个类别的柱子最高？", rendered(tallest[0]))
        scene.fact(f"What value is shown for {rendered(tallest[0])}?", f"{rendered(tallest[0])}对应的数值是多少？",
                   rendered(tallest[2]))

    def bar_chart(self, scene, x: float, y: float, w: float, h: float) -> list[tuple[dict, int, dict]]:
        """Axes, y ticks, bars with value labels above and category labels below."""
        lang = scene.lang
        n = int(scene.rng.integers(3, 7))
        kind = scene.choice(("years", "quarters", "words"))
        if kind == "years":
            start = int(scene.rng.integers(2012, 2021))
            cats = [str(start + i) for i in range(n)]
        elif kind == "quarters":
            n = 4
            cats = [f"Q{i + 1}" for i in range(n)]
        else:
            cats = [scene.text("words", max_chars=8).split(" ")[0] if text_sources.joiner(lang) else
                    scene.text("words", max_chars=3) for _ in range(n)]
        top_value = scene.choice((10, 50, 100, 200, 500, 1000))
        values = [int(scene.rng.integers(max(1, top_value // 8), top_value + 1)) for _ in range(n)]
        unit = scene.choice(("", "", "%")) if top_value == 100 else ""
        label_size = max(min_px(lang), int(h * 0.07))
        digits = covering(scene, self.body_face, "0123456789%")  # one face for every number of the chart
        lab_h = max(label_size * 1.6, line_height(digits, label_size) + 2)
        tick_w = label_size * (0.62 * len(str(top_value)) + 0.8)
        ax0 = x + tick_w + label_size * 0.3
        ay0, ay1 = y + lab_h, y + h - lab_h  # value labels above, category labels below
        ax1 = x + w
        while n > 3 and ax1 - ax0 < n * label_size * 2.2:  # a narrow chart shows fewer bars
            n -= 1
            cats, values = cats[:n], values[:n]
        if ax1 - ax0 < n * label_size * 2.2:
            raise NoFit("chart too narrow for its bars")
        axis = tuple(int(c * 0.6 + b * 0.4) for c, b in zip(self.fg, self.bg))
        scene.add_shape("line", (ax0, ay0 - lab_h * 0.2, ax0, ay1), fill=axis, width=2)
        scene.add_shape("line", (ax0, ay1, ax1, ay1), fill=axis, width=2)
        for k in range(0, 5):  # gridlines and tick labels at quarters of the top value
            v = top_value * k // 4
            ty = ay1 - (ay1 - ay0) * k / 4
            if k:
                scene.add_shape("line", (ax0, ty, ax1, ty), fill=tuple(int(c * 0.15 + b * 0.85) for c, b in
                                                                      zip(self.fg, self.bg)), width=1)
            self.put(scene, f"{v}{unit}", (x, ty - lab_h / 2, tick_w, lab_h), "label", digits, label_size,
                     lo=label_size, align="right", valign="middle")
        slot = (ax1 - ax0) / n
        # Category labels share one size; words too long for their slot make way for years.
        face = covering(scene, self.body_face, " ".join(cats))
        cat_size = next((s for s in range(label_size, min_px(lang) - 1, -1)
                         if all(fits(face, s, c, lang, slot * 0.95, lab_h, 1) for c in cats)), None)
        if cat_size is None:
            start = int(scene.rng.integers(2012, 2021))
            cats = [str(start + i) for i in range(n)]
            face = digits
            cat_size = next((s for s in range(label_size, min_px(lang) - 1, -1)
                             if all(fits(face, s, c, lang, slot * 0.95, lab_h, 1) for c in cats)), None)
            if cat_size is None:
                raise NoFit("chart categories do not fit under their bars")
        bw = slot * scene.uniform(0.45, 0.7)
        fill = [self.accent, self.accent2]
        out = []
        for i, (cat, v) in enumerate(zip(cats, values)):
            cx = ax0 + slot * (i + 0.5)
            top = ay1 - (ay1 - ay0) * v / top_value
            scene.add_shape("rect", (cx - bw / 2, top, cx + bw / 2, ay1), fill=fill[0] if scene.chance(0.85)
                            else fill[1])
            vb = self.put(scene, f"{v}{unit}", (cx - slot / 2, top - lab_h, slot, lab_h), "value", digits,
                          label_size, lo=label_size, align="center", valign="bottom")
            cb = self.put(scene, cat, (cx - slot * 0.475, ay1 + 2, slot * 0.95, lab_h), "label", face, cat_size,
                          lo=cat_size, align="center", valign="top")
            out.append((cb, v, vb))
        return out

    def section(self, scene: SceneBuilder) -> None:
        W, H = scene.width, scene.height
        pw = W * scene.uniform(0.32, 0.45)
        px = W - pw if self.rtl else 0
        scene.add_shape("rect", (px, 0, px + pw, H), fill=self.accent)
        ink = (255, 255, 255) if sum(self.accent) < 600 else (20, 20, 20)
        number = f"{int(scene.rng.integers(1, 10)):02d}"
        nb = self.put(scene, number, (px + pw * 0.15, H * 0.3, pw * 0.7, H * 0.4), "number", self.heading_face,
                      H * 0.35, align="center", valign="middle", color=ink, against=[self.accent])
        tx = self.mx if self.rtl else pw + W * 0.06
        tw = W - pw - W * 0.06 - self.mx
        title = scene.text("heading", max_chars=40)
        tb = self.put(scene, title, (tx, H * 0.3, tw, H * 0.24), "title", self.heading_face, H * 0.1,
                      valign="bottom", max_lines=2)
        self.put(scene, scene.text("slogan", max_chars=60), (tx, H * 0.57, tw, H * 0.14), "subtitle", self.body_face,
                 H * 0.045, max_lines=2)
        scene.scene = {"title": rendered(tb), "section": rendered(nb)}
        scene.fact("What is the title of this section slide?", "这张章节页幻灯片的标题是什么？", rendered(tb))
        scene.fact("What section number is shown?", "幻灯片上显示的章节编号是多少？", rendered(nb))

    def columns(self, scene: SceneBuilder) -> None:
        W, H = scene.width, scene.height
        tb, y = self.header(scene)
        nb = self.footer(scene)
        bottom = self.content_bottom
        gap = W * 0.05
        cw = (W - 2 * self.mx - gap) / 2
        xs = [self.mx, self.mx + cw + gap]
        if self.rtl:
            xs.reverse()
        n = int(scene.rng.integers(2, 5))
        for k, cx in enumerate(xs):
            color = self.accent if k == 0 else self.accent2
            hh = H * 0.09
            scene.add_shape("rect", (cx, y, cx + cw, y + hh), fill=color)
            ink = (255, 255, 255) if sum(color) < 600 else (20, 20, 20)
            self.put(scene, scene.text("heading", max_chars=30), (cx + cw * 0.05, y, cw * 0.9, hh), "heading",
                     self.heading_face, hh * 0.6, valign="middle", color=ink, against=[color])
            self.bullet_list(scene, self.items(scene, n), cx, y + hh * 1.4, cw, bottom - y - hh * 1.4, H * 0.045,
                             marker=color)
        self.facts(scene, tb, nb)

    def facts(self, scene, title: dict, number: dict) -> None:
        scene.scene = {"title": rendered(title), "slide_number": rendered(number)}
        scene.fact("What is the title of the slide?", "这张幻灯片的标题是什么？", rendered(title))
        scene.fact("What is the slide number?", "这张幻灯片的页码是多少？", rendered(number))
