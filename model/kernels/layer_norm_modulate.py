"""LayerNorm (non-affine, fp32 statistics) then AdaLN modulation: LN(x)·(1 + scale) + shift.

The MMDiT applies it before every attention and MLP of both streams and in its output norm;
shift and scale come per sample ([B, 1, D]) and broadcast over the tokens. Eager torch runs
a layer_norm, an upcast and three elementwise kernels forward, and more backward, each a
full pass over [tokens, D]; here one pass forward (read x, write out) and one backward
(read x and dout, write dx). The per-sample dshift/dscale are sums over tokens: each
program sums a tile of one sample's rows, and the tiles are added up in torch.

Statistics are recomputed in the backward pass from x (one more reduction over a row that
is in registers anyway) instead of being saved.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from model.kernels._triton import (
    as_rows,
    cdiv,
    empty,
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


def reference(x: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor, eps: float) -> torch.Tensor:
    """Non-affine LayerNorm then x·(1 + scale) + shift, all in fp32 (released: FP32LayerNorm)."""
    normed = F.layer_norm(x.float(), (x.shape[-1],), eps=eps)
    return (normed * (1 + scale.float()) + shift.float()).to(x.dtype)


@kernel
def _forward_kernel(x_ptr, shift_ptr, scale_ptr, out_ptr, n_rows, rows_per_sample, width, x_stride,
                    shift_stride, scale_stride, eps, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    rows = (tl.program_id(0) * BLOCK_R + tl.arange(0, BLOCK_R)).to(tl.int64)  # offsets past 2³¹
    cols = tl.arange(0, BLOCK_D)
    row_ok = rows < n_rows
    col_ok = cols < width
    mask = row_ok[:, None] & col_ok[None, :]
    x = tl.load(x_ptr + rows[:, None] * x_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    normed, _ = layer_norm_rows(x, mask, width, eps)
    sample = rows // rows_per_sample
    shift = tl.load(shift_ptr + sample[:, None] * shift_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    scale = tl.load(scale_ptr + sample[:, None] * scale_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    out = normed * (1.0 + scale) + shift
    tl.store(out_ptr + rows[:, None] * width + cols[None, :], out.to(out_ptr.dtype.element_ty), mask=mask)


@kernel
def _backward_kernel(dout_ptr, x_ptr, scale_ptr, dx_ptr, dscale_part_ptr, dshift_part_ptr, rows_per_sample, width,
                     dout_stride, x_stride, scale_stride, rows_per_tile, tiles, eps,
                     BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    sample = tl.program_id(0)
    tile = tl.program_id(1)
    cols = tl.arange(0, BLOCK_D)
    col_ok = cols < width
    scale = tl.load(scale_ptr + sample * scale_stride + cols, mask=col_ok, other=0.0).to(tl.float32)
    dscale_acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    dshift_acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    first = tile * rows_per_tile
    last = tl.minimum(first + rows_per_tile, rows_per_sample)
    for start in range(first, last, BLOCK_R):
        local = start + tl.arange(0, BLOCK_R)
        mask = (local < last)[:, None] & col_ok[None, :]
        rows = (sample * rows_per_sample + local).to(tl.int64)
        x = tl.load(x_ptr + rows[:, None] * x_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        dout = tl.load(dout_ptr + rows[:, None] * dout_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        normed, rstd = layer_norm_rows(x, mask, width, eps)
        dx = layer_norm_modulate_grad(dout, normed, rstd, scale, width)
        tl.store(dx_ptr + rows[:, None] * width + cols[None, :], dx.to(dx_ptr.dtype.element_ty), mask=mask)
        dscale_acc += tl.sum(dout * normed, axis=0)
        dshift_acc += tl.sum(dout, axis=0)
    part = (sample * tiles + tile) * width + cols
    tl.store(dscale_part_ptr + part, dscale_acc, mask=col_ok)
    tl.store(dshift_part_ptr + part, dshift_acc, mask=col_ok)


@torch.library.custom_op("unisynth::layer_norm_modulate_fwd", mutates_args=())
def _forward(x: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor, eps: float,
             rows_per_sample: int) -> torch.Tensor:
    """x [N, D] (unit column stride), shift/scale [1 or B, D] → out [N, D] contiguous, x's dtype."""
    n_rows, width = x.shape
    out = empty((n_rows, width), x.dtype, x.device)
    block_r, block_d, warps = row_tile(width)
    _forward_kernel[(cdiv(n_rows, block_r),)](
        x, shift, scale, out, n_rows, rows_per_sample, width, x.stride(0), row_stride(shift), row_stride(scale),
        eps, BLOCK_R=block_r, BLOCK_D=block_d, num_warps=warps)
    return out


@_forward.register_fake
def _(x, shift, scale, eps, rows_per_sample):
    return torch.empty(x.shape, dtype=x.dtype, device=x.device)


@torch.library.custom_op("unisynth::layer_norm_modulate_bwd", mutates_args=())
def _backward(dout: torch.Tensor, x: torch.Tensor, scale: torch.Tensor, eps: float,
              rows_per_sample: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """→ (dx [N, D] in x's dtype, dscale [B, D] fp32, dshift [B, D] fp32), B = N / rows_per_sample."""
    n_rows, width = x.shape
    samples = n_rows // rows_per_sample
    block_r, block_d, warps = row_tile(width)
    tiles, rows_per_tile = reduction_tiles(samples, rows_per_sample, block_r, x.device)
    dx = empty((n_rows, width), x.dtype, x.device)
    dscale = empty((samples, tiles, width), torch.float32, x.device)
    dshift = empty((samples, tiles, width), torch.float32, x.device)
    _backward_kernel[(samples, tiles)](
        dout, x, scale, dx, dscale, dshift, rows_per_sample, width, dout.stride(0), x.stride(0), row_stride(scale),
        rows_per_tile, tiles, eps, BLOCK_R=block_r, BLOCK_D=block_d, num_warps=warps)
    return dx, dscale.sum(1), dshift.sum(1)


@_backward.register_fake
def _(dout, x, scale, eps, rows_per_sample):
    samples = x.shape[0] // rows_per_sample
    part = torch.empty((samples, x.shape[1]), dtype=torch.float32, device=x.device)
    return torch.empty(x.shape, dtype=x.dtype, device=x.device), part, part.clone()


class LayerNormModulate(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, shift, scale, eps):
        width = x.shape[-1]
        x_rows = as_rows(x, width)
        shift_rows, scale_rows = modulation_rows(shift, x, "shift"), modulation_rows(scale, x, "scale")
        rows_per_sample = x_rows.shape[0] // samples_of(x, shift_rows, scale_rows)
        out = _forward(x_rows, shift_rows, scale_rows, eps, rows_per_sample)
        ctx.save_for_backward(x_rows, scale_rows, shift, scale)
        ctx.eps, ctx.rows_per_sample, ctx.x_shape = eps, rows_per_sample, x.shape
        return out.view(x.shape)

    @staticmethod
    def backward(ctx, dout):
        x_rows, scale_rows, shift, scale = ctx.saved_tensors
        dx, dscale, dshift = _backward(as_rows(dout, x_rows.shape[1]), x_rows, scale_rows, ctx.eps,
                                       ctx.rows_per_sample)
        return (dx.view(ctx.x_shape), fold_modulation_grad(dshift, shift), fold_modulation_grad(dscale, scale), None)


def layer_norm_modulate(x: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor, eps: float) -> torch.Tensor:
    """The fused kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere."""
    if x.numel() == 0 or not runs_here(x):
        return reference(x, shift, scale, eps)
    return LayerNormModulate.apply(x, shift, scale, eps)
