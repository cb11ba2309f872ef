"""Triton plumbing shared by the kernel files: the import guard, the interpreter mode, buffers, tile sizes.

Triton decides once, when it is imported, whether kernels are compiled or interpreted
(TRITON_INTERPRET=1): its own library functions (`tl.sum`, `tl.zeros`, …) are built one way
or the other then, so one process runs either compiled kernels (CUDA tensors) or the
interpreter (CPU tensors, slow: tests). `INTERPRETING` reads that decision off Triton itself.
Where kernels cannot run (CPU tensors without the interpreter, or no triton installed) the
`triton` backend computes the plain-torch reference, so that a model on the CPU still runs on
a machine whose default backend is `triton`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import torch

try:
    import triton
    import triton.language as tl
    from triton.runtime.interpreter import InterpretedFunction
    from triton.runtime.jit import JITFunction
except ImportError:  # triton is the `kernels` extra; eager and compile work without it
    triton = tl = InterpretedFunction = JITFunction = None

HAVE_TRITON = triton is not None
INTERPRETING = HAVE_TRITON and isinstance(tl.standard.zeros, InterpretedFunction)

# Fill every buffer a kernel is to write with NaN first, so that an element it forgets to write
# shows (the tests turn this on; UNISYNTH_KERNELS_POISON=1 does it for a debugging run).
POISON = os.environ.get("UNISYNTH_KERNELS_POISON", "0") == "1"


def runs_here(tensor: torch.Tensor) -> bool:
    """Whether the Triton kernels can run on this tensor: CUDA, or CPU under the interpreter."""
    kind = tensor.device.type
    return HAVE_TRITON and (kind == "cuda" or (kind == "cpu" and INTERPRETING))


def kernel(fn: Callable):
    """`@triton.jit`, in the mode Triton was imported in; a stub that refuses to launch without triton."""
    if not HAVE_TRITON:
        return _NoTriton(fn)
    return InterpretedFunction(fn) if INTERPRETING else JITFunction(fn)


@kernel
def layer_norm_rows(v, mask, width, eps):
    """Device function: (normed, rstd) of each row of the fp32 tile `v` [R, D] (no affine).

    Masked-out columns are loaded as 0 and kept out of the variance, so `width` is the
    real row length, not the tile's.
    """
    mean = tl.sum(v, axis=1) / width
    centred = tl.where(mask, v - mean[:, None], 0.0)
    rstd = 1.0 / tl.sqrt(tl.sum(centred * centred, axis=1) / width + eps)
    return centred * rstd[:, None], rstd


@kernel
def layer_norm_modulate_grad(dout, normed, rstd, scale, width):
    """Device function: d(input) of LN(input)·(1 + scale) + shift, from dout and the forward's
    (normed, rstd); `scale` is one sample's row [D]."""
    dnormed = dout * (1.0 + scale[None, :])
    mean_dn = tl.sum(dnormed, axis=1) / width
    mean_dn_n = tl.sum(dnormed * normed, axis=1) / width
    return (dnormed - mean_dn[:, None] - normed * mean_dn_n[:, None]) * rstd[:, None]


class _NoTriton:
    def __init__(self, fn: Callable):
        self.fn = fn

    def __getitem__(self, grid):
        raise RuntimeError(f"{self.fn.__name__}: triton is not installed (the `kernels` extra)")


def empty(shape: tuple[int, ...] | torch.Size, dtype: torch.dtype, device: torch.device) -> torch.Tensor:
    """A contiguous output buffer for a kernel (NaN-filled when POISON is on)."""
    t = torch.empty(shape, dtype=dtype, device=device)
    if POISON:
        t.fill_(float("nan") if t.is_floating_point() else -(2 ** 30))
    return t


def empty_like(t: torch.Tensor) -> torch.Tensor:
    return empty(t.shape, t.dtype, t.device)


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


def fold_modulation_grad(grad: torch.Tensor, mod: torch.Tensor) -> torch.Tensor:
    """Per-sample gradient rows [B, D] (fp32) → the gradient of `mod` (shared ones sum over samples)."""
    if mod.numel() == grad.shape[-1] and grad.shape[0] > 1:
        grad = grad.sum(0, keepdim=True)
    return grad.to(mod.dtype).reshape(mod.shape)


def samples_of(x: torch.Tensor, *mod_rows: torch.Tensor) -> int:
    """Samples the per-sample sums run over: x's batch when any modulation is per sample, else 1."""
    return x.shape[0] if any(m.shape[0] > 1 for m in mod_rows) else 1
