"""Text-rendering generator: text drawn exactly into posters, signs, labels, cards, photos,
pages, slides, screens and receipts, in 15 languages, with every word's polygon.

Layers, top down: `generator.py` (seed -> t2i / edit / und sample) -> `templates/` (what
goes where in a scene) -> `scene.py` (faces, fitting, colours, placement) -> `typeset.py`,
`geometry.py`, `draw.py` (set, place, draw, label) -> `fonts.py`, `backgrounds.py`,
`effects.py`. `text/` holds what is written: languages, word lists, Faker content,
formats, line-break units, the phrasebook and text edits.
"""
