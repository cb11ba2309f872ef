"""The dedup judge (`dedup`): near-duplicate images and instructions; the first id is kept.

A row is a near-duplicate of a row already in the index when

- image: the pHashes of their `image` (the target, for edit rows) are within
  `max_phash_distance` bits, and (with `image_content_guard`, the default) the rows'
  content is the same: the quoted texts and numbers of instruction and answer
  (minhash.content_key); or
- instruction (rows whose task is in `instruction_tasks`, default t2i only): same
  content and estimated Jaccard of the normalised instructions' 5-gram sets at least
  `min_instruction_jaccard` (see minhash.py for why quoted texts and numbers must match).

It gets verdict `reject` with reason `dedup: phash_distance=3 <= 6` or
`dedup: instruction_jaccard=0.9375 >= 0.9`, and `dedup_of` names the kept row. No row is
dropped. Rows with verdict `error` are not touched. Rows already rejected by an earlier
judge get their columns (and `dedup_of` if they duplicate a kept row) but never enter
the index: a good row must not be called a copy of a rejected one. Put `dedup` last in
`filters:` so that the index holds only rows every other judge kept.

Columns: `dedup_phash` (string: the 64-bit pHash as 16 hex digits), `dedup_content` (16
hex digits: the content key), `dedup_minhash` (binary: the instruction signature, 521 bytes; null
for tasks not checked), `dedup_of` (string or null), `dedup_kind` ("image",
"instruction" or null), `dedup_distance` (float: Hamming distance, or 1 - Jaccard).
The stored hashes let later jobs and `against` lists check new rows without decoding
images again.

Choices:
- Edit rows: only the target `image` is hashed. The source is an input, and a small edit
  (a colour, one word) keeps the pHash: hashing sources would make every edit look like
  a copy of its own source.
- Instructions are compared only for t2i by default: for edit and und rows the
  instruction is a question or command about an image ("What does the watermark say?"
  is asked of thousands of different images); their images are compared instead.
- Rows without an image are compared on their instruction only.
- The image content guard. pHash sees the coarse layout of light and dark, not labels.
  Measured with `bench/dedup.py --calibrate 400` (seeds 0-399 of each generator): 50 of
  400 science images and 13 of 400 text_rendering images have a *different* sample
  within 6 bits (same template, other numbers or text: circuits with other resistor
  values, a DFA run on other strings; 4 at distance 0). pHash alone would reject them.
  With the guard one pair remains: science seeds 257 and 304, the same solid of revolution
  (y = √2·√x on [0, 2], the same answer) asked in two phrasings, a real duplicate that
  the instruction check misses. Turn the guard off (`image_content_guard: false`) for
  photo-like data, or to find renders that ignore their content; rows of `against`
  datasets with neither instruction nor answer have unknown content and are matched on
  pHash alone.
- `max_phash_distance` 6: planted copies (80 % size, 5 % brighter, JPEG q=70) of the
  same 800 images move by 1.9-2.1 bits on average; 26 of 800 (3.3 %) move by more than
  6 (worst 16: brightening that clips a pale fill to white changes the picture). Distinct
  samples sit near 32 apart (nearest neighbours mostly 14-20).
- "First" is the first row this judge's single actor sees: with several generator
  actors that is the order rows arrive in, not seed order.

Scaling: one index must see every row, so the pool has exactly one actor (the spec
check refuses others: `resources: {max_actors: 1}`). At actor start it loads the kept
rows of every `against` dataset and of the job's own dataset (pipelines.stages calls
`load_committed`), so a resumed job never re-admits copies of committed rows. The
actor spends ~9 ms per row on 0.4-0.55 MP PNGs (bench/dedup.py), nearly all of it
decoding the image; lookups stay at tens of µs up to 10^5-10^6 stored rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

import pyarrow as pa
from pydantic import Field, field_validator

from filters.dedup.index import DedupIndex, RowHashes
from filters.dedup.phash import to_hex
from filters.judge import Judge, JudgeThresholds, reject_reason


class DedupThresholds(JudgeThresholds):
    max_phash_distance: int = Field(
        6, ge=0, le=16, description="image pHash Hamming distance (of 64 bits) at or below which images are "
                                    "near-duplicates; beyond ~10 unrelated images start to match")
    min_instruction_jaccard: float = Field(
        0.9, gt=0, le=1, description="estimated Jaccard similarity of instruction 5-gram sets at or above which "
                                     "instructions with the same quoted texts and numbers are near-duplicates")
    instructions: bool = Field(True, description="false: images only")
    instruction_tasks: tuple[Literal["t2i", "edit", "und"], ...] = Field(
        ("t2i",), min_length=1, description="tasks whose instructions are compared (edit/und instructions "
                                            "are about an image and repeat across different images)")
    image_content_guard: bool = Field(
        True, description="images within max_phash_distance are duplicates only if their content (quoted "
                          "texts and numbers of instruction and answer) is the same; false: pHash alone")
    against: tuple[str, ...] = Field(
        (), description="absolute paths or URIs of Lance datasets whose kept rows seed the index")
    num_perm: int = Field(128, ge=16, le=1024, description="MinHash permutations per instruction")

    @field_validator("against")
    @classmethod
    def _lance_datasets(cls, uris: tuple[str, ...]) -> tuple[str, ...]:
        import lance

        for uri in uris:
            if "://" not in uri and not Path(uri).is_absolute():
                raise ValueError(f"{uri!r} is relative: give an absolute path or a URI (Ray workers run elsewhere)")
            try:
                lance.dataset(uri)
            except (ValueError, OSError) as err:
                raise ValueError(f"{uri!r} is not a readable Lance dataset ({type(err).__name__})") from None
        return uris


class DedupJudge(Judge):
    name = "dedup"
    Thresholds = DedupThresholds
    metrics = {
        "phash": pa.string(),
        "content": pa.string(),
        "minhash": pa.binary(),
        "of": pa.string(),
        "kind": pa.string(),
        "distance": pa.float32(),
    }
    # One index must see every row: pipelines.spec refuses a pool of more than one actor.
    single_actor: ClassVar[bool] = True

    def __init__(self, thresholds: DedupThresholds):
        super().__init__(thresholds)
        self.index = DedupIndex(
            max_phash_distance=thresholds.max_phash_distance,
            min_instruction_jaccard=thresholds.min_instruction_jaccard,
            num_perm=thresholds.num_perm,
            instruction_tasks=thresholds.instruction_tasks if thresholds.instructions else None,
            image_content_guard=thresholds.image_content_guard,
        )
        for uri in thresholds.against:
            self.index.load_lance(uri)

    def load_committed(self, uri: str) -> int:
        """Seed the index with the kept rows already committed to this job's dataset
        (called once per actor by pipelines.stages.JudgeStage). Returns the rows read."""
        import lance

        try:
            lance.dataset(uri)
        except (ValueError, FileNotFoundError, OSError):
            return 0  # a new job: nothing committed yet
        return self.index.load_lance(uri)

    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        t = self.thresholds
        columns = {name: batch[name].to_pylist() for name in ("id", "verdict", "reason", "image", "instruction",
                                                              "answer", "task")}
        hashes = self.index.hash_rows(columns["image"], columns["instruction"], columns["answer"], columns["task"])
        metrics: dict[str, list] = {m: [] for m in self.metrics}
        reasons: list[str | None] = []
        for sample_id, verdict, old_reason, row in zip(columns["id"], columns["verdict"], columns["reason"], hashes):
            match = self.index.find(row, own_id=sample_id)
            reason = None
            if match is None:
                if verdict in ("unjudged", "keep") and old_reason is None:
                    self.index.add(sample_id, row)
            elif match.kind == "image":
                reason = reject_reason(self.name, "phash_distance", int(match.distance), "<=", t.max_phash_distance)
            elif match.kind == "instruction":
                reason = reject_reason(self.name, "instruction_jaccard", round(match.jaccard, 4), ">=",
                                       t.min_instruction_jaccard)
            duplicate = match is not None and match.kind != "self"
            self._record(metrics, row, match if duplicate else None)
            reasons.append(reason)
        return metrics, reasons

    @staticmethod
    def _record(metrics: dict[str, list], row: RowHashes, match) -> None:
        metrics["phash"].append(to_hex(row.phash))
        metrics["content"].append(to_hex(row.content))
        metrics["minhash"].append(row.signature.to_bytes() if row.signature is not None else None)
        metrics["of"].append(match.id if match else None)
        metrics["kind"].append(match.kind if match else None)
        metrics["distance"].append(match.distance if match else None)
