"""Gated residual, then the next LayerNorm + AdaLN modulation: h = x + gate·y; out = LN(h)·(1 + scale) + shift.

In an MMDiT block the attention's gated residual is followed at once by the MLP's
modulated norm of the same stream; fused, h is written once and read by nobody else in
the forward pass. Returns both: h continues the residual stream, out feeds the MLP.

Backward: dh (from the residual stream) plus the LayerNorm-modulate gradient of out gives
dh_total; then dx = dh_total, dy = dh_total·gate, and the per-sample sums dgate =
Σ dh_total·y, dscale = Σ dout·LN(h), dshift = Σ dout are summed per tile of one sample's
rows, as in `layer_norm_modulate`. h is saved (it is an output, so nothing is recomputed
for it) and its statistics are recomputed.

Rounding: h is stored in x's dtype and the norm reads that stored h, as eager does. The
kernel forms x + gate·y in fp32 and rounds once; eager bf16 rounds gate·y first.
"""

from __future__ import annotations

import torch

from model.kernels._triton import (
    as_rows,
    cdiv,
    empty,
    empty_like,
    fold_modulation_grad,
    kernel,
    layer_norm_modulate_grad,
    layer_norm_rows,
    modulation_rows,
    reduction_tiles,
    row_stride,
    row_tile,
    runs_here,
    samples_of,
    tl,
)
from model.kernels.gated_residual import reference as gated_residual_reference
from model.kernels.layer_norm_modulate import reference as layer_norm_modulate_reference


def reference(x: torch.Tensor, gate: torch.Tensor, update: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor,
              eps: float) -> tuple[torch.Tensor, torch.Tensor]:
    """(h, out): the two ops exactly as the unfused block runs them."""
    h = gated_residual_reference(x, gate, update)
    return h, layer_norm_modulate_reference(h, shift, scale, eps)


