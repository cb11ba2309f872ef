"""Image-editing pairs with Chain-of-Thought: source, instruction (explicit and abstract
registers), the CoT that resolves it, target, mask, edit type.

Layers of the programmatic (scene-graph) backend, bottom up:
- graph.py      Scene and Node, the diff between two graphs
- palette.py    named colours (an instruction's colour has one RGB value)
- library/      parametric vector drawings of objects (fruit, animals, vehicles, ...)
- widgets.py    objects whose look is data: clocks, counters, signs, charts, tiles, 3D blocks
- backgrounds.py, render.py   graph → image, with each node's footprint (→ masks)
- layouts.py    seeded scene composers (tabletop, shelf, room, yard, clock, ..., blocks3d)
- puzzles.py    pattern sequences and Latin-square grids, and their solvers
- describe.py, refer.py       words for nodes; explicit and reasoning referring expressions
- edits/        the edit types: graph → graph + instructions + CoT steps
- generator.py  the `editing` generator (params.py: its parameters)
The diffusion backend (diffusion/) runs a diffusers editing pipeline on photos instead.
The verifier is filters/edit_verify.py (pixels vs mask, graph diff vs edit type).
"""
