"""Stage: batch — the typed boundaries between the flow, the per-document worker and the run.

`DocumentJob` is everything a worker process needs to handle one document; `DocumentOutcome`
is what comes back. Both cross process (and, on a Dask cluster, machine) boundaries as JSON.
`RunSummary` is what a whole run returns and writes to `run.json` (`batch.assemble`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from omslag.extract.models import Document, DocumentMeta, ExtractOptions
from omslag.rules.models import DocumentResult


class Limits(BaseModel):
    """Resource limits for one document's child process."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    memory_mb: int = Field(
        default=2048,
        ge=256,
        description="Address-space cap of the child process (RLIMIT_AS). The rules stage needs ≈ 400 MB.",
    )
    no_progress_seconds: float = Field(
        default=120.0,
        gt=0,
        description="The child is stopped when it reports no progress (a page read, a page OCR'd) for this long.",
    )

    def covers(self, other: Limits) -> bool:
        """True when these limits are at least as generous as `other`."""
        return self.memory_mb >= other.memory_mb and self.no_progress_seconds >= other.no_progress_seconds


class DocumentJob(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="Absolute path of the file to read.")
    file: str = Field(description="File name relative to the corpus folder.")
    plan_id: str
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    sha256: str = Field(description="sha256 of the file's bytes, computed when the batch was planned.")
    rubric_path: str
    options: ExtractOptions = Field(default_factory=ExtractOptions)
    limits: Limits = Field(default_factory=Limits)
    extraction: Document | None = Field(
        default=None,
        description="A cached extraction to reuse: only the rules stage runs (the rubric or the rules changed).",
    )


class DocumentOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    result: DocumentResult = Field(description="Rules-stage output (page texts dropped).")
    extraction: Document | None = Field(
        default=None,
        description="The full extraction (with page texts) when it was made by this job, for the cache.",
    )
    nlp_pipeline: str = Field(default="", description="The Dutch NLP pipeline the rules stage used.")
    peak_rss_mb: float = Field(
        default=0.0, description="Peak resident memory of the child process so far (its lifetime, all its documents)."
    )
    from_cache: str = Field(
        default="",
        description="'' (all work done now), 'extraction' (rules re-run on a cached extraction) or 'result'.",
    )


class FailedDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str
    status: str
    error: str


class RunSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    corpus: str
    out_dir: str
    rubric_version: str
    rubric_path: str = Field(default="", description="The rubric file the run used (the report reads its vocabulary).")
    nlp_pipeline: str
    documents: int
    pages: int = Field(description="Pages in all PDFs that could be opened.")
    text_pages: int = Field(description="Pages whose text the rules read.")
    evidence_per_indicator: dict[str, int]
    status_counts: dict[str, int]
    failures: list[FailedDocument] = Field(description="Documents that are not SUCCESS, with the reason.")
    sheets_written: int
    sheets_kept_edited: list[str] = Field(description="Sheets a rater changed; new versions were written beside them.")
    sheets_stale: list[str] = Field(
        default_factory=list,
        description="Rater sheets (edited, or imported into ratings.sqlite) made from evidence or a rubric "
        "version that has changed since.",
    )
    manifest_problems: list[str] = Field(default_factory=list)
    documents_from_cache: int = Field(default=0, description="Documents whose results were reused unchanged.")
    documents_rules_only: int = Field(
        default=0, description="Documents whose cached extraction was reused; only the rules stage ran."
    )
    documents_processed: int = Field(default=0, description="Documents extracted and analysed in this run.")
    interrupted: bool = Field(
        default=False, description="The run was stopped (Ctrl-C); the tables hold the documents finished so far."
    )
    documents_unfinished: list[str] = Field(
        default_factory=list, description="Files not finished when the run was stopped; a re-run does them."
    )
    seconds: float

    @property
    def unreadable(self) -> list[FailedDocument]:
        """Documents with no text for the rules (not SUCCESS, OCR or PARTIAL): the run's exit code says so."""
        from omslag.extract.models import ExtractionStatus

        return [f for f in self.failures if not ExtractionStatus(f.status).usable]
