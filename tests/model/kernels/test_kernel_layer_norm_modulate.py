"""LayerNorm + AdaLN modulate kernel vs its plain-torch reference (conftest: what every check covers)."""

from __future__ import annotations

import pytest
import torch

from model.kernels import layer_norm_modulate as op


def check(kernel_check, shape, mod_batch, device="cpu", dtype=torch.float32):
    g = kernel_check.inputs(device)
    width = shape[-1]
    x = (torch.randn(shape, generator=g, device=device) * 3 + 1).to(dtype).requires_grad_()
    mod_shape = (mod_batch,) + (1,) * (len(shape) - 2) + (width,)
    shift = torch.randn(mod_shape, generator=g, device=device).to(dtype).requires_grad_()
    scale = torch.randn(mod_shape, generator=g, device=device).to(dtype).requires_grad_()
    kernel_check.compare(op.layer_norm_modulate, op.reference, (x, shift, scale, 1e-6), (x, shift, scale),
                         "LayerNormModulate", kernel_check.tol(dtype), what=f"{shape} {dtype} mod batch {mod_batch}")


@pytest.mark.parametrize(("shape", "mod_batch"), [((2, 9, 40), 2), ((3, 7, 64), 1), ((5, 123, 123), 5)])
def test_matches_reference(kernel_check, device, shape, mod_batch):
    check(kernel_check, shape, mod_batch, device)


def test_refuses_a_modulation_that_is_not_per_sample(device):
    x = torch.randn(2, 5, 8, device=device)
    with pytest.raises(ValueError, match="neither shared nor per-sample"):
        op.layer_norm_modulate(x, torch.randn(2, 5, 8, device=device), torch.randn(2, 1, 8, device=device), 1e-6)


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    @pytest.mark.parametrize("shape", [(2, 4096, 1536), (1, 8192, 2048), (5, 123, 123)])
    def test_matches_reference(self, kernel_check, shape, dtype):
        check(kernel_check, shape, shape[0], "cuda", dtype)
