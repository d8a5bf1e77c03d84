"""Stage: entry point — what `omslag run` shows while it works and when it is done, in Dutch.

One line per finished document, a progress bar over the batch (documents and pages, with an
estimate of the time left), and the run summary as tables that fit the terminal: columns with
paths and reasons wrap, the others keep their width. Exit codes are defined here too, so the
README and the commands agree.
"""

from __future__ import annotations

import shutil
import sys
import threading

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

EXIT_OK = 0  # every document read
EXIT_ERROR = 1  # an unexpected error (a bug, Prefect unreachable): the message says what
EXIT_USAGE = 2  # wrong arguments, a missing or empty folder, an invalid rubric
EXIT_UNREADABLE = 3  # the run completed, but some documents could not be read (listed)
EXIT_INTERRUPTED = 130  # stopped with Ctrl-C (128 + SIGINT, as shells report it)

STATUS_WORDS = {
    "SUCCESS": "gelezen",
    "OCR": "gelezen met OCR",
    "PARTIAL": "deels gelezen",
    "NEEDS_OCR": "niet gelezen: OCR nodig",
    "GARBLED": "niet gelezen: onleesbare tekstlaag",
    "EMPTY": "leeg",
    "NOT_PDF": "niet gelezen: geen PDF",
    "TRUNCATED": "niet gelezen: beschadigd bestand",
    "PASSWORD_REQUIRED": "niet gelezen: wachtwoord nodig",
    "UNSUPPORTED": "niet gelezen: niet ondersteund",
    "RESOURCE_LIMIT": "gestopt: geheugen- of tijdslimiet",
    "ERROR": "niet gelezen: fout",
}


def make_console(stderr: bool = False) -> Console:
    """A console as wide as the terminal; when output goes to a file or pipe, as wide as the
    COLUMNS variable says, else 100 (rich's 80 cut tables short)."""
    width = None
    stream = sys.stderr if stderr else sys.stdout
    if not stream.isatty():
        width = shutil.get_terminal_size((100, 24)).columns
    return Console(stderr=stderr, width=width, highlight=False)


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def document_line(result, done: int, total: int, from_cache: str = "") -> str:
    doc = result.document
    words = STATUS_WORDS.get(doc.status.value, doc.status.value)
    parts = [f"[{done}/{total}] {doc.file}: {words}"]
    if doc.page_count:
        parts.append(plural(doc.page_count, "pagina", "pagina's"))
    if doc.status.usable:
        parts.append(plural(len(result.evidence), "bewijsfragment", "bewijsfragmenten"))
    if from_cache == "extraction":
        parts.append("tekst uit de cache, regels opnieuw")
    line = ", ".join(parts)
    if doc.error and not doc.status.usable:
        line += f" — {doc.error}"
    return line


class RunProgress:
    """A `batch.progress` listener: the bar and the per-document lines."""

    def __init__(self, console: Console, total: int):
        self.console = console
        self._lock = threading.Lock()
        self._pages: dict[str, int] = {}
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("documenten · {task.fields[pages]} pagina's"),
            TextColumn("· nog"),
            TimeRemainingColumn(),
            TextColumn("· bezig"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task("lezen", total=total, pages=0)

    def __enter__(self) -> RunProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def page(self, file: str, stage: str, page: int, pages: int) -> None:
        if stage not in ("extract", "ocr"):
            return
        with self._lock:
            self._pages[file] = max(self._pages.get(file, 0), page)
            total = sum(self._pages.values())
        self.progress.update(self.task, pages=total)

    def document(self, result, done: int, total: int, from_cache: str) -> None:
        with self._lock:
            self._pages[result.document.file] = result.document.page_count
            pages = sum(self._pages.values())
        try:
            self.console.print(document_line(result, done, total, from_cache), markup=False, soft_wrap=True)
            self.progress.update(self.task, completed=done, pages=pages)
        except OSError:  # output closed (e.g. piped into `head`): the batch itself goes on
            pass


def print_summary(console: Console, summary, *, prefect: str = "") -> None:
    table = Table(title=f"omslag run — {summary.corpus}", show_header=False, title_justify="left")
    table.add_column("wat", no_wrap=True)
    table.add_column("waarde", overflow="fold")
    table.add_row("documenten", str(summary.documents))
    table.add_row("pagina's (met tekst)", f"{summary.pages} ({summary.text_pages})")
    for name, count in summary.evidence_per_indicator.items():
        table.add_row(f"bewijs: {name}", str(count))  # the rubric's indicator ids are Dutch words
    table.add_row("status", ", ".join(f"{k}={v}" for k, v in sorted(summary.status_counts.items())))
    table.add_row(
        "uit cache / alleen regels / nieuw",
        f"{summary.documents_from_cache} / {summary.documents_rules_only} / {summary.documents_processed}",
    )
    table.add_row("bladen geschreven", str(summary.sheets_written))
    table.add_row("rubric / taalmodel", f"{summary.rubric_version} / {summary.nlp_pipeline}")
    table.add_row("seconden", f"{summary.seconds:.1f}")
    if prefect:
        table.add_row("Prefect", prefect)
    table.add_row("uitvoer", summary.out_dir)
    console.print(table)
    if summary.failures:
        failures = Table(title="Documenten die aandacht vragen", title_justify="left")
        failures.add_column("bestand", overflow="fold", ratio=2)
        failures.add_column("status", no_wrap=True)
        failures.add_column("reden", overflow="fold", ratio=3)
        for item in summary.failures:
            failures.add_row(item.file, item.status, item.error)
        console.print(failures)
    for path in summary.sheets_kept_edited:
        console.print(f"[yellow]ingevuld blad niet aangeraakt[/] {path} (een nieuwe versie staat ernaast)")
    for path in summary.sheets_stale:
        console.print(f"[red]verouderd blad[/] {path}: gemaakt met ander bewijs of een andere rubricversie")
    for problem in summary.manifest_problems:
        console.print(f"[yellow]manifest:[/] {problem}", markup=True)


def exit_code(summary) -> int:
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_UNREADABLE if summary.unreadable else EXIT_OK


def closing_line(summary, corpus_arg: str) -> str:
    """The one line that ends a run: what was done, and what to do next."""
    if summary.interrupted:
        finished = summary.documents
        return (
            f"omslag: onderbroken — {plural(finished, 'document', 'documenten')} klaar en in de tabellen "
            f"({summary.out_dir}), {len(summary.documents_unfinished)} niet afgemaakt. "
            f"Verder gaan: start `omslag run {corpus_arg}` opnieuw (wat klaar is komt uit de cache)."
        )
    unreadable = summary.unreadable
    if unreadable:
        return (
            f"omslag: klaar, maar {plural(len(unreadable), 'document kon', 'documenten konden')} niet gelezen "
            f"worden: {', '.join(f.file for f in unreadable)} (zie documents.csv)"
        )
    return (
        f"omslag: klaar — {plural(summary.documents, 'document', 'documenten')} gelezen; uitvoer in {summary.out_dir}"
    )
