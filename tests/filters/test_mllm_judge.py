"""The MLLM judge against a real local HTTP server speaking the OpenAI chat API.

`ChatServer` is a ThreadingHTTPServer on 127.0.0.1 (ephemeral port) whose answers each
test scripts with a `respond(body, call_number)` function; it counts calls and the
most requests it had in flight at once. No HTTP layer is mocked.
"""

from __future__ import annotations

import io
import json
import time

import lance
import pyarrow as pa
import pytest
from PIL import Image

from filters.judge import judge_class
from filters.mllm.judge import MllmJudge, MllmThresholds
from filters.mllm.rubrics import ALL_CRITERIA, RUBRICS, parse_answer, select_rubric
from synthesis.generator import Generator, GeneratorParams
from synthesis.sample import Sample, rows_to_table
from tests.filters.chat_server import ChatServer


def prompt_of(body: dict) -> str:
    return next(p["text"] for p in body["messages"][0]["content"] if p["type"] == "text")


def answer(criteria, score: int, overall: int | None = None, rationale: str = "ok") -> str:
    return json.dumps({"scores": {c: score for c in criteria}, "overall": score if overall is None else overall,
                       "rationale": rationale})


def grade_by_instruction(body: dict, n: int):
    """Scores every criterion the prompt lists: 1 when the instruction says 'bad', else 3."""
    prompt = prompt_of(body)
    criteria = [c for c in ALL_CRITERIA if f"- {c}:" in prompt]
    return 200, answer(criteria, 1 if "bad" in prompt.split("Instruction:")[1].split("\n")[0] else 3)


def png(seed: int, size: int = 24) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), (seed * 40 % 256, 90, 200)).save(buf, format="PNG")
    return buf.getvalue()


def row(seed: int, generator: str = "text_rendering", task: str = "t2i", instruction: str | None = None,
        verdict: str = "unjudged", reason: str | None = None, source: bool = False, image: bool = True,
        cot: str = "") -> dict:
    return Sample(generator=generator, generator_version="1", template="t", task=task, seed=seed,
                  instruction=instruction or f"Write 'HELLO {seed}' on a sign.", cot=cot,
                  image=png(seed) if image else None, width=24, height=24,
                  source_image=png(seed + 100) if source else None, verdict=verdict, reason=reason).to_row("j")


def judge(server: ChatServer, tmp_path, **thresholds) -> MllmJudge:
    settings = {"base_url": server.url, "model": "test-vlm", "cache_path": str(tmp_path / "cache.sqlite"),
                "backoff_s": 0.01, **thresholds}
    return MllmJudge(MllmThresholds(**settings))


def test_registered_and_columns():
    assert judge_class("mllm_judge") is MllmJudge
    columns = MllmJudge.columns()
    assert columns["mllm_judge_overall"] == pa.float32()
    assert all(columns[f"mllm_judge_{c}"] == pa.float32() for c in ALL_CRITERIA)
    assert columns["mllm_judge_rationale"] == columns["mllm_judge_prompt_version"] == pa.string()


def test_scores_and_rejection_reasons(serve, tmp_path):
    server = serve(grade_by_instruction)
    table = rows_to_table([row(1), row(2, instruction="Write 'bad' on a sign.")])
    out = judge(server, tmp_path)(table).to_pylist()
    good, bad = out
    assert good["verdict"] == "unjudged" and good["reason"] is None  # the sink turns this into keep
    assert good["mllm_judge_overall"] == 3.0 and good["mllm_judge_legibility"] == 3.0
    assert good["mllm_judge_prompt_alignment"] == 3.0
    assert good["mllm_judge_content_correct"] is None and good["mllm_judge_quality"] is None  # not in the rubric
    assert good["mllm_judge_prompt_version"] == "text-v1" and good["mllm_judge_rationale"] == "ok"
    assert bad["verdict"] == "reject" and bad["reason"] == "mllm_judge: overall=1 < 2"
    # The request: the image as a PNG data URL, the answer schema as a structured-output constraint.
    body = server.bodies[0]
    assert body["model"] == "test-vlm" and body["temperature"] == 0
    images = [p for p in body["messages"][0]["content"] if p["type"] == "image_url"]
    assert len(images) == 1 and images[0]["image_url"]["url"].startswith("data:image/png;base64,")
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["schema"]["properties"]["scores"]["required"] == ["legibility", "prompt_alignment"]


