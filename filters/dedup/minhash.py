"""MinHash signatures of instructions, and the LSH banding that finds candidate pairs.

Two instructions are near-duplicates when

1. their *content* is the same: the quoted texts ("…", “…”, „…“, «…», 「…」, 『…』) and the
   numbers outside quotes, in order, after normalisation, of the instruction and of the
   sample's answer (its structured ground truth) — `content_key`; and
2. the Jaccard similarity of their character 5-gram sets (over the normalised text) is at
   least the threshold (default 0.9), estimated from `num_perm` MinHash values.

Normalisation: Unicode NFKC, case folded, every character that is not a letter, digit or
combining mark becomes a space, runs of spaces collapse. A case, whitespace or
punctuation variant therefore normalises to the same string (Jaccard 1.0).

Why the content rule, and how 0.9 was chosen. Templated generators write instructions
such as `Create a photo of a sign (743×550 px) on a softly mottled light magenta
background showing the name "Exit" in large white italic serif letters at the centre.`
Measured on that 200-shingle instruction (exact set Jaccard): another quoted text
("Open") 0.92, another colour or size word 0.91, two words swapped 0.90, another
background 0.70, another template 0.20; in a short diagram instruction ("a lens of focal
length 12 cm" vs "15 cm") one number is 0.93. A different text to render or a different
number is a one-word edit, so no Jaccard threshold can tell it from a real near-duplicate
while still catching rephrasings. What a text-rendering sample teaches lies in its
quoted text and what a diagram teaches lies in its numbers, so those must match exactly,
and the threshold judges only the phrasing around them. 0.9 then means "the same
request, reworded at most a word or two in ~40": case, whitespace and punctuation
variants (1.0) are duplicates, another background or template is not. Pairs near 0.9
(a changed colour word, 0.91) may land on either side: with 128 permutations the
estimate's standard error there is about 0.027.

Determinism: shingles are hashed with a fixed polynomial hash of their code points and
the splitmix64 finaliser; the permutations are multiply-shift hashes whose parameters
come from `numpy.random.default_rng(MINHASH_SEED)`. Signatures from any process or
machine are comparable when `num_perm` is the same.

LSH banding: with `bands = max disagreeing values + 1` bands of `rows` values each, any
two signatures whose estimate reaches the threshold agree on every value of at least one
band (pigeonhole), so candidate lookup by band keys finds every pair a full scan would.
Band keys include the content key, so candidates come only from instructions with the
same content (a templated generator's shared phrasing does not crowd the buckets).

Stored form (`dedup_minhash`): 1 version byte, the 8-byte content key, then `num_perm`
uint32 values, little-endian (521 bytes at 128 permutations).
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

MINHASH_VERSION = 1
MINHASH_SEED = 0x5EED_D1CE
SHINGLE = 5  # characters per shingle: long enough that word order matters, short enough for typos

_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]|«([^»]*)»|「([^」]*)」|『([^』]*)』')
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MASK64 = (1 << 64) - 1


class _SpaceOut(dict):
    """str.translate table: characters that are not letters, digits or combining marks
    map to a space. Filled on first sight of each character (a cache)."""

    def __missing__(self, code: int) -> int:
        value = code if unicodedata.category(chr(code))[0] in "LNM" else 0x20
        self[code] = value
        return value


_SPACE_OUT = _SpaceOut()


def normalize(text: str) -> str:
    """NFKC, case folded, non-alphanumerics (keeping combining marks) to single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.translate(_SPACE_OUT).split())


def content_tokens(text: str) -> list[str]:
    """Quoted texts and the numbers outside quotes, in order, normalised."""
    text = unicodedata.normalize("NFKC", text)
    quoted = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
    numbers = _NUMBER.findall(_QUOTED.sub(" ", text))
    return [normalize(q) for q in quoted] + [normalize(n) for n in numbers]


def content_key(instruction: str | None, answer: str | None = None) -> int:
    """64-bit key of a sample's content: the `content_tokens` of its instruction, then
    those of its answer (the structured ground truth, JSON). Rows with different content
    are never near-duplicates. Never 0: 0 stands for "content unknown" (see index.py)."""
    tokens = content_tokens(instruction or "") + ["\x1e"] + content_tokens(answer or "")
    blob = "\x1f".join(tokens).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(blob, digest_size=8).digest(), "little") or 1


