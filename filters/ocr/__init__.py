"""The OCR judge (filter `ocr`): reads the labelled text back from the image with
PaddleOCR's PP-OCR models and rejects rows whose text does not match.

- judge.py: `OcrJudge` and its thresholds (what is scored, metrics, verdicts);
- matching.py: text normalisation, CER, polygon matching, line crops;
- backends.py: the engines (rapidocr on onnxruntime by default, PaddleOCR 3.x optional).
"""
