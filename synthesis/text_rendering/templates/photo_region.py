"""photo_region: text set into a region of a photograph — the way captions, TV
lower-thirds, watermarks and titles sit on pictures.

The picture is a file from `scene.photo_dirs` when the job gives photo folders, else a
procedural landscape (`scenery.py`). Text goes only where it stays legible: on an opaque
bar or plate, or straight on the picture where the region under it is calm enough for
a colour with the required contrast (otherwise the builder raises NoFit and the text
falls back to a plate).

Sub-layouts:
- `caption`: a band across the bottom with a one- or two-line caption (and a credit);
- `lower_third`: a news-style name bar and a title bar at the lower left (right for Arabic);
- `watermark`: a small "© name year" or website in a corner;
- `title`: a large title (and subtitle) over the sky or the calmest part of the picture,
  with a shadow;
- `plate`: a title on a solid rounded plate placed over the picture.
"""

from __future__ import annotations

from synthesis.text_rendering import colors
from synthesis.text_rendering.backgrounds import sample_background
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.scenery import sample_scenery
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import put_text
from synthesis.text_rendering.templates.measure import CJK_HANGUL, min_px, used_height

BAR_COLORS = ((200, 20, 30), (10, 60, 140), (20, 20, 20), (240, 180, 0), (0, 120, 110), (250, 250, 250))


