"""Stage: batch — the typed boundary between the flow and the per-document worker.

`DocumentJob` is everything a worker process needs to handle one document; `DocumentOutcome`
is what comes back. Both cross process (and, on a Dask cluster, machine) boundaries as JSON.
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
