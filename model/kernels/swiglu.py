"""SwiGLU, the Qwen3 MLP's activation: SiLU(gate) · up, forward and backward in one pass each.

Eager runs SiLU and the multiply as two kernels forward (the SiLU result, [tokens, 6144],
goes through memory in between) and four backward; here one forward (read gate, up; write
out) and one backward (read dout, gate, up; write dgate, dup). Nothing but the inputs is
saved: the SiLU is recomputed, as Liger Kernel's does.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from model.kernels._triton import cdiv, empty_like, kernel, runs_here, tl

BLOCK = 1024


def reference(gate: torch.Tensor, up: torch.Tensor) -> torch.Tensor:
    """SiLU(gate) · up: the gated MLP activation of Qwen3."""
    return F.silu(gate) * up


@kernel
def _forward_kernel(gate_ptr, up_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    a = tl.load(gate_ptr + offs, mask=mask, other=0.0).to(tl.float32)
    b = tl.load(up_ptr + offs, mask=mask, other=0.0).to(tl.float32)
    e = tl.exp(-tl.abs(a))  # ≤ 1: no overflow for large |a|
    silu = a * tl.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    tl.store(out_ptr + offs, (silu * b).to(out_ptr.dtype.element_ty), mask=mask)


@kernel
def _backward_kernel(dout_ptr, gate_ptr, up_ptr, dgate_ptr, dup_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    g = tl.load(dout_ptr + offs, mask=mask, other=0.0).to(tl.float32)
    a = tl.load(gate_ptr + offs, mask=mask, other=0.0).to(tl.float32)
    b = tl.load(up_ptr + offs, mask=mask, other=0.0).to(tl.float32)
    e = tl.exp(-tl.abs(a))
    sig = tl.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    silu = a * sig
    tl.store(dgate_ptr + offs, (g * b * sig * (1.0 + a * (1.0 - sig))).to(dgate_ptr.dtype.element_ty), mask=mask)
    tl.store(dup_ptr + offs, (g * silu).to(dup_ptr.dtype.element_ty), mask=mask)


@torch.library.custom_op("unisynth::swiglu_fwd", mutates_args=())
def _forward(gate: torch.Tensor, up: torch.Tensor) -> torch.Tensor:
    gate, up = gate.contiguous(), up.contiguous()
    out = empty_like(gate)
    n = gate.numel()
    _forward_kernel[(cdiv(n, BLOCK),)](gate, up, out, n, BLOCK=BLOCK, num_warps=4)
    return out


@_forward.register_fake
def _(gate, up):
    return torch.empty_like(gate, memory_format=torch.contiguous_format)


@torch.library.custom_op("unisynth::swiglu_bwd", mutates_args=())
def _backward(dout: torch.Tensor, gate: torch.Tensor, up: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    dout, gate, up = dout.contiguous(), gate.contiguous(), up.contiguous()
    dgate, dup = empty_like(gate), empty_like(up)
    n = gate.numel()
    _backward_kernel[(cdiv(n, BLOCK),)](dout, gate, up, dgate, dup, n, BLOCK=BLOCK, num_warps=4)
    return dgate, dup


@_backward.register_fake
def _(dout, gate, up):
    return (torch.empty_like(gate, memory_format=torch.contiguous_format),
            torch.empty_like(up, memory_format=torch.contiguous_format))


class SwiGLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, gate, up):
        ctx.save_for_backward(gate, up)
        return _forward(gate, up)

    @staticmethod
    def backward(ctx, dout):
        gate, up = ctx.saved_tensors
        return _backward(dout, gate, up)


def swiglu(gate: torch.Tensor, up: torch.Tensor) -> torch.Tensor:
    """The fused kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere."""
    if gate.numel() == 0 or not runs_here(gate) or gate.shape != up.shape or gate.dtype != up.dtype:
        return reference(gate, up)
    return SwiGLU.apply(gate, up)
