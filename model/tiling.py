"""InternVL dynamic tiling: split an image into a grid of 448px tiles that best matches its aspect
ratio (≤ max_tiles), plus a whole-image thumbnail when there is more than one tile.

Reproduces InternVL's `dynamic_preprocess` / `find_closest_aspect_ratio` choice exactly,
including its tie-break, so that token counts and tile order match the released model's
preprocessing. No torchvision: tensors are built with numpy.
"""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def candidate_grids(min_tiles: int, max_tiles: int) -> list[tuple[int, int]]:
    """(columns, rows) grids with min_tiles ≤ columns·rows ≤ max_tiles, by tile count.

    Built as InternVL builds it (a set, then a stable sort on the count): the order among grids
    of equal count decides ties in `closest_grid`, so it is kept as is.
    """
    grids = {(i, j) for n in range(min_tiles, max_tiles + 1) for i in range(1, n + 1) for j in range(1, n + 1)
             if min_tiles <= i * j <= max_tiles}
    return sorted(grids, key=lambda g: g[0] * g[1])


def closest_grid(width: int, height: int, grids: list[tuple[int, int]], tile: int) -> tuple[int, int]:
    """The grid whose aspect ratio is closest to width/height; on an exact tie the later (larger)
    grid wins only if the image has more than half the pixels of that grid at full resolution."""
    aspect = width / height
    best, best_diff = (1, 1), float("inf")
    for cols, rows in grids:
        diff = abs(aspect - cols / rows)
        if diff < best_diff:
            best, best_diff = (cols, rows), diff
        elif diff == best_diff and width * height > 0.5 * tile * tile * cols * rows:
            best = (cols, rows)
    return best


def dynamic_tiles(image: Image.Image, tile: int = 448, min_tiles: int = 1, max_tiles: int = 12,
                  use_thumbnail: bool = True) -> list[Image.Image]:
    """Resize to the chosen grid and cut it into tiles in row-major order; append a `tile`×`tile`
    thumbnail of the whole image when the grid has more than one tile."""
    width, height = image.size
    cols, rows = closest_grid(width, height, candidate_grids(min_tiles, max_tiles), tile)
    resized = image.resize((tile * cols, tile * rows), Image.Resampling.BICUBIC)
    tiles = [resized.crop((c * tile, r * tile, (c + 1) * tile, (r + 1) * tile))
             for r in range(rows) for c in range(cols)]
    if use_thumbnail and len(tiles) != 1:
        tiles.append(image.resize((tile, tile), Image.Resampling.BICUBIC))
    return tiles


def to_pixel_values(tiles: list[Image.Image], tile: int | None = None) -> torch.Tensor:
    """Tiles → float32 [T, 3, tile, tile], RGB, ImageNet-normalised (InternVL's `build_transform`).

    Tiles of another size are resized (bicubic) to `tile` (default: the first tile's size).
    """
    if not tiles:
        raise ValueError("no tiles")
    size = tile or tiles[0].size[0]
    mean = np.asarray(IMAGENET_MEAN, dtype=np.float32)
    std = np.asarray(IMAGENET_STD, dtype=np.float32)
    arrays = []
    for image in tiles:
        image = image.convert("RGB")
        if image.size != (size, size):
            image = image.resize((size, size), Image.Resampling.BICUBIC)
        arrays.append((np.asarray(image, dtype=np.float32) / 255.0 - mean) / std)
    return torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2).contiguous()
