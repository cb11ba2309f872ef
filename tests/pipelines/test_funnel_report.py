"""The funnel report next to a dataset: every number of report.json on a dataset with
planted verdicts, reasons and scores; valid PNGs; `unisynth report` exit codes; and the
report a real job leaves behind."""

from __future__ import annotations

import io
import json
from pathlib import Path

import lance
import numpy as np
import pyarrow as pa
import pytest
from PIL import Image

from pipelines import funnel_report
from pipelines.cli import main
from pipelines.funnel_report import FINE_BINS, ColumnStats, Histogram, build_report, reason_pattern, report_dir_for
from pipelines.runner import run_job
from pipelines.sink import ledger_schema, ledger_uri
from pipelines.spec import load_spec
from synthesis.sample import SAMPLE_SCHEMA, rows_to_table

QUICKSTART = Path(__file__).resolve().parents[2] / "pipelines" / "quickstart.yaml"
TR, SCI = "text_rendering", "science"
SPEC = {"job": "t", "filters": [{"name": "image_sanity", "thresholds": {"min_std": 2.0}},
                                {"name": "ocr", "thresholds": {"max_cer": 0.05, "min_lines": 1}}]}
SCORES = [pa.field("image_sanity_std", pa.float32()), pa.field("image_sanity_ok", pa.bool_()),
          pa.field("ocr_cer", pa.float32()), pa.field("ocr_lines", pa.int32())]

# (generator, template, task, verdict, reason, std, cer, lines); rows 0-1 go to the ledger.
PLANTED = [
    (TR, "poster", "t2i", "reject", "image_sanity: std=0.5 < 2.0", 0.5, None, None),
    (TR, "poster", "t2i", "reject", "image_sanity: std=1.25 < 2.0", 1.25, 0.0, 2),
    (TR, "poster", "t2i", "reject", "ocr: cer=0.1 > 0.05", 10.0, 0.1, 3),
    (TR, "poster", "t2i", "reject", "ocr: cer=0.2 > 0.05 (line 2 reads 'x')", 20.0, 0.2, 1),
    (TR, "poster", "t2i", "reject", "ocr: cer=0.3 > 0.05", 30.0, 0.3, 4),
    (TR, "poster", "t2i", "keep", None, 40.0, 0.0, 2),
    (TR, "sign", "t2i", "reject", "ocr: cer=0.08 > 0.05", 50.0, 0.08, 1),
    (TR, "sign", "t2i", "reject", "ocr: labelled_lines=0 < 1", 60.0, None, 0),
    (TR, "sign", "t2i", "keep", None, 70.0, 0.01, 2),
    (TR, "sign", "t2i", "keep", None, 80.0, 0.02, 3),
    (TR, "sign", "t2i", "keep", None, 90.0, 0.03, 5),
    (TR, "sign", "t2i", "keep", None, 100.0, 0.04, 2),
    (SCI, "plot", "und", "keep", None, 15.0, None, None),
    (SCI, "plot", "und", "keep", None, 25.0, None, None),
    (SCI, "plot", "und", "keep", None, 35.0, None, None),
    (SCI, "plot", "und", "keep", None, 45.0, None, None),
    (TR, "", "t2i", "error", "RuntimeError: planted failure at seed 16", None, None, None),
    (TR, "", "t2i", "error", "RuntimeError: planted failure at seed 17", None, None, None),
    (TR, "sign", "t2i", "unjudged", "ocr: failed (RuntimeError: model 3 missing)", 55.0, None, None),
    (SCI, "plot", "und", "keep", None, 65.0, None, None),
]


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(buf, format="PNG")
    return buf.getvalue()


def write_planted(path: Path) -> str:
    schema = pa.schema(list(SAMPLE_SCHEMA) + SCORES, metadata={"unisynth.spec": json.dumps(SPEC)})
    rows = []
    for i, (gen, template, task, verdict, reason, std, cer, lines) in enumerate(PLANTED):
        rows.append({"id": f"t/{gen}/{i}", "job": "t", "generator": gen, "generator_version": "1", "template": template,
                     "task": task, "seed": i, "verdict": verdict, "reason": reason,
                     "image": None if verdict == "error" else _png(), "width": 4, "height": 4,
                     "image_sanity_std": std, "image_sanity_ok": None if std is None else std >= 2.0,
                     "ocr_cer": cer, "ocr_lines": lines})
    uri = str(path)
    table = rows_to_table(rows[2:], schema)
    lance.write_dataset(table, uri, schema=schema)
    ledger = ledger_schema(schema)
    lance.write_dataset(rows_to_table(rows[:2], ledger), ledger_uri(uri), schema=ledger)
    return uri


