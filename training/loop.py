"""The per-worker training loop that Ray Train runs (`train_loop_per_worker`).

Each worker builds the model, restores a checkpoint when there is one (a restart inside
the run: `ray.train.get_checkpoint()`; a resumed run: `resume_from`), streams its planned
batches (training/plan.py) through a Ray Data pipeline of preprocessing actors, and
steps: forward (bf16 autocast on GPU), backward, clip, AdamW, LR schedule. Every
`log_every` steps all workers report metrics; every `checkpoint_every` steps rank 0 also
writes the checkpoint (model in our safetensors format + optimiser, scheduler, RNG state
and the ledger of samples consumed per view).
"""

from __future__ import annotations

import json
import math
import pickle
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

import numpy as np
import ray
import ray.train
import ray.train.torch
import torch
from torch import nn
from torch.distributed.checkpoint.state_dict import (
    StateDictOptions,
    get_model_state_dict,
    get_optimizer_state_dict,
    set_optimizer_state_dict,
)

from model import checkpoint as ckpt_format
from model.config import get_config
from model.internvlu import InternVLU
from model.tokenizer import TokenIds, load_tokenizer
from training.config import TrainConfig
from training.metrics import step_flops
from training.parallel import apply_activation_checkpointing, apply_fsdp
from training.plan import Plan, ViewRows
from training.preprocess import BatchBuilder
from training.views import View

TRAINER_STATE = "trainer.pt"
FULL = StateDictOptions(full_state_dict=True, cpu_offload=True)


def build_model(cfg: TrainConfig, token_ids: TokenIds) -> InternVLU:
    from dataclasses import replace  # noqa: PLC0415

    if Path(cfg.model).is_dir():
        from model.loading import read_any  # noqa: PLC0415

        _, model_cfg, state, _ = read_any(cfg.model)
    else:
        model_cfg, state = get_config(cfg.model), None
    model_cfg = replace(model_cfg, objective=replace(model_cfg.objective, ntp_weight=cfg.ntp_weight,
                                                     fm_weight=cfg.fm_weight))
    model = InternVLU(model_cfg, token_ids)
    if state is not None:
        model.load_state_dict(state, strict=False)
    return model


def parts_of(model: InternVLU) -> dict[str, list[nn.Parameter]]:
    head = model.generation_decoder
    return {"vision": list(model.vlm.vision_model.parameters()), "projector": list(model.vlm.mlp1.parameters()),
            "llm": list(model.vlm.language_model.parameters()) + list(model.vlm.special_token_embedding.parameters()),
            "connector": [head.encoder_padding_token, *head.decoder_projector.parameters()],
            "head": list(head.decoder.parameters())}


def set_trainable(model: InternVLU, trainable: tuple[str, ...]) -> list[nn.Parameter]:
    params = []
    for part, ps in parts_of(model).items():
        for p in ps:
            p.requires_grad_(part in trainable)
            if part in trainable:
                params.append(p)
    return params


def lr_factor(cfg: TrainConfig, step: int) -> float:
    if step < cfg.warmup_steps:
        return (step + 1) / cfg.warmup_steps
    if cfg.schedule == "constant":
        return 1.0
    progress = (step - cfg.warmup_steps) / max(1, cfg.steps - cfg.warmup_steps)
    return cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


def _to(batch: dict, device: torch.device) -> dict:
    return {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in batch.items()}


def _rng_state() -> dict:
    return {"torch": torch.get_rng_state(), "numpy": np.random.get_state()}


