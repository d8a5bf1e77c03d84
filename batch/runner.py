"""Stage: batch — planning a corpus run around the cache, and running it without Prefect.

`plan_batch` finds the PDFs, gives each a plan id, hashes it and looks it up in the cache:
documents whose rules-stage result is cached are done; documents whose extraction is cached
need only the rules stage (the rubric or the rules changed); the rest need everything. Each
outcome is written to the cache the moment it arrives (`BatchPlan.record`), so a batch that is
killed half-way resumes without redoing finished documents.

The Prefect flow (`flows.run`) submits `plan.jobs` as tasks; `run_locally` runs them on a plain
thread pool (each thread drives its own child process) for benchmarks and tests. Both hand the
finished documents to `batch.assemble` (`collect`, then `assemble_run`).
"""

from __future__ import annotations

import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from omslag.batch.cache import DEFAULT_CACHE_DIR_NAME, ResultCache, extraction_key, rules_key
from omslag.batch.models import DocumentJob, DocumentOutcome, Limits
from omslag.extract.manifest import Manifest, plan_id_from_name, read_manifest
from omslag.extract.models import Document, ExtractionStatus, ExtractOptions
from omslag.extract.pdf import sha256_file
from omslag.rules.models import DocumentResult
from omslag.rules.rubric import DEFAULT_RUBRIC_PATH, Rubric, load_rubric

DEFAULT_OUTPUTS = Path("outputs")

log = logging.getLogger("omslag.batch")


class BatchSettings(BaseModel):
    """How to run a batch; everything here that changes results is part of a cache key."""

    model_config = ConfigDict(extra="forbid")

    rubric_path: str
    options: ExtractOptions = Field(default_factory=ExtractOptions)
    limits: Limits = Field(default_factory=Limits)
    cache_dir: str | None = Field(default=None, description=f"Default: <out>/{DEFAULT_CACHE_DIR_NAME}.")
    use_cache: bool = Field(default=True, description="False: redo every document (the cache is still refreshed).")
    sheets_for_non_plans: bool = Field(
        default=False, description="Also write rater sheets for documents decided 'geen plan' (outputs only)."
    )


def discover_pdfs(corpus: Path) -> list[Path]:
    """Every *.pdf (any case) directly in the folder or below it, in a stable order."""
    return sorted(
        (p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf" and not p.name.startswith(".")),
        key=lambda p: str(p.relative_to(corpus)).lower(),
    )


@dataclass
class BatchPlan:
    corpus_dir: Path
    out_dir: Path
    settings: BatchSettings
    manifest: Manifest
    cache: ResultCache
    reused: list[DocumentResult] = field(default_factory=list)
    jobs: list[DocumentJob] = field(default_factory=list)
    nlp_pipelines: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)  # from_cache / rules_only / processed
    unfinished: list[str] = field(default_factory=list)  # files stopped by Ctrl-C, not in the cache
    _keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # file -> (extraction key, rules key)

    @property
    def documents(self) -> int:
        return len(self.reused) + len(self.jobs)

    def record(self, job: DocumentJob, outcome: DocumentOutcome) -> DocumentResult:
        """Keep one finished document in the cache (atomically) and return its result."""
        keys = self._keys.get(job.file)
        if keys is not None and job.sha256:
            extraction, rules = keys
            if outcome.extraction is not None:
                self.cache.put_extraction(extraction, outcome.extraction, job.limits)
            if outcome.result.document.status.usable:
                self.cache.put_result(rules, outcome.result, outcome.nlp_pipeline)
        if outcome.nlp_pipeline:
            self.nlp_pipelines[outcome.nlp_pipeline] += 1
        self.counts["rules_only" if job.extraction is not None else "processed"] += 1
        return outcome.result

    @property
    def nlp_pipeline(self) -> str:
        return self.nlp_pipelines.most_common(1)[0][0] if self.nlp_pipelines else "not needed (no readable document)"


