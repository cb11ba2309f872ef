"""The generation head's dual-stream MMDiT (released: `generation_decoder/decoder.*`).

QwenImage's transformer (diffusers `QwenImageTransformer2DModel`) with InternVL-U's changes:
20 blocks of 12 × 128, a sigmoid gate on each stream's attention output, editing condition
latents as extra image tokens, and positions from `model.msrope` passed in by the caller.
Attribute names reproduce the released checkpoint's, so its state dict loads with strict=True.

Per block and stream (image / text): AdaLN modulation `{img,txt}_mod` = SiLU → Linear(dim,
6·dim) → (shift, scale, gate) for attention and for the MLP, over a non-affine LayerNorm in
fp32; joint attention over [text, image] with per-stream Q/K/V, RMS QK-norm and RoPE; gated
residuals; GELU(tanh) MLPs. Output: AdaLN-continuous (scale, shift) then `proj_out`.

Gated attention, as the released `InternVLUDoubleStream*AttnProcessor._call_ve` does it: the
Q projection is twice as wide and, *within every head*, its first head_dim outputs are the
query and the next head_dim the gate logits (weights laid out [q_h0, g_h0, q_h1, g_h1, …]).
The gate multiplies the attention output after the output projection:
`out = to_out(attn) · sigmoid(gate)`, gate channel h·head_dim + j on output channel h·head_dim + j.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from model import kernels
from model.config import HeadConfig
from model.layers import RMSNorm, gelu_tanh
from model.msrope import rope_frequencies

# --- small ops, one function each: the fused Triton kernels replace them one at a time ---

def layer_norm_modulate(x: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor, eps: float) -> torch.Tensor:
    """Non-affine LayerNorm then x·(1 + scale) + shift, all in fp32 (released: FP32LayerNorm)."""
    return kernels.select("layer_norm_modulate")(x, shift, scale, eps)


def gated_residual(x: torch.Tensor, gate: torch.Tensor, update: torch.Tensor) -> torch.Tensor:
    """x + gate · update: the AdaLN gate on each sub-layer's residual branch."""
    return kernels.select("gated_residual")(x, gate, update)


def gated_residual_norm(x: torch.Tensor, gate: torch.Tensor, update: torch.Tensor, shift: torch.Tensor,
                        scale: torch.Tensor, eps: float) -> tuple[torch.Tensor, torch.Tensor]:
    """(h, out): h = gated_residual(x, gate, update), then out = layer_norm_modulate(h, shift, scale, eps)."""
    return kernels.select("gated_residual_norm")(x, gate, update, shift, scale, eps)


def sigmoid_gate(x: torch.Tensor, gate_logits: torch.Tensor) -> torch.Tensor:
    """x · sigmoid(gate): gated attention's output gate."""
    return x * torch.sigmoid(gate_logits)


def timestep_sinusoid(t: torch.Tensor, dim: int = 256, scale: float = 1000.0,
                      max_period: float = 10_000.0) -> torch.Tensor:
    """[cos | sin] features of scale·t: diffusers `Timesteps(dim, flip_sin_to_cos=True,
    downscale_freq_shift=0, scale=1000)`, the convention of QwenImage and the released head."""
    half = dim // 2
    exponent = -math.log(max_period) * torch.arange(half, dtype=torch.float32, device=t.device) / half
    angles = scale * (t[:, None].float() * torch.exp(exponent)[None, :])
    return torch.cat([torch.cos(angles), torch.sin(angles)], dim=-1)


# --- modules (names follow the released checkpoint / diffusers) ---

class TimestepEmbedding(nn.Module):
    """sinusoid features → Linear → SiLU → Linear (diffusers TimestepEmbedding)."""

    def __init__(self, in_dim: int, dim: int):
        super().__init__()
        self.linear_1 = nn.Linear(in_dim, dim)
        self.linear_2 = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear_2(F.silu(self.linear_1(x)))