def test_per_criterion_minimum(serve, tmp_path):
    server = serve(lambda body, n: (200, json.dumps(
        {"scores": {"legibility": 1, "prompt_alignment": 3}, "overall": 2, "rationale": "blurry"})))
    out = judge(server, tmp_path, min_scores={"legibility": 2})(rows_to_table([row(1)])).to_pylist()[0]
    assert out["verdict"] == "reject" and out["reason"] == "mllm_judge: legibility=1 < 2"


@pytest.mark.parametrize("reply, why", [
    ("the image looks fine", "not JSON"),
    (json.dumps({"scores": {"legibility": 3}, "overall": 3, "rationale": ""}), "lacks scores for prompt_alignment"),
    (json.dumps({"scores": {"legibility": 4, "prompt_alignment": 3}, "overall": 3, "rationale": ""}),
     "legibility must be 1, 2 or 3"),
    (json.dumps({"scores": {"legibility": 3, "prompt_alignment": 3, "quality": 3}, "overall": 3,
                 "rationale": ""}), "unknown criteria quality"),
    (json.dumps({"scores": {"legibility": 3, "prompt_alignment": 3}, "overall": "3", "rationale": ""}),
     "overall must be 1, 2 or 3"),
])
def test_malformed_answers_leave_rows_unjudged(serve, tmp_path, reply, why):
    server = serve(lambda body, n: (200, reply))
    j = judge(server, tmp_path)
    out = j(rows_to_table([row(1)])).to_pylist()[0]
    assert out["verdict"] == "unjudged" and out["mllm_judge_overall"] is None
    assert out["reason"].startswith("mllm_judge: unusable answer") and why in out["reason"], out["reason"]
    # Nothing unusable is cached: the next run asks again.
    judge(server, tmp_path)(rows_to_table([row(1)]))
    assert server.calls == 2


def test_fenced_json_is_accepted():
    rubric = RUBRICS["science"]
    parsed = parse_answer('```json\n{"scores": {"content_correct": 2}, "overall": 2, "rationale": "x"}\n```', rubric)
    assert parsed.scores == {"content_correct": 2} and parsed.overall == 2


def test_server_errors_are_retried_with_backoff(serve, tmp_path):
    replies = {1: (500, '{"error": "overloaded"}'), 2: (429, '{"error": "slow down"}')}
    server = serve(lambda body, n: replies.get(n) or grade_by_instruction(body, n))
    started = time.perf_counter()
    out = judge(server, tmp_path, backoff_s=0.2, max_retries=3)(rows_to_table([row(1)])).to_pylist()[0]
    assert server.calls == 3 and out["mllm_judge_overall"] == 3.0 and out["reason"] is None
    # One backoff of 0.2 s (jittered to >= 0.1 s) after the 500; the 429 said Retry-After: 0.
    assert time.perf_counter() - started >= 0.1


def test_client_errors_are_not_retried_and_exhausted_retries_leave_rows_unjudged(serve, tmp_path):
    server = serve(lambda body, n: (400, '{"error": "bad request"}'))
    out = judge(server, tmp_path, max_retries=3)(rows_to_table([row(1)])).to_pylist()[0]
    assert server.calls == 1 and out["verdict"] == "unjudged" and "HTTP 400" in out["reason"]

    failing = serve(lambda body, n: (503, "down"))
    out = judge(failing, tmp_path, max_retries=2)(rows_to_table([row(1)])).to_pylist()[0]
    assert failing.calls == 3 and out["verdict"] == "unjudged"
    assert "gave up after 3 attempts: HTTP 503" in out["reason"]


