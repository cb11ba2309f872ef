"""The VAE: diffusers' AutoencoderKLQwenImage, used as is, with latents normalised by its
per-channel mean/std the way diffusers' QwenImage pipelines do. It is frozen in every
training stage, so it lives beside the model, not inside its state dict."""

from __future__ import annotations

from pathlib import Path

import torch

from model.config import VAEConfig


class LatentCodec(torch.nn.Module):
    def __init__(self, vae) -> None:
        super().__init__()
        self.vae = vae.eval().requires_grad_(False)
        z = vae.config.z_dim
        self.register_buffer("mean", torch.tensor(vae.config.latents_mean, dtype=torch.float32).view(1, z, 1, 1),
                             persistent=False)
        self.register_buffer("std", torch.tensor(vae.config.latents_std, dtype=torch.float32).view(1, z, 1, 1),
                             persistent=False)

    @classmethod
    def from_config(cls, cfg: VAEConfig, seed: int = 0) -> LatentCodec:
        from diffusers import AutoencoderKLQwenImage  # noqa: PLC0415 - heavy import, only when used

        torch.manual_seed(seed)
        return cls(AutoencoderKLQwenImage(**cfg.diffusers_kwargs()))

    @classmethod
    def from_pretrained(cls, path: str | Path) -> LatentCodec:
        from diffusers import AutoencoderKLQwenImage  # noqa: PLC0415

        return cls(AutoencoderKLQwenImage.from_pretrained(str(path), local_files_only=True))

    @torch.no_grad()
    def encode(self, images: torch.Tensor) -> torch.Tensor:
        """Images [B, 3, H, W] in [-1, 1] → normalised latents [B, z, H/8, W/8] (the mode
        of the posterior: deterministic, as the targets of a regression should be)."""
        dtype = next(self.vae.parameters()).dtype
        posterior = self.vae.encode(images.to(dtype).unsqueeze(2)).latent_dist
        z = posterior.mode()[:, :, 0].float()
        return (z - self.mean) / self.std

    @torch.no_grad()
    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        """Normalised latents [B, z, h, w] → images [B, 3, 8h, 8w] in [-1, 1]."""
        dtype = next(self.vae.parameters()).dtype
        z = latents.float() * self.std + self.mean
        return self.vae.decode(z.to(dtype).unsqueeze(2)).sample[:, :, 0].float().clamp(-1, 1)
