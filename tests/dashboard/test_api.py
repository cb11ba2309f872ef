"""The dashboard's HTTP API on a real Lance dataset: overview numbers, grid filters and
paging, thumbnails and their caches, the sample detail with its overlay, labels into
the audits table, stratified sessions, the agreement report, and every bad parameter
answered 400/404 with a message (never a 500)."""

from __future__ import annotations

import csv
import io

import lance
import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from dashboard.app import create_app
from dashboard.sessions import allocate
from dashboard.sql import like_contains, quote
from pipelines.audits import audits_uri, read_audits

BULK, TOTAL = 240, 245


def page_ids(client, **params) -> tuple[int, list[str]]:
    r = client.get("/api/datasets/dash/samples", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    return body["total"], [row["id"] for row in body["rows"]]


def test_overview_counts_funnel_pass_rates_versions_and_charts(client):
    o = client.get("/api/datasets/dash/overview").json()
    assert (o["rows"], o["total"], o["fragments"]) == (TOTAL, TOTAL, 2)
    assert o["verdicts"] == {"keep": 234, "reject": 11, "error": 0, "unjudged": 0}
    assert [(f["filter"], f["entered"], f["rejected"]) for f in o["funnel"]] == [("image_sanity", 245, 10),
                                                                                ("ocr", 235, 1)]
    by_generator = {r["generator"]: (r["rows"], r["reject"]) for r in o["pass_rates"]["by_generator"]}
    assert by_generator == {"bulk": (BULK, 10), "editing": (3, 0), "text_rendering": (2, 1)}
    assert {r["template"] for r in o["pass_rates"]["by_generator_template"] if r["generator"] == "bulk"} == {
        "alpha", "beta", "gamma", "delta"}
    assert o["versions"]["count"] == 2 and o["versions"]["latest"][0]["version"] == o["version"]
    assert o["scores"]["image_sanity_std"]["threshold"] == {"op": "<", "value": 2.0, "source": "reasons"}
    assert o["code_version"] == "test" and o["audits"]["rows"] == 0
    assert "hist_image_sanity_std.png" in o["charts"] and "pass_rates.png" in o["charts"]
    for chart in o["charts"]:
        r = client.get(f"/api/datasets/dash/charts/{chart}")
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(r.content)).size[0] > 300

    fonts = client.get("/api/datasets/dash/breakdown", params={"by": "font"}).json()["rows"]
    assert {r["font"]: (r["rows"], r["reject"]) for r in fonts} == {"(no text lines)": (243, 10),
                                                                    "Pillow Default": (2, 1)}
    languages = client.get("/api/datasets/dash/breakdown", params={"by": "language"}).json()["rows"]
    assert {r["language"]: r["rows"] for r in languages} == {"(no text lines)": 243, "en": 2}


def test_grid_pages_cover_every_row_once_in_dataset_order(client, dataset):
    _uri, info = dataset
    seen = []
    for offset in range(0, TOTAL, 100):
        total, ids = page_ids(client, offset=offset, limit=100)
        assert total == TOTAL
        seen += ids
    assert seen == info["ids"]
    assert page_ids(client, offset=240, limit=10) == (TOTAL, info["ids"][240:])
    assert page_ids(client, offset=10_000, limit=10) == (TOTAL, [])

    body = client.get("/api/datasets/dash/samples", params={"limit": 3, "generator": "editing"}).json()
    row = body["rows"][0]
    assert row["task"] == "edit" and row["scores"]["edit_verify_inside_fraction"] == pytest.approx(0.1)
    assert "image" not in row and "ocr_text" not in row["scores"]  # light columns only


