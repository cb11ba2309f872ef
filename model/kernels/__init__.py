"""Fused GPU kernels for the memory-bound ops of a training step, each selectable by name.

Every op has three backends that compute the same function:

- `triton`: the file's Triton kernels behind a `torch.autograd.Function` (forward and
  backward), registered as `torch.library.custom_op`s so that they compose with
  `torch.compile`. They run on CUDA tensors, and on CPU tensors when TRITON_INTERPRET=1 was
  set before triton was imported (tests); elsewhere the backend computes the reference.
- `compile`: `torch.compile` of the plain-torch reference.
- `eager`: the plain-torch reference itself (bit for bit what the model computed before
  the kernels existed).

Which backend an op gets, first match wins: `configure()` / `use()` in code (a run's config),
then the environment, `UNISYNTH_KERNELS="<default>[,<op>=<backend>…]"`
(e.g. `UNISYNTH_KERNELS=triton,rms_norm=eager`), then `triton` when CUDA and triton are
available, else `eager`. The environment is read at the first selection and again after
each `configure()`.

The model calls `select(op)(…)` at each use, so a change of backend applies at once.

Liger Kernel has ops that compute four of ours (the LLM's RMSNorm, SwiGLU, RoPE, fused
linear cross-entropy); the rest (per-sample AdaLN modulation, the gated residual alone and
with the next norm, interleaved MSRoPE, QK-norm fused with RoPE, the flow loss) it has not.
Its 0.8.5 RMSNorm and SwiGLU kernels fail in Triton's interpreter (`'float' object has no
attribute 'to'`), so the CPU suite could not check them, and its fused linear cross-entropy
breaks a `torch.compile(fullgraph=True)` graph; so the kernels here are our own, and
`bench/kernels.py` times Liger's beside them wherever it is installed: an op moves to Liger
only if it measures faster there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType

import torch

from model.kernels import (
    flow_matching_loss,
    fused_linear_cross_entropy,
    gated_residual,
    gated_residual_norm,
    gelu_tanh,
    layer_norm_modulate,
    rms_norm,
    rms_norm_rope,
    rope,
    swiglu,
)
from model.kernels._triton import HAVE_TRITON

BACKENDS = ("triton", "compile", "eager")
ENV_VAR = "UNISYNTH_KERNELS"


@dataclass(frozen=True)
class Op:
    module: ModuleType
    reference: str  # plain-torch function in `module`
    fused: str      # the Triton entry point in `module`, same signature


OPS: dict[str, Op] = {
    "layer_norm_modulate": Op(layer_norm_modulate, "reference", "layer_norm_modulate"),
    "gated_residual": Op(gated_residual, "reference", "gated_residual"),
    "gated_residual_norm": Op(gated_residual_norm, "reference", "gated_residual_norm"),
    "rms_norm": Op(rms_norm, "reference", "rms_norm"),
    "rms_norm_rope": Op(rms_norm_rope, "reference", "rms_norm_rope"),
    "msrope": Op(rope, "msrope_reference", "msrope"),
    "rotary": Op(rope, "rotary_reference", "rotary"),
    "swiglu": Op(swiglu, "reference", "swiglu"),
    "gelu_tanh": Op(gelu_tanh, "reference", "gelu_tanh"),
    "fused_linear_cross_entropy": Op(fused_linear_cross_entropy, "reference", "fused_linear_cross_entropy"),
    "flow_matching_loss": Op(flow_matching_loss, "reference", "flow_matching_loss"),
}

_configured: dict[str, str] = {}       # "default" and per-op choices made in code
_resolved: dict[str, str] = {}         # op → backend, rebuilt after configure()
_impls: dict[tuple[str, str], Callable] = {}


def _check(op: str | None, backend: str) -> None:
    if op is not None and op not in OPS:
        raise KeyError(f"unknown kernel op {op!r}; known: {', '.join(OPS)}")
    if backend not in BACKENDS:
        raise ValueError(f"unknown kernel backend {backend!r} for {op or 'default'}; allowed: {', '.join(BACKENDS)}")


def parse_env(value: str) -> dict[str, str]:
    """`"triton,rms_norm=eager"` → {"default": "triton", "rms_norm": "eager"}."""
    choices: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        op, _, backend = item.rpartition("=")
        op, backend = op.strip() or None, backend.strip()
        _check(op, backend)
        choices[op or "default"] = backend
    return choices


def auto_backend() -> str:
    return "triton" if HAVE_TRITON and torch.cuda.is_available() else "eager"


def _resolve() -> None:
    env = parse_env(os.environ.get(ENV_VAR, ""))
    default = _configured.get("default") or env.get("default") or auto_backend()
    for op in OPS:
        _resolved[op] = _configured.get(op) or env.get(op) or default
    if "triton" in _resolved.values() and not HAVE_TRITON:
        wanted = sorted(op for op, backend in _resolved.items() if backend == "triton")
        _resolved.clear()
        raise RuntimeError(f"triton backend chosen for {', '.join(wanted)} but triton is not installed "
                           "(pip install the `kernels` extra)")


def backend_for(op: str) -> str:
    if not _resolved:
        _resolve()
    if op not in _resolved:
        _check(op, "eager")
    return _resolved[op]


def settings() -> dict[str, str]:
    """The backend each op gets now."""
    return {op: backend_for(op) for op in OPS}


def configure(default: str | None = None, **per_op: str | None) -> None:
    """Choose backends in code (a run's config): `configure("triton", rms_norm="eager")`.

    Replaces what was configured before; `configure()` goes back to the environment / automatic choice.
    """
    choices = {"default": default, **per_op}
    for op, backend in choices.items():
        if backend is not None:
            _check(None if op == "default" else op, backend)
    _configured.clear()
    _configured.update({op: backend for op, backend in choices.items() if backend is not None})
    _resolved.clear()
    _resolve()


def configure_from(config: Mapping[str, str] | None) -> None:
    """`configure` from a mapping as a YAML config gives it: {"default": "triton", "rms_norm": "eager"}."""
    config = dict(config or {})
    configure(config.pop("default", None), **config)


@contextmanager
def use(default: str | None = None, **per_op: str | None) -> Iterator[None]:
    """Backends for a `with` block (tests, benchmarks); the previous choice comes back after it."""
    saved = dict(_configured)
    configure(default, **per_op)
    try:
        yield
    finally:
        _configured.clear()
        _configured.update(saved)
        _resolved.clear()


def implementation(op: str, backend: str) -> Callable:
    """The callable of one op under one backend (what `select` returns when that backend is chosen)."""
    _check(op, backend)
    key = (op, backend)
    if key not in _impls:
        spec = OPS[op]
        if backend == "eager":
            _impls[key] = getattr(spec.module, spec.reference)
        elif backend == "compile":
            _impls[key] = torch.compile(getattr(spec.module, spec.reference))
        else:
            _impls[key] = getattr(spec.module, spec.fused)
    return _impls[key]


def select(op: str) -> Callable:
    """The callable for `op` under its chosen backend."""
    return implementation(op, backend_for(op))


__all__ = ["BACKENDS", "ENV_VAR", "OPS", "backend_for", "configure", "configure_from", "implementation", "select",
           "settings", "use"]
