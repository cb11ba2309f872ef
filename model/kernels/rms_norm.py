"""RMSNorm with fp32 statistics, Qwen3's rounding: weight · (x·rsqrt(mean(x²) + eps)).to(dtype).

Used by the LLM's layer norms (2048 wide), the head's text norm and the per-head QK-norms
(128 wide; `rms_norm_rope` fuses those with the rotary embedding). One pass forward, one
backward; the weight gradient is summed per tile of rows and the tiles added in torch.
Rows may sit at any uniform stride (the head's query is a strided slice of a wider
projection), so that no copy is made before the kernel.
"""

from __future__ import annotations

import torch

from model.kernels._triton import as_rows, cdiv, empty, kernel, program_budget, row_tile, runs_here, tl


def reference(x: torch.Tensor, weight: torch.Tensor | None, eps: float) -> torch.Tensor:
    """Statistics in fp32, the result cast back to x's dtype before the weight multiply, as
    transformers' Qwen3RMSNorm does (bf16 results then match the released model bit for bit)."""
    dtype = x.dtype
    x32 = x.float()
    x32 = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + eps)
    if weight is None:
        return x32.to(dtype)
    return weight * x32.to(dtype)


@kernel
def _forward_kernel(x_ptr, w_ptr, out_ptr, n_rows, width, x_stride, eps,
                    HAS_WEIGHT: tl.constexpr, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    rows = (tl.program_id(0) * BLOCK_R + tl.arange(0, BLOCK_R)).to(tl.int64)  # offsets past 2³¹
    cols = tl.arange(0, BLOCK_D)
    col_ok = cols < width
    mask = (rows < n_rows)[:, None] & col_ok[None, :]
    x_raw = tl.load(x_ptr + rows[:, None] * x_stride + cols[None, :], mask=mask, other=0.0)
    x = x_raw.to(tl.float32)
    rstd = 1.0 / tl.sqrt(tl.sum(x * x, axis=1) / width + eps)
    normed = (x * rstd[:, None]).to(x_raw.dtype).to(tl.float32)  # Qwen3 rounds before the weight
    if HAS_WEIGHT:
        normed = normed * tl.load(w_ptr + cols, mask=col_ok, other=0.0).to(tl.float32)[None, :]
    tl.store(out_ptr + rows[:, None] * width + cols[None, :], normed.to(out_ptr.dtype.element_ty), mask=mask)


@kernel
def _backward_kernel(dout_ptr, x_ptr, w_ptr, dx_ptr, dw_part_ptr, n_rows, width, dout_stride, x_stride,
                     rows_per_tile, eps, HAS_WEIGHT: tl.constexpr, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    tile = tl.program_id(0)
    cols = tl.arange(0, BLOCK_D)
    col_ok = cols < width
    if HAS_WEIGHT:
        w = tl.load(w_ptr + cols, mask=col_ok, other=0.0).to(tl.float32)
    dw_acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    first = tile * rows_per_tile
    last = tl.minimum(first + rows_per_tile, n_rows)
    for start in range(first, last, BLOCK_R):
        rows = (start + tl.arange(0, BLOCK_R)).to(tl.int64)
        mask = (rows < last)[:, None] & col_ok[None, :]
        x_raw = tl.load(x_ptr + rows[:, None] * x_stride + cols[None, :], mask=mask, other=0.0)
        x = x_raw.to(tl.float32)
        dout = tl.load(dout_ptr + rows[:, None] * dout_stride + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        rstd = 1.0 / tl.sqrt(tl.sum(x * x, axis=1) / width + eps)
        normed = x * rstd[:, None]
        dnormed = dout
        if HAS_WEIGHT:
            dnormed = dout * w[None, :]
            dw_acc += tl.sum(dout * normed.to(x_raw.dtype).to(tl.float32), axis=0)
        dx = (dnormed - normed * (tl.sum(dnormed * normed, axis=1) / width)[:, None]) * rstd[:, None]
        tl.store(dx_ptr + rows[:, None] * width + cols[None, :], dx.to(dx_ptr.dtype.element_ty), mask=mask)
    if HAS_WEIGHT:
        tl.store(dw_part_ptr + tile * width + cols, dw_acc, mask=col_ok)


@torch.library.custom_op("unisynth::rms_norm_fwd", mutates_args=())
def _forward(x: torch.Tensor, weight: torch.Tensor | None, eps: float) -> torch.Tensor:
    """x [N, D] (rows at any stride) → [N, D] contiguous, in x's dtype promoted with the weight's."""
    n_rows, width = x.shape
    x = as_rows(x, width)
    dtype = x.dtype if weight is None else torch.promote_types(x.dtype, weight.dtype)
    out = empty((n_rows, width), dtype, x.device)
    block_r, block_d, warps = row_tile(width)
    _forward_kernel[(cdiv(n_rows, block_r),)](x, x if weight is None else weight, out, n_rows, width, x.stride(0),
                                              eps, HAS_WEIGHT=weight is not None, BLOCK_R=block_r, BLOCK_D=block_d,
                                              num_warps=warps)
    return out


@_forward.register_fake
def _(x, weight, eps):
    dtype = x.dtype if weight is None else torch.promote_types(x.dtype, weight.dtype)
    return torch.empty(x.shape, dtype=dtype, device=x.device)


@torch.library.custom_op("unisynth::rms_norm_bwd", mutates_args=())
def _backward(dout: torch.Tensor, x: torch.Tensor, weight: torch.Tensor | None,
              eps: float) -> tuple[torch.Tensor, torch.Tensor]:
    """→ (dx [N, D] in x's dtype, dweight [D] fp32; zeros when there is no weight)."""
    n_rows, width = x.shape
    x, dout = as_rows(x, width), as_rows(dout, width)
    block_r, block_d, warps = row_tile(width)
    tiles = max(1, min(program_budget(x.device), cdiv(n_rows, block_r)))
    rows_per_tile = cdiv(cdiv(n_rows, tiles), block_r) * block_r
    tiles = cdiv(n_rows, rows_per_tile)
    dx = empty((n_rows, width), x.dtype, x.device)
    dw = (empty if weight is not None else torch.zeros)((tiles, width), dtype=torch.float32, device=x.device)
    _backward_kernel[(tiles,)](dout, x, x if weight is None else weight, dx, dw, n_rows, width, dout.stride(0),
                               x.stride(0), rows_per_tile, eps, HAS_WEIGHT=weight is not None, BLOCK_R=block_r,
                               BLOCK_D=block_d, num_warps=warps)
    return dx, dw.sum(0)


@_backward.register_fake
def _(dout, x, weight, eps):
    return (torch.empty(x.shape, dtype=x.dtype, device=x.device),
            torch.empty(x.shape[1], dtype=torch.float32, device=x.device))


class RMSNormFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, eps):
        width = x.shape[-1]
        x_rows = as_rows(x, width)
        out = _forward(x_rows, weight, eps)
        ctx.save_for_backward(x_rows, weight)
        ctx.eps, ctx.shape = eps, x.shape
        return out.view(x.shape)

    @staticmethod
    def backward(ctx, dout):
        x_rows, weight = ctx.saved_tensors
        dx, dw = _backward(as_rows(dout, x_rows.shape[1]), x_rows, weight, ctx.eps)
        return dx.view(ctx.shape), None if weight is None else dw.to(weight.dtype), None


def rms_norm(x: torch.Tensor, weight: torch.Tensor | None, eps: float) -> torch.Tensor:
    """The fused kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere."""
    if x.numel() == 0 or not runs_here(x):
        return reference(x, weight, eps)
    return RMSNormFunction.apply(x, weight, eps)
