"""Stage: ratings — what an import is checked against: the run folder's plans, evidence ids,
provisional levels and the current stamp of each plan's sheet.

The rubric fixes the indicators and their kind (1–5 or ja/nee); the run folder fixes which
plans and evidence ids exist. Read once per command.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from omslag.rules.domain import Domain
from omslag.rules.rubric import DEFAULT_RUBRIC_PATH, Rubric, load_rubric
from omslag.sheets.plan_sheet import RunFolderError, plan_stamp, read_run_table

STORE_NAME = "ratings.sqlite"


class EvidenceRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evidence_id: str
    plan_id: str
    indicator: str
    page: int
    text: str
    sentence: str = Field(default="", description="plan|indicator|page|start: the sheet row this signal shares.")
    rule_id: str = Field(default="", description="<indicator>.<signal>: the rubric rule that proposed it.")
    terms: list[str] = Field(
        default_factory=list,
        description="The rubric terms it matched (evidence.csv `rubric_terms`; older runs: the matched text).",
    )


class PlanInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_id: str
    file: str = ""
    pages: int | None = None
    stamp: str = Field(description="Current stamp: rubric version + this plan's evidence ids.")


class RunContext(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    run_dir: Path
    rubric: Rubric
    rubric_version: str = Field(description="The rubric version the run's scores were made with.")
    plans: dict[str, PlanInfo]
    evidence: dict[str, EvidenceRef]
    sentences: dict[str, list[str]] = Field(
        default_factory=dict, description="Sentence key → the evidence ids of its signals (one sheet row)."
    )
    provisional: dict[str, dict[str, str]] = Field(description="plan_id → indicator → provisional level.")

    @property
    def domain(self) -> Domain:
        """The rubric's domain vocabulary (rules.domain)."""
        return Domain.from_rubric(self.rubric)

    @property
    def words_deeds_line(self) -> float:
        """Between ambition in words and concrete actions, as the rubric draws it."""
        return self.domain.words_deeds_line

    @property
    def indicator_kinds(self) -> dict[str, str]:
        return {ind.id: ind.kind for ind in self.rubric.indicators}

    def levels_for(self, indicator: str) -> list[str]:
        """Allowed levels, as text, in order."""
        if self.indicator_kinds.get(indicator) == "yes_no":
            return ["nee", "ja"]
        return ["1", "2", "3", "4", "5"]

    @property
    def store_path(self) -> Path:
        return self.run_dir / STORE_NAME


def _int(text: str) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None


def _terms(row: dict[str, str]) -> list[str]:
    """The rubric terms of an evidence.csv row; a run from before `rubric_terms` gives the matched
    text, lower-cased, which groups the same way for uninflected terms."""
    column = row.get("rubric_terms") or row.get("terms", "").lower()
    return [term.strip() for term in column.split(" | ") if term.strip()]


def sentence_key(row: dict[str, str]) -> str:
    """The sheet row an evidence.csv row belongs to: its sentence (page + start offset, the text
    when offsets are missing) within its plan and indicator — as sheets/ranking.py groups them."""
    where = row.get("start", "").strip() or row.get("text", "")
    return f"{row.get('plan_id', '')}|{row.get('indicator', '')}|{row.get('page', '')}|{where}"


def load_run_context(run_dir: Path | str, rubric_path: Path | str | None = None) -> RunContext:
    """Read documents.csv, evidence.csv and scores.csv of a run. Raises RunFolderError."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise RunFolderError(f"{run_dir}: map niet gevonden")
    rubric = load_rubric(rubric_path or DEFAULT_RUBRIC_PATH)
    documents = read_run_table(run_dir, "documents.csv")
    evidence_rows = read_run_table(run_dir, "evidence.csv")
    score_rows = read_run_table(run_dir, "scores.csv")

    evidence: dict[str, EvidenceRef] = {}
    sentences: dict[str, list[str]] = {}
    ids_by_plan: dict[str, list[str]] = {}
    for row in evidence_rows:
        evidence_id = row.get("evidence_id", "")
        if not evidence_id:
            continue
        evidence[evidence_id] = EvidenceRef(
            evidence_id=evidence_id,
            plan_id=row.get("plan_id", ""),
            indicator=row.get("indicator", ""),
            page=_int(row.get("page", "")) or 0,
            text=row.get("text", ""),
            sentence=sentence_key(row),
            rule_id=row.get("rule_id", ""),
            terms=_terms(row),
        )
        sentences.setdefault(evidence[evidence_id].sentence, []).append(evidence_id)
        ids_by_plan.setdefault(row.get("plan_id", ""), []).append(evidence_id)

    provisional: dict[str, dict[str, str]] = {}
    versions: dict[str, str] = {}
    for row in score_rows:
        plan_id = row.get("plan_id", "")
        provisional.setdefault(plan_id, {})[row.get("indicator", "")] = row.get("level", "")
        versions.setdefault(plan_id, row.get("rubric_version", ""))
    rubric_version = next((v for v in versions.values() if v), rubric.version)

    pages = {row.get("plan_id", ""): row for row in documents}
    plans = {
        plan_id: PlanInfo(
            plan_id=plan_id,
            file=pages.get(plan_id, {}).get("file", ""),
            pages=_int(pages.get(plan_id, {}).get("pages", "")),
            stamp=plan_stamp(versions.get(plan_id) or rubric_version, ids_by_plan.get(plan_id, [])),
        )
        for plan_id in provisional
        if plan_id
    }
    return RunContext(
        run_dir=run_dir,
        rubric=rubric,
        rubric_version=rubric_version,
        plans=plans,
        evidence=evidence,
        sentences=sentences,
        provisional=provisional,
    )
