"""The instruction rewriter: templated `instruction` and `cot` become varied natural
language, and optionally a Chinese `instruction_zh`, through the same MLLM backends
as the judge (text only, no image).

What a sample means must survive the rewrite exactly: every quoted text (“…”, "…",
「…」, 『…』, '…'), every number (with its `%` or unit) and every hex colour of the
template appears, character for character, in the rewrite, and the rewrite brings no
number or colour of its own. A rewritten field that fails this check is discarded and
the template kept. Per row, `rewrite_status` says what happened:

  rewritten      every asked-for field was rewritten and passed the check
  kept_template  the model answered, but at least one field failed the check (kept as is)
  failed         the request failed or the answer was not the expected JSON

`rewrite_note` gives the reason, `rewrite_instruction_template` / `rewrite_cot_template`
keep the originals for audits. Off unless a model is configured (`RewriteSettings.model`).

Why not a Judge: a judge only adds `<name>_<metric>` columns and sets verdicts; this
stage replaces `instruction`/`cot`/`instruction_zh`, which the Judge contract does not
cover. It plugs into pipelines/dag.py as its own `map_batches(RewriteStage, ...)`
between generation and the judges, and pipelines/sink.job_schema needs `REWRITE_COLUMNS`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, model_validator

from filters.mllm.backends import Backend, ChatRequest, OpenAICompatibleBackend, VllmOfflineBackend
from filters.mllm.cache import ResultCache, cache_key, default_cache_path

PROMPT_VERSION = "rewrite-v1"
STATUSES = ("rewritten", "kept_template", "failed")
REWRITE_COLUMNS: dict[str, pa.DataType] = {
    "rewrite_status": pa.string(),
    "rewrite_note": pa.string(),
    "rewrite_instruction_template": pa.string(),
    "rewrite_cot_template": pa.string(),
}

_QUOTES = [
    re.compile(r"“([^”]+)”"), re.compile(r'"([^"]+)"'), re.compile(r"「([^」]+)」"), re.compile(r"『([^』]+)』"),
    re.compile(r"(?<![\w])'([^']+)'(?![\w])"),  # not apostrophes: a quote starts and ends at a word edge
]
_HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-zA-Z])")
_UNITS = r"%|°C|°F|°|px|pt|mm|cm|km|m|kg|mg|g|ms|s|min|h|Hz|kHz|MHz|N|J|kJ|W|kW|V|A|mA|K|mol|mL|ml|L|Pa|kPa"
_NUMBER = re.compile(rf"(?<![\d.])\d+(?:[.,]\d+)*(?:\s?(?:{_UNITS})(?![A-Za-z]))?")
_DIGITS = re.compile(r"(?<![\d.])\d+(?:[.,]\d+)*")


def protected_values(text: str) -> list[str]:
    """The parts of `text` a rewrite must keep exactly: quoted texts, numbers with their
    unit or %, hex colours (in order of appearance, duplicates kept)."""
    found = [(m.start(1), m.group(1)) for q in _QUOTES for m in q.finditer(text)]
    hexes = list(_HEX.finditer(text))
    found += [(m.start(), m.group()) for m in hexes]
    # Digits inside a hex colour are part of the colour, not numbers of their own.
    found += [(m.start(), m.group()) for m in _NUMBER.finditer(text)
              if not any(h.start() <= m.start() < h.end() for h in hexes)]
    return [value for _, value in sorted(found)]


def preservation_problem(original: str, rewrite: str) -> str | None:
    """Why `rewrite` does not keep `original`'s values, or None when it does."""
    if not rewrite.strip():
        return "empty rewrite"
    for value in dict.fromkeys(protected_values(original)):
        # A colour is the same colour in either case; everything else must match exactly.
        if value not in rewrite and not (_HEX.fullmatch(value) and value.lower() in rewrite.lower()):
            return f"lost {value!r}"
    # The rewrite's bare numbers and colours must all come from the original (no invented values).
    extra = Counter(_DIGITS.findall(rewrite)) - Counter(_DIGITS.findall(original))
    extra_hex = {h.lower() for h in _HEX.findall(rewrite)} - {h.lower() for h in _HEX.findall(original)}
    if extra or extra_hex:
        return f"added {sorted(extra) + sorted(extra_hex)}"
    return None


class RewriteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str | None = Field(None, description="model name (openai) or path (vllm); unset: the rewriter is off")
    backend: str = Field("openai", pattern="^(openai|vllm)$")
    base_url: str | None = None
    rewrite_cot: bool = Field(True, description="also rewrite the CoT")
    translate_zh: bool = Field(False, description="also write instruction_zh (Chinese) where it is empty")
    max_concurrency: int = Field(8, ge=1, le=1024)
    timeout_s: float = Field(60, gt=0)
    max_retries: int = Field(3, ge=0, le=20)
    backoff_s: float = Field(1.0, ge=0)
    temperature: float = Field(0.7, ge=0, le=2, description="some variety is the point of rewriting")
    cache: bool = True
    cache_path: str | None = None
    engine_args: dict[str, Any] = Field(default_factory=dict, description="backend vllm: more vllm.LLM engine "
                                        "arguments (dtype, enforce_eager, kv_cache_memory_bytes, ...)")

    @model_validator(mode="after")
    def _engine_args_need_vllm(self) -> RewriteSettings:
        if self.engine_args and self.backend != "vllm":
            raise ValueError("engine_args are vLLM engine arguments: only for backend 'vllm'")
        return self

    @property
    def enabled(self) -> bool:
        return self.model is not None

    def backend_instance(self) -> Backend:
        if self.backend == "vllm":
            return VllmOfflineBackend(self.model, temperature=self.temperature, max_tokens=1024, **self.engine_args)
        if not self.base_url:
            raise ValueError("rewriter backend 'openai' needs base_url")
        return OpenAICompatibleBackend(self.base_url, self.model, max_concurrency=self.max_concurrency,
                                       timeout_s=self.timeout_s, max_retries=self.max_retries,
                                       backoff_s=self.backoff_s, max_tokens=1024, temperature=self.temperature)


def _fields(cot: str, rewrite_cot: bool, translate_zh: bool) -> list[str]:
    return ["instruction"] + (["cot"] if rewrite_cot and cot else []) + (["instruction_zh"] if translate_zh else [])


def answer_schema(fields: list[str]) -> dict:
    return {"type": "object", "properties": {f: {"type": "string"} for f in fields},
            "required": fields, "additionalProperties": False}


def rewrite_prompt(instruction: str, cot: str, fields: list[str]) -> str:
    keep = list(dict.fromkeys(protected_values(instruction + "\n" + cot)))
    lines = [
        ("Rewrite the request below (and its reasoning, if given) as a person would naturally phrase it: "
         "vary the wording and sentence structure, keep the meaning and every detail."),
        ("Copy these values exactly, character for character, and add no other numbers or colours: "
         + (json.dumps(keep, ensure_ascii=False) if keep else "(none)")),
        "",
        f"instruction: {instruction}",
    ]
    if "cot" in fields:
        lines.append(f"cot: {cot}")
    lines.append("")
    wanted = {"instruction": "the rewritten instruction (English)",
              "cot": "the rewritten reasoning (English, same steps)",
              "instruction_zh": "the instruction in natural Simplified Chinese; quoted texts stay untranslated"}
    lines.append("Answer with JSON only: " + json.dumps({f: wanted[f] for f in fields}, ensure_ascii=False))
    return "\n".join(lines)


