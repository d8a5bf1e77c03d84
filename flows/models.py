"""Stage: flows — the run summary the flow returns and writes to `run.json`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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
    seconds: float
