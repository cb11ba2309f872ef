"""Two auditors labelling at once never lose a label: not through two dashboards on one
dataset (the first labels race to create the audits table), and not from two processes
appending at the same moment."""

from __future__ import annotations

import multiprocessing
import threading

import httpx
import lance

from dashboard.app import create_app
from pipelines.audits import append_audits, audits_uri, read_audits
from tests.dashboard.conftest import LiveServer

LABELS_EACH = 20


def test_two_dashboards_two_auditors_every_label_lands(dataset, tmp_path):
    uri, info = dataset
    bulk = [i for i in info["ids"] if "/bulk/" in i]
    start = threading.Barrier(4)
    failures: list[str] = []

    def label(url: str, auditor: str, ids: list[str]) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            start.wait()
            for n, sample_id in enumerate(ids):
                word = ("good", "bad", "skip")[n % 3]
                r = http.post("/api/datasets/dash/labels", json={"sample_id": sample_id, "auditor": auditor,
                                                                 "label": word, "note": f"{auditor} {n}"})
                if r.status_code != 200:
                    failures.append(f"{auditor} {n}: {r.status_code} {r.text}")

    with LiveServer(create_app([uri], use_disk_cache=False)) as one, \
            LiveServer(create_app([uri], use_disk_cache=False)) as two:
        # Each auditor on both dashboards; ann and bob label the same samples.
        jobs = [(one.url, "ann", bulk[:LABELS_EACH]), (two.url, "bob", bulk[:LABELS_EACH]),
                (two.url, "ann", bulk[LABELS_EACH: 2 * LABELS_EACH]), (one.url, "bob", bulk[:LABELS_EACH][::-1])]
        threads = [threading.Thread(target=label, args=job) for job in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    assert not failures, failures[:3]
    table = lance.dataset(audits_uri(uri)).to_table()
    assert table.num_rows == 4 * LABELS_EACH
    notes = sorted(table["comment"].to_pylist())
    assert notes == sorted(f"{a} {n}" for _url, a, ids in jobs for n in range(len(ids)))
    assert read_audits(uri, include_skips=True).num_rows == 4 * LABELS_EACH


def _append_many(uri: str, auditor: str, ids: list[str], barrier) -> None:
    barrier.wait()
    for sample_id in ids:
        append_audits(uri, [{"sample_id": sample_id, "auditor": auditor, "label": "keep"}], check_ids=False)


def test_two_processes_appending_at_once(dataset):
    uri, info = dataset
    ids = info["ids"][:15]
    context = multiprocessing.get_context("spawn")  # lance is not fork-safe
    barrier = context.Barrier(2)
    processes = [context.Process(target=_append_many, args=(uri, who, ids, barrier)) for who in ("ann", "bob")]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0]
    table = read_audits(uri)
    assert table.num_rows == 30
    assert sorted(zip(table["auditor"].to_pylist(), table["sample_id"].to_pylist())) == sorted(
        (who, i) for who in ("ann", "bob") for i in ids)
