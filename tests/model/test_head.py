"""The generation head: MMDiT parity with diffusers' QwenImage transformer, the released
checkpoint names, the attention gate, unified MSRoPE, the connector and patchify."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from diffusers import QwenImageTransformer2DModel
from diffusers.models.transformers.transformer_qwenimage import QwenEmbedRope, apply_rotary_emb_qwen
from diffusers.pipelines.qwenimage.pipeline_qwenimage import QwenImagePipeline

from model.config import HeadConfig, full, tiny
from model.connector import pad_or_cut
from model.generation_decoder import GenerationDecoder
from model.mmdit import MMDiT
from model.msrope import apply_rope, build_positions, fit_context, head_positions, rope_frequencies
from model.patchify import patchify, unpatchify

# A copy of ../shared/reference/internvlu_checkpoint_keys_tiny.json (the released names), kept in the repo for CI.
REFERENCE_KEYS = Path(__file__).resolve().parent / "data" / "internvlu_checkpoint_keys_tiny.json"

# tiny sizes of the released reference (and of QwenImage's packed 64-channel tokens)
TINY_HEAD = HeadConfig(num_layers=2, num_attention_heads=2, attention_head_dim=16, ffn_dim=128, joint_attention_dim=48,
                       axes_dims_rope=(4, 6, 6), max_text_tokens=16)


def randomize(module: torch.nn.Module, seed: int) -> None:
    """Every parameter random (norm weights and biases too), so that a swapped tensor shows."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn(p.shape, generator=generator) * 0.2)


def qwenimage_of(cfg: HeadConfig) -> QwenImageTransformer2DModel:
    return QwenImageTransformer2DModel(patch_size=cfg.patch_size, in_channels=cfg.in_channels,
                                       out_channels=cfg.out_channels, num_layers=cfg.num_layers,
                                       attention_head_dim=cfg.attention_head_dim,
                                       num_attention_heads=cfg.num_attention_heads,
                                       joint_attention_dim=cfg.joint_attention_dim,
                                       axes_dims_rope=cfg.axes_dims_rope)


# Our names are the released ones, which are diffusers' QwenImage names: the map is the identity.
# The released-only tensors (none when ungated) would be listed here.
DIFFUSERS_NAME_MAP: dict[str, str] = {}


def diffusers_name(ours: str) -> str:
    return DIFFUSERS_NAME_MAP.get(ours, ours)


@pytest.fixture(scope="module")
def ungated_pair():
    cfg = replace(TINY_HEAD, gated_attention=False)
    ours = MMDiT(cfg).eval()
    randomize(ours, seed=0)
    ref = qwenimage_of(cfg).eval()
    theirs = {diffusers_name(k): v for k, v in ours.state_dict().items()}
    assert set(theirs) == set(ref.state_dict())
    ref.load_state_dict(theirs, strict=True)
    return cfg, ours, ref


def inputs(cfg: HeadConfig, batch: int, n_img: int, n_txt: int, seed: int):
    generator = torch.Generator().manual_seed(seed)
    img = torch.randn(batch, n_img, cfg.in_channels, generator=generator)
    txt = torch.randn(batch, n_txt, cfg.joint_attention_dim, generator=generator)
    mask = torch.ones(batch, n_txt, dtype=torch.bool)
    mask[1, 4:] = False  # the second sample has padding
    timestep = torch.tensor([0.3, 0.85])[:batch]
    return img, txt, mask, timestep


# --- (1) parity with diffusers' QwenImage transformer ---

@torch.no_grad()
def test_mmdit_matches_qwenimage_transformer(ungated_pair):
    cfg, ours, ref = ungated_pair
    h, w, n_txt = 4, 6, 7
    img, txt, mask, timestep = inputs(cfg, 2, h * w, n_txt, seed=1)
    img_pos, txt_pos = head_positions((h, w), 0, [("text", n_txt)])
    out = ours(img, txt, timestep, ours.rope(img_pos), ours.rope(txt_pos), mask)
    expected = ref(hidden_states=img, encoder_hidden_states=txt, encoder_hidden_states_mask=mask,
                   timestep=timestep, img_shapes=[[(1, h, w)]] * 2, return_dict=False)[0]
    assert out.shape == (2, h * w, cfg.patch_size ** 2 * cfg.out_channels)
    assert (out - expected).abs().max().item() <= 1e-5


