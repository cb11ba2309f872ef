"""Edit verifier for programmatic (scene-graph) edit pairs.

For rows whose spec says `backend: scene`:
1. pixels: outside the mask source and target are identical (tolerance 0 by default:
   both are rendered losslessly from graphs), and inside it something changed;
2. graph: the diff recomputed from the recorded source and target graphs equals the
   recorded diff, and it is exactly what the edit type allows, with the reasoning
   edits' answers recomputed from the source graph (filters/edit_signatures.py).
Other rows (diffusion edits, non-edit rows) get null scores and are left alone.
"""

from __future__ import annotations

import json

import pyarrow as pa
from pydantic import Field

from filters.edit_consistency import change_fractions
from filters.edit_signatures import check
from filters.judge import Judge, JudgeThresholds, reject_reason
from synthesis.editing.graph import Scene, diff


class EditVerifyThresholds(JudgeThresholds):
    pixel_tolerance: int = Field(0, ge=0, le=255, description="per-channel difference below which pixels are equal")
    max_outside_fraction: float = Field(0.0, ge=0, le=1, description="share of pixels outside the mask that may differ")
    min_inside_fraction: float = Field(0.001, ge=0, le=1, description="share of the mask that must differ")


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True)


class EditVerifyJudge(Judge):
    name = "edit_verify"
    Thresholds = EditVerifyThresholds
    metrics = {"outside_fraction": pa.float32(), "inside_fraction": pa.float32(), "graph_ok": pa.bool_()}

    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        outside, inside, graph_ok, reasons = [], [], [], []
        for row in batch.select(["source_image", "image", "mask", "answer", "spec"]).to_pylist():
            out, inn, ok, reason = self._verify(row)
            outside.append(out)
            inside.append(inn)
            graph_ok.append(ok)
            reasons.append(reason)
        return {"outside_fraction": outside, "inside_fraction": inside, "graph_ok": graph_ok}, reasons

    def _verify(self, row: dict):
        try:
            spec = json.loads(row["spec"] or "{}")
        except json.JSONDecodeError:
            return None, None, None, None
        if not row["source_image"] or spec.get("backend") != "scene":
            return None, None, None, None  # not a programmatic edit pair
        t = self.thresholds
        try:
            outside, inside = change_fractions(row["source_image"], row["image"], row["mask"], t.pixel_tolerance)
        except ValueError as exc:
            return None, None, None, f"{self.name}: {exc}"
        ok, problem = self._graph(row, spec)
        if outside > t.max_outside_fraction:
            return outside, inside, ok, reject_reason(self.name, "outside_fraction", outside, ">",
                                                      t.max_outside_fraction)
        if inside < t.min_inside_fraction:
            return outside, inside, ok, reject_reason(self.name, "inside_fraction", inside, "<", t.min_inside_fraction)
        if not ok:
            return outside, inside, ok, f"{self.name}: graph_ok=False ({problem})"
        return outside, inside, ok, None

    @staticmethod
    def _graph(row: dict, spec: dict) -> tuple[bool, str | None]:
        try:
            answer = json.loads(row["answer"])
            source, target = Scene.from_dict(spec["source_graph"]), Scene.from_dict(spec["target_graph"])
        except (TypeError, KeyError, ValueError) as exc:
            return False, f"unreadable graphs ({type(exc).__name__})"
        actual = diff(source, target)
        if _canonical(actual) != _canonical(answer.get("diff")):
            return False, "recorded diff differs from the graphs' diff"
        problem = check(answer.get("edit_type", ""), actual, source, target, answer.get("facts") or {})
        return (problem is None), (f"{answer.get('edit_type')}: {problem}" if problem else None)
