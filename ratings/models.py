"""Stage: ratings — typed boundaries of the rater round trip.

A filled sheet becomes a `RaterFile` (or a `ConsensusFile`) after validation; the store keeps
them; agreement, consensus and calibration produce `AgreementRow`, `FinalScore`,
`CalibrationRow`, `MissedEvidence` and `RuleFeedback`, one CSV row each.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Level = str  # "1".."5" for ordinal indicators, "ja"/"nee" for belangenbehartiging


class Problem(BaseModel):
    """One thing wrong in a file, located as precisely as the file allows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    where: str = Field(description="file:row:column (letter and name), or file:row, or file.")
    message: str = Field(description="Dutch: what is wrong and what to do.")

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class LevelEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    indicator: str
    level: Level | None = Field(description="None when the rater left the cell empty.")
    comment: str = ""
    where: str = Field(description="Location of the level cell, for later messages.")


class EvidenceJudgement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evidence_id: str
    relevant: Literal["ja", "nee"] | None
    comment: str = ""


class OwnEvidence(BaseModel):
    """Evidence a rater added herself: a page and a quote (what omslag may have missed)."""

    model_config = ConfigDict(extra="forbid")

    indicator: str | None
    page: int
    quote: str
    comment: str = ""
    where: str


class PlanRatings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_id: str
    stamp: str | None = Field(default=None, description="What the sheet was made from (rubric/evidence).")
    levels: list[LevelEntry] = Field(default_factory=list)
    judgements: list[EvidenceJudgement] = Field(default_factory=list)
    own_evidence: list[OwnEvidence] = Field(default_factory=list)


class RaterFile(BaseModel):
    """A validated rater sheet: who rated, and per plan what."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["rater"] = "rater"
    rater: str
    plans: list[PlanRatings]


class ConsensusDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_id: str
    indicator: str
    level: Level
    note: str = ""
    where: str


class ConsensusFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["consensus"] = "consensus"
    decided_by: str = Field(default="", description="Who decided, when the sheet says so.")
    decisions: list[ConsensusDecision]
    pending: int = Field(default=0, description="Rows still without a consensus level.")


class FileOutcome(BaseModel):
    """What `omslag import` did with one file."""

    model_config = ConfigDict(extra="forbid")

    path: str
    status: Literal["imported", "already-imported", "rejected", "skipped", "older"]
    kind: Literal["rater", "consensus", "unknown"] = "unknown"
    rater: str = ""
    plans: list[str] = Field(default_factory=list)
    levels: int = Field(default=0, description="Filled-in levels (or consensus decisions) in the file.")
    problems: list[Problem] = Field(default_factory=list, description="Errors: the file was not imported.")
    warnings: list[Problem] = Field(default_factory=list, description="Imported, but worth a look.")
    changes: list[str] = Field(default_factory=list, description="Levels that differ from the rater's previous file.")
    stale_plans: list[str] = Field(default_factory=list, description="Plans whose sheet was made from older evidence.")
    note: str = ""


class ImportReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    files: list[FileOutcome] = Field(default_factory=list)

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "rejected"]


class CurrentRating(BaseModel):
    """A rater's current level for a plan × indicator (from her newest imported file)."""

    model_config = ConfigDict(extra="forbid")

    plan_id: str
    indicator: str
    rater: str
    level: Level
    comment: str = ""
    import_id: int
    stale: bool = False


class AgreementRow(BaseModel):
    """One row of agreement.csv (columns as in notes/contracts.md)."""

    model_config = ConfigDict(extra="forbid")

    indicator: str
    n_plans: int = Field(description="Plans with levels from at least two raters.")
    pct_exact: float | None = Field(description="Percent (0–100) of rater pairs giving the same level.")
    pct_within_1: float | None = Field(description="Percent of rater pairs at most one level apart (ordinal).")
    kappa_quadratic: float | None = Field(description="Cohen's κ, quadratic weights (Conger's with >2 raters).")
    alpha_ordinal: float | None = Field(description="Krippendorff's α, ordinal metric.")
    gwet_ac2: float | None = Field(description="Gwet's AC2 with Gwet's ordinal weights.")
    kappa: float | None = Field(description="Cohen's κ, unweighted (ja/nee).")
    gwet_ac1: float | None = Field(description="Gwet's AC1 (ja/nee).")


class FinalScore(BaseModel):
    """One row of final_scores.csv."""

    model_config = ConfigDict(extra="forbid")

    plan_id: str
    indicator: str
    level: Level
    basis: Literal["agreed", "consensus", "single_rater"]
    rater_levels: str = Field(description='"anna=3 | bram=4"')
    note: str = ""


class Dispute(BaseModel):
    """A plan × indicator the raters must settle together (a consensus-sheet row)."""

    model_config = ConfigDict(extra="forbid")

    plan_id: str
    indicator: str
    rater_levels: str
    reason: str = Field(
        description="Dutch: 'verschil van 2 of meer' / 'woorden of daden (3 tegen 4)' / 'ja tegen nee'."
    )
    provisional_level: str = ""
    comments: str = Field(default="", description="The raters' comments on their levels.")


class CalibrationRow(BaseModel):
    """One row of calibration.csv (tidy: a summary measure or one confusion-matrix cell)."""

    model_config = ConfigDict(extra="forbid")

    indicator: str
    measure: str = Field(description="n_plans | pct_exact | pct_within_1 | mae | bias | kappa | confusion")
    provisional_level: str = ""
    final_level: str = ""
    value: float | None


class MissedEvidence(BaseModel):
    """One row of missed_evidence.csv: evidence a rater added that omslag did not propose."""

    model_config = ConfigDict(extra="forbid")

    plan_id: str
    indicator: str
    rater: str
    page: int
    quote: str
    comment: str
    best_evidence_id: str = Field(description="omslag's closest evidence on that page (any indicator), if any.")
    best_overlap: float | None = Field(description="Share (0–1) of the quote's words in that evidence.")
    note: str
    source_file: str


class RuleFeedback(BaseModel):
    """One row of rule_feedback.csv: how raters judged the sheet rows a rubric rule (or one of its
    terms) proposed."""

    model_config = ConfigDict(extra="forbid")

    indicator: str
    rule_id: str
    term: str = Field(description="A rubric term of the rule; empty on the row for the whole rule.")
    rows_judged: int = Field(description="Judgements (rater × sheet row) of rows this rule or term is in.")
    relevant_ja: int
    relevant_nee: int
    share_nee: float = Field(description="relevant_nee / rows_judged (0–1).")
    plans: int = Field(description="Plans with a judged row.")
    example_nee: str = Field(description="A sentence a rater judged not relevant (shortened), if any.")
