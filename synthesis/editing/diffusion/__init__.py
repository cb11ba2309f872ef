"""The diffusion backend of the editing generator: photo-real edit pairs from a diffusers model.

Use it when the sources are real photos and the targets must look real too; the default
programmatic scene backend is exact and cheap, this one is neither but covers photo
edits no renderer can draw. It runs a local diffusers pipeline (no downloads) on a GPU:
an instruction pipeline (FLUX.1 Kontext, Qwen-Image-Edit) for global restyles, time of
day, season and weather, or an inpainting pipeline (FLUX.1 Fill, Kontext inpaint,
Qwen-Image-Edit inpaint) for object insertion inside a known mask.

- `settings`: `DiffusionSettings` (strict) and `check`, which fails fast in one line.
- `instructions`: the edit catalogue, each edit in an explicit and an abstract register
  with the chain of thought between them.
- `backend`: `DiffusionEditBackend().generate(seed, settings, name, version) -> Sample`.
- `tiny`: tiny random pipelines built offline, for tests and smoke runs.

Targets are only as good as the model: judge them (MLLM judge, mask fraction) before
training on them. Needs the `model` extra (torch, diffusers, transformers).
"""
