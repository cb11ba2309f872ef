"""`unisynth curate`, `unisynth encode-latents` and `unisynth train` (registered by pipelines/cli.py)."""

from __future__ import annotations

import argparse


def cmd_curate(args) -> int:
    from training.views import curate  # noqa: PLC0415

    view = curate(args.uri, args.name, args.where, args.weight, args.registry, args.replace)
    print(f"view {view.name}: {view.rows} rows of {view.uri} at version {view.version} (tag {view.tag}), "
          f"weight {view.weight:g}, where {view.where!r}")
    return 0


def cmd_encode_latents(args) -> int:
    from model.config import get_config  # noqa: PLC0415
    from model.vae import LatentCodec  # noqa: PLC0415
    from training.config import ImageSettings  # noqa: PLC0415
    from training.latents import encode_latents  # noqa: PLC0415

    codec = LatentCodec.from_config(get_config(args.model).vae, args.seed) if args.vae == "random" \
        else LatentCodec.from_pretrained(args.vae)
    rows = encode_latents(args.uri, codec, ImageSettings(min_px=args.min_px, max_px=args.max_px),
                          batch_size=args.batch_size)
    print(f"{args.uri}: latents and source_latents written for {rows} rows")
    return 0


def cmd_train(args) -> int:
    from training.config import load_config  # noqa: PLC0415
    from training.run import train  # noqa: PLC0415
    from training.views import load_views  # noqa: PLC0415

    cfg = load_config(args.config, name=args.name, steps=args.steps)
    views = load_views(args.view, args.registry)
    run_dir = train(cfg, views, runs=args.runs, resume=args.resume, address=args.address)
    print(f"run: {run_dir} (metrics.jsonl, loss_curves.png, final/)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("curate", help="record a curated view (dataset, pinned version, filter, weight)")
    p.add_argument("uri")
    p.add_argument("--name", required=True)
    p.add_argument("--where", required=True, help="Lance SQL filter, e.g. \"verdict = 'keep'\"")
    p.add_argument("--weight", type=float, default=1.0, help="share of a mixture (relative)")
    p.add_argument("--registry", help="views file (default: $UNISYNTH_VIEWS or ./views.json)")
    p.add_argument("--replace", action="store_true", help="re-pin an existing view")
    p.set_defaults(fn=cmd_curate)

    p = sub.add_parser("encode-latents", help="precompute VAE latents into new Lance columns")
    p.add_argument("uri")
    p.add_argument("--vae", required=True, help="diffusers AutoencoderKLQwenImage folder, or 'random' (tests)")
    p.add_argument("--model", default="tiny", help="model config whose VAE sizes 'random' uses")
    p.add_argument("--min-px", type=int, default=512)
    p.add_argument("--max-px", type=int, default=1024)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(fn=cmd_encode_latents)

    p = sub.add_parser("train", help="train InternVL-U on curated views with Ray Train")
    p.add_argument("config", help="training config YAML (see training/configs/)")
    p.add_argument("--view", action="append", required=True, help="a view name; repeat for a mixture")
    p.add_argument("--registry", help="views file (default: $UNISYNTH_VIEWS or ./views.json)")
    p.add_argument("--runs", default="runs", help="folder of runs")
    p.add_argument("--name", help="run name (overrides the config's)")
    p.add_argument("--steps", type=int, help="overrides the config's steps")
    p.add_argument("--address", help="Ray cluster address (default: a local Ray)")
    p.add_argument("--resume", action="store_true", help="continue the run from its last checkpoint")
    p.set_defaults(fn=cmd_train)
