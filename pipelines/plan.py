"""Which (generator, seed) pairs a job is made of, and which of them are still to do.

Sample i of a job has seed `spec.seed + i`; its generator is drawn by mixture weight
from a random stream keyed by (spec.seed, i // BLOCK), so the plan of the first n
samples does not change when `num_samples` grows: a finished job extended to more
samples keeps every sample it has and adds new ones.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from pipelines.spec import JobSpec

BLOCK = 4096
# Seed blocks are what Ray Data schedules: one generate task per block, and nothing of a
# block flows downstream before the whole block is done. One batch per block streams
# best; the cap keeps a huge job from putting millions of tiny objects in the store.
MAX_BLOCKS = 10_000


def generator_choice(spec: JobSpec) -> np.ndarray:
    """Index into `spec.generators` for each of the job's samples."""
    weights = np.array([g.weight for g in spec.generators], dtype=np.float64)
    cdf = np.cumsum(weights / weights.sum())
    cdf[-1] = 1.0
    choice = np.empty(spec.num_samples, dtype=np.int16)
    for start in range(0, spec.num_samples, BLOCK):
        stop = min(start + BLOCK, spec.num_samples)
        u = np.random.default_rng([spec.seed, start // BLOCK]).random(BLOCK)[: stop - start]
        choice[start:stop] = np.searchsorted(cdf, u, side="right")
    return choice


def todo_blocks(spec: JobSpec, done_seeds: np.ndarray, min_rows_per_block: int,
                max_blocks: int = MAX_BLOCKS) -> list[pa.Table]:
    """The samples not yet committed, as Arrow tables (generator, seed): blocks of
    `min_rows_per_block` rows, larger when that would make more than `max_blocks`."""
    seeds = spec.seed + np.arange(spec.num_samples, dtype=np.int64)
    choice = generator_choice(spec)
    todo = ~np.isin(seeds, done_seeds, assume_unique=False)
    seeds, choice = seeds[todo], choice[todo]
    names = pa.array([g.name for g in spec.generators], pa.string())
    rows_per_block = max(min_rows_per_block, -(-len(seeds) // max_blocks))
    blocks = []
    for start in range(0, len(seeds), rows_per_block):
        stop = start + rows_per_block
        blocks.append(pa.table({
            "generator": names.take(pa.array(choice[start:stop])),
            "seed": pa.array(seeds[start:stop], pa.int64()),
        }))
    return blocks
