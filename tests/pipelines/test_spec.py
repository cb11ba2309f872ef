"""Spec validation: every bad spec is refused with one line per problem naming the field
path, the bad value and what is allowed; `unisynth validate` exits 2."""

from __future__ import annotations

import copy

import pytest
import yaml

from pipelines.cli import main
from pipelines.spec import JobSpec, SpecError, load_spec, validate_spec

FLAKY = "tests.plugins:FlakyGenerator"

GOOD = {
    "job": "t",
    "seed": 7,
    "num_samples": 10,
    "output": "/tmp/unused.lance",
    "generators": [{"name": FLAKY, "weight": 2, "params": {"size": 16}}],
    "filters": [{"name": "image_sanity", "thresholds": {"min_std": 1.0}}],
}


def with_change(path: str, value):
    """GOOD with one key changed: path like 'generators.0.params.size'."""
    spec = copy.deepcopy(GOOD)
    node = spec
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    for p in parents:
        node = node[p]
    node[last] = value
    return spec


def without(key: str):
    spec = copy.deepcopy(GOOD)
    del spec[key]
    return spec


BAD_SPECS = [
    # (spec, substrings every one of which must appear in one error line)
    (with_change("num_samples", 0), ["num_samples", "greater than 0", "got 0"]),
    (with_change("num_samples", "many"), ["num_samples", "valid integer", "'many'"]),
    (with_change("seed", -1), ["seed", "greater than or equal to 0", "got -1"]),
    (without("output"), ["output", "required field is missing"]),
    (without("generators"), ["generators", "required field is missing"]),
    (with_change("generators", []), ["generators", "at least 1 item", "got []"]),
    ({**GOOD, "num_sampels": 5}, ["num_sampels", "unknown key", "allowed keys:", "num_samples"]),
    (with_change("generators.0.name", "nope"), ["generators[0].name", "unknown generator 'nope'", "text_rendering"]),
    (with_change("generators.0.weight", -2), ["generators[0].weight", "greater than 0", "got -2"]),
    (with_change("generators.0.params", {"size": 4}), ["generators[0].params.size", "greater than or equal to 8", "got 4"]),
    (with_change("generators.0.params", {"colour": "red"}), ["generators[0].params.colour", "unknown key", "size"]),
    (with_change("filters.0.name", "ocrr"), ["filters[0].name", "unknown filter 'ocrr'", "image_sanity"]),
    (with_change("filters.0.thresholds", {"min_std": -1}), ["filters[0].thresholds.min_std", "greater than or equal to 0"]),
    (with_change("filters.0.thresholds", {"max_std": 3}), ["filters[0].thresholds.max_std", "unknown key", "min_std"]),
    (with_change("job", "bad name!"), ["job", "letters, digits", "'bad name!'"]),
    (with_change("commit_every", 0), ["commit_every", "greater than or equal to 1"]),
    ({**GOOD, "resources": {"generate": {"num_cpus": 0}}}, ["resources.generate.num_cpus", "greater than 0"]),
    ({**GOOD, "resources": {"generate": {"max_actors": 0}}}, ["resources.generate.max_actors", "'auto'"]),
    ({**GOOD, "resources": {"judge": {}}}, ["resources.judge", "unknown key", "generate, rewrite, write"]),
    ({**GOOD, "error_budget": {"max_error_fraction": 1.5}}, ["error_budget.max_error_fraction", "less than or equal to 1"]),
    (with_change("generators", GOOD["generators"] * 2), ["generators", "listed twice"]),
    (with_change("generators.0.name", "os:path"), ["generators[0].name", "not a Generator subclass"]),
]


@pytest.mark.parametrize("spec,expected", BAD_SPECS, ids=[e[0] for _, e in BAD_SPECS])
def test_bad_spec_is_refused_with_a_precise_line(spec, expected):
    with pytest.raises(SpecError) as info:
        validate_spec(spec)
    lines = info.value.problems
    assert any(all(s in line for s in expected) for line in lines), lines
    assert all("\n" not in line for line in lines)


def test_every_problem_is_reported_at_once():
    spec = {**with_change("num_samples", -3), "bogus": 1}
    with pytest.raises(SpecError) as info:
        validate_spec(spec)
    assert len(info.value.problems) == 2


def test_good_spec_validates_and_params_are_typed():
    spec = validate_spec(GOOD)
    assert isinstance(spec, JobSpec)
    assert spec.generator_params(FLAKY).size == 16
    assert spec.filter_thresholds("image_sanity").min_std == 1.0


def test_fingerprint_ignores_size_and_resources_but_not_content():
    base = validate_spec(GOOD)
    assert validate_spec({**GOOD, "num_samples": 99, "commit_every": 3}).fingerprint() == base.fingerprint()
    assert validate_spec({**GOOD, "seed": 8}).fingerprint() != base.fingerprint()
    assert validate_spec(with_change("generators.0.params", {"size": 17})).fingerprint() != base.fingerprint()


def test_yaml_errors_and_missing_file(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("job: x\n  num_samples: [1\n")
    with pytest.raises(SpecError) as info:
        load_spec(broken)
    assert "invalid YAML: line" in info.value.problems[0]
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path / "absent.yaml")
    assert "spec file not found" in info.value.problems[0]
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("42\n")
    with pytest.raises(SpecError) as info:
        load_spec(scalar)
    assert "must be a mapping" in info.value.problems[0]


def test_cli_validate_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(GOOD))
    assert main(["validate", str(good)]) == 0
    assert "ok" in capsys.readouterr().out

    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({**GOOD, "num_samples": 0, "extra": True}))
    assert main(["validate", str(bad)]) == 2
    stderr = capsys.readouterr().err
    assert "num_samples" in stderr and "extra: unknown key" in stderr
    assert "Traceback" not in stderr


def test_overrides_are_validated_too(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(GOOD))
    assert load_spec(good, num_samples=3, output=None).num_samples == 3
    with pytest.raises(SpecError) as info:
        load_spec(good, num_samples=-1)
    assert "num_samples" in info.value.problems[0]
