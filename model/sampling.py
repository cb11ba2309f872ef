"""Image generation with InternVL-U: prompt (and source image) → MLLM → head → VAE.

Three-branch classifier-free guidance (DESIGN.md): the head runs with the full
condition, with the text dropped, and (editing only) with text and source dropped;
v = v_none + s_img·(v_no_text − v_none) + s_txt·(v_full − v_no_text). Text-to-image has
no image branch: v = v_no_text + s_txt·(v_full − v_no_text). The solver is diffusers'
DPM-Solver++ on flow sigmas with shift 3 (20 steps), or its flow-matching Euler.

CoT mode: the LLM first writes its reasoning (greedy) until it emits `<img>` or runs out
of tokens; the head then reads the prompt and the reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image

from model.chat import user_turn
from model.internvlu import InternVLU
from model.patchify import patchify, unpatchify
from model.tiling import dynamic_tiles, to_pixel_values
from model.tokenizer import TokenIds
from model.vae import LatentCodec

SCALES = {"plain": (4.5, 2.0), "cot": (3.5, 1.5)}  # (text, image) guidance, DESIGN.md


@dataclass
class Generated:
    image: Image.Image
    reasoning: str
    prompt_tokens: int


def scheduler_for(name: str, steps: int, shift: float = 3.0):
    from diffusers import DPMSolverMultistepScheduler, FlowMatchEulerDiscreteScheduler  # noqa: PLC0415

    if name == "dpm":
        scheduler = DPMSolverMultistepScheduler(num_train_timesteps=1000, use_flow_sigmas=True, flow_shift=shift,
                                                prediction_type="flow_prediction")
    elif name == "euler":
        scheduler = FlowMatchEulerDiscreteScheduler(num_train_timesteps=1000, shift=shift)
    else:
        raise ValueError(f"unknown solver {name!r}; allowed: dpm, euler")
    scheduler.set_timesteps(steps)
    return scheduler


def _pil_to_tensor(image: Image.Image, width: int, height: int) -> torch.Tensor:
    arr = np.asarray(image.convert("RGB").resize((width, height), Image.Resampling.BICUBIC), np.float32)
    return torch.from_numpy(arr / 127.5 - 1).permute(2, 0, 1)[None]


@torch.no_grad()
def reason(model: InternVLU, input_ids: list[int], pixel_values, max_tokens: int, ids: TokenIds) -> list[int]:
    """Greedy continuation until `<img>` (not included) or `max_tokens`."""
    out: list[int] = []
    for _ in range(max_tokens):
        tokens = torch.tensor([input_ids + out])
        logits = model.vlm(tokens, pixel_values)["logits"][0, -1]
        nxt = int(logits.argmax())
        if nxt in (ids.img_start, ids.im_end):
            break
        out.append(nxt)
    return out


@torch.no_grad()
def generate(model: InternVLU, codec: LatentCodec, tokenizer, prompt: str, *, source: Image.Image | None = None,
             width: int = 512, height: int = 512, steps: int = 20, guidance: tuple[float, float] | None = None,
             cot: bool = False, max_reasoning_tokens: int = 256, seed: int = 0, solver: str = "dpm") -> Generated:
    cfg = model.cfg
    model.eval()
    ids = TokenIds.of(tokenizer)
    unit = 8 * cfg.head.patch_size
    if width % unit or height % unit:
        raise ValueError(f"width and height must be multiples of {unit} px, got {width}x{height}")
    text_scale, image_scale = guidance or SCALES["cot" if cot else "plain"]

    pixel_values, image_tokens = None, 0
    if source is not None:
        tiles = dynamic_tiles(source.convert("RGB"), tile=cfg.vision.image_size, max_tiles=cfg.max_tiles,
                              use_thumbnail=cfg.use_thumbnail)
        pixel_values, image_tokens = to_pixel_values(tiles, cfg.vision.image_size), len(tiles) * cfg.tokens_per_tile
    input_ids = tokenizer(user_turn(prompt, image_tokens), add_special_tokens=False)["input_ids"]
    thought = reason(model, input_ids, pixel_values, max_reasoning_tokens, ids) if cot else []
    context = input_ids + thought
    tokens = torch.tensor([context + [ids.img_start]])
    states = model.vlm(tokens, pixel_values, compute_logits=False)["hidden_states"]
    full_mask = torch.zeros(tokens.shape, dtype=torch.bool)
    full_mask[0, : len(context)] = True
    none_mask = torch.zeros_like(full_mask)

    grid = (height // unit, width // unit)
    cond = None
    if source is not None:
        cond = patchify(codec.encode(_pil_to_tensor(source, width, height)))
    n_cond = 0 if cond is None else 1
    img_freqs, txt_full = model.head_freqs(tokens, full_mask, grid, n_cond)
    _, txt_none = model.head_freqs(tokens, none_mask, grid, n_cond)

    generator = torch.Generator().manual_seed(seed)
    z = cfg.vae.z_dim
    latents = patchify(torch.randn(1, z, 2 * grid[0], 2 * grid[1], generator=generator))
    scheduler = scheduler_for(solver, steps, cfg.objective.time_shift)
    for timestep in scheduler.timesteps:
        t = (timestep / 1000).reshape(1).float()
        v_full = model.velocity(latents, states, full_mask, t, img_freqs, txt_full, cond)
        v_no_text = model.velocity(latents, states, none_mask, t, img_freqs, txt_none, cond)
        if cond is None:
            v = v_no_text + text_scale * (v_full - v_no_text)
        else:
            dropped = torch.zeros(1, cond.shape[1], dtype=torch.bool)
            v_none = model.velocity(latents, states, none_mask, t, img_freqs, txt_none, cond, dropped)
            v = v_none + image_scale * (v_no_text - v_none) + text_scale * (v_full - v_no_text)
        latents = scheduler.step(v, timestep, latents).prev_sample
    image = codec.decode(unpatchify(latents, 2 * grid[0], 2 * grid[1], cfg.head.patch_size))
    pixels = ((image[0].permute(1, 2, 0).numpy() + 1) * 127.5).round().clip(0, 255).astype(np.uint8)
    return Generated(Image.fromarray(pixels), tokenizer.decode(thought), len(context))
