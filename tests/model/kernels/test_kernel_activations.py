"""SwiGLU and GELU(tanh) kernels vs their plain-torch references (conftest: what every check covers)."""

from __future__ import annotations

import pytest
import torch

from model.kernels import gelu_tanh, swiglu


def check_swiglu(kernel_check, shape, spread, device="cpu", dtype=torch.float32):
    g = kernel_check.inputs(device)
    gate = (torch.randn(shape, generator=g, device=device) * spread).to(dtype).requires_grad_()
    up = torch.randn(shape, generator=g, device=device).to(dtype).requires_grad_()
    kernel_check.compare(swiglu.swiglu, swiglu.reference, (gate, up), (gate, up), "SwiGLU", kernel_check.tol(dtype),
                         what=f"swiglu {shape} spread {spread} {dtype}")


def check_gelu(kernel_check, shape, spread, device="cpu", dtype=torch.float32):
    g = kernel_check.inputs(device)
    x = (torch.randn(shape, generator=g, device=device) * spread).to(dtype).requires_grad_()
    kernel_check.compare(gelu_tanh.gelu_tanh, gelu_tanh.reference, (x,), (x,), "GeluTanh", kernel_check.tol(dtype),
                         what=f"gelu_tanh {shape} spread {spread} {dtype}")


@pytest.mark.parametrize(("shape", "spread"), [((3, 7, 64), 1.0), ((4, 50), 60.0), ((5, 123, 123), 3.0)])
def test_swiglu_matches_reference(kernel_check, device, shape, spread):
    """spread 60 puts inputs where exp overflows if written naively."""
    check_swiglu(kernel_check, shape, spread, device)


@pytest.mark.parametrize(("shape", "spread"), [((3, 7, 64), 1.0), ((4, 50), 60.0), ((5, 123, 123), 3.0)])
def test_gelu_tanh_matches_reference(kernel_check, device, shape, spread):
    check_gelu(kernel_check, shape, spread, device)


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    @pytest.mark.parametrize("shape", [(1, 8192, 6144), (5, 123, 123)])
    def test_matches_reference(self, kernel_check, shape, dtype):
        check_swiglu(kernel_check, shape, 3.0, "cuda", dtype)
        check_gelu(kernel_check, shape, 3.0, "cuda", dtype)
