"""science_verify: recompute each science sample's answer from its problem, and reject
diagrams whose labels overlap.

Rows of other generators pass untouched (their scores are null).
"""

from __future__ import annotations

import json

import pyarrow as pa
from pydantic import Field

from filters.judge import Judge, JudgeThresholds
from filters.science import compare, overlapping_labels, verifier_for


class ScienceVerifyThresholds(JudgeThresholds):
    rel_tol: float = Field(1e-5, gt=0, le=0.1, description="relative tolerance of numeric answers")
    abs_tol: float = Field(1e-5, ge=0, le=0.1, description="absolute tolerance of numeric answers")
    max_label_overlap_px: float = Field(2.0, ge=0, description="overlap area (px²) above which two labels collide")


class ScienceVerifyJudge(Judge):
    name = "science_verify"
    Thresholds = ScienceVerifyThresholds
    metrics = {"ok": pa.bool_(), "mismatches": pa.int32(), "label_overlaps": pa.int32()}

    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        oks, mismatches, overlaps, reasons = [], [], [], []
        for generator, template, spec, answer, labels in zip(
            *(batch[c].to_pylist() for c in ("generator", "template", "spec", "answer", "labels"))
        ):
            if generator != "science":
                oks.append(None), mismatches.append(None), overlaps.append(None), reasons.append(None)
                continue
            ok, n_mismatch, n_overlap, reason = self._verify(template, json.loads(spec), json.loads(answer or "{}"),
                                                             json.loads(labels or "{}"))
            oks.append(ok), mismatches.append(n_mismatch), overlaps.append(n_overlap), reasons.append(reason)
        return {"ok": oks, "mismatches": mismatches, "label_overlaps": overlaps}, reasons

    def _verify(self, template: str, spec: dict, answer: dict, labels: dict):
        t = self.thresholds
        solve = verifier_for(template)
        if solve is None:
            return False, None, None, f"{self.name}: no verifier for template {template}"
        try:
            expected = solve(spec["problem"])
        except Exception as exc:  # an unparsable problem is a rejected sample
            return False, None, None, f"{self.name}: problem does not recompute ({type(exc).__name__}: {exc})"[:300]
        diffs = compare(expected, answer, rel_tol=t.rel_tol, abs_tol=t.abs_tol)
        collisions = overlapping_labels(labels.get("texts", []), t.max_label_overlap_px)
        if diffs:
            return False, len(diffs), len(collisions), f"{self.name}: mismatches={len(diffs)} > 0 ({diffs[0]})"[:300]
        if collisions:
            a, b, area = collisions[0]
            return False, 0, len(collisions), (f"{self.name}: label_overlaps={len(collisions)} > 0 "
                                               f"({a!r} and {b!r} share {area} px²)")[:300]
        return True, 0, 0, None
