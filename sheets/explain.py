"""Stage: outputs — `omslag explain`: why did omslag give this plan these levels?

Reads a run folder's scores.csv, evidence.csv and documents.csv (nothing is recomputed, so the
explanation is exactly what the raters' sheets were made from) and gathers, per indicator, the
level, the deciding rule, a cap if one applied, and the evidence that decided it, strongest first.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pydantic import BaseModel, Field


class ExplainError(ValueError):
    """The run folder or plan cannot be explained; the message says what is missing."""


class ExplainedEvidence(BaseModel):
    evidence_id: str
    page: int
    signal_label: str
    text: str = Field(description="The sentence with matched terms marked «…».")
    flags: list[str] = Field(description="Dutch context flags: concreet, alleen intentie, ontkend, …")
    decided: bool = Field(description="Listed by the deciding rule in scores.csv.")


class ExplainedIndicator(BaseModel):
    indicator: str
    level: str
    rule_id: str
    capped_by: str = ""
    rationale: str
    evidence: list[ExplainedEvidence]
    evidence_total: int


class Explanation(BaseModel):
    plan_id: str
    file: str
    status: str
    facts: dict[str, str] = Field(description="Plan metadata columns from documents.csv that are filled.")
    indicators: list[ExplainedIndicator]


_FLAG_WORDS = {
    "concrete": "concreet",
    "intent_only": "alleen intentie",
    "negated": "ontkend",
    "pilot": "pilot",
    "past": "verleden",
}
_FACT_COLUMNS = (
    "plan_date",
    "predates_nad",
    "plan_form",
    "nad_reference",
    "nad_action_lines",
    "signatories",
    "wethouder_wonen",
    "region",
)


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ExplainError(f"{path} niet gevonden: is dit een map van `omslag run`?")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.readline()
        handle.seek(0)
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        return list(csv.DictReader(handle, delimiter=delimiter))


def explain(run_dir: Path, plan_id: str, top: int = 5) -> Explanation:
    run_dir = Path(run_dir)
    documents = {row["plan_id"]: row for row in _read(run_dir / "documents.csv")}
    if plan_id not in documents:
        known = ", ".join(sorted(documents)[:10])
        raise ExplainError(f"plan {plan_id!r} staat niet in {run_dir / 'documents.csv'} (wel: {known}…)")
    document = documents[plan_id]
    scores = [row for row in _read(run_dir / "scores.csv") if row["plan_id"] == plan_id]
    evidence = [row for row in _read(run_dir / "evidence.csv") if row["plan_id"] == plan_id]
    indicators = []
    for score in scores:  # scores.csv lists a plan's indicators in the rubric's order
        deciding = score.get("evidence_ids", "").split()
        mine = [e for e in evidence if e["indicator"] == score["indicator"]]
        rank = {eid: i for i, eid in enumerate(deciding)}
        # the deciding evidence first, in the rule's order; then the rest, concrete first
        mine.sort(key=lambda e: (rank.get(e["evidence_id"], len(rank)), e.get("concrete") != "ja", int(e["page"])))
        indicators.append(
            ExplainedIndicator(
                indicator=score["indicator"],
                level=score["level"],
                rule_id=score["rule_id"],
                capped_by=score.get("capped_by", ""),
                rationale=score["rationale"],
                evidence=[
                    ExplainedEvidence(
                        evidence_id=e["evidence_id"],
                        page=int(e["page"]),
                        signal_label=e.get("signal_label", e["signal"]),
                        text=e["text"],
                        flags=[word for column, word in _FLAG_WORDS.items() if e.get(column) == "ja"],
                        decided=e["evidence_id"] in rank,
                    )
                    for e in mine[:top]
                ],
                evidence_total=len(mine),
            )
        )
    return Explanation(
        plan_id=plan_id,
        file=document["file"],
        status=document["status"],
        facts={k: document[k] for k in _FACT_COLUMNS if document.get(k)},
        indicators=indicators,
    )
