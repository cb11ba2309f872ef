"""Flow matching for the generation head (DESIGN.md: objective, CFG).

Rectified flow: x_t = (1 − t)·x0 + t·ε, the model predicts the velocity v = ε − x0.
Training timesteps are logit-normal (t = sigmoid(n), n ~ N(mean, std)) then shifted
towards noise by `shift` (t' = s·t / (1 + (s − 1)·t), SD3's resolution shift), which is
the same map diffusers' flow-matching schedulers apply at inference.
"""

from __future__ import annotations

import torch

from model.config import ObjectiveConfig


def shift_timesteps(t: torch.Tensor, shift: float) -> torch.Tensor:
    return shift * t / (1 + (shift - 1) * t)


def sample_timesteps(batch: int, cfg: ObjectiveConfig, generator: torch.Generator | None = None,
                     device: torch.device | str = "cpu") -> torch.Tensor:
    n = torch.randn(batch, generator=generator, device=device) * cfg.logit_normal_std + cfg.logit_normal_mean
    return shift_timesteps(torch.sigmoid(n), cfg.time_shift)


def noisy_latents(x0: torch.Tensor, noise: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    t = t.view(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)
    return (1 - t) * x0 + t * noise


def velocity_target(x0: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    return noise - x0


def flow_matching_loss(pred: torch.Tensor, target: torch.Tensor, weights: torch.Tensor | None = None,
                       mask: torch.Tensor | None = None) -> torch.Tensor:
    """Mean squared velocity error per sample (over its valid tokens), then the weighted
    mean over samples. `pred`/`target` [B, N, C]; `mask` [B, N] marks valid tokens;
    `weights` [B] (0 drops a sample, e.g. one without an image target). The reference and
    the fused kernel live in model/kernels/flow_matching_loss.py; the backend is chosen there."""
    from model import kernels  # noqa: PLC0415 - kernels import torch/triton machinery only when used

    return kernels.select("flow_matching_loss")(pred, target, weights, mask)


def condition_drops(tasks: list[str], cfg: ObjectiveConfig, generator: torch.Generator | None = None
                    ) -> tuple[torch.Tensor, torch.Tensor]:
    """Which samples train unconditionally (classifier-free guidance): returns boolean
    (drop_text [B], drop_image [B]). T2I drops its text with p = t2i_drop; editing drops
    text and source image together with p = edit_drop_all and only the text with
    p = edit_drop_text (DESIGN.md: 5 % + 5 %)."""
    u = torch.rand(len(tasks), generator=generator)
    drop_text = torch.zeros(len(tasks), dtype=torch.bool)
    drop_image = torch.zeros(len(tasks), dtype=torch.bool)
    for i, task in enumerate(tasks):
        if task == "t2i":
            drop_text[i] = bool(u[i] < cfg.t2i_drop)
        elif task == "edit":
            both = bool(u[i] < cfg.edit_drop_all)
            drop_text[i] = both or bool(u[i] < cfg.edit_drop_all + cfg.edit_drop_text)
            drop_image[i] = both
    return drop_text, drop_image
