"""Tiny, randomly initialised diffusers pipelines for tests and smoke runs, built offline.

Every component is made from a config (seeded init) and the tokenizers from a vocabulary
written here, then the pipeline is `save_pretrained` into a folder that the backend loads
like any real model. The images they make are noise; the code path is the real one.

FLUX pipelines only: the Qwen-Image edit pipelines need a Qwen2VLProcessor, which
transformers 5.23 cannot build without torchvision (its processor check looks the video
processor up in a mapping that is a stub without it), and torchvision breaks this
project's CPU torch.

    python -m synthesis.editing.diffusion.tiny --pipeline FluxKontextPipeline --out /tmp/tiny-kontext
"""

from __future__ import annotations

import argparse
from pathlib import Path

TINY_PIPELINES = ("FluxKontextPipeline", "FluxKontextInpaintPipeline", "FluxFillPipeline")
KIND_DEFAULTS = {"instruct": "FluxKontextPipeline", "inpaint": "FluxFillPipeline"}

LATENT_CHANNELS = 4
VAE_BLOCKS = 4  # 2 ** (4 - 1) = 8x downsampling, as in the real FLUX VAE: sizes are multiples of 16
WIDTH = 16      # hidden size of every tiny model
T5_PIECES = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:'\"!?-()"


def _byte_alphabet() -> list[str]:
    """GPT-2's printable stand-ins for the 256 bytes, the base vocabulary of byte-level BPE."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    extra = [b for b in range(256) if b not in printable]
    return [chr(c) for c in printable] + [chr(256 + i) for i in range(len(extra))]


def clip_tokenizer():
    """Byte-level BPE without merges: every byte is a token, word-final ones carry `</w>`."""
    from transformers import CLIPTokenizer

    alphabet = _byte_alphabet()
    tokens = alphabet + [ch + "</w>" for ch in alphabet] + ["<|startoftext|>", "<|endoftext|>"]
    return CLIPTokenizer(vocab={t: i for i, t in enumerate(tokens)}, merges=[], model_max_length=77)


def t5_tokenizer():
    """A unigram vocabulary of single characters (and word-initial letters), T5's special tokens first."""
    from transformers import T5TokenizerFast

    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -1.0)]
    pieces += [(ch, -2.0) for ch in T5_PIECES] + [("▁" + ch, -1.5) for ch in T5_PIECES if ch.isalpha()]
    return T5TokenizerFast(vocab=pieces, extra_ids=0)


def flux_text_encoders() -> dict:
    from transformers import CLIPTextConfig, CLIPTextModel, T5Config, T5EncoderModel

    tokenizer, tokenizer_2 = clip_tokenizer(), t5_tokenizer()
    text_encoder = CLIPTextModel(CLIPTextConfig(
        vocab_size=len(tokenizer), hidden_size=WIDTH, intermediate_size=WIDTH, num_hidden_layers=1,
        num_attention_heads=2, max_position_embeddings=77, projection_dim=WIDTH,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    ))
    text_encoder_2 = T5EncoderModel(T5Config(
        vocab_size=len(tokenizer_2), d_model=WIDTH, d_kv=8, d_ff=WIDTH, num_layers=1, num_heads=2,
        relative_attention_num_buckets=8,
    ))
    return {"tokenizer": tokenizer, "text_encoder": text_encoder,
            "tokenizer_2": tokenizer_2, "text_encoder_2": text_encoder_2}


def flux_vae():
    from diffusers import AutoencoderKL

    return AutoencoderKL(
        in_channels=3, out_channels=3, block_out_channels=(8,) * VAE_BLOCKS,
        down_block_types=("DownEncoderBlock2D",) * VAE_BLOCKS, up_block_types=("UpDecoderBlock2D",) * VAE_BLOCKS,
        layers_per_block=1, latent_channels=LATENT_CHANNELS, norm_num_groups=4,
        use_quant_conv=False, use_post_quant_conv=False, shift_factor=0.1, scaling_factor=1.5,
    )


def flux_transformer(fill: bool):
    """FLUX packs 2x2 latent patches, so a token has 4x the latent channels. Fill also takes the
    packed masked-image latents and the mask (one channel per pixel of an 8x8 VAE cell, packed)."""
    from diffusers import FluxTransformer2DModel

    packed = 4 * LATENT_CHANNELS
    mask_channels = 4 * (2 ** (VAE_BLOCKS - 1)) ** 2
    return FluxTransformer2DModel(
        patch_size=1, in_channels=packed * 2 + mask_channels if fill else packed, out_channels=packed,
        num_layers=1, num_single_layers=1, attention_head_dim=16, num_attention_heads=2,
        joint_attention_dim=WIDTH, pooled_projection_dim=WIDTH, guidance_embeds=True, axes_dims_rope=[4, 4, 8],
    )


def build_tiny_pipeline(kind_or_class: str, folder: str | Path, seed: int = 0) -> Path:
    """Build a tiny `kind_or_class` pipeline ("instruct", "inpaint" or a class name) into
    `folder` and return it. The same seed gives the same weights."""
    import diffusers
    import torch

    name = KIND_DEFAULTS.get(kind_or_class, kind_or_class)
    if name not in TINY_PIPELINES:
        raise ValueError(f"no tiny build for {kind_or_class!r}; allowed: instruct, inpaint, {', '.join(TINY_PIPELINES)}")
    with torch.random.fork_rng(devices=[]):  # leave the caller's global RNG as it was
        torch.manual_seed(seed)
        components = flux_text_encoders()
        components["vae"] = flux_vae()
        components["transformer"] = flux_transformer(fill=name == "FluxFillPipeline")
    components["scheduler"] = diffusers.FlowMatchEulerDiscreteScheduler()
    pipe = getattr(diffusers, name)(**components)
    folder = Path(folder)
    pipe.save_pretrained(folder)
    return folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pipeline", required=True, help=f"instruct, inpaint or one of {', '.join(TINY_PIPELINES)}")
    parser.add_argument("--out", required=True, help="folder to write the pipeline into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(build_tiny_pipeline(args.pipeline, args.out, args.seed))


if __name__ == "__main__":
    main()
