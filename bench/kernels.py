"""The fused kernels (model/kernels/) against eager torch and torch.compile, on a CUDA GPU.

For each op at the model's real shapes (8192 tokens; hidden 1536 in the head, 2048 in the
LLM; 12 head / 16 LLM heads of 128; S.ffn 6144; vocabulary 151,936), in bf16:

  * median forward + backward time of each backend: `eager` (the plain-torch reference),
    `compile` (torch.compile of it), `triton` (ours), and Liger Kernel's op where one fits
    ours and `liger_kernel` is installed (RMSNorm, SwiGLU, RoPE, fused linear cross-entropy);
  * the bytes the op must move at least (each input read and each output written once,
    forward and backward) over our time, against the copy bandwidth measured on the same GPU;
  * a whole head block (MMDiTBlock, 1536 wide, 12 heads; 2 × 4096 image + 2 × 512 text
    tokens) forward + backward with the kernels off (`eager`) and on (`triton`), per-op
    `compile`, and the block under torch.compile with the kernels off and on.

Goals (issue 8): each fused norm op ≥ 2× eager and ≥ 1.1× torch.compile; the head block
≥ 1.3× eager; fused ops at ≥ 70 % of the measured copy bandwidth.

    .venv/bin/python bench/kernels.py                      # everything; bench/results/kernels.json + tables
    .venv/bin/python bench/kernels.py --ops rms_norm swiglu --iters 50
    .venv/bin/python bench/kernels.py --skip-block

Needs a CUDA GPU and triton; without one it says so and exits with status 2.
`--smoke` runs the whole script on the CPU at tiny shapes, kernels interpreted: it checks the
script itself (no timing in it means anything) before GPU time is spent on it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

if "--smoke" in sys.argv:
    os.environ["TRITON_INTERPRET"] = "1"  # before triton is imported

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model import kernels
from model.config import full
from model.kernels import _triton
from model.layers import rope_cos_sin
from model.mmdit import MMDiTBlock
from model.msrope import fit_context, head_positions, rope_frequencies

NORM_OPS = {"layer_norm_modulate", "gated_residual_norm", "rms_norm", "rms_norm_rope"}


@dataclass(frozen=True)
class Shapes:
    """The model's sizes (defaults), or tiny ones for --smoke."""

    device: str = "cuda"
    tokens: int = 8192
    head_dim: int = 1536
    llm_dim: int = 2048
    ffn: int = 6144
    vocab: int = 151_936
    head_heads: int = 12
    llm_heads: int = 16
    llm_kv_heads: int = 8
    head_size: int = 128
    axes: tuple[int, int, int] = (16, 56, 56)
    grid: int = 64          # latent patch grid side: 2 × 64² = 8192 image tokens
    text: int = 512

    @classmethod
    def smoke(cls) -> Shapes:
        return cls("cpu", 32, 32, 32, 48, 100, 2, 4, 2, 16, (4, 6, 6), 4, 8)


S = Shapes()


@dataclass
class Case:
    """One op at one shape: inputs, the backends to time, and the bytes it must move (fwd + bwd)."""

    name: str
    op: str
    make: Callable[[], tuple[tuple, list[torch.Tensor]]]  # → (args, tensors to differentiate)
    min_bytes: int
    liger: Callable | None = None
    extra: dict = field(default_factory=dict)


def randn(*shape, scale=1.0):
    t = torch.randn(*shape, device=S.device) * scale
    return t.bfloat16() if S.device == "cuda" else t  # the interpreter runs fp32


def leafs(*tensors):
    return [t.requires_grad_() for t in tensors]


def liger_op(name: str) -> Callable | None:
    """Liger Kernel's function for an op where it computes the same thing as ours, if installed."""
    try:
        if name == "rms_norm":
            from liger_kernel.ops.rms_norm import LigerRMSNormFunction

            return lambda x, w, eps: LigerRMSNormFunction.apply(x, w, eps, 0.0, "llama", False)  # not in place
        if name == "swiglu":
            from liger_kernel.ops.swiglu import LigerSiLUMulFunction

            return LigerSiLUMulFunction.apply
        if name == "rotary":
            from liger_kernel.transformers.rope import liger_rotary_pos_emb

            return liger_rotary_pos_emb
        if name == "fused_linear_cross_entropy":
            from liger_kernel.ops.fused_linear_cross_entropy import LigerFusedLinearCrossEntropyFunction

            return lambda h, w, t: LigerFusedLinearCrossEntropyFunction.apply(h.flatten(0, -2), w, t.flatten())[0]
    except ImportError:
        return None
    return None


