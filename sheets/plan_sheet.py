"""Stage: outputs — what a per-rater sheet shows for one plan, rebuilt from a run folder.

`omslag sheets` runs after `omslag run`, without re-reading the PDFs: it reads the run's
documents.csv, evidence.csv and scores.csv into one `PlanSheet` per plan, and the CSV and XLSX
writers render that. The `stamp` says what the sheet was made from (rubric version + the plan's
evidence ids): when it differs from the run's current stamp, a filled-in sheet is stale.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from omslag.rules.domain import Domain
from omslag.rules.rubric import Indicator, Rubric
from omslag.sheets.ranking import (
    TIER_MENTION,
    RankedIndicator,
    SentenceGroup,
    rank_indicator,
    score_info,
    signal_list,
)
from omslag.sheets.reader import SheetReadError, read_sheet

RUN_TABLES = ("documents.csv", "evidence.csv", "scores.csv")


class RunFolderError(ValueError):
    """The folder is not an omslag run folder (or one of its tables is unreadable)."""


class ScoreLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    indicator: str
    name: str = Field(description="Dutch indicator name from the rubric.")
    question: str
    kind: str = Field(description="ordinal (1–5) or yes_no (ja/nee).")
    levels: str = Field(description="Short Dutch list of the levels, '1 Achteruitgang · 2 Status quo …'.")
    provisional_level: str = Field(default="", description="omslag's provisional level, as text.")
    rationale: str = ""
    rule_id: str = ""


class EvidenceLine(BaseModel):
    """One sheet row of evidence: a sentence with all its signals for one indicator, or (kind
    `vermelding`) the folded neutral / weaker mentions of an indicator."""

    model_config = ConfigDict(extra="forbid")

    evidence_id: str = Field(description="Id of the sentence's strongest signal ('' on a folded row).")
    evidence_ids: list[str] = Field(description="Every evidence id the row stands for (a judgement covers all).")
    kind: Literal["bewijs", "vermelding"] = "bewijs"
    part: Literal["beslissend", "overig"] = Field(description="Beslissend view or Overig bewijs.")
    rank: int = Field(description="Rank within the plan × indicator: 1 is the most decisive.")
    indicator: str
    page: int = Field(description="Page where the sentence starts (first page of a folded row).")
    pages: str = Field(description="'4' or '4–5' (a sentence across a page break), or a folded row's page list.")
    signals: str = Field(description="Dutch signal labels, strongest first, joined by ' | '.")
    text: str = Field(description="The sentence, matched terms marked «…».")
    context: str
    flags: str = Field(description="Dutch context flags: concreet, alleen intentie, ontkend, …")
    why: str = Field(default="", description="Short Dutch reason for the rank: 'bepaalt niveau 4: …'.")
    rule_id: str


class PlanSheet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_id: str
    file: str = ""
    region: str = ""
    doc_type: str = ""
    date: str = ""
    pages: int | None = None
    facts: list[tuple[str, str]] = Field(
        default_factory=list, description="The plan's facts as omslag read them: (Dutch label, value)."
    )
    rubric_version: str
    stamp: str = Field(description="Fingerprint of rubric version + evidence ids: changes make filled sheets stale.")
    scores: list[ScoreLine]
    evidence: list[EvidenceLine]

    def lines(self, indicator: str, part: str) -> list[EvidenceLine]:
        return [e for e in self.evidence if e.indicator == indicator and e.part == part]


def plan_stamp(rubric_version: str, evidence_ids: list[str]) -> str:
    """'<rubric version>/<12 hex of the sorted evidence ids>': readable and comparable."""
    digest = hashlib.sha256("\n".join(sorted(evidence_ids)).encode("utf-8")).hexdigest()[:12]
    return f"{rubric_version}/{digest}"


def read_run_table(run_dir: Path, name: str) -> list[dict[str, str]]:
    """A run CSV as a list of dicts (we wrote it, but it may have been opened and re-saved)."""
    path = Path(run_dir) / name
    if not path.exists():
        raise RunFolderError(f"{path}: ontbreekt — is {run_dir} een map van `omslag run`?")
    try:
        parsed = read_sheet(path)
    except SheetReadError as exc:
        raise RunFolderError(str(exc)) from None
    (table,) = parsed.tables
    return [row.values for row in table.rows]


def _yes(value: object) -> bool:
    return value is True or str(value).strip().lower() in ("ja", "true", "1")


def flags_from_row(row: dict) -> str:
    """The Dutch 'kenmerken' of an evidence.csv row."""
    words = []

    def why(word: str, column: str) -> str:
        return f"{word} ({row[column]})" if row.get(column) else word

    if _yes(row.get("negated")):
        words.append(why("ontkend", "negated_by"))
    if _yes(row.get("concrete")):
        words.append(why("concreet", "commitment"))
    if _yes(row.get("statistic")):
        words.append(why("statistiek", "commitment"))
    if _yes(row.get("intent_only")):
        words.append(why("alleen intentie", "modal"))
    if _yes(row.get("pilot")):
        words.append("pilot/kleinschalig")
    if _yes(row.get("past")):
        words.append(why("verleden", "tense"))
    if row.get("polarity") == "counter":
        words.append("tegensignaal")
    if row.get("prevention_type"):
        words.append(f"preventie: {row['prevention_type']}")
    if row.get("ladder_step"):
        words.append(f"trede: {row['ladder_step']}")
    return ", ".join(words)


def _flags_of_group(items: list[dict]) -> str:
    return ", ".join(dict.fromkeys(word for item in items for word in flags_from_row(item).split(", ") if word))


_WHEN = {"ja": "vóór het NAD", "nee": "na het NAD", "onbekend": "datum onbekend"}


def plan_facts(document: dict, rubric: Rubric) -> list[tuple[str, str]]:
    """The plan's facts as omslag read them (a documents.csv row), as (Dutch label, value).

    One entry per fact, so a new documents.csv column becomes one more line here; the sheets
    show them in the plan row (CSV) and on the Instructies tab (XLSX)."""
    if not document.get("predates_nad") and not document.get("plan_form"):
        return []  # the document could not be read: nothing is known
    total = len(rubric.plan_metadata.action_lines)
    domain = Domain.from_rubric(rubric)
    yes_no = lambda key: "ja" if _yes(document.get(key)) else "nee"  # noqa: E731
    date = document.get("plan_date") or "onbekend"
    return [
        ("Datum", f"{date} ({_WHEN.get(str(document.get('predates_nad')), 'datum onbekend')})"),
        ("Vorm", domain.plan_form_label(str(document.get("plan_form") or domain.unknown_form))),
        ("Verwijst naar het NAD", yes_no("nad_reference")),
        ("NAD-actielijnen genoemd", f"{document.get('nad_action_lines') or 0} van {total}"),
        ("Ondertekend door", str(document.get("signatories") or "niet gevonden")),
        ("Wethouder Wonen ondertekent of is mede-eigenaar", yes_no("wethouder_wonen")),
        *_outcome_facts(document, rubric),
    ]


def _outcome_facts(document: dict, rubric: Rubric) -> list[tuple[str, str]]:
    """The plan period and the seed report's outcome indicators the plan monitors or targets."""
    start, end = document.get("plan_period_start"), document.get("plan_period_end")
    period = f"{start}–{end}" if start not in (None, "") and end not in (None, "") else "onbekend"
    outcome = rubric.plan_metadata.outcome_indicators
    labels = {i.id: i.label for i in outcome.indicators} if outcome else {}
    named = ", ".join(labels.get(i, i) for i in str(document.get("outcome_indicators") or "").split(" | ") if i)
    output_only = " (alleen proces/output)" if _yes(document.get("output_only")) else ""
    return [
        ("Planperiode", period),
        ("Uitkomstindicatoren gemonitord of met streefcijfer", (named or "geen") + output_only),
    ]