def rewrite_batch(table: pa.Table, backend: Backend, *, rewrite_cot: bool = True, translate_zh: bool = False,
                  cache: ResultCache | None = None) -> pa.Table:
    """`table` with instruction / cot / instruction_zh rewritten where the rewrite keeps
    every protected value, plus REWRITE_COLUMNS. Error rows are left alone (status null)."""
    n = table.num_rows
    instructions = table["instruction"].to_pylist()
    cots = table["cot"].to_pylist()
    zhs = table["instruction_zh"].to_pylist()
    verdicts = table["verdict"].to_pylist()
    status: list[str | None] = [None] * n
    notes: list[str | None] = [None] * n

    pending = []  # (row, fields, key, request)
    for i in range(n):
        if verdicts[i] == "error" or not instructions[i]:
            continue
        fields = _fields(cots[i] or "", rewrite_cot, translate_zh and not zhs[i])
        prompt = rewrite_prompt(instructions[i], cots[i] or "", fields)
        key = cache_key(backend.model, PROMPT_VERSION, None, None, prompt)
        request = ChatRequest([{"role": "user", "content": prompt}], answer_schema(fields), "rewrite")
        pending.append((i, fields, key, request))

    cached = cache.get_many([p[2] for p in pending]) if cache is not None and pending else {}
    misses = [p for p in pending if p[2] not in cached]
    replies = dict(zip((p[2] for p in misses), backend.complete([p[3] for p in misses]))) if misses else {}

    fresh: dict[str, dict] = {}
    new_instr, new_cot, new_zh = list(instructions), list(cots), list(zhs)
    for i, fields, key, _ in pending:
        answer = cached.get(key)
        if answer is None:
            reply = replies[key]
            try:
                answer = _parse(reply, fields)
            except ValueError as exc:
                status[i], notes[i] = "failed", str(exc)[:200]
                continue
            fresh[key] = answer
        kept = []
        for field in fields:
            original = cots[i] if field == "cot" else instructions[i]  # zh translates the instruction
            problem = preservation_problem(original, answer[field])
            if problem:
                kept.append(f"{field}: {problem}")
            elif field == "instruction":
                new_instr[i] = answer[field]
            elif field == "cot":
                new_cot[i] = answer[field]
            else:
                new_zh[i] = answer[field]
        status[i] = "kept_template" if kept else "rewritten"
        notes[i] = "; ".join(kept)[:300] or None
    if cache is not None:
        cache.put_many(fresh)

    changed = {i for i in range(n) if status[i] is not None}
    out = table
    for name, values in (("instruction", new_instr), ("cot", new_cot), ("instruction_zh", new_zh)):
        index = out.schema.get_field_index(name)
        out = out.set_column(index, out.schema.field(index), pa.array(values, pa.string()))
    extra = {
        "rewrite_status": status,
        "rewrite_note": notes,
        "rewrite_instruction_template": [instructions[i] if i in changed else None for i in range(n)],
        "rewrite_cot_template": [cots[i] if i in changed else None for i in range(n)],
    }
    for name, dtype in REWRITE_COLUMNS.items():
        out = out.append_column(pa.field(name, dtype), pa.array(extra[name], dtype))
    return out


def _parse(reply: str | Exception, fields: list[str]) -> dict:
    if isinstance(reply, Exception):
        raise ValueError(f"request failed ({' '.join(str(reply).split())[:150]})")  # noqa: TRY004
    text = reply.strip()
    fence = re.match(r"^```(?:json)?\s*(.*?)\s*```$", text, re.DOTALL)
    try:
        data = json.loads(fence.group(1) if fence else text)
    except json.JSONDecodeError as err:
        raise ValueError(f"answer is not JSON ({err.msg})") from None
    if not isinstance(data, dict) or any(not isinstance(data.get(f), str) for f in fields):
        # Bad model output is one kind of problem to the caller, whatever its type: ValueError.
        raise ValueError(f"answer needs string fields {', '.join(fields)}")
    return {f: data[f] for f in fields}


class RewriteStage:
    """The rewriter as a Ray Data actor callable (like pipelines.stages.JudgeStage):
    `map_batches(RewriteStage, fn_constructor_kwargs={"settings_json": ...})`."""

    def __init__(self, settings_json: str):
        self.settings = RewriteSettings.model_validate_json(settings_json)
        self.backend = self.settings.backend_instance() if self.settings.enabled else None
        self.cache = (ResultCache(self.settings.cache_path or default_cache_path("mllm_rewrite.sqlite"))
                      if self.settings.enabled and self.settings.cache else None)

    def __call__(self, batch: pa.Table) -> pa.Table:
        if self.backend is None:  # off: the columns exist, nothing is rewritten
            for name, dtype in REWRITE_COLUMNS.items():
                batch = batch.append_column(pa.field(name, dtype), pa.nulls(batch.num_rows, dtype))
            return batch
        return rewrite_batch(batch, self.backend, rewrite_cot=self.settings.rewrite_cot,
                             translate_zh=self.settings.translate_zh, cache=self.cache)
