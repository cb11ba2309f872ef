"""A solid of unit cubes from a height map, and its front, left and top views.

Conventions (also recorded in each sample's `problem`): `heights[r][c]` is the stack on
grid row r, column c; row 0 is the back row, column 0 the left column. A view matrix
lists its rows from top to bottom. The front view is seen from the front (columns left
to right); the left view is seen from the left side, so its columns run from the back
(left of the picture) to the front (right); the top view is seen from above with the
front at the bottom (it has the layout of the height map).
"""

from __future__ import annotations

import numpy as np

CONVENTIONS = (
    "heights[r][c]: row 0 is the back row, column 0 the left column. View matrices list rows top to bottom. "
    "Front view: seen from the front, columns left to right. Left view: seen from the left, columns back "
    "to front. Top view: seen from above, front row at the bottom (same layout as heights)."
)
SHAPES = ((3, 3), (3, 3), (3, 3), (2, 3), (3, 2), (3, 4), (2, 4))
MAX_HEIGHT = 3


def _connected(filled: np.ndarray) -> bool:
    cells = list(zip(*np.nonzero(filled)))
    seen, todo = {cells[0]}, [cells[0]]
    while todo:
        r, c = todo.pop()
        for nb in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if nb not in seen and 0 <= nb[0] < filled.shape[0] and 0 <= nb[1] < filled.shape[1] and filled[nb]:
                seen.add(nb)
                todo.append(nb)
    return len(seen) == len(cells)


def sample_heights(rng: np.random.Generator) -> np.ndarray:
    """A connected height map that fills its grid (no empty row or column), with at
    least one stack of two and at least four cubes."""
    rows, cols = SHAPES[int(rng.integers(len(SHAPES)))]
    while True:
        heights = rng.choice(np.arange(MAX_HEIGHT + 1), size=(rows, cols), p=[0.25, 0.35, 0.25, 0.15])
        filled = heights > 0
        if (filled.any(axis=0).all() and filled.any(axis=1).all() and heights.max() >= 2
                and heights.sum() >= 4 and _connected(filled)):
            return heights.astype(int)


def views(heights: np.ndarray) -> dict[str, np.ndarray]:
    """Silhouettes as 0/1 matrices (numpy max-projections)."""
    top = int(heights.max())
    levels = np.arange(top)[::-1][:, None]  # level of each view row, top row first
    return {
        "front": (levels < heights.max(axis=0)[None, :]).astype(int),
        "left": (levels < heights.max(axis=1)[None, :]).astype(int),
        "top": (heights > 0).astype(int),
    }
