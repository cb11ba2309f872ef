"""2×2 patchify of VAE latents into the head's tokens, in QwenImage's channel order.

[B, C, H, W] ↔ [B, (H/p)(W/p), C·p·p]; a token's features are (channel, row in patch, column in
patch), channel-major: diffusers QwenImagePipeline._pack_latents / _unpack_latents and the
released head's `rearrange("b c (h ph) (w pw) -> b (h w) (c ph pw)")`.
"""

from __future__ import annotations

import torch


def patchify(latents: torch.Tensor, patch_size: int = 2) -> torch.Tensor:
    batch, channels, height, width = latents.shape
    if height % patch_size or width % patch_size:
        raise ValueError(f"latent size {height}×{width} is not divisible by patch {patch_size}")
    p = patch_size
    tokens = latents.reshape(batch, channels, height // p, p, width // p, p).permute(0, 2, 4, 1, 3, 5)
    return tokens.reshape(batch, (height // p) * (width // p), channels * p * p)


def unpatchify(tokens: torch.Tensor, height: int, width: int, patch_size: int = 2) -> torch.Tensor:
    """Tokens [B, (H/p)(W/p), C·p·p] → latents [B, C, H, W]; height and width in latent pixels."""
    batch, count, features = tokens.shape
    p = patch_size
    if height % p or width % p or count != (height // p) * (width // p) or features % (p * p):
        raise ValueError(f"tokens {tuple(tokens.shape)} do not tile a {height}×{width} latent with patch {p}")
    channels = features // (p * p)
    latents = tokens.reshape(batch, height // p, width // p, channels, p, p).permute(0, 3, 1, 4, 2, 5)
    return latents.reshape(batch, channels, height, width)
