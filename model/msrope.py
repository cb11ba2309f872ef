"""Unified multimodal-scale RoPE (MSRoPE) of the generation head: 3D (t, h, w) positions.

One sequence lays out image grids and text runs in order, as the released head packs them
(`InternVLUTransformer2DModel`): the generated latent grid first (with editing condition
latents as extra frames t = 1..n on the same h/w grid), then the MLLM context, whose
ViT image tokens also get grid positions. Rules:

- an image grid starts its frame axis at the running position p; h and w are centred
  (indices -⌈H/2⌉ … ⌊H/2⌋-1, as QwenImage's `scale_rope=True`);
- a text token at position p gets (p, p, p);
- after an image, p continues at ⌊largest index of that image⌋ + 1, so text never shares a
  position with the grid before it;
- resolution interpolation: a grid smaller than the max-resolution grid has its h/w indices
  stretched (linearly, end points onto end points) onto the range the max grid spans, so a
  32×32 and a 64×64 latent grid cover the same positions. One scale serves both axes, which
  keeps the aspect ratio. A segment can instead carry the released scale factor itself
  (`video_position_scale_factor`, `vlm_cond_position_scale_factor`).

Frequencies: the head dim splits into `axes_dims` (16, 56, 56 in full) for (t, h, w); each
axis is ordinary RoPE with θ 10000 on interleaved pairs (complex form, as QwenImage and the
released code). Angles are computed in fp32 exactly as both references do, so that the
factors match them bit for bit (fp64 angles would differ by an fp32 ulp of the angle).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import torch

from model import kernels

# ("text", n) or ("image", t, h, w) or ("image", t, h, w, scale)
Segment = tuple[str, int] | tuple[str, int, int, int] | tuple[str, int, int, int, float]


def centred_axis(n: int) -> torch.Tensor:
    """Centred integer indices of an n-long grid axis, fp64: -⌈n/2⌉ … ⌊n/2⌋-1."""
    return torch.arange(n, dtype=torch.float64) - (n - n // 2)


def stretch_axis(n: int, scale: float | Fraction) -> torch.Tensor:
    """Centred indices of an n-long axis mapped linearly onto the range of an n/scale-long axis.

    The released `_create_single_video_positions`: the end points -⌈n/2⌉ and ⌊n/2⌋-1 go to
    -int(⌈n/2⌉/scale) and int(⌊n/2⌋/scale)-1; scale = 1 leaves the indices as they are.
    """
    idx = centred_axis(n)
    if scale == 1 or n < 2:
        return idx
    neg, pos = n - n // 2, n // 2
    lo, hi = -neg, pos - 1
    new_lo, new_hi = -int(neg / scale), int(pos / scale) - 1
    return new_lo + (idx - lo) * (new_hi - new_lo) / (hi - lo)


def grid_scale(h: int, w: int, max_grid: int | tuple[int, int] | None) -> Fraction:
    """The one scale (≤ 1) that stretches an h×w grid onto the max grid without changing its aspect."""
    if max_grid is None:
        return Fraction(1)
    max_h, max_w = (max_grid, max_grid) if isinstance(max_grid, int) else max_grid
    return min(Fraction(1), max(Fraction(h, max_h), Fraction(w, max_w)))


def grid_positions(t: int, h: int, w: int, start: float, scale: float | Fraction = 1) -> torch.Tensor:
    """[t·h·w, 3] fp64 positions of a t×h×w grid in (t, h, w) raster order, frames from `start`."""
    frames = start + torch.arange(t, dtype=torch.float64)
    rows, cols = stretch_axis(h, scale), stretch_axis(w, scale)
    grid = torch.meshgrid(frames, rows, cols, indexing="ij")
    return torch.stack([axis.flatten() for axis in grid], dim=-1)


def build_positions(segments: Sequence[Segment], max_grid: int | tuple[int, int] | None = None,
                    start: int = 0) -> torch.Tensor:
    """Positions [L, 3] (fp32; integers unless a grid was stretched) of the segments in order.

    `max_grid` (latent or token grid side, or (H, W)) turns on resolution interpolation for the
    image segments that carry no scale of their own; `None` keeps every grid's own indices.
    """
    pieces: list[torch.Tensor] = []
    p = start
    for seg in segments:
        kind = seg[0]
        if kind == "text":
            n = int(seg[1])
            pieces.append(torch.arange(p, p + n, dtype=torch.float64)[:, None].expand(n, 3))
            p += n
        elif kind == "image":
            t, h, w = (int(v) for v in seg[1:4])
            if min(t, h, w) <= 0:
                raise ValueError(f"image segment needs positive t, h, w: {seg!r}")
            scale = seg[4] if len(seg) > 4 else grid_scale(h, w, max_grid)
            block = grid_positions(t, h, w, start=p, scale=scale)
            pieces.append(block)
            p = int(block.max().item()) + 1
        else:
            raise ValueError(f"unknown segment kind {kind!r} in {seg!r}; allowed: text, image")
    if not pieces:
        return torch.zeros(0, 3)
    return torch.cat(pieces).float()


def fit_context(segments: Sequence[Segment], length: int) -> list[Segment]:
    """Cut or pad a context layout to exactly `length` tokens, as the connector cuts/pads the states.

    An image cut in the middle loses its grid and its kept tokens count as text (what the
    released position builder falls back to when a span does not match its grid).
    """
    fitted: list[Segment] = []
    used = 0
    for seg in segments:
        n = int(seg[1]) if seg[0] == "text" else int(seg[1]) * int(seg[2]) * int(seg[3])
        room = length - used
        if room <= 0:
            break
        fitted.append(seg if n <= room else ("text", room))
        used += min(n, room)
    if used < length:
        fitted.append(("text", length - used))
    return fitted


def head_positions(latent_hw: tuple[int, int], num_conditions: int, context: Sequence[Segment],
                   max_grid: int | tuple[int, int] | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """(image positions [(1+n)·h·w, 3], context positions [L, 3]) for the head's two streams.

    `latent_hw` is the patchified latent grid (latent H/2, W/2); the target is frame 0 and the
    n condition images frames 1..n on the same grid. `context` lays out the connector output
    (use `fit_context` so that it has exactly max_text_tokens tokens).
    """
    h, w = latent_hw
    image = ("image", 1 + num_conditions, h, w)
    positions = build_positions([image, *context], max_grid=max_grid)
    n_img = (1 + num_conditions) * h * w
    return positions[:n_img], positions[n_img:]


def axis_inv_freq(dim: int, theta: float, device: torch.device | None = None) -> torch.Tensor:
    """θ^(-2i/dim) for i < dim/2, fp32, computed as QwenEmbedRope and the released UnifiedMSRoPE do."""
    if dim % 2:
        raise ValueError(f"RoPE axis dim must be even, got {dim}")
    return 1.0 / torch.pow(theta, torch.arange(0, dim, 2, device=device).to(torch.float32).div(dim))


def rope_frequencies(positions: torch.Tensor, axes_dims: Sequence[int], theta: float = 10_000.0) -> torch.Tensor:
    """Complex rotary factors [..., sum(axes_dims)/2] (complex64) for positions [..., 3].

    Per axis: exp(i · position · θ^(-2j/dim)), concatenated (t, h, w) along the last dim.
    """
    if positions.shape[-1] != len(axes_dims):
        raise ValueError(f"positions [..., {positions.shape[-1]}] do not match axes_dims {tuple(axes_dims)}")
    pieces = []
    for axis, dim in enumerate(axes_dims):
        angle = positions[..., axis, None].float() * axis_inv_freq(dim, theta, positions.device)
        pieces.append(torch.polar(torch.ones_like(angle), angle))
    return torch.cat(pieces, dim=-1)


def apply_rope(x: torch.Tensor, freqs: torch.Tensor) -> torch.Tensor:
    """Rotate x [B, L, H, D] by complex factors [L, D/2] or [B, L, D/2]; pairs are interleaved (x0, x1), ….

    The rotation runs in fp32 and the result comes back in x's dtype (model/kernels/rope.py).
    """
    return kernels.select("msrope")(x, freqs)
