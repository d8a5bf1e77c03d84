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
        help="het bevindingenrapport (report.html, report.md) van een run-map schrijven",
        description="Schrijft report.html (één zelfstandige pagina met grafieken), report.md en "
        "report_figures.json uit een run-map van `omslag run` (en final_scores.csv / agreement.csv "
        "als de beoordelaars klaar zijn).",
    )
    parser.add_argument("run_dir", metavar="RUN_MAP", help="uitvoermap van `omslag run`")
    parser.add_argument(
        "--regions",
        metavar="BESTAND",
        help="regiobestand (regio<TAB>centrumgemeente); standaard: regions.tsv in de map met de plannen "
        "van de run, anders corpus/regions.tsv (de 44 regio's)",
    )
    parser.add_argument("--out", metavar="MAP", help="map voor de rapportbestanden (standaard: RUN_MAP)")
    parser.add_argument(
        "--rubric",
        metavar="BESTAND",
        help="rubriek (YAML) waarvan het rapport de indicatoren en woorden gebruikt (standaard: die van de run)",
    )
    parser.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from omslag.report import ReportInputError, build_report

    try:
        result = build_report(args.run_dir, regions=args.regions, out=args.out, rubric=args.rubric)
    except ReportInputError as exc:
        print(f"omslag report: {exc}", file=sys.stderr)  # the report's errors are Dutch
        return 2
    from omslag.console import make_console

    console = make_console()
    console.print(f"[bold]rapport[/] {result.html}")
    console.print(f"[bold]markdown[/] {result.markdown}")
    console.print(f"[bold]cijfers[/] {result.figures}")
    if result.regions_file:
        console.print(f"regio's: {result.regions_file} ({result.regions_total} regio's)")
    else:
        console.print("[yellow]geen regiobestand gevonden: dekking per regio niet berekend (gebruik --regions)[/]")
    if result.final_levels == 0:
        console.print(
            f"[yellow]nog geen scores van beoordelaars: alle {result.provisional_levels} niveaus zijn voorlopig, "
            "en het rapport zegt dat[/]"
        )
    else:
        console.print(f"niveaus: {result.final_levels} definitief, {result.provisional_levels} voorlopig")
    if result.incomplete_documents:
        console.print(
            f"[yellow]{result.incomplete_documents} document(en) niet of deels gelezen: het rapport noemt ze[/]"
        )
    if warned := result.extraction_problems - result.incomplete_documents:
        console.print(
            f"[yellow]{warned} document(en) helemaal gelezen, met waarschuwingen (zoals OCR): het rapport noemt ze[/]"
        )
    for problem in result.problems:
        console.print(f"[yellow]run-bestanden:[/] {problem}")
    return 0