def train_loop_per_worker(config: dict) -> None:
    cfg = TrainConfig(**config["train"])
    views = [View(**v) for v in config["views"]]
    run_dir = Path(config["run_dir"])
    ctx = ray.train.get_context()
    rank, world = ctx.get_world_rank(), ctx.get_world_size()
    device = ray.train.torch.get_device()
    torch.manual_seed(cfg.seed)

    if cfg.kernels != "auto":  # auto: fused Triton kernels on GPU, eager on CPU (model/kernels)
        from model import kernels  # noqa: PLC0415

        kernels.configure(cfg.kernels)
    tokenizer = load_tokenizer(cfg.tokenizer)
    model = build_model(cfg, TokenIds.of(tokenizer))
    set_trainable(model, cfg.trainable_parts())
    trainable = set(cfg.trainable_parts())
    plan = Plan([ViewRows.scan(v, cfg.image) for v in views], cfg.batch_size, world, cfg.seed)

    start, optimizer_state = 0, None
    restored = ray.train.get_checkpoint()
    holder = restored.as_directory() if restored else nullcontext(config.get("resume_from"))
    with holder as resume_dir:
        if resume_dir:  # full (unsharded) weights: load before wrapping
            _, state = ckpt_format.load(resume_dir)
            model.load_state_dict(state)
            trainer_state = torch.load(Path(resume_dir) / TRAINER_STATE, weights_only=False)
            optimizer_state, start = trainer_state, trainer_state["step"]
            if trainer_state["ledger"] != plan.ledger(start):
                raise RuntimeError("the checkpoint's ledger does not match the data plan: the views or the "
                                   "worker count changed since it was written")

    # Parallelism in a fixed order: activation checkpointing, then FSDP2 or DDP.
    core = model
    if cfg.activation_checkpointing:
        apply_activation_checkpointing(model)
    model.to(device)
    # FSDP2's collectives need NCCL: gloo on CPU crashes the workers, so CPU runs use DDP.
    sharded = cfg.fsdp and world > 1 and device.type == "cuda"
    if sharded:
        apply_fsdp(model, mixed_precision=device.type == "cuda" and cfg.precision == "bf16")
    elif world > 1:  # DDP; samples without an image leave the head unused in that step
        model = ray.train.torch.prepare_model(model, parallel_strategy_kwargs={"find_unused_parameters": True})
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.lr, betas=cfg.betas, eps=cfg.eps, weight_decay=cfg.weight_decay)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: lr_factor(cfg, s))
    if optimizer_state is not None:
        if sharded:
            set_optimizer_state_dict(model, optimizer, optimizer_state["optimizer"], options=FULL)
        else:
            optimizer.load_state_dict(optimizer_state["optimizer"])
        scheduler.load_state_dict(optimizer_state["scheduler"])

    data_ctx = ray.data.DataContext.get_current()
    data_ctx.execution_options.preserve_order = True  # batches arrive in plan order
    items = [{"step": s, "view": b.view, "bucket": list(b.bucket), "row_ids": b.row_ids}
             for s, b in plan.worker_batches(rank, start, cfg.steps)]
    stream = ray.data.from_items(items).map_batches(
        BatchBuilder, batch_size=1, concurrency=1, num_cpus=cfg.data_workers,
        fn_constructor_kwargs={"model_config": core.cfg.to_dict(), "tokenizer": cfg.tokenizer, "vae": cfg.vae,
                               "views": config["views"], "cot": cfg.cot, "seed": cfg.seed},
    ).iter_batches(batch_size=1, prefetch_batches=2)
    stream = iter(stream)

    writer = None
    if rank == 0:
        run_dir.mkdir(parents=True, exist_ok=True)
        try:
            from torch.utils.tensorboard import SummaryWriter  # noqa: PLC0415

            writer = SummaryWriter(str(run_dir / "tensorboard"))
        except ImportError:
            writer = None
    consumed = (run_dir / f"consumed_rank{rank}.jsonl").open("a")
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" and cfg.precision == "bf16" \
        else nullcontext()
    window = {"t": time.perf_counter(), "wait": 0.0, "samples": 0, "tokens": 0, "flops": 0.0}
    for step in range(start, cfg.steps):
        t0 = time.perf_counter()
        batch = pickle.loads(next(stream)["payload"][0])
        window["wait"] += time.perf_counter() - t0
        if batch["step"] != step:
            raise RuntimeError(f"data plan out of order: got the batch of step {batch['step']} at step {step}")
        window["samples"] += len(batch["ids"])
        window["tokens"] += int(batch["attention_mask"].sum())
        window["flops"] += step_flops(core, batch, trainable)
        generator = torch.Generator().manual_seed(cfg.seed * 1_000_003 + step * world + rank)
        with autocast:
            out = model(_to(batch, device), generator=generator)
        out["loss"].backward()
        grad_norm = float(torch.nn.utils.clip_grad_norm_(params, cfg.grad_clip))
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        consumed.write(json.dumps({"step": step, "view": batch["view"], "ids": batch["ids"]}) + "\n")
        consumed.flush()

        done = step + 1
        is_ckpt = done % cfg.checkpoint_every == 0 or done == cfg.steps
        if done % cfg.log_every and not is_ckpt:
            continue
        seconds = time.perf_counter() - window["t"]
        metrics = {"step": done, "loss": float(out["loss"]), "ntp_loss": float(out["ntp_loss"]),
                   "fm_loss": float(out["fm_loss"]), "grad_norm": grad_norm, "lr": scheduler.get_last_lr()[0],
                   "samples_per_s": window["samples"] * world / seconds, "tokens_per_s": window["tokens"] * world / seconds,
                   "data_wait_fraction": window["wait"] / seconds, "model_tflops_per_s": window["flops"] * world / seconds / 1e12,
                   "mfu": _mfu(window["flops"] / seconds, device)}
        window = {"t": time.perf_counter(), "wait": 0.0, "samples": 0, "tokens": 0, "flops": 0.0}
        if rank == 0:
            with (run_dir / "metrics.jsonl").open("a") as f:
                f.write(json.dumps(metrics) + "\n")
            if writer:
                for key, value in metrics.items():
                    if key != "step" and value is not None:
                        writer.add_scalar(f"train/{key}", value, done)
                writer.flush()
        with tempfile.TemporaryDirectory() as tmp:
            checkpoint = None
            if is_ckpt:
                # Collective under FSDP (every rank gathers); only rank 0 writes.
                if sharded:
                    model_state = get_model_state_dict(model, options=FULL)
                    optim_state = get_optimizer_state_dict(model, optimizer, options=FULL)
                else:
                    model_state, optim_state = core.state_dict(), optimizer.state_dict()
                if rank == 0:
                    _save(core.cfg, model_state, optim_state, scheduler, done, plan, tmp, tokenizer, cfg)
                    checkpoint = ray.train.Checkpoint.from_directory(tmp)
            ray.train.report(metrics, checkpoint=checkpoint,
                             checkpoint_dir_name=f"step_{done:08d}" if is_ckpt else None)
    consumed.close()
    if writer:
        writer.close()


