"""SynthTIGER as a benchmark peer, callable from the project's venv.

    from bench.peers.synthtiger_peer import measure
    row = measure(count=200, core=0)
    if not row["available"]:
        print(f"synthtiger: peer unavailable ({row['error']})")

SynthTIGER needs numpy<2 / pillow<10, so it lives in its own venv
(`.peers/synthtiger-venv`, made by `synthtiger/setup.sh`) and is driven through
subprocesses: setup (a no-op once done), resources (likewise), then `synthtiger/run.py`,
whose one JSON line is returned. A peer that cannot be set up (no network for pip, no
suitable Python, no fonts) comes back as {"available": False, "error": "<one line>"}
rather than an exception, so a benchmark run still reports its own figures.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

PEER_DIR = Path(__file__).resolve().parent / "synthtiger"
REPO_ROOT = PEER_DIR.parents[2]
# setup.sh honours the same variable, so both sides agree on where the venv is.
VENV = Path(os.environ.get("SYNTHTIGER_VENV") or REPO_ROOT / ".peers" / "synthtiger-venv")
RESOURCES = REPO_ROOT / ".peers" / "synthtiger-resources"
SETUP_TIMEOUT_S = 900  # a cold pip install of ~60 MB of wheels
RESOURCES_TIMEOUT_S = 300
# SynthTIGER makes ~10 images/s on one core; leave room for a slow, shared machine.
RUN_TIMEOUT_BASE_S, RUN_TIMEOUT_PER_IMAGE_S = 120, 2.0


class PeerUnavailable(RuntimeError):
    """The peer could not be set up or run; the message is one line."""


def _clean_env() -> dict[str, str]:
    # The project's venv must not leak into the peer's interpreter.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def _step(what: str, command: list[str], timeout_s: float) -> str:
    """Run one step; its stdout, or PeerUnavailable naming the step and its last error line."""
    try:
        done = subprocess.run(command, cwd=REPO_ROOT, env=_clean_env(), capture_output=True,
                              text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise PeerUnavailable(f"synthtiger {what} took over {timeout_s:.0f} s") from None
    except OSError as err:
        raise PeerUnavailable(f"synthtiger {what} could not start: {err}") from None
    if done.returncode != 0:
        raise PeerUnavailable(f"synthtiger {what} failed (exit {done.returncode}): "
                              f"{_last_line(done.stderr or done.stdout)}")
    return done.stdout


def ensure_ready() -> Path:
    """Set up the venv and resources if needed (idempotent, ~0.5 s when done); the peer's python."""
    _step("setup", ["bash", str(PEER_DIR / "setup.sh")], SETUP_TIMEOUT_S)
    python = VENV / "bin" / "python"
    _step("resources", [str(python), str(PEER_DIR / "make_resources.py"), "--out", str(RESOURCES)],
          RESOURCES_TIMEOUT_S)
    return python


def measure(count: int = 200, core: int = 0) -> dict:
    """Word images/s of SynthTIGER's horizontal template, pinned to `core`.

    Returns run.py's JSON (peer, version, images, seconds, word_images_per_s_per_core,
    with_effects, ...) plus "available": True, or {"peer", "available": False, "error"}.
    """
    if not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a positive int (timed images), got {count!r}")
    allowed = sorted(os.sched_getaffinity(0))
    if core not in allowed:
        raise ValueError(f"core must be one of the cores this process may use {allowed}, got {core!r}")
    try:
        python = ensure_ready()
        stdout = _step("run", [str(python), str(PEER_DIR / "run.py"), "--count", str(count),
                               "--core", str(core), "--resources", str(RESOURCES)],
                       RUN_TIMEOUT_BASE_S + RUN_TIMEOUT_PER_IMAGE_S * count)
        try:
            result = json.loads(_last_line(stdout))
        except ValueError:
            raise PeerUnavailable(f"synthtiger run printed no JSON line: {_last_line(stdout)[:200]}") from None
    except PeerUnavailable as err:
        return {"peer": "synthtiger", "available": False, "error": str(err)}
    return {**result, "available": True}


if __name__ == "__main__":
    print(json.dumps(measure(count=50)))
