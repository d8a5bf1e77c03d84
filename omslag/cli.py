"""omslag: beleidsplannen lezen, bewijs zoeken, voorlopig scoren en beoordelingsbladen maken.

Stage: entry point. Parses arguments, picks the Prefect server (`prefect_server`), calls the flow
or, when every document is cached, assembles the run without Prefect; shows progress and the
summary (`console`). No logic of its own. Everything users read is Dutch; exit codes are in
`console` and the README.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

from omslag import __version__, prefect_env
from omslag.console import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    RunProgress,
    closing_line,
    exit_code,
    make_console,
    plural,
    print_summary,
)
from omslag.options import add_delimiter_option, dutch


class _Interrupts:
    """What Ctrl-C does depends on the moment: before the batch runs it ends the command at
    once (nothing was changed); while it runs it stops the batch, which then writes what
    finished (see `batch.isolation.stop_all`); a second Ctrl-C leaves immediately."""

    def __init__(self):
        self.batch_running = False
        self.count = 0
        self.on_hard_exit = None

    def handler(self, signum, frame) -> None:
        self.count += 1
        if not self.batch_running:
            raise KeyboardInterrupt
        from omslag.batch.isolation import stop_all

        if self.count == 1:
            # in a thread: the main thread may be inside code that holds the pool's lock
            threading.Thread(target=stop_all, daemon=True).start()
            print(
                "\nomslag: stoppen … (de klare documenten worden bewaard; nog eens Ctrl-C: direct stoppen)",
                file=sys.stderr,
                flush=True,
            )
            return
        stop_all()
        if self.on_hard_exit:
            self.on_hard_exit()
        print(
            "omslag: direct gestopt; de tabellen zijn niet bijgewerkt, de cache bewaart de klare documenten. "
            "Start dezelfde opdracht opnieuw om verder te gaan.",
            file=sys.stderr,
            flush=True,
        )
        os._exit(EXIT_INTERRUPTED)


INTERRUPTS = _Interrupts()


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"omslag: {message}", file=sys.stderr)
    return code


def _check_run_args(args: argparse.Namespace) -> int | None:
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        return _fail(f"map niet gevonden: {corpus}")
    from omslag.batch.runner import discover_pdfs

    if not discover_pdfs(corpus):
        return _fail(f"geen PDF-bestanden in {corpus} (ook niet in submappen)")
    if args.workers is not None and args.workers < 1:
        return _fail("--workers moet 1 of meer zijn")
    if args.workers and args.dask:
        return _fail("gebruik --workers of --dask, niet allebei (Dask kiest zijn eigen workers)")
    from omslag.rules.rubric import RubricError, load_rubric

    if args.rubric:
        try:
            load_rubric(args.rubric)
        except RubricError as exc:
            return _fail(str(exc))
    return None


def cmd_run(args: argparse.Namespace) -> int:
    refused = _check_run_args(args)
    if refused is not None:
        return refused
    prefect_env.apply(verbose=args.verbose)
    from omslag.batch.assemble import assemble_run
    from omslag.batch.models import Limits
    from omslag.batch.runner import prepare_run

    console = make_console()
    started = time.perf_counter()
    plan, rubric = prepare_run(
        args.corpus,
        args.out,
        args.rubric,
        ocr=not args.no_ocr,
        limits=Limits(memory_mb=args.memory_limit_mb, no_progress_seconds=args.timeout),
        cache_dir=args.cache_dir,
        use_cache=not args.no_cache,
        sheets_for_non_plans=args.sheets_for_non_plans,
    )
    rules_only = sum(1 for job in plan.jobs if job.extraction is not None)
    console.print(
        f"{plural(plan.documents, 'PDF-bestand', 'PDF-bestanden')} in {args.corpus}: {len(plan.reused)} uit de cache, "
        f"{rules_only} alleen de regels opnieuw, {len(plan.jobs) - rules_only} te lezen"
    )
    prefect = ""
    if not plan.jobs:
        # Nothing to extract or analyse: no Prefect at all (its start would cost seconds for
        # nothing); the outputs are rewritten from the cache, as a run would.
        console.print("Niets nieuws te doen: alle documenten komen uit de cache.")
        summary = assemble_run(plan, plan.reused, rubric, delimiter=args.delimiter, started=started)
    else:
        summary, prefect = _run_flow(args, console, len(plan.jobs))
        if summary is None:
            return EXIT_ERROR
    if not summary.interrupted:  # after Ctrl-C: the one line below says what was done
        print_summary(console, summary, prefect=prefect)
    console.print(closing_line(summary, args.corpus), markup=False, soft_wrap=True)
    return exit_code(summary)


def _run_flow(args: argparse.Namespace, console, jobs: int):
    from omslag import prefect_server
    from omslag.batch import progress

    try:
        connection = prefect_server.connect()
    except prefect_server.ServerError as exc:
        _fail(str(exc), EXIT_ERROR)
        return None, ""
    console.print(f"Prefect: {connection.describe()}", markup=False)
    INTERRUPTS.on_hard_exit = connection.stop
    try:
        from omslag.flows.run import corpus_flow

        run_corpus = corpus_flow(workers=args.workers, dask_address=args.dask)
        bar = RunProgress(console, jobs)
        progress.add_listener(bar)
        INTERRUPTS.batch_running = True
        try:
            with bar:
                summary = run_corpus(
                    corpus=str(args.corpus),
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
        finally:
            INTERRUPTS.batch_running = False
            progress.remove_listener(bar)
    except Exception as exc:  # Prefect unreachable, a bug: one Dutch line (the details with --verbose)
        if args.verbose:
            raise
        _fail(f"de run is mislukt: {type(exc).__name__}: {exc} (meer details met --verbose)", EXIT_ERROR)
        return None, ""
    finally:
        connection.stop()
    return summary, connection.describe()


def _looks_like_run(path: str) -> bool:
    return (Path(path) / "documents.csv").is_file()


def cmd_explain(args: argparse.Namespace) -> int:
    from omslag.sheets.explain import ExplainError, explain

    run_dir, plan_id = args.run_dir, args.plan_id
    if not _looks_like_run(run_dir) and _looks_like_run(plan_id):
        run_dir, plan_id = plan_id, run_dir
        print(
            "omslag: let op: de volgorde is nu `omslag explain RUN_MAP PLAN_ID`, zoals bij de andere opdrachten; "
            "de oude volgorde werkt nog één versie.",
            file=sys.stderr,
        )
    try:
        explanation = explain(Path(run_dir), plan_id, top=args.top)
    except ExplainError as exc:
        return _fail(str(exc))
    console = make_console()
    console.print(f"[bold]{explanation.plan_id}[/] ({explanation.file}, {explanation.status})")
    for key, value in explanation.facts.items():
        console.print(f"  {key}: {value}", markup=False)
    for item in explanation.indicators:
        cap = f", begrensd door {item.capped_by}" if item.capped_by else ""
        console.print(f"\n[bold]{item.indicator}: niveau {item.level}[/] — regel {item.rule_id}{cap}")
        console.print(f"  {item.rationale}", markup=False)
        for ev in item.evidence:
            mark = "*" if ev.decided else " "
            flags = f" [{', '.join(ev.flags)}]" if ev.flags else ""
            console.print(f"  {mark} p.{ev.page} {ev.evidence_id} {ev.signal_label}{flags}", markup=False)
            console.print(f"      {ev.text}", markup=False)
        if item.evidence_total > len(item.evidence):
            console.print(f"    … en {item.evidence_total - len(item.evidence)} meer in evidence.csv")
    return EXIT_OK


def cmd_server(args: argparse.Namespace) -> int:
    from omslag import prefect_server

    if args.cleanup is None:
        prefect_env.apply(verbose=True)
        return prefect_server.serve(args.host, args.port)
    if args.cleanup < 0:
        return _fail("--cleanup: geef een aantal dagen (0 of meer)")
    prefect_env.apply()
    try:
        connection = prefect_server.connect()
    except prefect_server.ServerError as exc:
        return _fail(str(exc), EXIT_ERROR)
    try:
        from omslag.flows.maintenance import delete_old_flow_runs

        deleted = delete_old_flow_runs(args.cleanup)
    finally:
        connection.stop()
    print(f"omslag: {plural(deleted, 'Prefect-run', 'Prefect-runs')} ouder dan {args.cleanup:g} dagen verwijderd")
    if connection.mode == "temporary":  # no server uses the database now: give the space back
        print(f"omslag: {prefect_server.compact_database()}")
    return EXIT_OK


def _register_run(sub) -> None:
    run = sub.add_parser(
        "run",
        help="alle PDF's in een map lezen, bewijs zoeken, voorlopig scoren; tabellen en bladen schrijven",
        description="Leest elke PDF in de map (ook in submappen), zoekt bewijs volgens de rubric, scoort "
        "voorlopig en schrijft tabellen en beoordelingsbladen. Wat al gedaan is komt uit de cache.",
    )
    run.add_argument("corpus", metavar="MAP", help="map met PDF's (en eventueel manifest.tsv)")
    run.add_argument("--out", metavar="MAP", help="uitvoermap (standaard: outputs/<naam van de map>)")
    run.add_argument("--rubric", metavar="BESTAND", help="rubric-YAML (standaard: de meegeleverde rules/rubric.yaml)")
    add_delimiter_option(run)
    run.add_argument("--verbose", action="store_true", help="ook de meldingen van Prefect tonen (voor ontwikkelaars)")
    scale = run.add_argument_group("schaal en robuustheid (zie docs/scaling.md)")
    scale.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="documenten tegelijk, elk in een eigen proces (standaard: één per processorkern)",
    )
    scale.add_argument(
        "--dask",
        metavar="ADRES",
        help="de documenten op deze Dask-scheduler verwerken (bijv. tcp://10.0.0.5:8786) in plaats van lokaal",
    )
    scale.add_argument(
        "--cache-dir",
        metavar="MAP",
        help="waar resultaten per document bewaard blijven (standaard: <out>/.omslag-cache)",
    )
    scale.add_argument("--no-cache", action="store_true", help="elk document opnieuw doen (de cache wordt ververst)")
    scale.add_argument("--no-ocr", action="store_true", help="gescande pagina's niet met OCR lezen (status NEEDS_OCR)")
    scale.add_argument(
        "--memory-limit-mb",
        type=int,
        default=2048,
        metavar="MB",
        help="geheugengrens van het proces per document (standaard 2048)",
    )
    scale.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        metavar="SECONDEN",
        help="seconden zonder voortgang waarna een document wordt gestopt (standaard 120)",
    )
    run.add_argument(
        "--sheets-for-non-plans",
        action="store_true",
        help="ook beoordelingsbladen schrijven voor documenten die geen plan zijn (moties, verordeningen, …)",
    )
    run.set_defaults(func=cmd_run)


def _register_explain(sub) -> None:
    exp = sub.add_parser(
        "explain",
        help="per indicator: het niveau, de beslissende regels en het belangrijkste bewijs",
        description="Toont per indicator het voorlopige niveau, de regel die besliste, een eventuele begrenzing "
        "en het belangrijkste bewijs met paginanummers (beslissend bewijs eerst, met *).",
    )
    exp.add_argument("run_dir", metavar="RUN_MAP", help="uitvoermap van `omslag run`")
    exp.add_argument("plan_id", metavar="PLAN_ID", help="plan_id zoals in documents.csv")
    exp.add_argument("--top", type=int, default=5, metavar="N", help="bewijsfragmenten per indicator (standaard 5)")
    exp.set_defaults(func=cmd_explain)


def _register_server(sub) -> None:
    srv = sub.add_parser(
        "server",
        help="een blijvende Prefect-server starten (UI op http://127.0.0.1:4200); latere runs starten sneller",
        description="Start `prefect server start` op de voorgrond en onthoudt het adres: elke volgende "
        "omslag-opdracht gebruikt deze server (zonder eigen tijdelijke server, ≈ 8–20 s sneller). "
        "Runs ouder dan 14 dagen worden opgeruimd. Stoppen met Ctrl-C.",
    )
    srv.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1: alleen deze computer)")
    srv.add_argument("--port", type=int, default=4200, help="poort (standaard 4200)")
    srv.add_argument(
        "--cleanup",
        type=float,
        metavar="DAGEN",
        help="geen server starten, maar Prefect-runs ouder dan DAGEN dagen uit de database verwijderen "
        "(en de database verkleinen als er geen server draait)",
    )
    srv.set_defaults(func=cmd_server)


def build_parser() -> argparse.ArgumentParser:
    dutch()
    parser = argparse.ArgumentParser(
        prog="omslag",
        description=__doc__.splitlines()[0],
        epilog="Afsluitcodes: 0 alles gelezen; 3 klaar, maar niet alle documenten gelezen; "
        "2 verkeerd gebruik of lege map; 1 onverwachte fout; 130 onderbroken (Ctrl-C).",
    )
    parser.add_argument(
        "--version", action="version", version=f"omslag {__version__}", help="toon het versienummer en stop"
    )
    sub = parser.add_subparsers(dest="command", required=True, title="opdrachten", metavar="OPDRACHT")
    _register_run(sub)
    _register_explain(sub)
    _register_server(sub)
    from omslag import cmd_report

    cmd_report.register(sub)
    from omslag import cmd_ratings  # rater round trip: sheets, import, agreement, consensus, calibrate

    cmd_ratings.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, INTERRUPTS.handler) if in_main_thread else None
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except KeyboardInterrupt:
        print("\nomslag: onderbroken voordat er iets veranderd is.", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _finish_background_work() -> None:
    """What the interpreter's exit would do for us, done explicitly: idle document processes
    killed, Prefect's queued events and logs sent to the server."""
    if "omslag.batch.isolation" in sys.modules:
        sys.modules["omslag.batch.isolation"].POOL.close()
    if "prefect" in sys.modules:  # only when a flow ran: never import Prefect just to exit
        from omslag.flows.run import drain_prefect_queues

        drain_prefect_queues()


def entry() -> None:
    """The `omslag` console script: `main()`, then exit without the interpreter's teardown of
    Prefect's modules and threads (≈ 1 s after every run, for nothing: every output is written
    and synced, the cache too, and Prefect's queues are drained first)."""
    try:
        code = main()
    except SystemExit as exc:
        if not isinstance(exc.code, int | None):
            raise
        code = exc.code or 0
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a moment; the command's result is decided
    with contextlib.suppress(Exception):  # the outputs are complete; a late Prefect hiccup changes nothing
        _finish_background_work()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
