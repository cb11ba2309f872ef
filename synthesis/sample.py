"""The sample record: one row that travels from a generator to the Lance dataset.

Every stage adds columns; none removes rows. The Arrow schema here is the contract
between generators, judges, the sink and everything that reads the datasets, so the
columns are flat (Lance filter pushdown works on flat columns).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

import pyarrow as pa

TASKS = ("t2i", "edit", "und")
VERDICTS = ("keep", "reject", "error", "unjudged")

SAMPLE_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("job", pa.string(), nullable=False),
        pa.field("generator", pa.string(), nullable=False),
        pa.field("generator_version", pa.string(), nullable=False),
        pa.field("template", pa.string(), nullable=False),
        pa.field("task", pa.string(), nullable=False),
        pa.field("seed", pa.int64(), nullable=False),
        pa.field("instruction", pa.string()),
        pa.field("instruction_zh", pa.string()),
        pa.field("cot", pa.string()),
        pa.field("answer", pa.string()),
        pa.field("image", pa.binary()),
        pa.field("source_image", pa.binary()),
        pa.field("mask", pa.binary()),
        pa.field("width", pa.int32()),
        pa.field("height", pa.int32()),
        pa.field("labels", pa.string()),
        pa.field("spec", pa.string()),
        pa.field("verdict", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
    ]
)

# Heavy columns: left out of quick scans and of the rejected-rows ledger.
PAYLOAD_COLUMNS = ("image", "source_image", "mask")


def sample_id(job: str, generator: str, seed: int) -> str:
    return f"{job}/{generator}/{seed}"


def to_json(value: Any) -> str | None:
    """Deterministic JSON: the same content always serialises to the same bytes."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Sample:
    """What a generator returns. `job` and `id` are filled in by the pipeline.

    `answer`, `labels` and `spec` may be given as dicts/lists; they are stored as
    JSON strings. `image`, `source_image` and `mask` are encoded image bytes (PNG/WebP).
    """

    generator: str
    generator_version: str
    template: str
    task: str
    seed: int
    instruction: str
    image: bytes | None
    width: int
    height: int
    cot: str = ""
    instruction_zh: str | None = None
    answer: Any = None
    source_image: bytes | None = None
    mask: bytes | None = None
    labels: Any = field(default_factory=dict)
    spec: Any = field(default_factory=dict)
    verdict: str = "unjudged"
    reason: str | None = None
    job: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {TASKS}, got {self.task!r}")
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, got {self.verdict!r}")

    @classmethod
    def error(
        cls, *, generator: str, generator_version: str, seed: int, exc: BaseException
    ) -> Sample:
        """The row that stands for a seed whose generator raised: kept, never lost."""
        message = " ".join(str(exc).split())[:500]
        return cls(
            generator=generator,
            generator_version=generator_version,
            template="",
            task="t2i",
            seed=seed,
            instruction="",
            image=None,
            width=0,
            height=0,
            verdict="error",
            reason=f"{type(exc).__name__}: {message}" if message else type(exc).__name__,
        )

    def to_row(self, job: str) -> dict[str, Any]:
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        row["job"] = job
        row["id"] = sample_id(job, self.generator, self.seed)
        for key in ("answer", "labels", "spec"):
            row[key] = to_json(row[key])
        return row


def rows_to_table(rows: list[dict[str, Any]], schema: pa.Schema = SAMPLE_SCHEMA) -> pa.Table:
    """Rows (dicts) to a table of exactly `schema`; columns a row lacks are null."""
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)