def cases() -> list[Case]:
    bf16 = 2
    n_head = S.tokens * S.head_dim

    def modulated(batch=2):
        x = randn(batch, S.tokens // batch, S.head_dim)
        mods = [randn(batch, 1, S.head_dim, scale=0.1) for _ in range(3)]
        return x, mods

    def ln_mod():
        x, (shift, scale, _) = modulated()
        return (x, shift, scale, 1e-6), leafs(x, shift, scale)

    def gated():
        x, (gate, _, _) = modulated()
        y = randn(*x.shape)
        return (x, gate, y), leafs(x, gate, y)

    def gated_norm():
        x, (gate, shift, scale) = modulated()
        y = randn(*x.shape)
        return (x, gate, y, shift, scale, 1e-6), leafs(x, gate, y, shift, scale)

    def rms(width):
        def make():
            x, w = randn(S.tokens, width), 1 + randn(width, scale=0.1).float().bfloat16()
            return (x, w, 1e-6), leafs(x, w)
        return make

    def qk_norm():
        base = randn(2, S.tokens // 2, S.head_heads, 2 * S.head_size)  # the head's doubled Q projection
        w = 1 + randn(S.head_size, scale=0.1)
        base.requires_grad_()
        return (base[..., :S.head_size], w, 1e-6), [base, w.requires_grad_()]

    def head_freqs():
        positions = head_positions((S.grid, S.grid), 0, fit_context([("text", S.text)], S.text), max_grid=S.grid)[0]
        return rope_frequencies(positions.to(S.device), S.axes)  # [4096, 64] complex

    def msrope():
        x = randn(2, S.tokens // 2, S.head_heads, S.head_size)
        return (x, head_freqs()), leafs(x)

    def qk_norm_msrope():
        base = randn(2, S.tokens // 2, S.head_heads, 2 * S.head_size)
        w = 1 + randn(S.head_size, scale=0.1)
        base.requires_grad_()
        return (base[..., :S.head_size], w, 1e-6, head_freqs()), [base, w.requires_grad_()]

    def llm_tables():
        return rope_cos_sin(torch.arange(S.tokens, device=S.device)[None], S.head_size, 1e6,
                            dtype=randn(1).dtype)

    def rotary():
        q = randn(1, S.tokens, S.llm_heads, S.head_size).transpose(1, 2)
        k = randn(1, S.tokens, S.llm_kv_heads, S.head_size).transpose(1, 2)
        cos, sin = llm_tables()
        return (q, k, cos, sin), leafs(q, k)

    def qk_norm_rotary():
        x, w = randn(1, S.tokens, S.llm_heads, S.head_size), 1 + randn(S.head_size, scale=0.1)
        return (x, w, 1e-6, llm_tables()), leafs(x, w)

    def swiglu():
        a, b = randn(S.tokens, S.ffn), randn(S.tokens, S.ffn)
        return (a, b), leafs(a, b)

    def gelu():
        x = randn(S.tokens, S.ffn)
        return (x,), leafs(x)

    def flce():
        h, w = randn(S.tokens, S.llm_dim), randn(S.vocab, S.llm_dim, scale=0.02)
        t = torch.randint(0, S.vocab, (S.tokens,), device=S.device)
        t[::4] = -100
        return (h, w, t), leafs(h, w)

    def flow():
        p, t = randn(2, S.tokens // 2, 64), randn(2, S.tokens // 2, 64)
        return (p, t, torch.ones(2, device=S.device)), leafs(p, t)

    qk = S.tokens * S.head_heads * S.head_size
    llm_q = S.tokens * (S.llm_heads + S.llm_kv_heads) * S.head_size
    return [
        Case("LN + modulate [8192, 1536]", "layer_norm_modulate", ln_mod, 5 * n_head * bf16),
        Case("gated residual [8192, 1536]", "gated_residual", gated, 6 * n_head * bf16),
        Case("gated residual + LN + modulate [8192, 1536]", "gated_residual_norm", gated_norm, 10 * n_head * bf16),
        Case("RMSNorm [8192, 2048] (LLM)", "rms_norm", rms(S.llm_dim), 5 * S.tokens * S.llm_dim * bf16, liger_op("rms_norm")),
        Case("RMSNorm QK [8192, 12, 128] (head)", "rms_norm", qk_norm, 5 * qk * bf16, liger_op("rms_norm")),
        Case("QK-norm + MSRoPE [8192, 12, 128] (head)", "rms_norm_rope", qk_norm_msrope, 5 * qk * bf16),
        Case("QK-norm + RoPE [8192, 16, 128] (LLM q)", "rms_norm_rope", qk_norm_rotary,
             5 * S.tokens * S.llm_heads * S.head_size * bf16),
        Case("MSRoPE [8192, 12, 128]", "msrope", msrope, 4 * qk * bf16),
        Case("RoPE q [8192, 16, 128] + k [8192, 8, 128] (LLM)", "rotary", rotary, 4 * llm_q * bf16,
             liger_op("rotary")),
        Case("SwiGLU [8192, 6144]", "swiglu", swiglu, 8 * S.tokens * S.ffn * bf16, liger_op("swiglu")),
        Case("GELU(tanh) [8192, 6144]", "gelu_tanh", gelu, 5 * S.tokens * S.ffn * bf16),
        Case("fused linear CE [8192, 2048] × 151,936", "fused_linear_cross_entropy", flce,
             (S.tokens * S.llm_dim * 2 + S.vocab * S.llm_dim * 2) * bf16, liger_op("fused_linear_cross_entropy"),
             extra={"memory": True}),
        Case("flow-matching loss [2, 4096, 64]", "flow_matching_loss", flow, 6 * S.tokens * 64 * bf16),
    ]


def median_ms(step: Callable[[], object], iters: int, warmup: int = 5) -> float:
    if S.device != "cuda":  # --smoke: one call each, wall time
        start = time.perf_counter()
        step()
        return (time.perf_counter() - start) * 1e3
    for _ in range(warmup):
        step()
    torch.cuda.synchronize()
    times = []
    for _ in range(iters):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        step()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end))
    return statistics.median(times)


def fwd_bwd(fn: Callable, args: tuple, leaves: list[torch.Tensor]) -> Callable[[], object]:
    """One forward + backward of fn(*args) into `leaves`, with fixed random cotangents."""
    out = fn(*args)
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    cotangents = [torch.randn_like(o) for o in outs]

    def step():
        res = fn(*args)
        res = list(res) if isinstance(res, (tuple, list)) else [res]
        return torch.autograd.grad(res, leaves, cotangents)

    return step


def copy_bandwidth(iters: int) -> float:
    """Bytes/s of a device-to-device copy of 1 GiB (read + write)."""
    src = torch.empty(1 << 29 if S.device == "cuda" else 1 << 16, dtype=torch.bfloat16, device=S.device).normal_()
    dst = torch.empty_like(src)
    ms = median_ms(lambda: dst.copy_(src), iters)
    return 2 * src.numel() * 2 / (ms / 1e3)


def bench_case(case: Case, iters: int, bandwidth: float) -> dict:
    args, leaves = case.make()
    backends = {name: kernels.implementation(case.op, name) for name in ("eager", "compile", "triton")
                if name != "compile" or S.device == "cuda"}  # --smoke: Inductor on the CPU takes minutes
    if case.liger is not None:
        backends["liger"] = case.liger
    row: dict = {"case": case.name, "op": case.op, "min_bytes": case.min_bytes}
    for name, fn in backends.items():
        on_gpu = S.device == "cuda"
        try:
            if on_gpu:
                torch.cuda.reset_peak_memory_stats()
            base = torch.cuda.memory_allocated() if on_gpu else 0
            row[f"{name}_ms"] = median_ms(fwd_bwd(fn, args, leaves), iters)
            if case.extra.get("memory") and on_gpu:
                row[f"{name}_peak_gib"] = (torch.cuda.max_memory_allocated() - base) / 2 ** 30
        except Exception as error:  # noqa: BLE001 (a peer that fails is reported, not fatal)
            row[f"{name}_error"] = f"{type(error).__name__}: {str(error)[:200]}"
        if on_gpu:
            torch.cuda.empty_cache()
    if "triton_ms" in row:
        row["triton_bandwidth_frac"] = case.min_bytes / (row["triton_ms"] / 1e3) / bandwidth
        for peer in ("eager", "compile", "liger"):
            if f"{peer}_ms" in row:
                row[f"speedup_vs_{peer}"] = row[f"{peer}_ms"] / row["triton_ms"]
    return row


def bench_block(iters: int) -> dict:
    """One full-width MMDiT block, forward + backward, bf16, under each kernel choice."""
    cfg = replace(full().head, num_layers=1, num_attention_heads=S.head_heads, attention_head_dim=S.head_size,
                  ffn_dim=S.ffn, axes_dims_rope=S.axes)
    torch.manual_seed(0)
    block = MMDiTBlock(cfg).to(S.device, randn(1).dtype)
    img, txt, temb = randn(2, S.grid ** 2, S.head_dim), randn(2, S.text, S.head_dim), randn(2, S.head_dim)
    img_pos, txt_pos = head_positions((S.grid, S.grid), 0, fit_context([("text", S.text)], S.text), max_grid=S.grid)
    img_f, txt_f = (rope_frequencies(p.to(S.device), cfg.axes_dims_rope) for p in (img_pos, txt_pos))
    leaves = leafs(img, txt, temb) + [p for p in block.parameters()]

    def run(forward):
        return fwd_bwd(lambda *a: forward(*a), (img, txt, temb, img_f, txt_f, None), leaves)

    variants = [("eager ops", "eager", block), ("triton ops", "triton", block)]
    if S.device == "cuda":  # --smoke: Inductor on the CPU takes minutes
        compiled_block = torch.compile(block)
        variants += [("compile per op", "compile", block), ("torch.compile(block), eager ops", "eager", compiled_block),
                     ("torch.compile(block), triton ops", "triton", compiled_block)]
    result = {}
    for label, backend, forward in variants:
        with kernels.use(backend):
            try:
                result[label] = median_ms(run(forward), iters)
            except Exception as error:  # noqa: BLE001
                result[label] = f"{type(error).__name__}: {str(error)[:200]}"
    if isinstance(result.get("triton ops"), float) and isinstance(result.get("eager ops"), float):
        result["speedup_triton_vs_eager"] = result["eager ops"] / result["triton ops"]
    return result


def table(rows: list[dict], bandwidth: float) -> str:
    lines = [f"copy bandwidth: {bandwidth / 1e9:.0f} GB/s", "",
             "| op | eager ms | compile ms | triton ms | liger ms | × eager | × compile | % copy bw |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]

    def ms(row, key):
        return f"{row[key]:.3f}" if key in row else ("error" if key.replace("_ms", "_error") in row else "—")

    for row in rows:
        lines.append(f"| {row['case']} | {ms(row, 'eager_ms')} | {ms(row, 'compile_ms')} | {ms(row, 'triton_ms')} | "
                     f"{ms(row, 'liger_ms')} | {row.get('speedup_vs_eager', 0):.2f} | "
                     f"{row.get('speedup_vs_compile', 0):.2f} | {100 * row.get('triton_bandwidth_frac', 0):.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iters", type=int, default=30)
    parser.add_argument("--ops", nargs="*", help="only these ops (names in model.kernels.OPS)")
    parser.add_argument("--skip-block", action="store_true")
    parser.add_argument("--json", default="bench/results/kernels.json")
    parser.add_argument("--smoke", action="store_true", help="tiny shapes on the CPU, interpreted: checks the script")
    args = parser.parse_args()

    global S
    if args.smoke:
        S = Shapes.smoke()
        args.iters, args.json = 1, args.json.replace(".json", "_smoke.json")
    elif not torch.cuda.is_available() or not _triton.HAVE_TRITON or _triton.INTERPRETING:
        why = ("no CUDA GPU" if not torch.cuda.is_available() else
               "triton is not installed" if not _triton.HAVE_TRITON else "TRITON_INTERPRET=1 is set")
        print(f"bench/kernels.py measures GPU kernels: {why}, so nothing was measured.", file=sys.stderr)
        sys.exit(2)

    bandwidth = copy_bandwidth(args.iters)
    rows = []
    for case in cases():
        if args.ops and case.op not in args.ops:
            continue
        rows.append(bench_case(case, args.iters, bandwidth))
        print(json.dumps(rows[-1]), flush=True)
    block = None if args.skip_block else bench_block(args.iters)

    goals = {
        "norm ops ≥ 2× eager": all(r.get("speedup_vs_eager", 0) >= 2 for r in rows if r["op"] in NORM_OPS),
        "norm ops ≥ 1.1× compile": all(r.get("speedup_vs_compile", 0) >= 1.1 for r in rows if r["op"] in NORM_OPS),
        "fused ops ≥ 70% copy bandwidth": all(r.get("triton_bandwidth_frac", 0) >= 0.7 for r in rows
                                              if r["op"] != "fused_linear_cross_entropy"),
        "head block ≥ 1.3× eager": None if block is None else block.get("speedup_triton_vs_eager", 0) >= 1.3,
    }
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(sys.argv),
        "machine": {"gpu": torch.cuda.get_device_name() if S.device == "cuda" else "none (--smoke)",
                    "host": platform.node(), "python": platform.python_version(), "torch": torch.__version__,
                    "triton": _triton.triton.__version__},
        "copy_bandwidth_gbs": bandwidth / 1e9, "ops": rows, "head_block_ms": block, "goals": goals,
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2))
    print(table(rows, bandwidth))
    if block is not None:
        print("\nhead block fwd+bwd (ms):", json.dumps(block, indent=1))
    print("\ngoals:", json.dumps(goals, ensure_ascii=False))


if __name__ == "__main__":
    main()
