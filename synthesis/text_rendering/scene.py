"""SceneBuilder: what a template uses to compose a scene spec.

A template decides *what* goes where (a headline in the top third, prices in a column);
the builder does the rest the same way for every template: picks a face that has every
glyph of the text (no tofu), sets the text to the largest size that fits its box,
chooses a colour with enough contrast against what lies under the box, draws optional
stroke and shadow, and places the block with rotation, perspective or an arc. Every
decision lands in the spec, so `draw.render_scene(spec)` reproduces the image.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from synthesis.text_rendering import colors, geometry
from synthesis.text_rendering.backgrounds import render_background
from synthesis.text_rendering.fonts import FontFace, codepoints, covers, faces_for, inked, needed_codepoints
from synthesis.text_rendering.text import text_sources
from synthesis.text_rendering.text.languages import language
from synthesis.text_rendering.typeset import Frame, set_text

RGB = tuple[int, int, int]


class NoFit(Exception):
    """The text cannot be set in the box (no covering face, or too long at min size)."""


# CJK faces by region: the same code point is drawn in regional forms (内/內, 产/産), so
# Chinese takes simplified-Chinese faces, Japanese Japanese ones, Korean Korean ones.
REGIONAL_FAMILIES = {
    "zh": ("CJK SC", "WenQuanYi", "AR PL UKai CN", "AR PL UMing CN"),
    "ja": ("CJK JP", "IPA", "VL Gothic", "VL PGothic"),
    "ko": ("CJK KR", "Nanum", "UnBatang", "UnDinaru", "UnDotum", "UnGraphic", "UnGungseo", "UnPilgi"),
}
_CJK_FAMILY_WORDS = ("CJK", "IPA", "Nanum", "WenQuanYi", "AR PL", "VL Gothic", "VL PGothic", *REGIONAL_FAMILIES["ko"])
MIN_WEIGHT = 350  # thin and hairline faces vanish at small sizes


def suits(face: FontFace, lang: str) -> bool:
    """Whether `face` is a fitting choice for text in `lang` (beyond having the glyphs)."""
    if face.weight < MIN_WEIGHT:
        return False
    if face.family == "Noto Nastaliq Urdu":
        return lang == "ur"  # Urdu's hanging style; Arabic-language text is set in Naskh or Kufi
    if face.category == "mono" and lang == "ar":
        return False  # monospaced faces draw Arabic letters unjoined
    cjk_face = any(word in face.family for word in _CJK_FAMILY_WORDS)
    if lang in REGIONAL_FAMILIES:
        return any(tag in face.family for tag in REGIONAL_FAMILIES[lang])
    return not cjk_face  # CJK fonts' Latin is an afterthought; Latin text gets Latin faces


@dataclass
class SceneBuilder:
    rng: np.random.Generator
    template: str
    width: int
    height: int
    background: dict
    lang: str  # the scene's main language
    min_contrast: float = 4.5
    effect_strength: float = 0.5  # 0..1: stroke/shadow/rotation/perspective/curve/global effects
    families: tuple[str, ...] | None = None  # restrict faces to these families (None: all)
    photo_dirs: tuple[str, ...] = ()  # user photo folders (photo backgrounds, photo_region)
    blocks: list[dict] = field(default_factory=list)
    shapes: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    scene: dict = field(default_factory=dict)  # template-level description (kind, theme...)
    _background_image: Image.Image | None = None

    # --- what lies under a box --------------------------------------------------------
    @property
    def background_image(self) -> Image.Image:
        if self._background_image is None:
            self._background_image = render_background(self.background, self.width, self.height)
        return self._background_image

    def region_colors(self, box: tuple[float, float, float, float]) -> list[RGB]:
        """Dark, median and light colours of the background under `box` (x0, y0, x1, y1)."""
        x0, y0, x1, y1 = (int(round(v)) for v in box)
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(self.width, max(x1, x0 + 1)), min(self.height, max(y1, y0 + 1))
        # Every 4th pixel each way is plenty for percentiles and 16× cheaper.
        region = np.asarray(self.background_image.crop((x0, y0, x1, y1)))[::4, ::4]
        pixels = region.reshape(-1, 3).astype(np.float32)
        lum = pixels @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)
        n = len(lum) - 1
        ranks = [int(q * n) for q in (0.05, 0.5, 0.95)]
        order = np.argpartition(lum, ranks)
        return [tuple(int(v) for v in pixels[order[r]]) for r in ranks]

    def set_background(self, background: dict) -> None:
        """Replace the background (before adding text: colours are chosen against it)."""
        if self.blocks:
            raise RuntimeError("set_background after add_text: text colours were chosen against the old one")
        self.background, self._background_image = background, None

    # --- choices ----------------------------------------------------------------------
    def choice(self, options):
        return options[int(self.rng.integers(len(options)))]

    def uniform(self, low: float, high: float) -> float:
        return float(self.rng.uniform(low, high))

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def text(self, kind: str, lang: str | None = None, max_chars: int | None = None) -> str:
        return text_sources.sample_text(self.rng, lang or self.lang, kind, max_chars=max_chars)

    def face(self, text: str, lang: str | None = None, categories: tuple[str, ...] | None = None,
             bold: bool | None = None, upright: bool = False) -> FontFace:
        """A random face for `lang`'s script that suits the language and has a glyph for
        every character of `text`. `upright`: no italics (curved text is slanted enough;
        stacked Vietnamese diacritics in italics are misread)."""
        lang = lang or self.lang
        upright = upright or lang == "vi"
        script = language(lang).script
        pool = [f for f in faces_for(script, families=self.families)
                if suits(f, lang) and not (upright and f.italic)]
        needed = needed_codepoints(text)
        for narrowed in (
            [f for f in pool if (categories is None or f.category in categories) and (bold is None or f.bold == bold)],
            [f for f in pool if categories is None or f.category in categories],
            list(pool),
        ):
            candidates = [f for f in narrowed if needed <= codepoints(f.path, f.index)]
            while candidates:
                face = candidates.pop(int(self.rng.integers(len(candidates))))
                if inked(face.path, text, face.index):
                    return face
        raise NoFit(f"no installed face covers {text!r} ({script})")

    def text_color(self, against: list[RGB], prefer: RGB | None = None) -> RGB:
        if prefer is not None and min(colors.contrast(prefer, c) for c in against) >= self.min_contrast:
            return prefer
        try:
            return colors.text_color(self.rng, against, min_contrast=self.min_contrast)
        except ValueError as exc:  # a busy region no colour reads on: place the text elsewhere
            raise NoFit(str(exc)) from None

    # --- building ---------------------------------------------------------------------
    def add_shape(self, kind: str, xy, fill=None, outline=None, width: int = 1, radius: int = 0) -> dict:
        shape = {"kind": kind, "xy": [round(float(v), 1) for v in np.ravel(xy)],
                 "fill": list(fill) if fill is not None else None,
                 "outline": list(outline) if outline is not None else None, "width": int(width)}
        if kind == "rounded_rect":
            shape["radius"] = int(radius)
        self.shapes.append(shape)
        return shape

    def add_text(self, text: str, box: tuple[float, float, float, float], *, role: str = "text",
                 lang: str | None = None, face: FontFace | None = None,
                 categories: tuple[str, ...] | None = None, bold: bool | None = None,
                 max_size: int = 160, min_size: int = 12, align: str = "left", valign: str = "top",
                 spacing: float = 1.2, max_lines: int | None = None, color: RGB | None = None,
                 against: list[RGB] | None = None, stroke: dict | None | bool = None,
                 shadow: dict | None | bool = None, angle: float = 0.0, tilt: tuple[float, float] = (0.0, 0.0),
                 arc: float | None = None, vertical: bool = False, local_shapes: list[dict] | None = None,
                 paragraphs: bool = False) -> dict:
        """Set `text` inside `box` = (x, y, w, h) on the canvas; raises NoFit.

        stroke / shadow: a dict to use as is, True to sample one, False/None for none.
        `against`: colours the text must contrast with (default: the background under
        the box). `paragraphs`: newline-separated paragraphs each start a new line.
        """
        lang = lang or self.lang
        info = language(lang)
        x, y, w, h = (float(v) for v in box)
        if vertical and info.script not in ("han", "japanese"):
            raise ValueError(f"vertical text is for CJK only, not {lang!r}")
        units, breaks = [], []
        for part in (text.split("\n") if paragraphs else [text]):
            if units:
                breaks.append(len(units))
            units += text_sources.break_units(part, lang)
        if not units:
            raise NoFit("empty text")
        joiner = "" if vertical else text_sources.joiner(lang)
        glyphs = "".join(units)
        if face is not None and not (covers(face.path, glyphs, face.index) and inked(face.path, glyphs, face.index)):
            # A face chosen for other text may lack a glyph of this one: same kind, another face.
            face = self.face(glyphs, lang, (face.category,), face.bold, upright=bool(arc))
        face = face or self.face(glyphs, lang, categories, bold, upright=bool(arc))
        if info.script == "devanagari":
            spacing = max(spacing, 1.3)  # vowel signs reach beyond the ascent + descent faces report
        frame = Frame(w, h, align=align, valign=valign, spacing=spacing, direction=info.direction,
                      vertical=vertical, max_lines=max_lines)
        laid = set_text(units, joiner, face.ref(), frame, max_size=max_size, min_size=min_size,
                        forced_breaks=tuple(breaks))
        if laid is None:
            raise NoFit(f"{text[:40]!r} does not fit {w:.0f}x{h:.0f} px at {min_size} px")
        if against is None:
            against = self.region_colors((x, y, x + w, y + h))
        fill = self.text_color(against, color)
        if stroke is True:
            stroke = {"width": max(1, round(laid["size"] * self.uniform(0.03, 0.08))),
                      "color": list(colors.text_color(self.rng, [fill], min_contrast=3.0))}
        if shadow is True:
            offset = max(1, round(laid["size"] * self.uniform(0.03, 0.08)))
            shadow = {"dx": offset, "dy": offset, "blur": round(self.uniform(0.0, 3.0), 2),
                      "color": [0, 0, 0] if colors.luminance(fill) > 0.3 else [255, 255, 255],
                      "opacity": round(self.uniform(0.35, 0.7), 2)}
        if angle or tilt[0] or tilt[1]:
            matrix = geometry.placement(w, h, (x + w / 2, y + h / 2), angle, tilt)
        else:
            matrix = geometry.translation(round(x), round(y))
        block = {
            "role": role, "text": text, "lang": lang, "script": info.script, "direction": info.direction,
            "vertical": vertical, "font": face.ref(), "category": face.category, "bold": face.bold,
            "italic": face.italic, "size": laid["size"], "anchor": laid["anchor"], "features": laid.get("features"),
            "lines": laid["lines"],
            "color": list(fill), "contrast": round(min(colors.contrast(fill, c) for c in against), 2),
            "against": [list(c) for c in against], "min_contrast": self.min_contrast,
            "stroke": stroke or None, "shadow": shadow or None, "box": [round(w, 2), round(h, 2)],
            "matrix": [[round(float(v), 6) for v in row] for row in matrix], "arc": arc,
            "angle": round(float(angle), 2), "tilt": [round(float(t), 3) for t in tilt],
            "canvas_box": [round(x, 1), round(y, 1), round(w, 1), round(h, 1)],
            "shapes": local_shapes or [], "align": align, "valign": valign, "spacing": spacing,
            "max_lines": max_lines, "min_size": min_size, "max_size": max_size, "paragraphs": paragraphs,
        }
        self.blocks.append(block)
        return block

    def fact(self, question_en: str, question_zh: str, answer: str) -> None:
        """A reading question about the scene with its exact answer (for `und` samples)."""
        self.facts.append({"question": question_en, "question_zh": question_zh, "answer": answer})

    def spec(self, effects: dict | None = None) -> dict:
        return {
            "template": self.template, "width": self.width, "height": self.height, "lang": self.lang,
            "background": self.background, "shapes": self.shapes, "blocks": self.blocks,
            "effects": effects or {}, "scene": self.scene, "facts": self.facts,
        }
