"""The VAE wrapper around diffusers' AutoencoderKLQwenImage (tiny, random weights)."""

from __future__ import annotations

import torch

from model.config import tiny
from model.vae import LatentCodec


def test_encode_decode_shapes_and_normalisation(tmp_path):
    codec = LatentCodec.from_config(tiny().vae)
    images = torch.rand(2, 3, 64, 48) * 2 - 1
    latents = codec.encode(images)
    assert latents.shape == (2, 16, 8, 6) and latents.dtype == torch.float32
    # normalised exactly as diffusers' QwenImage pipelines do: (z - mean) / std
    raw = codec.vae.encode(images.unsqueeze(2)).latent_dist.mode()[:, :, 0]
    mean = torch.tensor(codec.vae.config.latents_mean).view(1, -1, 1, 1)
    std = torch.tensor(codec.vae.config.latents_std).view(1, -1, 1, 1)
    assert torch.allclose(latents, (raw - mean) / std, atol=1e-6)
    decoded = codec.decode(latents)
    assert decoded.shape == (2, 3, 64, 48) and decoded.abs().max() <= 1
    assert not any(p.requires_grad for p in codec.parameters())

    codec.vae.save_pretrained(tmp_path / "vae")
    again = LatentCodec.from_pretrained(tmp_path / "vae")
    assert torch.allclose(again.encode(images), latents, atol=1e-6)
