"""Stage: rules — the typed boundary between the rules stage and the outputs.

`Evidence` is one sentence that shows one signal of the rubric, with its page and offsets so
it can always be found back in the PDF; `Score` is a provisional level per indicator with the
rule and the evidence that decided it.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from omslag.extract.models import Document
from omslag.rules.targets import Target

# An indicator id of the rubric (rules/rubric.yaml, `indicators[].id`); rules.domain lists them.
IndicatorId = str


class MatchedTerm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(description="The words as they stand in the page text.")
    term: str = Field(description="The rubric term (phrase) that matched.")
    start: int = Field(description="Character offset in the cleaned page text.")
    end: int
    negated: bool = Field(default=False, description="A negation word stands just before it.")


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evidence_id: str = Field(description="Stable id: hash of (doc_id, rule_id, page, sentence span).")
    doc_id: str
    plan_id: str
    indicator: IndicatorId
    signal: str = Field(description="Signal id within the indicator (rubric).")
    signal_label: str = Field(description="Dutch label of the signal, for raters.")
    polarity: Literal["positive", "neutral", "counter"]
    rule_id: str = Field(description="<indicator>.<signal>: the rubric rule that produced this item.")
    page: int = Field(description="1-based page number in the PDF.")
    page_end: int | None = Field(
        default=None, description="Last page when the sentence runs on across a page break (None: one page)."
    )
    start: int = Field(description="Sentence start offset in the cleaned page text.")
    end: int
    sentence: str
    context_before: str = Field(description="The sentence before, on the same page.")
    context_after: str = Field(description="The sentence after, on the same page.")
    terms: list[MatchedTerm]
    negated: bool = Field(
        description="The matched term is negated (a negator's scope covers it; negated_by says which), "
        "or the sentence rejects a counter-signal."
    )
    concrete: bool = Field(
        description="A commitment: the plan's actor commits (present/future) with a number, amount, date or team."
    )
    intent_only: bool = Field(description="Only an intention: exploring, wishing, or wanting without a number.")
    pilot: bool = Field(description="Pilot or small-scale wording.")
    past: bool = Field(default=False, description="The sentence reports the past (an earlier plan's result).")
    statistic: bool = Field(default=False, description="A number in a descriptive or past clause: not a commitment.")
    negated_by: str = Field(default="", description="Why negated: the negator whose scope covers the term.")
    tense: str = Field(default="", description="Tense of the term's clause, read from its finite verb.")
    modal: str = Field(default="", description="The verb or adverb of intent that governs the term.")
    commitment: str = Field(default="", description="Why concrete or statistic: the numbers, dates, team.")
    prevention_type: str | None = None
    ladder_step: str | None = None
    topic_scope: Literal["sentence", "paragraph", "none"] = Field(
        default="none",
        description="Where homelessness is named for this sentence: in it, in its paragraph (or the "
        "heading above), or nowhere near (then it counts only inside a whole plan about homelessness).",
    )
    rubric_version: str


def stable_evidence_id(doc_id: str, rule_id: str, page: int, start: int, end: int) -> str:
    """Derived from content position, never from a counter, so re-runs and sheets join."""
    key = f"{doc_id}|{rule_id}|{page}|{start}|{end}".encode()
    return "ev-" + hashlib.sha1(key).hexdigest()[:12]


class Score(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str
    plan_id: str
    indicator: IndicatorId
    level: int | Literal["ja", "nee", "n.v.t."] = Field(
        description="1–5, ja/nee for advocacy, or n.v.t. for a document that is not a plan."
    )
    rule_id: str = Field(description="The level rule that decided the level.")
    capped_by: str | None = Field(default=None, description="Cap rule that lowered the level, if any.")
    uncapped_level: int | None = Field(default=None, description="Level before a cap applied.")
    evidence_ids: list[str] = Field(default_factory=list, description="Evidence that satisfied the rule.")
    cap_evidence_ids: list[str] = Field(
        default_factory=list, description="The cap's counter-signals (also in evidence_ids): what limits the level."
    )
    rationale: str = Field(description="Dutch: level, rule, and the evidence that decided it.")
    rubric_version: str


class Signatory(BaseModel):
    """A person who signs the plan or writes its foreword, with role and portfolio."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="As written: 'drs. M.L. (Marieke) Stoffels'.")
    role: str = Field(description="Role word (rubric signatures.roles), lower case: wethouder, burgemeester, …")
    portfolio: str = Field(default="", description="For a wethouder/gedeputeerde: 'Wonen en Volkshuisvesting'.")
    organisation: str = Field(default="", description="What follows: 'gemeente Zoutmeer, voorzitter'.")
    source: Literal["ondertekening", "voorwoord"]
    page: int
    wonen: bool = Field(description="Wonen in de portefeuille (decided from the portfolio only).")

    @property
    def display(self) -> str:
        role = " ".join(p for p in (self.role, self.portfolio) if p)
        return f"{self.name} ({role}{', ' + self.organisation if self.organisation else ''})"


