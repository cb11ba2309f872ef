"""Time SynthTIGER's horizontal one-line template on one core; print one JSON line.

    .peers/synthtiger-venv/bin/python bench/peers/synthtiger/run.py --count 200 --core 0

Runs inside the peer venv. Each image is what SynthTIGER's own generator loop makes
(`synthtiger.generator`, worker=0: per-task reseeding and retry of invisible text
included) plus the JPEG encode its example `save` does, so an "image" here is a
finished word image in memory. Warm-up images (imports, font and texture caches,
first-call allocations) are not timed.
"""

from __future__ import annotations

import os

# Before numpy / cv2 / scipy load: their thread pools are sized at import.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]
DEFAULT_RESOURCES = REPO_ROOT / ".peers" / "synthtiger-resources"
TEMPLATE_PATH = HERE / "template.py"
TEMPLATE_CLASS = "HorizontalText"


def pin_to_core(core: int) -> None:
    available = sorted(os.sched_getaffinity(0))
    if core not in available:
        raise SystemExit(f"run.py: --core {core} is not available to this process; allowed: {available}")
    os.sched_setaffinity(0, {core})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="timed images (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed images first (default: %(default)s)")
    parser.add_argument("--core", type=int, default=0, help="CPU core to pin to (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="task seed stream (default: %(default)s)")
    parser.add_argument("--resources", type=Path, default=DEFAULT_RESOURCES, help="from make_resources.py")
    args = parser.parse_args()
    if args.count < 1 or args.warmup < 0:
        raise SystemExit(f"run.py: --count must be >= 1 and --warmup >= 0, got {args.count} and {args.warmup}")
    if not (args.resources / "resources.json").is_file():
        raise SystemExit(f"run.py: no resources at {args.resources}; run make_resources.py first")

    pin_to_core(args.core)
    import cv2
    import synthtiger

    cv2.setNumThreads(1)
    sys.path.insert(0, str(HERE))
    from template import default_config, encode_jpeg

    config = default_config(str(args.resources))
    # One generator for warm-up and timing, so the template (fonts' glyph tables, corpus)
    # is built once, outside the timed part, as in a long-running SynthTIGER job.
    stream = synthtiger.generator(str(TEMPLATE_PATH), TEMPLATE_CLASS, config=config,
                                  count=args.warmup + args.count, worker=0, seed=args.seed)
    for _ in range(args.warmup):
        encode_jpeg(next(stream)[1])

    pixels = chars = encoded_bytes = 0
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    for _, data in stream:
        encoded_bytes += len(encode_jpeg(data))
        height, width = data["image"].shape[:2]
        pixels += height * width
        chars += len(data["label"])
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - cpu0

    print(json.dumps({
        "peer": "synthtiger",
        "version": synthtiger.__version__,
        "template": "horizontal one-line (examples/synthtiger config_horizontal)",
        "images": args.count,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "word_images_per_s_per_core": round(args.count / seconds, 3),
        "with_effects": True,
        "includes_jpeg_encode": True,
        "mean_image_px": round(pixels / args.count),
        "mean_chars": round(chars / args.count, 2),
        "mean_jpeg_bytes": round(encoded_bytes / args.count),
        "warmup_images": args.warmup,
        "core": args.core,
        "seed": args.seed,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }))


if __name__ == "__main__":
    main()