def _splitmix64(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(normalized: str) -> np.ndarray:
    """Distinct 64-bit hashes of the character 5-grams of a normalised text."""
    codes = np.frombuffer(normalized.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE:  # a short text is one shingle
        codes = np.concatenate([codes, np.zeros(SHINGLE - len(codes), np.uint64)])
    n = len(codes) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for t in range(SHINGLE):
        h = h * np.uint64(1_000_003) + codes[t:t + n]
    return np.unique(_splitmix64(h))


@dataclass(frozen=True)
class Signature:
    content: int          # content_key of the instruction
    values: np.ndarray    # uint32 MinHash values, one per permutation

    def to_bytes(self) -> bytes:
        return (bytes([MINHASH_VERSION]) + self.content.to_bytes(8, "little")
                + self.values.astype("<u4").tobytes())

    @classmethod
    def from_bytes(cls, blob: bytes) -> Signature:
        if len(blob) < 13 or (len(blob) - 9) % 4 or blob[0] != MINHASH_VERSION:
            raise ValueError(f"not a version-{MINHASH_VERSION} MinHash signature ({len(blob)} bytes)")
        return cls(int.from_bytes(blob[1:9], "little"), np.frombuffer(blob, dtype="<u4", offset=9).astype(np.uint32))


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity; 0 when the content differs."""
    if a.content != b.content or len(a.values) != len(b.values):
        return 0.0
    return float(np.mean(a.values == b.values))


class MinHasher:
    """Deterministic MinHash over character shingles of normalised instructions."""

    def __init__(self, num_perm: int = 128):
        if num_perm < 1:
            raise ValueError(f"num_perm must be >= 1 (got {num_perm})")
        self.num_perm = num_perm
        rng = np.random.default_rng(MINHASH_SEED)
        # Multiply-shift hashing: an odd multiplier, an offset, the high 32 bits kept.
        self._a = rng.integers(0, 2**63, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._b = rng.integers(0, 2**63, num_perm, dtype=np.uint64)

    def signature(self, instruction: str | None, content: int | None = None) -> Signature | None:
        """The instruction's signature, carrying `content` (default: the instruction's own
        `content_key`). None for an instruction with no letters or digits."""
        if not instruction:
            return None
        normalized = normalize(instruction)
        if not normalized:
            return None
        shingles = shingle_hashes(normalized)
        mixed = (self._a[:, None] * shingles[None, :] + self._b[:, None]) >> np.uint64(32)
        if content is None:
            content = content_key(instruction)
        return Signature(content, mixed.min(axis=1).astype(np.uint32))


@dataclass(frozen=True)
class Banding:
    """LSH bands for a threshold: `bands` x `rows` values (leftover values are not banded)."""

    bands: int
    rows: int

    @classmethod
    def for_threshold(cls, num_perm: int, threshold: float) -> Banding:
        # A pair with estimate >= threshold disagrees on at most this many values;
        # one band more than that means some band is free of disagreement.
        max_disagree = num_perm - math.ceil(threshold * num_perm - 1e-9)
        bands = min(num_perm, max_disagree + 1)
        return cls(bands, num_perm // bands)

    def keys(self, sig: Signature) -> np.ndarray:
        """One uint64 key per band, mixing in the band number and the content key.

        A band's values are combined with fixed odd 64-bit weights (a multilinear hash:
        two different bands collide with probability ~2**-32 or less), then mixed with
        the band number and the content key through splitmix64."""
        weights, salts = _band_constants(self.bands, self.rows)
        rows = sig.values[: self.bands * self.rows].astype(np.uint64).reshape(self.bands, self.rows)
        combined = (rows * weights).sum(axis=1, dtype=np.uint64)
        return _splitmix64(combined ^ salts ^ np.uint64(sig.content & _MASK64))


_BAND_CONSTANTS: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}


def _band_constants(bands: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-position odd weights and per-band salts, fixed by MINHASH_SEED."""
    if (bands, rows) not in _BAND_CONSTANTS:
        rng = np.random.default_rng([MINHASH_SEED, bands, rows])
        weights = rng.integers(0, 2**63, (bands, rows), dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        salts = _splitmix64(np.arange(bands, dtype=np.uint64) + np.uint64(MINHASH_SEED))
        _BAND_CONSTANTS[bands, rows] = (weights, salts)
    return _BAND_CONSTANTS[bands, rows]