def describe_facts(facts: list[tuple[str, str]]) -> str:
    return " · ".join(f"{label}: {value}" for label, value in facts)


def level_summary(rubric: Rubric, indicator_id: str) -> str:
    indicator = rubric.indicator(indicator_id)
    if indicator.kind == "yes_no":
        return "ja · nee"
    return " · ".join(
        f"{key} {level.name}" for key, level in sorted(indicator.levels.items(), key=lambda kv: str(kv[0]))
    )


def _int(text: object) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None


def _pages(first: int, last: int) -> str:
    return str(first) if last <= first else f"{first}–{last}"


def _score_line(rubric: Rubric, indicator: Indicator, row: dict) -> ScoreLine:
    return ScoreLine(
        indicator=indicator.id,
        name=indicator.name,
        question=indicator.question,
        kind=indicator.kind,
        levels=level_summary(rubric, indicator.id),
        provisional_level=str(row.get("level", "")),
        rationale=str(row.get("rationale", "")),
        rule_id=str(row.get("rule_id", "")),
    )


def _evidence_line(group: SentenceGroup, indicator_id: str) -> EvidenceLine:
    """One sentence with all its signals, as ranked."""
    top = group.primary
    return EvidenceLine(
        evidence_id=top["evidence_id"],
        evidence_ids=group.evidence_ids,
        part="beslissend" if group.part == "beslissend" else "overig",
        rank=group.rank,
        indicator=indicator_id,
        page=group.page,
        pages=_pages(group.page, group.last_page),
        signals=signal_list(group),
        text=str(top.get("text", "")),
        context=str(top.get("context", "")),
        flags=_flags_of_group(group.items),
        why=group.why,
        rule_id=" | ".join(dict.fromkeys(str(i.get("rule_id", "")) for i in group.items)),
    )


