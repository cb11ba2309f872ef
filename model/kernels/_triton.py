"""Triton plumbing shared by the kernel files: the import guard, per-device launch, tile sizes.

Why a `Kernel` wrapper instead of `@triton.jit`: `triton.jit` decides between compiling and
interpreting once, from TRITON_INTERPRET at import time. The test suite needs both in one
process (CPU tensors interpreted, CUDA tensors compiled), and whether TRITON_INTERPRET is
set when `model.kernels` is first imported depends on test order. So a kernel is compiled
for CUDA tensors and interpreted for CPU tensors, chosen at each launch.

CPU tensors run through the interpreter only when TRITON_INTERPRET=1 (it is slow: tests
only); otherwise the `triton` backend computes the plain-torch reference for them, so that
a model on the CPU still runs on a machine whose default backend is `triton`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import torch

try:
    import triton
    import triton.language as tl
except ImportError:  # triton is the `kernels` extra; eager and compile work without it
    triton = None
    tl = None

HAVE_TRITON = triton is not None


def interpreting() -> bool:
    return os.environ.get("TRITON_INTERPRET", "0") == "1"


def runs_here(tensor: torch.Tensor) -> bool:
    """Whether the Triton kernels can run on this tensor's device (CUDA, or CPU when interpreting)."""
    if not HAVE_TRITON:
        return False
    kind = tensor.device.type
    return kind == "cuda" or (kind == "cpu" and interpreting())


class Kernel:
    """A Triton kernel, compiled for CUDA tensors and interpreted for CPU tensors: `kernel[grid](...)`."""

    def __init__(self, fn: Callable):
        self.fn = fn
        self.__name__ = fn.__name__
        self._compiled = None
        self._interpreted = None

    def for_device(self, device: torch.device):
        if device.type == "cpu":
            if self._interpreted is None:
                from triton.runtime.interpreter import InterpretedFunction

                self._interpreted = InterpretedFunction(self.fn)
            return self._interpreted
        if self._compiled is None:
            from triton.runtime.jit import JITFunction

            self._compiled = JITFunction(self.fn)
        return self._compiled

    def __getitem__(self, grid):
        def launch(*args, **kwargs):
            device = next(a.device for a in args if isinstance(a, torch.Tensor))
            return self.for_device(device)[grid](*args, **kwargs)

        return launch


def kernel(fn: Callable) -> Kernel:
    """Decorator for a Triton kernel function (use in place of `@triton.jit`)."""
    return Kernel(fn)


def cdiv(a: int, b: int) -> int:
    return -(-a // b)


def next_power_of_2(n: int) -> int:
    return 1 << max(0, int(n) - 1).bit_length()


def row_tile(width: int, elements: int = 4096) -> tuple[int, int, int]:
    """(BLOCK_R rows, BLOCK_D columns, num_warps) for kernels that hold whole rows of `width`.

    About `elements` fp32 values per program: one 2048-wide row, or 32 head-dim (128) rows,
    so that short rows (QK-norm, RoPE) still give each program enough bytes to move.
    """
    block_d = next_power_of_2(width)
    block_r = max(1, elements // block_d)
    tile = block_r * block_d
    num_warps = 8 if tile >= 4096 else 4 if tile >= 1024 else 2
    return block_r, block_d, num_warps


def program_budget(device: torch.device) -> int:
    """How many programs a reduction kernel should split into: a few per SM on a GPU."""
    if device.type == "cuda":
        return 4 * torch.cuda.get_device_properties(device).multi_processor_count
    return 8  # the interpreter: few programs, each a numpy loop


def as_rows(t: torch.Tensor, width: int) -> torch.Tensor:
    """t as [rows, width] with unit column stride: a view where torch can make one (strided rows
    such as a head-split slice of a projection stay in place), else a contiguous copy."""
    rows = t.reshape(-1, width)
    return rows if rows.stride(-1) == 1 or width == 1 else rows.contiguous()


def row_stride(rows: torch.Tensor) -> int:
    """Stride between rows of a [rows, width] tensor; 0 for a single (broadcast) row."""
    return rows.stride(0) if rows.shape[0] > 1 else 0


def modulation_rows(mod: torch.Tensor, x: torch.Tensor, name: str) -> torch.Tensor:
    """An AdaLN modulation (shift, scale or gate) as [1 or B, D] rows for x [B, ..., D].

    Accepted: one vector shared by every token ([D], [1, 1, D], …) or one per sample,
    broadcast over its tokens ([B, 1, D] for x [B, L, D]). Anything else is not a per-sample
    modulation and is refused rather than silently reshaped.
    """
    width = x.shape[-1]
    if mod.shape[-1] != width:
        raise ValueError(f"{name} has width {mod.shape[-1]}, x has {width}")
    if mod.numel() == width:
        return as_rows(mod, width)
    if mod.dim() == x.dim() and mod.shape[0] == x.shape[0] and all(s == 1 for s in mod.shape[1:-1]):
        return as_rows(mod, width)
    raise ValueError(f"{name} of shape {tuple(mod.shape)} is neither shared nor per-sample for x {tuple(x.shape)}")


def reduction_tiles(samples: int, rows_per_sample: int, block_r: int, device: torch.device) -> tuple[int, int]:
    """(tiles per sample, rows per tile) for a backward pass that sums per-sample partials.

    Each program walks `rows per tile` rows of one sample and writes one partial sum; enough
    tiles to fill the GPU, rows per tile a multiple of the row block.
    """
    tiles = max(1, min(cdiv(program_budget(device), samples), cdiv(rows_per_sample, block_r)))
    rows = cdiv(cdiv(rows_per_sample, tiles), block_r) * block_r
    return cdiv(rows_per_sample, rows), rows
