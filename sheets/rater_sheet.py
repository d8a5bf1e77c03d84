"""Stage: outputs — the rater sheet, one CSV per plan, for Dutch Excel.

Rows: first a `plan` row with the plan's facts (date, form, signatories, national plan), then
one `score` row per indicator (the tool's provisional level and why; the rater
fills in `niveau`), then one `bewijs` row per evidence item (the rater fills in `relevant`
ja/nee and may comment). Matched terms are marked «…» in the fragment.

A sheet a rater has edited is never overwritten: we remember the hash of every sheet we wrote
(`sheets/.omslag-sheets.json`); if the file on disk no longer has that hash, the new sheet goes
beside it as `<plan_id>.v2.csv`, `.v3`, … and the run reports it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from rules.models import INDICATORS, Evidence, PlanMetadata, Score
from rules.rubric import Rubric
from sheets.csvio import DEFAULT_DELIMITER, csv_bytes, write_bytes_atomic
from sheets.tables import context_text, mark_terms

SHEET_COLUMNS = [
    "plan_id",
    "soort",
    "indicator",
    "evidence_id",
    "pagina",
    "signaal",
    "fragment",
    "context",
    "kenmerken",
    "regel",
    "voorlopig_niveau",
    "onderbouwing",
    # filled in by the rater:
    "relevant",
    "niveau",
    "opmerking",
]
RATER_COLUMNS = ("relevant", "niveau", "opmerking")
REGISTRY_NAME = ".omslag-sheets.json"


def _flags(evidence: Evidence) -> str:
    words = []
    if evidence.negated:
        words.append("ontkend")
    if evidence.concrete:
        words.append("concreet")
    if evidence.intent_only:
        words.append("alleen intentie")
    if evidence.pilot:
        words.append("pilot/kleinschalig")
    if evidence.past:
        words.append("verleden (eerder resultaat)")
    if evidence.polarity == "counter":
        words.append("tegensignaal")
    if evidence.prevention_type:
        words.append(f"preventie: {evidence.prevention_type}")
    if evidence.ladder_step:
        words.append(f"trede: {evidence.ladder_step}")
    return ", ".join(words)


def describe_metadata(metadata: PlanMetadata, rubric: Rubric) -> str:
    """One Dutch line with the plan's facts, for the top of the rater sheet."""
    labels = {line.id: line.label for line in rubric.plan_metadata.action_lines}
    when = {"ja": "vóór het NAD", "nee": "na het NAD", "onbekend": "datum onbekend"}[metadata.predates_nad]
    parts = [
        f"Datum: {metadata.plan_date or 'onbekend'} ({when})",
        f"Vorm: {metadata.plan_form}",
        f"Verwijst naar het NAD: {'ja' if metadata.nad_reference else 'nee'}",
        f"NAD-actielijnen genoemd: {len(metadata.nad_action_lines)} van {len(labels)}"
        + (f" ({', '.join(labels[i] for i in metadata.nad_action_lines)})" if metadata.nad_action_lines else ""),
        f"Ondertekend door: {' | '.join(metadata.signatories) or 'niet gevonden'}",
        f"Wethouder Wonen ondertekent of is mede-eigenaar: {'ja' if metadata.wethouder_wonen else 'nee'}",
    ]
    return " · ".join(parts)


def sheet_rows(
    rubric: Rubric,
    plan_id: str,
    evidence: list[Evidence],
    scores: list[Score],
    metadata: PlanMetadata | None = None,
) -> list[dict]:
    rows: list[dict] = []
    if metadata is not None:
        rows.append(
            {
                "plan_id": plan_id,
                "soort": "plan",
                "signaal": "Plangegevens (door omslag gevonden; controleer ze)",
                "fragment": describe_metadata(metadata, rubric),
            }
        )
    by_indicator = {s.indicator: s for s in scores}
    for indicator in rubric.indicators:
        score = by_indicator.get(indicator.id)
        if score is None:
            continue
        hint = "ja/nee" if indicator.kind == "yes_no" else "1-5"
        rows.append(
            {
                "plan_id": plan_id,
                "soort": "score",
                "indicator": indicator.id,
                "signaal": f"{indicator.name}: {indicator.question} (vul niveau in: {hint})",
                "regel": score.rule_id,
                "voorlopig_niveau": score.level,
                "onderbouwing": score.rationale,
            }
        )
    order = {name: i for i, name in enumerate(INDICATORS)}
    for item in sorted(evidence, key=lambda e: (order[e.indicator], e.page, e.start, e.signal)):
        rows.append(
            {
                "plan_id": plan_id,
                "soort": "bewijs",
                "indicator": item.indicator,
                "evidence_id": item.evidence_id,
                "pagina": item.page,
                "signaal": item.signal_label,
                "fragment": mark_terms(item),
                "context": context_text(item),
                "kenmerken": _flags(item),
                "regel": item.rule_id,
            }
        )
    return rows


@dataclass(frozen=True)
class SheetWrite:
    plan_id: str
    path: Path
    outcome: str  # "written" | "unchanged" | "kept-edited"
    edited_path: Path | None = None  # the rater's file we left alone


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_registry(folder: Path) -> dict[str, str]:
    path = folder / REGISTRY_NAME
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # A damaged registry must not make us overwrite sheets: treat every sheet as edited.
        return {}


def _save_registry(folder: Path, registry: dict[str, str]) -> None:
    data = json.dumps(registry, indent=1, sort_keys=True).encode("utf-8")
    write_bytes_atomic(folder / REGISTRY_NAME, data)


def write_rater_sheets(
    folder: Path,
    sheets: dict[str, list[dict]],
    *,
    delimiter: str = DEFAULT_DELIMITER,
) -> list[SheetWrite]:
    """Write one sheet per plan, never touching a sheet whose bytes we did not write."""
    folder.mkdir(parents=True, exist_ok=True)
    registry = _load_registry(folder)
    results = []
    for plan_id, rows in sheets.items():
        data = csv_bytes(SHEET_COLUMNS, rows, delimiter=delimiter)
        target = folder / f"{plan_id}.csv"
        if not target.exists():
            write_bytes_atomic(target, data)
            registry[target.name] = _sha256(data)
            results.append(SheetWrite(plan_id, target, "written"))
            continue
        on_disk = _sha256(target.read_bytes())
        if on_disk == registry.get(target.name):
            if on_disk == _sha256(data):
                results.append(SheetWrite(plan_id, target, "unchanged"))
            else:
                write_bytes_atomic(target, data)
                registry[target.name] = _sha256(data)
                results.append(SheetWrite(plan_id, target, "written"))
            continue
        # Someone changed the file (or we never wrote it): leave it, write a new version beside.
        new_target = _next_version(folder, plan_id, data, registry)
        if not new_target.exists() or _sha256(new_target.read_bytes()) != _sha256(data):
            write_bytes_atomic(new_target, data)
            registry[new_target.name] = _sha256(data)
        results.append(SheetWrite(plan_id, new_target, "kept-edited", edited_path=target))
    _save_registry(folder, registry)
    return results


def _next_version(folder: Path, plan_id: str, data: bytes, registry: dict[str, str]) -> Path:
    """The first `<plan_id>.vN.csv` that is free, holds exactly `data`, or is one we wrote
    earlier and nobody has edited since (so it may be refreshed)."""
    digest = _sha256(data)
    version = 2
    while True:
        candidate = folder / f"{plan_id}.v{version}.csv"
        if not candidate.exists():
            return candidate
        on_disk = _sha256(candidate.read_bytes())
        if on_disk == digest or on_disk == registry.get(candidate.name):
            return candidate
        version += 1
