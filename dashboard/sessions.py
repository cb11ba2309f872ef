"""Audit sessions: N samples for one reviewer, drawn at random within strata
(generator x score bucket) so that rare generators and the tails of a score get looked
at, not only the bulk.

Allocation is equal across strata (water-filling: a stratum smaller than its share gives
all it has and the rest is shared among the others); score buckets are quantile buckets
of the chosen score over the rows that match the session's filter, plus one for rows
without that score. The draw is deterministic from the session's seed.

Sessions are stored in `<stem>.audit_sessions.lance` next to the dataset (append-only,
like the audits: one row per session), so they survive restarts and other dashboards on
the same dataset see them. Progress is read from the audits table (labels carrying the
session id), so it is exact whoever wrote them.
"""

from __future__ import annotations

import itertools
import json
import secrets
from datetime import UTC, datetime
from typing import Any

import lance
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict, Field

from dashboard import sql
from dashboard.catalog import ServedDataset
from dashboard.errors import BadRequest, NotFound
from dashboard.grid import GridQuery
from dashboard.labelling import LABEL_TO_WORD, check_auditor
from pipelines.audits import audit_rows, ensure_table
from pipelines.sink import dataset_exists

MAX_SIZE = 2000
NO_SCORE = "no score"
SESSION_SCHEMA = pa.schema([
    pa.field("session_id", pa.string(), nullable=False),
    pa.field("auditor", pa.string(), nullable=False),
    pa.field("created_at", pa.timestamp("us", tz="UTC"), nullable=False),
    pa.field("seed", pa.int64(), nullable=False),
    pa.field("score_column", pa.string()),
    pa.field("buckets", pa.int32(), nullable=False),
    pa.field("query", pa.string()),  # the grid filter's parameters, JSON
    pa.field("requested", pa.int32(), nullable=False),
    pa.field("strata", pa.string()),  # JSON: generator, bucket, range, population, drawn
    pa.field("sample_ids", pa.list_(pa.string()), nullable=False),
    pa.field("rows", pa.list_(pa.uint64()), nullable=False),  # row id hints, as drawn
])


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    auditor: str = Field(min_length=1, max_length=64)
    size: int = Field(ge=1, le=MAX_SIZE)
    score_column: str | None = Field(None, max_length=200)
    buckets: int = Field(4, ge=1, le=10)
    seed: int | None = Field(None, ge=0, le=2**62)
    exclude_labelled: bool = True


def sessions_uri(samples_uri: str) -> str:
    stem = samples_uri.removesuffix(".lance")
    return f"{stem}.audit_sessions.lance"


def allocate(sizes: list[int], n: int, rng: np.random.Generator | None = None) -> list[int]:
    """Equal shares of `n` over strata of `sizes` (water-filling), summing to min(n, sum).
    When fewer units are left than strata can take them, they go to strata chosen at
    random (`rng`; the first ones without it)."""
    take = [0] * len(sizes)
    left = min(n, sum(sizes))
    open_ = [i for i, size in enumerate(sizes) if size > 0]
    while left > 0:
        share = left // len(open_)
        if share == 0:
            chosen = rng.choice(open_, size=left, replace=False).tolist() if rng is not None else open_[:left]
            for i in chosen:
                take[i] += 1
            break
        for i in open_:
            add = min(share, sizes[i] - take[i])
            take[i] += add
            left -= add
        open_ = [i for i in open_ if take[i] < sizes[i]]
    return take


def _buckets(values: np.ndarray, count: int) -> tuple[np.ndarray, list[str]]:
    """Bucket index per value (quantile edges; -1 for missing) and each bucket's name."""
    finite = np.isfinite(values)
    index = np.full(values.shape, -1, dtype=np.int64)
    if not finite.any():
        return index, []
    edges = np.unique(np.quantile(values[finite], np.linspace(0, 1, count + 1)))
    if len(edges) == 1:
        index[finite] = 0
        return index, [f"= {edges[0]:.4g}"]
    index[finite] = np.clip(np.searchsorted(edges, values[finite], side="right") - 1, 0, len(edges) - 2)
    names = [f"[{lo:.4g}, {hi:.4g}{']' if i == len(edges) - 2 else ')'}"
             for i, (lo, hi) in enumerate(itertools.pairwise(edges))]
    return index, names


