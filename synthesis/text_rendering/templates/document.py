"""document: a printed page of running text — an article, a book page or a report.

Sub-layouts:
- article: title, byline, then sections (heading + paragraphs) in one or two columns,
  sometimes a bullet list; page number in the footer.
- book: a running header (book title / chapter) over a rule, an optional chapter
  heading, paragraphs flowing down the page, the page number centred or outside.
- report: an organisation band at the top, title, numbered headings, paragraphs, a bullet
  list or a small ruled table, and a footer with the organisation and the page number.

Text flows like a typesetter's: one body face at one size, each paragraph wrapped to its
column with the typesetter's own line breaking, split across columns when it reaches the
bottom of one and cut at the end of the page (the page continues overleaf). Right-to-left
pages are right-aligned and their columns read right to left.

The measuring and face helpers it shares with the other page templates (receipt, slide,
ui_screen) live in `measure` and `faces`; `pick` (forced or random sub-layout) in `layouts`.
"""

from __future__ import annotations

from synthesis.text_rendering.backgrounds import sample_background
from synthesis.text_rendering.fonts import load_face
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import covering, upright_face
from synthesis.text_rendering.templates.layouts import pick
from synthesis.text_rendering.templates.measure import leading, line_height, min_px, rendered, shorten, trim, width_of
from synthesis.text_rendering.text import text_sources
from synthesis.text_rendering.text.languages import language
from synthesis.text_rendering.typeset import wrap

PAPERS = ((255, 255, 255), (252, 251, 247), (248, 245, 236), (245, 240, 226), (250, 250, 250))
INKS = ((20, 20, 20), (35, 35, 40), (45, 40, 35), (25, 30, 50))
ACCENTS = ((30, 70, 140), (150, 30, 40), (20, 100, 80), (90, 50, 120), (60, 60, 60), (180, 90, 20))


class Flow:
    """Columns of a page and a cursor; places blocks top to bottom, column after column."""

    def __init__(self, scene: SceneBuilder, columns: list[tuple[float, float]], top: float, bottom: float):
        self.scene, self.columns, self.top, self.bottom = scene, columns, top, bottom
        self.col, self.y = 0, top

    @property
    def x(self) -> float:
        return self.columns[self.col][0]

    @property
    def w(self) -> float:
        return self.columns[self.col][1]

    def room(self) -> float:
        return self.bottom - self.y

    def next_column(self) -> bool:
        if self.col + 1 >= len(self.columns):
            return False
        self.col, self.y = self.col + 1, self.top
        return True