def column(index: int) -> np.ndarray:
    return np.array([r[index] for r in PLANTED if r[index] is not None], dtype=np.float64)


def test_reason_patterns_drop_the_value_and_the_detail():
    assert reason_pattern("ocr: cer=0.12 > 0.05") == "ocr: cer > 0.05"
    assert reason_pattern("science_verify: mismatches=2 > 0 (x: expected 3 got 4)") == "science_verify: mismatches > 0"
    assert reason_pattern("image_sanity: size=24x24 != 32x32") == "image_sanity: size != 32x32"
    assert reason_pattern("RuntimeError: planted failure at seed 17") == "RuntimeError: planted failure at seed #"


def test_every_number_of_the_report(tmp_path, monkeypatch):
    uri = write_planted(tmp_path / "planted.lance")
    monkeypatch.setattr(funnel_report, "BATCH_ROWS", 3)  # many batches: the merging is what scales
    folder = build_report(uri)
    assert folder == tmp_path / "planted.report"
    report = json.loads((folder / "report.json").read_text())

    assert report["total"] == 20 and report["ledger"] == ledger_uri(uri)
    assert report["verdicts"] == {"keep": 10, "reject": 7, "error": 2, "unjudged": 1}
    assert report["filters"] == [
        {"filter": "image_sanity", "entered": 18, "kept": 16, "rejected": 2, "unjudged": 0, "scored": 18},
        {"filter": "ocr", "entered": 16, "kept": 10, "rejected": 5, "unjudged": 1, "scored": 11},
    ]
    ex = lambda *seeds: [f"t/{TR}/{s}" for s in seeds]  # noqa: E731
    assert report["top_rejection_reasons"] == [
        {"reason": "ocr: cer > 0.05", "filter": "ocr", "count": 4, "examples": ex(2, 3, 4)},
        {"reason": "image_sanity: std < 2.0", "filter": "image_sanity", "count": 2, "examples": ex(0, 1)},
        {"reason": "ocr: labelled_lines < 1", "filter": "ocr", "count": 1, "examples": ex(7)},
    ]
    assert report["top_error_reasons"] == [
        {"reason": "RuntimeError: planted failure at seed #", "filter": None, "count": 2, "examples": ex(16, 17)}]

    rates = report["pass_rates"]
    assert rates["by_generator"] == [
        {"generator": SCI, "rows": 5, "keep": 5, "reject": 0, "error": 0, "unjudged": 0, "pass_rate": 1.0},
        {"generator": TR, "rows": 15, "keep": 5, "reject": 7, "error": 2, "unjudged": 1, "pass_rate": 5 / 15},
    ]
    assert [(r["generator"], r["template"], r["rows"], r["keep"], r["reject"], r["error"], r["unjudged"],
             r["pass_rate"]) for r in rates["by_generator_template"]] == [
        (SCI, "plot", 5, 5, 0, 0, 0, 1.0), (TR, "", 2, 0, 0, 2, 0, 0.0),
        (TR, "poster", 6, 1, 5, 0, 0, 1 / 6), (TR, "sign", 7, 4, 2, 0, 1, 4 / 7)]
    assert [(r["task"], r["rows"], r["pass_rate"]) for r in rates["by_task"]] == [("t2i", 15, 5 / 15),
                                                                                ("und", 5, 1.0)]

    scores = report["scores"]
    assert set(scores) == {"image_sanity_std", "ocr_cer", "ocr_lines"}, "bool columns have no histogram"
    std = scores["image_sanity_std"]
    assert (std["filter"], std["dtype"], std["count"], std["nulls"]) == ("image_sanity", "float", 18, 2)
    assert std["mean"] == pytest.approx(791.75 / 18) and (std["min"], std["max"]) == (0.5, 100.0)
    assert std["mean_by_verdict"] == {"keep": pytest.approx(56.5), "reject": pytest.approx(171.75 / 7)}
    assert std["threshold"] == {"op": "<", "value": 2.0, "source": "reasons"}
    cer = scores["ocr_cer"]
    assert (cer["filter"], cer["count"], cer["nulls"]) == ("ocr", 10, 10)
    assert cer["threshold"] == {"op": ">", "value": 0.05, "source": "reasons"}
    # ocr_lines has no reason of its own (`labelled_lines` is another metric): the spec's min_lines.
    lines = scores["ocr_lines"]
    assert (lines["dtype"], lines["count"], lines["mean"]) == ("int", 11, pytest.approx(25 / 11))
    assert lines["threshold"] == {"op": "<", "value": 1.0, "source": "spec"}

    qs = [0.05, 0.25, 0.5, 0.75, 0.95]
    names = ["p05", "p25", "p50", "p75", "p95"]
    # Few rows per fine bin: the quantiles are exact (numpy's inverted CDF, of the stored float32s).
    assert [lines["quantiles"][n] for n in names] == [0, 1, 2, 3, 5]
    assert [lines["quantiles"][n] for n in names] == list(np.quantile(column(7), qs, method="inverted_cdf"))
    for name, index in (("image_sanity_std", 5), ("ocr_cer", 6)):
        stored = column(index).astype(np.float32).astype(np.float64)
        exact = np.quantile(stored, qs, method="inverted_cdf")
        assert [scores[name]["quantiles"][n] for n in names] == list(exact), name
    assert [std["quantiles"][n] for n in names] == [0.5, 20.0, 40.0, 65.0, 100.0]

    for name in ["hist_image_sanity_std.png", "hist_ocr_cer.png", "hist_ocr_lines.png", "pass_rates.png"]:
        with Image.open(folder / name) as im:
            im.verify()
            assert im.format == "PNG" and im.size[0] >= 600 and im.size[1] >= 300, name
    md = (folder / "report.md").read_text()
    assert "![pass rates](pass_rates.png)" in md and "![ocr_cer](hist_ocr_cer.png)" in md
    assert "| ocr: cer > 0.05 | 4 |" in md and "| image_sanity | 18 | 16 | 2 | 0 | 18 |" in md


