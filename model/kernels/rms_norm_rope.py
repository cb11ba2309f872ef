"""QK-norm fused with the rotary embedding: rope(RMSNorm(x)) for x [B, L, H, D].

Both the head (per-head RMSNorm then MSRoPE, interleaved pairs) and the LLM (q_norm/k_norm
then RoPE, rotate-half) normalise each head vector and rotate it right away. Unfused that
is two passes over q and k forward (plus the reference's upcasts) and two backward; fused,
one each way. The kernel is `rope`'s with its norm prologue switched on (HAS_NORM).

`rope` is complex factors [L, D/2] or [B, L, D/2] (MSRoPE, interleaved) or a (cos, sin)
pair [L, D] or [B, L, D] (rotate-half). The result is [B, L, H, D] in both cases: the LLM
transposes to [B, H, L, D] after the call, as it would after the norm.
"""

from __future__ import annotations

import torch

from model.kernels._triton import runs_here
from model.kernels.rms_norm import reference as rms_norm_reference
from model.kernels.rope import Rope, msrope_reference, msrope_tables, rotary_tables, rotate_half

RopeTables = torch.Tensor | tuple[torch.Tensor, torch.Tensor]


def reference(x: torch.Tensor, weight: torch.Tensor | None, eps: float, rope: RopeTables) -> torch.Tensor:
    """The unfused composition: RMSNorm, then MSRoPE (complex `rope`) or rotate-half RoPE ((cos, sin))."""
    normed = rms_norm_reference(x, weight, eps)
    if isinstance(rope, torch.Tensor):
        return msrope_reference(normed, rope)
    cos, sin = rotary_tables(*rope)
    cos, sin = cos.unsqueeze(2), sin.unsqueeze(2)  # [B, L, 1, D]: broadcast over heads
    return normed * cos + rotate_half(normed) * sin


def rms_norm_rope(x: torch.Tensor, weight: torch.Tensor | None, eps: float, rope: RopeTables) -> torch.Tensor:
    """The fused kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere."""
    if x.numel() == 0 or not runs_here(x) or x.dim() != 4:
        return reference(x, weight, eps, rope)
    interleaved = isinstance(rope, torch.Tensor)
    cos, sin = msrope_tables(rope) if interleaved else rotary_tables(*rope)
    return Rope.apply(x, cos, sin, weight, eps, interleaved, True)
