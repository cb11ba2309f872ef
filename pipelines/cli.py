"""The `unisynth` command line.

Exit codes: 0 done; 2 bad input (spec, output, resources, dataset), one line per problem
and no traceback unless --debug; 3 the job stopped on its error budget; 130 interrupted.
Committed rows survive every non-zero exit; rerunning the same command resumes.
"""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console

EXIT_BAD_INPUT = 2
EXIT_JOB_STOPPED = 3
EXIT_INTERRUPTED = 130

out = Console()
err = Console(stderr=True)


def _fail(message: str, code: int) -> int:
    from rich.markup import escape  # noqa: PLC0415 - messages may hold brackets ("[/path:line]")

    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return code


def cmd_validate(args: argparse.Namespace) -> int:
    from pipelines.spec import load_spec

    spec = load_spec(args.spec)
    out.print(f"{args.spec}: ok — job {spec.job!r}, {spec.num_samples} samples, "
              f"generators {', '.join(g.name for g in spec.generators)}, "
              f"filters {', '.join(f.name for f in spec.filters) or 'none'}, output {spec.output}", highlight=False,
              soft_wrap=True)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipelines.report import render_funnel
    from pipelines.runner import run_job
    from pipelines.spec import load_spec

    spec = load_spec(args.spec, output=args.out, num_samples=args.num_samples)
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[verdicts]}"),
               TimeElapsedColumn(), TextColumn("{task.fields[eta]}")]
    with Progress(*columns, console=err, transient=False, disable=args.quiet) as bar:
        task = bar.add_task(spec.job, total=None, rate="starting Ray…", verdicts="", eta="")
        first: list[tuple[float, int]] = []

        def progress(done: int, total: int, verdicts) -> None:
            # Rates from the first written batch on: Ray's start-up is not throughput,
            # and rows land in writer-batch steps that fool a short-window estimate.
            now = time.perf_counter()
            if not first:
                first.append((now, done))
            t0, d0 = first[0]
            rate = (done - d0) / (now - t0) if now > t0 and done > d0 else 0.0
            eta = f"ETA {int((total - done) / rate // 60)}:{int((total - done) / rate % 60):02d}" if rate else ""
            bar.update(task, completed=done, total=total, rate=f"{rate:.1f} samples/s" if rate else "",
                       eta=eta, verdicts=" ".join(f"{k}={v}" for k, v in sorted(verdicts.items())))

        result = run_job(spec, address=args.address, num_cpus=args.num_cpus, progress=progress)

    if result.written == 0 and result.already_done >= spec.num_samples:
        err.print(f"{spec.output}: all {spec.num_samples} samples are already committed; nothing to do")
    out.print(render_funnel(result.funnel, wall_s=result.wall_s or None, run_rows=result.written,
                            cores=result.cores or None))
    out.print(f"dataset: {spec.output} ({result.funnel.total} rows, {result.commits} commits this run)",
              highlight=False, soft_wrap=True)
    if result.report_dir:
        out.print(f"report: {result.report_dir / 'report.md'}", highlight=False, soft_wrap=True)
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    from rich.table import Table

    from pipelines.inspection import describe, export_samples

    info = describe(args.uri, rows=args.rows)
    if args.json:
        out.print_json(json.dumps(info, default=str))
    else:
        out.print(f"[bold]{info['uri']}[/]: {info['rows']} rows, {info['fragments']} fragments, "
                  f"version {info['version']}", highlight=False, soft_wrap=True)
        meta = info["metadata"]
        if meta:
            out.print(f"code {meta.get('code_version')}, generators {meta.get('generator_versions')}, "
                      f"spec fingerprint {meta.get('fingerprint')}", highlight=False, soft_wrap=True)
        for column, counts in info["counts"].items():
            t = Table(title=f"by {column}")
            t.add_column(column)
            t.add_column("rows", justify="right")
            for key, n in counts.items():
                t.add_row(str(key), str(n))
            out.print(t)
        versions = Table(title="versions (last 10)")
        for c in ("version", "timestamp", "rows"):
            versions.add_column(c)
        for v in info["versions"][-10:]:
            versions.add_row(str(v["version"]), v["timestamp"], str(v["rows"]))
        out.print(versions)
        out.print("schema: " + ", ".join(f"{n}: {t}" for n, t in info["schema"]), highlight=False)
        preview = Table(title=f"first {len(info['preview'])} rows")
        for c in (info["preview"][0].keys() if info["preview"] else []):
            preview.add_column(c, overflow="fold", max_width=60)
        for row in info["preview"]:
            preview.add_row(*(str(v)[:120] if v is not None else "" for v in row.values()))
        out.print(preview)
    if args.export:
        files = export_samples(args.uri, args.export, args.limit, where=args.where)
        out.print(f"exported {len(files)} files to {args.export}", highlight=False, soft_wrap=True)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pipelines.funnel_report import build_report

    folder = build_report(args.uri, args.out)
    report = json.loads((folder / "report.json").read_text())
    verdicts = ", ".join(f"{k} {n}" for k, n in report["verdicts"].items())
    plots = len(list(folder.glob("*.png")))
    out.print(f"report: {folder} ({report['total']} rows: {verdicts}; {plots} plots)", highlight=False,
              soft_wrap=True)
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from pipelines.calibrate import calibrate, render_calibration, write_calibration
    from pipelines.funnel_report import report_dir_for

    folder = args.out or report_dir_for(args.uri)  # a remote URI without --out fails before the work
    result = calibrate(args.uri)
    path = write_calibration(result, args.uri, folder)
    for table in render_calibration(result):
        out.print(table)
    out.print(f"calibration: {path}", highlight=False, soft_wrap=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="unisynth", description="Synthetic data for unified multimodal models.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a job spec without running it")
    p.add_argument("spec")
    p.set_defaults(fn=cmd_validate)

    p = sub.add_parser("run", help="run or resume a synthesis job")
    p.add_argument("spec")
    p.add_argument("--out", help="output Lance URI (overrides the spec's output)")
    p.add_argument("--num-samples", type=int, help="overrides the spec's num_samples")
    p.add_argument("--address", help="Ray cluster address (default: local Ray in-process)")
    p.add_argument("--num-cpus", type=float, help="CPUs of the local Ray (default: all)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(fn=cmd_run)

    p = sub.add_parser("inspect", help="counts, schema, versions and rows of a dataset")
    p.add_argument("uri")
    p.add_argument("--rows", type=int, default=5, help="rows to preview")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--export", metavar="DIR", help="write samples as image + JSON files")
    p.add_argument("--limit", type=int, default=20, help="samples to export")
    p.add_argument("--where", help="Lance SQL filter for --export, e.g. \"verdict = 'reject'\"")
    p.set_defaults(fn=cmd_inspect)

    p = sub.add_parser("report", help="write the funnel report (JSON, Markdown, PNG plots) of a dataset")
    p.add_argument("uri")
    p.add_argument("--out", metavar="DIR", help="report folder (default: <dataset stem>.report/ next to it)")
    p.set_defaults(fn=cmd_report)

    p = sub.add_parser("calibrate", help="agreement of the filters with human audit labels, best thresholds")
    p.add_argument("uri")
    p.add_argument("--out", metavar="DIR",
                   help="folder for calibration.json (default: <dataset stem>.report/ next to it)")
    p.set_defaults(fn=cmd_calibrate)

    from dashboard.cli import register as register_dashboard  # noqa: PLC0415 - its own module

    register_dashboard(sub)
    from model.cli import register as register_model  # noqa: PLC0415 - torch is imported only when a model command runs

    register_model(sub)
    from training.cli import register as register_training  # noqa: PLC0415

    register_training(sub)
    from pipelines.jobs_cli import register as register_jobs  # submit, jobs, schedule

    register_jobs(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Imported here so that `unisynth --help` stays fast.
    from pipelines.audits import NoAuditsError
    from pipelines.funnel_report import ReportLocationError
    from pipelines.inspection import NotADatasetError
    from pipelines.resources import UnschedulableError
    from pipelines.runner import ErrorBudgetExceeded, PreflightError
    from pipelines.sink import DatasetMismatchError
    from pipelines.spec import SpecError

    from model.errors import CheckpointError
    from training.config import ConfigError
    from training.errors import RunError
    from training.views import ViewError

    try:
        return args.fn(args)
    except SpecError as e:
        for line in e.problems:
            err.print(f"[bold red]error:[/] {line}", highlight=False, soft_wrap=True)
        return EXIT_BAD_INPUT
    except (PreflightError, UnschedulableError, DatasetMismatchError, NotADatasetError, ReportLocationError,
            NoAuditsError, CheckpointError, FileNotFoundError, ConfigError, RunError, ViewError) as e:
        if args.debug:
            raise
        return _fail(str(e), EXIT_BAD_INPUT)
    except ErrorBudgetExceeded as e:
        if args.debug:
            raise
        return _fail(f"job stopped: {e}; committed rows are kept, fix the generator and rerun to resume",
                     EXIT_JOB_STOPPED)
    except KeyboardInterrupt:
        return _fail("interrupted; committed rows are kept, rerun the same command to resume", EXIT_INTERRUPTED)
    except Exception as e:  # the last resort: still one line unless --debug
        if args.debug:
            raise
        return _fail(f"{type(e).__name__}: {e} (rerun with --debug for the traceback)", 1)


if __name__ == "__main__":
    sys.exit(main())