def _mfu(flops_per_s: float, device: torch.device) -> float | None:
    from training.metrics import PEAK_FLOPS  # noqa: PLC0415

    if device.type != "cuda":
        return None
    name = torch.cuda.get_device_name(device)
    peak = next((v for k, v in PEAK_FLOPS.items() if k in name), None)
    return flops_per_s / peak if peak else None


def _save(model_cfg, model_state: dict, optim_state: dict, scheduler, step: int, plan: Plan, folder: str, tokenizer,
          cfg: TrainConfig) -> None:
    ckpt_format.save(model_state, model_cfg, folder, extra={"step": step})
    torch.save({"optimizer": optim_state, "scheduler": scheduler.state_dict(), "step": step,
                "ledger": plan.ledger(step), "rng": _rng_state(), "config": cfg.model_dump()},
               Path(folder) / TRAINER_STATE)
    tokenizer.save_pretrained(folder)
    (Path(folder) / "ledger.json").write_text(json.dumps({"step": step, "views": plan.ledger(step)}, indent=2))
    if cfg.vae == "random":  # a real VAE is frozen: `unisynth generate --vae` points at it, no copy per step
        from model.vae import LatentCodec  # noqa: PLC0415

        torch.manual_seed(cfg.seed)
        LatentCodec.from_config(model_cfg.vae, cfg.seed).vae.save_pretrained(str(Path(folder) / "vae"))
