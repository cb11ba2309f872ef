"""Model configs as data: one frozen dataclass per component and small functions that
build the named configs (`full`, `small`, `tiny`), torchtitan style.

Sizes of `full` are DESIGN.md's model facts (InternViT-300M, Qwen3 from InternVL3.5-2B,
the 20-block MMDiT head). Field names follow the released checkpoint's config.json keys
where they exist, so that `from_released` can read them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class VisionConfig:
    """InternViT: pre-norm ViT with layer scale, class token and learned positions."""

    hidden_size: int = 1024
    intermediate_size: int = 4096
    num_attention_heads: int = 16
    num_hidden_layers: int = 24
    image_size: int = 448          # one tile
    patch_size: int = 14
    qkv_bias: bool = True
    layer_norm_eps: float = 1e-6
    initializer_factor: float = 0.1  # layer-scale init (ls1, ls2)


@dataclass(frozen=True)
class LLMConfig:
    """Qwen3 decoder: GQA, QK RMSNorm per head, RoPE, SwiGLU MLP."""

    vocab_size: int = 151_936
    hidden_size: int = 2048
    intermediate_size: int = 6144
    num_hidden_layers: int = 28
    num_attention_heads: int = 16
    num_key_value_heads: int = 8
    head_dim: int = 128
    rope_theta: float = 1_000_000.0
    rms_norm_eps: float = 1e-6
    max_position_embeddings: int = 40_960
    tie_word_embeddings: bool = False


@dataclass(frozen=True)
class HeadConfig:
    """The MMDiT generation head (released: generation_decoder/decoder) and its connector."""

    num_layers: int = 20
    num_attention_heads: int = 12
    attention_head_dim: int = 128          # inner dim = heads × head dim = 1536
    ffn_dim: int = 6144
    patch_size: int = 2
    in_channels: int = 64                  # 16 latent channels × 2×2 patch
    out_channels: int = 16                 # latent channels
    joint_attention_dim: int = 2048        # connector output (released: output_hidden_size)
    axes_dims_rope: tuple[int, int, int] = (16, 56, 56)
    rope_theta: float = 10_000.0
    timestep_embedding_dim: int = 256
    gated_attention: bool = True           # sigmoid gate = second half of the Q projection
    eps: float = 1e-6
    max_text_tokens: int = 512             # connector pads/cuts the MLLM context to this
    max_grid: int = 64                     # patch grid of the largest image (1024 px): MSRoPE interpolation
    context_image_position_scale: float = 0.25  # ViT grids in the context span 4× their size (released default)

    @property
    def inner_dim(self) -> int:
        return self.num_attention_heads * self.attention_head_dim


@dataclass(frozen=True)
class VAEConfig:
    """diffusers AutoencoderKLQwenImage keyword arguments (its defaults are the released VAE)."""

    base_dim: int = 96
    z_dim: int = 16
    dim_mult: tuple[int, ...] = (1, 2, 4, 4)
    num_res_blocks: int = 2
    temperal_downsample: tuple[bool, ...] = (False, True, True)
    spatial_downsample: int = 8            # pixels per latent, per side

    def diffusers_kwargs(self) -> dict[str, Any]:
        return {"base_dim": self.base_dim, "z_dim": self.z_dim, "dim_mult": list(self.dim_mult),
                "num_res_blocks": self.num_res_blocks, "temperal_downsample": list(self.temperal_downsample)}


@dataclass(frozen=True)
class ObjectiveConfig:
    """Losses and classifier-free-guidance dropping (DESIGN.md: objective, CFG)."""

    ntp_weight: float = 1.0
    fm_weight: float = 1.0
    logit_normal_mean: float = 0.0
    logit_normal_std: float = 1.0
    time_shift: float = 3.0
    t2i_drop: float = 0.10                 # T2I: condition dropped
    edit_drop_all: float = 0.05            # editing: text and source image dropped
    edit_drop_text: float = 0.05           # editing: text dropped, source image kept


@dataclass(frozen=True)
class ModelConfig:
    name: str
    vision: VisionConfig = field(default_factory=VisionConfig)
    llm: LLMConfig = field(default_factory=LLMConfig)
    head: HeadConfig = field(default_factory=HeadConfig)
    vae: VAEConfig = field(default_factory=VAEConfig)
    objective: ObjectiveConfig = field(default_factory=ObjectiveConfig)
    downsample_ratio: float = 0.5          # pixel shuffle: 1024 patches of a tile → 256 tokens
    max_tiles: int = 12
    use_thumbnail: bool = True
    num_special_tokens: int = 10           # released: special_token_embedding rows

    @property
    def tokens_per_tile(self) -> int:
        side = self.vision.image_size // self.vision.patch_size
        return int(side * self.downsample_ratio) ** 2

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelConfig:
        parts = {"vision": VisionConfig, "llm": LLMConfig, "head": HeadConfig, "vae": VAEConfig,
                 "objective": ObjectiveConfig}
        kwargs = dict(data)
        for key, typ in parts.items():
            if key in kwargs:
                value = dict(kwargs[key])
                for name, v in value.items():
                    if isinstance(v, list):
                        value[name] = tuple(v)
                kwargs[key] = typ(**value)
        return cls(**kwargs)


def full() -> ModelConfig:
    """InternVL-U as released: ≈ 0.3B (ViT) + 2.0B (LLM) + 1.7B (head)."""
    return ModelConfig(name="full")


def small() -> ModelConfig:
    """Same architecture, a few layers of modest width: trains for real on a CPU."""
    return ModelConfig(
        name="small",
        vision=VisionConfig(hidden_size=256, intermediate_size=1024, num_attention_heads=4, num_hidden_layers=4,
                            image_size=224),
        llm=LLMConfig(vocab_size=32_000, hidden_size=512, intermediate_size=1536, num_hidden_layers=6,
                      num_attention_heads=8, num_key_value_heads=4, head_dim=64),
        head=HeadConfig(num_layers=4, num_attention_heads=4, attention_head_dim=64, ffn_dim=1024,
                        joint_attention_dim=384, axes_dims_rope=(8, 28, 28), max_text_tokens=256),
        vae=VAEConfig(base_dim=32),
        max_tiles=4,
    )


def tiny() -> ModelConfig:
    """The released checkpoint's tiny reference sizes (../shared/reference/): for tests."""
    return ModelConfig(
        name="tiny",
        vision=VisionConfig(hidden_size=32, intermediate_size=64, num_attention_heads=2, num_hidden_layers=2,
                            image_size=56),
        llm=LLMConfig(vocab_size=512, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=2, head_dim=16, max_position_embeddings=4096),
        head=HeadConfig(num_layers=2, num_attention_heads=2, attention_head_dim=16, ffn_dim=128,
                        joint_attention_dim=48, axes_dims_rope=(4, 6, 6), max_text_tokens=64),
        vae=VAEConfig(base_dim=8, dim_mult=(1, 2, 2, 2), num_res_blocks=1),
        max_tiles=2,
    )


CONFIGS = {"full": full, "small": small, "tiny": tiny}


def get_config(name: str, **overrides: Any) -> ModelConfig:
    if name not in CONFIGS:
        raise KeyError(f"unknown model config {name!r}; allowed: {', '.join(CONFIGS)}")
    config = CONFIGS[name]()
    return replace(config, **overrides) if overrides else config
