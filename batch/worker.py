"""Stage: batch — the child process that extracts and analyses documents, one at a time.

Started by `batch.isolation` as `python -m batch.worker --memory-mb N`. It caps its own address
space first (RLIMIT_AS), so a hostile PDF that makes pdfium or pdfminer allocate gigabytes
fails inside this process and never takes the machine or the batch down. Then it serves jobs:
one `DocumentJob` as a JSON line on stdin, progress events and one result as JSON lines on
the original stdout (everything else anyone prints goes to stderr). The spaCy pipeline and the
rubric's matchers are built once per process and reused for every document.

Protocol, one JSON object per line:
    {"event": "progress", "stage": "extract"|"ocr"|"rules", "page": n, "pages": N}
    {"event": "result", "outcome": DocumentOutcome}
    {"event": "error", "kind": "memory"|"exception", "message": "..."}
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import traceback
from pathlib import Path


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class _Channel:
    def __init__(self, stream):
        self.stream = stream

    def send(self, message: dict) -> None:
        self.stream.write(json.dumps(message, ensure_ascii=False) + "\n")
        self.stream.flush()


def handle(job_json: str, channel: _Channel) -> None:
    from omslag.batch.models import DocumentJob, DocumentOutcome
    from omslag.extract.models import ExtractionStatus
    from omslag.extract.pdf import extract_document
    from omslag.rules.analyse import analyse_document
    from omslag.rules.matching import finder_for

    job = DocumentJob.model_validate_json(job_json)

    def progress(stage: str, page: int, pages: int) -> None:
        channel.send({"event": "progress", "stage": stage, "page": page, "pages": pages})

    started = time.perf_counter()
    fresh = None
    if job.extraction is not None:
        document = job.extraction.model_copy(update={"file": job.file, "plan_id": job.plan_id, "meta": job.meta})
        from_cache = "extraction"
    else:
        document = extract_document(
            Path(job.path), file=job.file, plan_id=job.plan_id, meta=job.meta, options=job.options, progress=progress
        )
        fresh = document
        from_cache = ""
    seconds_extract = time.perf_counter() - started
    progress("rules", 0, document.page_count)
    finder = finder_for(job.rubric_path) if document.status.usable else None
    if finder is None:
        from omslag.rules.models import DocumentResult

        slim = document.model_copy(update={"pages": []})
        result = DocumentResult(document=slim, seconds_extract=seconds_extract)
        nlp = ""
    else:
        result = analyse_document(document, finder, seconds_extract=seconds_extract)
        nlp = finder.pipeline_description()
    if document.status is ExtractionStatus.ERROR:
        fresh = None  # an unexpected error is not a result worth keeping
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    outcome = DocumentOutcome(
        result=result, extraction=fresh, nlp_pipeline=nlp, from_cache=from_cache, peak_rss_mb=round(peak, 1)
    )
    channel.send({"event": "result", "outcome": json.loads(outcome.model_dump_json())})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory-mb", type=int, required=True)
    args = parser.parse_args(argv)
    _limit_memory(args.memory_mb)
    # The protocol owns the real stdout; library prints go to stderr.
    channel = _Channel(os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8"))
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            handle(line, channel)
        except MemoryError:
            channel.send({"event": "error", "kind": "memory", "message": "MemoryError"})
            return 3  # the heap may be in pieces: let the parent start a fresh process
        except Exception as exc:
            detail = traceback.format_exc(limit=-3)
            channel.send({"event": "error", "kind": "exception", "message": f"{type(exc).__name__}: {exc}\n{detail}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
