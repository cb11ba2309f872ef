"""Settings of the diffusion edit backend, the pipelines it knows, and the fail-fast check.

Importing this module needs neither torch nor diffusers, so a job spec validates on a
machine without the `model` extra; `check` says so in one line when they are missing.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from synthesis.editing.diffusion.instructions import EDIT_TYPES, USABLE
from synthesis.generator import GeneratorParams

Kind = Literal["instruct", "inpaint"]
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff")
INSTALL_HINT = "install the model extra: pip install -e '.[model]'"


@dataclass(frozen=True)
class PipelineTraits:
    """How the backend drives one diffusers pipeline class.

    `instruct` pipelines take image + prompt; `inpaint` ones image + mask_image + prompt.
    `distilled` guidance is the embedded `guidance_scale` (FLUX); `true_cfg` runs a second,
    negative-prompt branch scaled by `true_cfg_scale` (Qwen-Image). `description` prompts
    say what fills the mask (FLUX Fill); `instruction` prompts say what to change.
    """

    kind: Kind
    guidance: Literal["distilled", "true_cfg"]
    default_guidance: float
    prompt: Literal["instruction", "description"]
    kontext: bool = False        # takes max_area / _auto_resize
    needs_torchvision: bool = False


PIPELINES: dict[str, PipelineTraits] = {
    "FluxKontextPipeline": PipelineTraits("instruct", "distilled", 2.5, "instruction", kontext=True),
    "QwenImageEditPipeline": PipelineTraits("instruct", "true_cfg", 4.0, "instruction", needs_torchvision=True),
    "QwenImageEditPlusPipeline": PipelineTraits("instruct", "true_cfg", 4.0, "instruction", needs_torchvision=True),
    "FluxFillPipeline": PipelineTraits("inpaint", "distilled", 30.0, "description"),
    "FluxKontextInpaintPipeline": PipelineTraits("inpaint", "distilled", 2.5, "instruction", kontext=True),
    "QwenImageEditInpaintPipeline": PipelineTraits("inpaint", "true_cfg", 4.0, "instruction", needs_torchvision=True),
}
PipelineName = Literal[("auto", *PIPELINES)]  # type: ignore[valid-type]
EditTypeName = Literal[EDIT_TYPES]  # type: ignore[valid-type]


class DiffusionSettings(GeneratorParams):
    model_config = ConfigDict(validate_by_name=True)

    model_path: str
    """Local folder of a diffusers pipeline (with model_index.json); nothing is downloaded."""
    pipeline: PipelineName = "auto"
    """Pipeline class; auto: the `_class_name` in model_index.json. An explicit class may load
    another pipeline's folder (FluxKontextInpaintPipeline from FLUX.1-Kontext weights)."""
    kind: Kind | None = None
    """instruct or inpaint; derived from an explicit pipeline, checked against an auto one."""
    source_dirs: tuple[str, ...] = Field(min_length=1)
    """Folders of photos (searched recursively), the edit sources."""
    edit_types: dict[EditTypeName, float] | None = None
    """Weights of edit types; None: every type the pipeline kind can do, equally."""
    # `register` in specs; the attribute has another name because pydantic's BaseModel
    # (an ABC) already has a `register` method.
    instruction_register: Literal["explicit", "abstract"] = Field("abstract", alias="register")
    """Which instruction the sample carries; the model is always prompted explicitly."""
    steps: int = Field(28, ge=1, le=200)
    guidance_scale: float | None = Field(None, ge=0.0, le=100.0)
    """guidance_scale (FLUX) or true_cfg_scale (Qwen); None: the pipeline's usual value."""
    size: int = Field(1024, ge=64, le=2048)
    """Side of the square source and target, px."""
    device: Literal["auto", "cuda", "cpu"] = "auto"
    dtype: Literal["auto", "bfloat16", "float16", "float32"] = "auto"
    """auto: bfloat16 on cuda, float32 on cpu."""
    change_tolerance: float = Field(0.08, gt=0.0, lt=1.0)
    """Instruct pipelines' local edits: a pixel is edited where the blurred mean |target -
    source| exceeds this fraction of full scale."""
    region_scale: tuple[float, float] = (0.25, 0.45)
    """Side of an insertion region as a fraction of the image side (min, max)."""

    @model_validator(mode="before")
    @classmethod
    def _derive_kind(cls, data):
        if isinstance(data, dict) and data.get("pipeline") in PIPELINES and data.get("kind") is None:
            data = {**data, "kind": PIPELINES[data["pipeline"]].kind}
        return data

    @model_validator(mode="after")
    def _check(self) -> DiffusionSettings:
        if self.pipeline != "auto" and self.kind != PIPELINES[self.pipeline].kind:
            raise ValueError(f"kind {self.kind!r} does not match {self.pipeline}, an "
                             f"{PIPELINES[self.pipeline].kind} pipeline")
        if self.size % 16:
            raise ValueError(f"size must be a multiple of 16 (got {self.size})")
        if self.edit_types is not None:
            if any(w < 0 for w in self.edit_types.values()) or not any(w > 0 for w in self.edit_types.values()):
                raise ValueError("edit_types weights must be >= 0 with at least one > 0")
            if self.kind is not None and not self.weights(self.kind):
                raise ValueError(f"no edit type in edit_types suits {self.kind} pipelines; "
                                 f"allowed: {', '.join(USABLE[self.kind])}")
        low, high = self.region_scale
        if not 0.05 <= low <= high <= 0.9:
            raise ValueError(f"region_scale must be 0.05 <= min <= max <= 0.9 (got {self.region_scale})")
        return self

    def weights(self, kind: Kind) -> dict[str, float]:
        """Positive weights of the edit types a `kind` pipeline can do."""
        chosen = self.edit_types if self.edit_types is not None else dict.fromkeys(USABLE[kind], 1.0)
        return {name: w for name, w in chosen.items() if w > 0 and name in USABLE[kind]}


