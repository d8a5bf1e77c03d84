"""Stage: outputs — what a per-rater sheet shows for one plan, rebuilt from a run folder.

`omslag sheets` runs after `omslag run`, without re-reading the PDFs: it reads the run's
documents.csv, evidence.csv and scores.csv into one `PlanSheet` per plan, and the CSV and XLSX
writers render that. The `stamp` says what the sheet was made from (rubric version + the plan's
evidence ids): when it differs from the run's current stamp, a filled-in sheet is stale.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from omslag.rules.models import INDICATORS
from omslag.rules.rubric import Rubric
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
    model_config = ConfigDict(extra="forbid")

    evidence_id: str
    indicator: str
    page: int
    signal_label: str
    text: str = Field(description="The sentence, matched terms marked «…».")
    context: str
    flags: str = Field(description="Dutch context flags: concreet, alleen intentie, ontkend, …")
    rule_id: str


class PlanSheet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_id: str
    file: str = ""
    region: str = ""
    doc_type: str = ""
    date: str = ""
    pages: int | None = None
    rubric_version: str
    stamp: str = Field(description="Fingerprint of rubric version + evidence ids: changes make filled sheets stale.")
    scores: list[ScoreLine]
    evidence: list[EvidenceLine]


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


def flags_from_row(row: dict[str, str]) -> str:
    """The Dutch 'kenmerken' of an evidence.csv row (same words as the per-plan sheet)."""
    words = []

    def why(word: str, column: str) -> str:
        return f"{word} ({row[column]})" if row.get(column) else word

    if row.get("negated") == "ja":
        words.append(why("ontkend", "negated_by"))
    if row.get("concrete") == "ja":
        words.append(why("concreet", "commitment"))
    if row.get("statistic") == "ja":
        words.append(why("statistiek", "commitment"))
    if row.get("intent_only") == "ja":
        words.append(why("alleen intentie", "modal"))
    if row.get("pilot") == "ja":
        words.append("pilot/kleinschalig")
    if row.get("past") == "ja":
        words.append(why("verleden", "tense"))
    if row.get("polarity") == "counter":
        words.append("tegensignaal")
    if row.get("prevention_type"):
        words.append(f"preventie: {row['prevention_type']}")
    if row.get("ladder_step"):
        words.append(f"trede: {row['ladder_step']}")
    return ", ".join(words)


def level_summary(rubric: Rubric, indicator_id: str) -> str:
    indicator = rubric.indicator(indicator_id)
    if indicator.kind == "yes_no":
        return "ja · nee"
    return " · ".join(
        f"{key} {level.name}" for key, level in sorted(indicator.levels.items(), key=lambda kv: str(kv[0]))
    )


def _int(text: str) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None


def plan_sheets_from_run(run_dir: Path, rubric: Rubric) -> dict[str, PlanSheet]:
    """One PlanSheet per plan that has provisional scores, in scores.csv order."""
    documents = {row.get("plan_id", ""): row for row in read_run_table(run_dir, "documents.csv")}
    evidence_rows = read_run_table(run_dir, "evidence.csv")
    score_rows = read_run_table(run_dir, "scores.csv")
    order = {name: i for i, name in enumerate(INDICATORS)}

    evidence_by_plan: dict[str, list[dict[str, str]]] = {}
    for row in evidence_rows:
        evidence_by_plan.setdefault(row.get("plan_id", ""), []).append(row)
    scores_by_plan: dict[str, list[dict[str, str]]] = {}
    for row in score_rows:
        scores_by_plan.setdefault(row.get("plan_id", ""), []).append(row)

    sheets: dict[str, PlanSheet] = {}
    for plan_id, plan_scores in scores_by_plan.items():
        if not plan_id:
            continue
        rubric_version = plan_scores[0].get("rubric_version", "") or rubric.version
        lines = []
        for row in sorted(plan_scores, key=lambda r: order.get(r.get("indicator", ""), 99)):
            try:
                indicator = rubric.indicator(row.get("indicator", ""))
            except KeyError:
                continue
            lines.append(
                ScoreLine(
                    indicator=indicator.id,
                    name=indicator.name,
                    question=indicator.question,
                    kind=indicator.kind,
                    levels=level_summary(rubric, indicator.id),
                    provisional_level=row.get("level", ""),
                    rationale=row.get("rationale", ""),
                    rule_id=row.get("rule_id", ""),
                )
            )
        plan_evidence = sorted(
            evidence_by_plan.get(plan_id, []),
            key=lambda r: (
                order.get(r.get("indicator", ""), 99),
                _int(r.get("page", "")) or 0,
                _int(r.get("start", "")) or 0,
            ),
        )
        evidence_lines = [
            EvidenceLine(
                evidence_id=row["evidence_id"],
                indicator=row.get("indicator", ""),
                page=_int(row.get("page", "")) or 0,
                signal_label=row.get("signal_label", "") or row.get("signal", ""),
                text=row.get("text", ""),
                context=row.get("context", ""),
                flags=flags_from_row(row),
                rule_id=row.get("rule_id", ""),
            )
            for row in plan_evidence
            if row.get("evidence_id")
        ]
        document = documents.get(plan_id, {})
        sheets[plan_id] = PlanSheet(
            plan_id=plan_id,
            file=document.get("file", ""),
            region=document.get("region", ""),
            doc_type=document.get("doc_type", ""),
            date=document.get("plan_date", "") or document.get("date", ""),
            pages=_int(document.get("pages", "")),
            rubric_version=rubric_version,
            stamp=plan_stamp(rubric_version, [line.evidence_id for line in evidence_lines]),
            scores=lines,
            evidence=evidence_lines,
        )
    return sheets
