"""The Lance sink without Ray: fragments written by a worker object, committed by the
driver object, compaction, the rejected-rows ledger and the resume guard."""

import lance
import numpy as np
import pyarrow as pa
import pytest

from pipelines.sink import (
    Committer,
    DatasetMismatchError,
    FragmentWriter,
    committed_seeds,
    dataset_metadata,
    job_schema,
    ledger_uri,
    open_or_create,
)
from pipelines.spec import validate_spec
from pipelines.stages import GenerateStage, JudgeStage


def make_spec(uri, **extra):
    return validate_spec({
        "job": "s", "seed": 100, "num_samples": 40, "output": str(uri),
        "generators": [{"name": "tests.plugins:BlankGenerator", "params": {"size": 8}}],
        "filters": [{"name": "image_sanity"}], **extra,
    })


def batches(spec, seeds, size=5):
    gen, judge = GenerateStage(spec.model_dump_json()), JudgeStage(spec.model_dump_json(), "image_sanity")
    for start in range(0, len(seeds), size):
        part = seeds[start:start + size]
        yield judge(gen(pa.table({"generator": [spec.generators[0].name] * len(part), "seed": part})))


def write_all(spec, seeds, commit_every=10, compact_every=2):
    schema = job_schema(spec)
    open_or_create(spec.output, schema)
    writer = FragmentWriter(spec.output, schema, keep_rejected=spec.keep_rejected, judged=True)
    committer = Committer(spec.output, commit_every, compact_every, compact_target_rows=1000)
    versions = []
    for batch in batches(spec, seeds):
        committer.add(writer(batch).to_pylist()[0])
        versions.append(lance.dataset(spec.output).count_rows())
    committer.finish()
    return committer, versions


def test_commits_in_intervals_and_compacts(tmp_path):
    spec = make_spec(tmp_path / "d.lance")
    committer, visible = write_all(spec, list(range(100, 140)))
    # 5-row batches, commits every 10 rows: rows become visible 10 at a time
    assert visible == [0, 10, 10, 20, 20, 30, 30, 40]
    ds = lance.dataset(spec.output)
    assert ds.count_rows() == 40 and len(ds.get_fragments()) == 1
    assert committer.commits == 4 and committer.compactions >= 2
    ids = ds.to_table(columns=["id"])["id"].to_pylist()
    assert len(set(ids)) == 40 and ids[0].startswith("s/tests.plugins:BlankGenerator/")
    # judged rows: odd seeds are blank → rejected; the rest kept
    t = ds.to_table(columns=["seed", "verdict", "reason"]).to_pylist()
    assert all(r["verdict"] == ("reject" if r["seed"] % 2 else "keep") for r in t)
    meta = dataset_metadata(ds)
    assert meta["fingerprint"] == spec.fingerprint() and "BlankGenerator" in meta["generator_versions"]
    np.testing.assert_array_equal(committed_seeds(spec.output), np.arange(100, 140))


def test_dropped_rejects_go_to_the_ledger_and_count_as_done(tmp_path):
    spec = make_spec(tmp_path / "d.lance", keep_rejected=False)
    write_all(spec, list(range(100, 120)))
    main, ledger = lance.dataset(spec.output), lance.dataset(ledger_uri(spec.output))
    assert set(main.to_table(columns=["verdict"])["verdict"].to_pylist()) == {"keep"}
    assert main.count_rows() == 10 and ledger.count_rows() == 10
    assert "image" not in ledger.schema.names
    assert len(committed_seeds(spec.output)) == 20


def test_uncommitted_fragments_are_invisible(tmp_path):
    spec = make_spec(tmp_path / "d.lance")
    schema = job_schema(spec)
    open_or_create(spec.output, schema)
    writer = FragmentWriter(spec.output, schema, keep_rejected=True, judged=True)
    batch = next(batches(spec, [100, 101, 102]))
    writer(batch)  # written, never committed: as if the driver was killed here
    assert lance.dataset(spec.output).count_rows() == 0


def test_resuming_with_a_different_spec_is_refused(tmp_path):
    uri = tmp_path / "d.lance"
    open_or_create(str(uri), job_schema(make_spec(uri)))
    other = make_spec(uri, seed=5)
    with pytest.raises(DatasetMismatchError, match="different spec"):
        open_or_create(str(uri), job_schema(other))
    # a bigger num_samples is the same job
    open_or_create(str(uri), job_schema(make_spec(uri, num_samples=1000)))
