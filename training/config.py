"""Training configs (YAML, validated; unknown keys are errors). The three stages of
DESIGN.md are presets in training/configs/; a config names the model, what is trained,
the optimiser and schedule, loss weights, image sizes and how many workers run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

PARTS = ("vision", "projector", "llm", "connector", "head")


class ConfigError(ValueError):
    """A training config that cannot run: one line per problem."""


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ImageSettings(StrictModel):
    min_px: int = Field(512, ge=64, le=2048)
    max_px: int = Field(1024, ge=64, le=2048)
    """Target images go into aspect-ratio buckets of about min_px² .. max_px² pixels."""
    min_aspect: float = Field(0.5, gt=0)
    max_aspect: float = Field(2.0, gt=0)
    multiple: int = Field(16, ge=16)  # VAE (8) × patch (2)


class TrainConfig(StrictModel):
    name: str = "run"
    model: str = "tiny"
    """A model config name (full, small, tiny) or a checkpoint folder to start from."""
    tokenizer: str
    """A local tokenizer folder (tokenizer.json); never a hub name."""
    vae: str | Literal["random"] = "random"
    """A diffusers AutoencoderKLQwenImage folder, or `random` (seeded init from the model config: tests)."""
    stage: Literal[1, 2, 3] = 3
    trainable: tuple[Literal["vision", "projector", "llm", "connector", "head", "all"], ...] = ("all",)
    steps: int = Field(100, ge=1)
    batch_size: int = Field(4, ge=1)
    """Per worker."""
    lr: float = Field(1e-5, gt=0)
    schedule: Literal["constant", "cosine"] = "cosine"
    warmup_steps: int = Field(1000, ge=0)
    min_lr_ratio: float = Field(0.0, ge=0, le=1)
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    weight_decay: float = Field(0.0, ge=0)
    grad_clip: float = Field(1.0, gt=0)
    ntp_weight: float = Field(1.0, ge=0)
    fm_weight: float = Field(20.0, ge=0)
    cot: bool = True
    """Train the LLM to write the sample's CoT before `<img>` (stage 3)."""
    image: ImageSettings = Field(default_factory=ImageSettings)
    num_workers: int = Field(1, ge=1)
    cpus_per_worker: float = Field(1.0, gt=0)
    gpus_per_worker: float = Field(0.0, ge=0)
    precision: Literal["fp32", "bf16"] = "bf16"
    """bf16 autocast on GPU; CPU runs in fp32 whatever this says."""
    fsdp: bool = False
    activation_checkpointing: bool = False
    kernels: Literal["auto", "triton", "compile", "eager"] = "auto"
    checkpoint_every: int = Field(100, ge=1)
    log_every: int = Field(10, ge=1)
    seed: int = 0
    max_failures: int = Field(2, ge=0)
    data_workers: float = Field(0.25, gt=0)
    """CPUs per preprocessing actor (decode, resize, tokenise, VAE-encode)."""

    @model_validator(mode="after")
    def _check(self) -> TrainConfig:
        if self.image.min_px > self.image.max_px:
            raise ValueError(f"image.min_px ({self.image.min_px}) must be <= image.max_px ({self.image.max_px})")
        if self.image.min_aspect > self.image.max_aspect:
            raise ValueError("image.min_aspect must be <= image.max_aspect")
        return self

    def trainable_parts(self) -> tuple[str, ...]:
        return PARTS if "all" in self.trainable else tuple(self.trainable)


def load_config(path: str | Path, **overrides) -> TrainConfig:
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{path}: no such training config")
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a training config is a mapping")
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return TrainConfig(**data)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in e['loc']) or 'config'}: {e['msg']}" for e in exc.errors()]
        raise ConfigError(f"{path}: " + "; ".join(problems)) from None
