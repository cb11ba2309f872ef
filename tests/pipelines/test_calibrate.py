"""Judge calibration against human audit labels: Cohen's kappa on hand-computed cases,
the audits table's validation, and `unisynth calibrate` on a dataset whose best
thresholds are known by construction."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lance
import numpy as np
import pyarrow as pa
import pytest

from pipelines.audits import AUDIT_SCHEMA, AuditError, NoAuditsError, append_audits, audits_uri, read_audits
from pipelines.calibrate import calibrate, cohen_kappa, kappa_from_counts, sweep
from pipelines.cli import main
from pipelines.funnel_report import Threshold
from synthesis.sample import SAMPLE_SCHEMA, rows_to_table

SPEC = {"job": "c", "filters": [{"name": "image_sanity", "thresholds": {"min_std": 2.0}},
                                {"name": "ocr", "thresholds": {"max_cer": 0.05}}]}
SCORES = [pa.field("image_sanity_std", pa.float32()), pa.field("ocr_cer", pa.float64()),
          pa.field("judge_legibility", pa.int8())]
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
# Current rule: ocr rejects cer > 0.05. Humans reject cer > 0.12: the best rule is known.
KAPPA_CURRENT = (33 / 40 - 996 / 1600) / (1 - 996 / 1600)


def sid(i: int) -> str:
    return f"c/text_rendering/{i}"


def cer(i: int) -> float:
    return 0.5 if i == 40 else i / 100


def legibility(i: int) -> int:
    return 1 + i % 5


def write_samples(path: Path) -> str:
    schema = pa.schema(list(SAMPLE_SCHEMA) + SCORES, metadata={"unisynth.spec": json.dumps(SPEC)})
    rows = []
    for i in range(41):
        rejected = cer(i) > 0.05
        rows.append({"id": sid(i), "job": "c", "generator": "text_rendering", "generator_version": "1",
                     "template": "poster", "task": "t2i", "seed": i, "verdict": "reject" if rejected else "keep",
                     "reason": f"ocr: cer={cer(i):.4g} > 0.05" if rejected else None,
                     "image_sanity_std": 50.0, "ocr_cer": cer(i), "judge_legibility": legibility(i)})
    uri = str(path)
    lance.write_dataset(rows_to_table(rows, schema), uri, schema=schema)
    return uri


def audit(i: int, label: str, auditor: str = "ann", at: datetime = T0, **extra) -> dict:
    return {"sample_id": sid(i), "auditor": auditor, "label": label, "created_at": at, **extra}


def planted_audits() -> list[dict]:
    rows = [audit(0, "reject", at=T0 - timedelta(hours=1))]  # superseded by ann's later label
    rows += [audit(i, "reject" if cer(i) > 0.12 else "keep") for i in range(40)]
    rows += [audit(5, "reject", "bob"), audit(5, "keep", "cid")]  # majority: keep
    rows += [audit(40, "keep"), audit(40, "reject", "bob")]  # a tie: left out
    rows += [audit(i, "reject" if legibility(i) <= 2 else "keep", rubric="legibility", score=min(legibility(i), 3))
             for i in range(20)]
    rows += [audit(i, "keep", rubric="composition", comment="fine") for i in (0, 1)]
    return rows


def test_kappa_hand_computed_cases():
    assert cohen_kappa(["keep", "reject", "keep", "reject"], ["keep", "reject", "keep", "reject"]) == 1.0
    # Agreement exactly at chance level: p_o = p_e = 0.5.
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 1, 0]) == 0.0
    # The textbook 2x2 table (yes/yes 20, yes/no 5, no/yes 10, no/no 15): p_o 0.7, p_e 0.5.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert float(kappa_from_counts(20, 5, 10, 15)) == pytest.approx(0.4)
    assert math.isnan(cohen_kappa(["keep"] * 3, ["keep"] * 3)), "undefined when both raters never vary"
    rng = np.random.default_rng(1)
    x, y = rng.random(200) < 0.3, rng.random(200) < 0.5
    counts = [np.sum(x & y), np.sum(x & ~y), np.sum(~x & y), np.sum(~x & ~y)]
    assert float(kappa_from_counts(*counts)) == pytest.approx(cohen_kappa(x.tolist(), y.tolist()))
    with pytest.raises(ValueError, match="equally long"):
        cohen_kappa([1, 2], [1])


def test_sweep_ties_go_to_accuracy_then_the_current_threshold():
    values = np.arange(1.0, 7.0)
    human_reject = np.array([True, False, False, False, False, True])
    # Rejecting 1 (keep if >= 2) and rejecting 6 (keep if <= 5) agree equally well.
    near_high = sweep(values, human_reject, Threshold(">", 4.5, "spec"))
    near_low = sweep(values, human_reject, Threshold("<", 1.5, "spec"))
    assert (near_high["keep_if"], near_high["threshold"]) == ("<=", 5.0)
    assert (near_low["keep_if"], near_low["threshold"]) == (">=", 2.0)
    assert near_high["kappa"] == pytest.approx(8 / 14) and near_high["accuracy"] == pytest.approx(5 / 6)


def test_audits_validation_is_one_line_per_problem(tmp_path):
    uri = write_samples(tmp_path / "s.lance")
    ok = {"sample_id": sid(0), "auditor": "ann", "label": "keep"}
    bad = [
        ({"label": "maybe"}, "audits[0].label: 'maybe' is not allowed; allowed: keep, reject"),
        ({"score": 4}, "audits[0].score: 4 is not allowed; allowed: null or an integer 1..3"),
        ({"auditor": ""}, "audits[0].auditor: required non-empty string"),
        ({"stars": 5}, "audits[0]: unknown key(s) stars; allowed: sample_id, auditor, label"),
        ({"rubric": "Legibility!"}, "audits[0].rubric: 'Legibility!' must be null (overall) or lowercase"),
        ({"created_at": datetime(2025, 1, 1)}, "audits[0].created_at: 2025-01-01T00:00:00 has no time zone"),
        ({"sample_id": "c/nope/1"}, "audits[0].sample_id: 'c/nope/1' is not a sample of"),
    ]
    for change, message in bad:
        with pytest.raises(AuditError) as err:
            append_audits(uri, [{**ok, **change}])
        assert message in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(NoAuditsError, match="append_audits"):
        read_audits(uri)  # nothing was written by the failed appends

    assert append_audits(uri, [audit(1, "keep", score=2, created_at="2025-03-01T13:00:00+01:00")]) == 1
    assert append_audits(uri, [audit(2, "reject")]) == 1
    table = read_audits(uri)
    assert lance.dataset(audits_uri(uri)).schema.equals(AUDIT_SCHEMA) and audits_uri(uri).endswith("s.audits.lance")
    assert table.num_rows == 2 and table["created_at"][0].as_py() == datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


def test_calibration_finds_the_planted_thresholds(tmp_path):
    uri = write_samples(tmp_path / "s.lance")
    append_audits(uri, planted_audits())
    result = calibrate(uri)

    assert result["audits"] == {"rows": 67, "samples": 41, "auditors": 3, "ties_left_out": 1, "not_in_dataset": 0,
                                "overall_labels": 40}
    by_filter = {d["filter"]: d for d in result["filters"]}
    assert list(by_filter) == ["(pipeline: not kept)", "image_sanity", "ocr"]
    ocr = by_filter["ocr"]
    assert (ocr["n"], ocr["rejects"], ocr["human_rejects"]) == (40, 34, 27)
    assert ocr["accuracy"] == pytest.approx(33 / 40) and ocr["kappa"] == pytest.approx(KAPPA_CURRENT)
    assert by_filter["(pipeline: not kept)"]["kappa"] == pytest.approx(KAPPA_CURRENT)
    assert by_filter["image_sanity"]["rejects"] == 0 and by_filter["image_sanity"]["kappa"] == 0.0

    scores = {s["column"]: s for s in result["scores"]}
    c = scores["ocr_cer"]
    assert c["n"] == 40 and c["filter"] == "ocr"
    assert (c["current"]["op"], c["current"]["threshold"], c["current"]["source"]) == (">", 0.05, "reasons")
    assert c["current"]["kappa"] == pytest.approx(KAPPA_CURRENT) and c["current"]["accuracy"] == pytest.approx(0.825)
    assert c["best"] == {"keep_if": "<=", "threshold": 0.12, "kappa": 1.0, "accuracy": 1.0,
                         "rule": "reject if ocr_cer > 0.12"}
    std = scores["image_sanity_std"]
    assert std["current"]["source"] == "spec" and std["current"]["kappa"] == 0.0 and std["best"]["kappa"] == 0.0

    rubrics = {r["rubric"]: r for r in result["rubrics"]}
    leg = rubrics["legibility"]
    assert (leg["column"], leg["n"], leg["current"]) == ("judge_legibility", 20, None)
    assert (leg["best"]["keep_if"], leg["best"]["threshold"], leg["best"]["kappa"]) == (">=", 3.0, 1.0)
    assert rubrics["composition"] == {"rubric": "composition", "column": None, "n": 2,
                                      "note": "no score column judge_composition in the dataset"}


def test_calibrate_cli(tmp_path, capsys):
    uri = write_samples(tmp_path / "s.lance")
    assert main(["calibrate", uri]) == 2
    err = capsys.readouterr().err
    assert "no audits yet" in err and "append_audits" in err and len(err.strip().splitlines()) == 1

    append_audits(uri, planted_audits())
    assert main(["calibrate", uri]) == 0
    out = capsys.readouterr().out
    assert "ocr_cer" in out and "> 0.12" in out and "legibility vs judge_legibility" in out
    assert "composition: no score column judge_composition" in out
    saved = json.loads((tmp_path / "s.report" / "calibration.json").read_text())
    assert saved["scores"][1]["best"]["threshold"] == 0.12

    assert main(["calibrate", str(tmp_path / "nothing.lance")]) == 2
    assert "no Lance dataset there" in capsys.readouterr().err
