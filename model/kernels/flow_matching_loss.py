"""Flow-matching loss with per-sample weights: weighted mean over samples of each sample's
mean squared velocity error over its valid tokens (`model.flow.flow_matching_loss`).

Eager upcasts pred and target to fp32 copies, subtracts, squares, takes two means and
keeps the fp32 difference for backward. Here forward reads pred and target once and
writes only per-sample partial sums; backward reads them again and writes both gradients
in the same pass. The per-sample bookkeeping (token counts, weights) is [B]-sized torch.

Each sample's loss is linear in its sum of squared errors, loss = Σ_b coef_b · sse_b, so
backward is d pred = 2 · grad · coef_b · (pred − target) · mask, d target = −d pred.
The weights get no gradient (they select samples, e.g. which ones have an image target).
"""

from __future__ import annotations

import torch

from model.kernels._triton import cdiv, empty, empty_like, kernel, program_budget, runs_here, tl

BLOCK = 1024


def reference(pred: torch.Tensor, target: torch.Tensor, weights: torch.Tensor | None = None,
              mask: torch.Tensor | None = None) -> torch.Tensor:
    """Mean squared velocity error per sample (over its valid tokens), then the weighted
    mean over samples. `pred`/`target` [B, N, C]; `mask` [B, N] marks valid tokens;
    `weights` [B] (0 drops a sample, e.g. one without an image target)."""
    err = (pred.float() - target.float()).pow(2).mean(dim=-1)
    if mask is None:
        per_sample = err.mean(dim=1)
    else:
        m = mask.to(err.dtype)
        per_sample = (err * m).sum(dim=1) / m.sum(dim=1).clamp_min(1)
    if weights is None:
        return per_sample.mean()
    w = weights.to(per_sample.dtype)
    return (per_sample * w).sum() / w.sum().clamp_min(1e-8)