def test_grid_filters_push_down_and_take_request_text_literally(client):
    assert page_ids(client, generator="editing")[0] == 3
    assert page_ids(client, generator=["editing", "text_rendering"])[0] == 5
    assert page_ids(client, verdict="reject")[0] == 11
    assert page_ids(client, generator="bulk", template="alpha", verdict="keep")[0] == 60 - 3
    assert page_ids(client, q="cats")[0] == 80
    assert page_ids(client, q="CATS")[0] == 80  # case-insensitive
    # %, _ and ' are text, not wildcards or SQL.
    assert page_ids(client, q="50% off_")[1] == ["dash/text_rendering/1"]
    assert page_ids(client, q="0%")[1] == ["dash/text_rendering/1"]
    assert page_ids(client, q="it's")[1] == ["dash/text_rendering/2"]
    assert page_ids(client, q="x') OR (1=1")[0] == 0
    assert page_ids(client, score="image_sanity_std:10:19.5")[0] == 50
    assert page_ids(client, score=["image_sanity_std:10:", "image_sanity_std::10"])[0] == 5
    assert page_ids(client, score="edit_verify_inside_fraction:0.15:")[0] == 2  # nulls never match a range
    assert page_ids(client, score="width::64", generator="bulk", limit=1)[0] == BULK


@pytest.mark.parametrize(("params", "message"), [
    ({"limit": 0}, "limit: Input should be greater than or equal to 1"),
    ({"limit": 201}, "limit: Input should be less than or equal to 200"),
    ({"offset": -1}, "offset: Input should be greater than or equal to 0"),
    ({"offset": "ten"}, "offset: Input should be a valid integer"),
    ({"verdict": "maybe"}, "verdict: 'maybe' is not allowed; allowed: keep, reject, error, unjudged"),
    ({"task": "x"}, "task: 'x' is not allowed; allowed: t2i, edit, und"),
    ({"score": "image_sanity_std"}, "score: 'image_sanity_std' must be COLUMN:MIN:MAX"),
    ({"score": "id:1:2"}, "score: 'id' is not a numeric score column"),
    ({"score": "image_sanity_std:1;DROP:2"}, "score image_sanity_std min: '1;DROP' is not a number"),
    ({"score": "image_sanity_std:nan:2"}, "is not a finite number"),
    ({"score": "image_sanity_std:5:1"}, "min 5 is above max 1"),
    ({"score": "image_sanity_std::"}, "gives neither a minimum nor a maximum"),
    ({"q": "x" * 201}, "q: text search is limited to 200 characters"),
    ({"generator": ""}, "generator: '' must be a non-empty name"),
])
def test_grid_rejects_bad_parameters_with_400(client, params, message):
    r = client.get("/api/datasets/dash/samples", params=params)
    assert r.status_code == 400 and message in r.json()["error"], r.text


def test_thumbnails_are_made_once_then_served_from_memory_or_disk(client, dataset, tmp_path):
    _uri, info = dataset
    body = client.get("/api/datasets/dash/samples", params={"generator": "editing", "limit": 1}).json()
    row = body["rows"][0]
    thumbs = client.app.state.thumbs
    for column in ("image", "source_image", "mask"):
        r = client.get("/api/datasets/dash/thumb", params={"id": row["id"], "row": row["row"], "column": column,
                                                            "size": 128})
        assert r.status_code == 200 and r.headers["content-type"] == "image/webp", r.text
        assert max(Image.open(io.BytesIO(r.content)).size) == 128
    assert thumbs.made == 3 and len(list((tmp_path / "thumbs").rglob("*.webp"))) == 3
    again = client.get("/api/datasets/dash/thumb", params={"id": row["id"], "size": 128})  # no row hint: by id
    assert again.status_code == 200 and thumbs.made == 3 and "max-age" in again.headers["cache-control"]

    # A second dashboard finds them on disk; a wrong row hint still finds the right sample.
    other = TestClient(create_app([_uri], cache_dir=tmp_path / "thumbs"))
    r = other.get("/api/datasets/dash/thumb", params={"id": row["id"], "row": 5, "column": "mask", "size": 128})
    assert r.status_code == 200 and other.app.state.thumbs.made == 0
    r = other.get("/api/datasets/dash/thumb", params={"id": info["ids"][-1], "row": row["row"], "size": 96})
    assert r.status_code == 200 and Image.open(io.BytesIO(r.content)).size == (64, 48)  # never upscaled