class DocumentPage(Template):
    name = "document"
    scene_en = "a printed document page"
    scene_zh = "一页印刷文档"
    aspect = (0.6, 0.85)
    backgrounds = ("paper", "plain", "wood", "fabric", "noise")

    def build(self, scene: SceneBuilder, layout: str | None = None, columns: int | None = None) -> None:
        """`layout` (article, book, report) and `columns` (1, 2) force a sub-layout."""
        lang = scene.lang
        self.rtl = language(lang).direction == "rtl"
        self.lead = "right" if self.rtl else "left"  # the alignment text starts from
        W, H = scene.width, scene.height
        self.paper = scene.choice(PAPERS)
        self.ink = scene.choice(INKS)
        self.accent = scene.choice(ACCENTS)
        # A scan fills the canvas; a photo shows the sheet lying on a desk.
        if scene.chance(0.6):
            if scene.chance(0.5):
                scene.set_background(sample_background(scene.rng, ("paper",)))
                self.paper = scene.region_colors((0, 0, W, H))[1]
            else:
                scene.set_background({"kind": "plain", "color": list(self.paper)})
            x0, y0, x1, y1 = 0, 0, W, H
        else:
            m = min(W, H) * scene.uniform(0.04, 0.08)
            x0, y0, x1, y1 = m, m, W - m, H - m
            under = scene.region_colors((x0, y0, x1, y1))[1]
            scene.add_shape("rect", (x0 + 4, y0 + 5, x1 + 4, y1 + 5), fill=tuple(int(c * 0.5) for c in under))
            scene.add_shape("rect", (x0, y0, x1, y1), fill=self.paper)
        self.page = (x0, y0, x1, y1)
        layout = pick(scene, layout, ("article", "book", "report"), "document layout")
        serif_body = layout == "book" or scene.chance(0.5)
        sample = " ".join(scene.text("paragraph") for _ in range(2))
        self.body = upright_face(scene, sample + "0123456789", ("serif",) if serif_body else ("sans",), False)
        self.bold = upright_face(scene, sample, (self.body.category,) if scene.chance(0.6) else ("sans",), True)
        # Body size from the page width: 60-80 Latin characters (30-40 CJK) to a full line.
        pw = x1 - x0
        margin = pw * scene.uniform(0.09, 0.14)
        self.left, self.right = x0 + margin, x1 - margin
        per_line = scene.uniform(30, 42) if language(lang).breaks == "char" else scene.uniform(60, 85)
        em = 1.0 if language(lang).breaks == "char" else 0.5
        self.size = max(min_px(lang), int((self.right - self.left) / per_line / em))
        # Leading as a multiple of the size, not of the face's ascent + descent: Naskh and
        # Devanagari faces report twice the height of a Latin face at the same size.
        self.lh = line_height(self.body, self.size)
        self.spacing = leading(lang, round(min(1.55, max(1.0, self.size * scene.uniform(1.45, 1.8) / self.lh)), 2))
        self.top, self.bottom = y0 + margin * scene.uniform(0.7, 1.0), y1 - margin * scene.uniform(0.8, 1.1)
        roomy = self.right - self.left > 34 * self.size * em * 2
        two_columns = layout != "book" and roomy and scene.chance(0.5) if columns is None else columns == 2
        if two_columns and (layout == "book" or not roomy):
            raise NoFit("two columns need an article or report page wide enough for them")
        getattr(self, layout)(scene, two_columns)

    # --- elements ---------------------------------------------------------------------------
    def text(self, scene, text, box, role, face, size, align=None, color=None, max_lines=None, spacing=None):
        face = covering(scene, face, text)
        if max_lines == 1:  # a substitute face may be taller than the one the box was sized for
            box = (*box[:3], max(box[3], line_height(face, size) + 2))
        # Set at `size` (measured to fit); an edit that lengthens the text may shrink it a little.
        return scene.add_text(text, box, role=role, face=face, max_size=size,
                              min_size=max(min_px(scene.lang), size - 2),
                              align=align or self.lead, max_lines=max_lines, color=color or self.ink,
                              against=[self.paper], spacing=leading(scene.lang, spacing or self.spacing))

    def columns(self, scene, two: bool) -> list[tuple[float, float]]:
        if not two:
            return [(self.left, self.right - self.left)]
        gap = self.size * scene.uniform(1.5, 2.5)
        w = (self.right - self.left - gap) / 2
        cols = [(self.left, w), (self.left + w + gap, w)]
        return cols[::-1] if self.rtl else cols  # RTL pages start in the right column

    def paragraph(self, scene, flow: Flow, text: str, gap: float) -> int:
        """Flow one paragraph into the columns; returns how many blocks it took (0: the
        page is full). Lines are broken exactly as the typesetter will break them."""
        lang = scene.lang
        face = covering(scene, self.body, text)
        font = load_face(face.ref(), self.size)
        direction = language(lang).direction
        units = text_sources.break_units(text, lang)
        joiner = text_sources.joiner(lang)
        space = font.getlength(joiner, direction=direction) if joiner else 0.0
        lines = wrap([font.getlength(u, direction=direction) for u in units], space, flow.w)
        if not lines:
            return 0
        pitch = self.lh * self.spacing
        blocks = 0
        while lines:
            fit = int((flow.room() - self.lh - 2) // pitch) + 1 if flow.room() >= self.lh + 2 else 0
            if fit < min(2, len(lines)):  # no lone first line at a column's foot
                if not flow.next_column():
                    return blocks
                continue
            part, lines = lines[:fit], lines[fit:]
            words = joiner.join(units[i] for line in part for i in line)
            try:
                block = self.text(scene, words, (flow.x, flow.y, flow.w, flow.room()), "body", face, self.size)
            except NoFit:  # the typesetter broke the lines differently after all: page full
                return blocks
            flow.y += trim(block) + gap
            blocks += 1
        return blocks

    def heading(self, scene, flow: Flow, text: str, size: int, role: str = "heading", color=None) -> dict | None:
        """A bold heading kept with at least two lines of the text under it."""
        need = line_height(self.bold, size) * 1.4 + self.lh * (1 + self.spacing) + self.lh
        if flow.room() < need and not flow.next_column():
            return None
        if flow.room() < need:
            return None
        flow.y += self.lh * 0.5 if flow.y > flow.top else 0
        try:
            block = self.text(scene, text, (flow.x, flow.y, flow.w, line_height(self.bold, size) * 2.6), role,
                              self.bold, size, color=color, max_lines=2, spacing=1.15)
        except NoFit:
            return None
        flow.y += trim(block) + self.lh * 0.45
        return block

    def bullets(self, scene, flow: Flow, n: int) -> int:
        """A bullet list: a dot drawn as a shape (not a glyph) before each wrapped item."""
        indent = self.size * 1.6
        placed = 0
        for _ in range(n):
            item = scene.text("sentence", max_chars=70)
            x = flow.x if self.rtl else flow.x + indent
            h = self.lh * (1 + 2 * self.spacing)
            if flow.room() < h:
                break
            try:
                block = self.text(scene, item, (x, flow.y, flow.w - indent, h), "item", self.body, self.size,
                                  max_lines=3)
            except NoFit:
                continue
            r = self.size * 0.17
            cx = flow.x + flow.w - indent * 0.45 if self.rtl else flow.x + indent * 0.45
            cy = flow.y + self.lh * 0.55
            scene.add_shape("ellipse", (cx - r, cy - r, cx + r, cy + r), fill=self.ink)
            flow.y += trim(block) + self.lh * 0.3
            placed += 1
        flow.y += self.lh * 0.5
        return placed

    def table(self, scene, flow: Flow) -> bool:
        """A small ruled table (header row + 3-5 rows) across the column."""
        cols = int(scene.rng.integers(2, 4))
        rows = int(scene.rng.integers(3, 6))
        row_h = self.lh * 1.6
        if flow.room() < row_h * (rows + 1) + self.lh:
            return False
        kinds = ["words"] + [scene.choice(("number_unit", "price", "date", "words")) for _ in range(cols - 1)]
        heads = [scene.text("heading", max_chars=14) for _ in range(cols)]
        x0, w = flow.x, flow.w
        cw = w / cols
        y = flow.y
        scene.add_shape("line", (x0, y, x0 + w, y), fill=self.ink, width=2)
        for r in range(rows + 1):
            for c in range(cols):
                text = heads[c] if r == 0 else scene.text(kinds[c], max_chars=18)
                face = covering(scene, self.bold if r == 0 else self.body, text)
                cx = x0 + (cols - 1 - c) * cw if self.rtl else x0 + c * cw
                fitted = shorten(face, self.size, text, scene.lang, cw - self.size)
                if fitted:
                    scene.add_text(fitted, (cx + self.size * 0.3, y, cw - self.size * 0.6, row_h), role="heading"
                                   if r == 0 else "cell", face=face, max_size=self.size, min_size=self.size,
                                   align=self.lead, valign="middle", max_lines=1, color=self.ink,
                                   against=[self.paper])
            y += row_h
            scene.add_shape("line", (x0, y, x0 + w, y), fill=self.ink, width=2 if r in (0, rows) else 1)
        flow.y = y + self.lh
        return True

    def page_number(self, scene, y: float, align: str, number: int) -> dict:
        lh = line_height(self.body, self.size)
        block = self.text(scene, str(number), (self.left, y, self.right - self.left, lh + 2), "page_number",
                          self.body, self.size, align=align, max_lines=1)
        if align == "center" and scene.chance(0.4):  # "— 12 —": the dashes are rules, not text
            tw = width_of(self.body, self.size, str(number), scene.lang)
            mid, cy = (self.left + self.right) / 2, y + lh * 0.6
            for side in (-1, 1):
                a = mid + side * (tw / 2 + self.size * 0.5)
                scene.add_shape("line", (a, cy, a + side * self.size, cy), fill=self.ink, width=1)
        return block

    def body_text(self, scene, flow: Flow, numbered: bool, extras: bool) -> None:
        """Sections (heading + paragraphs) until the page is full; sometimes the text ends
        early, as on the last page of an article."""
        gap = self.lh * scene.uniform(0.3, 0.8)
        hsize = max(min_px(scene.lang), int(self.size * scene.uniform(1.15, 1.45)))
        ends_early = scene.chance(0.15)
        for s in range(12):
            head = scene.text("heading", max_chars=40)
            if numbered:
                head = f"{s + 1}. {head}"
            # No room left for a heading: the section's text runs on to the foot of the page.
            if (s or scene.chance(0.6)) and flow.room() > self.lh * 4:
                self.heading(scene, flow, head, hsize)
            for _ in range(int(scene.rng.integers(1, 4))):
                if not self.paragraph(scene, flow, scene.text("paragraph"), gap):
                    return
            if extras and s == 0:
                if scene.chance(0.5):
                    self.bullets(scene, flow, int(scene.rng.integers(2, 5)))
                elif scene.chance(0.6):
                    self.table(scene, flow)
            if ends_early and s >= 1:
                return

    # --- layouts ------------------------------------------------------------------------------
    def article(self, scene: SceneBuilder, two_columns: bool) -> None:
        lang = scene.lang
        title = scene.text("title", max_chars=60)
        tsize = max(min_px(lang), int(self.size * scene.uniform(1.8, 2.8)))
        tface = upright_face(scene, title, scene.choice((("serif",), ("sans",), ("display",))), True)
        talign = "center" if scene.chance(0.4) else self.lead
        tblock = scene.add_text(title, (self.left, self.top, self.right - self.left, line_height(tface, tsize) * 3.3),
                                role="title", face=tface, max_size=tsize, min_size=min_px(lang), max_lines=2,
                                spacing=leading(lang, 1.1), align=talign,
                                color=self.accent if scene.chance(0.4) else self.ink,
                                against=[self.paper])
        y = self.top + trim(tblock) + self.lh * 0.6
        byline = f"{scene.text('name')} · {scene.text('date')}"
        bblock = self.text(scene, shorten(self.body, self.size, byline, lang, self.right - self.left) or byline,
                           (self.left, y, self.right - self.left, self.lh + 2), "byline", self.body, self.size,
                           align=talign, max_lines=1, color=self.accent)
        y += trim(bblock) + self.lh * 0.5
        scene.add_shape("line", (self.left, y, self.right, y), fill=self.ink, width=1)
        flow = Flow(scene, self.columns(scene, two_columns), y + self.lh * 0.8, self.bottom - self.lh * 2.2)
        self.body_text(scene, flow, scene.chance(0.3), scene.chance(0.5))
        number = int(scene.rng.integers(1, 40))
        pblock = self.page_number(scene, self.bottom - self.lh, scene.choice(("center", "right" if not self.rtl
                                                                              else "left")), number)
        self.describe(scene, "article", two_columns, tblock, pblock)

    def book(self, scene: SceneBuilder, two_columns: bool) -> None:
        lang = scene.lang
        number = int(scene.rng.integers(2, 400))
        even = number % 2 == 0
        head_text = scene.text("title", max_chars=40)
        hsize = max(min_px(lang), int(self.size * scene.uniform(0.85, 1.0)))
        head_align = "center" if scene.chance(0.5) else ("left" if even else "right")
        hb = scene.add_text(head_text, (self.left, self.top, self.right - self.left, line_height(self.body, hsize) + 2),
                            role="header", face=covering(scene, self.body, head_text), max_size=hsize,
                            min_size=min_px(lang), max_lines=1,
                            align=head_align, color=self.ink, against=[self.paper])
        y = self.top + trim(hb) + self.lh * 0.4
        if scene.chance(0.5):
            scene.add_shape("line", (self.left, y, self.right, y), fill=self.ink, width=1)
        flow = Flow(scene, self.columns(scene, False), y + self.lh * 1.2, self.bottom - self.lh * 2.2)
        title_block = hb
        if scene.chance(0.35):  # a chapter opening: sunk heading
            flow.y += (self.bottom - self.top) * scene.uniform(0.08, 0.2)
            chapter = self.heading(scene, flow, scene.text("heading", max_chars=40),
                                   max(min_px(lang), int(self.size * scene.uniform(1.6, 2.2))), role="title",
                                   color=self.accent if scene.chance(0.3) else None)
            title_block = chapter or hb
            flow.y += self.lh
        gap = self.lh * (self.spacing - 1) if scene.chance(0.5) else self.lh * 0.6
        while self.paragraph(scene, flow, scene.text("paragraph"), gap):
            pass
        pblock = self.page_number(scene, self.bottom - self.lh, scene.choice(("center", "left" if even else "right")),
                                  number)
        self.describe(scene, "book", False, title_block, pblock)

    def report(self, scene: SceneBuilder, two_columns: bool) -> None:
        lang = scene.lang
        org = scene.text("company", max_chars=40)
        x0, y0, x1, _ = self.page
        band_h = self.size * scene.uniform(2.6, 3.6)
        scene.add_shape("rect", (x0, y0, x1, y0 + band_h), fill=self.accent)
        oface = upright_face(scene, org, ("sans",), True)
        osize = max(min_px(lang), min(int(band_h * 0.45), int(self.size * 1.3)))
        scene.add_text(org, (self.left, y0, self.right - self.left, band_h), role="brand", face=oface,
                       max_size=osize, min_size=min_px(lang), max_lines=1, align=self.lead, valign="middle",
                       color=(255, 255, 255), against=[self.accent])
        top = max(self.top, y0 + band_h + self.lh)
        title = scene.text("title", max_chars=60)
        tsize = max(min_px(lang), int(self.size * scene.uniform(1.6, 2.3)))
        tface = upright_face(scene, title, ("sans",), True)
        tblock = scene.add_text(title, (self.left, top, self.right - self.left, line_height(tface, tsize) * 3.3),
                                role="title", face=tface, max_size=tsize, min_size=min_px(lang), max_lines=2,
                                spacing=leading(lang, 1.1), align=self.lead, color=self.ink, against=[self.paper])
        y = top + trim(tblock) + self.lh
        flow = Flow(scene, self.columns(scene, two_columns), y, self.bottom - self.lh * 2.4)
        self.body_text(scene, flow, True, True)
        fy = self.bottom - self.lh
        scene.add_shape("line", (self.left, fy - self.lh * 0.5, self.right, fy - self.lh * 0.5), fill=self.ink)
        number = int(scene.rng.integers(1, 30))
        pblock = self.page_number(scene, fy, "left" if self.rtl else "right", number)
        foot = shorten(self.body, self.size, org, lang, (self.right - self.left) * 0.6)
        if foot:
            fx = self.right - (self.right - self.left) * 0.6 if self.rtl else self.left
            self.text(scene, foot, (fx, fy, (self.right - self.left) * 0.6, self.lh + 2), "footer", self.body,
                      self.size, max_lines=1)
        self.describe(scene, "report", two_columns, tblock, pblock)

    def describe(self, scene: SceneBuilder, layout: str, two_columns: bool, title: dict, page: dict) -> None:
        scene.scene = {"kind": "document", "layout": layout, "columns": 2 if two_columns else 1,
                       "title": rendered(title), "page_number": rendered(page), "body_size": self.size}
        what = "running header" if title["role"] == "header" else "title"
        scene.fact(f"What is the {what} of the page?", "这一页的标题是什么？", rendered(title))
        scene.fact("What is the page number?", "这一页的页码是多少？", rendered(page))