@kernel
def _forward_kernel(pred_ptr, target_ptr, mask_ptr, part_ptr, per_sample, channels, tokens, per_tile, tiles,
                    HAS_MASK: tl.constexpr, BLOCK: tl.constexpr):
    sample = tl.program_id(0)
    tile = tl.program_id(1)
    acc = tl.zeros((BLOCK,), dtype=tl.float32)
    first = tile * per_tile
    last = tl.minimum(first + per_tile, per_sample)
    base = sample.to(tl.int64) * per_sample
    for start in range(first, last, BLOCK):
        offs = start + tl.arange(0, BLOCK)
        ok = offs < last
        diff = (tl.load(pred_ptr + base + offs, mask=ok, other=0.0).to(tl.float32)
                - tl.load(target_ptr + base + offs, mask=ok, other=0.0).to(tl.float32))
        sq = diff * diff
        if HAS_MASK:
            sq = sq * tl.load(mask_ptr + sample * tokens + offs // channels, mask=ok, other=0.0)
        acc += sq
    tl.store(part_ptr + sample * tiles + tile, tl.sum(acc, axis=0))


@kernel
def _backward_kernel(pred_ptr, target_ptr, mask_ptr, coef_ptr, dpred_ptr, dtarget_ptr, per_sample, channels, tokens,
                     HAS_MASK: tl.constexpr, WRITE_PRED: tl.constexpr, WRITE_TARGET: tl.constexpr,
                     BLOCK: tl.constexpr):
    sample = tl.program_id(0)
    offs = tl.program_id(1) * BLOCK + tl.arange(0, BLOCK)
    ok = offs < per_sample
    base = sample.to(tl.int64) * per_sample
    diff = (tl.load(pred_ptr + base + offs, mask=ok, other=0.0).to(tl.float32)
            - tl.load(target_ptr + base + offs, mask=ok, other=0.0).to(tl.float32))
    grad = 2.0 * tl.load(coef_ptr + sample) * diff
    if HAS_MASK:
        grad = grad * tl.load(mask_ptr + sample * tokens + offs // channels, mask=ok, other=0.0)
    if WRITE_PRED:
        tl.store(dpred_ptr + base + offs, grad.to(dpred_ptr.dtype.element_ty), mask=ok)
    if WRITE_TARGET:
        tl.store(dtarget_ptr + base + offs, (-grad).to(dtarget_ptr.dtype.element_ty), mask=ok)


@torch.library.custom_op("unisynth::squared_error_per_sample", mutates_args=())
def squared_error_per_sample(pred: torch.Tensor, target: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
    """Σ over tokens and channels of (pred − target)² · mask, per sample: [B] fp32 (pred/target [B, N, C])."""
    pred, target = pred.contiguous(), target.contiguous()
    samples, tokens, channels = pred.shape
    per_sample = tokens * channels
    tiles = max(1, min(cdiv(program_budget(pred.device), samples), cdiv(per_sample, BLOCK)))
    per_tile = cdiv(cdiv(per_sample, tiles), BLOCK) * BLOCK
    tiles = cdiv(per_sample, per_tile)
    parts = empty((samples, tiles), torch.float32, pred.device)
    _forward_kernel[(samples, tiles)](pred, target, pred if mask is None else mask, parts, per_sample, channels,
                                      tokens, per_tile, tiles, HAS_MASK=mask is not None, BLOCK=BLOCK, num_warps=4)
    return parts.sum(1)


@squared_error_per_sample.register_fake
def _(pred, target, mask):
    return torch.empty(pred.shape[0], dtype=torch.float32, device=pred.device)


@torch.library.custom_op("unisynth::squared_error_backward", mutates_args=())
def squared_error_backward(pred: torch.Tensor, target: torch.Tensor, mask: torch.Tensor | None, coef: torch.Tensor,
                           write_pred: bool, write_target: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """(d pred, d target) of Σ_b coef_b · sse_b; an unwanted one comes back empty (shape [0])."""
    pred, target = pred.contiguous(), target.contiguous()
    samples, tokens, channels = pred.shape
    per_sample = tokens * channels
    dpred = empty_like(pred) if write_pred else pred.new_empty(0)
    dtarget = empty_like(target) if write_target else target.new_empty(0)
    _backward_kernel[(samples, cdiv(per_sample, BLOCK))](
        pred, target, pred if mask is None else mask, coef, dpred if write_pred else pred,
        dtarget if write_target else target, per_sample, channels, tokens, HAS_MASK=mask is not None,
        WRITE_PRED=write_pred, WRITE_TARGET=write_target, BLOCK=BLOCK, num_warps=4)
    return dpred, dtarget


@squared_error_backward.register_fake
def _(pred, target, mask, coef, write_pred, write_target):
    return (torch.empty_like(pred) if write_pred else pred.new_empty(0),
            torch.empty_like(target) if write_target else target.new_empty(0))


class FlowMatchingLoss(torch.autograd.Function):
    @staticmethod
    def forward(ctx, pred, target, weights, mask):
        samples, tokens, channels = pred.shape
        mask_f = None if mask is None else mask.to(torch.float32).contiguous()
        sse = squared_error_per_sample(pred, target, mask_f)
        count = sse.new_full((samples,), float(tokens)) if mask_f is None else mask_f.sum(1).clamp_min(1)
        per_sample = sse / channels / count
        if weights is None:
            loss = per_sample.mean()
            coef = 1.0 / (samples * channels * count)
        else:
            w = weights.to(torch.float32)
            total = w.sum().clamp_min(1e-8)
            loss = (per_sample * w).sum() / total
            coef = w / (channels * count * total)
        ctx.save_for_backward(pred, target, mask_f, coef)
        return loss

    @staticmethod
    def backward(ctx, grad):
        pred, target, mask_f, coef = ctx.saved_tensors
        want_pred, want_target = ctx.needs_input_grad[0], ctx.needs_input_grad[1]
        dpred, dtarget = squared_error_backward(pred, target, mask_f, (coef * grad).contiguous(), want_pred,
                                                want_target)
        return dpred if want_pred else None, dtarget if want_target else None, None, None


def flow_matching_loss(pred: torch.Tensor, target: torch.Tensor, weights: torch.Tensor | None = None,
                       mask: torch.Tensor | None = None) -> torch.Tensor:
    """The fused kernels where they run (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere."""
    if pred.numel() == 0 or not runs_here(pred) or pred.dim() != 3 or pred.shape != target.shape:
        return reference(pred, target, weights, mask)
    return FlowMatchingLoss.apply(pred, target, weights, mask)
