"""The instruction rewriter against a real local OpenAI-style server (ChatServer from
tests/filters/chat_server.py): rewrites that keep every quoted text, number, unit and colour are
used, the others discarded for the template."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from filters.mllm.backends import OpenAICompatibleBackend
from filters.mllm.cache import ResultCache
from filters.mllm.rewriter import (
    REWRITE_COLUMNS,
    RewriteSettings,
    RewriteStage,
    preservation_problem,
    protected_values,
    rewrite_batch,
)
from synthesis.sample import Sample, rows_to_table

INSTRUCTION = 'Make a poster that says “SUMMER SALE” with 25% off in red (#e53935), 600×800 px.'
COT = "1. The headline “SUMMER SALE” is 48 pt. 2. The badge reads 25%."


def sample(seed: int, instruction: str = INSTRUCTION, cot: str = COT, verdict: str = "unjudged") -> dict:
    return Sample(generator="text_rendering", generator_version="1", template="poster", task="t2i", seed=seed,
                  instruction=instruction, cot=cot, image=b"", width=1, height=1, verdict=verdict).to_row("j")


def rewriter_reply(rewrites: dict):
    """A server that answers each request with the fields it was asked for, from `rewrites`."""
    def respond(body, n):
        asked = body["response_format"]["json_schema"]["schema"]["required"]
        return 200, json.dumps({f: rewrites[f] for f in asked}, ensure_ascii=False)
    return respond


def backend(server, **kw) -> OpenAICompatibleBackend:
    return OpenAICompatibleBackend(server.url, "rw-model", backoff_s=0.01, **kw)


def test_protected_values():
    assert protected_values(INSTRUCTION) == ["SUMMER SALE", "25%", "#e53935", "600", "800 px"]
    assert protected_values("Label 「出口」 and 'EXIT', don't move it") == ["出口", "EXIT"]
    assert preservation_problem(INSTRUCTION, "A red #E53935 poster, “SUMMER SALE”, 25% off, 600×800 px.") is None
    assert preservation_problem(INSTRUCTION, "Poster “SUMMER SALE”, 30% off, #e53935, 600×800 px.") == "lost '25%'"
    assert preservation_problem(INSTRUCTION, "Poster “Summer Sale” 25% #e53935 600×800 px") == "lost 'SUMMER SALE'"
    assert preservation_problem("Draw 3 cats.", "Draw 3 cats and 2 dogs.") == "added ['2']"


def test_rewrites_that_keep_values_replace_the_template(serve):
    new_instruction = "Could you design a poster reading “SUMMER SALE”, 25% off, red (#e53935), 600×800 px?"
    new_cot = "1. Headline “SUMMER SALE”, set at 48 pt. 2. Badge: 25%."
    zh = "请设计一张写着“SUMMER SALE”的海报，优惠 25%，红色 (#e53935)，600×800 px。"
    server = serve(rewriter_reply({"instruction": new_instruction, "cot": new_cot, "instruction_zh": zh}))
    out = rewrite_batch(rows_to_table([sample(1)]), backend(server), translate_zh=True).to_pylist()[0]
    assert (out["instruction"], out["cot"], out["instruction_zh"]) == (new_instruction, new_cot, zh)
    assert out["rewrite_status"] == "rewritten" and out["rewrite_note"] is None
    assert out["rewrite_instruction_template"] == INSTRUCTION and out["rewrite_cot_template"] == COT
    prompt = server.bodies[0]["messages"][0]["content"]
    assert '["SUMMER SALE", "25%", "#e53935", "600", "800 px", "1", "48 pt", "2"]' in prompt


def test_rewrites_that_change_values_keep_the_template(serve):
    server = serve(rewriter_reply({
        "instruction": "A poster saying “SUMMER SALE” at 30% off in red (#e53935), 600×800 px.",  # 25% -> 30%
        "cot": "1. Headline “SUMMER SALE” at 48 pt. 2. The badge reads 25%.",
    }))
    out = rewrite_batch(rows_to_table([sample(1)]), backend(server)).to_pylist()[0]
    assert out["instruction"] == INSTRUCTION  # discarded
    assert out["cot"] == "1. Headline “SUMMER SALE” at 48 pt. 2. The badge reads 25%."  # this one was fine
    assert out["rewrite_status"] == "kept_template" and out["rewrite_note"] == "instruction: lost '25%'"
    assert out["instruction_zh"] is None


def test_failures_and_error_rows(serve):
    server = serve(lambda body, n: (200, "Sure! Here is a nicer version: ..."))
    table = rows_to_table([sample(1), sample(2, verdict="error")])
    out = rewrite_batch(table, backend(server)).to_pylist()
    assert out[0]["rewrite_status"] == "failed" and "not JSON" in out[0]["rewrite_note"]
    assert out[0]["instruction"] == INSTRUCTION
    assert out[1]["rewrite_status"] is None and server.calls == 1  # error rows are not sent

    down = serve(lambda body, n: (503, "down"))
    out = rewrite_batch(rows_to_table([sample(1)]), backend(down, max_retries=1)).to_pylist()[0]
    assert out["rewrite_status"] == "failed" and "HTTP 503" in out["rewrite_note"] and down.calls == 2


def test_cached_rewrites_cost_no_calls(serve, tmp_path):
    server = serve(rewriter_reply({"instruction": "Poster: “SUMMER SALE”, 25% off, #e53935, 600×800 px.",
                                   "cot": COT}))
    cache = ResultCache(tmp_path / "rw.sqlite")
    first = rewrite_batch(rows_to_table([sample(1), sample(2)]), backend(server), cache=cache)
    assert server.calls == 2  # identical prompts in one batch are both sent
    calls = server.calls
    second = rewrite_batch(rows_to_table([sample(1), sample(2)]), backend(server), cache=ResultCache(tmp_path / "rw.sqlite"))
    assert server.calls == calls and second.to_pylist() == first.to_pylist()


def test_stage_is_off_without_a_model():
    stage = RewriteStage(RewriteSettings().model_dump_json())
    out = stage(rows_to_table([sample(1)]))
    assert out["instruction"].to_pylist() == [INSTRUCTION]
    assert all(out[name].type == dtype and out[name].null_count == 1 for name, dtype in REWRITE_COLUMNS.items())
    assert isinstance(out, pa.Table)


@pytest.mark.slow  # Ray actors start: ~15-25 s on the shared 2-core machine
def test_pipeline_rewrites_before_the_judges(ray_local, serve, tmp_path):
    """`rewrite:` in a spec adds a stage between generation and the judges; the dataset
    stores the rewritten instruction, the template it came from and the status."""
    import lance

    from pipelines.runner import run_job
    from pipelines.spec import validate_spec
    from tests.filters.test_mllm_judge import TILES

    def respond(body, n):  # rewrites the tile instruction, keeping its number
        prompt = json.dumps(body["messages"], ensure_ascii=False)
        seed = next(int(w) for w in prompt.replace(".", " ").split() if w.isdigit())
        asked = body["response_format"]["json_schema"]["schema"]["required"]
        reply = {"instruction": f"Please paint tile number {seed}.", "cot": "", "instruction_zh": ""}
        return 200, json.dumps({f: reply[f] for f in asked})

    server = serve(respond)
    spec = validate_spec({
        "job": "rw", "num_samples": 4, "output": str(tmp_path / "rw.lance"), "batch_size": 2, "commit_every": 4,
        "generators": [{"name": TILES}],
        "rewrite": {"model": "rw-model", "base_url": server.url, "rewrite_cot": False,
                    "cache_path": str(tmp_path / "rw.sqlite")},
        "filters": [{"name": "image_sanity"}],
    })
    result = run_job(spec)
    rows = lance.dataset(spec.output).to_table(
        columns=["seed", "instruction", "rewrite_status", "rewrite_instruction_template"]).to_pylist()
    assert result.written == 4 == len(rows) and server.calls == 4
    for r in rows:
        assert r["rewrite_status"] == "rewritten", r
        assert r["instruction"] == f"Please paint tile number {r['seed']}."
        assert r["rewrite_instruction_template"].startswith("Draw a ")


def test_rewrite_changes_the_spec_identity_only_when_on():
    from pipelines.spec import validate_spec

    base = {"job": "rw", "num_samples": 4, "output": "/tmp/x.lance", "generators": [{"name": "science"}]}
    off = validate_spec(base)
    assert validate_spec({**base, "rewrite": {}}).fingerprint() == off.fingerprint()  # no model: off
    on = validate_spec({**base, "rewrite": {"model": "m", "base_url": "http://127.0.0.1:1"}})
    assert on.fingerprint() != off.fingerprint() and on.rewriting and not off.rewriting