class PhotoRegion(Template):
    name = "photo_region"
    scene_en = "a photo with text on it"
    scene_zh = "一张带文字的照片"
    aspect = (0.75, 2.0)
    backgrounds = ("photo", "scenery")

    LAYOUTS = ("caption", "lower_third", "watermark", "title", "plate")

    def build(self, scene: SceneBuilder, layout: str | None = None) -> None:
        """`layout`: one of LAYOUTS (default: drawn at random)."""
        if layout is not None and layout not in self.LAYOUTS:
            raise ValueError(f"unknown photo_region layout {layout!r}; allowed: {', '.join(self.LAYOUTS)}")
        if scene.photo_dirs:
            if scene.background["kind"] != "photo":
                scene.set_background(sample_background(scene.rng, ("photo",), scene.photo_dirs))
        else:
            scene.set_background(sample_scenery(scene.rng))
        layout = layout or scene.choice(("caption", "lower_third", "watermark", "title", "title", "plate"))
        getattr(self, f"_{layout}")(scene)

    def _start(self, scene: SceneBuilder) -> str:
        return "right" if scene.lang == "ar" else "left"

    def _caption(self, scene: SceneBuilder) -> None:
        w, h = scene.width, scene.height
        band_h = h * scene.uniform(0.13, 0.2)
        band = scene.choice(((255, 255, 255), (20, 20, 20), (245, 240, 228)))
        scene.add_shape("rect", (0, h - band_h, w, h), fill=band)
        m = w * 0.04
        caption = scene.text("sentence", max_chars=90)
        credit = scene.text("name", max_chars=30) if scene.chance(0.5) else None
        cap_w = w - 2 * m - (w * 0.25 if credit else 0)
        x = m + (w * 0.25 if credit and scene.lang == "ar" else 0)
        put_text(scene, caption, (x, h - band_h + band_h * 0.12, cap_w, band_h * 0.76), role="caption",
                 align=self._start(scene), valign="middle", max_lines=2, max_size=round(band_h * 0.35),
                 min_size=min_px(scene.lang, CJK_HANGUL), against=[band], categories=("serif", "sans"))
        if credit:
            cx = m if scene.lang == "ar" else w - m - w * 0.22
            try:
                put_text(scene, credit, (cx, h - band_h + band_h * 0.2, w * 0.22, band_h * 0.6), role="footer",
                         align="left" if scene.lang == "ar" else "right", valign="middle", max_lines=2,
                         max_size=round(band_h * 0.22), min_size=min_px(scene.lang, CJK_HANGUL), against=[band],
                         categories=("sans",))
            except NoFit:
                credit = None
        scene.fact("What does the caption under the photo say?", "照片下方的说明文字写的是什么？", caption)
        scene.scene = {"kind": "captioned photo", "caption": caption, "credit": credit}

    def _lower_third(self, scene: SceneBuilder) -> None:
        w, h = scene.width, scene.height
        accent, plain = scene.choice(BAR_COLORS[:5]), scene.choice(((250, 250, 250), (25, 25, 30)))
        name = scene.text("name", max_chars=28)
        title = scene.choice((lambda: scene.text("company", max_chars=40),
                              lambda: scene.text("heading", max_chars=40)))()
        bar_w = w * scene.uniform(0.45, 0.65)
        x = w * 0.05 if scene.lang != "ar" else w * 0.95 - bar_w
        name_h, title_h = max(h * 0.1, 44.0), max(h * 0.07, 32.0)
        y = h * scene.uniform(0.7, 0.78)
        scene.add_shape("rect", (x, y, x + bar_w, y + name_h), fill=accent)
        scene.add_shape("rect", (x, y + name_h, x + bar_w * 0.85, y + name_h + title_h), fill=plain)
        pad = name_h * 0.18
        put_text(scene, name, (x + pad * 1.5, y + pad, bar_w - 3 * pad, name_h - 2 * pad), role="name",
                 align=self._start(scene), valign="middle", max_lines=1, against=[accent],
                 min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",), bold=True)
        put_text(scene, title, (x + pad * 1.5, y + name_h + pad * 0.6, bar_w * 0.85 - 3 * pad, title_h - 1.2 * pad),
                 role="caption", align=self._start(scene), valign="middle", max_lines=1, against=[plain],
                 min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans",))
        scene.fact("What is the name shown in the lower third?", "画面下方字幕条上显示的名字是什么？", name)
        scene.scene = {"kind": "lower third", "name": name, "title": title}

    def _watermark(self, scene: SceneBuilder) -> None:
        w, h = scene.width, scene.height
        year = int(scene.rng.integers(2005, 2027))
        mark = f"© {scene.text('name', max_chars=24)} {year}" if scene.chance(0.6) else scene.text("url")
        size = max(min_px(scene.lang, CJK_HANGUL) + 4, round(min(w, h) * scene.uniform(0.035, 0.05)))
        bw, bh = w * 0.45, size * 1.8
        m = min(w, h) * 0.03
        corners = [(w - m - bw, h - m - bh, "right"), (m, h - m - bh, "left"), (w - m - bw, m, "right"), (m, m, "left")]
        style = dict(role="footer", valign="middle", max_lines=1, max_size=size,
                     min_size=min_px(scene.lang, CJK_HANGUL) + 2, categories=("sans",))
        for i in scene.rng.permutation(len(corners)):  # straight on the picture where a corner is calm
            x, y, align = corners[int(i)]
            try:
                put_text(scene, mark, (x, y, bw, bh), align=align, shadow=scene.chance(0.5), **style)
                break
            except NoFit:
                continue
        else:  # every corner is busy: a dark strip under the mark
            x, y, align = corners[0]
            strip = (20, 20, 24)
            scene.add_shape("rect", (x - m * 0.3, y, x + bw + m * 0.3, y + bh), fill=strip)
            put_text(scene, mark, (x, y, bw, bh), align=align, against=[strip], **style)
        scene.fact("What does the watermark say?", "水印上写的是什么？", mark)
        scene.scene = {"kind": "watermarked photo", "watermark": mark}

    def _title(self, scene: SceneBuilder) -> None:
        """A title over the calm top of the picture (the sky); a plate if it is not calm."""
        w, h = scene.width, scene.height
        m = min(w, h) * 0.06
        title = scene.text("title", max_chars=36)
        box = (m, m, w - 2 * m, h * 0.24)
        align = scene.choice(("center", self._start(scene)))
        style = {"shadow": {"dx": 2, "dy": 2, "blur": 2.0, "color": [0, 0, 0], "opacity": 0.55}}
        try:
            block = put_text(scene, title, box, role="headline", align=align, valign="top", max_lines=2,
                             min_size=24, categories=("display", "serif", "sans"), bold=True, spacing=1.05, **style)
        except NoFit:
            return self._plate(scene, title)
        y = m + used_height(block) + h * 0.02
        try:
            put_text(scene, scene.text("slogan", max_chars=60), (m, y, w - 2 * m, h * 0.08), role="subtitle",
                     align=align, max_lines=1, min_size=min_px(scene.lang, CJK_HANGUL), categories=("sans", "serif"),
                     **style)
        except NoFit:
            pass
        scene.fact("What is the title written on the photo?", "照片上写的标题是什么？", title)
        scene.scene = {"kind": "titled photo", "title": title}

    def _plate(self, scene: SceneBuilder, title: str | None = None) -> None:
        w, h = scene.width, scene.height
        title = title or scene.text("title", max_chars=36)
        plate = scene.choice(BAR_COLORS)
        pw, ph = w * scene.uniform(0.5, 0.75), h * scene.uniform(0.18, 0.28)
        x = (w - pw) / 2
        y = scene.choice((h * 0.08, (h - ph) / 2, h * 0.9 - ph))
        radius = round(ph * scene.choice((0.0, 0.1, 0.5)))
        scene.add_shape("rounded_rect", (x, y, x + pw, y + ph), fill=plate, radius=radius,
                        outline=colors.text_color(scene.rng, [plate]) if scene.chance(0.3) else None, width=3)
        pad = min(pw, ph) * 0.15 + radius * 0.3
        put_text(scene, title, (x + pad, y + pad, pw - 2 * pad, ph - 2 * pad), role="headline", align="center",
                 valign="middle", max_lines=2, against=[plate], min_size=20, categories=("display", "sans", "serif"),
                 bold=True)
        scene.fact("What is the title written on the photo?", "照片上写的标题是什么？", title)
        scene.scene = {"kind": "photo with a title plate", "title": title}