class TimeTextEmbed(nn.Module):
    """Timestep conditioning (released: `time_text_embed`, diffusers QwenTimestepProjEmbeddings)."""

    def __init__(self, dim: int, sinusoid_dim: int = 256):
        super().__init__()
        self.sinusoid_dim = sinusoid_dim
        self.timestep_embedder = TimestepEmbedding(sinusoid_dim, dim)

    def forward(self, t: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        return self.timestep_embedder(timestep_sinusoid(t, self.sinusoid_dim).to(dtype))


class GeluTanhProjection(nn.Module):
    """Linear then GELU(tanh) (diffusers `GELU(approximate="tanh")`, hence the `.proj` name)."""

    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.proj = nn.Linear(dim, hidden)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return gelu_tanh(self.proj(x))


class FeedForward(nn.Module):
    """GELU(tanh) MLP named like diffusers' FeedForward: `net.0.proj`, `net.2`.

    Slot 1 is diffusers' dropout; an Identity keeps the indices (and so the checkpoint names).
    """

    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.net = nn.ModuleList([GeluTanhProjection(dim, hidden), nn.Identity(), nn.Linear(hidden, dim)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.net:
            x = layer(x)
        return x


class JointAttention(nn.Module):
    """Joint attention of the text and image streams, each with its own projections and QK-norm."""

    def __init__(self, dim: int, heads: int, head_dim: int, gated: bool, eps: float):
        super().__init__()
        if dim != heads * head_dim:
            raise ValueError(f"dim {dim} must equal heads {heads} × head_dim {head_dim}")
        self.heads, self.head_dim, self.gated = heads, head_dim, gated
        q_width = 2 * dim if gated else dim  # per head: [query | gate]
        self.to_q = nn.Linear(dim, q_width)
        self.to_k = nn.Linear(dim, dim)
        self.to_v = nn.Linear(dim, dim)
        self.add_q_proj = nn.Linear(dim, q_width)
        self.add_k_proj = nn.Linear(dim, dim)
        self.add_v_proj = nn.Linear(dim, dim)
        self.norm_q = RMSNorm(head_dim, eps)
        self.norm_k = RMSNorm(head_dim, eps)
        self.norm_added_q = RMSNorm(head_dim, eps)
        self.norm_added_k = RMSNorm(head_dim, eps)
        self.to_out = nn.ModuleList([nn.Linear(dim, dim)])  # released: to_out.0 (diffusers' list)
        self.to_add_out = nn.Linear(dim, dim)

    def _heads(self, x: torch.Tensor) -> torch.Tensor:
        return x.unflatten(-1, (self.heads, self.head_dim))

    def _query(self, proj: nn.Linear, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """(query [B, L, H, D], gate logits [B, L, H·D] or None) from the (maybe doubled) Q projection."""
        q = proj(x).unflatten(-1, (self.heads, -1))
        if not self.gated:
            return q, None
        q, gate = q.split(self.head_dim, dim=-1)
        return q, gate.flatten(-2)

    def forward(self, img: torch.Tensor, txt: torch.Tensor, img_freqs: torch.Tensor, txt_freqs: torch.Tensor,
                key_mask: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor]:
        q_img, gate_img = self._query(self.to_q, img)
        q_txt, gate_txt = self._query(self.add_q_proj, txt)
        # QK RMSNorm and MSRoPE in one pass (model/kernels/rms_norm_rope.py; eager = the two in turn)
        norm_rope = kernels.select("rms_norm_rope")
        q_img = norm_rope(q_img, self.norm_q.weight, self.norm_q.eps, img_freqs)
        k_img = norm_rope(self._heads(self.to_k(img)), self.norm_k.weight, self.norm_k.eps, img_freqs)
        q_txt = norm_rope(q_txt, self.norm_added_q.weight, self.norm_added_q.eps, txt_freqs)
        k_txt = norm_rope(self._heads(self.add_k_proj(txt)), self.norm_added_k.weight, self.norm_added_k.eps,
                          txt_freqs)
        v_img, v_txt = self._heads(self.to_v(img)), self._heads(self.add_v_proj(txt))

        # [text, image] order, as QwenImage (attention is order-free; the order only fixes the split below)
        q = torch.cat([q_txt, q_img], dim=1).transpose(1, 2)
        k = torch.cat([k_txt, k_img], dim=1).transpose(1, 2)
        v = torch.cat([v_txt, v_img], dim=1).transpose(1, 2)
        mask = None if key_mask is None else key_mask[:, None, None, :]
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2).flatten(2)

        n_txt = txt.shape[1]
        txt_out = self.to_add_out(out[:, :n_txt])
        img_out = self.to_out[0](out[:, n_txt:])
        if self.gated:
            img_out = sigmoid_gate(img_out, gate_img)
            txt_out = sigmoid_gate(txt_out, gate_txt)
        return img_out, txt_out


class MMDiTBlock(nn.Module):
    """One dual-stream block: per-stream AdaLN + joint attention + per-stream MLP, gated residuals."""

    def __init__(self, cfg: HeadConfig):
        super().__init__()
        dim = cfg.inner_dim
        self.eps = cfg.eps
        self.img_mod = nn.Sequential(nn.SiLU(), nn.Linear(dim, 6 * dim))
        self.txt_mod = nn.Sequential(nn.SiLU(), nn.Linear(dim, 6 * dim))
        self.attn = JointAttention(dim, cfg.num_attention_heads, cfg.attention_head_dim, cfg.gated_attention,
                                   cfg.eps)
        self.img_mlp = FeedForward(dim, cfg.ffn_dim)
        self.txt_mlp = FeedForward(dim, cfg.ffn_dim)

    def forward(self, img: torch.Tensor, txt: torch.Tensor, temb: torch.Tensor, img_freqs: torch.Tensor,
                txt_freqs: torch.Tensor, key_mask: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor]:
        # (shift, scale, gate) for attention, then for the MLP; [B, 1, dim] each
        i_shift1, i_scale1, i_gate1, i_shift2, i_scale2, i_gate2 = self.img_mod(temb)[:, None].chunk(6, dim=-1)
        t_shift1, t_scale1, t_gate1, t_shift2, t_scale2, t_gate2 = self.txt_mod(temb)[:, None].chunk(6, dim=-1)

        img_attn, txt_attn = self.attn(layer_norm_modulate(img, i_shift1, i_scale1, self.eps),
                                       layer_norm_modulate(txt, t_shift1, t_scale1, self.eps),
                                       img_freqs, txt_freqs, key_mask)
        # the attention's gated residual and the MLP's modulated norm of the same stream, in one op
        img, img_normed = gated_residual_norm(img, i_gate1, img_attn, i_shift2, i_scale2, self.eps)
        txt, txt_normed = gated_residual_norm(txt, t_gate1, txt_attn, t_shift2, t_scale2, self.eps)

        img = gated_residual(img, i_gate2, self.img_mlp(img_normed))
        txt = gated_residual(txt, t_gate2, self.txt_mlp(txt_normed))
        return img, txt


class AdaLayerNormContinuous(nn.Module):
    """SiLU(temb) → Linear → (scale, shift) over a non-affine fp32 LayerNorm (diffusers' order: scale first)."""

    def __init__(self, dim: int, eps: float):
        super().__init__()
        self.eps = eps
        self.linear = nn.Linear(dim, 2 * dim)

    def forward(self, x: torch.Tensor, temb: torch.Tensor) -> torch.Tensor:
        scale, shift = self.linear(F.silu(temb))[:, None].chunk(2, dim=-1)
        return layer_norm_modulate(x, shift, scale, self.eps)


class MMDiT(nn.Module):
    """The head's transformer. Inputs are tokens (see `model.patchify`) and rotary factors (`model.msrope`).

    Batches share one latent grid size (bucket by resolution); the context is padded to a fixed
    length with `txt_mask` marking the real tokens.
    """

    def __init__(self, cfg: HeadConfig):
        super().__init__()
        if sum(cfg.axes_dims_rope) != cfg.attention_head_dim:
            raise ValueError(f"axes_dims_rope {cfg.axes_dims_rope} must sum to head dim {cfg.attention_head_dim}")
        self.cfg = cfg
        dim = cfg.inner_dim
        self.time_text_embed = TimeTextEmbed(dim, cfg.timestep_embedding_dim)
        self.txt_norm = RMSNorm(cfg.joint_attention_dim, cfg.eps)
        self.img_in = nn.Linear(cfg.in_channels, dim)
        self.txt_in = nn.Linear(cfg.joint_attention_dim, dim)
        self.transformer_blocks = nn.ModuleList([MMDiTBlock(cfg) for _ in range(cfg.num_layers)])
        self.norm_out = AdaLayerNormContinuous(dim, cfg.eps)
        self.proj_out = nn.Linear(dim, cfg.patch_size ** 2 * cfg.out_channels)
        self.init_weights()

    def init_weights(self) -> None:
        """The released `initialize_weights`: Xavier-uniform Linear weights, zero biases, unit norms."""
        for module in self.modules():
            if isinstance(module, nn.Linear):
                nn.init.xavier_uniform_(module.weight)
                nn.init.zeros_(module.bias)
            elif isinstance(module, RMSNorm) and module.weight is not None:
                nn.init.ones_(module.weight)

    def rope(self, positions: torch.Tensor) -> torch.Tensor:
        """Rotary factors for msrope positions [..., 3] with this head's axes and θ."""
        return rope_frequencies(positions, self.cfg.axes_dims_rope, self.cfg.rope_theta)

    def forward(self, img: torch.Tensor, txt: torch.Tensor, timestep: torch.Tensor, img_freqs: torch.Tensor,
                txt_freqs: torch.Tensor, txt_mask: torch.Tensor | None = None, cond: torch.Tensor | None = None,
                cond_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Velocity tokens [B, N, patch²·out_channels] for the N target tokens.

        img: [B, N, in_channels] patchified noisy target latents.
        txt: [B, L, joint_attention_dim] connector output; txt_mask [B, L] bool, True = real token.
        timestep: [B] flow time t ∈ [0, 1] (t = 1 is pure noise, `model.flow`), embedded as
            sinusoid(1000·t) like QwenImage. The released inference pipeline feeds its DPM-solver
            timesteps (≈ 1000·t) times the decoder config's `timestep_scale` (1.0 when absent):
            check that key when loading released weights.
        img_freqs: [N + M, D/2] or [B, N + M, D/2] complex factors of the target then the condition tokens.
        txt_freqs: [L, D/2] or [B, L, D/2].
        cond: [B, M, in_channels] patchified condition latents (editing: frames t = 1..n), or None;
            cond_mask [B, M] bool marks the real ones when samples have different numbers of conditions.
        """
        n_target = img.shape[1]
        if cond is not None:
            img = torch.cat([img, cond], dim=1)
        hidden = self.img_in(img)
        context = self.txt_in(self.txt_norm(txt))
        if timestep.dim() == 0:
            timestep = timestep.expand(img.shape[0])
        temb = self.time_text_embed(timestep, hidden.dtype)
        key_mask = joint_key_mask(txt_mask, cond_mask, context.shape[1], n_target, hidden.shape[1] - n_target,
                                  hidden.shape[0], hidden.device)
        for block in self.transformer_blocks:
            hidden, context = block(hidden, context, temb, img_freqs, txt_freqs, key_mask)
        return self.proj_out(self.norm_out(hidden[:, :n_target], temb))


def joint_key_mask(txt_mask: torch.Tensor | None, cond_mask: torch.Tensor | None, n_txt: int, n_target: int,
                   n_cond: int, batch: int, device: torch.device) -> torch.Tensor | None:
    """Keys the queries may attend to [B, n_txt + n_target + n_cond], in the joint order
    [text, target, conditions]; None when every key is real."""
    if txt_mask is None and cond_mask is None:
        return None

    def real(mask: torch.Tensor | None, n: int) -> torch.Tensor:
        return torch.ones(batch, n, dtype=torch.bool, device=device) if mask is None else mask.bool()

    return torch.cat([real(txt_mask, n_txt), real(None, n_target), real(cond_mask, n_cond)], dim=1)
