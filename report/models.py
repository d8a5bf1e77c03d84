"""Stage: report — the typed boundaries of the findings report.

Input side: one model per row of the run folder's CSV files (documents, evidence, scores, and —
once the rater round trip has run — final_scores and agreement) plus the analysts' regions file.
Output side: `ReportData`, everything the templates show, and `Figure`, one number the reader
sees, with the basis it rests on (final rater scores or provisional tool output). The same
figures are written to `report_figures.json` so they can be checked against the CSVs.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from omslag.rules.domain import Domain
from omslag.rules.rubric import IndicatorReport

# The indicators, prevention types, ladder steps, plan forms, the national plan's date and the
# words/deeds line come from the rubric (rules.domain.Domain, carried in ReportData.domain).

Level = int | Literal["ja", "nee"]
Basis = Literal["definitief", "voorlopig", "gemengd", "inventaris"]
Recency = Literal["nieuw", "oud", "onbekend"]


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore")

    source_row: int = Field(description="Line number in the CSV file (header = 1), for error messages.")


class DocumentRow(Row):
    """One row of documents.csv. The issue-3 metadata columns are optional: older runs lack them."""

    file: str
    plan_id: str
    status: str = Field(description="Extraction status (SUCCESS, PARTIAL, NEEDS_OCR, NOT_PDF, …).")
    pages: int = 0
    error: str = ""
    warnings: str = ""
    region: str = ""
    centrumgemeente: str = Field(default="", description="From the corpus manifest; empty in older runs.")
    date: str = Field(default="", description="Plan date from the corpus manifest (ISO), may be empty.")
    doc_type: str = ""
    evidence: int = 0
    ocr_pages: str = Field(default="", description="Pages read by OCR, as '1-3, 7' (empty in older runs).")
    unread_pages: str = Field(default="", description="Pages with content that could not be read, as '4, 9'.")
    plan_date: str | None = Field(default=None, description="Plan date found in the text; None = column absent.")
    predates_nad: str | None = Field(default=None, description="ja/nee/onbekend; None = column absent.")
    nad_reference: str | None = None
    nad_action_lines: int | None = Field(default=None, description="0–6; None = column absent or cell empty.")
    signatories: str | None = None
    wethouder_wonen: str | None = None
    plan_form: str | None = None
    plan_period_start: int | None = Field(default=None, description="First year the plan covers; None = unknown.")
    plan_period_end: int | None = Field(default=None, description="Last year the plan covers: when it expires.")
    outcome_indicators: str | None = Field(default=None, description="'woonplekken | huisuitzettingen' (ids).")
    output_only: str | None = None
    relevance: str = Field(default="", description="plan, planonderdeel or geen_plan; empty in older runs.")
    document_type: str = ""
    relevance_reason: str = Field(default="", description="Dutch: why the document is (not) scored as a plan.")
    scored_pages: str = Field(default="", description="Pages scored, as '86-87, 91'.")

    @property
    def is_plan(self) -> bool:
        """Not decided 'geen plan' (rules.relevance): only plans count in 'N van de M plannen'."""
        return self.relevance != "geen_plan"

    @property
    def usable(self) -> bool:
        """Text could be read (wholly or partly), so the rules and raters could score it."""
        return self.status in ("SUCCESS", "OCR", "PARTIAL")


class EvidenceRow(Row):
    evidence_id: str
    plan_id: str
    indicator: str
    signal: str
    page: int
    text: str = Field(description="The sentence, matched terms marked «so».")
    context: str = ""
    rule_id: str = ""
    signal_label: str = ""
    polarity: Literal["positive", "neutral", "counter"]
    negated: bool = False
    concrete: bool = False
    intent_only: bool = False
    pilot: bool = False
    prevention_type: str = ""
    ladder_step: str = ""


class ScoreRow(Row):
    """A provisional level from scores.csv (the tool's proposal)."""

    plan_id: str
    indicator: str
    level: Level
    rationale: str = ""
    rule_id: str = ""
    evidence_ids: list[str] = Field(default_factory=list)


class FinalScoreRow(Row):
    """A final level from final_scores.csv (the raters' decision, issue 4)."""

    plan_id: str
    indicator: str
    level: Level
    basis: str = Field(default="", description="agreed | consensus | single_rater")
    rater_levels: str = ""
    note: str = ""


class AgreementRow(Row):
    indicator: str
    n_plans: int | None = None
    pct_exact: float | None = None
    pct_within_1: float | None = None
    kappa_quadratic: float | None = None
    alpha_ordinal: float | None = None
    gwet_ac2: float | None = None
    kappa: float | None = None
    gwet_ac1: float | None = None


class RegionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    region: str = Field(description="Region name as analysts write it, e.g. 'Regio Zwolle' or 'IJsselland'.")
    centrumgemeente: str = Field(description="The region's centre municipality.")
    source_row: int
    confidence: str = Field(default="", description="high / medium / low (regions file column); empty = not given.")
    note: str = Field(default="", description="The compiler's note on the row (why it is uncertain).")
    source_url: str = ""
    members: list[str] = Field(default_factory=list, description="Member municipalities, where the file names them.")

    @property
    def uncertain(self) -> bool:
        """medium/low confidence: the report marks the row so nobody publishes it unchecked."""
        return self.confidence.strip().lower() in {"medium", "low"}


class TargetRow(Row):
    """One row of targets.csv (issue 14): a streefcijfer or a past statistic (baseline)."""

    plan_id: str
    kind: Literal["target", "baseline"]
    indicator: str = ""
    unit: str
    unit_label: str = ""
    change: str = ""
    value: float | None = None
    value_text: str = ""
    direction: str = ""
    per_year: bool = False
    base_year: int | None = None
    base_value: float | None = None
    target_year: int | None = None
    scope: str = ""
    page: int
    sentence: str


class RunInfo(BaseModel):
    """What the report needs from run.json (tolerant: the report must open older runs too)."""

    model_config = ConfigDict(extra="ignore")

    corpus: str = ""
    out_dir: str = ""
    rubric_version: str = ""
    rubric_path: str = ""
    nlp_pipeline: str = ""
    documents: int | None = None


class RunData(BaseModel):
    """Everything read from one run folder, validated; bad rows are skipped and listed."""

    model_config = ConfigDict(extra="forbid")

    run_dir: str
    run: RunInfo
    documents: list[DocumentRow]
    evidence: list[EvidenceRow]
    scores: list[ScoreRow]
    final_scores: list[FinalScoreRow] = Field(default_factory=list)
    agreement: list[AgreementRow] = Field(default_factory=list)
    has_final_scores: bool = Field(description="final_scores.csv exists in the run folder.")
    has_agreement: bool = Field(description="agreement.csv exists in the run folder.")
    targets: list[TargetRow] = Field(default_factory=list)
    has_targets: bool = Field(default=False, description="targets.csv exists in the run folder (issue 14).")
    metadata_columns: list[str] = Field(description="Issue-3 metadata columns present in documents.csv.")
    problems: list[str] = Field(default_factory=list, description="Dutch: rows or files that could not be used.")


# ---------------------------------------------------------------------------------------------
# Output side


class Figure(BaseModel):
    """One number in the report. `value` is what the reader sees (a count, a percentage, a
    level); `numerator`/`denominator` say what it was computed from when it is a share."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Stable id, e.g. 'wonen.concreet' (also a data-figure attribute in the HTML).")
    label: str = Field(description="Dutch: what the number counts.")
    value: int | float | None = Field(description="None: could not be determined ('niet bepaald').")
    display: str = Field(description="The number as printed, e.g. '27%' or '10' or 'niet bepaald'.")
    numerator: int | None = None
    denominator: int | None = None
    basis: Basis
    basis_note: str = Field(default="", description="Dutch: e.g. '3 van 8 plannen definitief'.")


class PlanView(BaseModel):
    """One plan (document) as the report sees it, with the level it uses per indicator."""

    model_config = ConfigDict(extra="forbid")

    plan_id: str
    file: str
    region: str = Field(description="Region name as it stands in documents.csv.")
    region_key: str | None = Field(description="Matched region of the regions file; None = no match.")
    region_note: str = Field(default="", description="Dutch: why the match is doubtful or failed (ambiguous name …).")
    status: str
    usable: bool
    pages: int
    date: str | None = Field(description="Plan date used for nieuw/oud, ISO; None = unknown.")
    date_source: str = Field(description="Dutch: where the date comes from (plantekst / manifest / niet bepaald).")
    recency: Recency
    plan_form: str = Field(description="Dutch display of the plan form, or 'niet bepaald'.")
    doc_type: str
    levels: dict[str, Level | None] = Field(description="indicator → level used (final if any, else provisional).")
    final: dict[str, bool] = Field(description="indicator → True when the level is a final (rater) level.")
    wethouder_wonen: str | None
    nad_reference: str | None
    nad_action_lines: int | None
    period_start: int | None = None
    period_end: int | None = None
    outcome_indicators: list[str] | None = Field(default=None, description="None = column absent.")
    output_only: str | None = None
    relevance: str = Field(default="", description="plan, planonderdeel or geen_plan (documents.csv).")
    relevance_reason: str = ""
    scored_pages: str = ""


class Quote(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evidence_id: str
    plan_id: str
    region: str
    page: int
    text: str = Field(description="Sentence with matched terms marked «so».")
    context: str
    signal_label: str
    rule_id: str
    polarity: str
    concrete: bool
    level: Level | None = Field(description="The plan's level on this indicator (as used in the report).")
    level_final: bool
    pdf_link: str | None = Field(default=None, description="Relative link to the PDF at this page, when found.")


class CounterSignal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    signal: str
    label: str
    plans: int
    quotes: list[Quote]


class Chart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    alt: str = Field(description="Dutch text alternative for screen readers and when images are off.")
    svg_data_uri: str


class RegionLine(BaseModel):
    """One line of the per-region table: a region with one of its plans, or without a plan."""

    model_config = ConfigDict(extra="forbid")

    region: str
    centrumgemeente: str
    coverage: str = Field(description="nieuw | oud | datum onbekend | onleesbaar | geen plan | niet in regiobestand")
    plan: PlanView | None
    uncertain: bool = Field(default=False, description="The regions file marks the row medium/low confidence.")
    note: str = Field(default="", description="The regions file's note for an uncertain row.")


class ExtractionProblem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str
    plan_id: str
    region: str
    status: str
    status_nl: str
    detail_nl: str = Field(description="Dutch: what was not read and what that means for the scores.")
    raw: str = Field(description="The original error/warnings text from documents.csv.")
    complete: bool = Field(
        description="Every page was read (some perhaps with OCR): the problem is a warning, "
        "not text that is missing from the scores."
    )


class TargetLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_id: str
    region: str
    target: TargetRow
    pdf_link: str | None = None


class TargetTable(BaseModel):
    """The streefcijfers of one outcome indicator (or 'overig'), one line per number."""

    model_config = ConfigDict(extra="forbid")

    indicator: str
    label: str
    plans: int
    lines: list[TargetLine]


class TargetsSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tables: list[TargetTable]
    plans_without: list[PlanView] = Field(description="Scored plans with no streefcijfer at all.")
    outcome: dict[str, list[str]] = Field(description="outcome indicator id → plan ids that monitor or target it.")
    output_only: list[str] = Field(description="Plans that speak of monitoring but of no outcome indicator.")


class TimelineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    region: str
    plan_id: str
    start: int
    end: int
    form: str
    recency: str


class IndicatorSection(BaseModel):
    """An indicator's part of the report: its texts from the rubric (`report:`), and which of the
    extra tables it gets. Those follow the role the rubric gives the indicator (the one whose
    signals carry a prevention type, a ladder step, the wethouder Wonen signal), never its id."""

    model_config = ConfigDict(extra="forbid")

    indicator: str
    kind: Literal["ordinal", "yes_no"]
    text: IndicatorReport
    prevention_types: bool = False
    ladder_steps: bool = False
    signatories: bool = False
    parts: list[IndicatorSection] = Field(
        default_factory=list, description="ja/nee indicators shown within this section (report.within)."
    )


class ReportData(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    title: str
    domain: Domain = Field(description="The rubric's indicators and vocabulary the figures are built on.")
    generated: str
    run_dir: str
    run: RunInfo
    regions_file: str | None
    regions_total: int | None
    all_provisional: bool
    final_count: int
    provisional_count: int
    figures: dict[str, Figure]
    charts: dict[str, Chart]
    plans: list[PlanView]
    non_plans: list[PlanView] = Field(
        default_factory=list, description="Documents 'niet als plan beoordeeld', with the reason."
    )
    region_lines: list[RegionLine]
    unmatched_plans: list[PlanView]
    regions_without_plan: list[str]
    best_quotes: dict[str, list[Quote]]
    counter_signals: dict[str, list[CounterSignal]]
    cited: list[Quote] = Field(description="Every quoted evidence item, for the evidence register (anchors).")
    agreement: list[AgreementRow]
    extraction_problems: list[ExtractionProblem]
    metadata_columns: list[str]
    problems: list[str]
    indicator_names: dict[str, str]
    sections: list[IndicatorSection] = Field(description="One per indicator section, in the rubric's order.")
    indicator_texts: dict[str, IndicatorReport] = Field(description="indicator → its report texts (rubric).")
    level_names: dict[str, dict[str, str]]
    targets: TargetsSection | None = Field(default=None, description="None: the run has no targets.csv.")
    timeline: list[TimelineEntry] = Field(default_factory=list, description="Plans with a known period.")
    without_period: list[PlanView] = Field(default_factory=list, description="Scored plans without a period.")
    outcome_labels: dict[str, str] = Field(default_factory=dict)
