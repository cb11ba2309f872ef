"""Flow-matching pieces: timestep distribution, interpolation, loss, CFG dropping rates."""

from __future__ import annotations

import torch
from diffusers import FlowMatchEulerDiscreteScheduler

from model.config import ObjectiveConfig
from model.flow import (
    condition_drops,
    flow_matching_loss,
    noisy_latents,
    sample_timesteps,
    shift_timesteps,
    velocity_target,
)


def test_shift_matches_diffusers_flow_matching_scheduler():
    scheduler = FlowMatchEulerDiscreteScheduler(num_train_timesteps=1000, shift=3.0)
    sigmas = scheduler.sigmas[:-1] if len(scheduler.sigmas) > 1000 else scheduler.sigmas
    unshifted = torch.linspace(1.0, 1 / 1000, 1000)
    assert torch.allclose(shift_timesteps(unshifted, 3.0), sigmas.float(), atol=1e-5)


def test_logit_normal_timesteps_are_shifted_towards_noise():
    cfg = ObjectiveConfig()
    t = sample_timesteps(200_000, cfg, torch.Generator().manual_seed(0))
    assert 0 < t.min() and t.max() < 1
    # median of sigmoid(N(0,1)) is 0.5; shift 3 maps it to 0.75
    assert abs(t.median().item() - 0.75) < 0.01
    plain = sample_timesteps(200_000, ObjectiveConfig(time_shift=1.0), torch.Generator().manual_seed(0))
    assert abs(plain.median().item() - 0.5) < 0.01


def test_interpolation_endpoints_and_velocity():
    x0, noise = torch.randn(3, 5, 4), torch.randn(3, 5, 4)
    assert torch.equal(noisy_latents(x0, noise, torch.zeros(3)), x0)
    assert torch.equal(noisy_latents(x0, noise, torch.ones(3)), noise)
    t = torch.tensor([0.2, 0.5, 0.9])
    dt = 1e-3
    numeric = (noisy_latents(x0, noise, t + dt) - noisy_latents(x0, noise, t)) / dt
    assert torch.allclose(numeric, velocity_target(x0, noise), atol=1e-2)


def test_loss_masks_tokens_and_weights_samples():
    pred, target = torch.zeros(2, 4, 3), torch.ones(2, 4, 3)
    target[1] = 3.0
    assert flow_matching_loss(pred, target).item() == 5.0  # (1 + 9) / 2
    assert flow_matching_loss(pred, target, weights=torch.tensor([1.0, 0.0])).item() == 1.0
    mask = torch.tensor([[1, 1, 0, 0], [1, 1, 1, 1]], dtype=torch.bool)
    target[0, 2:] = 100.0  # ignored by the mask
    assert flow_matching_loss(pred, target, mask=mask).item() == 5.0


def test_condition_dropping_rates():
    cfg = ObjectiveConfig()
    n = 40_000
    drop_text, drop_image = condition_drops(["t2i"] * n, cfg, torch.Generator().manual_seed(1))
    assert abs(drop_text.float().mean().item() - 0.10) < 0.01 and not drop_image.any()
    drop_text, drop_image = condition_drops(["edit"] * n, cfg, torch.Generator().manual_seed(2))
    assert abs(drop_image.float().mean().item() - 0.05) < 0.01
    assert abs(drop_text.float().mean().item() - 0.10) < 0.01
    assert bool((drop_text | ~drop_image).all()), "the image is never dropped without the text"
    drop_text, drop_image = condition_drops(["und"] * 100, cfg)
    assert not drop_text.any() and not drop_image.any()
