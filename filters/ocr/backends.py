"""OCR engines behind one small interface: batched line recognition and text detection.

`RapidOcrBackend` (default) runs the PP-OCR models that ship inside the rapidocr wheel
(PP-OCRv6 small det/rec, ONNX) on onnxruntime with CUDA when it has it, else on
OpenVINO's CPU plugin (bf16 where the CPU has it; engines.py says why), else on
onnxruntime's CPU provider. It uses rapidocr's own pre/post-processing (DB box
extraction, CTC decoding) on engines it creates itself, so it never downloads anything
and controls its threads.

`PaddleOcrBackend` runs PaddleOCR 3.x models from local folders (`rec/` and `det/`,
each an exported model with its `inference.yml`); PaddleOCR itself is not a dependency.

Images are HxWx3 uint8 in BGR order (OpenCV's; the PP-OCR models were trained on it).

What a model can read is decided from its character dictionary: `charset` (every
character it can emit, NFKC-folded) and `readable_scripts` (the scripts whose core
letters are all in it). For the shipped PP-OCRv6 rec model (18,708 entries): latin,
han, japanese (kana + kanji) are readable; cyrillic, hangul, arabic and devanagari have
no characters at all, and greek has its bare letters but no accented vowels or final
sigma, so real Greek text is not readable either.
"""

from __future__ import annotations

import math
import unicodedata
from abc import ABC, abstractmethod
from functools import cached_property
from pathlib import Path

import numpy as np

from filters.ocr.engines import EngineName, Precision, open_engine

# Letters every text of a script needs; a model reads the script if it has all of them.
SCRIPT_PROBES: dict[str, str] = {
    "latin": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "greek": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ",
    "han": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年",
    "japanese": "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
                "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
    "hangul": "가나다라마바사아자차카타파하한국어글",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "devanagari": "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",
}


def folded_charset(entries) -> frozenset[str]:
    """Every character a model with this dictionary can produce, before and after NFKC."""
    chars = set()
    for entry in entries:
        chars.update(entry)
        chars.update(unicodedata.normalize("NFKC", entry))
    return frozenset(chars)


def readable_scripts(charset: frozenset[str]) -> frozenset[str]:
    return frozenset(script for script, probe in SCRIPT_PROBES.items() if set(probe) <= charset)


class OcrBackend(ABC):
    name: str
    charset: frozenset[str]

    @abstractmethod
    def recognize(self, crops: list[np.ndarray], *, confidence: bool = True) -> list[tuple[str, float]]:
        """(text, confidence) for each upright horizontal line crop, in order.

        `confidence=False`: the caller needs only the text; a backend may skip computing
        confidences (they are NaN then) where that saves time.
        """

    @abstractmethod
    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """Text boxes found in a whole image, each an (N, 2) float32 polygon in image px."""

    @cached_property
    def readable_scripts(self) -> frozenset[str]:
        return readable_scripts(self.charset)


# ---------------------------------------------------------------------------
# rapidocr (ONNX) — the default


def _rapidocr_models() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).parent / "models"


