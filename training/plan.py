"""The data plan: which rows every step of every worker trains on, decided up front.

Ray Data cannot resume a stream mid-epoch, so position is ours to keep. Per view, rows
(found with the view's filter pushed down) are grouped into aspect-ratio buckets from
their width/height columns, shuffled within buckets and cut into batches whose targets
share one latent size; batch order is shuffled per epoch. Each step picks a view by
weight with a seeded RNG — the same on every worker — and worker r of W takes the view's
next batch with global index (uses·W + r). The ledger (steps and samples consumed per
view) therefore pins the position exactly: a resumed run neither repeats nor skips a
sample, and the same seed gives the same sequence on any cluster of the same width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from training.config import ImageSettings
from training.views import View


def bucket_sizes(settings: ImageSettings) -> list[tuple[int, int]]:
    """(width, height) buckets: aspect ratios from min to max × pixel areas min_px²..max_px²."""
    m = settings.multiple
    aspects = {round(float(a), 3) for a in np.geomspace(settings.min_aspect, settings.max_aspect, 9)}
    if settings.min_aspect <= 1 <= settings.max_aspect:
        aspects.add(1.0)
    sides = sorted({settings.min_px, (settings.min_px + settings.max_px) // 2, settings.max_px})
    out = set()
    for side in sides:
        for a in aspects:
            w = max(m, m * round(side * math.sqrt(a) / m))
            h = max(m, m * round(side / math.sqrt(a) / m))
            out.add((w, h))
    return sorted(out)


def bucket_of(width: int, height: int, buckets: list[tuple[int, int]]) -> tuple[int, int]:
    """The bucket closest in log-aspect, then in area, to a width × height image."""
    aspect, area = math.log(max(width, 1) / max(height, 1)), math.log(max(width * height, 1))
    return min(buckets, key=lambda b: (round(abs(math.log(b[0] / b[1]) - aspect), 3), abs(math.log(b[0] * b[1]) - area)))


@dataclass
class ViewRows:
    view: View
    row_ids: np.ndarray
    buckets: list[tuple[int, int]]  # per row

    @classmethod
    def scan(cls, view: View, settings: ImageSettings) -> ViewRows:
        table = view.dataset().scanner(columns=["width", "height"], filter=view.where or None,
                                       with_row_id=True).to_table()
        sizes = bucket_sizes(settings)
        widths, heights = table["width"].to_numpy(zero_copy_only=False), table["height"].to_numpy(zero_copy_only=False)
        return cls(view, table["_rowid"].to_numpy().astype(np.int64),
                   [bucket_of(int(w or 1), int(h or 1), sizes) for w, h in zip(widths, heights)])


@dataclass
class PlannedBatch:
    view: str
    bucket: tuple[int, int]
    row_ids: list[int]


@dataclass
class Plan:
    views: list[ViewRows]
    batch_size: int
    world_size: int
    seed: int
    _epochs: dict[int, list[list[PlannedBatch]]] = field(default_factory=dict)

    def weights(self) -> np.ndarray:
        w = np.array([v.view.weight for v in self.views], float)
        return w / w.sum()

    def view_choices(self, steps: int) -> np.ndarray:
        """The view index of each step 0..steps-1 (identical on every worker)."""
        # inverse-CDF draws one uniform per step, so the first k choices never depend on `steps`
        u = np.random.default_rng([self.seed, 7]).random(steps)
        return np.minimum(np.searchsorted(np.cumsum(self.weights()), u, side="right"), len(self.views) - 1)

    def _epoch(self, v: int, epoch: int) -> list[PlannedBatch]:
        cache = self._epochs.setdefault(v, [])
        while len(cache) <= epoch:
            e = len(cache)
            rows = self.views[v]
            rng = np.random.default_rng([self.seed, v, e])
            groups: dict[tuple[int, int], list[int]] = {}
            for rid, b in zip(rows.row_ids.tolist(), rows.buckets):
                groups.setdefault(b, []).append(rid)
            batches = []
            for b in sorted(groups):
                ids = [groups[b][i] for i in rng.permutation(len(groups[b]))]
                batches += [PlannedBatch(rows.view.name, b, ids[i:i + self.batch_size])
                            for i in range(0, len(ids), self.batch_size)]
            cache.append([batches[i] for i in rng.permutation(len(batches))])
        return cache[epoch]

    def batch(self, v: int, index: int) -> PlannedBatch:
        """The view's index-th batch over its epochs (epochs are reshuffled, never reused)."""
        per_epoch = len(self._epoch(v, 0))
        if per_epoch == 0:
            raise ValueError(f"view {self.views[v].view.name!r} has no rows")
        return self._epoch(v, index // per_epoch)[index % per_epoch]

    def worker_batches(self, rank: int, start_step: int, steps: int) -> list[tuple[int, PlannedBatch]]:
        """(step, batch) for worker `rank`, steps start_step..steps-1."""
        choices = self.view_choices(steps)
        uses = np.zeros(len(self.views), int)
        out = []
        for step, v in enumerate(choices.tolist()):
            if step >= start_step:
                out.append((step, self.batch(v, uses[v] * self.world_size + rank)))
            uses[v] += 1
        return out

    def ledger(self, step: int) -> dict[str, dict[str, int]]:
        """Steps and samples (all workers) consumed per view before `step`."""
        out = {v.view.name: {"steps": 0, "samples": 0} for v in self.views}
        uses = np.zeros(len(self.views), int)
        for v in self.view_choices(step).tolist():
            name = self.views[v].view.name
            out[name]["steps"] += 1
            out[name]["samples"] += sum(len(self.batch(v, uses[v] * self.world_size + r).row_ids)
                                        for r in range(self.world_size))
            uses[v] += 1
        return out