@torch.no_grad()
def test_editing_condition_frames_match_qwenimage_edit_layout(ungated_pair):
    """A condition image as frame t = 1 on the target's grid is QwenImage-Edit's second image."""
    cfg, ours, ref = ungated_pair
    h, w, n_txt = 6, 6, 5
    img, txt, mask, timestep = inputs(cfg, 2, h * w, n_txt, seed=2)
    cond = torch.randn(2, h * w, cfg.in_channels, generator=torch.Generator().manual_seed(3))
    img_pos, txt_pos = head_positions((h, w), 1, [("text", n_txt)])
    out = ours(img, txt, timestep, ours.rope(img_pos), ours.rope(txt_pos), mask, cond=cond)
    expected = ref(hidden_states=torch.cat([img, cond], dim=1), encoder_hidden_states=txt,
                   encoder_hidden_states_mask=mask, timestep=timestep, img_shapes=[[(1, h, w), (1, h, w)]] * 2,
                   return_dict=False)[0][:, : h * w]
    assert (out - expected).abs().max().item() <= 1e-5


# --- (2) the released checkpoint's names and shapes ---

def test_generation_decoder_state_dict_is_the_released_layout():
    reference = json.loads(REFERENCE_KEYS.read_text())["generation_decoder"]
    model = GenerationDecoder(tiny())
    ours = {k: list(v.shape) for k, v in model.state_dict().items()}
    assert sorted(set(ours) ^ set(reference)) == []
    assert {k: s for k, s in ours.items() if s != reference[k]} == {}
    released = {k: torch.zeros(shape) for k, shape in reference.items()}
    model.load_state_dict(released, strict=True)
    assert model.decoder.transformer_blocks[1].attn.to_q.weight.abs().sum().item() == 0


# --- (3) the gate: per-head [query | gate] halves of Q, applied after the output projection ---

def gate_rows(cfg: HeadConfig) -> torch.Tensor:
    """Row indices of the gate logits in the doubled Q projection (second half of every head)."""
    d = cfg.attention_head_dim
    return torch.cat([torch.arange(h * 2 * d + d, (h + 1) * 2 * d) for h in range(cfg.num_attention_heads)])


def query_rows(cfg: HeadConfig) -> torch.Tensor:
    d = cfg.attention_head_dim
    return torch.cat([torch.arange(h * 2 * d, h * 2 * d + d) for h in range(cfg.num_attention_heads)])


def gated_model(seed: int) -> MMDiT:
    model = MMDiT(TINY_HEAD).eval()
    randomize(model, seed)
    return model


def set_gate(model: MMDiT, bias: float) -> None:
    rows = gate_rows(model.cfg)
    with torch.no_grad():
        for block in model.transformer_blocks:
            for proj in (block.attn.to_q, block.attn.add_q_proj):
                proj.weight[rows] = 0
                proj.bias[rows] = bias


def run(model: MMDiT, seed: int = 5) -> torch.Tensor:
    h, w, n_txt = 4, 4, 6
    img, txt, mask, timestep = inputs(model.cfg, 2, h * w, n_txt, seed)
    img_pos, txt_pos = head_positions((h, w), 0, [("text", n_txt)])
    with torch.no_grad():
        return model(img, txt, timestep, model.rope(img_pos), model.rope(txt_pos), mask)


def test_closed_gate_removes_attention_after_the_output_projection():
    """Gate logits -1e4 must leave exactly what zeroed output projections (weights and biases) leave.

    A gate before `to_out` would keep to_out's bias; a gate read from Q's second half instead
    of each head's second half would stay partly open."""
    closed = gated_model(seed=4)
    set_gate(closed, bias=-1e4)
    no_attention = gated_model(seed=4)
    set_gate(no_attention, bias=-1e4)
    with torch.no_grad():
        for block in no_attention.transformer_blocks:
            for proj in (block.attn.to_out[0], block.attn.to_add_out):
                proj.weight.zero_()
                proj.bias.zero_()
    reference = gated_model(seed=4)
    assert (run(closed) - run(no_attention)).abs().max().item() <= 1e-6
    assert (run(closed) - run(reference)).abs().max().item() > 1e-2  # the gate does matter


def test_open_gate_equals_ungated_attention_with_the_query_halves():
    opened = gated_model(seed=6)
    set_gate(opened, bias=1e4)
    ungated = MMDiT(replace(TINY_HEAD, gated_attention=False)).eval()
    state = {}
    for name, tensor in opened.state_dict().items():
        if name.endswith(("attn.to_q.weight", "attn.to_q.bias", "attn.add_q_proj.weight", "attn.add_q_proj.bias")):
            tensor = tensor[query_rows(TINY_HEAD)]
        state[name] = tensor
    ungated.load_state_dict(state, strict=True)
    assert (run(opened) - run(ungated)).abs().max().item() <= 1e-5


# --- (4) unified MSRoPE ---