def test_sample_detail_edit_images_overlay_and_lineage(client, dataset):
    _uri, info = dataset
    d = client.get("/api/datasets/dash/sample", params={"id": info["edit"][0]}).json()
    assert d["images"] == {"image": True, "source_image": True, "mask": True}
    assert d["fields"]["task"] == "edit" and d["fields"]["instruction"] and d["fields"]["cot"]
    assert d["overlay"]["boxes"] and all(b["kind"] == "object" for b in d["overlay"]["boxes"])
    assert d["lineage"]["job"] == "dash" and d["lineage"]["filters"] == ["image_sanity", "ocr"]
    assert d["lineage"]["generator_versions"]["editing"] == "x" and d["lineage"]["dataset_version"] == d["version"]
    for column in ("image", "source_image", "mask"):
        r = client.get("/api/datasets/dash/image", params={"id": d["id"], "row": d["row"], "column": column})
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(r.content)).size == (d["fields"]["width"], d["fields"]["height"])

    text = client.get("/api/datasets/dash/sample", params={"id": "dash/text_rendering/1"}).json()
    lines = text["overlay"]["lines"]
    assert [(l["text"], l["status"]) for l in lines] == [("GRAND OPENING", "matched"), ("50% off_today", "missed")]
    assert lines[0]["cer"] == 0 and lines[1]["read"] == "5O% of" and len(lines[0]["polygon"]) == 4
    assert text["scores"]["ocr_cer"] == pytest.approx(0.2) and "ocr_text" not in text["judge_texts"]
    assert text["fields"]["verdict"] == "reject" and text["answer"] == {"lines": ["GRAND OPENING", "50% off_today"]}
    assert text["images"]["source_image"] is False


def test_labels_append_to_the_audits_table(client, dataset):
    uri, info = dataset
    sample = info["text"][1]
    post = {"sample_id": sample, "auditor": "ann", "label": "good", "note": "crisp"}
    r = client.post("/api/datasets/dash/labels", json=post)
    assert r.status_code == 200, r.text
    assert r.json()["labels"][0] | {"time": None} == {"auditor": "ann", "label": "good", "rubric": None,
                                                     "note": "crisp", "session": None, "time": None}
    client.post("/api/datasets/dash/labels", json={**post, "label": "bad", "note": None})
    client.post("/api/datasets/dash/labels", json={**post, "auditor": "bob", "label": "skip"})
    history = client.get("/api/datasets/dash/labels", params={"id": sample}).json()["labels"]
    assert [(e["auditor"], e["label"]) for e in history] == [("ann", "good"), ("ann", "bad"), ("bob", "skip")]

    stored = lance.dataset(audits_uri(uri)).to_table().sort_by("created_at")
    assert stored["label"].to_pylist() == ["keep", "reject", "skip"] and stored["comment"][0].as_py() == "crisp"
    assert read_audits(uri)["label"].to_pylist() == ["keep", "reject"]  # calibration never sees skips
    assert read_audits(uri, include_skips=True).num_rows == 3

    grid = client.get("/api/datasets/dash/samples", params={"generator": "text_rendering"}).json()["rows"]
    assert {r["id"]: (r["label"] or {}).get("label") for r in grid} == {info["text"][0]: None, sample: "skip"}
    assert client.get("/api/datasets/dash/overview").json()["audits"]["labels"] == {"keep": 1, "reject": 1, "skip": 1}


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"sample_id": "dash/bulk/1000", "auditor": "ann", "label": "meh"}, 400, "label: Input should be 'good'"),
    ({"sample_id": "dash/bulk/1000", "auditor": "", "label": "good"}, 400, "auditor: String should have at least"),
    ({"sample_id": "dash/bulk/1000", "auditor": "\x07", "label": "good"}, 400, "auditor: give your name"),
    ({"sample_id": "dash/nope/1", "auditor": "ann", "label": "good"}, 404, "no sample with id 'dash/nope/1'"),
    ({"sample_id": "dash/bulk/1000", "auditor": "ann", "label": "good", "extra": 1}, 400, "extra: Extra inputs"),
    ({"sample_id": "dash/bulk/1000", "auditor": "ann", "label": "good", "session": "../x"}, 400, "session: String"),
    ({"sample_id": "dash/bulk/1000", "auditor": "ann", "label": "good", "session": "0123456789ab"}, 404,
     "no audit session '0123456789ab'"),
    ({"sample_id": "dash/bulk/1000", "auditor": "ann", "label": "good", "note": "x" * 2001}, 400, "note: String"),
])
def test_bad_labels_are_refused_and_nothing_is_written(client, dataset, body, status, message):
    r = client.post("/api/datasets/dash/labels", json=body)
    assert r.status_code == status and message in r.json()["error"], r.text
    assert not _exists(audits_uri(dataset[0]))


