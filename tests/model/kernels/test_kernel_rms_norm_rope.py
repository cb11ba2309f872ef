"""QK-norm + RoPE fused kernel vs RMSNorm-then-RoPE in plain torch (conftest: what every check covers)."""

from __future__ import annotations

import pytest
import torch

from model.kernels import rms_norm_rope as op
from model.layers import rope_cos_sin
from model.msrope import rope_frequencies


def check(kernel_check, batch, seq, heads, axes, layout, affine, device="cpu", dtype=torch.float32):
    g = kernel_check.inputs(device)
    width = sum(axes)
    if layout == "msrope":
        rope = rope_frequencies(torch.randint(-40, 80, (batch, seq, 3), generator=g, device=device).float(), axes)
    else:
        rope = rope_cos_sin(torch.randint(0, 5000, (batch, seq), generator=g, device=device), width, 1e6, dtype=dtype)
    base = torch.randn(batch, seq, heads, 2 * width, generator=g, device=device).to(dtype).requires_grad_()
    x, leaves, weight = base[..., :width], [base], None
    if affine:
        weight = (1 + 0.5 * torch.randn(width, generator=g, device=device)).to(dtype).requires_grad_()
        leaves.append(weight)
    kernel_check.compare(op.rms_norm_rope, op.reference, (x, weight, 1e-6, rope), leaves, "Rope",
                         kernel_check.tol(dtype), what=f"{layout} {batch}x{seq}x{heads}x{width} affine={affine}")


@pytest.mark.parametrize(("batch", "seq", "heads", "axes", "layout", "affine"),
                         [(2, 9, 3, (4, 6, 6), "msrope", True), (2, 9, 3, (4, 6, 6), "rotary", True),
                          (2, 5, 2, (4, 6, 6), "msrope", False), (5, 123, 2, (10, 56, 56), "msrope", True),
                          (5, 123, 2, (10, 56, 56), "rotary", True)])
def test_matches_reference(kernel_check, device, batch, seq, heads, axes, layout, affine):
    check(kernel_check, batch, seq, heads, axes, layout, affine, device)


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    @pytest.mark.parametrize("layout", ["msrope", "rotary"])
    def test_matches_reference(self, kernel_check, layout, dtype):
        check(kernel_check, 1, 8192, 12, (16, 56, 56), layout, True, "cuda", dtype)
        check(kernel_check, 5, 123, 2, (10, 56, 56), layout, True, "cuda", dtype)
