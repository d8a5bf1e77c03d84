"""Stage: flows — the Prefect flow that runs a corpus folder end to end.

Wiring only: discover files, one task per document (extract → rules), then write the run's
tables and rater sheets. The logic lives in `extract`, `rules` and `sheets`.

Costs to keep in mind (measured on this machine, see docs/benchmarks.md): the first flow in a
process starts Prefect's temporary local server (≈ 8–20 s); a task costs ≈ 20–60 ms of
orchestration, so tasks are per document, never per page.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from extract.manifest import plan_id_from_name, read_manifest
from extract.models import Document, DocumentMeta, ExtractionStatus
from extract.pdf import extract_document
from flows.models import FailedDocument, RunSummary
from rules.analyse import analyse_document
from rules.matching import finder_for
from rules.models import INDICATORS, DocumentResult
from rules.nlp import pipeline_name
from ratings.stale import refresh_stale_ratings
from rules.rubric import DEFAULT_RUBRIC_PATH
from sheets.csvio import DEFAULT_DELIMITER, write_bytes_atomic
from sheets.rater_sheet import sheet_rows, stamp_for, write_rater_sheets
from sheets.tables import write_run_tables

DEFAULT_OUTPUTS = Path("outputs")


def discover_pdfs(corpus: Path) -> list[Path]:
    """Every *.pdf (any case) directly in the folder or below it, in a stable order."""
    return sorted(
        (p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf" and not p.name.startswith(".")),
        key=lambda p: str(p.relative_to(corpus)).lower(),
    )


# NO_CACHE: inputs are paths, and a changed file at the same path must be read again.
# Result caching keyed by file hash + rubric + code version is a separate, explicit step.
@task(name="process-document", retries=1, retry_delay_seconds=1, cache_policy=NO_CACHE)
def process_document(path: str, file: str, plan_id: str, meta: dict, rubric_path: str) -> DocumentResult:
    finder = finder_for(rubric_path)
    started = time.perf_counter()
    document = extract_document(Path(path), file=file, plan_id=plan_id, meta=DocumentMeta(**meta))
    return analyse_document(document, finder, seconds_extract=time.perf_counter() - started)


def _failed_result(file: str, plan_id: str, exc: BaseException) -> DocumentResult:
    """A task that crashed (a bug, not bad input) still gets its row in documents.csv."""
    return DocumentResult(
        document=Document(
            doc_id="",
            file=file,
            plan_id=plan_id,
            status=ExtractionStatus.ERROR,
            error=f"internal error while processing: {type(exc).__name__}: {exc}",
        )
    )


@flow(name="omslag-run", task_runner=ThreadPoolTaskRunner(max_workers=1), validate_parameters=True)
def run_corpus(
    corpus: str,
    out: str | None = None,
    rubric: str | None = None,
    delimiter: str = DEFAULT_DELIMITER,
) -> RunSummary:
    """Run every PDF in `corpus` through extraction and the rubric; write the outputs to `out`."""
    # One worker thread: pdfium is not thread-safe. Parallelism over documents comes from
    # processes, never threads around pdfium.
    logger = get_run_logger()
    started = time.perf_counter()
    corpus_dir = Path(corpus).resolve()
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")
    out_dir = Path(out) if out else DEFAULT_OUTPUTS / corpus_dir.name
    out_dir.mkdir(parents=True, exist_ok=True)
    rubric_path = str(Path(rubric).resolve() if rubric else DEFAULT_RUBRIC_PATH)
    finder = finder_for(rubric_path)  # fail fast on a bad rubric, before any document

    manifest = read_manifest(corpus_dir)
    for problem in manifest.problems:
        logger.warning(problem)
    files = discover_pdfs(corpus_dir)
    logger.info("%d PDF files in %s; outputs in %s", len(files), corpus_dir, out_dir)

    futures = {}
    seen_ids: Counter[str] = Counter()
    for path in files:
        rel = str(path.relative_to(corpus_dir))
        plan_id, meta = manifest.lookup(rel)
        plan_id = plan_id or plan_id_from_name(rel)
        seen_ids[plan_id] += 1
        if seen_ids[plan_id] > 1:  # two files with the same stem in different folders
            plan_id = f"{plan_id}-{seen_ids[plan_id]}"
        future = process_document.submit(str(path), rel, plan_id, meta.model_dump(exclude_none=True), rubric_path)
        futures[future] = (rel, plan_id)

    results: list[DocumentResult] = []
    for done, future in enumerate(as_completed(list(futures)), start=1):
        rel, plan_id = futures[future]
        try:
            result = future.result()
        except Exception as exc:  # keep the batch going; the row says what happened
            logger.error("%s: %s", rel, exc)
            result = _failed_result(rel, plan_id, exc)
        doc = result.document
        logger.info(
            "[%d/%d] %s: %s, %d pages, %d evidence%s",
            done,
            len(futures),
            rel,
            doc.status.value,
            doc.page_count,
            len(result.evidence),
            f" — {doc.error}" if doc.error else "",
        )
        results.append(result)

    results.sort(key=lambda r: r.document.file.lower())
    documents = [r.document for r in results]
    evidence = [e for r in results for e in r.evidence]
    write_run_tables(out_dir, results, delimiter=delimiter)
    sheets = {
        r.document.plan_id: sheet_rows(finder.rubric, r.document.plan_id, r.evidence, r.scores, r.metadata)
        for r in results
        if r.document.status.usable
    }
    stamps = {
        r.document.plan_id: stamp_for(r.evidence, finder.rubric.version) for r in results if r.document.status.usable
    }
    sheet_results = write_rater_sheets(out_dir / "sheets", sheets, delimiter=delimiter, stamps=stamps)
    for item in sheet_results:
        if item.outcome == "kept-edited":
            logger.warning(
                "sheet %s was edited by a rater: left untouched%s%s",
                item.edited_path,
                f", new version written to {item.path}" if item.new_version else "",
                " (STALE: made from other evidence or rubric version)" if item.stale else "",
            )
    # Ratings imported from sheets whose evidence or rubric changed are flagged in the store.
    stale_in_store = refresh_stale_ratings(out_dir)

    per_indicator = Counter(e.indicator for e in evidence)
    summary = RunSummary(
        corpus=str(corpus_dir),
        out_dir=str(out_dir),
        rubric_version=finder.rubric.version,
        nlp_pipeline=pipeline_name(finder.nlp),
        documents=len(documents),
        pages=sum(d.page_count for d in documents),
        text_pages=sum(r.text_pages for r in results),
        evidence_per_indicator={name: per_indicator.get(name, 0) for name in INDICATORS},
        status_counts=dict(Counter(d.status.value for d in documents)),
        failures=[
            FailedDocument(file=d.file, status=d.status.value, error=d.error or "")
            for d in documents
            if d.status is not ExtractionStatus.SUCCESS
        ],
        sheets_written=sum(1 for s in sheet_results if s.outcome == "written"),
        sheets_kept_edited=[str(s.edited_path) for s in sheet_results if s.outcome == "kept-edited"],
        sheets_stale=[str(s.edited_path) for s in sheet_results if s.outcome == "kept-edited" and s.stale]
        + stale_in_store,
        manifest_problems=manifest.problems,
        seconds=round(time.perf_counter() - started, 2),
    )
    write_bytes_atomic(out_dir / "run.json", summary.model_dump_json(indent=2).encode("utf-8"))
    return summary
