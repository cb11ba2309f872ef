"""The near-duplicate index: every kept row's image pHash, content key and instruction
signature, with its id, and lookups that do not scan everything.

Images: multi-index hashing (Norouzi et al., "Fast search in Hamming space with
multi-index hashing", CVPR 2012). The 64-bit pHash is cut into 4 chunks of 16 bits.
If two hashes are within distance r, at least one chunk is within floor(r / 4) of the
other's (pigeonhole: 4 chunks each at least floor(r/4) + 1 apart would be more than r
apart). So a lookup visits, per chunk, the buckets of the chunk values within
floor(r / 4) bits (17 buckets at the default r = 6: the value itself and its 16
one-bit neighbours) and checks the true distance only for the hashes found there: on
evenly spread hashes that is 4 * 17 / 65536 ≈ 1/1000 of the index instead of all of it.
Buckets are a CSR layout (per chunk: entry numbers sorted by chunk value, plus offsets),
rebuilt when enough new entries have arrived; the newest entries, not yet in it, are
scanned directly (vectorised popcount), which keeps inserts cheap. Up to PLAIN_SCAN
(16k) entries everything is scanned: that is faster than the buckets' fixed cost.

Instructions: the LSH bands of minhash.Banding, in a sorted array of band keys (plus a
small dict for the newest entries); every candidate is checked on its signature.

Content guard: each entry carries its sample's content key (minhash.content_key: the
quoted texts and numbers of instruction and answer; 0 = unknown, e.g. rows of a
foreign dataset with neither column). Instruction matches always need equal content.
Image matches need it too unless the guard is off: templated diagrams that differ only
in their labels share a pHash (see judge.py), and a pHash cannot read labels.

Seeding: `DedupIndex.load_lance` adds the kept rows of a Lance dataset from its stored
`dedup_phash` / `dedup_content` / `dedup_minhash` columns, or, where a dataset lacks
them, hashes its `image` / `instruction` / `answer` columns (logging progress).
Memory: about 32 bytes per image entry (hash, content, 4 chunk slots) plus its id, and
4 * num_perm + 13 * bands bytes per instruction entry (≈ 0.7 KB at 128 permutations).
"""

from __future__ import annotations

import bisect
import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import lance
import numpy as np
import pyarrow as pa

from filters.dedup.minhash import Banding, MinHasher, Signature, content_key
from filters.dedup.phash import hamming_many, hex_to_uint64, phash_many

log = logging.getLogger(__name__)

CHUNKS, CHUNK_BITS = 4, 16
UNKNOWN_CONTENT = 0


class Growable:
    """A numpy array with amortised O(1) appends (rows of `width` values if given)."""

    def __init__(self, dtype, width: int | None = None):
        shape = (1024,) if width is None else (1024, width)
        self._data = np.zeros(shape, dtype=dtype)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    @property
    def values(self) -> np.ndarray:
        return self._data[: self._n]

    def extend(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=self._data.dtype)
        need = self._n + len(values)
        if need > len(self._data):
            grown = np.zeros((max(need, 2 * len(self._data)),) + self._data.shape[1:], self._data.dtype)
            grown[: self._n] = self._data[: self._n]
            self._data = grown
        self._data[self._n: need] = values
        self._n = need


class IdColumn:
    """Entry number -> sample id. Ids are kept in Arrow string arrays, not one Python
    object each (a seeded index may hold millions)."""

    SEAL_EVERY = 65536

    def __init__(self):
        self._chunks: list[pa.Array] = []
        self._starts: list[int] = []
        self._sealed = 0
        self._tail: list[str] = []

    def __len__(self) -> int:
        return self._sealed + len(self._tail)

    def append(self, sample_id: str) -> None:
        self._tail.append(sample_id)
        if len(self._tail) >= self.SEAL_EVERY:
            self._seal()

    def extend(self, ids: pa.Array | list[str]) -> None:
        self._seal()
        ids = ids if isinstance(ids, pa.Array) else pa.array(ids, pa.string())
        if len(ids):
            self._chunks.append(ids)
            self._starts.append(self._sealed)
            self._sealed += len(ids)

    def _seal(self) -> None:
        if self._tail:
            tail, self._tail = self._tail, []
            self.extend(pa.array(tail, pa.string()))

    def __getitem__(self, i: int) -> str:
        if i >= self._sealed:
            return self._tail[i - self._sealed]
        k = bisect.bisect_right(self._starts, i) - 1
        return self._chunks[k][i - self._starts[k]].as_py()


