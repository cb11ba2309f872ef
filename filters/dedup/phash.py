"""64-bit DCT perceptual hash (pHash) of an encoded image, with numpy only.

The algorithm (the classic pHash, as in the `imagehash` package, with the DC term out):

1. decode, flatten transparency onto white, convert to grey (PIL "L");
2. resize to 32x32 with a box filter (an area average: a smaller or larger copy of the
   same picture lands on nearly the same 32x32 grid, and aliasing cannot add detail);
3. 2-D DCT-II (orthonormal), of which only the top-left 8x8 block (the lowest spatial
   frequencies: the coarse layout of light and dark) is kept;
4. bit i is set where coefficient i of that block is above the median of its 63 AC
   coefficients. The DC coefficient (the mean brightness) takes no part: it is left out
   of the median and its bit is always 0, so brightening or darkening a picture changes
   nothing but the AC terms' rounding.

Near-duplicates are pairs at a small Hamming distance (bits that differ). Resizing,
re-encoding (JPEG q=70) and small brightness or contrast changes move a hash by a few
bits at most; distinct pictures sit near 32 (half the bits), see the calibration in
filters/dedup/judge.py. Crops, rotations and mirror images are not near-duplicates for
pHash; that is a known limit of the method.

Hashes are Python ints / numpy uint64 in [0, 2**64). Lance stores them as 16 hex digits
(`to_hex`; `hex_to_uint64` reads a stored column back, vectorised). `PHASH_VERSION`
names this exact algorithm: hashes from another version are not comparable.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from PIL import Image

PHASH_VERSION = 1
GRID = 32   # side of the grey thumbnail the DCT runs on
LOW = 8     # side of the low-frequency block that becomes the 64 bits


def _dct_matrix(n: int) -> np.ndarray:
    """Orthonormal DCT-II matrix: `C @ x` is the DCT of the column vector x."""
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    c = np.cos(np.pi * (2 * i + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    c[0] /= np.sqrt(2.0)
    return c


# Only the first LOW rows are needed: the top-left block of C X C^T is C[:8] X C[:8]^T.
_DCT_LOW = _dct_matrix(GRID)[:LOW]
# Bit weights in row-major order of the 8x8 block: bit 63 is coefficient (0, 0).
_WEIGHTS = (np.uint64(1) << np.arange(LOW * LOW - 1, -1, -1, dtype=np.uint64))


def grey_thumbnail(image: bytes) -> np.ndarray:
    """Decode `image` (PNG, JPEG, WebP, ...) into a GRID x GRID float32 grey array."""
    with Image.open(io.BytesIO(image)) as im:
        if im.format == "JPEG":
            im.draft("L", (GRID * 4, GRID * 4))  # decode at a reduced scale: much faster
        if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
            rgba = im.convert("RGBA")
            im = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
        grey = im.convert("L").resize((GRID, GRID), Image.Resampling.BOX)
        return np.asarray(grey, dtype=np.float32)


def hash_thumbnails(thumbnails: np.ndarray) -> np.ndarray:
    """pHashes (uint64, shape (n,)) of grey thumbnails of shape (n, GRID, GRID)."""
    thumbs = np.asarray(thumbnails, dtype=np.float64).reshape(-1, GRID, GRID)
    low = np.einsum("ui,nij,vj->nuv", _DCT_LOW, thumbs, _DCT_LOW).reshape(len(thumbs), LOW * LOW)
    median = np.median(low[:, 1:], axis=1, keepdims=True)
    bits = low > median
    bits[:, 0] = False  # the DC term: brightness is not part of the picture's identity
    return (bits.astype(np.uint64) * _WEIGHTS).sum(axis=1, dtype=np.uint64)


def phash(image: bytes) -> int:
    """The 64-bit pHash of one encoded image. Raises on undecodable bytes."""
    return int(hash_thumbnails(grey_thumbnail(image)[None])[0])


def phash_many(images: Iterable[bytes | None]) -> list[int | None]:
    """pHashes of encoded images; None for a missing or undecodable image."""
    thumbs, where = [], []
    results: list[int | None] = []
    for i, image in enumerate(images):
        results.append(None)
        if not image:
            continue
        try:
            thumbs.append(grey_thumbnail(image))
        except Exception:  # noqa: BLE001 - any decoder failure: no hash; image_sanity reports it
            continue
        where.append(i)
    if thumbs:
        for i, value in zip(where, hash_thumbnails(np.stack(thumbs))):
            results[i] = int(value)
    return results


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def hamming_many(query: int, hashes: np.ndarray) -> np.ndarray:
    """Hamming distances from `query` to every uint64 in `hashes` (vectorised popcount)."""
    return np.bitwise_count(np.bitwise_xor(hashes, np.uint64(query)))


def to_hex(value: int | None) -> str | None:
    """A 64-bit value as 16 lowercase hex digits (how Lance stores hashes and keys:
    readable, filterable in SQL, and never mistaken for a score to histogram)."""
    return None if value is None else f"{value:016x}"


_NIBBLE_SHIFTS = np.arange(60, -4, -4, dtype=np.uint64)


def hex_to_uint64(column: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Stored hex strings to (uint64 values, validity), vectorised; null -> (0, False)."""
    valid = column.is_valid().to_numpy(zero_copy_only=False)
    filled = column.fill_null("0" * 16)
    if len(filled) and not pc.all(pc.equal(pc.binary_length(filled), 16)).as_py():
        raise ValueError("stored hashes must be 16 hex digits")
    text = filled.to_numpy(zero_copy_only=False).astype("S16")
    digits = text.view(np.uint8).reshape(len(text), 16).astype(np.int16)
    nibbles = np.where(digits >= 97, digits - 87, np.where(digits >= 65, digits - 55, digits - 48))
    if ((nibbles < 0) | (nibbles > 15)).any():
        raise ValueError("stored hashes must be 16 hex digits")
    values = np.bitwise_or.reduce(nibbles.astype(np.uint64) << _NIBBLE_SHIFTS, axis=1)
    return values.astype(np.uint64), valid
