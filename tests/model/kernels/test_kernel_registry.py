"""Backend selection (`model.kernels.select`) and composition of the kernels with torch.compile."""

from __future__ import annotations

import pytest
import torch

from model import kernels
from model.kernels import (
    flow_matching_loss,
    fused_linear_cross_entropy,
    gated_residual_norm,
    gelu_tanh,
    layer_norm_modulate,
    rms_norm_rope,
    swiglu,
)
from model.msrope import rope_frequencies


@pytest.fixture(autouse=True)
def fresh_selection(monkeypatch):
    """Each test starts from the environment and automatic choice, and leaves them so."""
    monkeypatch.delenv(kernels.ENV_VAR, raising=False)
    kernels.configure()
    yield
    monkeypatch.delenv(kernels.ENV_VAR, raising=False)
    kernels.configure()


def test_default_is_triton_only_with_cuda():
    expected = "triton" if torch.cuda.is_available() else "eager"
    assert set(kernels.settings().values()) == {expected}


def test_environment_sets_a_default_and_per_op_overrides(monkeypatch):
    monkeypatch.setenv(kernels.ENV_VAR, "compile, rms_norm=eager ,swiglu=triton")
    kernels.configure()
    assert kernels.backend_for("layer_norm_modulate") == "compile"
    assert kernels.backend_for("rms_norm") == "eager"
    assert kernels.backend_for("swiglu") == "triton"
    assert kernels.select("rms_norm") is kernels.OPS["rms_norm"].module.reference
    assert kernels.select("swiglu") is swiglu.swiglu


def test_config_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(kernels.ENV_VAR, "compile,gelu_tanh=compile")
    kernels.configure_from({"default": "eager", "gelu_tanh": "triton"})
    assert kernels.backend_for("rms_norm") == "eager" and kernels.backend_for("gelu_tanh") == "triton"
    with kernels.use("triton", gelu_tanh="eager"):
        assert kernels.backend_for("rms_norm") == "triton" and kernels.select("gelu_tanh") is gelu_tanh.reference
    assert kernels.backend_for("gelu_tanh") == "triton", "use() puts the previous choice back"


def test_unknown_names_are_refused(monkeypatch):
    with pytest.raises(ValueError, match="unknown kernel backend 'cuda'"):
        kernels.configure("cuda")
    with pytest.raises(KeyError, match="unknown kernel op 'layernorm'"):
        kernels.configure(layernorm="eager")
    monkeypatch.setenv(kernels.ENV_VAR, "triton,swiglu=fast")
    with pytest.raises(ValueError, match="'fast' for swiglu"):
        kernels.configure()


def test_every_op_has_a_reference_and_a_fused_entry_point():
    for name, op in kernels.OPS.items():
        assert callable(getattr(op.module, op.reference)) and callable(getattr(op.module, op.fused)), name


def test_compile_backend_is_torch_compile_of_the_reference():
    """By construction the same function; running Inductor on the CPU costs ~25 s, so the GPU class runs it."""
    with kernels.use("compile"):
        for name, op in kernels.OPS.items():
            compiled = kernels.select(name)
            assert compiled._torchdynamo_orig_callable is getattr(op.module, op.reference), name


def head_step(x, y, mods, q, weight, freqs, hidden, lm_weight, targets, pred, target):
    """A slice of a training step through the fused ops (all but rotary, covered by the model test)."""
    normed = layer_norm_modulate.layer_norm_modulate(x, mods[0], mods[1], 1e-6)
    h, out = gated_residual_norm.gated_residual_norm(x, mods[2], y * normed, mods[0], mods[1], 1e-6)
    act = swiglu.swiglu(out, h) + gelu_tanh.gelu_tanh(out)
    q_rot = rms_norm_rope.rms_norm_rope(q, weight, 1e-6, freqs)
    ce = fused_linear_cross_entropy.fused_linear_cross_entropy(hidden, lm_weight, targets, chunk_rows=4)
    fm = flow_matching_loss.flow_matching_loss(pred, target, torch.ones(pred.shape[0]))
    return act.square().mean() + q_rot.square().mean() + ce + fm


def test_kernels_trace_whole_into_torch_compile(device):
    """fullgraph=True: every fused op is a registered custom op (fake tensors, functionalisation of the
    cross-entropy kernel's in-place gradient) with no graph break; aot_eager runs the traced graph."""
    g = torch.Generator().manual_seed(0)

    def randn(*shape):
        return torch.randn(*shape, generator=g).to(device)

    args = [randn(2, 5, 24), randn(2, 5, 24), [randn(2, 1, 24) for _ in range(3)], randn(2, 5, 3, 16), randn(16),
            rope_frequencies(torch.randint(0, 9, (5, 3), generator=g).float(), (4, 6, 6)).to(device),
            randn(10, 24), randn(40, 24), torch.randint(0, 40, (10,), generator=g).to(device), randn(2, 5, 24),
            randn(2, 5, 24)]
    leaves = [args[0], args[1], *args[2], args[3], args[4], args[6], args[7], args[9]]
    for t in leaves:
        t.requires_grad_(True)
    eager = head_step(*args)
    eager_grads = torch.autograd.grad(eager, leaves)
    compiled = torch.compile(head_step, backend="aot_eager", fullgraph=True)(*args)
    compiled_grads = torch.autograd.grad(compiled, leaves)
    assert torch.allclose(compiled, eager, rtol=1e-6)
    for a, b in zip(compiled_grads, eager_grads, strict=True):
        assert torch.allclose(a, b, rtol=1e-5, atol=1e-7)


@pytest.mark.gpu
class TestGPU:
    def test_compile_backend_computes_the_reference(self):
        x = torch.randn(4096, 1536, device="cuda", requires_grad=True)
        with kernels.use("compile"):
            out = kernels.select("gelu_tanh")(x)
        assert torch.allclose(out, gelu_tanh.reference(x), rtol=1e-5, atol=1e-6)
        (grad,) = torch.autograd.grad(out.sum(), x)
        (ref_grad,) = torch.autograd.grad(gelu_tanh.reference(x).sum(), x)
        assert torch.allclose(grad, ref_grad, rtol=1e-5, atol=1e-6)

    def test_kernels_compile_with_inductor(self):
        """The real target: Inductor around the custom ops on CUDA, forward and backward, bf16."""
        g = torch.Generator(device="cuda").manual_seed(0)

        def randn(*shape):
            return torch.randn(*shape, generator=g, device="cuda").bfloat16()

        args = [randn(2, 256, 1536), randn(2, 256, 1536), [randn(2, 1, 1536) for _ in range(3)], randn(2, 256, 12, 128),
                randn(128), rope_frequencies(torch.randint(0, 64, (256, 3), device="cuda").float(), (16, 56, 56)),
                randn(512, 2048), randn(32000, 2048) * 0.02, torch.randint(0, 32000, (512,), device="cuda"),
                randn(2, 256, 64), randn(2, 256, 64)]
        leaves = [args[0], args[1], *args[2], args[3], args[4], args[6], args[7], args[9]]
        for t in leaves:
            t.requires_grad_(True)
        eager = head_step(*args)
        eager_grads = torch.autograd.grad(eager, leaves)
        compiled = torch.compile(head_step, fullgraph=True)(*args)
        compiled_grads = torch.autograd.grad(compiled, leaves)
        assert torch.allclose(compiled.float(), eager.float(), rtol=1e-2)
        for a, b in zip(compiled_grads, eager_grads, strict=True):
            assert (a.float() - b.float()).norm() <= 1e-2 * b.float().norm()
