"""Stage: batch — a run's outputs from its per-document results, without Prefect.

`collect` is the one as-completed loop: it takes each finished document as it arrives,
records it in the cache at once (a stopped batch resumes after it) and tells the listeners
(`batch.progress`: the command line's progress bar). `assemble_run` then writes what a run
writes — the tables, the rater sheets with their stamps, the stale flags of imported ratings
and `run.json` — and returns the `RunSummary`. The Prefect flow (`flows.run`), the local runner
(`batch.runner.run_locally`), the command line's cached fast path and the benchmark all call
these two, so a run's outputs are made in one place.

A run stopped half-way (Ctrl-C) is assembled the same way from the documents that finished:
their rows are in the tables, their sheets written; `RunSummary.interrupted` and
`documents_unfinished` say what is missing.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from omslag.batch import progress
from omslag.batch.isolation import Interrupted
from omslag.batch.models import DocumentJob, DocumentOutcome, FailedDocument, RunSummary
from omslag.extract.models import ExtractionStatus
from omslag.rules.models import DocumentResult
from omslag.rules.rubric import Rubric
from omslag.sheets.csvio import DEFAULT_DELIMITER, write_bytes_atomic
from omslag.sheets.rater_sheet import sheet_rows, stamp_for, write_rater_sheets
from omslag.sheets.tables import write_run_tables
from omslag.sheets.targets_table import write_targets_table

if TYPE_CHECKING:
    from omslag.batch.runner import BatchPlan


def collect(
    plan: BatchPlan,
    futures: dict[Any, DocumentJob],
    as_completed: Callable[[list[Any]], Iterable[Any]],
    on_error: Callable[[DocumentJob, Exception], None] | None = None,
) -> list[DocumentResult]:
    """Record each job's outcome as its future completes; return the plan's cached results plus
    the new ones (sorted by file). `futures` maps a future (concurrent.futures or Prefect) to its
    job; a future whose `result()` is None or raises `Interrupted` was stopped by Ctrl-C and is
    left out (it is not cached, so a re-run does it)."""
    results: list[DocumentResult] = list(plan.reused)
    done = 0
    for future in as_completed(list(futures)):
        job = futures[future]
        try:
            outcome: DocumentOutcome | None = future.result()
        except Interrupted:
            outcome = None
        except Exception as exc:  # a crash (a bug, not bad input): the row says what happened
            if on_error:
                on_error(job, exc)
            from omslag.batch.runner import failed_outcome

            outcome = failed_outcome(job, exc)
        if outcome is None:
            plan.unfinished.append(job.file)
            continue
        result = plan.record(job, outcome)  # cached now: a stopped batch resumes after this one
        done += 1
        progress.document_done(result, done, len(futures), outcome.from_cache)
        results.append(result)
    results.sort(key=lambda r: r.document.file.lower())
    return results


def assemble_run(
    plan: BatchPlan,
    results: list[DocumentResult],
    rubric: Rubric,
    *,
    delimiter: str = DEFAULT_DELIMITER,
    started: float | None = None,
    interrupted: bool = False,
) -> RunSummary:
    """Write the run's tables, rater sheets and `run.json` from `results`; return the summary."""
    from omslag.ratings.stale import refresh_stale_ratings

    out_dir = plan.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    results = sorted(results, key=lambda r: r.document.file.lower())
    documents = [r.document for r in results]
    write_run_tables(out_dir, results, delimiter=delimiter)
    write_targets_table(out_dir, results, delimiter=delimiter)
    usable = [r for r in results if r.document.status.usable]
    # documents that are not plans (rules.relevance) get no rater sheet unless asked for
    with_sheet = [r for r in usable if plan.settings.sheets_for_non_plans or r.relevance is None or r.relevance.is_plan]
    sheets = {
        r.document.plan_id: sheet_rows(rubric, r.document.plan_id, r.evidence, r.scores, r.metadata) for r in with_sheet
    }
    stamps = {r.document.plan_id: stamp_for(r.evidence, rubric.version) for r in with_sheet}
    sheet_results = write_rater_sheets(out_dir / "sheets", sheets, delimiter=delimiter, stamps=stamps)
    # Ratings imported from sheets whose evidence or rubric changed are flagged in the store.
    stale_in_store = refresh_stale_ratings(out_dir)
    kept = [s for s in sheet_results if s.outcome == "kept-edited"]
    per_indicator = Counter(e.indicator for r in results for e in r.evidence)
    summary = RunSummary(
        corpus=str(plan.corpus_dir),
        out_dir=str(out_dir),
        rubric_version=rubric.version,
        rubric_path=str(Path(plan.settings.rubric_path).resolve()),
        nlp_pipeline=plan.nlp_pipeline,
        documents=len(documents),
        pages=sum(d.page_count for d in documents),
        text_pages=sum(r.text_pages for r in results),
        evidence_per_indicator={ind.id: per_indicator.get(ind.id, 0) for ind in rubric.indicators},
        status_counts=dict(Counter(d.status.value for d in documents)),
        failures=[
            FailedDocument(file=d.file, status=d.status.value, error=d.error or "")
            for d in documents
            if d.status is not ExtractionStatus.SUCCESS
        ],
        sheets_written=sum(1 for s in sheet_results if s.outcome == "written"),
        sheets_kept_edited=[str(s.edited_path) for s in kept],
        sheets_stale=[str(s.edited_path) for s in kept if s.stale] + stale_in_store,
        manifest_problems=plan.manifest.problems,
        documents_from_cache=plan.counts["from_cache"],
        documents_rules_only=plan.counts["rules_only"],
        documents_processed=plan.counts["processed"],
        interrupted=interrupted,
        documents_unfinished=sorted(plan.unfinished, key=str.lower),
        seconds=round(time.perf_counter() - started, 2) if started is not None else 0.0,
    )
    write_bytes_atomic(out_dir / "run.json", summary.model_dump_json(indent=2).encode("utf-8"))
    return summary
