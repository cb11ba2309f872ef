"""A tiny, randomly initialised Idefics3 checkpoint, built offline, for testing the MLLM
judge's vLLM backend for real without downloading a model.

Why Idefics3: vLLM serves `Idefics3ForConditionalGeneration` natively, takes any number of
images per prompt (the editing rubric sends two), and neither its vLLM model module nor
its HF image processor needs torchvision (there is no CPU torchvision build that matches
our torch). LLaVA, Qwen2-VL, InternVL, Gemma3, Mistral3 and most other VLMs in vLLM 0.29
import torchvision when their model module loads; PaliGemma takes one image only.

Parts: a 2-layer SigLIP-style vision tower on 56 px tiles (14 px patches, pixel shuffle 2:
4 tokens per tile; an image is up to 2x2 tiles plus a global view), a 2-layer Llama LM
with head size 32 (a size vLLM's CPU attention kernels support) and a byte-level
tokenizer with no merges: its 256 byte tokens spell any text, so structured decoding can
emit every JSON character. About 1 MB in all.

Random weights make the scores meaningless, and they would also make decoding wander:
inside a free JSON string a random LM may never pick the closing quote. So the LM head
gets a fixed per-token preference (`_prefer_short_json`) that dominates its random part:
closing quote first, whitespace last. Constrained greedy decoding then finishes a JSON
answer in a few dozen tokens, whatever the schema allows in between.
"""

from __future__ import annotations

from pathlib import Path

IMAGE_TOKEN = "<image>"
END_OF_TURN = "<|im_end|>"
PAD = "<|endoftext|>"
# Idefics3's processor wraps each image as <fake_token_around_image><global-img><image>*N<fake_token_around_image>
# (and <row_i_col_j> tags when it tiles); as special tokens they stay one token each.
SPECIAL_TOKENS = (PAD, "<|im_start|>", END_OF_TURN, IMAGE_TOKEN, "<fake_token_around_image>", "<global-img>",
                  "<end_of_utterance>", *(f"<row_{i}_col_{j}>" for i in range(1, 7) for j in range(1, 7)))
IMAGE_SIZE, PATCH_SIZE, SCALE_FACTOR = 56, 14, 2
IMAGE_SEQ_LEN = (IMAGE_SIZE // PATCH_SIZE) ** 2 // SCALE_FACTOR**2

# ChatML; content may be a string or OpenAI-style parts (vLLM passes parts when a template
# loops over them, with images as {"type": "image"}): each image becomes one IMAGE_TOKEN,
# which the processor expands to the image's tokens.
CHAT_TEMPLATE = (
    "{%- for message in messages -%}"
    "{{- '<|im_start|>' + message['role'] + '\\n' -}}"
    "{%- if message['content'] is string -%}{{- message['content'] -}}"
    "{%- else -%}{%- for part in message['content'] -%}"
    "{%- if part['type'] in ('image', 'image_url') -%}{{- '<image>\\n' -}}"
    "{%- elif part['type'] == 'text' -%}{{- part['text'] -}}{%- endif -%}"
    "{%- endfor -%}{%- endif -%}"
    "{{- '<|im_end|>\\n' -}}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}"
)


def build_tiny_vlm(path: Path, seed: int = 0) -> Path:
    """Write config, random safetensors weights, tokenizer (with the chat template) and
    processor config to `path` (created if missing); returns `path`. Same seed, same
    weights. Offline, about 1 MB, a few seconds (mostly importing transformers)."""
    import torch
    from transformers import (
        Idefics3Config,
        Idefics3ForConditionalGeneration,
        Idefics3ImageProcessorPil,
        Idefics3Processor,
        Idefics3VisionConfig,
        LlamaConfig,
    )

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    tokenizer = _byte_level_tokenizer()
    image_token_id = tokenizer.convert_tokens_to_ids(IMAGE_TOKEN)
    eos_id = tokenizer.convert_tokens_to_ids(END_OF_TURN)
    pad_id = tokenizer.convert_tokens_to_ids(PAD)
    text = LlamaConfig(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                       num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=8192,
                       bos_token_id=None, eos_token_id=eos_id, pad_token_id=pad_id, tie_word_embeddings=False)
    vision = Idefics3VisionConfig(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=2,
                                  image_size=IMAGE_SIZE, patch_size=PATCH_SIZE)
    config = Idefics3Config(vision_config=vision, text_config=text, image_token_id=image_token_id,
                            scale_factor=SCALE_FACTOR, pad_token_id=pad_id, tie_word_embeddings=False)
    config.eos_token_id = eos_id
    torch.manual_seed(seed)
    model = Idefics3ForConditionalGeneration(config).eval()
    with torch.no_grad():
        _prefer_short_json(model, tokenizer)
    model.generation_config.eos_token_id = eos_id
    model.generation_config.bos_token_id = None
    model.generation_config.pad_token_id = pad_id
    model.save_pretrained(path)

    # Tiling on, up to 2x2 tiles + the global view: transformers 5.23 counts 0 patches for an
    # image it does not split (`get_number_of_image_patches`), and vLLM sizes its inputs by
    # that count, so an untiled image reaches the vision tower as an empty tensor.
    image_processor = Idefics3ImageProcessorPil(size={"longest_edge": 2 * IMAGE_SIZE},
                                                max_image_size={"longest_edge": IMAGE_SIZE}, do_image_splitting=True)
    processor = Idefics3Processor(image_processor=image_processor, tokenizer=tokenizer, image_seq_len=IMAGE_SEQ_LEN,
                                  chat_template=CHAT_TEMPLATE)
    processor.save_pretrained(path)
    tokenizer.save_pretrained(path)  # writes the chat template beside the tokenizer too
    return path


def _byte_level_tokenizer():
    """One token per byte (GPT-2's byte-to-unicode alphabet, no merges) plus the specials."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    vocab = {ch: i for i, ch in enumerate(alphabet)}
    core = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    core.decoder = decoders.ByteLevel()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, eos_token=END_OF_TURN, pad_token=PAD,
                                        unk_token=None, bos_token=None)
    tokenizer.add_special_tokens({"additional_special_tokens": list(SPECIAL_TOKENS)})
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def _prefer_short_json(model, tokenizer, strength: float = 1.0) -> None:
    """Give the LM head a fixed token preference: the `"` byte first, JSON punctuation
    next, then the digit 1, whitespace last, everything else in between. Every token's
    embedding gets 1.0 in dimension 0 (the rest are ~N(0, 0.02)), so after RMSNorm that
    dimension is ~7.7 at text positions and the head's column 0 acts as a bias: half a
    rank is ~3.9 logits, the random rest moves logits by < 0.5 (and still by the image)."""
    import torch

    head = model.get_output_embeddings().weight
    embed = model.get_input_embeddings().weight
    embed[:, 0] = 1.0
    ranks = torch.zeros(head.shape[0])
    for char, rank in (('"', 3.0), ("}", 2.0), (",", 2.0), (":", 2.0), ("1", 1.5),
                       (" ", -3.0), ("\n", -3.0), ("\t", -3.0), ("\r", -3.0)):
        ranks[tokenizer.convert_tokens_to_ids(_byte_token(char))] = rank
    head[:, 0] = ranks * strength


def _byte_token(char: str) -> str:
    from tokenizers import pre_tokenizers

    (token, _), = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False).pre_tokenize_str(char)
    return token

