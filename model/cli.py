"""`unisynth model-info`, `unisynth generate` and `unisynth convert` (registered by
pipelines/cli.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from model.errors import CheckpointError

PAPER = {"vision": 0.3e9, "llm": 2.0e9, "head": 1.7e9}


def cmd_model_info(args) -> int:
    import torch  # noqa: PLC0415

    from model.config import CONFIGS, get_config  # noqa: PLC0415
    from model.internvlu import InternVLU, parameter_counts  # noqa: PLC0415

    if not Path(args.config).is_dir() and args.config not in CONFIGS:
        raise CheckpointError(f"unknown model config {args.config!r}; allowed: {', '.join(CONFIGS)} or a checkpoint "
                              "folder")
    if Path(args.config).is_dir():
        from model.loading import read_any  # noqa: PLC0415

        _, config, _, _ = read_any(args.config)
    else:
        config = get_config(args.config)
    with torch.device("meta"):  # counts without allocating a single weight
        counts = parameter_counts(InternVLU(config))
    head = counts["head"] + counts["connector"]
    rows = [("vision (InternViT)", counts["vision"], PAPER["vision"]),
            ("projector (mlp1)", counts["projector"], None),
            ("llm (Qwen3)", counts["llm"], PAPER["llm"]),
            ("special token embedding", counts["special_tokens"], None),
            ("head (MMDiT + connector)", head, PAPER["head"]),
            ("  of which attention gate", counts["head_attention_gate"], None),
            ("total", counts["total"], 4.0e9)]
    print(f"model config {config.name}: parameters per component (meta device, nothing allocated)")
    print(f"{'component':28} {'parameters':>16} {'paper':>8}")
    for name, n, paper in rows:
        ref = f"{paper / 1e9:.1f}B" if paper and config.name == "full" else ""
        print(f"{name:28} {n:>16,} {ref:>8}")
    return 0


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, e.g. 512x512, got {text!r}") from None
    return w, h


def cmd_generate(args) -> int:
    from PIL import Image  # noqa: PLC0415

    from model.loading import load_model  # noqa: PLC0415
    from model.sampling import generate  # noqa: PLC0415

    loaded = load_model(args.checkpoint, args.tokenizer, args.vae)
    if not loaded.has_head:
        raise CheckpointError(f"{args.checkpoint}: an HF InternVL checkpoint has no generation head; train one first")
    if loaded.tokenizer is None:
        raise CheckpointError(f"{args.checkpoint}: no tokenizer.json there; pass --tokenizer DIR")
    if loaded.codec is None:
        raise CheckpointError(f"{args.checkpoint}: no vae/ folder there; pass --vae DIR")
    source = Image.open(args.source) if args.source else None
    width, height = args.size
    result = generate(loaded.model, loaded.codec, loaded.tokenizer, args.prompt, source=source, width=width,
                      height=height, steps=args.steps, cot=args.cot, seed=args.seed, solver=args.solver)
    result.image.save(args.out)
    if result.reasoning:
        print(f"reasoning: {result.reasoning}")
    print(f"image: {args.out} ({width}x{height}, {args.steps} steps, seed {args.seed})")
    return 0


def cmd_convert(args) -> int:
    from model.loading import load_model, save_model  # noqa: PLC0415

    loaded = load_model(args.src)
    save_model(loaded.model, args.dst, loaded.tokenizer, loaded.codec, layout=args.to)
    print(f"{args.src} ({loaded.kind}) -> {args.dst} ({args.to})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("model-info", help="parameters per component of a model config or checkpoint (meta device)")
    p.add_argument("config", help="full, small, tiny, or a checkpoint folder")
    p.set_defaults(fn=cmd_model_info)

    p = sub.add_parser("generate", help="draw an image (or edit one) with an InternVL-U checkpoint")
    p.add_argument("checkpoint")
    p.add_argument("--prompt", required=True)
    p.add_argument("--source", help="image to edit")
    p.add_argument("--out", required=True, help="PNG to write")
    p.add_argument("--size", type=_size, default=(512, 512), help="WIDTHxHEIGHT, multiples of 16 (default 512x512)")
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--cot", action="store_true", help="let the LLM reason before drawing")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--solver", choices=("dpm", "euler"), default="dpm")
    p.add_argument("--tokenizer", help="tokenizer folder (default: the checkpoint's)")
    p.add_argument("--vae", help="VAE folder (default: the checkpoint's vae/)")
    p.set_defaults(fn=cmd_generate)

    p = sub.add_parser("convert", help="convert a checkpoint between our format and the released InternVL-U layout")
    p.add_argument("src", help="ours, released InternVL-U, or HF InternVL folder")
    p.add_argument("dst")
    p.add_argument("--to", choices=("ours", "released"), required=True)
    p.set_defaults(fn=cmd_convert)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    ns = parser.parse_args()
    sys.exit(ns.fn(ns))
