"""RoPE kernels (MSRoPE interleaved, LLM rotate-half) vs their plain-torch references (conftest: the checks)."""

from __future__ import annotations

import pytest
import torch

from model.kernels import rope as op
from model.layers import rope_cos_sin
from model.msrope import rope_frequencies


def msrope_inputs(g, batch, seq, heads, axes, per_sample, device, dtype):
    width = sum(axes)
    shape = (batch, seq, 3) if per_sample else (seq, 3)
    positions = torch.randint(-40, 80, shape, generator=g, device=device).float()
    freqs = rope_frequencies(positions, axes)
    base = torch.randn(batch, seq, heads, 2 * width, generator=g, device=device).to(dtype).requires_grad_()
    return base, base[..., :width], freqs  # x: a strided slice, as the head's query is


def check_msrope(kernel_check, batch, seq, heads, axes, per_sample, device="cpu", dtype=torch.float32):
    base, x, freqs = msrope_inputs(kernel_check.inputs(device), batch, seq, heads, axes, per_sample, device, dtype)
    kernel_check.compare(op.msrope, op.msrope_reference, (x, freqs), (base,), "Rope", kernel_check.tol(dtype),
                         what=f"msrope {batch}x{seq}x{heads}x{sum(axes)} per_sample={per_sample} {dtype}")


def check_rotary(kernel_check, batch, heads, kv_heads, seq, width, per_sample, device="cpu", dtype=torch.float32):
    g = kernel_check.inputs(device)
    cos, sin = rope_cos_sin(torch.randint(0, 5000, (batch, seq), generator=g, device=device), width, 1e6, dtype=dtype)
    if not per_sample:
        cos, sin = cos[0], sin[0]
    # q as the LLM makes it: [B, L, H, D] transposed to [B, H, L, D]
    q = torch.randn(batch, seq, heads, width, generator=g, device=device).to(dtype).transpose(1, 2).requires_grad_()
    k = torch.randn(batch, kv_heads, seq, width, generator=g, device=device).to(dtype).requires_grad_()
    kernel_check.compare(op.rotary, op.rotary_reference, (q, k, cos, sin), (q, k), "Rope", kernel_check.tol(dtype),
                         what=f"rotary {batch}x{heads}/{kv_heads}x{seq}x{width} per_sample={per_sample} {dtype}")


@pytest.mark.parametrize(("batch", "seq", "heads", "axes", "per_sample"),
                         [(2, 9, 3, (4, 6, 6), False), (2, 7, 2, (4, 6, 6), True), (5, 123, 2, (10, 56, 56), True)])
def test_msrope_matches_reference(kernel_check, device, batch, seq, heads, axes, per_sample):
    check_msrope(kernel_check, batch, seq, heads, axes, per_sample, device)


@pytest.mark.parametrize(("batch", "heads", "kv_heads", "seq", "width", "per_sample"),
                         [(2, 4, 2, 9, 16, True), (1, 2, 1, 7, 16, False), (5, 3, 1, 123, 122, True)])
def test_rotary_matches_reference(kernel_check, device, batch, heads, kv_heads, seq, width, per_sample):
    check_rotary(kernel_check, batch, heads, kv_heads, seq, width, per_sample, device)


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    def test_msrope_matches_reference(self, kernel_check, dtype):
        check_msrope(kernel_check, 1, 8192, 12, (16, 56, 56), True, "cuda", dtype)
        check_msrope(kernel_check, 5, 123, 2, (10, 56, 56), False, "cuda", dtype)

    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    def test_rotary_matches_reference(self, kernel_check, dtype):
        check_rotary(kernel_check, 1, 16, 8, 8192, 128, True, "cuda", dtype)
        check_rotary(kernel_check, 5, 3, 1, 123, 122, False, "cuda", dtype)
