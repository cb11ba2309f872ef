"""MLLM judging and rewriting: rubric prompts (rubrics), model backends (an
OpenAI-compatible server or vLLM in-process), a result cache, the `mllm_judge` filter
and the instruction rewriter."""
