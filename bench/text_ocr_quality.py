"""How much of the text generator's output PP-OCR reads back: the share of samples at
CER ≤ 0.05, per template, language and task, with the default spec's parameters.

    .venv/bin/python bench/text_ocr_quality.py --samples 400
    .venv/bin/python bench/text_ocr_quality.py --samples 60 --template receipt --worst 5

Samples are made in a plain loop (seeds 0..N-1 of pipelines/text_rendering.yaml's
generator params) and judged by the `ocr` filter exactly as a job would (known-polygon
recognition; no detection). Rows whose lines are all in scripts the shipped PP-OCR
model cannot read (Arabic, Devanagari, ...) are counted apart as "not scoreable".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filters.ocr.judge import OcrJudge  # noqa: E402
from synthesis.sample import rows_to_table  # noqa: E402
from synthesis.text_rendering.generator import TextRenderingGenerator  # noqa: E402

MAX_CER = 0.05


def default_params(overrides: dict) -> dict:
    spec = yaml.safe_load((ROOT / "pipelines" / "text_rendering.yaml").read_text())
    return {**spec["generators"][0]["params"], **overrides}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--template", help="only this template")
    parser.add_argument("--lang", help="only this language")
    parser.add_argument("--worst", type=int, default=0, help="print the N worst rows (instruction, OCR text)")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "text_ocr_quality.json"))
    args = parser.parse_args()

    overrides = {}
    if args.template:
        overrides["templates"] = {args.template: 1.0}
    if args.lang:
        overrides["languages"] = {args.lang: 1.0}
    gen = TextRenderingGenerator()
    params = gen.Params(**default_params(overrides))
    judge = OcrJudge(OcrJudge.Thresholds(max_cer=MAX_CER, detect_fraction=0.0))

    rows = []
    for seed in range(args.samples):
        sample = gen(seed, params)
        sample.job = "bench"
        rows.append(sample.to_row("bench"))
        if seed % 50 == 49:
            print(f"  generated {seed + 1}/{args.samples}", file=sys.stderr)
    judged = []
    for start in range(0, len(rows), 32):
        judged += judge(rows_to_table(rows[start:start + 32])).to_pylist()

    groups: dict[str, dict[str, list]] = {"template": defaultdict(list), "lang": defaultdict(list),
                                          "task": defaultdict(list)}
    unscoreable = 0
    scored = []
    for row in judged:
        cer = row["ocr_cer"]
        if cer is None:
            unscoreable += 1
            continue
        ok = cer <= MAX_CER
        scored.append((cer, row))
        spec = json.loads(row["spec"])
        groups["template"][row["template"]].append(ok)
        groups["lang"][spec["lang"]].append(ok)
        groups["task"][row["task"]].append(ok)

    total = [ok for oks in groups["template"].values() for ok in oks]
    print(f"\nPP-OCR read-back (rapidocr PP-OCRv6 small, known polygons): {sum(total)}/{len(total)} = "
          f"{100 * sum(total) / max(len(total), 1):.1f} % of scoreable samples at CER <= {MAX_CER}; "
          f"{unscoreable} samples not scoreable (scripts the model does not read)")
    result = {"samples": args.samples, "max_cer": MAX_CER, "scoreable": len(total), "pass": sum(total),
              "unscoreable": unscoreable, "groups": {}}
    for name, group in groups.items():
        print(f"\n| {name} | samples | pass rate |\n| --- | ---: | ---: |")
        result["groups"][name] = {}
        for key, oks in sorted(group.items()):
            rate = sum(oks) / len(oks)
            result["groups"][name][key] = {"samples": len(oks), "pass_rate": rate}
            print(f"| {key} | {len(oks)} | {100 * rate:.1f} % |")
    for cer, row in sorted(scored, key=lambda t: -t[0])[: args.worst]:
        labels = json.loads(row["labels"])
        print(f"\nCER {cer:.3f} {row['id']} {row['template']} {row['task']}")
        print("  truth:", [line["text"] for line in labels["lines"]])
        print("  ocr:  ", row["ocr_text"])
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