def plan_batch(corpus_dir: Path, out_dir: Path, settings: BatchSettings) -> BatchPlan:
    cache_root = Path(settings.cache_dir) if settings.cache_dir else out_dir / DEFAULT_CACHE_DIR_NAME
    plan = BatchPlan(
        corpus_dir=corpus_dir,
        out_dir=out_dir,
        settings=settings,
        manifest=read_manifest(corpus_dir),
        cache=ResultCache(cache_root),
    )
    seen_ids: Counter[str] = Counter()
    for path in discover_pdfs(corpus_dir):
        rel = str(path.relative_to(corpus_dir))
        plan_id, meta = plan.manifest.lookup(rel)
        plan_id = plan_id or plan_id_from_name(rel)
        seen_ids[plan_id] += 1
        if seen_ids[plan_id] > 1:  # two files with the same stem in different folders
            plan_id = f"{plan_id}-{seen_ids[plan_id]}"
        try:
            sha256 = sha256_file(path)
        except OSError:
            sha256 = ""  # the worker reports the file as unreadable
        job = DocumentJob(
            path=str(path),
            file=rel,
            plan_id=plan_id,
            meta=meta,
            sha256=sha256,
            rubric_path=settings.rubric_path,
            options=settings.options,
            limits=settings.limits,
        )
        if not sha256:
            plan.jobs.append(job)
            continue
        ekey = extraction_key(sha256, settings.options)
        rkey = rules_key(ekey, Path(settings.rubric_path), plan_id, rel, meta)
        plan._keys[rel] = (ekey, rkey)
        if not settings.use_cache:
            plan.jobs.append(job)
            continue
        cached = plan.cache.get_result(rkey)
        if cached is not None:
            plan.reused.append(cached.result)
            plan.counts["from_cache"] += 1
            if cached.nlp_pipeline:
                plan.nlp_pipelines[cached.nlp_pipeline] += 1
            continue
        document = plan.cache.get_extraction(ekey, settings.limits)
        if document is None:
            plan.jobs.append(job)
        elif not document.status.usable:  # nothing for the rules stage: no child process needed
            plan.reused.append(DocumentResult(document=_relabel(document, job)))
            plan.counts["from_cache"] += 1
        else:
            plan.jobs.append(job.model_copy(update={"extraction": document}))
    return plan


def _relabel(document: Document, job: DocumentJob) -> Document:
    """A cached extraction under this run's file name, plan id and manifest data."""
    return document.model_copy(update={"file": job.file, "plan_id": job.plan_id, "meta": job.meta, "pages": []})


def failed_outcome(job: DocumentJob, exc: BaseException) -> DocumentOutcome:
    """A task that crashed (a bug, not bad input) still gets its row in documents.csv."""
    document = Document(
        doc_id=job.sha256,
        file=job.file,
        plan_id=job.plan_id,
        meta=job.meta,
        status=ExtractionStatus.ERROR,
        error=f"interne fout bij het verwerken: {type(exc).__name__}: {exc}",
    )
    return DocumentOutcome(result=DocumentResult(document=document))


def run_locally(plan: BatchPlan, workers: int = 1) -> list[DocumentResult]:
    """Run the plan's jobs on `workers` child processes (no Prefect); all results, sorted."""
    from omslag.batch.assemble import collect
    from omslag.batch.isolation import run_isolated

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(run_isolated, job): job for job in plan.jobs}
        return collect(plan, futures, as_completed)


def prepare_run(
    corpus: str | Path,
    out: str | Path | None = None,
    rubric: str | Path | None = None,
    *,
    ocr: bool = True,
    limits: Limits | None = None,
    cache_dir: str | None = None,
    use_cache: bool = True,
    sheets_for_non_plans: bool = False,
) -> tuple[BatchPlan, Rubric]:
    """Resolve a run's folders, load its rubric (an invalid one fails here, before any document)
    and plan the batch around the cache. The same for the flow and the command line."""
    corpus_dir = Path(corpus).resolve()
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"map met documenten niet gevonden: {corpus}")
    out_dir = Path(out) if out else DEFAULT_OUTPUTS / corpus_dir.name
    rubric_path = str(Path(rubric).resolve() if rubric else DEFAULT_RUBRIC_PATH)
    rubric_model = load_rubric(rubric_path)
    settings = BatchSettings(
        rubric_path=rubric_path,
        options=ExtractOptions(ocr=ocr),
        limits=limits or Limits(),
        cache_dir=cache_dir,
        use_cache=use_cache,
        sheets_for_non_plans=sheets_for_non_plans,
    )
    return plan_batch(corpus_dir, out_dir, settings), rubric_model