def test_slow_replies_time_out_and_are_retried(serve, tmp_path):
    def respond(body, n):
        if n == 1:
            time.sleep(1.0)  # past the 0.3 s timeout
        return grade_by_instruction(body, n)

    server = serve(respond)
    out = judge(server, tmp_path, timeout_s=0.3, max_retries=1)(rows_to_table([row(1)])).to_pylist()[0]
    assert server.calls == 2 and out["mllm_judge_overall"] == 3.0

    hung = serve(lambda body, n: (time.sleep(1.0), grade_by_instruction(body, n))[1])
    out = judge(hung, tmp_path, timeout_s=0.2, max_retries=0, cache=False)(rows_to_table([row(2)])).to_pylist()[0]
    assert out["verdict"] == "unjudged" and "timed out" in out["reason"].lower(), out["reason"]


def test_concurrency_is_bounded(serve, tmp_path):
    server = serve(lambda body, n: (time.sleep(0.15), grade_by_instruction(body, n))[1])
    out = judge(server, tmp_path, max_concurrency=3)(rows_to_table([row(s) for s in range(10)]))
    assert server.calls == 10 and server.max_in_flight == 3
    assert out["mllm_judge_overall"].to_pylist() == [3.0] * 10


def test_rerun_is_served_from_the_cache(serve, tmp_path):
    server = serve(grade_by_instruction)
    table = rows_to_table([row(1), row(2, instruction="bad one"), row(3, task="edit", source=True)])
    first = judge(server, tmp_path)(table)
    assert server.calls == 3
    again = judge(server, tmp_path)
    second = again(table)
    assert server.calls == 3 and again.calls == 0  # zero backend calls on the rerun
    assert second.to_pylist() == first.to_pylist()
    # Another model, another source image or another instruction is another question.
    judge(server, tmp_path, model="other-vlm")(rows_to_table([row(1)]))
    judge(server, tmp_path)(rows_to_table([row(1, instruction="Write 'HELLO 9' on a sign.")]))
    changed_source = row(3, task="edit", source=True)
    changed_source["source_image"] = png(77)
    judge(server, tmp_path)(rows_to_table([changed_source]))
    assert server.calls == 6


def test_rubric_selection_per_family(serve, tmp_path):
    server = serve(grade_by_instruction)
    table = rows_to_table([
        row(1),
        row(2, generator="science", cot="Area = 3 * 4 = 12, so label it 12."),
        row(3, task="edit", source=True),
        row(4, task="und"),
        row(5, generator="my.plugin:Gen"),
        row(6, generator="my.plugin:Gen2"),
    ])
    out = judge(server, tmp_path, families={"my.plugin:Gen": "science"})(table).to_pylist()
    assert [r["mllm_judge_prompt_version"] for r in out] == ["text-v1", "science-v1", "editing-v1", None,
                                                              "science-v1", None]
    assert out[1]["mllm_judge_content_correct"] == 3.0 and out[1]["mllm_judge_legibility"] is None
    assert [out[2][f"mllm_judge_{c}"] for c in ("instruction_following", "consistency", "quality")] == [3.0] * 3
    assert out[3]["verdict"] == "unjudged" and out[3]["reason"] == "mllm_judge: no rubric for generator=text_rendering task=und"
    assert out[5]["reason"] == "mllm_judge: no rubric for generator=my.plugin:Gen2 task=t2i"
    prompts = {prompt_of(b).split("Instruction: ")[1].split("\n")[0]: b for b in server.bodies}
    science = prompts[out[1]["instruction"]]
    assert "Reasoning (CoT): Area = 3 * 4 = 12" in prompt_of(science)
    edit = prompts[out[2]["instruction"]]
    assert sum(p["type"] == "image_url" for p in edit["messages"][0]["content"]) == 2  # source, then result
    assert select_rubric("science", "edit") is RUBRICS["editing"]


