"""The model computes the same function with the `triton` backend as with `eager` (interpreted, fp32, tiny)."""

from __future__ import annotations

import pytest
import torch

from model import kernels
from model.config import tiny
from model.llm import Qwen3ForCausalLM
from model.mmdit import MMDiT, MMDiTBlock
from model.msrope import fit_context, head_positions

from .conftest import rel_err  # noqa: F401  (kept out: see below)