@kernel
def _forward_kernel(x_ptr, gate_ptr, y_ptr, shift_ptr, scale_ptr, h_ptr, out_ptr, n_rows, rows_per_sample, width,
                    x_stride, y_stride, gate_stride, shift_stride, scale_stride, eps,
                    BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    rows = (tl.program_id(0) * BLOCK_R + tl.arange(0, BLOCK_R)).to(tl.int64)  # offsets past 2³¹
    cols = tl.arange(0, BLOCK_D)
    col_ok = cols < width
    mask = (rows < n_rows)[:, None] & col_ok[None, :]
    sample = rows // rows_per_sample
    x = tl.load(x_ptr + rows[:, None] * x_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    y = tl.load(y_ptr + rows[:, None] * y_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    gate = tl.load(gate_ptr + sample[:, None] * gate_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    h = (x + gate * y).to(h_ptr.dtype.element_ty)
    tl.store(h_ptr + rows[:, None] * width + cols[None, :], h, mask=mask)
    normed, _ = layer_norm_rows(h.to(tl.float32), mask, width, eps)
    shift = tl.load(shift_ptr + sample[:, None] * shift_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    scale = tl.load(scale_ptr + sample[:, None] * scale_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    out = normed * (1.0 + scale) + shift
    tl.store(out_ptr + rows[:, None] * width + cols[None, :], out.to(out_ptr.dtype.element_ty), mask=mask)


@kernel
def _backward_kernel(dh_ptr, dout_ptr, h_ptr, y_ptr, gate_ptr, scale_ptr, dx_ptr, dy_ptr, dgate_part_ptr,
                     dscale_part_ptr, dshift_part_ptr, rows_per_sample, width, dh_stride, dout_stride, h_stride,
                     y_stride, gate_stride, scale_stride, rows_per_tile, tiles, eps,
                     HAS_DH: tl.constexpr, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    sample = tl.program_id(0)
    tile = tl.program_id(1)
    cols = tl.arange(0, BLOCK_D)
    col_ok = cols < width
    gate = tl.load(gate_ptr + sample * gate_stride + cols, mask=col_ok, other=0.0).to(tl.float32)
    scale = tl.load(scale_ptr + sample * scale_stride + cols, mask=col_ok, other=0.0).to(tl.float32)
    dgate_acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    dscale_acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    dshift_acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    first = tile * rows_per_tile
    last = tl.minimum(first + rows_per_tile, rows_per_sample)
    for start in range(first, last, BLOCK_R):
        local = start + tl.arange(0, BLOCK_R)
        mask = (local < last)[:, None] & col_ok[None, :]
        rows = (sample * rows_per_sample + local).to(tl.int64)
        h = tl.load(h_ptr + rows[:, None] * h_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        y = tl.load(y_ptr + rows[:, None] * y_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        dout = tl.load(dout_ptr + rows[:, None] * dout_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        normed, rstd = layer_norm_rows(h, mask, width, eps)
        dh = layer_norm_modulate_grad(dout, normed, rstd, scale, width)
        if HAS_DH:
            dh += tl.load(dh_ptr + rows[:, None] * dh_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        tl.store(dx_ptr + rows[:, None] * width + cols[None, :], dh.to(dx_ptr.dtype.element_ty), mask=mask)
        tl.store(dy_ptr + rows[:, None] * width + cols[None, :], (dh * gate[None, :]).to(dy_ptr.dtype.element_ty),
                 mask=mask)
        dgate_acc += tl.sum(dh * y, axis=0)
        dscale_acc += tl.sum(dout * normed, axis=0)
        dshift_acc += tl.sum(dout, axis=0)
    part = (sample * tiles + tile) * width + cols
    tl.store(dgate_part_ptr + part, dgate_acc, mask=col_ok)
    tl.store(dscale_part_ptr + part, dscale_acc, mask=col_ok)
    tl.store(dshift_part_ptr + part, dshift_acc, mask=col_ok)


@torch.library.custom_op("unisynth::gated_residual_norm_fwd", mutates_args=())
def _forward(x: torch.Tensor, gate: torch.Tensor, y: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor,
             eps: float, rows_per_sample: int) -> tuple[torch.Tensor, torch.Tensor]:
    """x, y [N, D]; gate/shift/scale [1 or B, D] → (h, out) [N, D] contiguous in x's dtype."""
    n_rows, width = x.shape
    x, y = as_rows(x, width), as_rows(y, width)
    h = empty((n_rows, width), x.dtype, x.device)
    out = empty_like(h)
    block_r, block_d, warps = row_tile(width)
    _forward_kernel[(cdiv(n_rows, block_r),)](
        x, gate, y, shift, scale, h, out, n_rows, rows_per_sample, width, x.stride(0), y.stride(0),
        row_stride(gate), row_stride(shift), row_stride(scale), eps, BLOCK_R=block_r, BLOCK_D=block_d,
        num_warps=warps)
    return h, out


@_forward.register_fake
def _(x, gate, y, shift, scale, eps, rows_per_sample):
    h = torch.empty(x.shape, dtype=x.dtype, device=x.device)
    return h, torch.empty_like(h)


@torch.library.custom_op("unisynth::gated_residual_norm_bwd", mutates_args=())
def _backward(dh: torch.Tensor | None, dout: torch.Tensor, h: torch.Tensor, y: torch.Tensor, gate: torch.Tensor,
              scale: torch.Tensor, eps: float, rows_per_sample: int
              ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """→ (dx, dy [N, D], dgate, dscale, dshift [B, D] fp32); dh None when h was not used downstream."""
    n_rows, width = h.shape
    dout, y = as_rows(dout, width), as_rows(y, width)
    samples = n_rows // rows_per_sample
    block_r, block_d, warps = row_tile(width)
    tiles, rows_per_tile = reduction_tiles(samples, rows_per_sample, block_r, h.device)
    dx = empty((n_rows, width), h.dtype, h.device)
    dy = empty((n_rows, width), y.dtype, h.device)
    parts = [empty((samples, tiles, width), torch.float32, h.device) for _ in range(3)]
    has_dh = dh is not None
    dh = as_rows(dh, width) if has_dh else dout  # a placeholder pointer the kernel never reads
    _backward_kernel[(samples, tiles)](
        dh, dout, h, y, gate, scale, dx, dy, parts[0], parts[1], parts[2], rows_per_sample, width, dh.stride(0),
        dout.stride(0), h.stride(0), y.stride(0), row_stride(gate), row_stride(scale), rows_per_tile, tiles, eps,
        HAS_DH=has_dh, BLOCK_R=block_r, BLOCK_D=block_d, num_warps=warps)
    return dx, dy, parts[0].sum(1), parts[1].sum(1), parts[2].sum(1)


@_backward.register_fake
def _(dh, dout, h, y, gate, scale, eps, rows_per_sample):
    samples = h.shape[0] // rows_per_sample
    sums = [torch.empty((samples, h.shape[1]), dtype=torch.float32, device=h.device) for _ in range(3)]
    return torch.empty(h.shape, dtype=h.dtype, device=h.device), torch.empty(y.shape, dtype=y.dtype,
                                                                              device=h.device), *sums


class GatedResidualNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, gate, y, shift, scale, eps):
        width = x.shape[-1]
        if y.shape != x.shape:
            raise ValueError(f"update {tuple(y.shape)} must have x's shape {tuple(x.shape)}")
        mods = [modulation_rows(m, x, name) for m, name in ((gate, "gate"), (shift, "shift"), (scale, "scale"))]
        x_rows, y_rows = as_rows(x, width), as_rows(y, width)
        rows_per_sample = x_rows.shape[0] // samples_of(x, *mods)
        h, out = _forward(x_rows, mods[0], y_rows, mods[1], mods[2], eps, rows_per_sample)
        ctx.save_for_backward(h, y_rows, mods[0], mods[2], gate, shift, scale)
        ctx.eps, ctx.rows_per_sample, ctx.shape = eps, rows_per_sample, x.shape
        ctx.set_materialize_grads(False)  # an unused h costs no zero-filled gradient pass
        return h.view(x.shape), out.view(x.shape)

    @staticmethod
    def backward(ctx, dh, dout):
        h, y_rows, gate_rows, scale_rows, gate, shift, scale = ctx.saved_tensors
        width = h.shape[1]
        if dout is None:
            dout = torch.zeros_like(h)
        dx, dy, dgate, dscale, dshift = _backward(None if dh is None else as_rows(dh, width), as_rows(dout, width),
                                                  h, y_rows, gate_rows, scale_rows, ctx.eps, ctx.rows_per_sample)
        return (dx.view(ctx.shape), fold_modulation_grad(dgate, gate), dy.view(ctx.shape),
                fold_modulation_grad(dshift, shift), fold_modulation_grad(dscale, scale), None)


def gated_residual_norm(x: torch.Tensor, gate: torch.Tensor, update: torch.Tensor, shift: torch.Tensor,
                        scale: torch.Tensor, eps: float) -> tuple[torch.Tensor, torch.Tensor]:
    """The fused kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere."""
    if x.numel() == 0 or not runs_here(x) or not x.dtype == gate.dtype == update.dtype:
        return reference(x, gate, update, shift, scale, eps)  # mixed dtypes promote h: leave that to torch
    return GatedResidualNorm.apply(x, gate, update, shift, scale, eps)
