"""Every Triton kernel compiles for the H200 (sm_90), in bf16 with every flag combination the ops use, and in fp32.

The interpreter accepts code the compiler rejects (a variable defined in one constexpr branch,
a loop-carried value changing type, an unsupported op), and without a GPU nothing else here
would see it. Triton compiles to a cubin on a machine without a GPU when given the target,
but only in a process where it was imported without TRITON_INTERPRET: so a child process
(this file run as a script) compiles everything and reports what failed. Triton's cache
makes repeated runs fast.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

FP32_POINTERS = {"dscale_part_ptr", "dshift_part_ptr", "dgate_part_ptr", "dw_part_ptr", "loss_ptr", "inv_count_ptr",
                 "mask_ptr", "coef_ptr", "part_ptr"}
FLOAT_ARGS = {"eps"}


def kernels_to_compile():
    """(name, kernel, block constexprs) of every kernel in model/kernels/, at the model's widths."""
    from model.kernels import (
        flow_matching_loss,
        fused_linear_cross_entropy,
        gated_residual,
        gated_residual_norm,
        gelu_tanh,
        layer_norm_modulate,
        rms_norm,
        rope,
        swiglu,
    )
    from model.kernels._triton import row_tile

    def rows(width):
        block_r, block_d, _ = row_tile(width)
        return {"BLOCK_R": block_r, "BLOCK_D": block_d}

    return [
        ("layer_norm_modulate fwd", layer_norm_modulate._forward_kernel, rows(1536)),
        ("layer_norm_modulate bwd", layer_norm_modulate._backward_kernel, rows(1536)),
        ("gated_residual fwd", gated_residual._forward_kernel, rows(1536)),
        ("gated_residual bwd", gated_residual._backward_kernel, rows(1536)),
        ("gated_residual_norm fwd", gated_residual_norm._forward_kernel, rows(1536)),
        ("gated_residual_norm bwd", gated_residual_norm._backward_kernel, rows(1536)),
        ("rms_norm fwd 2048", rms_norm._forward_kernel, rows(2048)),
        ("rms_norm bwd 2048", rms_norm._backward_kernel, rows(2048)),
        ("rope fwd", rope._forward_kernel, rows(128)),
        ("rope bwd", rope._backward_kernel, rows(128)),
        ("swiglu fwd", swiglu._forward_kernel, {"BLOCK": swiglu.BLOCK}),
        ("swiglu bwd", swiglu._backward_kernel, {"BLOCK": swiglu.BLOCK}),
        ("gelu_tanh fwd", gelu_tanh._forward_kernel, {"BLOCK": gelu_tanh.BLOCK, "K": gelu_tanh.SQRT_2_OVER_PI}),
        ("gelu_tanh bwd", gelu_tanh._backward_kernel, {"BLOCK": gelu_tanh.BLOCK, "K": gelu_tanh.SQRT_2_OVER_PI}),
        ("cross_entropy", fused_linear_cross_entropy._cross_entropy_kernel, {"BLOCK_V": 4096}),
        ("flow_matching fwd", flow_matching_loss._forward_kernel, {"BLOCK": flow_matching_loss.BLOCK}),
        ("flow_matching bwd", flow_matching_loss._backward_kernel, {"BLOCK": flow_matching_loss.BLOCK}),
    ]


def used(flags: dict[str, bool]) -> bool:
    """Flag combinations the ops launch (a weight without a norm, or a backward writing nothing, never are)."""
    if flags.get("HAS_WEIGHT") and flags.get("HAS_NORM") is False:
        return False
    return not ("WRITE_PRED" in flags and not flags["WRITE_PRED"] and not flags["WRITE_TARGET"])


def variants(blocks: dict, flags: list[str]):
    """(dtype, constexprs): every used flag combination in bf16 (the training dtype), and the one with
    every flag on in fp32 (what differs by dtype differs in every combination alike)."""
    combos = [dict(zip(flags, values, strict=True)) for values in itertools.product((False, True), repeat=len(flags))]
    combos = [c for c in combos if used(c)]
    for combo in combos:
        yield "bf16", {**blocks, **combo}
    yield "fp32", {**blocks, **combos[-1]}


def compile_all() -> list[str]:
    """Compile every kernel × dtype × flag combination for sm_90; returns the failures."""
    import triton
    from triton.backends.compiler import GPUTarget
    from triton.compiler import ASTSource

    target = GPUTarget("cuda", 90, 32)
    failures = []
    for name, kernel, blocks in kernels_to_compile():
        params = kernel.params
        flags = [p.name for p in params if p.is_constexpr and p.name not in blocks]
        for dtype, constexprs in variants(blocks, flags):
            signature = {}
            for p in params:
                if p.is_constexpr:
                    signature[p.name] = "constexpr"
                elif p.name.endswith("_ptr"):
                    kind = "i64" if p.name == "targets_ptr" else "fp32" if p.name in FP32_POINTERS else dtype
                    signature[p.name] = "*" + kind
                else:
                    signature[p.name] = "fp32" if p.name in FLOAT_ARGS else "i32"
            try:
                triton.compile(ASTSource(kernel, signature, constexprs=constexprs), target=target,
                               options={"num_warps": 4})
            except Exception as error:  # noqa: BLE001 (report every failure, not only the first)
                failures.append(f"{name} {dtype} {constexprs}: {type(error).__name__}: {str(error)[:400]}")
    return failures


def test_every_kernel_compiles_for_sm90():
    env = {k: v for k, v in os.environ.items() if k != "TRITON_INTERPRET"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    run = subprocess.run([sys.executable, __file__], env=env, cwd=REPO, capture_output=True, text=True, timeout=600,
                         check=False)
    assert run.returncode == 0, run.stderr[-4000:]
    failures = json.loads(run.stdout.strip().splitlines()[-1])
    assert not failures, "\n".join(failures)


if __name__ == "__main__":
    print(json.dumps(compile_all()))