class SessionStore:
    def create(self, served: ServedDataset, request: SessionIn, query: GridQuery) -> dict[str, Any]:
        auditor = check_auditor(request.auditor)
        if request.score_column is not None and request.score_column not in served.numeric_columns():
            raise BadRequest(f"score_column: {request.score_column[:60]!r} is not a numeric score column; allowed: "
                             f"{', '.join(served.numeric_columns()) or 'none'}")
        seed = request.seed if request.seed is not None else secrets.randbits(62)
        columns = ["id", "generator"] + ([request.score_column] if request.score_column else [])
        table = served.dataset.scanner(columns=columns, filter=query.where(), with_row_id=True).to_table()
        if request.exclude_labelled and table.num_rows:
            done = audit_rows(served.uri, f"auditor = {sql.quote(auditor)}")["sample_id"].to_pylist()
            if done:
                table = table.filter(pc.invert(pc.is_in(table["id"], pa.array(sorted(set(done))))))
        if not table.num_rows:
            raise BadRequest("no samples match this session's filter (or you have labelled them all)")

        generators = np.asarray(table["generator"].to_pylist(), dtype=object)
        if request.score_column:
            values = pc.fill_null(pc.cast(table[request.score_column], pa.float64()), np.nan)
            bucket, bucket_names = _buckets(values.to_numpy(zero_copy_only=False), request.buckets)
        else:
            bucket, bucket_names = np.zeros(table.num_rows, dtype=np.int64), ["all"]
        strata: dict[tuple[str, int], np.ndarray] = {}
        keys = sorted(set(zip(generators.tolist(), bucket.tolist())), key=lambda k: (k[0], k[1]))
        for g, b in keys:
            strata[(g, b)] = np.flatnonzero((generators == g) & (bucket == b))
        rng = np.random.default_rng(seed)
        counts = allocate([len(v) for v in strata.values()], request.size, rng)
        chosen, described = [], []
        for ((g, b), members), n in zip(strata.items(), counts):
            picked = rng.choice(members, size=n, replace=False) if n else np.array([], dtype=np.int64)
            chosen.extend(picked.tolist())
            described.append({"generator": g, "bucket": bucket_names[b] if b >= 0 else NO_SCORE,
                              "population": len(members), "drawn": int(n)})
        chosen = rng.permutation(np.asarray(chosen, dtype=np.int64)).tolist()  # strata interleaved
        ids, rows = table["id"].to_pylist(), table["_rowid"].to_pylist()
        record = {
            "session_id": secrets.token_hex(6), "auditor": auditor, "created_at": datetime.now(UTC), "seed": seed,
            "score_column": request.score_column, "buckets": request.buckets,
            "query": json.dumps(query.as_params(), sort_keys=True), "requested": request.size,
            "strata": json.dumps(described), "sample_ids": [ids[i] for i in chosen], "rows": [rows[i] for i in chosen],
        }
        target = sessions_uri(served.uri)
        ensure_table(target, SESSION_SCHEMA)  # created empty once; appends never race a creation
        lance.write_dataset(pa.Table.from_pylist([record], schema=SESSION_SCHEMA), target, schema=SESSION_SCHEMA,
                            mode="append")
        return self.get(served, record["session_id"])

    def _records(self, served: ServedDataset, where: str | None = None) -> list[dict[str, Any]]:
        target = sessions_uri(served.uri)
        if not dataset_exists(target):
            return []
        return lance.dataset(target).to_table(filter=where).to_pylist()

    def list(self, served: ServedDataset) -> list[dict[str, Any]]:
        records = sorted(self._records(served), key=lambda r: r["created_at"], reverse=True)
        out = []
        for r in records:
            done = self._done(served, r)
            out.append({"session_id": r["session_id"], "auditor": r["auditor"],
                        "created_at": r["created_at"].isoformat(), "size": len(r["sample_ids"]),
                        "labelled": sum(1 for s in r["sample_ids"] if s in done),
                        "score_column": r["score_column"], "buckets": r["buckets"]})
        return out

    def _record(self, served: ServedDataset, session_id: str) -> dict[str, Any]:
        found = self._records(served, f"session_id = {sql.quote(session_id)}")
        if not found:
            raise NotFound(f"no audit session {session_id!r} on dataset {served.name!r}")
        return found[0]

    def _done(self, served: ServedDataset, record: dict[str, Any]) -> dict[str, str]:
        """sample id -> the session auditor's latest label in this session."""
        rows = audit_rows(served.uri, f"session = {sql.quote(record['session_id'])} AND "
                                      f"auditor = {sql.quote(record['auditor'])}")
        done = {}
        for row in rows.sort_by([("created_at", "ascending")]).to_pylist():
            done[row["sample_id"]] = LABEL_TO_WORD.get(row["label"], row["label"])
        return done

    def get(self, served: ServedDataset, session_id: str) -> dict[str, Any]:
        r = self._record(served, session_id)
        done = self._done(served, r)
        items = [{"id": s, "row": row, "label": done.get(s)} for s, row in zip(r["sample_ids"], r["rows"])]
        next_index = next((i for i, item in enumerate(items) if item["label"] is None), None)
        return {"session_id": r["session_id"], "dataset": served.name, "auditor": r["auditor"],
                "created_at": r["created_at"].isoformat(), "seed": r["seed"], "score_column": r["score_column"],
                "buckets": r["buckets"], "query": json.loads(r["query"]), "requested": r["requested"],
                "strata": json.loads(r["strata"]), "items": items,
                "labelled": sum(1 for item in items if item["label"] is not None), "next": next_index}

    def require_member(self, served: ServedDataset, session_id: str, sample_id: str) -> None:
        if sample_id not in self._record(served, session_id)["sample_ids"]:
            raise BadRequest(f"session: sample {sample_id!r} is not in audit session {session_id!r}")
