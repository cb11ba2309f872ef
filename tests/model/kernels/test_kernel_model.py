"""The model computes the same function with the `triton` backend as with `eager`: the tiny head and LLM,
forward and every parameter gradient, in fp32 (relative error ≤ 1e-5); the GPU class adds two full-width blocks."""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch

from model import kernels
from model.config import full, tiny
from model.internvlu import InternVLU
from model.llm import Qwen3ForCausalLM
from model.mmdit import MMDiT
from model.msrope import fit_context, head_positions
from model.tokenizer import TokenIds
from tests.model.conftest import make_batch

HEAD_OPS = ["LayerNormModulate", "GatedResidualNorm", "GatedResidual", "RMSNormFunction", "Rope", "GeluTanh"]


def autograd_nodes(out: torch.Tensor) -> set[str]:
    seen, names, stack = set(), set(), [out.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        names.add(type(node).__name__)
        stack.extend(next_node for next_node, _ in node.next_functions)
    return names


def run(backend: str, build, forward, seed: int):
    """(output, parameter gradients, autograd node names) of one model under one backend, same weights."""
    torch.manual_seed(seed)
    model = build()
    with kernels.use(backend):
        out = forward(model)
        params = [p for p in model.parameters() if p.requires_grad]
        grads = torch.autograd.grad(out.float().square().mean(), params, allow_unused=True)
    return out.detach(), grads, autograd_nodes(out)


def assert_same_function(kernel_check, build, forward, fused_nodes, tol=1e-5):
    out, grads, nodes = run("triton", build, forward, kernel_check.seed)
    ref, ref_grads, _ = run("eager", build, forward, kernel_check.seed)
    missing = {f"{name}Backward" for name in fused_nodes} - nodes
    assert not missing, f"fused ops that did not run: {missing}"
    assert kernel_check.rel_err(out, ref) <= tol, f"output (seed {kernel_check.seed})"
    for i, (g, r) in enumerate(zip(grads, ref_grads, strict=True)):
        if r is None:
            assert g is None
            continue
        assert kernel_check.rel_err(g, r) <= tol, f"gradient of parameter {i} (seed {kernel_check.seed})"


def head_forward(cfg, batch, grid, n_txt, dtype=torch.float32, device="cpu"):
    def forward(head):
        g = torch.Generator(device=device).manual_seed(1)
        n_img = grid[0] * grid[1]
        img = torch.randn(batch, n_img, cfg.in_channels, generator=g, device=device).to(dtype)
        txt = torch.randn(batch, n_txt, cfg.joint_attention_dim, generator=g, device=device).to(dtype)
        txt_mask = torch.ones(batch, n_txt, dtype=torch.bool, device=device)
        txt_mask[-1, n_txt // 2:] = False
        img_pos, txt_pos = head_positions(grid, 0, fit_context([("text", n_txt)], n_txt), max_grid=cfg.max_grid)
        return head(img, txt, torch.rand(batch, generator=g, device=device), head.rope(img_pos.to(device)),
                    head.rope(txt_pos.to(device)), txt_mask=txt_mask)

    return forward


def test_head_matches_eager(kernel_check, device):
    cfg = tiny().head
    assert_same_function(kernel_check, lambda: MMDiT(cfg).to(device), head_forward(cfg, 2, (3, 5), 7, device=device),
                         HEAD_OPS)


def test_llm_matches_eager(kernel_check, device):
    cfg = tiny().llm

    def forward(llm):
        ids = torch.randint(0, cfg.vocab_size, (2, 11), generator=torch.Generator().manual_seed(2)).to(device)
        mask = torch.ones(2, 11, dtype=torch.long, device=device)
        mask[1, 8:] = 0
        return llm(ids, attention_mask=mask)["logits"]

    assert_same_function(kernel_check, lambda: Qwen3ForCausalLM(cfg).to(device), forward,
                         ["RMSNormFunction", "Rope", "SwiGLU"])


def test_model_ntp_loss_matches_eager(kernel_check, device, tokenizer):
    """The NTP loss through the fused linear cross-entropy: same loss and gradients as eager."""
    batch = {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in make_batch(tokenizer).items()}
    batch["has_target"] = torch.zeros_like(batch["has_target"])  # the NTP loss alone

    def build():
        return InternVLU(tiny(), TokenIds.of(tokenizer)).to(device)

    assert_same_function(kernel_check, build, lambda model: model(batch)["loss"], ["FusedLinearCrossEntropy"])


@pytest.mark.gpu
class TestGPU:
    @pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
    def test_full_size_head_blocks_match_eager(self, kernel_check, dtype):
        """Two full-width blocks (1536, 12 heads) on 2 × (1024 image + 256 text) tokens. Looser than the op
        tests (fp32 1e-4, bf16 5e-2): reduction-order and rounding differences compound through two blocks."""
        cfg = replace(full().head, num_layers=2)
        tol = 1e-4 if dtype == torch.float32 else 5e-2
        assert_same_function(kernel_check, lambda: MMDiT(cfg).to("cuda", dtype),
                             head_forward(cfg, 2, (32, 32), 256, dtype, "cuda"),
                             HEAD_OPS, tol)

    def test_compiled_head_with_kernels_matches_eager(self, kernel_check):
        """torch.compile (Inductor, fullgraph) of the head with the kernels inside it, bf16."""
        cfg = replace(full().head, num_layers=2)
        forward = head_forward(cfg, 2, (32, 32), 256, torch.bfloat16, "cuda")

        def compiled(head):
            return forward(torch.compile(head, fullgraph=True))

        torch.manual_seed(kernel_check.seed)
        head = MMDiT(cfg).to("cuda", torch.bfloat16)
        with kernels.use("triton"):
            out = compiled(head)
        with kernels.use("eager"):
            ref = forward(head)
        assert kernel_check.rel_err(out, ref) <= 5e-2

