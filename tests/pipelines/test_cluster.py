"""The same spec on a multi-node Ray cluster (`--address`), simulated on this machine
with `ray.cluster_utils.Cluster`. In a subprocess: the test session's own Ray is local."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import lance
import pytest

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import json, sys
    from ray.cluster_utils import Cluster
    from pipelines.runner import run_job
    from pipelines.spec import validate_spec

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    spec = validate_spec({
        "job": "cluster", "num_samples": 40, "output": sys.argv[1], "batch_size": 4, "commit_every": 10,
        "generators": [{"name": "tests.plugins:FlakyGenerator", "params": {"size": 16}}],
        "filters": [{"name": "image_sanity"}],
        "resources": {"generate": {"num_cpus": 0.5, "min_actors": 2}},
    })
    result = run_job(spec, address=cluster.address)
    print(json.dumps({"written": result.written, "cluster_cpus": result.cores}))
    cluster.shutdown()
""")


@pytest.mark.slow
def test_job_runs_on_a_two_node_cluster(tmp_path):
    uri = str(tmp_path / "cluster.lance")
    proc = subprocess.run([sys.executable, "-c", SCRIPT, uri], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    # two 1-CPU nodes: a 2-actor generator pool of 0.5 CPU each needs both nodes' resources counted
    assert report == {"written": 40, "cluster_cpus": 2.0}
    ids = lance.dataset(uri).to_table(columns=["id"])["id"].to_pylist()
    assert len(ids) == 40 and len(set(ids)) == 40
