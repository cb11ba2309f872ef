"""The MLLM judge (`mllm_judge`): a vision-language model grades each image with the
rubric of its task family (see rubrics.py) and rows scoring below `min_overall` are
rejected.

Columns: `mllm_judge_overall`, one `mllm_judge_<criterion>` per criterion of any rubric
(null where the row's rubric lacks it), `mllm_judge_rationale`, and
`mllm_judge_prompt_version` (the rubric wording the scores came from).

A row the model could not grade (no rubric for its generator, no image, the request
failed after retries, an answer that is not valid JSON for the rubric) stays `unjudged`
with the reason: never `keep`, and never a rejection the sample did not earn. Rows an
earlier judge already rejected are not sent to the model (`judge_rejected` to change
that): GPU time goes to rows that can still be kept.

Results are cached on disk (cache.py), so a rerun or a resumed job makes no calls for
rows graded before.
"""

from __future__ import annotations

import os
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import Field, model_validator

from filters.judge import Judge, JudgeThresholds, _replace, reject_reason
from filters.mllm.backends import Backend, ChatRequest, OpenAICompatibleBackend, VllmOfflineBackend
from filters.mllm.cache import ResultCache, cache_key
from filters.mllm.rubrics import ALL_CRITERIA, RUBRICS, build_messages, parse_answer, response_schema, select_rubric

# Set by the judge's own fields; in engine_args they would clash (a TypeError deep in an actor).
RESERVED_ENGINE_ARGS = {"model", "max_model_len", "gpu_memory_utilization", "limit_mm_per_prompt"}


class MllmThresholds(JudgeThresholds):
    min_overall: float = Field(2, ge=1, le=3, description="rows whose overall score is below this are rejected")
    min_scores: dict[str, int] = Field(
        default_factory=dict, description="per-criterion minimum (criterion -> 1..3); criteria not in a row's "
                                          "rubric are not checked")
    backend: Literal["openai", "vllm"] = Field("openai", description="openai: an OpenAI-compatible server at "
                                               "base_url; vllm: vLLM in each actor (give the pool num_gpus: 1)")
    base_url: str | None = Field(None, description="backend openai: server URL, e.g. http://host:8000")
    model: str = Field(description="model name on the server, or the model path for backend vllm")
    api_key_env: str | None = Field(None, description="name of the environment variable holding the API key")
    max_concurrency: int = Field(8, ge=1, le=1024, description="requests in flight per actor")
    timeout_s: float = Field(60, gt=0, description="per-request timeout")
    max_retries: int = Field(3, ge=0, le=20, description="retries on 429/5xx/timeouts/connection errors")
    backoff_s: float = Field(1.0, ge=0, description="first retry delay; doubles per retry")
    max_tokens: int = Field(512, ge=16, le=8192)
    structured_output: bool = Field(True, description="constrain decoding to the answer's JSON schema")
    cache: bool = Field(True, description="reuse results of earlier runs")
    cache_path: str | None = Field(None, description="sqlite file; default $UNISYNTH_CACHE/mllm_judge.sqlite")
    families: dict[str, str] = Field(
        default_factory=dict, description="generator -> rubric family (text, science) for generators beyond "
                                          "the built-in ones; edit rows always use editing")
    judge_rejected: bool = Field(False, description="also grade rows an earlier judge rejected")
    gpu_memory_utilization: float = Field(0.9, gt=0, le=1, description="backend vllm")
    max_model_len: int = Field(8192, ge=256, description="backend vllm")
    engine_args: dict[str, Any] = Field(
        default_factory=dict, description="backend vllm: more vllm.LLM engine arguments (dtype, enforce_eager, "
                                          "kv_cache_memory_bytes, tensor_parallel_size, ...)")

    @model_validator(mode="after")
    def _check(self) -> MllmThresholds:
        if self.backend == "openai" and not self.base_url:
            raise ValueError("backend 'openai' needs base_url (the server, e.g. http://localhost:8000)")
        if self.engine_args and self.backend != "vllm":
            raise ValueError("engine_args are vLLM engine arguments: only for backend 'vllm'")
        reserved = sorted(set(self.engine_args) & RESERVED_ENGINE_ARGS)
        if reserved:
            raise ValueError(f"engine_args may not set {', '.join(reserved)}: use the judge's own "
                             "model / max_model_len / gpu_memory_utilization fields")
        unknown = sorted(set(self.min_scores) - set(ALL_CRITERIA))
        if unknown:
            raise ValueError(f"min_scores has unknown criteria {', '.join(unknown)}; allowed: {', '.join(ALL_CRITERIA)}")
        bad = {g: f for g, f in self.families.items() if f not in RUBRICS or f == "editing"}
        if bad:
            raise ValueError(f"families maps to unknown rubric(s) {bad}; allowed: text, science")
        return self


def make_backend(t: MllmThresholds) -> Backend:
    if t.backend == "vllm":
        return VllmOfflineBackend(t.model, max_tokens=t.max_tokens, structured_output=t.structured_output,
                                  max_model_len=t.max_model_len, gpu_memory_utilization=t.gpu_memory_utilization,
                                  **t.engine_args)
    api_key = os.environ.get(t.api_key_env) if t.api_key_env else None
    return OpenAICompatibleBackend(t.base_url, t.model, api_key, max_concurrency=t.max_concurrency,
                                   timeout_s=t.timeout_s, max_retries=t.max_retries, backoff_s=t.backoff_s,
                                   max_tokens=t.max_tokens, structured_output=t.structured_output)


