"""Choosing the face (and the language) a text is set in.

All faces come from `scene.face`, whose rules (scene.suits) keep out hairline, symbol,
unreadable and wrong-region faces and pick regional CJK forms. On top of it:
`put_text` adds a text block with such a face (the scene templates), `upright_face` and
`covering` pick non-italic faces for print and screens (the page templates), and
`number_lang` keeps Latin numbers left to right in right-to-left scenes.
"""

from __future__ import annotations

from synthesis.text_rendering.fonts import FontFace, covers, inked
from synthesis.text_rendering.scene import SceneBuilder
from synthesis.text_rendering.text.languages import language


def kind(face: FontFace) -> str:
    return face.category


def upright_face(scene: SceneBuilder, text: str, categories: tuple[str, ...], bold: bool | None) -> FontFace:
    """A non-italic face covering `text` (print and screens rarely set body text in
    italics), preferring `categories` and `bold`; the builder's rules (scene.suits) keep
    out hairline, symbol, unreadable and wrong-region faces."""
    return scene.face(text, categories=categories, bold=bold, upright=True)


def covering(scene: SceneBuilder, face: FontFace, text: str) -> FontFace:
    """`face` when it draws every glyph of `text`, else an upright face of the same kind
    and weight that does."""
    if covers(face.path, text, face.index) and inked(face.path, text, face.index):
        return face
    return upright_face(scene, text, (kind(face),), face.bold)


def put_text(scene: SceneBuilder, text: str, box, *, categories=None, bold=None, lang: str | None = None,
             **style) -> dict:
    """scene.add_text with a face from `scene.face` (regional CJK forms, no hairline or
    unreadable faces; see scene.suits); upright along an arc (curved text is slanted enough)."""
    face = scene.face(text, lang, categories, bold, upright=bool(style.get("arc")))
    return scene.add_text(text, box, lang=lang, face=face, **style)


def number_lang(scene: SceneBuilder, text: str) -> str:
    """The language to set `text` in: a Latin-only number or amount ("1.5 kg", "-30%") in an
    Arabic scene is an LTR run (set RTL, its unit or sign would jump to the other end)."""
    return "en" if language(scene.lang).direction == "rtl" and text.isascii() else scene.lang
