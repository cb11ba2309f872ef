"""The callables that Ray Data runs in actor pools: generate and judge.

Each is constructed once per actor (generator fonts and judge models load once) and
called on Arrow batches. They hold no Ray code, so they run and test without Ray too.
"""

from __future__ import annotations

import pyarrow as pa

from filters.judge import judge_class
from pipelines.spec import JobSpec
from synthesis.generator import generator_class
from synthesis.sample import SAMPLE_SCHEMA, Sample, rows_to_table


class GenerateStage:
    def __init__(self, spec_json: str):
        spec = JobSpec.model_validate_json(spec_json)
        self.job = spec.job
        self.generators = {
            g.name: (generator_class(g.name)(), spec.generator_params(g.name)) for g in spec.generators
        }

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = []
        for name, seed in zip(batch["generator"].to_pylist(), batch["seed"].to_pylist()):
            rows.append(self.generate_one(name, seed).to_row(self.job))
        return rows_to_table(rows, SAMPLE_SCHEMA)

    def generate_one(self, name: str, seed: int) -> Sample:
        generator, params = self.generators[name]
        try:
            sample = generator(seed, params)
            if (sample.generator, sample.seed) != (name, seed):
                # The id is built from these: a mismatch would collide with another sample.
                raise ValueError(f"generator returned generator={sample.generator!r} seed={sample.seed} for seed {seed}")
            return sample
        except Exception as exc:  # one bad seed is an error row; the job goes on
            return Sample.error(generator=name, generator_version=generator.version, seed=seed, exc=exc)


class JudgeStage:
    def __init__(self, spec_json: str, name: str):
        spec = JobSpec.model_validate_json(spec_json)
        self.judge = judge_class(name)(spec.filter_thresholds(name))
        # A judge that remembers rows across batches (dedup) starts from the rows this
        # job has already committed, so that a resumed job judges like an unbroken one.
        self.judge.load_committed(spec.output)

    def __call__(self, batch: pa.Table) -> pa.Table:
        return self.judge(batch)
