"""Gated residual: h = x + gate·y, with the AdaLN gate per sample ([B, 1, D]) broadcast over tokens.

The MMDiT's MLP branch ends in one (the attention branch's is fused with the next norm in
`gated_residual_norm`). Eager runs a multiply and an add forward, and backward a multiply
for dy plus a multiply and a token reduction for dgate. Here forward reads x and y and
writes h; backward reads dh and y and writes dy, with dgate = Σ_tokens dh·y summed per tile
of one sample's rows (then over tiles in torch); dx is dh itself.
"""

from __future__ import annotations

import torch

from model.kernels._triton import (
    as_rows,
    cdiv,
    empty,
    fold_modulation_grad,
    kernel,
    modulation_rows,
    reduction_tiles,
    row_stride,
    row_tile,
    runs_here,
    samples_of,
    tl,
)


def reference(x: torch.Tensor, gate: torch.Tensor, update: torch.Tensor) -> torch.Tensor:
    """x + gate · update: the AdaLN gate on each sub-layer's residual branch."""
    return x + gate * update


@kernel
def _forward_kernel(x_ptr, gate_ptr, y_ptr, h_ptr, n_rows, rows_per_sample, width, x_stride, y_stride, gate_stride,
                    BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    rows = (tl.program_id(0) * BLOCK_R + tl.arange(0, BLOCK_R)).to(tl.int64)
    cols = tl.arange(0, BLOCK_D)
    mask = (rows < n_rows)[:, None] & (cols < width)[None, :]
    sample = rows // rows_per_sample
    x = tl.load(x_ptr + rows[:, None] * x_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    y = tl.load(y_ptr + rows[:, None] * y_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    gate = tl.load(gate_ptr + sample[:, None] * gate_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    tl.store(h_ptr + rows[:, None] * width + cols[None, :], (x + gate * y).to(h_ptr.dtype.element_ty), mask=mask)


@kernel
def _backward_kernel(dh_ptr, y_ptr, gate_ptr, dy_ptr, dgate_part_ptr, rows_per_sample, width, dh_stride, y_stride,
                     gate_stride, rows_per_tile, tiles, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    sample = tl.program_id(0)
    tile = tl.program_id(1)
    cols = tl.arange(0, BLOCK_D)
    col_ok = cols < width
    gate = tl.load(gate_ptr + sample * gate_stride + cols, mask=col_ok, other=0.0).to(tl.float32)
    dgate_acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    first = tile * rows_per_tile
    last = tl.minimum(first + rows_per_tile, rows_per_sample)
    for start in range(first, last, BLOCK_R):
        local = start + tl.arange(0, BLOCK_R)
        mask = (local < last)[:, None] & col_ok[None, :]
        rows = (sample * rows_per_sample + local).to(tl.int64)
        dh = tl.load(dh_ptr + rows[:, None] * dh_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        y = tl.load(y_ptr + rows[:, None] * y_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        tl.store(dy_ptr + rows[:, None] * width + cols[None, :], (dh * gate[None, :]).to(dy_ptr.dtype.element_ty),
                 mask=mask)
        dgate_acc += tl.sum(dh * y, axis=0)
    tl.store(dgate_part_ptr + (sample * tiles + tile) * width + cols, dgate_acc, mask=col_ok)


@torch.library.custom_op("unisynth::gated_residual_fwd", mutates_args=())
def _forward(x: torch.Tensor, gate: torch.Tensor, y: torch.Tensor, rows_per_sample: int) -> torch.Tensor:
    """x, y [N, D]; gate [1 or B, D] → h [N, D] contiguous in x's dtype."""
    n_rows, width = x.shape
    x, y = as_rows(x, width), as_rows(y, width)
    h = empty((n_rows, width), x.dtype, x.device)
    block_r, block_d, warps = row_tile(width)
    _forward_kernel[(cdiv(n_rows, block_r),)](x, gate, y, h, n_rows, rows_per_sample, width, x.stride(0),
                                              y.stride(0), row_stride(gate), BLOCK_R=block_r, BLOCK_D=block_d,
                                              num_warps=warps)
    return h


@_forward.register_fake
def _(x, gate, y, rows_per_sample):
    return torch.empty(x.shape, dtype=x.dtype, device=x.device)


@torch.library.custom_op("unisynth::gated_residual_bwd", mutates_args=())
def _backward(dh: torch.Tensor, y: torch.Tensor, gate: torch.Tensor,
              rows_per_sample: int) -> tuple[torch.Tensor, torch.Tensor]:
    """→ (dy [N, D] in y's dtype, dgate [B, D] fp32)."""
    n_rows, width = y.shape
    dh, y = as_rows(dh, width), as_rows(y, width)
    samples = n_rows // rows_per_sample
    block_r, block_d, warps = row_tile(width)
    tiles, rows_per_tile = reduction_tiles(samples, rows_per_sample, block_r, y.device)
    dy = empty((n_rows, width), y.dtype, y.device)
    dgate = empty((samples, tiles, width), torch.float32, y.device)
    _backward_kernel[(samples, tiles)](dh, y, gate, dy, dgate, rows_per_sample, width, dh.stride(0), y.stride(0),
                                       row_stride(gate), rows_per_tile, tiles, BLOCK_R=block_r, BLOCK_D=block_d,
                                       num_warps=warps)
    return dy, dgate.sum(1)


@_backward.register_fake
def _(dh, y, gate, rows_per_sample):
    return (torch.empty(y.shape, dtype=y.dtype, device=y.device),
            torch.empty((y.shape[0] // rows_per_sample, y.shape[1]), dtype=torch.float32, device=y.device))


class GatedResidual(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, gate, y):
        width = x.shape[-1]
        gate_rows = modulation_rows(gate, x, "gate")
        x_rows, y_rows = as_rows(x, width), as_rows(y, width)
        rows_per_sample = x_rows.shape[0] // samples_of(x, gate_rows)
        ctx.save_for_backward(y_rows, gate_rows, gate)
        ctx.rows_per_sample, ctx.shape = rows_per_sample, x.shape
        return _forward(x_rows, gate_rows, y_rows, rows_per_sample).view(x.shape)

    @staticmethod
    def backward(ctx, dh):
        y_rows, gate_rows, gate = ctx.saved_tensors
        dy, dgate = _backward(as_rows(dh, y_rows.shape[1]), y_rows, gate_rows, ctx.rows_per_sample)
        return dh, fold_modulation_grad(dgate, gate), dy.view(ctx.shape)


def gated_residual(x: torch.Tensor, gate: torch.Tensor, update: torch.Tensor) -> torch.Tensor:
    """The fused kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere."""
    if (x.numel() == 0 or not runs_here(x) or update.shape != x.shape
            or not x.dtype == gate.dtype == update.dtype):
        return reference(x, gate, update)  # mixed dtypes promote h: leave that to torch
    return GatedResidual.apply(x, gate, update)