class DiffusionSetupError(ValueError):
    """A one-line reason why the backend cannot run with these settings here."""


@dataclass(frozen=True)
class Resolved:
    """What `check` found out: the class to load and how to drive it."""

    pipeline: str
    traits: PipelineTraits
    size_multiple: int

    @property
    def kind(self) -> Kind:
        return self.traits.kind


def require_model_extra() -> None:
    """Fail in one line when torch or diffusers cannot be imported."""
    for module in ("torch", "diffusers", "transformers"):
        try:
            importlib.import_module(module)
        except ImportError as err:
            raise DiffusionSetupError(f"the diffusion backend needs {module} ({err}); {INSTALL_HINT}") from None


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DiffusionSetupError(f"cannot read {path}: {type(err).__name__}: {err}") from None


def vae_size_multiple(model_path: Path) -> int:
    """The side multiple the pipeline needs: twice the VAE's downsampling (latents are
    packed in 2x2 patches). 16 when the VAE config does not say."""
    config_path = model_path / "vae" / "config.json"
    if not config_path.is_file():
        return 16
    config = _read_json(config_path)
    if "temperal_downsample" in config:  # AutoencoderKLQwenImage (sic)
        scale = 2 ** len(config["temperal_downsample"])
    elif "block_out_channels" in config:  # AutoencoderKL
        scale = 2 ** (len(config["block_out_channels"]) - 1)
    else:
        return 16
    return 2 * scale


def resolve(settings: DiffusionSettings) -> Resolved:
    """Read the model folder: which class, which kind, which size multiple."""
    model_path = Path(settings.model_path)
    index_path = model_path / "model_index.json"
    if not index_path.is_file():
        raise DiffusionSetupError(f"model_path {settings.model_path!r} has no model_index.json "
                                  "(it must be a local diffusers pipeline folder)")
    name = settings.pipeline
    if name == "auto":
        name = str(_read_json(index_path).get("_class_name", ""))
        if name not in PIPELINES:
            raise DiffusionSetupError(f"{index_path} names {name or 'no class'!r}, not a supported editing or "
                                      f"inpainting pipeline; supported: {', '.join(PIPELINES)}")
    traits = PIPELINES[name]
    if settings.kind is not None and settings.kind != traits.kind:
        raise DiffusionSetupError(f"kind {settings.kind!r} does not match {name}, an {traits.kind} pipeline")
    multiple = vae_size_multiple(model_path)
    if settings.size % multiple:
        raise DiffusionSetupError(f"size {settings.size} is not a multiple of {multiple}, which {name} needs "
                                  "with this VAE")
    return Resolved(name, traits, multiple)


def is_photo(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES and not path.name.startswith(".")


def _check_source_dirs(source_dirs: tuple[str, ...]) -> None:
    for folder in source_dirs:
        path = Path(folder)
        if not path.is_dir():
            raise DiffusionSetupError(f"source_dir {folder!r} is not a folder")
        if not any(is_photo(p) for p in path.rglob("*")):
            raise DiffusionSetupError(f"source_dir {folder!r} has no images ({', '.join(IMAGE_SUFFIXES)})")


def check(settings: DiffusionSettings) -> Resolved:
    """Everything that must hold before a job starts; raises DiffusionSetupError (one line)."""
    require_model_extra()
    resolved = resolve(settings)
    if resolved.traits.needs_torchvision and importlib.util.find_spec("torchvision") is None:
        raise DiffusionSetupError(f"{resolved.pipeline} needs torchvision: transformers cannot build its "
                                  "Qwen2VLProcessor without it; install torchvision or use a FLUX pipeline")
    if not settings.weights(resolved.kind):
        raise DiffusionSetupError(f"no edit type in edit_types suits {resolved.kind} pipelines; "
                                  f"allowed: {', '.join(USABLE[resolved.kind])}")
    if settings.device == "cuda":
        import torch

        if not torch.cuda.is_available():
            raise DiffusionSetupError("device 'cuda' was asked for but torch sees no CUDA device")
    _check_source_dirs(settings.source_dirs)
    return resolved