def _gather_ranges(order: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """order[starts[0]:ends[0]] ++ order[starts[1]:ends[1]] ++ ..., without a Python loop."""
    lengths = ends - starts
    keep = lengths > 0
    starts, lengths = starts[keep], lengths[keep]
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    run_start = np.cumsum(lengths) - lengths
    idx = np.arange(total) - np.repeat(run_start, lengths) + np.repeat(starts, lengths)
    return order[idx].astype(np.int64)


# Up to this many entries a plain scan (~1 ns per entry) beats the bucket lookup's fixed
# cost (~20 µs of numpy calls): small indexes are scanned.
PLAIN_SCAN = 16384


def _unsealed_limit(n: int) -> int:
    # Entries not yet in the buckets are scanned on every lookup (~1 ns each); a rebuild
    # costs ~100 ns per entry, paid once per `limit` inserts. sqrt(64 n) keeps both small.
    return max(PLAIN_SCAN, math.isqrt(64 * n))


class PhashIndex:
    """(pHash, content key, id) entries; `matches(hash)` finds those within max_distance."""

    def __init__(self, max_distance: int):
        if not 0 <= max_distance <= 16:
            raise ValueError(f"max_distance must be 0..16 bits (got {max_distance})")
        self.max_distance = max_distance
        radius = max_distance // CHUNKS
        self._probes = np.array([m for m in range(1 << CHUNK_BITS) if m.bit_count() <= radius], dtype=np.int64)
        self._shifts = np.arange(CHUNKS, dtype=np.uint64) * np.uint64(CHUNK_BITS)
        self.hashes = Growable(np.uint64)
        self.contents = Growable(np.uint64)
        self.ids = IdColumn()
        self._sealed = 0
        self._offsets = np.zeros((CHUNKS, (1 << CHUNK_BITS) + 1), dtype=np.int64)
        self._flat_offsets = self._offsets.ravel()  # a view: row c starts at c * (2**16 + 1)
        self._row_base = (np.arange(CHUNKS, dtype=np.int64) * ((1 << CHUNK_BITS) + 1))[:, None]
        self._order = np.zeros(0, dtype=np.int32)  # CHUNKS blocks of `_sealed` entry numbers

    def __len__(self) -> int:
        return len(self.hashes)

    def add(self, phash: int, content: int, sample_id: str) -> None:
        self.hashes.extend([phash])
        self.contents.extend([content])
        self.ids.append(sample_id)
        self._maybe_seal()

    def extend(self, hashes: np.ndarray, contents: np.ndarray, ids: pa.Array | list[str]) -> None:
        self.hashes.extend(hashes)
        self.contents.extend(contents)
        self.ids.extend(ids)
        self._maybe_seal()

    def _maybe_seal(self) -> None:
        if len(self) - self._sealed > _unsealed_limit(len(self)):
            self.seal()

    def seal(self) -> None:
        """Rebuild the chunk buckets over every entry (a radix sort per chunk)."""
        hashes, n = self.hashes.values, len(self)
        order = np.empty(CHUNKS * n, dtype=np.int32)
        for c in range(CHUNKS):
            values = ((hashes >> self._shifts[c]) & np.uint64(0xFFFF)).astype(np.uint16)
            order[c * n:(c + 1) * n] = np.argsort(values, kind="stable")
            counts = np.bincount(values, minlength=1 << CHUNK_BITS)
            self._offsets[c, 1:] = np.cumsum(counts) + c * n
            self._offsets[c, 0] = c * n
        self._order, self._sealed = order, n

    def candidates(self, phash: int) -> np.ndarray:
        """Entry numbers that may be within max_distance (a superset; may repeat)."""
        if not self._sealed or len(self) <= PLAIN_SCAN:
            return np.arange(len(self), dtype=np.int64)
        unsealed = np.arange(self._sealed, len(self), dtype=np.int64)
        chunks = np.array([(phash >> (CHUNK_BITS * c)) & 0xFFFF for c in range(CHUNKS)], dtype=np.int64)
        keys = (chunks[:, None] ^ self._probes[None, :]) + self._row_base     # flat (chunk, value) slots
        found = _gather_ranges(self._order, self._flat_offsets[keys], self._flat_offsets[keys + 1])
        return np.concatenate([found, unsealed]) if len(unsealed) else found

    def matches(self, phash: int) -> tuple[np.ndarray, np.ndarray]:
        """(entry numbers, Hamming distances) of the entries within max_distance."""
        if not self._sealed or len(self) <= PLAIN_SCAN:
            return self.brute_force_matches(phash)
        entries = self.candidates(phash)
        distances = hamming_many(phash, self.hashes.values[entries])
        close = distances <= self.max_distance
        entries, distances = entries[close], distances[close]
        if len(entries) > 1:  # an entry found through two chunks is listed twice
            entries, first = np.unique(entries, return_index=True)
            distances = distances[first]
        return entries, distances

    def brute_force_matches(self, phash: int) -> tuple[np.ndarray, np.ndarray]:
        """The same answer by scanning every entry (the reference for tests and bench)."""
        distances = hamming_many(phash, self.hashes.values)
        entries = np.nonzero(distances <= self.max_distance)[0]
        return entries, distances[entries]


class KeyBuckets:
    """A multimap uint64 key -> entry numbers: a sorted array plus a dict of the newest."""

    def __init__(self):
        self._keys = np.zeros(0, dtype=np.uint64)
        self._entries = np.zeros(0, dtype=np.int64)
        self._pending: dict[int, list[int]] = {}
        self._pending_count = 0

    def add(self, keys: np.ndarray, entry: int) -> None:
        for key in keys.tolist():
            self._pending.setdefault(key, []).append(entry)
        self._pending_count += len(keys)
        if self._pending_count > _unsealed_limit(len(self._keys)):
            self._merge()

    def _merge(self) -> None:
        keys = np.array([k for k, es in self._pending.items() for _ in es], dtype=np.uint64)
        entries = np.array([e for es in self._pending.values() for e in es], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        keys, entries = keys[order], entries[order]
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._entries = np.insert(self._entries, at, entries)
        self._pending, self._pending_count = {}, 0

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        starts = np.searchsorted(self._keys, keys, side="left")
        ends = np.searchsorted(self._keys, keys, side="right")
        found = _gather_ranges(self._entries, starts, ends)
        pending = [e for key in keys.tolist() for e in self._pending.get(key, ())]
        return np.concatenate([found, np.array(pending, dtype=np.int64)]) if pending else found


class InstructionIndex:
    """(signature, id) entries; `matches(sig)` finds those with Jaccard >= threshold."""

    def __init__(self, num_perm: int, threshold: float):
        self.num_perm, self.threshold = num_perm, threshold
        self.banding = Banding.for_threshold(num_perm, threshold)
        self.values = Growable(np.uint32, width=num_perm)
        self.contents = Growable(np.uint64)
        self.ids = IdColumn()
        self._buckets = KeyBuckets()

    def __len__(self) -> int:
        return len(self.contents)

    def add(self, sig: Signature, sample_id: str) -> None:
        entry = len(self)
        self.values.extend(sig.values[None, :])
        self.contents.extend([sig.content])
        self.ids.append(sample_id)
        self._buckets.add(self.banding.keys(sig), entry)

    def matches(self, sig: Signature) -> tuple[np.ndarray, np.ndarray]:
        """(entry numbers, estimated Jaccard) of the entries at or above the threshold."""
        entries = np.unique(self._buckets.lookup(self.banding.keys(sig)))
        entries = entries[self.contents.values[entries] == np.uint64(sig.content)]
        jaccard = (self.values.values[entries] == sig.values[None, :]).mean(axis=1)
        close = jaccard >= self.threshold - 1e-9
        return entries[close], jaccard[close]


@dataclass(frozen=True)
class Match:
    kind: str        # "image", "instruction", or "self" (the row is the indexed one)
    id: str          # the kept row this one duplicates
    distance: float  # Hamming distance (image) or 1 - Jaccard (instruction)
    jaccard: float | None = None


@dataclass(frozen=True)
class RowHashes:
    """What the index knows about one row."""

    phash: int | None
    content: int
    signature: Signature | None


class DedupIndex:
    """Both indexes, the content guard, and seeding from Lance datasets."""

    def __init__(self, *, max_phash_distance: int = 6, min_instruction_jaccard: float = 0.9,
                 num_perm: int = 128, instruction_tasks: Iterable[str] | None = ("t2i",),
                 image_content_guard: bool = True):
        self.images = PhashIndex(max_phash_distance)
        self.instruction_tasks = frozenset(instruction_tasks) if instruction_tasks is not None else None
        self.instructions = InstructionIndex(num_perm, min_instruction_jaccard) if self.instruction_tasks else None
        self.hasher = MinHasher(num_perm) if self.instruction_tasks else None
        self.image_content_guard = image_content_guard

    # -- hashing ------------------------------------------------------------------

    def hash_rows(self, images: list[bytes | None], instructions: list[str | None],
                  answers: list[str | None], tasks: list[str | None]) -> list[RowHashes]:
        phashes = phash_many(images)
        rows = []
        for phash, instruction, answer, task in zip(phashes, instructions, answers, tasks):
            content = content_key(instruction, answer)
            sig = None
            if self.hasher is not None and (task is None or task in self.instruction_tasks):
                sig = self.hasher.signature(instruction, content)
            rows.append(RowHashes(phash, content, sig))
        return rows

    # -- lookups and inserts ------------------------------------------------------

    def find(self, row: RowHashes, own_id: str | None = None) -> Match | None:
        """The kept row that `row` duplicates: the nearest image, else the most similar
        instruction; ties go to the entry added first. A match of kind "self" when
        `own_id` itself is in the index (a batch seen twice after a retry: that row is
        the one that was kept)."""
        if row.phash is not None:
            entries, distances = self.images.matches(row.phash)
            if len(entries) and self.image_content_guard and row.content != UNKNOWN_CONTENT:
                theirs = self.images.contents.values[entries]
                same = (theirs == np.uint64(row.content)) | (theirs == np.uint64(UNKNOWN_CONTENT))
                entries, distances = entries[same], distances[same]
            if len(entries):
                if own_id is not None and any(self.images.ids[int(e)] == own_id for e in entries):
                    return Match("self", own_id, 0.0)
                best = np.lexsort((entries, distances))[0]
                return Match("image", self.images.ids[int(entries[best])], float(distances[best]))
        if row.signature is not None and self.instructions is not None:
            entries, jaccard = self.instructions.matches(row.signature)
            if len(entries):
                if own_id is not None and any(self.instructions.ids[int(e)] == own_id for e in entries):
                    return Match("self", own_id, 0.0, 1.0)
                best = np.lexsort((entries, -jaccard))[0]
                j = float(jaccard[best])
                return Match("instruction", self.instructions.ids[int(entries[best])], 1.0 - j, j)
        return None

    def add(self, sample_id: str, row: RowHashes) -> None:
        if row.phash is not None:
            self.images.add(row.phash, row.content, sample_id)
        if row.signature is not None and self.instructions is not None:
            self.instructions.add(row.signature, sample_id)

    # -- seeding from Lance -------------------------------------------------------

    def load_lance(self, uri: str, *, batch_size: int = 4096,
                   progress: Callable[[int, int], None] | None = None) -> int:
        """Add the kept rows of the Lance dataset at `uri` (all rows if it has no
        `verdict` column). Stored hash columns are used where present; otherwise images
        and instructions are hashed here. Returns the number of rows read."""
        ds = lance.dataset(uri)
        names = set(ds.schema.names)
        if "id" not in names:
            raise ValueError(f"dedup: {uri} has no id column; only datasets with sample ids can seed the index")
        for stored in ("dedup_phash", "dedup_content"):
            if stored in names and not pa.types.is_string(ds.schema.field(stored).type):
                raise ValueError(f"dedup: {uri}: {stored} is {ds.schema.field(stored).type}; "
                                 "expected strings of 16 hex digits")
        image_col = "dedup_phash" if "dedup_phash" in names else ("image" if "image" in names else None)
        want_instructions = self.instructions is not None and (
            "dedup_minhash" in names or "instruction" in names)
        if image_col is None and not want_instructions:
            raise ValueError(f"dedup: {uri} has neither dedup_phash/image nor dedup_minhash/instruction "
                             "columns: nothing to compare against")
        content_cols = ["dedup_content"] if "dedup_content" in names else [
            c for c in ("instruction", "answer") if c in names]
        columns = ["id"] + ([image_col] if image_col else []) + content_cols
        if want_instructions:
            columns += [c for c in ("dedup_minhash", "instruction", "task") if c in names]
        columns = list(dict.fromkeys(columns))
        where = "verdict = 'keep'" if "verdict" in names else None
        total = ds.count_rows(filter=where)
        hashing = image_col == "image"
        log.info("dedup: loading %d rows of %s%s", total, uri, " (hashing images)" if hashing else "")

        done, last_report = 0, time.monotonic()
        for batch in ds.to_batches(columns=columns, filter=where, batch_size=batch_size):
            self._load_batch(pa.Table.from_batches([batch]), image_col, content_cols, want_instructions)
            done += batch.num_rows
            if progress:
                progress(done, total)
            if time.monotonic() - last_report > 5:
                log.info("dedup: %s: %d / %d rows loaded", uri, done, total)
                last_report = time.monotonic()
        self.images.seal()
        log.info("dedup: %s: %d rows loaded; index holds %d images, %d instructions", uri, done,
                 len(self.images), len(self.instructions) if self.instructions is not None else 0)
        return done

    def _load_batch(self, table: pa.Table, image_col: str | None, content_cols: list[str],
                    want_instructions: bool) -> None:
        n = table.num_rows
        ids = table["id"].combine_chunks()

        def col(name: str) -> list:
            return table[name].to_pylist() if name in table.column_names else [None] * n

        if content_cols == ["dedup_content"]:
            contents, _ = hex_to_uint64(table["dedup_content"])  # null: 0, unknown
        elif content_cols:
            contents = np.array([content_key(i, a) for i, a in zip(col("instruction"), col("answer"))], np.uint64)
        else:
            contents = np.zeros(n, dtype=np.uint64)

        if image_col == "dedup_phash":
            hashes, present = hex_to_uint64(table["dedup_phash"])
        elif image_col == "image":
            computed = phash_many(table["image"].to_pylist())
            present = np.array([h is not None for h in computed], dtype=bool)
            hashes = np.array([h or 0 for h in computed], dtype=np.uint64)
        else:
            present = np.zeros(n, dtype=bool)
            hashes = np.zeros(n, dtype=np.uint64)
        if present.any():
            where = np.nonzero(present)[0]
            self.images.extend(hashes[where], contents[where], ids.take(pa.array(where)))

        if not want_instructions:
            return
        tasks, instructions = col("task"), col("instruction")
        blobs = col("dedup_minhash")
        for i in range(n):
            if tasks[i] is not None and tasks[i] not in self.instruction_tasks:
                continue
            sig = None
            if blobs[i] is not None:
                try:
                    sig = Signature.from_bytes(blobs[i])
                except ValueError:
                    sig = None
                if sig is not None and len(sig.values) != self.instructions.num_perm:
                    sig = None  # another num_perm: recompute from the text below
            if sig is None and instructions[i]:
                sig = self.hasher.signature(instructions[i], int(contents[i]) or None)
            if sig is not None:
                self.instructions.add(sig, ids[i].as_py())
