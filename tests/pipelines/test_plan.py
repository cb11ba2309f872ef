import numpy as np

from pipelines.plan import generator_choice, todo_blocks
from pipelines.spec import validate_spec

FLAKY = "tests.plugins:FlakyGenerator"
BLANK = "tests.plugins:BlankGenerator"


def spec(n, seed=3, weights=(3, 1)):
    return validate_spec({
        "job": "p", "seed": seed, "num_samples": n, "output": "/tmp/x.lance",
        "generators": [{"name": FLAKY, "weight": weights[0]}, {"name": BLANK, "weight": weights[1]}],
    })


def test_growing_a_job_keeps_the_plan_of_its_first_samples():
    small, large = generator_choice(spec(5000)), generator_choice(spec(12000))
    np.testing.assert_array_equal(small, large[:5000])
    assert not np.array_equal(generator_choice(spec(5000, seed=4)), small)


def test_mixture_follows_weights():
    choice = generator_choice(spec(20000))
    assert abs((choice == 0).mean() - 0.75) < 0.02


def test_todo_skips_committed_seeds_and_bounds_block_size():
    s = spec(100)
    done = np.array([3, 4, 50, 102], dtype=np.int64)  # seeds; spec.seed = 3
    blocks = todo_blocks(s, done, min_rows_per_block=16)
    seeds = np.concatenate([b["seed"].to_numpy() for b in blocks])
    assert len(seeds) == 96 and len(set(seeds)) == 96
    assert not set(done) & set(seeds.tolist())
    assert max(b.num_rows for b in blocks) == 16
    assert max(b.num_rows for b in todo_blocks(s, done, min_rows_per_block=4, max_blocks=3)) == 32
    # the generator of a seed does not depend on what was already done
    full = {s: g for b in todo_blocks(s, np.zeros(0, np.int64), 64) for s, g in zip(b["seed"].to_pylist(), b["generator"].to_pylist())}
    assert all(full[s] == g for b in blocks for s, g in zip(b["seed"].to_pylist(), b["generator"].to_pylist()))