def test_histogram_quantiles_stay_within_a_fine_bin_on_many_rows():
    rng = np.random.default_rng(0)
    values = np.concatenate([rng.lognormal(-3, 1, 300_000), [25.0]])  # a long tail and one outlier
    stats = ColumnStats("x", "float", None, low=float(values.min()), high=float(values.max()))
    hist = Histogram.over(stats)
    for chunk in np.array_split(values, 7):
        hist.add(chunk, np.zeros(chunk.size, dtype=np.int64))
    bin_width = (values.max() - values.min()) / FINE_BINS
    for q in (0.05, 0.25, 0.5, 0.75, 0.95):
        exact = np.quantile(values, q, method="inverted_cdf")
        assert abs(hist.quantile(q) - exact) <= bin_width, q
    assert hist.counts.sum() == values.size and hist.quantile(1.0) == 25.0


def test_report_of_an_empty_dataset(tmp_path):
    uri = str(tmp_path / "empty.lance")
    lance.write_dataset(pa.schema(list(SAMPLE_SCHEMA) + SCORES).empty_table(), uri)
    report = json.loads((build_report(uri) / "report.json").read_text())
    assert report["total"] == 0 and report["verdicts"] == {"keep": 0, "reject": 0, "error": 0, "unjudged": 0}
    assert report["scores"]["ocr_cer"]["count"] == 0 and report["scores"]["ocr_cer"]["histogram"] is None


def test_report_cli_exit_codes(tmp_path, capsys):
    uri = write_planted(tmp_path / "planted.lance")
    out = tmp_path / "elsewhere"
    assert main(["report", uri, "--out", str(out)]) == 0
    assert "20 rows" in capsys.readouterr().out
    assert json.loads((out / "report.json").read_text())["total"] == 20
    assert not report_dir_for(uri).exists(), "--out replaces the default folder"

    assert main(["report", str(tmp_path / "nothing.lance")]) == 2
    err = capsys.readouterr().err
    assert "no Lance dataset there" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1

    assert main(["report", "s3://bucket/job.lance"]) == 2
    assert "--out DIR" in capsys.readouterr().err

    not_samples = str(tmp_path / "other.lance")
    lance.write_dataset(pa.table({"x": [1, 2]}), not_samples)
    assert main(["report", not_samples]) == 2
    assert "not a unisynth samples dataset (missing columns: id, generator" in capsys.readouterr().err


def test_a_job_leaves_its_report_next_to_the_dataset(ray_local, tmp_path):
    spec = load_spec(QUICKSTART, output=str(tmp_path / "quickstart.lance"), num_samples=6)
    result = run_job(spec)
    folder = tmp_path / "quickstart.report"
    assert result.report_dir == folder
    report = json.loads((folder / "report.json").read_text())
    assert report["total"] == 6 == sum(report["verdicts"].values())
    assert [f["filter"] for f in report["filters"]] == ["image_sanity", "science_verify", "edit_verify"]
    assert report["scores"]["image_sanity_std"]["count"] == 6 - report["verdicts"]["error"]
    assert (folder / "hist_image_sanity_std.png").read_bytes()[:4] == b"\x89PNG"
    assert (folder / "pass_rates.png").exists() and (folder / "report.md").exists()
