"""One local Ray per test session (starting Ray costs seconds; 2 cores are shared)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Ray workers inherit the environment of the Ray started below: make the test plugins
# (tests/plugins.py) importable in them, as they are here.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Triton picks compiled or interpreted mode once, at import: without a GPU the kernel tests
# (and any model test that reaches a kernel) must run interpreted, whatever imports triton first.
if not os.path.exists("/dev/nvidia0"):
    os.environ.setdefault("TRITON_INTERPRET", "1")


@pytest.fixture(scope="session")
def ray_local():
    import ray

    # address="local": a fresh Ray even if a test (or anyone) has a `ray start` head running here
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