def _folded_line(ranked: RankedIndicator, indicator_id: str) -> EvidenceLine:
    """The sentences not shown one by one, as a single line of mentions with their pages."""
    folded = ranked.folded
    return EvidenceLine(
        evidence_id="",
        evidence_ids=[i for g in folded for i in g.evidence_ids],
        kind="vermelding",
        part="overig",
        rank=folded[0].rank,
        indicator=indicator_id,
        page=min(g.page for g in folded),
        pages=ranked.folded_pages,
        signals=" | ".join(dict.fromkeys(signal_list(g).split(" | ")[0] for g in folded)),
        text=ranked.folded_text(),
        context="",
        flags="",
        why="alleen vermelding"
        if all(g.tier == TIER_MENTION for g in folded)
        else "niet apart getoond: lager in de rangorde",
        rule_id="",
    )


def build_plan_sheet(
    plan_id: str,
    evidence_rows: list[dict],
    score_rows: list[dict],
    rubric: Rubric,
    document: dict | None = None,
) -> PlanSheet:
    """The sheet of one plan from its run-table rows (evidence.csv / scores.csv / documents.csv
    as dicts): score lines, then per indicator its sentences ranked (sheets/ranking.py)."""
    document = document or {}
    order = {indicator.id: i for i, indicator in enumerate(rubric.indicators)}
    rubric_version = str(score_rows[0].get("rubric_version", "")) if score_rows else ""
    rubric_version = rubric_version or rubric.version
    evidence_by_id = {str(row.get("evidence_id")): row for row in evidence_rows if row.get("evidence_id")}
    score_lines: list[ScoreLine] = []
    evidence_lines: list[EvidenceLine] = []
    for row in sorted(score_rows, key=lambda r: order.get(str(r.get("indicator", "")), 99)):
        try:
            indicator = rubric.indicator(str(row.get("indicator", "")))
        except KeyError:
            continue
        score_lines.append(_score_line(rubric, indicator, row))
        ranked = rank_indicator(evidence_rows, indicator.id, score_info(row, evidence_by_id, rubric))
        evidence_lines += [_evidence_line(group, indicator.id) for group in ranked.decisive + ranked.other]
        if ranked.folded:
            evidence_lines.append(_folded_line(ranked, indicator.id))
    return PlanSheet(
        plan_id=plan_id,
        file=str(document.get("file", "")),
        region=str(document.get("region", "")),
        doc_type=str(document.get("doc_type", "")),
        date=str(document.get("plan_date", "") or document.get("date", "")),
        pages=_int(document.get("pages", "")),
        facts=plan_facts(document, rubric),
        rubric_version=rubric_version,
        stamp=plan_stamp(rubric_version, list(evidence_by_id)),
        scores=score_lines,
        evidence=evidence_lines,
    )


def plan_sheets_from_run(run_dir: Path, rubric: Rubric) -> dict[str, PlanSheet]:
    """One PlanSheet per plan that has provisional scores, in scores.csv order."""
    documents = {row.get("plan_id", ""): row for row in read_run_table(run_dir, "documents.csv")}
    evidence_by_plan: dict[str, list[dict[str, str]]] = {}
    for row in read_run_table(run_dir, "evidence.csv"):
        evidence_by_plan.setdefault(row.get("plan_id", ""), []).append(row)
    scores_by_plan: dict[str, list[dict[str, str]]] = {}
    for row in read_run_table(run_dir, "scores.csv"):
        scores_by_plan.setdefault(row.get("plan_id", ""), []).append(row)
    return {
        plan_id: build_plan_sheet(
            plan_id, evidence_by_plan.get(plan_id, []), plan_scores, rubric, documents.get(plan_id, {})
        )
        for plan_id, plan_scores in scores_by_plan.items()
        if plan_id
    }
