"""Chunked fused linear cross-entropy and the flow-matching loss vs their plain-torch references."""

from __future__ import annotations

import pytest
import torch

from model.flow import flow_matching_loss as model_flow_matching_loss
from model.kernels import flow_matching_loss as fm
from model.kernels import fused_linear_cross_entropy as flce


def check_flce(kernel_check, batch, seq, hidden, vocab, chunk_rows, device="cpu", dtype=torch.float32):
    g = kernel_check.inputs(device)
    h = torch.randn(batch, seq, hidden, generator=g, device=device).to(dtype).requires_grad_()
    w = (torch.randn(vocab, hidden, generator=g, device=device) / hidden ** 0.5).to(dtype).requires_grad_()
    targets = torch.randint(0, vocab, (batch, seq), generator=g, device=device)
    targets[torch.rand(batch, seq, generator=g, device=device) < 0.3] = -100

    def fused(h, w, t):
        return flce.fused_linear_cross_entropy(h, w, t, chunk_rows=chunk_rows)

    kernel_check.compare(fused, flce.reference, (h, w, targets), (h, w), "FusedLinearCrossEntropy",
                         kernel_check.tol(dtype), what=f"flce {batch}x{seq}x{hidden} V={vocab} chunk {chunk_rows}")


def check_flow(kernel_check, shape, weighted, masked, device="cpu", dtype=torch.float32):
    g = kernel_check.inputs(device)
    pred = torch.randn(shape, generator=g, device=device).to(dtype).requires_grad_()
    target = torch.randn(shape, generator=g, device=device).to(dtype).requires_grad_()
    weights = (torch.rand(shape[0], generator=g, device=device) > 0.4).float() if weighted else None
    if weights is not None:
        weights[0] = 1.0
    mask = torch.rand(shape[:2], generator=g, device=device) > 0.3 if masked else None
    kernel_check.compare(fm.flow_matching_loss, fm.reference, (pred, target, weights, mask), (pred, target),
                         "FlowMatchingLoss", kernel_check.tol(dtype),
                         what=f"flow loss {shape} weighted={weighted} masked={masked} {dtype}")


@pytest.mark.parametrize(("batch", "seq", "hidden", "vocab", "chunk_rows"),
                         [(2, 9, 16, 100, 5), (1, 6, 8, 37, None), (5, 123, 123, 1031, 128)])
def test_fused_linear_cross_entropy_matches_reference(kernel_check, device, batch, seq, hidden, vocab, chunk_rows):
    check_flce(kernel_check, batch, seq, hidden, vocab, chunk_rows, device)


def test_fused_linear_cross_entropy_edge_cases(device):
    h, w = torch.randn(2, 5, 8, device=device), torch.randn(30, 8, device=device)
    ignored = torch.full((2, 5), -100, device=device)
    assert torch.isnan(flce.fused_linear_cross_entropy(h, w, ignored)), "no target: NaN, as F.cross_entropy"
    targets = torch.randint(0, 30, (2, 5), device=device)
    with torch.no_grad():  # inference: the loss without the gradient matmuls
        loss = flce.fused_linear_cross_entropy(h, w, targets, chunk_rows=3)
    assert abs(loss.item() - flce.reference(h, w, targets).item()) <= 1e-5 * abs(loss.item())


@pytest.mark.parametrize(("shape", "weighted", "masked"),
                         [((3, 17, 33), False, False), ((3, 17, 33), True, False), ((5, 123, 123), True, True)])
def test_flow_matching_loss_matches_reference(kernel_check, device, shape, weighted, masked):
    check_flow(kernel_check, shape, weighted, masked, device)


def test_flow_matching_reference_is_the_models():
    pred, target = torch.randn(3, 7, 5), torch.randn(3, 7, 5)
    weights, mask = torch.tensor([1.0, 0.0, 1.0]), torch.rand(3, 7) > 0.5
    assert torch.equal(fm.reference(pred, target, weights, mask), model_flow_matching_loss(pred, target, weights, mask))


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    def test_fused_linear_cross_entropy_matches_reference(self, kernel_check, dtype):
        check_flce(kernel_check, 1, 4096, 2048, 151_936, None, "cuda", dtype)
        check_flce(kernel_check, 5, 123, 123, 1031, 128, "cuda", dtype)

    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    def test_flow_matching_loss_matches_reference(self, kernel_check, dtype):
        check_flow(kernel_check, (8, 4096, 64), True, True, "cuda", dtype)
        check_flow(kernel_check, (5, 123, 123), True, False, "cuda", dtype)
