"""omslag command line: the rater round trip (`sheets`, `import`, `agreement`, `consensus`,
`calibrate`).

Stage: entry point. Parses arguments, calls `ratings` / `sheets`, prints Dutch tables. These
commands read and write a run folder only; they do not start Prefect (nothing here is slow, and
a rater's import should not wait 10–20 s for a server).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from omslag.console import EXIT_OK, EXIT_USAGE
from omslag.console import EXIT_UNREADABLE as EXIT_REJECTED  # done, but some files could not be read
from omslag.options import add_delimiter_option


def _console():
    from omslag.console import make_console

    return make_console()  # the terminal's width (or 100 when piped), not rich's 80


def _fail(message: str) -> int:
    print(f"omslag: {message}", file=sys.stderr)
    return EXIT_USAGE


def _context(args):
    """Run folder + rubric, or a clear error."""
    from omslag.ratings.run_folder import load_run_context
    from omslag.rules.rubric import RubricError
    from omslag.sheets.plan_sheet import RunFolderError

    try:
        return load_run_context(args.run_dir, args.rubric)
    except (RunFolderError, RubricError) as exc:
        raise SystemExit(_fail(str(exc))) from None


def _store(args, context):
    import sqlite3

    from omslag.ratings.store import RatingsStore

    path = Path(args.store) if args.store else context.store_path
    try:
        return RatingsStore(path)
    except sqlite3.DatabaseError as exc:
        raise SystemExit(
            _fail(f"{path}: geen bruikbare beoordelingsopslag ({exc}); zet het bestand opzij of gebruik --store")
        ) from None


def _print_stale(console, stale: list[str]) -> None:
    for item in stale:
        console.print(
            f"[red]verouderd[/] {item}: blad gemaakt met ander bewijs of een andere rubricversie — laat opnieuw beoordelen"
        )


def _fmt(value) -> str:
    from omslag.ratings.agreement import decimal_comma

    return decimal_comma(value) if value is not None else "–"


# ---- omslag sheets -------------------------------------------------------------------------


def cmd_sheets(args: argparse.Namespace) -> int:
    from rich.table import Table

    from omslag.ratings.importer import normalise_rater, valid_rater_id
    from omslag.sheets.per_rater import existing_raters, release_hints, write_per_rater_sheets

    context = _context(args)
    raters = [normalise_rater(r) for r in (args.raters or "").split(",") if r.strip()]
    bad = [r for r in raters if not valid_rater_id(r)]
    if bad:
        return _fail(f"ongeldige beoordelaar(s): {', '.join(bad)} (letters, cijfers, - of _)")
    plans = [p.strip() for p in args.plans.split(",")] if args.plans else None
    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    if not set(formats) <= {"xlsx", "csv"} or not formats:
        return _fail("--format: kies xlsx, csv of xlsx,csv")
    try:
        if args.release_hints:
            raters = raters or existing_raters(context.run_dir)
            if not raters:
                return _fail("nog geen beoordelingsbladen in deze run; maak ze eerst met --raters")
            results = release_hints(context.run_dir, context.rubric, raters, plans=plans, delimiter=args.delimiter)
        else:
            if not raters:
                return _fail("geef de beoordelaars op, bijvoorbeeld --raters anna,bram")
            results = write_per_rater_sheets(
                context.run_dir,
                context.rubric,
                raters,
                blind=args.blind,
                plans=plans,
                formats=formats,
                delimiter=args.delimiter,
            )
    except KeyError as exc:
        return _fail(f"onbekend plan: {exc.args[0]}")

    console = _console()
    table = Table(title=f"Beoordelingsbladen — {context.run_dir}" + (" (blind)" if args.blind else ""))
    for column in ("beoordelaar", "geschreven", "ongewijzigd", "ingevuld, bewaard", "verouderd", "map"):
        table.add_column(column)
    for rater, writes in results.items():
        table.add_row(
            rater,
            str(sum(w.outcome == "written" for w in writes)),
            str(sum(w.outcome == "unchanged" for w in writes)),
            str(sum(w.outcome == "kept-edited" for w in writes)),
            str(sum(w.stale for w in writes)),
            str(context.run_dir / "sheets" / rater),
        )
    console.print(table)
    for writes in results.values():
        for w in writes:
            if w.outcome != "kept-edited":
                continue
            extra = f"; nieuwe versie ernaast: {w.path.name}" if w.new_version else ""
            console.print(f"[yellow]ingevuld blad niet aangeraakt[/] {w.edited_path}{extra}")
            if w.stale:
                console.print(f"[red]verouderd[/] {w.edited_path}: gemaakt met ander bewijs of een andere rubricversie")
    return EXIT_OK


# ---- omslag import -------------------------------------------------------------------------

_STATUS = {
    "imported": "[green]geïmporteerd[/]",
    "already-imported": "al geïmporteerd",
    "rejected": "[red]afgekeurd[/]",
    "skipped": "overgeslagen",
    "older": "[yellow]ouder (geschiedenis)[/]",
}


def cmd_import(args: argparse.Namespace) -> int:
    from rich.table import Table

    from omslag.ratings.importer import import_files
    from omslag.ratings.outputs import write_final_scores
    from omslag.ratings.stale import refresh_stale

    context = _context(args)
    console = _console()
    with _store(args, context) as store:
        report = import_files(store, context, [Path(p) for p in args.paths])
        stale = refresh_stale(store, context)
        consensus_imported = any(f.kind == "consensus" and f.status == "imported" for f in report.files)
        # once final scores exist, every import keeps them current (new levels change agreed pairs)
        refresh_finals = consensus_imported or (
            (context.run_dir / "final_scores.csv").exists() and any(f.status == "imported" for f in report.files)
        )
        if refresh_finals:
            finals, pending = write_final_scores(store, context, delimiter=args.delimiter)

    table = Table(title=f"Import in {Path(args.store) if args.store else context.store_path}")
    for column in ("bestand", "status", "soort", "beoordelaar", "plannen", "niveaus", "opmerking"):
        table.add_column(column, overflow="fold")
    for outcome in report.files:
        table.add_row(
            Path(outcome.path).name,
            _STATUS.get(outcome.status, outcome.status),
            {"rater": "beoordeling", "consensus": "consensus"}.get(outcome.kind, ""),
            outcome.rater,
            str(len(outcome.plans)) if outcome.plans else "",
            str(outcome.levels) if outcome.levels else "",
            outcome.note,
        )
    console.print(table)
    for outcome in report.files:
        for problem in outcome.problems:
            print(f"fout: {problem}")  # plain print: file:row:column must stay one greppable line
        for warning in outcome.warnings:
            print(f"let op: {warning}")
        for change in outcome.changes:
            print(f"gewijzigd ({outcome.rater}): {change}")
    _print_stale(console, stale)
    if refresh_finals:
        console.print(
            f"final_scores.csv geschreven: {len(finals)} eindscores"
            + (f"; {len(pending)} verschil(len) wachten nog op consensus" if pending else "")
        )
    if report.rejected:
        print(
            f"{len(report.rejected)} bestand(en) afgekeurd: er is niets uit geïmporteerd. "
            "Verbeter de genoemde cellen en importeer opnieuw.",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    return EXIT_OK


# ---- omslag agreement ----------------------------------------------------------------------


def cmd_agreement(args: argparse.Namespace) -> int:
    from rich.table import Table

    from omslag.ratings.outputs import write_agreement
    from omslag.ratings.stale import refresh_stale

    context = _context(args)
    with _store(args, context) as store:
        rows = write_agreement(store, context, delimiter=args.delimiter)
        stale = refresh_stale(store, context)
    console = _console()
    table = Table(title=f"Overeenstemming tussen beoordelaars — {context.run_dir / 'agreement.csv'}")
    for column in ("indicator", "plannen", "% gelijk", "% binnen 1", "κ kwadratisch", "α ordinaal", "AC2", "κ", "AC1"):
        table.add_column(column, justify="right" if column != "indicator" else "left")
    for row in rows:
        table.add_row(
            row.indicator,
            str(row.n_plans),
            _fmt(row.pct_exact),
            _fmt(row.pct_within_1),
            _fmt(row.kappa_quadratic),
            _fmt(row.alpha_ordinal),
            _fmt(row.gwet_ac2),
            _fmt(row.kappa),
            _fmt(row.gwet_ac1),
        )
    console.print(table)
    if all(row.n_plans == 0 for row in rows):
        console.print(
            "[yellow]nog geen plan door twee beoordelaars gescoord[/]: importeer eerst de bladen (omslag import)"
        )
    console.print("– = niet te berekenen (te weinig plannen, of geen spreiding in de niveaus)")
    _print_stale(console, stale)
    return EXIT_OK


# ---- omslag consensus ----------------------------------------------------------------------


def cmd_consensus(args: argparse.Namespace) -> int:
    from rich.table import Table

    from omslag.ratings.outputs import write_consensus_sheet, write_final_scores
    from omslag.ratings.stale import refresh_stale

    context = _context(args)
    with _store(args, context) as store:
        disputes, writes = write_consensus_sheet(store, context, delimiter=args.delimiter)
        finals, pending = write_final_scores(store, context, delimiter=args.delimiter)
        stale = refresh_stale(store, context)
    console = _console()
    if disputes:
        table = Table(title=f"Te bespreken verschillen ({len(disputes)})")
        for column in ("plan", "indicator", "beoordelingen", "reden", "voorlopig"):
            table.add_column(column, overflow="fold")
        for d in disputes:
            table.add_row(d.plan_id, d.indicator, d.rater_levels, d.reason, d.provisional_level)
        console.print(table)
        for w in writes:
            if w.outcome == "kept-edited":
                console.print(
                    f"[yellow]consensusblad wordt al ingevuld, niet aangeraakt:[/] {w.edited_path}"
                    + (f"; nieuwe versie ernaast: {w.path.name}" if w.new_version else "")
                )
            else:
                console.print(f"consensusblad: {w.path} ({'geschreven' if w.outcome == 'written' else 'ongewijzigd'})")
    else:
        console.print("geen openstaande verschillen: er is geen consensusblad nodig")
    counts = {basis: sum(f.basis == basis for f in finals) for basis in ("agreed", "consensus", "single_rater")}
    console.print(
        f"final_scores.csv: {len(finals)} eindscores (eens: {counts['agreed']}, consensus: {counts['consensus']}, "
        f"één beoordelaar: {counts['single_rater']}); {len(pending)} wachten op consensus"
    )
    _print_stale(console, stale)
    return EXIT_OK


# ---- omslag calibrate ----------------------------------------------------------------------


def cmd_calibrate(args: argparse.Namespace) -> int:
    from rich.table import Table

    from omslag.ratings.calibration import confusion_matrix
    from omslag.ratings.outputs import write_calibration, write_rule_feedback

    context = _context(args)
    with _store(args, context) as store:
        rows, missed, finals = write_calibration(store, context, delimiter=args.delimiter)
        feedback, judged = write_rule_feedback(store, context, delimiter=args.delimiter)
    console = _console()
    summary = Table(title=f"Voorlopige scores van omslag tegen de eindscores — {context.run_dir / 'calibration.csv'}")
    for column in ("indicator", "plannen", "% gelijk", "% binnen 1", "gem. afwijking", "bias", "κ"):
        summary.add_column(column, justify="right" if column != "indicator" else "left")
    by = {(r.indicator, r.measure): r.value for r in rows}
    for indicator in context.indicator_kinds:
        summary.add_row(
            indicator,
            _fmt(by.get((indicator, "n_plans"))),
            _fmt(by.get((indicator, "pct_exact"))),
            _fmt(by.get((indicator, "pct_within_1"))),
            _fmt(by.get((indicator, "mae"))),
            _fmt(by.get((indicator, "bias"))),
            _fmt(by.get((indicator, "kappa_quadratic"), by.get((indicator, "kappa")))),
        )
    console.print(summary)
    for indicator in context.indicator_kinds:
        levels, cells = confusion_matrix(rows, indicator)
        if not any(cells.values()):
            continue
        matrix = Table(title=f"{indicator}: voorlopig (rij) × eind (kolom)")
        matrix.add_column("voorlopig")
        for level in levels:
            matrix.add_column(level, justify="right")
        for p_level in levels:
            matrix.add_row(p_level, *[str(cells[(p_level, f)]) if cells[(p_level, f)] else "·" for f in levels])
        console.print(matrix)
    console.print(f"missed_evidence.csv: {len(missed)} door beoordelaars toegevoegd bewijs dat omslag niet voorstelde")
    _print_rule_feedback(console, feedback, judged, context.run_dir / "rule_feedback.csv")
    if not finals:
        console.print("[yellow]nog geen eindscores[/]: importeer de bladen en draai omslag consensus")
    return EXIT_OK


def _print_rule_feedback(console, feedback: list, judged: int, path: Path) -> None:
    """The summary line of rule_feedback.csv and the terms raters reject most, for an analyst."""
    from rich.table import Table

    from omslag.ratings.rule_feedback import most_rejected

    rules = sum(1 for r in feedback if not r.term)
    console.print(f"{path.name}: {judged} oordelen (relevant ja/nee) over de zinnen van {rules} regels van de rubric")
    worst = most_rejected(feedback)
    if not worst:
        return
    table = Table(title="Termen die beoordelaars het vaakst niet relevant vinden (minstens 5 oordelen)")
    for column in ("regel", "term", "oordelen", "nee", "aandeel nee", "voorbeeld"):
        table.add_column(column, justify="right" if column in ("oordelen", "nee", "aandeel nee") else "left")
    for row in worst:
        table.add_row(
            row.rule_id,
            row.term,
            str(row.rows_judged),
            str(row.relevant_nee),
            f"{round(100 * row.share_nee)}%",
            row.example_nee[:80],
        )
    console.print(table)


# ---- registration --------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser, *, store: bool = True) -> None:
    parser.add_argument("run_dir", metavar="RUN_MAP", help="map van een run (uitvoer van omslag run)")
    parser.add_argument(
        "--rubric", metavar="BESTAND", help="rubric-YAML (standaard: de meegeleverde rules/rubric.yaml)"
    )
    add_delimiter_option(parser)
    if store:
        parser.add_argument(
            "--store", metavar="BESTAND", help="SQLite-bestand met de beoordelingen (standaard RUN_DIR/ratings.sqlite)"
        )


def register(sub) -> None:
    """Add the round-trip subcommands to the `omslag` parser."""
    p = sub.add_parser("sheets", help="beoordelingsbladen per beoordelaar per plan (XLSX en CSV)")
    _common(p, store=False)
    p.add_argument("--raters", metavar="NAMEN", help="beoordelaars, met komma's: anna,bram")
    p.add_argument("--blind", action="store_true", help="zonder voorlopige niveaus, onderbouwing en kenmerken")
    p.add_argument("--release-hints", action="store_true", help="na blind beoordelen: hints naast de bladen zetten")
    p.add_argument("--plans", metavar="PLAN_IDS", help="alleen deze plannen (plan_id's met komma's)")
    p.add_argument("--format", default="xlsx,csv", metavar="FORMAAT", help="xlsx, csv of xlsx,csv (standaard beide)")
    p.set_defaults(func=cmd_sheets)

    p = sub.add_parser("import", help="ingevulde bladen (CSV/XLSX, ook consensusblad) inlezen")
    _common(p)
    p.add_argument("paths", nargs="+", help="bestanden en/of mappen (mappen worden doorzocht)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("agreement", help="overeenstemming tussen beoordelaars → agreement.csv")
    _common(p)
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("consensus", help="consensusblad voor de verschillen en final_scores.csv")
    _common(p)
    p.set_defaults(func=cmd_consensus)

    p = sub.add_parser(
        "calibrate", help="voorlopige scores tegen eindscores → calibration.csv, missed_evidence.csv, rule_feedback.csv"
    )
    _common(p)
    p.set_defaults(func=cmd_calibrate)
