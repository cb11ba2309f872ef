"""The judge contract and registry.

A judge gets a batch (an Arrow table of sample rows), adds its score columns
(`<name>_<metric>`) and sets `verdict = reject` with a reason
`"<name>: <metric>=<value> <op> <threshold>"` on the rows it rejects. It never drops a
row, and never touches rows that are already `error` (they have nothing to judge) or
already rejected by an earlier judge (the first reason stands, scores are still added).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict


class JudgeThresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def reject_reason(judge: str, metric: str, value: Any, op: str, threshold: Any) -> str:
    if isinstance(value, float):
        value = f"{value:.4g}"
    return f"{judge}: {metric}={value} {op} {threshold}"


class Judge(ABC):
    name: ClassVar[str]
    Thresholds: ClassVar[type[JudgeThresholds]] = JudgeThresholds
    # Score columns this judge adds, without the `<name>_` prefix.
    metrics: ClassVar[dict[str, pa.DataType]] = {}
    # A judge that keeps an index of every row it has seen (dedup) must be its pool's only
    # actor; the spec refuses more.
    single_actor: ClassVar[bool] = False

    def __init__(self, thresholds: JudgeThresholds):
        self.thresholds = thresholds

    @classmethod
    def columns(cls) -> dict[str, pa.DataType]:
        return {f"{cls.name}_{metric}": dtype for metric, dtype in cls.metrics.items()}

    def load_committed(self, output: str) -> None:
        """Called once per actor, before any batch, with the job's dataset URI: a judge
        that remembers rows starts from those already committed, so a resumed job judges
        like an unbroken one. Most judges remember nothing."""

    @abstractmethod
    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        """Score judgeable rows: ({metric: values}, [rejection reason or None per row])."""

    def __call__(self, batch: pa.Table) -> pa.Table:
        judgeable = pc.not_equal(batch["verdict"], "error")
        indices = pc.indices_nonzero(judgeable).to_pylist()
        try:
            scores, reasons = self.score(batch.take(indices)) if indices else ({}, [])
        except Exception as exc:
            # A judge that breaks on a batch must not sink the job or pass the rows:
            # they stay unjudged, with the failure as their reason.
            message = " ".join(str(exc).split())[:200]
            scores, reasons = {}, [f"{self.name}: failed ({type(exc).__name__}: {message})"] * len(indices)
            return self._apply(batch, indices, scores, reasons, verdict="unjudged")
        return self._apply(batch, indices, scores, reasons, verdict="reject")

    def _apply(self, batch: pa.Table, indices: list[int], scores: dict[str, list],
               reasons: list[str | None], verdict: str) -> pa.Table:
        n = batch.num_rows
        for metric, dtype in self.metrics.items():
            column = [None] * n
            for i, value in zip(indices, scores.get(metric, [None] * len(indices))):
                column[i] = value
            batch = batch.append_column(pa.field(f"{self.name}_{metric}", dtype), pa.array(column, dtype))

        verdicts = batch["verdict"].to_pylist()
        old_reasons = batch["reason"].to_pylist()
        for i, reason in zip(indices, reasons):
            if reason is not None and verdicts[i] in ("unjudged", "keep"):
                verdicts[i], old_reasons[i] = verdict, reason
        batch = _replace(batch, "verdict", pa.array(verdicts, pa.string()))
        return _replace(batch, "reason", pa.array(old_reasons, pa.string()))


def _replace(table: pa.Table, name: str, values: pa.Array) -> pa.Table:
    index = table.schema.get_field_index(name)
    return table.set_column(index, table.schema.field(index), values)


# name -> "module:Class", imported lazily (OCR and MLLM judges import heavy libraries).
FILTERS: dict[str, str] = {
    "image_sanity": "filters.image_sanity:ImageSanityJudge",
    "science_verify": "filters.science_verify:ScienceVerifyJudge",
    "ocr": "filters.ocr.judge:OcrJudge",
    "edit_consistency": "filters.edit_consistency:EditConsistencyJudge",
    "edit_verify": "filters.edit_verify:EditVerifyJudge",
    "dedup": "filters.dedup.judge:DedupJudge",
    "mllm_judge": "filters.mllm.judge:MllmJudge",
}


def judge_class(name: str) -> type[Judge]:
    """A registered judge by name, or a plugin given as `package.module:Class`."""
    from synthesis.generator import load_plugin

    if ":" in name:
        return load_plugin(name, Judge)
    if name not in FILTERS:
        raise KeyError(
            f"unknown filter {name!r}; allowed: {', '.join(sorted(FILTERS))} or a plugin as 'package.module:Class'"
        )
    return load_plugin(FILTERS[name], Judge)
