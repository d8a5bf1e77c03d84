"""Stage: flows — the Prefect flow that runs a corpus folder end to end.

Wiring only: plan the batch around the cache (`batch.runner.prepare_run`), one task per
document that needs work (extract → rules, in an isolated child process: `batch.isolation`),
then `batch.assemble`: record each outcome in the cache as it arrives (`collect`) and write the
run's tables, rater sheets and run.json (`assemble_run`). The logic lives in `extract`, `rules`,
`sheets` and `batch`.

Task runners, chosen when a run starts (never at import): by default a thread pool with one
thread per core (or OMSLAG_WORKERS); each thread drives its own child process, so documents run
in parallel processes and pdfium never sees two threads. `corpus_flow(dask_address=...)` (or
OMSLAG_DASK_ADDRESS, e.g. in a deployment's job variables) runs the same flow on a Dask cluster.

Ctrl-C: the command line calls `batch.isolation.stop_all()`; running documents end without a
result and the rest start no child, so the flow returns quickly with the finished documents
assembled and `RunSummary.interrupted` set.

Costs to keep in mind (measured on this machine, see docs/benchmarks.md): a flow against a
running Prefect server costs ≈ 1 s; without one a temporary server starts first (≈ 8–20 s);
a task costs ≈ 20–60 ms of orchestration, so tasks are per document, never per page, and
cached documents get no task.
"""

from __future__ import annotations

import os
import time
from typing import Any, cast

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from omslag.batch.assemble import assemble_run, collect
from omslag.batch.isolation import retry_unless_stopping, stopping
from omslag.batch.models import DocumentJob, DocumentOutcome, Limits, RunSummary
from omslag.batch.runner import DEFAULT_OUTPUTS, discover_pdfs, prepare_run
from omslag.sheets.csvio import DEFAULT_DELIMITER

__all__ = ["DEFAULT_OUTPUTS", "corpus_flow", "discover_pdfs", "process_document", "run_corpus"]


def default_workers() -> int:
    """OMSLAG_WORKERS (a deployment's job variables can set it), else one per core."""
    return int(os.environ.get("OMSLAG_WORKERS") or os.cpu_count() or 1)


def default_task_runner():
    """The task runner OMSLAG_DASK_ADDRESS / OMSLAG_WORKERS ask for, read now."""
    address = os.environ.get("OMSLAG_DASK_ADDRESS")
    if address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=address)
    return ThreadPoolTaskRunner(max_workers=default_workers())


class RunTimeTaskRunner(ThreadPoolTaskRunner):
    """The flow's default task runner: Prefect duplicates a flow's task runner when a run starts,
    and this one then becomes the runner the environment asks for at that moment (a deployment
    sets OMSLAG_WORKERS or OMSLAG_DASK_ADDRESS in its job variables)."""

    def duplicate(self):
        return default_task_runner()


# NO_CACHE: Prefect's own caching keys on inputs; ours keys on file hash + rubric + code
# (batch.cache) and is checked before a task is made. retries=1: a crashed task (a bug, not bad
# input: bad input comes back as a status) gets one more try, unless the batch is stopping.
@task(
    name="process-document",
    retries=1,
    retry_delay_seconds=1,
    retry_condition_fn=retry_unless_stopping,
    cache_policy=NO_CACHE,
)
def process_document(job: DocumentJob) -> DocumentOutcome | None:
    """One document in its child process; None when the batch was stopped (Ctrl-C) first."""
    # imported here: a task sent to a Dask worker is pickled with the globals it uses
    from omslag.batch.isolation import Interrupted, run_isolated

    try:
        return run_isolated(job)
    except Interrupted:
        return None


# The flow's body uses functions and classes only (no module-level objects such as locks):
# on a Dask cluster Prefect sends the flow, pickled by value, with every task's context.
# Prefect types a task runner by its futures; ours are plain thread and Dask runners (cast).
@flow(name="omslag-run", task_runner=cast("TaskRunner[Any]", RunTimeTaskRunner()), validate_parameters=True)
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
    started = time.perf_counter()
    plan, rubric_model = prepare_run(
        corpus,
        out,
        rubric,
        ocr=ocr,
        limits=Limits(memory_mb=memory_mb, no_progress_seconds=no_progress_seconds),
        cache_dir=cache_dir,
        use_cache=use_cache,
        sheets_for_non_plans=sheets_for_non_plans,
    )
    logger = get_run_logger()  # developers' log (English); users read the command line's lines
    logger.info(
        "%d PDF files in %s: %d cached, %d to process; outputs in %s",
        plan.documents,
        plan.corpus_dir,
        len(plan.reused),
        len(plan.jobs),
        plan.out_dir,
    )
    futures = {process_document.submit(job): job for job in plan.jobs}
    results = collect(
        plan, futures, as_completed, on_error=lambda job, exc: logger.error("%s: task failed: %s", job.file, exc)
    )
    return assemble_run(plan, results, rubric_model, delimiter=delimiter, started=started, interrupted=stopping())


def corpus_flow(workers: int | None = None, dask_address: str | None = None):
    """`run_corpus` with the task runner chosen now: the Dask cluster at `dask_address` (or
    OMSLAG_DASK_ADDRESS), else `workers` local processes (or OMSLAG_WORKERS, else one per core),
    one thread each driving a child process."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return run_corpus.with_options(task_runner=cast("TaskRunner[Any]", DaskTaskRunner(address=dask_address)))
    if workers:
        return run_corpus.with_options(task_runner=cast("TaskRunner[Any]", ThreadPoolTaskRunner(max_workers=workers)))
    return run_corpus  # RunTimeTaskRunner: the environment decides when the run starts


def drain_prefect_queues() -> None:
    """Send Prefect's queued events and log lines to the server now (the command line calls
    this before it exits without the interpreter's slow teardown)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    EventsWorker.drain_all()
    APILogWorker.drain_all()
