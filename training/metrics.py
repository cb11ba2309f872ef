"""Training metrics: model FLOPs per step (for MFU), the metrics log and loss curves."""

from __future__ import annotations

import json
from pathlib import Path

from model.internvlu import InternVLU

# Dense bf16 peak FLOP/s per accelerator, for MFU; CPUs have none we can trust.
PEAK_FLOPS = {"H200": 989e12, "H100": 989e12, "A100": 312e12}


def step_flops(model: InternVLU, batch: dict, trainable: set[str]) -> float:
    """≈ FLOPs of one forward+backward: 2·N per token forward per component, plus 4·N
    backward where the component trains (2·N where gradients only pass through it)."""
    counts = {
        "vision": sum(p.numel() for p in model.vlm.vision_model.parameters()),
        "llm": sum(p.numel() for p in model.vlm.language_model.parameters()),
        "head": sum(p.numel() for p in model.generation_decoder.decoder.parameters()),
    }
    tiles = 0 if batch.get("pixel_values") is None else batch["pixel_values"].shape[0]
    vit_tokens = tiles * (model.cfg.vision.image_size // model.cfg.vision.patch_size) ** 2
    llm_tokens = int(batch["attention_mask"].sum())
    head_tokens = 0
    if batch.get("target_latents") is not None:
        _, _, h, w = batch["target_latents"].shape
        per_image = (h // 2) * (w // 2) * (1 + (0 if batch.get("cond_latents") is None else batch["cond_latents"].shape[1]))
        head_tokens = int(batch["has_target"].sum()) * (per_image + model.cfg.head.max_text_tokens)
    total = 0.0
    for part, tokens in (("vision", vit_tokens), ("llm", llm_tokens), ("head", head_tokens)):
        backward = 4 if part in trainable else 2
        total += (2 + backward) * counts[part] * tokens
    return total


def write_curves(metrics_file: Path, out: Path) -> Path | None:
    """loss_curves.png from metrics.jsonl (NTP and flow-matching loss, LR, throughput)."""
    rows = [json.loads(line) for line in metrics_file.read_text().splitlines() if line.strip()]
    if not rows:
        return None
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    steps = [r["step"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))
    axes[0].plot(steps, [r["ntp_loss"] for r in rows], label="next-token")
    axes[0].plot(steps, [r["fm_loss"] for r in rows], label="flow matching")
    axes[0].set_title("losses")
    axes[0].legend()
    axes[1].plot(steps, [r["lr"] for r in rows])
    axes[1].set_title("learning rate")
    axes[2].plot(steps, [r["samples_per_s"] for r in rows], label="samples/s")
    axes[2].plot(steps, [100 * r["data_wait_fraction"] for r in rows], label="% time waiting for data")
    axes[2].set_title("throughput")
    axes[2].legend()
    for ax in axes:
        ax.set_xlabel("step")
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out