class RapidOcrBackend(OcrBackend):
    """PP-OCR det + rec from the rapidocr wheel, on onnxruntime or OpenVINO (engines.py).

    `threads`: inference threads per model (None: the engine's default, all cores; a
    pipeline scales with actors, so 1 per actor is usually right). `engine` and
    `precision`: see engines.open_engine. The detector loads on first use: most rows
    never run detection.
    """

    name = "rapidocr"
    REC_HEIGHT = 48       # the rec model's fixed input height
    REC_MIN_WIDTH = 64    # short words still get a few CTC steps of context
    REC_MAX_WIDTH = 3200  # longer lines are squeezed (as rapidocr does), not cut
    PAD_WASTE = 0.1       # see _batches
    # rapidocr's config.yaml defaults for the DB detector.
    DET = {"limit_side_len": 736, "limit_type": "min", "thresh": 0.3, "box_thresh": 0.5,
           "max_candidates": 1000, "unclip_ratio": 1.6, "use_dilation": True, "score_mode": "fast"}

    def __init__(self, rec_model: str | Path | None = None, det_model: str | Path | None = None,
                 *, batch_lines: int = 16, threads: int | None = 1, engine: EngineName = "auto",
                 precision: Precision = "auto"):
        from rapidocr.ch_ppocr_rec.utils import CTCLabelDecode

        models = _rapidocr_models()
        self.rec_path = Path(rec_model) if rec_model else models / "PP-OCRv6_rec_small.onnx"
        self.det_path = Path(det_model) if det_model else models / "PP-OCRv6_det_small.onnx"
        for path in (self.rec_path, self.det_path):
            if not path.is_file():
                raise FileNotFoundError(f"OCR model {path} not found; the rapidocr==3.10.0 wheel ships it in {models}")
        self.batch_lines = batch_lines
        self.threads = threads
        self.engine, self.precision = engine, precision
        self._rec = open_engine(self.rec_path, engine, threads=threads, precision=precision)
        characters = self._rec.metadata("character")
        if not characters:
            raise ValueError(f"{self.rec_path}: no 'character' dictionary in the model metadata")
        dictionary = characters.splitlines()
        self.charset = folded_charset(dictionary) | {" "}
        # CTCLabelDecode inserts the CTC blank and the trailing space into the list it gets.
        self._decode = CTCLabelDecode(character=list(dictionary))
        self._det = None

    @property
    def engine_name(self) -> str:
        return self._rec.name

    def _rec_width(self, crop: np.ndarray) -> int:
        h, w = crop.shape[:2]
        width = math.ceil(self.REC_HEIGHT * w / max(h, 1))
        return int(min(max(width, 1), self.REC_MAX_WIDTH))

    def recognize(self, crops: list[np.ndarray], *, confidence: bool = True) -> list[tuple[str, float]]:
        import cv2

        if not crops:
            return []
        widths = [self._rec_width(c) for c in crops]
        results: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        for chunk in self._batches(widths):
            batch_w = max(self.REC_MIN_WIDTH, -(-max(widths[i] for i in chunk) // 8) * 8)
            batch = np.zeros((len(chunk), 3, self.REC_HEIGHT, batch_w), np.float32)
            for row, i in enumerate(chunk):
                resized = cv2.resize(crops[i], (widths[i], self.REC_HEIGHT), interpolation=cv2.INTER_LINEAR)
                # PP-OCR normalisation: x / 255 -> [-1, 1]; padding stays 0 (mid grey), as in training.
                batch[row, :, :, : widths[i]] = resized.transpose(2, 0, 1) * (2 / 255) - 1
            if confidence:
                decoded, _ = self._decode(self._rec.run(batch))  # argmax and max of the probabilities
            else:  # the argmax is the same before the softmax: the engine may skip it
                decoded, _ = self._decode.decode(self._rec.run(batch, skip_softmax=True).argmax(axis=2),
                                                 remove_duplicate=True)
                decoded = [(text, math.nan) for text, _ in decoded]
            for i, (text, score) in zip(chunk, decoded):
                results[i] = (text, float(score))
        return results

    def _batches(self, widths: list[int]) -> list[list[int]]:
        """Crop indices in batches of similar width, at most `batch_lines` each.

        Every crop of a batch is padded to the widest, and the rec model's cost grows
        with the padded width (on CPU batching itself saves next to nothing), so a batch
        closes once padding would add more than PAD_WASTE of its real pixels.
        """
        batches: list[list[int]] = []
        current: list[int] = []
        for i in sorted(range(len(widths)), key=widths.__getitem__):
            if current:
                padded = widths[i] * (len(current) + 1)
                real = sum(widths[j] for j in current) + widths[i]
                if len(current) == self.batch_lines or padded > (1 + self.PAD_WASTE) * real:
                    batches.append(current)
                    current = []
            current.append(i)
        return batches + [current] if current else batches

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        if self._det is None:
            from rapidocr.ch_ppocr_det.utils import DBPostProcess, DetPreProcess

            d = self.DET
            self._det = open_engine(self.det_path, self.engine, threads=self.threads, precision=self.precision)
            self._det_pre = DetPreProcess(d["limit_side_len"], d["limit_type"], [0.5] * 3, [0.5] * 3)
            self._det_post = DBPostProcess(
                thresh=d["thresh"], box_thresh=d["box_thresh"], max_candidates=d["max_candidates"],
                unclip_ratio=d["unclip_ratio"], score_mode=d["score_mode"], use_dilation=d["use_dilation"])
        tensor = self._det_pre(image)
        if tensor is None:
            return []
        probs = self._det.run(tensor)
        boxes, _ = self._det_post(probs, image.shape[:2])
        return [np.asarray(box, np.float32) for box in boxes]


# ---------------------------------------------------------------------------
# PaddleOCR 3.x — optional, local models only


def read_model_card(folder: Path) -> tuple[str, list[str]]:
    """(model name, character dictionary) from an exported PaddleOCR model's inference.yml."""
    import yaml

    card = folder / "inference.yml"
    try:
        data = yaml.safe_load(card.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ValueError(f"{card}: cannot read the model card ({type(err).__name__})") from None
    name = (data.get("Global") or {}).get("model_name")
    if not name:
        raise ValueError(f"{card}: no Global.model_name")
    dictionary = (data.get("PostProcess") or {}).get("character_dict") or []
    return name, [str(c) for c in dictionary]


class PaddleOcrBackend(OcrBackend):
    """PaddleOCR 3.x `TextRecognition` / `TextDetection` on local model folders.

    `model_dir` holds `rec/` and `det/`, each an exported PaddleOCR model folder
    (inference.json/.pdiparams + inference.yml, e.g. PP-OCRv5_server_rec). PaddleOCR
    downloads models only when given a bare name: with `model_dir` it reads the folder.
    """

    name = "paddleocr"

    def __init__(self, model_dir: str | Path | None, *, batch_lines: int = 16, device: str | None = None):
        if not model_dir:
            raise ValueError("backend 'paddleocr' needs paddle_model_dir (a folder with rec/ and det/ model folders)")
        root = Path(model_dir)
        self.rec_dir, self.det_dir = root / "rec", root / "det"
        for folder in (self.rec_dir, self.det_dir):
            if not (folder / "inference.yml").is_file():
                raise ValueError(f"paddle_model_dir {root}: {folder}/inference.yml not found; "
                                 "expected exported PaddleOCR 3.x model folders rec/ and det/")
        self.rec_name, dictionary = read_model_card(self.rec_dir)
        self.det_name, _ = read_model_card(self.det_dir)
        if not dictionary:
            raise ValueError(f"{self.rec_dir}/inference.yml: no PostProcess.character_dict")
        self.charset = folded_charset(dictionary) | {" "}
        try:
            from paddleocr import TextDetection, TextRecognition
        except ImportError:
            raise RuntimeError("backend 'paddleocr' needs PaddleOCR 3.x (pip install paddleocr paddlepaddle), "
                               "which is not installed; use backend 'rapidocr'") from None
        self.batch_lines = batch_lines
        self.device = device  # None: PaddleOCR's default, GPU 0 when there is one
        self._rec = TextRecognition(model_name=self.rec_name, model_dir=str(self.rec_dir), device=device)
        self._det_class = TextDetection
        self._det = None

    def recognize(self, crops: list[np.ndarray], *, confidence: bool = True) -> list[tuple[str, float]]:
        if not crops:
            return []
        results = self._rec.predict(input=list(crops), batch_size=self.batch_lines)
        return [(str(r["rec_text"]), float(r["rec_score"])) for r in results]

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        if self._det is None:
            self._det = self._det_class(model_name=self.det_name, model_dir=str(self.det_dir), device=self.device)
        (result,) = self._det.predict(input=image, batch_size=1)
        return [np.asarray(p, np.float32) for p in result["dt_polys"]]


def load_backend(name: str, *, paddle_model_dir: str | None = None, batch_lines: int = 16,
                 threads: int | None = 1, engine: EngineName = "auto", precision: Precision = "auto") -> OcrBackend:
    if name == "rapidocr":
        return RapidOcrBackend(batch_lines=batch_lines, threads=threads, engine=engine, precision=precision)
    if name == "paddleocr":
        return PaddleOcrBackend(paddle_model_dir, batch_lines=batch_lines)
    raise ValueError(f"unknown OCR backend {name!r}; allowed: rapidocr, paddleocr")
