"""GELU with the tanh approximation (the head's MLP, diffusers `gelu-approximate`), forward and backward.

The head's FeedForward has no gating multiply (Linear → GELU(tanh) → Linear), so there is
nothing to fuse the activation with but its own backward: eager's backward is already one
kernel, and this op is here so that the activation is selectable like the others, and
measured. tanh is written with exp of −2|u| (≤ 1, so no overflow), which the interpreter
runs too (it has no libdevice).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from model.kernels._triton import cdiv, empty_like, kernel, runs_here, tl

BLOCK = 1024
SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def reference(x: torch.Tensor) -> torch.Tensor:
    """GELU with the tanh approximation (the MMDiT's FeedForward, diffusers `gelu-approximate`)."""
    return F.gelu(x, approximate="tanh")


@kernel
def _forward_kernel(x_ptr, out_ptr, n, K: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=0.0).to(tl.float32)
    u = K * (x + 0.044715 * x * x * x)
    e = tl.exp(-2.0 * tl.abs(u))
    t = tl.where(u >= 0, 1.0, -1.0) * (1.0 - e) / (1.0 + e)
    tl.store(out_ptr + offs, (0.5 * x * (1.0 + t)).to(out_ptr.dtype.element_ty), mask=mask)


@kernel
def _backward_kernel(dout_ptr, x_ptr, dx_ptr, n, K: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    g = tl.load(dout_ptr + offs, mask=mask, other=0.0).to(tl.float32)
    x = tl.load(x_ptr + offs, mask=mask, other=0.0).to(tl.float32)
    u = K * (x + 0.044715 * x * x * x)
    e = tl.exp(-2.0 * tl.abs(u))
    t = tl.where(u >= 0, 1.0, -1.0) * (1.0 - e) / (1.0 + e)
    slope = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * K * (1.0 + 3.0 * 0.044715 * x * x)
    tl.store(dx_ptr + offs, (g * slope).to(dx_ptr.dtype.element_ty), mask=mask)


@torch.library.custom_op("unisynth::gelu_tanh_fwd", mutates_args=())
def _forward(x: torch.Tensor) -> torch.Tensor:
    x = x.contiguous()
    out = empty_like(x)
    n = x.numel()
    _forward_kernel[(cdiv(n, BLOCK),)](x, out, n, K=SQRT_2_OVER_PI, BLOCK=BLOCK, num_warps=4)
    return out


@_forward.register_fake
def _(x):
    return torch.empty_like(x, memory_format=torch.contiguous_format)


@torch.library.custom_op("unisynth::gelu_tanh_bwd", mutates_args=())
def _backward(dout: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    dout, x = dout.contiguous(), x.contiguous()
    dx = empty_like(x)
    n = x.numel()
    _backward_kernel[(cdiv(n, BLOCK),)](dout, x, dx, n, K=SQRT_2_OVER_PI, BLOCK=BLOCK, num_warps=4)
    return dx


@_backward.register_fake
def _(dout, x):
    return torch.empty_like(x, memory_format=torch.contiguous_format)


class GeluTanh(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return _forward(x)

    @staticmethod
    def backward(ctx, dout):
        (x,) = ctx.saved_tensors
        return _backward(dout, x)


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    """The fused kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere."""
    if x.numel() == 0 or not runs_here(x):
        return reference(x)
    return GeluTanh.apply(x)
