"""Tokenizers: loaded from a local folder (never a hub), or trained here with the
`tokenizers` library (byte-level BPE) for tests and small models.

The chat and image special tokens sit inside the LM head's vocabulary, so the LLM can
emit `<img>` itself (CoT mode: it reasons, then opens the image for the head).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SPECIAL_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<img>", "</img>", "<IMG_CONTEXT>")


@dataclass(frozen=True)
class TokenIds:
    pad: int
    im_start: int
    im_end: int
    img_start: int      # <img>: opens an image (understanding tiles follow, or the head draws)
    img_end: int
    img_context: int    # one per ViT token of an understanding image

    @classmethod
    def of(cls, tokenizer) -> TokenIds:
        ids = {t: tokenizer.convert_tokens_to_ids(t) for t in SPECIAL_TOKENS}
        missing = [t for t, i in ids.items() if i is None or i == tokenizer.unk_token_id]
        if missing:
            raise ValueError(f"tokenizer lacks special tokens {missing}; it needs all of {list(SPECIAL_TOKENS)}")
        return cls(pad=ids["<|endoftext|>"], im_start=ids["<|im_start|>"], im_end=ids["<|im_end|>"],
                   img_start=ids["<img>"], img_end=ids["</img>"], img_context=ids["<IMG_CONTEXT>"])


def train_bpe(texts: Iterable[str], vocab_size: int, folder: str | Path | None = None):
    """A byte-level BPE tokenizer trained on `texts`, with SPECIAL_TOKENS first (ids
    0..5); saved to `folder` when given. Returns a transformers PreTrainedTokenizerFast."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers  # noqa: PLC0415
    from transformers import PreTrainedTokenizerFast  # noqa: PLC0415

    bpe = Tokenizer(models.BPE(unk_token=None))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(SPECIAL_TOKENS),
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    bpe.train_from_iterator(texts, trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                                        additional_special_tokens=list(SPECIAL_TOKENS[1:]))
    if folder is not None:
        tokenizer.save_pretrained(str(folder))
    return tokenizer


def load_tokenizer(folder: str | Path):
    from transformers import AutoTokenizer  # noqa: PLC0415

    folder = Path(folder)
    if not (folder / "tokenizer.json").exists() and not (folder / "tokenizer_config.json").exists():
        raise FileNotFoundError(f"{folder}: no tokenizer.json or tokenizer_config.json (tokenizers load from a "
                                "local folder only)")
    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    TokenIds.of(tokenizer)  # fail early on a tokenizer without the image tokens
    return tokenizer