def _exists(uri: str) -> bool:
    try:
        lance.dataset(uri)
        return True
    except (ValueError, OSError):
        return False


def test_allocation_is_equal_with_water_filling():
    assert allocate([100, 100, 100], 30) == [10, 10, 10]
    assert allocate([2, 100, 100], 30) == [2, 14, 14]
    assert allocate([2, 3], 30) == [2, 3]
    assert allocate([0, 4], 2) == [0, 2]
    # Fewer samples than strata: random strata get one each, not always the first ones.
    picks = {tuple(allocate([5] * 6, 3, np.random.default_rng(seed))) for seed in range(20)}
    assert all(sum(p) == 3 and max(p) == 1 for p in picks) and len(picks) > 3


def test_sessions_draw_strata_and_track_progress(client, dataset):
    body = {"auditor": "ann", "size": 24, "score_column": "image_sanity_std", "buckets": 3, "seed": 7}
    s = client.post("/api/datasets/dash/sessions", json=body).json()
    assert len(s["items"]) == 24 and len({i["id"] for i in s["items"]}) == 24 and s["labelled"] == 0
    strata = {(x["generator"], x["bucket"]): x for x in s["strata"]}
    # Every generator is drawn from, though bulk rows are 98% of the dataset.
    assert {g for g, _b in strata} == {"bulk", "editing", "text_rendering"}
    assert sum(x["drawn"] for x in s["strata"]) == 24 and sum(x["population"] for x in s["strata"]) == TOTAL
    assert all(x["drawn"] == x["population"] for x in s["strata"] if x["generator"] != "bulk")
    bulk = [x["drawn"] for x in s["strata"] if x["generator"] == "bulk"]
    assert len(bulk) == 3 and max(bulk) - min(bulk) <= 1
    again = client.post("/api/datasets/dash/sessions", json=body).json()
    assert [i["id"] for i in again["items"]] == [i["id"] for i in s["items"]]  # the seed decides the draw

    first, second = s["items"][0], s["items"][1]
    for item, word in ((first, "good"), (second, "skip")):
        r = client.post("/api/datasets/dash/labels", json={"sample_id": item["id"], "row": item["row"],
                                                          "auditor": "ann", "label": word,
                                                          "session": s["session_id"]})
        assert r.status_code == 200, r.text
    now = client.get(f"/api/datasets/dash/sessions/{s['session_id']}").json()
    assert now["labelled"] == 2 and now["next"] == 2 and now["items"][1]["label"] == "skip"
    listed = client.get("/api/datasets/dash/sessions").json()["sessions"]
    assert {x["session_id"]: x["labelled"] for x in listed} == {s["session_id"]: 2, again["session_id"]: 0}

    outsider = next(i for i in dataset[1]["ids"] if i not in {x["id"] for x in s["items"]})
    r = client.post("/api/datasets/dash/labels", json={"sample_id": outsider, "auditor": "ann", "label": "good",
                                                      "session": s["session_id"]})
    assert r.status_code == 400 and "is not in audit session" in r.json()["error"]
    # A filtered session, leaving out what ann has labelled.
    f = client.post("/api/datasets/dash/sessions", params={"verdict": "reject"},
                    json={"auditor": "ann", "size": 50}).json()
    assert len(f["items"]) == 11 and all(i["id"] != first["id"] for i in f["items"])
    for bad, message in (({**body, "size": 0}, "size: Input should be greater than or equal to 1"),
                         ({**body, "score_column": "reason"}, "score_column: 'reason' is not a numeric"),
                         ({**body, "buckets": 11}, "buckets: Input should be less than or equal to 10")):
        r = client.post("/api/datasets/dash/sessions", json=bad)
        assert r.status_code == 400 and message in r.json()["error"], r.text
    assert client.get("/api/datasets/dash/sessions/zzzz").status_code == 400
    assert client.get("/api/datasets/dash/sessions/0123456789ab").status_code == 404


