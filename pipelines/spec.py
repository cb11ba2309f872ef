"""The job spec: YAML validated by pydantic, strict about unknown keys.

`load_spec` returns a `JobSpec` or raises `SpecError` carrying one line per problem
(`field.path: what is wrong (got VALUE); allowed: ...`), so every command can reject a
bad spec before Ray starts. Generator params and filter thresholds are validated
against the generator's / judge's own pydantic model, with their paths prefixed.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Annotated, Any, Callable, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from filters.judge import judge_class
from filters.mllm.rewriter import RewriteSettings
from synthesis.generator import generator_class


class SpecError(ValueError):
    """A spec that cannot run; `problems` holds one human-readable line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StageResources(StrictModel):
    """Resources of one pipeline stage (an actor pool)."""

    num_cpus: float = Field(0.5, gt=0, le=64, description="logical CPUs per actor; fractions are fine")
    num_gpus: float = Field(0, ge=0, le=8)
    min_actors: int = Field(1, ge=1, le=10_000)
    # "auto": as many as the cluster's CPUs allow (see pipelines/resources.py).
    max_actors: int | Literal["auto"] = "auto"

    @field_validator("max_actors")
    @classmethod
    def _positive(cls, value: int | str) -> int | str:
        if isinstance(value, int) and value < 1:
            raise ValueError("must be >= 1 or 'auto'")
        return value


def _registered(lookup: Callable[[str], type]) -> AfterValidator:
    """A name that `lookup` (a registry) resolves; its KeyError text is the message."""

    def check(name: str) -> str:
        try:
            lookup(name)
        except KeyError as err:
            raise ValueError(err.args[0]) from None
        return name

    return AfterValidator(check)


def _unique_names(kind: str) -> AfterValidator:
    def check(items: list) -> list:
        names = [item.name for item in items]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"{kind} listed twice: {', '.join(dupes)}; list each once")
        return items

    return AfterValidator(check)


class GeneratorSpec(StrictModel):
    name: Annotated[str, _registered(generator_class)]
    weight: float = Field(1.0, gt=0)
    params: dict[str, Any] = Field(default_factory=dict)


class FilterSpec(StrictModel):
    name: Annotated[str, _registered(judge_class)]
    thresholds: dict[str, Any] = Field(default_factory=dict)
    resources: StageResources = Field(default_factory=lambda: StageResources(num_cpus=0.25))


class ErrorBudget(StrictModel):
    """When generator errors stop the job. Either limit trips it."""

    max_errors: int | None = Field(None, ge=0)
    # Checked once `min_rows_for_fraction` rows are in, so one early error cannot abort.
    max_error_fraction: float = Field(0.05, ge=0, le=1)
    min_rows_for_fraction: int = Field(100, ge=1)


class Resources(StrictModel):
    generate: StageResources = Field(default_factory=StageResources)
    # The rewriter mostly waits on its model server: a small CPU share per actor.
    rewrite: StageResources = Field(default_factory=lambda: StageResources(num_cpus=0.25))
    write: StageResources = Field(default_factory=lambda: StageResources(num_cpus=0.25))


JOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class JobSpec(StrictModel):
    job: str = Field(description="job name; part of every sample id")
    seed: int = Field(0, ge=0, lt=2**62)
    # The driver plans seeds in memory (9 bytes each): split larger jobs.
    num_samples: int = Field(gt=0, le=100_000_000)
    output: str = Field(description="Lance dataset URI, e.g. ./data/job.lance")
    generators: Annotated[list[GeneratorSpec], Field(min_length=1), _unique_names("generator")]
    filters: Annotated[list[FilterSpec], _unique_names("filter")] = Field(default_factory=list)
    resources: Resources = Field(default_factory=Resources)
    batch_size: int = Field(16, ge=1, le=4096, description="samples per generator call batch")
    commit_every: int = Field(500, ge=1, description="rows per Lance commit")
    compact_every: int = Field(20, ge=1, description="commits between fragment compactions")
    compact_target_rows: int = Field(16384, ge=1, description="rows per fragment after compaction")
    keep_rejected: bool = Field(True, description="false: rejected rows go to the ledger only")
    rewrite: RewriteSettings | None = Field(
        None, description="LLM rewriting of instructions and CoT between generation and the judges; off unless a model is set")
    error_budget: ErrorBudget = Field(default_factory=ErrorBudget)

    @field_validator("job")
    @classmethod
    def _job_name(cls, job: str) -> str:
        if not JOB_NAME.match(job):
            raise ValueError("must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit")
        return job

    def generator_params(self, name: str):
        """The generator's validated Params model instance."""
        spec = next(g for g in self.generators if g.name == name)
        return generator_class(name).Params.model_validate(spec.params)

    def filter_thresholds(self, name: str):
        spec = next(f for f in self.filters if f.name == name)
        return judge_class(name).Thresholds.model_validate(spec.thresholds)

    def identity(self) -> dict[str, Any]:
        """What decides the samples: a dataset may only be resumed by a spec with the
        same identity. `num_samples`, resources and commit settings may change."""
        keep = ("job", "seed", "generators", "filters", "keep_rejected")
        data = self.model_dump(mode="json", include=set(keep))
        for f in data.get("filters", []):
            f.pop("resources", None)
        if self.rewriting:  # only when on, so specs without it keep their old identity
            data["rewrite"] = self.rewrite.model_dump(
                mode="json", include={"model", "backend", "rewrite_cot", "translate_zh", "temperature"})
        return data

    @property
    def rewriting(self) -> bool:
        return self.rewrite is not None and self.rewrite.enabled

    def fingerprint(self) -> str:
        blob = json.dumps(self.identity(), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


# ---------------------------------------------------------------------------
# Error formatting: pydantic's errors → one line per problem.


def _path(loc: tuple[Any, ...], prefix: str = "") -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model that `loc` (minus its last part) points into."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        # unwrap list[Model] / Model | None
        for arg in getattr(annotation, "__args__", ()) or ():
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                annotation = arg
        current = annotation
    return sorted(getattr(current, "model_fields", {}))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def format_validation_error(
    err: ValidationError, model: type[BaseModel], prefix: str = ""
) -> list[str]:
    lines = []
    for e in err.errors():
        loc = tuple(e["loc"])
        path = _path(loc, prefix)
        if e["type"] == "extra_forbidden":
            allowed = _allowed_keys(model, loc)
            lines.append(f"{path}: unknown key; allowed keys: {', '.join(allowed)}")
        elif e["type"] == "missing":
            lines.append(f"{path}: required field is missing")
        else:
            msg = e["msg"].removeprefix("Value error, ")
            lines.append(f"{path}: {msg} (got {_short(e.get('input'))})")
    return lines


def validate_spec(data: Any) -> JobSpec:
    """Validate parsed YAML into a JobSpec, or raise SpecError with every problem."""
    if not isinstance(data, dict):
        raise SpecError([f"(top level): the spec must be a mapping of keys (got {type(data).__name__})"])
    try:
        spec = JobSpec.model_validate(data)
    except ValidationError as err:
        raise SpecError(format_validation_error(err, JobSpec)) from None

    problems: list[str] = []
    for i, g in enumerate(spec.generators):
        params_model = generator_class(g.name).Params
        try:
            params_model.model_validate(g.params)
        except ValidationError as err:
            problems += format_validation_error(err, params_model, f"generators[{i}].params")
    for i, f in enumerate(spec.filters):
        thresholds_model = judge_class(f.name).Thresholds
        try:
            thresholds_model.model_validate(f.thresholds)
        except ValidationError as err:
            problems += format_validation_error(err, thresholds_model, f"filters[{i}].thresholds")
        # A judge that keeps one index of every row (dedup) must run as a single actor.
        if judge_class(f.name).single_actor and f.resources.max_actors != 1:
            problems.append(
                f"filters[{i}].resources.max_actors: {f.name} must see every row in one actor "
                f"(got {f.resources.max_actors!r}); set resources: {{max_actors: 1}}"
            )
    if problems:
        raise SpecError(problems)
    return spec


def load_spec(path: str | Path, **overrides: Any) -> JobSpec:
    """Read and validate a YAML spec; `overrides` (e.g. output, num_samples) replace keys."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError([f"{path}: spec file not found"]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise SpecError([f"{path}: cannot read spec ({err.__class__.__name__}: {err})"]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise SpecError([f"{path}: invalid YAML: {where}{problem}"]) from None
    if isinstance(data, dict):
        data = {**data, **{k: v for k, v in overrides.items() if v is not None}}
    return validate_spec(data)