def test_rows_without_images_rejected_or_errored_rows_are_not_sent(serve, tmp_path):
    server = serve(grade_by_instruction)
    table = rows_to_table([
        row(1, image=False),
        row(2, task="edit"),  # no source image
        row(3, verdict="reject", reason="ocr: cer=0.5 > 0.05"),
        row(4, verdict="error", reason="ValueError: boom"),
    ])
    out = judge(server, tmp_path)(table).to_pylist()
    assert server.calls == 0
    assert out[0]["verdict"] == "unjudged" and out[0]["reason"] == "mllm_judge: no image"
    assert out[1]["reason"] == "mllm_judge: editing rows need source_image and image"
    assert (out[2]["verdict"], out[2]["reason"]) == ("reject", "ocr: cer=0.5 > 0.05")
    assert (out[3]["verdict"], out[3]["reason"]) == ("error", "ValueError: boom")
    judge(server, tmp_path, judge_rejected=True)(table)
    assert server.calls == 1


def test_a_backend_that_cannot_start_leaves_the_batch_unjudged(tmp_path):
    j = MllmJudge(MllmThresholds(backend="vllm", model="/nonexistent/model", cache_path=str(tmp_path / "c.db")))
    out = j(rows_to_table([row(1), row(2)])).to_pylist()
    assert {r["verdict"] for r in out} == {"unjudged"}
    assert all(r["reason"].startswith("mllm_judge: failed (") for r in out), out[0]["reason"]


def test_threshold_errors_name_the_problem():
    with pytest.raises(ValueError, match="needs base_url"):
        MllmThresholds(model="m")
    with pytest.raises(ValueError, match="unknown criteria sharpness"):
        MllmThresholds(model="m", base_url="http://x", min_scores={"sharpness": 2})
    with pytest.raises(ValueError, match="allowed: text, science"):
        MllmThresholds(model="m", base_url="http://x", families={"g": "poetry"})
    with pytest.raises(ValueError, match="engine_args are vLLM engine arguments: only for backend 'vllm'"):
        MllmThresholds(model="m", base_url="http://x", engine_args={"dtype": "float32"})
    with pytest.raises(ValueError, match="engine_args may not set max_model_len, model: use the judge's own"):
        MllmThresholds(model="m", backend="vllm", engine_args={"model": "x", "max_model_len": 4, "dtype": "bf16"})
    assert MllmThresholds(model="m", backend="vllm", engine_args={"dtype": "float32"}).engine_args == {
        "dtype": "float32"}


# --- as a pipeline stage --------------------------------------------------------------

TILES = "tests.filters.test_mllm_judge:TileGenerator"


class TileGenerator(Generator):
    """A coloured tile per seed; every third seed's instruction says 'bad'."""
    name = TILES
    version = "1.0.0"
    Params = GeneratorParams

    def __call__(self, seed: int, params: GeneratorParams) -> Sample:
        word = "bad" if seed % 3 == 0 else "fine"
        return Sample(generator=self.name, generator_version=self.version, template="tile", task="t2i",
                      seed=seed, instruction=f"Draw a {word} tile {seed}.", image=png(seed), width=24, height=24)


@pytest.mark.slow  # Ray actors start: ~15-25 s on the shared 2-core machine
def test_pipeline_run_with_the_judge(ray_local, serve, tmp_path):
    from pipelines.runner import run_job
    from pipelines.spec import validate_spec

    server = serve(grade_by_instruction)
    spec = validate_spec({
        "job": "mj", "num_samples": 6, "output": str(tmp_path / "mj.lance"), "batch_size": 3, "commit_every": 6,
        "generators": [{"name": TILES}],
        "filters": [{"name": "mllm_judge", "thresholds": {
            "base_url": server.url, "model": "test-vlm", "families": {TILES: "text"},
            "cache_path": str(tmp_path / "cache.sqlite"), "max_concurrency": 2}}],
    })
    result = run_job(spec)
    rows = lance.dataset(spec.output).to_table(
        columns=["seed", "verdict", "reason", "mllm_judge_overall", "mllm_judge_prompt_version"]).to_pylist()
    assert result.written == 6 == len(rows) and server.calls == 6
    for r in rows:
        if r["seed"] % 3 == 0:
            assert r["verdict"] == "reject" and r["reason"] == "mllm_judge: overall=1 < 2"
        else:
            assert r["verdict"] == "keep" and r["mllm_judge_overall"] == 3.0
        assert r["mllm_judge_prompt_version"] == "text-v1"
    assert result.funnel.rejected_by_filter["mllm_judge"] == 2
