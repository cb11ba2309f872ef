"""Shared checks for the fused kernels (model/kernels/).

Triton runs either compiled or interpreted in one process, fixed when it is imported. Without
a GPU (or with TRITON_INTERPRET=1) every kernel runs in Triton's interpreter on CPU tensors,
in fp32; on a GPU the same tests run the compiled kernels on CUDA tensors (`device`), and the
`gpu`-marked classes add bf16 and the model's real shapes. Every test here:

- draws fresh random inputs (the seed is printed in each failure; UNISYNTH_TEST_SEED replays one);
- fills every buffer the kernels are to write with NaN first (`_triton.POISON`), so an
  element a kernel forgets to write makes the comparison fail;
- compares the forward outputs and the gradients of every input with the op's plain-torch
  reference by relative error ‖out − ref‖ / ‖ref‖;
- checks that the fused path ran (the output's grad_fn is the op's autograd Function), since
  the `triton` backend falls back to the reference where kernels cannot run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pytest
import torch

INTERPRET = os.environ.get("TRITON_INTERPRET") == "1" or not torch.cuda.is_available()
if INTERPRET:
    os.environ["TRITON_INTERPRET"] = "1"  # before triton is imported: it decides then
DEVICE = "cpu" if INTERPRET else "cuda"

FP32_TOL = 1e-5
BF16_TOL = 1e-2
GPU_ONLY = ("GPU-only: bf16/fp32 checks of the compiled kernels on CUDA at the model's shapes; without a GPU the "
            "other tests in this folder run the same kernels in Triton's interpreter (fp32)")


def pytest_configure(config):
    config.addinivalue_line("markers", f"gpu: {GPU_ONLY}")


def pytest_collection_modifyitems(config, items):
    if not INTERPRET:
        return
    skip = pytest.mark.skip(reason=GPU_ONLY)
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def triton_mode():
    from model.kernels import _triton

    if _triton.HAVE_TRITON and _triton.INTERPRETING != INTERPRET:
        pytest.fail(f"triton was imported {'without' if INTERPRET else 'with'} TRITON_INTERPRET=1 before this "
                    "conftest could set it: run the kernel tests with TRITON_INTERPRET=1 set (CPU) or unset (GPU)")


@pytest.fixture(autouse=True)
def poisoned_allocations(monkeypatch):
    """Every buffer a kernel is to write starts as NaN (model/kernels/_triton.py: POISON)."""
    from model.kernels import _triton

    monkeypatch.setattr(_triton, "POISON", True)


@pytest.fixture
def device() -> str:
    """Where the kernels run in this process: CPU tensors under the interpreter, else CUDA."""
    return DEVICE


def rel_err(out: torch.Tensor, ref: torch.Tensor) -> float:
    out, ref = out.detach().double(), ref.detach().double()
    denom = ref.norm().item()
    return (out - ref).norm().item() / (denom if denom > 0 else 1.0)


@dataclass
class KernelCheck:
    """Runs a fused op and its reference on the same inputs and compares outputs and gradients."""

    seed: int
    fp32_tol: float = FP32_TOL
    bf16_tol: float = BF16_TOL

    rel_err = staticmethod(rel_err)

    def tol(self, dtype: torch.dtype) -> float:
        return self.fp32_tol if dtype == torch.float32 else self.bf16_tol

    def inputs(self, device: str | torch.device = "cpu") -> torch.Generator:
        return torch.Generator(device=device).manual_seed(self.seed)

    def compare(self, fused: Callable, reference: Callable, args: Sequence, grad_of: Sequence[torch.Tensor],
                function: str | None, tol: float = FP32_TOL, what: str = "") -> dict[str, float]:
        """Forward outputs and d(Σ outputs · random cotangents)/d(grad_of), fused vs reference."""
        out = fused(*args)
        ref = reference(*args)
        outs = list(out) if isinstance(out, (tuple, list)) else [out]
        refs = list(ref) if isinstance(ref, (tuple, list)) else [ref]
        label = f"{what} (seed {self.seed})"
        if function is not None:
            names = {type(o.grad_fn).__name__ for o in outs if o.grad_fn is not None}
            names |= {type(o.grad_fn.next_functions[0][0]).__name__ for o in outs
                      if o.grad_fn is not None and o.grad_fn.next_functions}
            assert f"{function}Backward" in names, f"{label}: the fused path did not run (grad_fn {names})"
        errors = {}
        for i, (o, r) in enumerate(zip(outs, refs, strict=True)):
            assert o.shape == r.shape and o.dtype == r.dtype, f"{label}: output {i} {o.shape}/{o.dtype} vs {r.shape}/{r.dtype}"
            errors[f"out{i}"] = rel_err(o, r)
        if grad_of:
            g = torch.Generator(device=outs[0].device).manual_seed(self.seed + 1)
            cotangents = [torch.randn(r.shape, generator=g, device=r.device, dtype=torch.float32).to(r.dtype)
                          for r in refs]
            fused_grads = torch.autograd.grad(outs, grad_of, cotangents)
            ref_grads = torch.autograd.grad(refs, grad_of, cotangents)
            for i, (a, b) in enumerate(zip(fused_grads, ref_grads, strict=True)):
                assert a.shape == b.shape and a.dtype == b.dtype, f"{label}: grad {i} {a.shape}/{a.dtype} vs {b.dtype}"
                errors[f"grad{i}"] = rel_err(a, b)
        bad = {k: v for k, v in errors.items() if not v <= tol}
        assert not bad, f"{label}: relative error above {tol}: {bad}"
        return errors


@pytest.fixture
def kernel_check() -> KernelCheck:
    seed = int(os.environ.get("UNISYNTH_TEST_SEED") or int.from_bytes(os.urandom(3), "little"))
    return KernelCheck(seed)
