"""Rotary position embeddings, in the two layouts the model uses, forward and backward.

- `msrope`: the head's unified MSRoPE. x [B, L, H, D] is rotated by complex factors
  [L, D/2] or [B, L, D/2] (`model.msrope.rope_frequencies` of the (t, h, w) positions),
  pairs interleaved (x0, x1), (x2, x3), …, in fp32.
- `rotary`: the LLM's RoPE on q and k [B, H, L, D] with cos/sin [B, L, D] or [L, D], the
  rotate-half layout (x_i pairs with x_{i+D/2}).

One kernel serves both (INTERLEAVED picks the partner element and the table column) and,
with HAS_NORM, also `rms_norm_rope`, which applies the RMSNorm first. Each row is one
head vector; its partner elements are a second load of the same row, which the cache
serves. The tables are read per (sample, position) and shared by all heads. Backward is
the transposed rotation: by -θ (the partner's sine for the rotate-half layout, which is
the same sine when the halves of the table repeat, as RoPE's do).

The factors get no gradient: they come from integer positions.
"""

from __future__ import annotations

import torch

from model.kernels._triton import cdiv, empty, kernel, program_budget, row_tile, runs_here, tl


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    """[x1, x2] → [-x2, x1] over the last dim (the non-interleaved RoPE layout of Qwen/Llama)."""
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def rotary_reference(q: torch.Tensor, k: torch.Tensor, cos: torch.Tensor,
                     sin: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Apply rotary position embeddings to q and k ([B, H, L, D]); cos/sin are [B, L, D] or [L, D]."""
    if cos.dim() == 3:  # per-batch positions: broadcast over heads
        cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
    q_rot = q * cos + rotate_half(q) * sin
    k_rot = k * cos + rotate_half(k) * sin
    return q_rot, k_rot


def msrope_reference(x: torch.Tensor, freqs: torch.Tensor) -> torch.Tensor:
    """Rotate x [B, L, H, D] by complex factors [L, D/2] or [B, L, D/2]; pairs are interleaved (x0, x1), ….

    The rotation runs in fp32 and the result comes back in x's dtype.
    """
    pairs = torch.view_as_complex(x.float().reshape(*x.shape[:-1], -1, 2))
    rotated = torch.view_as_real(pairs * freqs.unsqueeze(-2)).flatten(-2)
    return rotated.type_as(x)


@kernel
def _forward_kernel(x_ptr, w_ptr, cos_ptr, sin_ptr, out_ptr, n_rows, seq, heads, width, x_sb, x_sl, x_sh,
                    t_sb, t_sl, t_sc, eps, HAS_NORM: tl.constexpr, HAS_WEIGHT: tl.constexpr,
                    INTERLEAVED: tl.constexpr, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    rows = (tl.program_id(0) * BLOCK_R + tl.arange(0, BLOCK_R)).to(tl.int64)  # offsets past 2³¹
    cols = tl.arange(0, BLOCK_D)
    col_ok = cols < width
    mask = (rows < n_rows)[:, None] & col_ok[None, :]
    head = rows % heads
    pos = (rows // heads) % seq
    batch = rows // (heads * seq)
    if INTERLEAVED:
        partner = cols ^ 1
        sign = tl.where(cols % 2 == 0, -1.0, 1.0)
        t_col = cols // 2
    else:
        half = width // 2
        partner = tl.where(cols < half, cols + half, cols - half)
        sign = tl.where(cols < half, -1.0, 1.0)
        t_col = cols
    x_row = (batch * x_sb + pos * x_sl + head * x_sh)[:, None]
    x_raw = tl.load(x_ptr + x_row + cols[None, :], mask=mask, other=0.0)
    x = x_raw.to(tl.float32)
    xp = tl.load(x_ptr + x_row + partner[None, :], mask=mask, other=0.0).to(tl.float32)
    if HAS_NORM:
        rstd = 1.0 / tl.sqrt(tl.sum(x * x, axis=1) / width + eps)
        x = (x * rstd[:, None]).to(x_raw.dtype).to(tl.float32)  # RMSNorm rounds before its weight
        xp = (xp * rstd[:, None]).to(x_raw.dtype).to(tl.float32)
        if HAS_WEIGHT:
            x = x * tl.load(w_ptr + cols, mask=col_ok, other=0.0).to(tl.float32)[None, :]
            xp = xp * tl.load(w_ptr + partner, mask=col_ok, other=0.0).to(tl.float32)[None, :]
    t_row = (batch * t_sb + pos * t_sl)[:, None]
    cos = tl.load(cos_ptr + t_row + t_col[None, :] * t_sc, mask=mask, other=0.0).to(tl.float32)
    sin = tl.load(sin_ptr + t_row + t_col[None, :] * t_sc, mask=mask, other=0.0).to(tl.float32)
    out = x * cos + sign[None, :] * xp * sin
    tl.store(out_ptr + rows[:, None] * width + cols[None, :], out.to(out_ptr.dtype.element_ty), mask=mask)


@kernel
def _backward_kernel(dout_ptr, x_ptr, w_ptr, cos_ptr, sin_ptr, dx_ptr, dw_part_ptr, n_rows, seq, heads, width,
                     g_sb, g_sl, g_sh, x_sb, x_sl, x_sh, t_sb, t_sl, t_sc, rows_per_tile, eps,
                     HAS_NORM: tl.constexpr, HAS_WEIGHT: tl.constexpr, INTERLEAVED: tl.constexpr,
                     BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    tile = tl.program_id(0)
    cols = tl.arange(0, BLOCK_D)
    col_ok = cols < width
    if INTERLEAVED:
        partner = cols ^ 1
        sign = tl.where(cols % 2 == 0, -1.0, 1.0)
        t_col = cols // 2
        t_col_partner = t_col
    else:
        half = width // 2
        partner = tl.where(cols < half, cols + half, cols - half)
        sign = tl.where(cols < half, -1.0, 1.0)
        t_col = cols
        t_col_partner = partner
    if HAS_WEIGHT:
        w = tl.load(w_ptr + cols, mask=col_ok, other=0.0).to(tl.float32)
    dw_acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    first = tile * rows_per_tile
    last = tl.minimum(first + rows_per_tile, n_rows)
    for start in range(first, last, BLOCK_R):
        rows = (start + tl.arange(0, BLOCK_R)).to(tl.int64)
        mask = (rows < last)[:, None] & col_ok[None, :]
        head = rows % heads
        pos = (rows // heads) % seq
        batch = rows // (heads * seq)
        g_row = (batch * g_sb + pos * g_sl + head * g_sh)[:, None]
        g = tl.load(dout_ptr + g_row + cols[None, :], mask=mask, other=0.0).to(tl.float32)
        gp = tl.load(dout_ptr + g_row + partner[None, :], mask=mask, other=0.0).to(tl.float32)
        t_row = (batch * t_sb + pos * t_sl)[:, None]
        cos = tl.load(cos_ptr + t_row + t_col[None, :] * t_sc, mask=mask, other=0.0).to(tl.float32)
        sin_p = tl.load(sin_ptr + t_row + t_col_partner[None, :] * t_sc, mask=mask, other=0.0).to(tl.float32)
        dx = g * cos - sign[None, :] * gp * sin_p  # the gradient at the rotation's input
        if HAS_NORM:
            x_row = (batch * x_sb + pos * x_sl + head * x_sh)[:, None]
            x_raw = tl.load(x_ptr + x_row + cols[None, :], mask=mask, other=0.0)
            x = x_raw.to(tl.float32)
            rstd = 1.0 / tl.sqrt(tl.sum(x * x, axis=1) / width + eps)
            normed = x * rstd[:, None]
            if HAS_WEIGHT:
                dw_acc += tl.sum(dx * normed.to(x_raw.dtype).to(tl.float32), axis=0)
                dx = dx * w[None, :]
            dx = (dx - normed * (tl.sum(dx * normed, axis=1) / width)[:, None]) * rstd[:, None]
        tl.store(dx_ptr + rows[:, None] * width + cols[None, :], dx.to(dx_ptr.dtype.element_ty), mask=mask)
    if HAS_WEIGHT:
        tl.store(dw_part_ptr + tile * width + cols, dw_acc, mask=col_ok)


def _table_strides(cos: torch.Tensor, sin: torch.Tensor) -> tuple[int, int, int]:
    """(sample, position, column) strides shared by the cos and sin tables [1 or B, L, D']."""
    if cos.stride() != sin.stride():
        raise ValueError(f"cos and sin tables must share strides, got {cos.stride()} and {sin.stride()}")
    return (cos.stride(0) if cos.shape[0] > 1 else 0), cos.stride(1), cos.stride(2)


@torch.library.custom_op("unisynth::rope_fwd", mutates_args=())
def rope_forward(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, weight: torch.Tensor | None, eps: float,
                 interleaved: bool, has_norm: bool) -> torch.Tensor:
    """x [B, L, H, D] (any strides, unit last) → rotated [B, L, H, D] contiguous in x's dtype.

    cos/sin: [1 or B, L, D/2] (interleaved) or [1 or B, L, D] (rotate-half). With has_norm,
    an RMSNorm (weight optional) comes first; the output dtype then promotes with the weight's.
    """
    batch, seq, heads, width = x.shape
    if x.stride(3) != 1:
        x = x.contiguous()
    dtype = x.dtype if weight is None else torch.promote_types(x.dtype, weight.dtype)
    out = empty((batch, seq, heads, width), dtype, x.device)
    n_rows = batch * seq * heads
    block_r, block_d, warps = row_tile(width)
    _forward_kernel[(cdiv(n_rows, block_r),)](
        x, x if weight is None else weight, cos, sin, out, n_rows, seq, heads, width, x.stride(0), x.stride(1),
        x.stride(2), *_table_strides(cos, sin), eps, HAS_NORM=has_norm, HAS_WEIGHT=weight is not None,
        INTERLEAVED=interleaved, BLOCK_R=block_r, BLOCK_D=block_d, num_warps=warps)
    return out


@rope_forward.register_fake
def _(x, cos, sin, weight, eps, interleaved, has_norm):
    dtype = x.dtype if weight is None else torch.promote_types(x.dtype, weight.dtype)
    return torch.empty(x.shape, dtype=dtype, device=x.device)


@torch.library.custom_op("unisynth::rope_bwd", mutates_args=())
def rope_backward(dout: torch.Tensor, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor,
                  weight: torch.Tensor | None, eps: float, interleaved: bool,
                  has_norm: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """→ (dx [B, L, H, D] contiguous in x's dtype, dweight [D] fp32, zeros without a weight).

    x is read only with has_norm (for the norm's statistics)."""
    batch, seq, heads, width = x.shape
    if dout.stride(3) != 1:
        dout = dout.contiguous()
    if x.stride(3) != 1:
        x = x.contiguous()
    n_rows = batch * seq * heads
    block_r, block_d, warps = row_tile(width)
    tiles = max(1, min(program_budget(x.device), cdiv(n_rows, block_r)))
    rows_per_tile = cdiv(cdiv(n_rows, tiles), block_r) * block_r
    tiles = cdiv(n_rows, rows_per_tile)
    dx = empty((batch, seq, heads, width), x.dtype, x.device)
    dw = (empty if weight is not None else torch.zeros)((tiles, width), dtype=torch.float32, device=x.device)
    _backward_kernel[(tiles,)](
        dout, x, x if weight is None else weight, cos, sin, dx, dw, n_rows, seq, heads, width, dout.stride(0),
        dout.stride(1), dout.stride(2), x.stride(0), x.stride(1), x.stride(2), *_table_strides(cos, sin),
        rows_per_tile, eps, HAS_NORM=has_norm, HAS_WEIGHT=weight is not None, INTERLEAVED=interleaved,
        BLOCK_R=block_r, BLOCK_D=block_d, num_warps=warps)
    return dx, dw.sum(0)


@rope_backward.register_fake
def _(dout, x, cos, sin, weight, eps, interleaved, has_norm):
    return (torch.empty(x.shape, dtype=x.dtype, device=x.device),
            torch.empty(x.shape[3], dtype=torch.float32, device=x.device))


def msrope_tables(freqs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """cos/sin views [1 or B, L, D/2] (fp32, no copy) of complex factors [L, D/2] or [B, L, D/2]."""
    if freqs.dim() == 2:
        freqs = freqs.unsqueeze(0)
    return freqs.real, freqs.imag


def rotary_tables(cos: torch.Tensor, sin: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """cos/sin [L, D] or [B, L, D] → [1 or B, L, D]."""
    return (cos.unsqueeze(0), sin.unsqueeze(0)) if cos.dim() == 2 else (cos, sin)


class Rope(torch.autograd.Function):
    """Rotation of x [B, L, H, D] by tables (cos, sin), optionally after an RMSNorm (weight may be None)."""

    @staticmethod
    def forward(ctx, x, cos, sin, weight, eps, interleaved, has_norm):
        out = rope_forward(x, cos, sin, weight, eps, interleaved, has_norm)
        ctx.save_for_backward(x if has_norm else None, cos, sin, weight)
        ctx.eps, ctx.interleaved, ctx.has_norm = eps, interleaved, has_norm
        return out

    @staticmethod
    def backward(ctx, dout):
        x, cos, sin, weight = ctx.saved_tensors
        if x is None:  # no norm: x is not read; dout has its shape and dtype
            x = dout
        dx, dw = rope_backward(dout, x, cos, sin, weight, ctx.eps, ctx.interleaved, ctx.has_norm)
        return dx, None, None, None if weight is None else dw.to(weight.dtype), None, None, None


def msrope(x: torch.Tensor, freqs: torch.Tensor) -> torch.Tensor:
    """`msrope_reference` with the kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1)."""
    if x.numel() == 0 or not runs_here(x) or x.dim() != 4:
        return msrope_reference(x, freqs)
    cos, sin = msrope_tables(freqs)
    return Rope.apply(x, cos, sin, None, 0.0, True, False)


def rotary(q: torch.Tensor, k: torch.Tensor, cos: torch.Tensor,
           sin: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """`rotary_reference` with the kernel where it runs: q, k [B, H, L, D] are rotated as [B, L, H, D] views."""
    if q.numel() == 0 or not runs_here(q) or q.dim() != 4:
        return rotary_reference(q, k, cos, sin)
    cos, sin = rotary_tables(cos, sin)
    return tuple(Rope.apply(t.transpose(1, 2), cos, sin, None, 0.0, False, False).transpose(1, 2) for t in (q, k))
