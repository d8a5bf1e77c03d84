"""omslag command line: `omslag run CORPUS [--out DIR]`, and the rater round trip (omslag/cmd_ratings.py).

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
    from rules.rubric import RubricError, load_rubric

    if args.rubric:
        try:
            load_rubric(args.rubric)
        except RubricError as exc:
            print(f"omslag: {exc}", file=sys.stderr)
            return 2
    from flows.run import run_corpus

    summary = run_corpus(
        corpus=str(corpus),
        out=args.out,
        rubric=args.rubric,
        delimiter=args.delimiter,
    )
    _print_summary(summary)
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
    run.set_defaults(func=cmd_run)
    from omslag import cmd_ratings  # rater round trip: sheets, import, agreement, consensus, calibrate

    cmd_ratings.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
