"""Small building blocks shared by the model files, in plain torch.

Each is a separate function or module on purpose: the fused Triton kernels (`model/kernels/`)
replace them one at a time, and a test compares each kernel against the function here.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from model import kernels


class RMSNorm(nn.Module):
    """Root-mean-square norm (Qwen3, QK-norm, the MMDiT's text norm).

    The statistics are computed in fp32 and the result cast back to the input dtype, as in
    Qwen3 and diffusers: bf16 squares lose too much precision over a 2048-wide row.
    """

    def __init__(self, dim: int, eps: float = 1e-6, elementwise_affine: bool = True):
        super().__init__()
        self.dim = dim
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim)) if elementwise_affine else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # fp32 statistics, cast back before the weight multiply as transformers' Qwen3RMSNorm
        # does, so that bf16 results match the released model bit for bit (model/kernels/rms_norm.py)
        return kernels.select("rms_norm")(x, self.weight, self.eps)

    def extra_repr(self) -> str:
        return f"{self.dim}, eps={self.eps}, elementwise_affine={self.weight is not None}"


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    """[x1, x2] → [-x2, x1] over the last dim (the non-interleaved RoPE layout of Qwen/Llama)."""
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def rotary(q: torch.Tensor, k: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Apply rotary position embeddings to q and k ([B, H, L, D]); cos/sin are [B, L, D] or [L, D]."""
    return kernels.select("rotary")(q, k, cos, sin)


def rope_cos_sin(position_ids: torch.Tensor, head_dim: int, theta: float,
                 dtype: torch.dtype = torch.float32) -> tuple[torch.Tensor, torch.Tensor]:
    """cos/sin tables [B, L, head_dim] for integer positions [B, L] (computed in fp32)."""
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64, device=position_ids.device).float()
                                / head_dim))
    freqs = position_ids.float()[..., None] * inv_freq  # [B, L, head_dim/2]
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos().to(dtype), emb.sin().to(dtype)


def swiglu(gate: torch.Tensor, up: torch.Tensor) -> torch.Tensor:
    """SiLU(gate) · up: the gated MLP activation of Qwen3."""
    return kernels.select("swiglu")(gate, up)


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    """GELU with the tanh approximation (the MMDiT's FeedForward, diffusers `gelu-approximate`)."""
    return kernels.select("gelu_tanh")(x)


def gelu(x: torch.Tensor) -> torch.Tensor:
    """Exact (erf) GELU: InternViT's MLP and the `mlp1` projector (transformers' "gelu")."""
    return F.gelu(x)
