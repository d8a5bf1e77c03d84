"""omslag command line: `omslag run` (local processes or Dask), `explain`, `report`, and the rater round trip.

Stage: entry point. Parses arguments, calls a flow, prints a summary. No logic of its own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from omslag import __version__, prefect_env


def _print_summary(summary) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"omslag run — {summary.corpus}", show_header=False)
    table.add_row("documents", str(summary.documents))
    table.add_row("pages (with text)", f"{summary.pages} ({summary.text_pages})")
    for name, count in summary.evidence_per_indicator.items():
        table.add_row(f"evidence: {name}", str(count))
    table.add_row("status", ", ".join(f"{k}={v}" for k, v in sorted(summary.status_counts.items())))
    table.add_row(
        "cached / rules only / new",
        f"{summary.documents_from_cache} / {summary.documents_rules_only} / {summary.documents_processed}",
    )
    table.add_row("sheets written", str(summary.sheets_written))
    table.add_row("rubric / NLP", f"{summary.rubric_version} / {summary.nlp_pipeline}")
    table.add_row("seconds", f"{summary.seconds:.1f}")
    table.add_row("outputs", summary.out_dir)
    console.print(table)
    if summary.failures:
        failures = Table(title="Documents that need attention", show_lines=False)
        failures.add_column("file")
        failures.add_column("status")
        failures.add_column("reason")
        for item in summary.failures:
            failures.add_row(item.file, item.status, item.error)
        console.print(failures)
    for path in summary.sheets_kept_edited:
        console.print(f"[yellow]kept rater-edited sheet[/] {path} (left untouched)")
    for path in summary.sheets_stale:
        console.print(f"[red]verouderd blad[/] {path}: gemaakt met ander bewijs of een andere rubricversie")
    for problem in summary.manifest_problems:
        console.print(f"[yellow]manifest:[/] {problem}")


def cmd_run(args: argparse.Namespace) -> int:
    prefect_env.apply()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"omslag: corpus folder not found: {corpus}", file=sys.stderr)
        return 2
    if args.workers is not None and args.workers < 1:
        print("omslag: --workers must be 1 or more", file=sys.stderr)
        return 2
    if args.workers and args.dask:
        print("omslag: use --workers or --dask, not both (Dask decides its own workers)", file=sys.stderr)
        return 2
    from omslag.rules.rubric import RubricError, load_rubric

    if args.rubric:
        try:
            load_rubric(args.rubric)
        except RubricError as exc:
            print(f"omslag: {exc}", file=sys.stderr)
            return 2
    from omslag.flows.run import corpus_flow

    run_corpus = corpus_flow(workers=args.workers, dask_address=args.dask)
    summary = run_corpus(
        corpus=str(corpus),
        out=args.out,
        rubric=args.rubric,
        delimiter=args.delimiter,
        cache_dir=args.cache_dir,
        use_cache=not args.no_cache,
        ocr=not args.no_ocr,
        memory_mb=args.memory_limit_mb,
        no_progress_seconds=args.timeout,
        sheets_for_non_plans=args.sheets_for_non_plans,
    )
    _print_summary(summary)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from rich.console import Console

    from omslag.sheets.explain import ExplainError, explain

    try:
        explanation = explain(Path(args.run_dir), args.plan_id, top=args.top)
    except ExplainError as exc:
        print(f"omslag: {exc}", file=sys.stderr)
        return 2
    console = Console()
    console.print(f"[bold]{explanation.plan_id}[/] ({explanation.file}, {explanation.status})")
    for key, value in explanation.facts.items():
        console.print(f"  {key}: {value}", highlight=False, markup=False)
    for item in explanation.indicators:
        cap = f", begrensd door {item.capped_by}" if item.capped_by else ""
        console.print(f"\n[bold]{item.indicator}: niveau {item.level}[/] — regel {item.rule_id}{cap}")
        console.print(f"  {item.rationale}", highlight=False)
        for ev in item.evidence:
            mark = "*" if ev.decided else " "
            flags = f" [{', '.join(ev.flags)}]" if ev.flags else ""
            console.print(
                f"  {mark} p.{ev.page} {ev.evidence_id} {ev.signal_label}{flags}", highlight=False, markup=False
            )
            console.print(f"      {ev.text}", highlight=False, markup=False)
        if item.evidence_total > len(item.evidence):
            console.print(f"    … en {item.evidence_total - len(item.evidence)} meer in evidence.csv")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="omslag", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"omslag {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract, match and score every PDF in a folder; write sheets")
    run.add_argument("corpus", help="folder with PDFs (and optionally manifest.tsv)")
    run.add_argument("--out", help="output folder (default: outputs/<corpus folder name>)")
    run.add_argument("--rubric", help="rubric YAML (default: the bundled rules/rubric.yaml)")
    run.add_argument("--delimiter", default=";", choices=[";", ",", "\t"], help="CSV separator (default ;)")
    scale = run.add_argument_group("scale and robustness (see docs/scaling.md)")
    scale.add_argument(
        "--workers", type=int, default=None, help="documents processed in parallel, one process each (default: cores)"
    )
    scale.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the documents on this Dask scheduler (e.g. tcp://10.0.0.5:8786) instead of local processes",
    )
    scale.add_argument(
        "--cache-dir", help="where per-document results are kept between runs (default: <out>/.omslag-cache)"
    )
    scale.add_argument("--no-cache", action="store_true", help="redo every document (the cache is refreshed)")
    scale.add_argument(
        "--no-ocr", action="store_true", help="do not OCR scanned pages (they are reported as NEEDS_OCR)"
    )
    scale.add_argument(
        "--memory-limit-mb", type=int, default=2048, help="memory cap of each document's process (default 2048)"
    )
    scale.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds a document may go without progress before it is stopped (default 120)",
    )
    run.add_argument(
        "--sheets-for-non-plans",
        action="store_true",
        help="also write rater sheets for documents that are not plans (motions, ordinances, …)",
    )
    run.set_defaults(func=cmd_run)
    exp = sub.add_parser("explain", help="per indicator: the level, the deciding rules and the top evidence")
    exp.add_argument("plan_id", help="plan id as in documents.csv")
    exp.add_argument("run_dir", help="run folder written by `omslag run`")
    exp.add_argument("--top", type=int, default=5, help="evidence items per indicator (default 5)")
    exp.set_defaults(func=cmd_explain)
    from omslag import cmd_report

    cmd_report.register(sub)
    from omslag import cmd_ratings  # rater round trip: sheets, import, agreement, consensus, calibrate

    cmd_ratings.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
