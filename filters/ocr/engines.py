"""Run one ONNX model (a PP-OCR det or rec network) on onnxruntime or OpenVINO.

Both engines take the same float32 NCHW batch and return the model's first output, so
the OCR backend's pre/post-processing does not care which one runs. Why two:

- onnxruntime is what rapidocr ships with, and the only one with a CUDA provider here:
  on a GPU machine it is the engine.
- OpenVINO runs the same ONNX file on CPUs about 1.6x faster for the rec network when the
  CPU has bf16 instructions (AVX512_BF16 or AMX; OpenVINO's "BF16" capability), because
  its convolutions then run in bf16 with fp32 accumulation (bench/filters.py measures both
  side by side; the read-back texts are checked against fp32 in the tests and in
  bench/text_ocr_quality.py). Without bf16 it is about as fast as onnxruntime.

`open_engine(..., engine="auto")` picks onnxruntime when it has CUDA, else OpenVINO when
installed, else onnxruntime.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Protocol

import numpy as np

EngineName = Literal["auto", "onnxruntime", "openvino"]
Precision = Literal["auto", "f32", "bf16"]
ENGINES = ("auto", "onnxruntime", "openvino")
PRECISIONS = ("auto", "f32", "bf16")


class Engine(Protocol):
    name: str          # "onnxruntime[CPUExecutionProvider]", "openvino[bf16]", ...

    def run(self, batch: np.ndarray, *, skip_softmax: bool = False) -> np.ndarray:
        """The model's first output for `batch`, valid until the next `run`.

        `skip_softmax`: the caller only takes the argmax, so an engine that can may stop
        before a final softmax and return the logits (same argmax, no confidences).
        """

    def metadata(self, key: str) -> str | None: ...


def onnx_providers() -> list[str]:
    import onnxruntime

    available = onnxruntime.get_available_providers()
    return (["CUDAExecutionProvider"] if "CUDAExecutionProvider" in available else []) + ["CPUExecutionProvider"]


def openvino_available() -> bool:
    try:
        import openvino  # noqa: F401
    except ImportError:
        return False
    return True


class OnnxRuntimeEngine:
    def __init__(self, path: Path, threads: int | None):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path), sess_options=options, providers=onnx_providers())
        self._input = self.session.get_inputs()[0].name
        self.name = f"onnxruntime[{self.session.get_providers()[0]}]"

    def run(self, batch: np.ndarray, *, skip_softmax: bool = False) -> np.ndarray:
        return self.session.run(None, {self._input: batch})[0]  # always the full graph

    def metadata(self, key: str) -> str | None:
        return self.session.get_modelmeta().custom_metadata_map.get(key)


class OpenVinoEngine:
    """OpenVINO's CPU plugin, one stream, `threads` inference threads.

    CPU pinning is switched off: OpenVINO otherwise binds its threads to cores it picks
    itself, and several OCR actors in one node (each with 1 thread) would all land on the
    same core. The process's own affinity (Ray's, or a benchmark's) still applies.

    With `skip_softmax`, a second compiled copy of the model ends at the final softmax's
    input: for the rec network's 18,708 classes that softmax is ~7 % of a line's time
    (OpenVINO's per-node counters), and reading the argmax needs only the logits.
    """

    def __init__(self, path: Path, threads: int | None, precision: Precision = "auto"):
        import openvino

        core = openvino.Core()
        self._model = core.read_model(str(path))
        bf16 = "BF16" in core.get_property("CPU", "OPTIMIZATION_CAPABILITIES")
        if precision == "bf16" and not bf16:
            raise ValueError("OCR precision 'bf16' needs a CPU with bf16 instructions (AVX512_BF16 or AMX); "
                             "this one has none: use precision 'f32' or 'auto'")
        self.precision = "bf16" if precision == "bf16" or (precision == "auto" and bf16) else "f32"
        config = {"INFERENCE_PRECISION_HINT": self.precision, "PERFORMANCE_HINT": "LATENCY",
                  "NUM_STREAMS": 1, "ENABLE_CPU_PINNING": False}
        if threads:
            config["INFERENCE_NUM_THREADS"] = threads
        self._core, self._path, self._config = core, path, config
        self._request = core.compile_model(self._model, "CPU", config).create_infer_request()
        self._logits_request = None
        self.name = f"openvino[{self.precision}]"

    def run(self, batch: np.ndarray, *, skip_softmax: bool = False) -> np.ndarray:
        request = self._logits() if skip_softmax else self._request
        # No copy: the array is the request's output buffer, overwritten by its next call
        # (for a 10-line page of rec outputs a copy is ~70 MB of memory traffic).
        return request.infer({0: batch})[0]

    def _logits(self):
        """The request for the model cut before its final softmax (the full one if it has none)."""
        if self._logits_request is None:
            import openvino

            model = self._core.read_model(str(self._path))  # a fresh graph: cutting one shares its nodes
            last = model.outputs[0].get_node().input_value(0)
            if last.get_node().get_type_name() == "Softmax":
                model = openvino.Model([last.get_node().input_value(0)], model.get_parameters(), "logits")
            self._logits_request = self._core.compile_model(model, "CPU", self._config).create_infer_request()
        return self._logits_request

    def metadata(self, key: str) -> str | None:
        # OpenVINO keeps an ONNX file's metadata_props under rt_info["framework"].
        try:
            return self._model.get_rt_info(["framework", key]).astype(str)
        except RuntimeError:  # no such key
            return None


def open_engine(path: Path, engine: EngineName = "auto", *, threads: int | None = 1,
                precision: Precision = "auto") -> Engine:
    if engine not in ENGINES:
        raise ValueError(f"unknown OCR engine {engine!r}; allowed: {', '.join(ENGINES)}")
    if precision not in PRECISIONS:
        raise ValueError(f"unknown OCR precision {precision!r}; allowed: {', '.join(PRECISIONS)}")
    if engine == "auto":
        gpu = "CUDAExecutionProvider" in onnx_providers()
        engine = "openvino" if not gpu and openvino_available() else "onnxruntime"
    if engine == "openvino":
        if not openvino_available():
            raise ImportError("OCR engine 'openvino' needs the openvino package (pip install openvino==2026.4.1); "
                              "use engine 'onnxruntime' or 'auto'")
        return OpenVinoEngine(path, threads, precision)
    if precision == "bf16":
        raise ValueError("OCR precision 'bf16' is an OpenVINO option; engine 'onnxruntime' runs f32")
    return OnnxRuntimeEngine(path, threads)
