"""The command line speaks Dutch to its users: every help text, the run's lines and summary,
its errors and closing line. A check for English words fails when an English user-facing
string creeps in; names (Prefect, PDF, CSV, …), option names, file names and code are allowed.
Also the exit codes of the README: 0 all read, 3 some documents unreadable, 2 usage errors and
a missing or empty folder."""

from __future__ import annotations

import re
import shutil

import pytest

from omslag import cli
from omslag.batch.models import FailedDocument, RunSummary
from omslag.console import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, closing_line, document_line
from tests.support import BAD_INPUT, DEMO

# Words that are English and not Dutch (so "is", "in", "of", "per", "document" are not here).
ENGLISH = {
    "the", "and", "to", "for", "with", "from", "are", "not", "file", "files", "folder", "default",
    "write", "writes", "output", "found", "cannot", "each", "every", "use", "show", "this", "help",
    "message", "exit", "optional", "arguments", "usage", "error", "when", "only", "which", "into",
    "or", "an", "by", "be", "will", "should", "must", "see", "instead", "both", "after", "before",
    "failed", "missing", "warning", "kept", "written", "pages", "page", "level", "levels", "sheet",
    "rater", "raters", "evidence", "documents", "read", "unreadable", "cached", "new", "seconds",
    "outputs", "process", "processed", "processing", "stopped", "memory", "while", "without",
    "could", "was", "were", "has", "have", "its", "it", "than", "more", "less", "all", "none",
    "done", "interrupted", "resume", "run's", "don't", "doesn't", "per-document",
}  # fmt: skip
# Names and identifiers users see as they are.
ALLOWED = {"Prefect", "PDF", "CSV", "XLSX", "YAML", "SQLite", "OCR", "Dask", "UI", "URL", "DOCX", "HTML", "Excel"}


def english_words(text: str) -> list[str]:
    text = re.sub(r"`[^`]*`", " ", text)  # commands and code
    text = re.sub(r"--?[a-z][\w-]*", " ", text)  # option names
    text = re.sub(r"\S*[/_.]\S*", " ", text)  # paths, file names, identifiers
    text = re.sub(r"\{[^}]*\}", " ", text)  # argparse's list of subcommands
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    return [w for w in words if w not in ALLOWED and w.lower() in ENGLISH]


def test_the_checker_finds_english():
    assert english_words("output folder of 'omslag run' (default: outputs/x)") == ["output", "folder", "default"]
    assert english_words("uitvoermap van `omslag run` (standaard: outputs/x); PDF en CSV") == []


def _parsers():
    parser = cli.build_parser()
    yield "omslag", parser
    for action in parser._subparsers._group_actions:
        yield from action.choices.items()


@pytest.mark.parametrize("name, parser", list(_parsers()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_help_text_is_dutch(name, parser):
    text = parser.format_help()
    assert english_words(text) == [], f"`omslag {name} --help` has English:\n{text}"


def test_delimiter_help_is_readable_and_tab_is_accepted():
    run = dict(_parsers())["run"]
    assert "{;" not in run.format_help() and "TEKEN" in run.format_help()
    args = cli.build_parser().parse_args(["run", "x", "--delimiter", "tab"])
    assert args.delimiter == "\t"


def test_argument_errors_are_dutch(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["run"])
    assert exit_info.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "fout:" in err and "ontbreken" in err and english_words(err) == [], err


def test_missing_and_empty_folders_are_usage_errors(tmp_path, capsys):
    assert cli.main(["run", str(tmp_path / "nergens")]) == EXIT_USAGE
    assert "map niet gevonden" in capsys.readouterr().err
    assert cli.main(["run", str(tmp_path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "geen PDF-bestanden" in err and english_words(err) == []


def test_cached_run_is_dutch_skips_prefect_and_exit_code_names_unreadable_files(tmp_path, capsys):
    """A batch with nothing new: no Prefect at all, the outputs rewritten, every line Dutch; a file
    that could not be read gives exit code 3 and is named."""
    from omslag.batch.runner import prepare_run, run_locally

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted(DEMO.glob("*.pdf"))[0], corpus)
    shutil.copy(BAD_INPUT / "NOT_PDF__html_page.pdf", corpus)
    out = tmp_path / "out"
    plan, _ = prepare_run(corpus, out)
    run_locally(plan, workers=1)  # fills the cache

    code = cli.main(["run", str(corpus), "--out", str(out)])
    printed = capsys.readouterr()
    assert code == EXIT_UNREADABLE
    assert "Niets nieuws te doen" in printed.out and "NOT_PDF__html_page.pdf" in printed.out
    assert (out / "documents.csv").is_file() and (out / "run.json").is_file()
    assert english_words(printed.out + printed.err) == [], printed.out
    assert "Prefect:" not in printed.out  # no server was looked for or started

    (corpus / "NOT_PDF__html_page.pdf").unlink()
    assert cli.main(["run", str(corpus), "--out", str(out)]) == EXIT_OK


def _summary(**update) -> RunSummary:
    base = dict(
        corpus="c",
        out_dir="outputs/c",
        rubric_version="1",
        nlp_pipeline="x",
        documents=3,
        pages=10,
        text_pages=10,
        evidence_per_indicator={},
        status_counts={},
        failures=[],
        sheets_written=0,
        sheets_kept_edited=[],
        seconds=1.0,
    )
    return RunSummary(**{**base, **update})


def test_closing_lines_and_document_lines_are_dutch():
    from omslag.extract.models import Document, ExtractionStatus
    from omslag.rules.models import DocumentResult

    lines = [
        closing_line(_summary(), "c"),
        closing_line(_summary(interrupted=True, documents_unfinished=["a.pdf"]), "c"),
        closing_line(_summary(failures=[FailedDocument(file="b.pdf", status="NOT_PDF", error="geen PDF")]), "c"),
    ]
    for status in ExtractionStatus:
        document = Document(doc_id="x", file="plan.pdf", plan_id="plan", status=status, error="reden")
        lines.append(document_line(DocumentResult(document=document), 1, 2))
    for line in lines:
        assert english_words(line) == [], line
