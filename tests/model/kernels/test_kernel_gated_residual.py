"""Gated residual kernel vs its plain-torch reference (conftest: what every check covers)."""

from __future__ import annotations

import pytest
import torch

from model.kernels import gated_residual as op


def check(kernel_check, shape, gate_batch, device="cpu", dtype=torch.float32):
    g = kernel_check.inputs(device)
    gate_shape = (gate_batch,) + (1,) * (len(shape) - 2) + (shape[-1],)
    x = torch.randn(shape, generator=g, device=device).to(dtype).requires_grad_()
    y = torch.randn(shape, generator=g, device=device).to(dtype).requires_grad_()
    gate = torch.randn(gate_shape, generator=g, device=device).to(dtype).requires_grad_()
    kernel_check.compare(op.gated_residual, op.reference, (x, gate, y), (x, gate, y), "GatedResidual",
                         kernel_check.tol(dtype), what=f"{shape} {dtype} gate batch {gate_batch}")


@pytest.mark.parametrize(("shape", "gate_batch"), [((2, 9, 40), 2), ((3, 7, 64), 1), ((5, 123, 123), 5)])
def test_matches_reference(kernel_check, device, shape, gate_batch):
    check(kernel_check, shape, gate_batch, device)


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    @pytest.mark.parametrize("shape", [(2, 4096, 1536), (5, 123, 123)])
    def test_matches_reference(self, kernel_check, shape, dtype):
        check(kernel_check, shape, shape[0], "cuda", dtype)
