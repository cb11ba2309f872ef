"""`unisynth encode-latents URI`: VAE latents of every target (and edit source) image, at
the aspect bucket training will use, stored as new Lance columns (`latents`,
`source_latents`: fp16 .npy bytes) with `add_columns`, so training skips the VAE. The UDF
checkpoints its progress: an interrupted run resumes where it stopped."""

from __future__ import annotations

import io
from pathlib import Path

import lance
import numpy as np
import pyarrow as pa
import torch

from pipelines.inspection import open_dataset
from training.config import ImageSettings
from training.plan import bucket_of, bucket_sizes
from training.preprocess import decode_image, to_tensor

COLUMNS = ("latents", "source_latents")


def _npy(latents: torch.Tensor) -> bytes:
    buf = io.BytesIO()
    np.save(buf, latents.numpy().astype(np.float16))
    return buf.getvalue()


def encode_latents(uri: str, codec, settings: ImageSettings, batch_size: int = 8,
                   checkpoint_file: str | Path | None = None) -> int:
    ds = open_dataset(uri)
    present = [c for c in COLUMNS if c in ds.schema.names]
    if present:
        raise ValueError(f"{uri} already has {present}; drop them first (lance drop_columns) to re-encode")
    sizes = bucket_sizes(settings)
    checkpoint_file = str(checkpoint_file or Path(str(uri).rstrip("/") + ".latents.sqlite"))

    @lance.batch_udf(output_schema=pa.schema([pa.field(c, pa.binary()) for c in COLUMNS]),
                     checkpoint_file=checkpoint_file)
    def encode(batch: pa.RecordBatch) -> pa.RecordBatch:
        out = {c: [] for c in COLUMNS}
        rows = batch.to_pylist()
        for row in rows:
            size = bucket_of(int(row["width"] or 1), int(row["height"] or 1), sizes)
            for column, source in (("latents", "image"), ("source_latents", "source_image")):
                data = row[source]
                out[column].append(_npy(codec.encode(to_tensor(decode_image(data), size)[None])[0]) if data else None)
        return pa.RecordBatch.from_pydict(out, schema=pa.schema([pa.field(c, pa.binary()) for c in COLUMNS]))

    ds.add_columns(encode, read_columns=["image", "source_image", "width", "height"], batch_size=batch_size)
    Path(checkpoint_file).unlink(missing_ok=True)
    return lance.dataset(uri).count_rows()