def test_text_continues_after_the_largest_image_index():
    pos = build_positions([("text", 5), ("image", 1, 4, 6), ("text", 2)])
    assert pos[:5].tolist() == [[p, p, p] for p in range(5)]
    image = pos[5:29]
    assert set(image[:, 0].tolist()) == {5.0}  # the grid's frame axis starts at the running position
    assert pos[29:].tolist() == [[6, 6, 6], [7, 7, 7]]
    # a grid wider than the text run before it: text resumes after its largest h/w index
    pos = build_positions([("text", 2), ("image", 1, 16, 16), ("text", 1)])
    assert pos[2:258, 1:].max().item() == 7
    assert pos[-1].tolist() == [8, 8, 8]


def test_grids_are_centred():
    pos = build_positions([("image", 1, 5, 4)])
    assert sorted(set(pos[:, 1].tolist())) == [-3, -2, -1, 0, 1]
    assert sorted(set(pos[:, 2].tolist())) == [-2, -1, 0, 1]
    assert pos[:4].tolist() == [[0, -3, -2], [0, -3, -1], [0, -3, 0], [0, -3, 1]]  # raster order


def test_edit_conditions_are_frames_on_the_target_grid():
    h, w, n = 4, 6, 2
    img_pos, txt_pos = head_positions((h, w), n, [("text", 3)])
    frames = img_pos.view(1 + n, h * w, 3)
    assert [f[:, 0].unique().tolist() for f in frames] == [[0.0], [1.0], [2.0]]
    assert all(torch.equal(f[:, 1:], frames[0][:, 1:]) for f in frames)
    assert txt_pos[0].tolist() == [3, 3, 3]
    # more frames than half the grid: the frame index is the largest one
    _, txt_pos = head_positions((2, 2), 3, [("text", 1)])
    assert txt_pos[0].tolist() == [4, 4, 4]


def test_interpolation_stretches_a_small_grid_onto_the_max_grid_range():
    big = build_positions([("image", 1, 64, 64)], max_grid=64)
    small = build_positions([("image", 1, 32, 32), ("text", 1)], max_grid=64)
    assert torch.equal(big, build_positions([("image", 1, 64, 64)]))  # the max grid keeps its indices
    rows = small[:-1, 1].unique()
    assert (rows.min().item(), rows.max().item()) == (-32, 31) == (big[:, 1].min().item(), big[:, 1].max().item())
    assert len(rows) == 32 and bool((rows.diff() > 0).all())
    assert small[-1].tolist() == [32, 32, 32]
    # one scale for both axes keeps the aspect ratio: 32×16 under a 64×64 max spans 64×32
    wide = build_positions([("image", 1, 32, 16)], max_grid=(64, 64))
    assert (wide[:, 2].min().item(), wide[:, 2].max().item()) == (-16, 15)
    # the released form: an explicit scale factor on the segment
    scaled = build_positions([("image", 1, 16, 16, 0.25)])
    assert (scaled[:, 1].min().item(), scaled[:, 1].max().item()) == (-32, 31)


def test_fit_context_cuts_or_pads_the_layout():
    layout = [("text", 3), ("image", 1, 2, 2), ("text", 4)]
    assert fit_context(layout, 16) == [("text", 3), ("image", 1, 2, 2), ("text", 4), ("text", 5)]
    assert fit_context(layout, 5) == [("text", 3), ("text", 2)]  # a cut grid counts as text
    assert len(build_positions(fit_context(layout, 9))) == 9


@pytest.mark.parametrize(("axes", "shapes", "n_txt"), [
    ((4, 6, 6), [(1, 4, 6)], 7),
    ((4, 6, 6), [(1, 5, 3)], 4),                       # odd grid sides
    ((16, 56, 56), [(1, 64, 48), (1, 64, 48)], 512),   # full axes, an editing condition, a full context
])
def test_rotary_factors_match_qwen_embed_rope(axes, shapes, n_txt):
    rope = QwenEmbedRope(theta=10000, axes_dim=list(axes), scale_rope=True)
    vid_freqs, txt_freqs = rope([shapes], device=torch.device("cpu"), max_txt_seq_len=n_txt)  # a batch of one
    _, h, w = shapes[0]
    img_pos, txt_pos = head_positions((h, w), len(shapes) - 1, [("text", n_txt)])
    assert (rope_frequencies(img_pos, axes) - vid_freqs).abs().max().item() <= 1e-6
    assert (rope_frequencies(txt_pos, axes) - txt_freqs).abs().max().item() <= 1e-6


def test_apply_rope_matches_diffusers():
    x = torch.randn(2, 24, 2, 16, generator=torch.Generator().manual_seed(7))
    freqs = rope_frequencies(build_positions([("image", 1, 4, 6)]), (4, 6, 6))
    assert (apply_rope(x, freqs) - apply_rotary_emb_qwen(x, freqs, use_real=False)).abs().max().item() <= 1e-6
    per_sample = freqs.expand(2, -1, -1)
    assert torch.equal(apply_rope(x, per_sample), apply_rope(x, freqs))


