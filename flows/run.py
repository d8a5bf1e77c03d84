"""Stage: flows — the Prefect flow that runs a corpus folder end to end.

Wiring only: plan the batch around the cache (`batch.runner`), one task per document that
needs work (extract → rules, in an isolated child process: `batch.isolation`), record each
outcome in the cache as it arrives, then write the run's tables and rater sheets. The logic
lives in `extract`, `rules`, `sheets` and `batch`.

Task runners: by default a thread pool with one thread per core; each thread drives its own
child process, so documents run in parallel processes and pdfium never sees two threads.
`corpus_flow(dask_address=...)` runs the same flow on a Dask cluster (prefect-dask).

Costs to keep in mind (measured on this machine, see docs/benchmarks.md): the first flow in a
process starts Prefect's temporary local server (≈ 8–20 s); a task costs ≈ 20–60 ms of
orchestration, so tasks are per document, never per page, and cached documents get no task.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from omslag.batch.models import DocumentJob, DocumentOutcome, Limits
from omslag.batch.runner import BatchSettings, discover_pdfs, failed_outcome, plan_batch
from omslag.extract.models import ExtractionStatus, ExtractOptions
from omslag.flows.models import FailedDocument, RunSummary
from omslag.ratings.stale import refresh_stale_ratings
from omslag.rules.models import INDICATORS, DocumentResult
from omslag.rules.rubric import DEFAULT_RUBRIC_PATH, load_rubric
from omslag.sheets.csvio import DEFAULT_DELIMITER, write_bytes_atomic
from omslag.sheets.rater_sheet import sheet_rows, stamp_for, write_rater_sheets
from omslag.sheets.tables import write_run_tables

DEFAULT_OUTPUTS = Path("outputs")
DEFAULT_WORKERS = os.cpu_count() or 1


def _default_task_runner():
    """Thread per core (each thread drives one child process); a deployment's job variables
    can choose instead: OMSLAG_DASK_ADDRESS (a Dask scheduler) or OMSLAG_WORKERS."""
    address = os.environ.get("OMSLAG_DASK_ADDRESS")
    if address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=address)
    return ThreadPoolTaskRunner(max_workers=int(os.environ.get("OMSLAG_WORKERS") or DEFAULT_WORKERS))


__all__ = ["corpus_flow", "discover_pdfs", "process_document", "run_corpus"]


# NO_CACHE: Prefect's own caching keys on inputs; ours keys on file hash + rubric + code
# (batch.cache) and is checked before a task is made. retries=1: a crashed task (a bug, not bad
# input: bad input comes back as a status) gets one more try.
@task(name="process-document", retries=1, retry_delay_seconds=1, cache_policy=NO_CACHE)
def process_document(job: DocumentJob) -> DocumentOutcome:
    from omslag.batch.isolation import run_isolated

    return run_isolated(job)


@flow(name="omslag-run", task_runner=_default_task_runner(), validate_parameters=True)
def run_corpus(
    corpus: str,
    out: str | None = None,
    rubric: str | None = None,
    delimiter: str = DEFAULT_DELIMITER,
    cache_dir: str | None = None,
    use_cache: bool = True,
    ocr: bool = True,
    memory_mb: int = Limits().memory_mb,
    no_progress_seconds: float = Limits().no_progress_seconds,
    sheets_for_non_plans: bool = False,
) -> RunSummary:
    """Run every PDF in `corpus` through extraction and the rubric; write the outputs to `out`."""
    logger = get_run_logger()
    started = time.perf_counter()
    corpus_dir = Path(corpus).resolve()
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")
    out_dir = Path(out) if out else DEFAULT_OUTPUTS / corpus_dir.name
    out_dir.mkdir(parents=True, exist_ok=True)
    rubric_path = str(Path(rubric).resolve() if rubric else DEFAULT_RUBRIC_PATH)
    rubric_model = load_rubric(rubric_path)  # fail fast on a bad rubric, before any document

    settings = BatchSettings(
        rubric_path=rubric_path,
        options=ExtractOptions(ocr=ocr),
        limits=Limits(memory_mb=memory_mb, no_progress_seconds=no_progress_seconds),
        cache_dir=cache_dir,
        use_cache=use_cache,
    )
    plan = plan_batch(corpus_dir, out_dir, settings)
    manifest = plan.manifest
    for problem in manifest.problems:
        logger.warning(problem)
    rules_only = sum(1 for job in plan.jobs if job.extraction is not None)
    logger.info(
        "%d PDF files in %s; %d from the cache, %d need the rules stage only, %d to process; outputs in %s",
        plan.documents,
        corpus_dir,
        len(plan.reused),
        rules_only,
        len(plan.jobs) - rules_only,
        out_dir,
    )

    futures = {process_document.submit(job): job for job in plan.jobs}
    results: list[DocumentResult] = list(plan.reused)
    for done, future in enumerate(as_completed(list(futures)), start=1):
        job = futures[future]
        try:
            outcome = future.result()
        except Exception as exc:  # keep the batch going; the row says what happened
            logger.error("%s: %s", job.file, exc)
            outcome = failed_outcome(job, exc)
        result = plan.record(job, outcome)  # cached now: a killed batch resumes after this one
        doc = result.document
        logger.info(
            "[%d/%d] %s: %s, %d pages, %d evidence%s",
            done,
            len(futures),
            job.file,
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
    # documents that are not plans (rules.relevance) get no rater sheet unless asked for
    sheets = {
        r.document.plan_id: sheet_rows(rubric_model, r.document.plan_id, r.evidence, r.scores, r.metadata)
        for r in results
        if r.document.status.usable and (sheets_for_non_plans or r.relevance is None or r.relevance.is_plan)
    }
    stamps = {
        r.document.plan_id: stamp_for(r.evidence, rubric_model.version) for r in results if r.document.plan_id in sheets
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
        rubric_version=rubric_model.version,
        nlp_pipeline=plan.nlp_pipeline,
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
        documents_from_cache=plan.counts["from_cache"],
        documents_rules_only=plan.counts["rules_only"],
        documents_processed=plan.counts["processed"],
        seconds=round(time.perf_counter() - started, 2),
    )
    write_bytes_atomic(out_dir / "run.json", summary.model_dump_json(indent=2).encode("utf-8"))
    return summary


def corpus_flow(workers: int | None = None, dask_address: str | None = None):
    """`run_corpus` with the task runner chosen at run time: `workers` local processes (one
    thread each driving a child process), or the Dask cluster at `dask_address`."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return run_corpus.with_options(task_runner=DaskTaskRunner(address=dask_address))
    if workers:
        return run_corpus.with_options(task_runner=ThreadPoolTaskRunner(max_workers=workers))
    return run_corpus