class MllmJudge(Judge):
    name = "mllm_judge"
    Thresholds = MllmThresholds
    metrics = {  # noqa: RUF012  (the base class declares it a ClassVar)
        "overall": pa.float32(),
        **{criterion: pa.float32() for criterion in ALL_CRITERIA},
        "rationale": pa.string(),
        "prompt_version": pa.string(),
    }

    def __init__(self, thresholds: MllmThresholds, backend: Backend | None = None):
        super().__init__(thresholds)
        self._backend = backend
        self._cache: ResultCache | None = None
        self._unjudged: dict[int, str] = {}
        self.calls = 0  # requests sent to the backend by this instance (cache misses)

    @property
    def backend(self) -> Backend:
        """Built on first use: a vLLM engine loads once per actor, never per batch."""
        if self._backend is None:
            self._backend = make_backend(self.thresholds)
        return self._backend

    @property
    def cache(self) -> ResultCache | None:
        if self._cache is None and self.thresholds.cache:
            self._cache = ResultCache(self.thresholds.cache_path)
        return self._cache

    def __call__(self, batch: pa.Table) -> pa.Table:
        # The base class knows two outcomes (reject, or a whole batch unjudged); this
        # judge also leaves single rows unjudged: score() notes them, they are marked here.
        self._unjudged = {}
        judged = super().__call__(batch)
        if not self._unjudged:
            return judged
        indices = pc.indices_nonzero(pc.not_equal(batch["verdict"], "error")).to_pylist()
        verdicts, reasons = judged["verdict"].to_pylist(), judged["reason"].to_pylist()
        for position, reason in self._unjudged.items():
            i = indices[position]
            if verdicts[i] in ("unjudged", "keep") and reasons[i] is None:
                verdicts[i], reasons[i] = "unjudged", reason
        judged = _replace(judged, "verdict", pa.array(verdicts, pa.string()))
        return _replace(judged, "reason", pa.array(reasons, pa.string()))

    def score(self, batch: pa.Table) -> tuple[dict[str, list], list[str | None]]:
        t = self.thresholds
        n = batch.num_rows
        columns: dict[str, list] = {metric: [None] * n for metric in self.metrics}
        reasons: list[str | None] = [None] * n
        get = {c: batch[c].to_pylist() for c in ("generator", "task", "instruction", "cot", "image",
                                                   "source_image", "verdict")}

        pending: list[tuple[int, object, str, ChatRequest]] = []  # (row, rubric, cache key, request)
        for i in range(n):
            if get["verdict"][i] == "reject" and not t.judge_rejected:
                continue
            rubric = select_rubric(get["generator"][i], get["task"][i], t.families)
            if rubric is None:
                self._unjudged[i] = (f"{self.name}: no rubric for generator={get['generator'][i]} "
                                     f"task={get['task'][i]}")
                continue
            instruction, cot = get["instruction"][i] or "", get["cot"][i] or ""
            try:
                messages = build_messages(rubric, instruction, cot if rubric.family == "science" else None,
                                          get["image"][i], get["source_image"][i])
            except ValueError as exc:
                self._unjudged[i] = f"{self.name}: {exc}"
                continue
            text = messages[0]["content"][-1]["text"]
            key = cache_key(t.model, rubric.prompt_version, get["image"][i],
                            get["source_image"][i] if rubric.family == "editing" else None, text)
            request = ChatRequest(messages, response_schema(rubric), schema_name=f"rubric_{rubric.family}")
            pending.append((i, rubric, key, request))

        cached = self.cache.get_many([key for _, _, key, _ in pending]) if self.cache is not None and pending else {}
        misses = [p for p in pending if p[2] not in cached]
        answers = self.backend.complete([p[3] for p in misses]) if misses else []
        self.calls += len(misses)
        fresh: dict[str, dict] = {}
        for (i, rubric, key, _), answer in zip(misses, answers):
            if isinstance(answer, Exception):
                self._unjudged[i] = f"{self.name}: request failed ({' '.join(str(answer).split())[:200]})"
                continue
            try:
                parsed = parse_answer(answer, rubric)
            except ValueError as exc:
                self._unjudged[i] = f"{self.name}: unusable answer ({exc})"
                continue
            fresh[key] = {"scores": parsed.scores, "overall": parsed.overall, "rationale": parsed.rationale}
        if self.cache is not None:
            self.cache.put_many(fresh)

        results = {**cached, **fresh}
        for i, rubric, key, _ in pending:
            result = results.get(key)
            if result is None:
                continue
            columns["overall"][i] = float(result["overall"])
            for criterion, value in result["scores"].items():
                columns[criterion][i] = float(value)
            columns["rationale"][i] = result["rationale"]
            columns["prompt_version"][i] = rubric.prompt_version
            reasons[i] = self._reason(result)
        return columns, reasons

    def _reason(self, result: dict) -> str | None:
        t = self.thresholds
        if result["overall"] < t.min_overall:
            return reject_reason(self.name, "overall", result["overall"], "<", f"{t.min_overall:g}")
        for criterion, minimum in t.min_scores.items():
            value = result["scores"].get(criterion)
            if value is not None and value < minimum:
                return reject_reason(self.name, criterion, value, "<", minimum)
        return None
