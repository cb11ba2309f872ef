"""Gated residual + LayerNorm + modulate kernel vs its plain-torch reference (conftest: what every check covers)."""

from __future__ import annotations

import pytest
import torch

from model.kernels import gated_residual_norm as op


def make_inputs(kernel_check, shape, mod_batch, device, dtype):
    g = kernel_check.inputs(device)
    mod_shape = (mod_batch,) + (1,) * (len(shape) - 2) + (shape[-1],)
    x = (torch.randn(shape, generator=g, device=device) * 2 + 0.5).to(dtype).requires_grad_()
    y = torch.randn(shape, generator=g, device=device).to(dtype).requires_grad_()
    mods = [torch.randn(mod_shape, generator=g, device=device).to(dtype).requires_grad_() for _ in range(3)]
    return x, mods[0], y, mods[1], mods[2]


def check(kernel_check, shape, mod_batch, device="cpu", dtype=torch.float32):
    x, gate, y, shift, scale = make_inputs(kernel_check, shape, mod_batch, device, dtype)
    kernel_check.compare(op.gated_residual_norm, op.reference, (x, gate, y, shift, scale, 1e-6),
                         (x, gate, y, shift, scale), "GatedResidualNorm", kernel_check.tol(dtype),
                         what=f"{shape} {dtype} mod batch {mod_batch}")


@pytest.mark.parametrize(("shape", "mod_batch"), [((2, 9, 40), 2), ((3, 7, 64), 1), ((5, 123, 123), 5)])
def test_matches_reference(kernel_check, device, shape, mod_batch):
    check(kernel_check, shape, mod_batch, device)


def test_gradients_when_only_the_normed_output_is_used(kernel_check, device):
    """The block always uses both outputs; an unused h must still give the right gradients (no dh read)."""
    x, gate, y, shift, scale = make_inputs(kernel_check, (2, 9, 40), 2, device, torch.float32)

    def normed_only(fn):
        return lambda *args: fn(*args)[1]

    kernel_check.compare(normed_only(op.gated_residual_norm), normed_only(op.reference),
                         (x, gate, y, shift, scale, 1e-6), (x, gate, y, shift, scale), "GatedResidualNorm")


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    @pytest.mark.parametrize("shape", [(2, 4096, 1536), (5, 123, 123)])
    def test_matches_reference(self, kernel_check, shape, dtype):
        check(kernel_check, shape, shape[0], "cuda", dtype)