class PlanMetadata(BaseModel):
    """Facts about the plan itself (not scored): when, what form, who signs, and how it relates
    to the national action plan."""

    model_config = ConfigDict(extra="forbid")

    plan_date: str | None = Field(default=None, description="ISO date of the plan, when known.")
    plan_date_source: Literal["manifest", "tekst", "onbekend"] = "onbekend"
    predates_nad: Literal["ja", "nee", "onbekend"] = Field(
        default="onbekend", description="Plan dated before the national action plan (December 2022)."
    )
    nad_reference: bool = Field(default=False, description="The plan refers to the national action plan.")
    nad_action_lines: list[str] = Field(
        default_factory=list, description="Ids of the national plan's action lines named."
    )
    signatories: list[str] = Field(default_factory=list, description="'Naam (wethouder Portefeuille, …)' per signer.")
    signers: list[Signatory] = Field(default_factory=list, description="Signatories with role and portfolio.")
    wethouder_wonen: bool = Field(
        default=False, description="A wethouder with Wonen in the portfolio signs or co-owns it."
    )
    plan_form: str = Field(
        description="A form id of the rubric (plan_metadata: forms, part_of_broader_plan or unknown_form)."
    )
    period_start: int | None = Field(default=None, description="First year the plan covers (2022 in '2022-2025').")
    period_end: int | None = Field(default=None, description="Last year the plan covers: when it expires.")
    period_source: Literal["manifest", "tekst", "onbekend"] = "onbekend"
    outcome_indicators: list[str] = Field(
        default_factory=list, description="Seed report outcome indicators the plan monitors or targets (ids)."
    )
    output_only: bool = Field(default=False, description="The plan speaks of monitoring but of no outcome indicator.")


NOT_APPLICABLE = "n.v.t."
RelevanceDecision = Literal["plan", "planonderdeel", "geen_plan"]


class Relevance(BaseModel):
    """Plan or not, decided before scoring (rules.relevance): a whole plan, a plan section
    inside another document (only `scored_pages` are scored), or not a plan (scores n.v.t.)."""

    model_config = ConfigDict(extra="forbid")

    decision: RelevanceDecision
    document_type: str = Field(description="Kind of document as recognised: begroting, motie, plan, …")
    reason: str = Field(description="Dutch: why the document is (not) scored as a plan.")
    scored_pages: list[int] = Field(
        default_factory=list, description="Pages that are scored; for a whole plan every text page."
    )
    topic_sentences: int = Field(default=0, description="Sentences naming homelessness or its services.")

    @property
    def is_plan(self) -> bool:
        return self.decision != "geen_plan"


class DocumentResult(BaseModel):
    """What the rules stage hands on for one document: the extraction outcome (page texts
    dropped, they are no longer needed), its evidence and its provisional scores."""

    model_config = ConfigDict(extra="forbid")

    document: Document
    evidence: list[Evidence] = Field(default_factory=list)
    scores: list[Score] = Field(default_factory=list)
    metadata: PlanMetadata | None = Field(default=None, description="None when the document had no readable text.")
    targets: list[Target] = Field(default_factory=list, description="Streefcijfers and baselines (targets.csv).")
    relevance: Relevance | None = Field(default=None, description="None when the document had no readable text.")
    text_pages: int = Field(default=0, description="Pages with text the rules could read.")
    seconds_extract: float = 0.0
    seconds_rules: float = 0.0
