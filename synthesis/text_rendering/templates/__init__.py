"""Layout templates of the text-rendering generator, registered by name.

Each module holds one Template subclass; add a new one by writing the module and
listing it here.
"""

from __future__ import annotations

import importlib

from synthesis.text_rendering.templates.base import Template

TEMPLATES: dict[str, str] = {
    "plain_lines": "synthesis.text_rendering.templates.plain_lines:PlainLines",
    "poster": "synthesis.text_rendering.templates.poster:Poster",
    "sign": "synthesis.text_rendering.templates.sign:Sign",
    "label": "synthesis.text_rendering.templates.label:ProductLabel",
    "card": "synthesis.text_rendering.templates.card:GreetingCard",
    "photo_region": "synthesis.text_rendering.templates.photo_region:PhotoRegion",
    "document": "synthesis.text_rendering.templates.document:DocumentPage",
    "slide": "synthesis.text_rendering.templates.slide:Slide",
    "ui_screen": "synthesis.text_rendering.templates.ui_screen:UiScreen",
    "receipt": "synthesis.text_rendering.templates.receipt:Receipt",
}


def template(name: str) -> Template:
    if name not in TEMPLATES:
        raise ValueError(f"unknown text template {name!r}; allowed: {', '.join(TEMPLATES)}")
    module, cls = TEMPLATES[name].split(":")
    return getattr(importlib.import_module(module), cls)()
