"""Chunked fused linear cross-entropy for the LM head: mean CE of (hidden @ weightᵀ) without the full logits.

The LLM's vocabulary is ≈ 151k: 8192 tokens of fp32 logits are 5 GB, and eager keeps them,
their softmax and their gradient. Here the tokens go through in chunks: a chunk's logits
(in the weight's dtype) are made by one matmul, a Triton kernel turns each row into its
loss and overwrites it with d(mean loss)/d(logits) (online softmax: one read for the
max and sum, one for the gradient), and two matmuls fold that into d hidden and d weight
right away. The gradients are ready when forward returns (the approach of Liger Kernel's
fused linear cross-entropy); backward only scales them by the incoming gradient. Peak
memory is one chunk of logits plus the gradients.

Why not Liger's own: its `LigerFusedLinearCrossEntropyFunction` does not trace with
`torch.compile(fullgraph=True)`, which these kernels must; the kernel here is the
cross-entropy part only, small, and runs in the interpreter for the CPU tests.

Targets equal to `ignore_index` count neither in the loss nor in the mean; with no valid
target the loss is NaN, as `F.cross_entropy` gives.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from model.kernels._triton import empty, empty_like, kernel, next_power_of_2, runs_here, tl

LOGIT_CHUNK_ELEMENTS = 1 << 27  # one chunk's logits: 256 MiB in bf16 (≈ 880 rows of a 151k vocabulary)


def reference(hidden: torch.Tensor, weight: torch.Tensor, targets: torch.Tensor,
              ignore_index: int = -100) -> torch.Tensor:
    """Logits in the weight's dtype, then fp32 cross-entropy over the tokens with a target (the model's NTP loss)."""
    logits = F.linear(hidden, weight).float()
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=ignore_index)


@kernel
def _cross_entropy_kernel(logits_ptr, targets_ptr, loss_ptr, inv_count_ptr, vocab, logits_stride, ignore_index,
                          WRITE_GRAD: tl.constexpr, BLOCK_V: tl.constexpr):
    row = tl.program_id(0)
    ptr = logits_ptr + row.to(tl.int64) * logits_stride
    target = tl.load(targets_ptr + row)
    valid = target != ignore_index
    m = float("-inf")
    s = 0.0
    for start in range(0, vocab, BLOCK_V):
        cols = start + tl.arange(0, BLOCK_V)
        x = tl.load(ptr + cols, mask=cols < vocab, other=float("-inf")).to(tl.float32)
        m_new = tl.maximum(m, tl.max(x, axis=0))
        s = s * tl.exp(m - m_new) + tl.sum(tl.exp(x - m_new), axis=0)
        m = m_new
    lse = m + tl.log(s)
    target_logit = tl.load(ptr + tl.where(valid, target, 0)).to(tl.float32)
    tl.store(loss_ptr + row, tl.where(valid, lse - target_logit, 0.0))
    if WRITE_GRAD:
        scale = tl.where(valid, tl.load(inv_count_ptr), 0.0)
        for start in range(0, vocab, BLOCK_V):
            cols = start + tl.arange(0, BLOCK_V)
            col_ok = cols < vocab
            x = tl.load(ptr + cols, mask=col_ok, other=0.0).to(tl.float32)
            grad = (tl.exp(x - lse) - tl.where(cols == target, 1.0, 0.0)) * scale
            tl.store(ptr + cols, grad.to(logits_ptr.dtype.element_ty), mask=col_ok)


@torch.library.custom_op("unisynth::cross_entropy_rows", mutates_args=("logits",))
def cross_entropy_rows(logits: torch.Tensor, targets: torch.Tensor, inv_count: torch.Tensor, ignore_index: int,
                       write_grad: bool) -> torch.Tensor:
    """Per-row losses [N] fp32 of logits [N, V] (unit column stride); with write_grad the logits are
    overwritten with (softmax − one-hot) · inv_count, zero on rows whose target is ignored."""
    rows, vocab = logits.shape
    loss = empty((rows,), torch.float32, logits.device)
    if rows:
        block_v = min(4096, next_power_of_2(vocab))
        _cross_entropy_kernel[(rows,)](logits, targets, loss, inv_count, vocab, logits.stride(0), ignore_index,
                                       WRITE_GRAD=write_grad, BLOCK_V=block_v, num_warps=8 if block_v >= 2048 else 4)
    return loss


@cross_entropy_rows.register_fake
def _(logits, targets, inv_count, ignore_index, write_grad):
    return torch.empty(logits.shape[0], dtype=torch.float32, device=logits.device)


def default_chunk_rows(vocab: int) -> int:
    return max(1, LOGIT_CHUNK_ELEMENTS // vocab)


class FusedLinearCrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, hidden, weight, targets, ignore_index, chunk_rows, with_grads):
        width = hidden.shape[-1]
        h = hidden.reshape(-1, width)
        t = targets.reshape(-1)
        count = (t != ignore_index).sum()
        inv_count = (1.0 / count.clamp_min(1).float()).reshape(1)
        need_h, need_w = with_grads and hidden.requires_grad, with_grads and weight.requires_grad
        dh = empty_like(h) if need_h else None
        dw = torch.zeros(weight.shape, dtype=torch.float32, device=weight.device) if need_w else None
        losses = []
        for start in range(0, h.shape[0], chunk_rows):
            h_chunk = h[start:start + chunk_rows]
            logits = h_chunk @ weight.t()
            losses.append(cross_entropy_rows(logits, t[start:start + chunk_rows], inv_count, ignore_index,
                                             need_h or need_w))
            if need_h:
                dh[start:start + chunk_rows] = logits @ weight
            if need_w:
                dw += (logits.t() @ h_chunk).float()
        loss = torch.cat(losses).sum() / count
        ctx.save_for_backward(dh, None if dw is None else dw.to(weight.dtype))
        ctx.hidden_shape = hidden.shape
        return loss

    @staticmethod
    def backward(ctx, grad):
        dh, dw = ctx.saved_tensors
        dh = None if dh is None else (dh * grad).view(ctx.hidden_shape)
        dw = None if dw is None else dw * grad
        return dh, dw, None, None, None, None


def fused_linear_cross_entropy(hidden: torch.Tensor, weight: torch.Tensor, targets: torch.Tensor,
                               ignore_index: int = -100, chunk_rows: int | None = None) -> torch.Tensor:
    """Mean cross-entropy of `hidden [..., H] @ weight [V, H]ᵀ` against `targets [...]`, chunked.

    The fused kernel where it runs (CUDA, or CPU under TRITON_INTERPRET=1); the reference elsewhere.
    """
    if hidden.numel() == 0 or not runs_here(hidden):
        return reference(hidden, weight, targets, ignore_index)
    chunk_rows = chunk_rows or default_chunk_rows(weight.shape[0])
    with_grads = torch.is_grad_enabled() and (hidden.requires_grad or weight.requires_grad)
    return FusedLinearCrossEntropy.apply(hidden, weight, targets, ignore_index, chunk_rows, with_grads)
