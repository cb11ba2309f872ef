"""RMSNorm kernel vs its plain-torch reference (conftest: what every check covers)."""

from __future__ import annotations

import pytest
import torch

from model.kernels import rms_norm as op


def check(kernel_check, shape, affine, device="cpu", dtype=torch.float32, strided=False):
    g = kernel_check.inputs(device)
    width = shape[-1]
    if strided:  # the head's query: every other head_dim block of a doubled projection
        base = torch.randn(*shape[:-1], 2 * width, generator=g, device=device).to(dtype).requires_grad_()
        x, leaves = base[..., :width], [base]
    else:
        x = torch.randn(shape, generator=g, device=device).to(dtype).requires_grad_()
        leaves = [x]
    weight = None
    if affine:
        weight = (1 + 0.5 * torch.randn(width, generator=g, device=device)).to(dtype).requires_grad_()
        leaves.append(weight)
    kernel_check.compare(op.rms_norm, op.reference, (x, weight, 1e-6), leaves, "RMSNormFunction",
                         kernel_check.tol(dtype), what=f"{shape} {dtype} affine={affine} strided={strided}")


@pytest.mark.parametrize(("shape", "affine", "strided"), [((3, 7, 64), True, False), ((2, 9, 40), False, False),
                                                          ((2, 5, 3, 16), True, True), ((5, 123, 123), True, False)])
def test_matches_reference(kernel_check, device, shape, affine, strided):
    check(kernel_check, shape, affine, device, strided=strided)


def test_strided_rows_are_read_in_place():
    """A head-split slice of a projection has a uniform row stride: no copy is made for the kernel."""
    from model.kernels._triton import as_rows

    base = torch.randn(2, 5, 3, 32)
    rows = as_rows(base[..., :16], 16)
    assert rows.data_ptr() == base.data_ptr() and rows.stride() == (32, 1)


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    @pytest.mark.parametrize(("shape", "strided"), [((1, 8192, 2048), False), ((1, 8192, 16, 128), True),
                                                    ((5, 123, 123), False)])
    def test_matches_reference(self, kernel_check, shape, strided, dtype):
        check(kernel_check, shape, True, "cuda", dtype, strided)