# --- connector and patchify ---

def test_connector_packs_real_tokens_then_the_pad_token():
    states = torch.arange(2 * 5 * 3, dtype=torch.float32).view(2, 5, 3)
    mask = torch.tensor([[True, True, True, False, False], [False, False, True, True, True]])  # right / left pad
    pad = torch.full((3,), -1.0, requires_grad=True)
    packed, real = pad_or_cut(states, mask, pad, length=4)
    assert real.tolist() == [[True, True, True, False]] * 2
    assert torch.equal(packed[0, :3], states[0, :3]) and torch.equal(packed[1, :3], states[1, 2:])
    assert packed[:, 3].tolist() == [[-1.0] * 3] * 2
    packed.sum().backward()
    assert pad.grad.tolist() == [2.0] * 3  # one pad slot per row
    cut, real = pad_or_cut(states, None, pad, length=2)  # too long: the first tokens stay
    assert torch.equal(cut, states[:, :2]) and bool(real.all())


def test_generation_decoder_trains_end_to_end():
    cfg = replace(tiny(), head=replace(tiny().head, max_text_tokens=12))
    model = GenerationDecoder(cfg)
    h, w = 4, 4
    latents = torch.randn(2, 16, 2 * h, 2 * w)
    source = torch.randn(2, 16, 2 * h, 2 * w)
    states = torch.randn(2, 9, cfg.llm.hidden_size)
    states.requires_grad_(True)
    mask = torch.ones(2, 9, dtype=torch.bool)
    mask[0, 6:] = False
    context = fit_context([("text", 2), ("image", 1, 2, 2), ("text", 3)], cfg.head.max_text_tokens)
    img_pos, txt_pos = head_positions((h, w), 1, context)
    rope = model.decoder.rope
    out = model(patchify(latents), states, mask, torch.tensor([0.2, 0.9]), rope(img_pos), rope(txt_pos),
                cond=patchify(source))
    assert unpatchify(out, 2 * h, 2 * w).shape == latents.shape
    out.square().mean().backward()
    assert states.grad[0, :6].abs().sum().item() > 0 and states.grad[0, 6:].abs().sum().item() == 0
    assert model.decoder.transformer_blocks[0].attn.to_q.weight.grad.abs().sum().item() > 0
    # padded context slots are masked keys: the pad token cannot reach the image (as released)
    assert model.encoder_padding_token.grad.abs().sum().item() == 0


def test_patchify_is_qwenimage_packing():
    latents = torch.randn(2, 16, 6, 8)
    tokens = patchify(latents)
    assert torch.equal(tokens, QwenImagePipeline._pack_latents(latents, 2, 16, 6, 8))
    unpacked = QwenImagePipeline._unpack_latents(tokens, height=6 * 8, width=8 * 8, vae_scale_factor=8)
    assert torch.equal(unpatchify(tokens, 6, 8), unpacked[:, :, 0])
    assert torch.equal(unpatchify(tokens, 6, 8), latents)


# --- (5) the full head's size ---

def head_parameter_count(cfg) -> int:
    """Closed form, from the released layout."""
    h = cfg.head
    dim, ffn, joint, heads_dim = h.inner_dim, h.ffn_dim, h.joint_attention_dim, h.attention_head_dim
    q_width = 2 * dim if h.gated_attention else dim

    def linear(i, o):
        return i * o + o

    block = (2 * linear(dim, 6 * dim) + 2 * linear(dim, q_width) + 4 * linear(dim, dim) + 2 * linear(dim, dim)
             + 4 * heads_dim + 2 * (linear(dim, ffn) + linear(ffn, dim)))
    decoder = (linear(h.timestep_embedding_dim, dim) + linear(dim, dim) + joint + linear(h.in_channels, dim)
               + linear(joint, dim) + h.num_layers * block + linear(dim, 2 * dim)
               + linear(dim, h.patch_size ** 2 * h.out_channels))
    connector = cfg.llm.hidden_size + linear(cfg.llm.hidden_size, 3 * joint) + linear(3 * joint, joint)
    return decoder + connector


@pytest.mark.parametrize("gated", [True, False])
def test_full_head_parameter_count(gated):
    cfg = replace(full(), head=replace(full().head, gated_attention=gated))
    with torch.device("meta"):
        model = GenerationDecoder(cfg)
    count = sum(p.numel() for p in model.parameters())
    assert count == head_parameter_count(cfg)
    assert 1.5e9 < count < 2.0e9  # paper: ≈ 1.7B