def test_agreement_report_and_csv(client, dataset):
    r = client.get("/api/datasets/dash/agreement")
    assert r.status_code == 404 and "no audits yet" in r.json()["error"]
    # Humans agree with image_sanity on every labelled bulk row but think dogs are bad.
    rows = client.get("/api/datasets/dash/samples", params={"generator": "bulk", "limit": 60}).json()["rows"]
    for row in rows:
        word = "bad" if row["verdict"] == "reject" or "dogs" in row["instruction"] else "good"
        client.post("/api/datasets/dash/labels", json={"sample_id": row["id"], "auditor": "ann", "label": word})
    report = client.get("/api/datasets/dash/agreement").json()
    assert report["audits"]["overall_labels"] == 60
    sanity = next(d for d in report["filters"] if d["filter"] == "image_sanity")
    assert (sanity["n"], sanity["rejects"]) == (60, 4)
    table = list(csv.DictReader(io.StringIO(client.get("/api/datasets/dash/agreement.csv").text)))
    kinds = {(t["kind"], t["name"]) for t in table}
    assert ("filter decision", "image_sanity") in kinds and ("score threshold", "image_sanity") in kinds
    row = next(t for t in table if t["kind"] == "score threshold" and t["column"] == "image_sanity_std")
    assert row["current_rule"] == "reject if image_sanity_std < 2" and float(row["current_accuracy"]) == pytest.approx(
        sanity["accuracy"])
    r = client.get("/api/datasets/dash/agreement.csv")
    assert r.headers["content-type"].startswith("text/csv") and "dash.agreement.csv" in r.headers[
        "content-disposition"]


def test_sql_literals():
    assert quote("it's") == "'it''s'"
    assert like_contains("5%_\\") == "'%5\\%\\_\\\\%'"


def test_nothing_outside_the_named_datasets_is_reachable(client, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve")
    attempts = [
        "/api/datasets/other/overview", "/api/datasets/..%2F..%2Fetc/overview", "/api/datasets/%2e%2e/overview",
        "/static/../dashboard/app.py", "/static/%2e%2e/app.py", "/static/..%2Fapp.py", f"/static/{secret}",
        "/api/datasets/dash/charts/..%2F..%2Fsecret.txt", "/api/datasets/dash/charts/report.json",
        "/api/datasets/dash/image?id=dash/bulk/1000&column=../../secret.txt",
        "/api/datasets/dash/thumb?id=dash/bulk/1000&column=/etc/passwd",
        f"/api/datasets/dash/sample?id={secret}", "/api/datasets/dash/breakdown?by=../labels",
        "/api/datasets/dash/sessions/..%2F..%2Fsecret",
    ]
    for path in attempts:
        r = client.get(path)
        assert 400 <= r.status_code < 500, (path, r.status_code)
        assert "do not serve" not in r.text and "def create_app" not in r.text
    assert client.get("/static/app.js").status_code == 200


@pytest.mark.parametrize("path", [
    "/api/datasets/dash/sample?id=", "/api/datasets/dash/sample?id=x&row=-1", "/api/datasets/dash/sample?id=x&row=abc",
    f"/api/datasets/dash/sample?id=x&row={2**64}", "/api/datasets/dash/sample?id=dash/bulk/9&row=99999999999",
    "/api/datasets/dash/image?id=dash/text_rendering/1&column=mask", "/api/datasets/dash/thumb?id=x&size=7",
    "/api/datasets/dash/thumb?id=dash/bulk/1000&size=100000", "/api/datasets/dash/thumb?id=nope",
    "/api/datasets/dash/breakdown?by=", "/api/datasets/dash/breakdown", "/api/datasets/dash/labels?id=",
    "/api/datasets/dash/sample?id=" + "x" * 600, "/api/datasets/dash/samples?limit=1e9",
])
def test_bad_input_is_4xx_with_a_message_never_500(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code, r.text)
    assert r.json()["error"]


def test_stale_row_hint_finds_the_sample_by_id(client):
    r = client.get("/api/datasets/dash/sample", params={"id": "dash/bulk/1000", "row": 99999999999})
    assert r.status_code == 200 and r.json()["id"] == "dash/bulk/1000"
    r = client.get("/api/datasets/dash/sample", params={"id": "dash/bulk/1000", "row": 2})  # another sample's row
    assert r.json()["id"] == "dash/bulk/1000" and r.json()["row"] != 2
