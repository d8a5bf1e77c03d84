"""`omslag report RUN_DIR [--regions PATH] [--out DIR]`: the findings report of a run.

Stage: entry point. Parses arguments, calls report.build_report, prints where the files are
and on what they rest. No logic of its own.
"""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    parser = sub.add_parser(
        "report",
        help="write the findings report (report.html, report.md) of a run folder",
        description="Writes report.html (one self-contained page with charts), report.md and "
        "report_figures.json from a run folder of 'omslag run' (and final_scores.csv / agreement.csv "
        "when the raters are done).",
    )
    parser.add_argument("run_dir", help="output folder of 'omslag run'")
    parser.add_argument(
        "--regions",
        help="regions file (region<TAB>centrumgemeente); default: regions.tsv in the run's corpus "
        "folder, else corpus/regions.tsv (the 44 regions)",
    )
    parser.add_argument("--out", help="folder for the report files (default: RUN_DIR)")
    parser.add_argument(
        "--rubric", help="rubric YAML whose indicators and vocabulary the report uses (default: the run's rubric)"
    )
    parser.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from omslag.report import ReportInputError, build_report

    try:
        result = build_report(args.run_dir, regions=args.regions, out=args.out, rubric=args.rubric)
    except ReportInputError as exc:
        print(f"omslag report: {exc}", file=sys.stderr)
        return 2
    from rich.console import Console

    console = Console()
    console.print(f"[bold]report[/] {result.html}")
    console.print(f"[bold]markdown[/] {result.markdown}")
    console.print(f"[bold]figures[/] {result.figures}")
    if result.regions_file:
        console.print(f"regions: {result.regions_file} ({result.regions_total} regions)")
    else:
        console.print("[yellow]no regions file found: coverage per region not computed (use --regions)[/]")
    if result.final_levels == 0:
        console.print(
            f"[yellow]no rater scores yet: all {result.provisional_levels} levels are provisional, "
            "and the report says so[/]"
        )
    else:
        console.print(f"levels: {result.final_levels} final, {result.provisional_levels} provisional")
    if result.extraction_problems:
        console.print(f"[yellow]{result.extraction_problems} document(s) not or partly read: listed in the report[/]")
    for problem in result.problems:
        console.print(f"[yellow]run files:[/] {problem}")
    return 0
