"""Stage: outputs — the rater sheet, one CSV per plan, for Dutch Excel.

Rows: first a `plan` row with the plan's facts (date, form, signatories, national plan), then
one `score` row per indicator (the tool's provisional level and why; the rater
fills in `niveau`), then one `bewijs` row per evidence item (the rater fills in `relevant`
ja/nee and may comment). Matched terms are marked «…» in the fragment.

A sheet a rater has edited is never overwritten: we remember the hash of every sheet we wrote
(`.omslag-sheets.json` in the sheet's folder, with the stamp of what it was made from); if the
file on disk no longer has that hash, the new sheet goes beside it as `<name>.v2.csv` (or
`.v2.xlsx`), `.v3`, … and the run reports it — as *stale* when the rater's sheet was made from
other evidence or another rubric version. The same rule covers the per-rater sheets of
`omslag sheets` (CSV and XLSX) and the consensus sheet.

Per-rater CSV sheets (`rater_csv_bytes`) are the per-plan sheet plus a `beoordelaar` column,
a `blad` column (the stamp) and empty `eigen` rows where raters add evidence omslag missed;
in blind mode the columns that give the tool's level or hints away are left out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from omslag.rules.models import INDICATORS, Evidence, PlanMetadata, Score
from omslag.rules.rubric import Rubric
from omslag.sheets.columns import RATER_COLUMNS, SHEET_COLUMNS  # noqa: F401  (re-exported)
from omslag.sheets.csvio import DEFAULT_DELIMITER, csv_bytes, write_bytes_atomic
from omslag.sheets.plan_sheet import PlanSheet, plan_stamp
from omslag.sheets.tables import context_text, mark_terms

REGISTRY_NAME = ".omslag-sheets.json"

# Per-rater CSV: who fills it in first, what it was made from last.
RATER_SHEET_COLUMNS = ["beoordelaar", *SHEET_COLUMNS, "blad"]
# Left out in blind mode: the tool's level, its reasons, and the flags that hint at a level.
BLIND_HIDDEN_COLUMNS = ("kenmerken", "regel", "voorlopig_niveau", "onderbouwing")
OWN_EVIDENCE_ROWS = 8  # empty `eigen` rows offered for evidence the rater finds herself


def _flags(evidence: Evidence) -> str:
    words = []
    if evidence.negated:
        words.append(f"ontkend ({evidence.negated_by})" if evidence.negated_by else "ontkend")
    if evidence.concrete:
        words.append(f"concreet ({evidence.commitment})" if evidence.commitment else "concreet")
    if evidence.statistic:
        words.append(f"statistiek ({evidence.commitment})" if evidence.commitment else "statistiek")
    if evidence.intent_only:
        words.append(f"alleen intentie ({evidence.modal})" if evidence.modal else "alleen intentie")
    if evidence.pilot:
        words.append("pilot/kleinschalig")
    if evidence.past:
        words.append(f"verleden ({evidence.tense})" if evidence.tense else "verleden (eerder resultaat)")
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


def stamp_for(evidence: list[Evidence], rubric_version: str) -> str:
    return plan_stamp(rubric_version, [e.evidence_id for e in evidence])


def rater_columns(blind: bool) -> list[str]:
    return [c for c in RATER_SHEET_COLUMNS if not (blind and c in BLIND_HIDDEN_COLUMNS)]


def rater_sheet_rows(sheet: PlanSheet, rater: str, *, blind: bool) -> list[dict]:
    """The per-rater CSV rows: score rows, evidence rows, then empty `eigen` rows."""
    rows: list[dict] = []
    common = {"beoordelaar": rater, "plan_id": sheet.plan_id, "blad": sheet.stamp}
    for line in sheet.scores:
        hint = "ja/nee" if line.kind == "yes_no" else "1-5"
        row = {
            **common,
            "soort": "score",
            "indicator": line.indicator,
            "signaal": f"{line.name}: {line.question} (vul niveau in: {hint})",
        }
        if not blind:
            row.update(voorlopig_niveau=line.provisional_level, onderbouwing=line.rationale, regel=line.rule_id)
        rows.append(row)
    for item in sheet.evidence:
        row = {
            **common,
            "soort": "bewijs",
            "indicator": item.indicator,
            "evidence_id": item.evidence_id,
            "pagina": item.page,
            "signaal": item.signal_label,
            "fragment": item.text,
            "context": item.context,
        }
        if not blind:
            row.update(kenmerken=item.flags, regel=item.rule_id)
        rows.append(row)
    for _ in range(OWN_EVIDENCE_ROWS):
        rows.append({**common, "soort": "eigen"})
    return rows


def rater_csv_bytes(sheet: PlanSheet, rater: str, *, blind: bool, delimiter: str = DEFAULT_DELIMITER) -> bytes:
    return csv_bytes(rater_columns(blind), rater_sheet_rows(sheet, rater, blind=blind), delimiter=delimiter)


# ---- writing sheets without ever overwriting a rater's work ------------------------------


@dataclass(frozen=True)
class SheetFile:
    """A sheet we want on disk: its file name in the folder, its bytes and what it was made from."""

    name: str
    data: bytes
    plan_id: str
    stamp: str = ""


@dataclass(frozen=True)
class SheetWrite:
    plan_id: str
    path: Path  # where the current version of our sheet is
    outcome: str  # "written" | "unchanged" | "kept-edited"
    edited_path: Path | None = None  # the rater's file we left alone
    new_version: bool = False  # kept-edited: a new version was written beside the rater's file
    stale: bool = False  # kept-edited: the rater's file was made from other evidence / rubric


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_registry(folder: Path) -> dict[str, dict]:
    path = folder / REGISTRY_NAME
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # A damaged registry must not make us overwrite sheets: treat every sheet as edited.
        return {}
    if not isinstance(raw, dict):
        return {}
    registry = {}
    for name, entry in raw.items():
        if isinstance(entry, str):  # first format: name → sha256
            registry[name] = {"sha256": entry}
        elif isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
            registry[name] = entry
    return registry


def _save_registry(folder: Path, registry: dict[str, dict]) -> None:
    data = json.dumps(registry, indent=1, sort_keys=True).encode("utf-8")
    write_bytes_atomic(folder / REGISTRY_NAME, data)


def registry_entries(folder: Path) -> dict[str, dict]:
    """Name → {sha256, stamp, plan_id} of every sheet we wrote in `folder`."""
    return _load_registry(Path(folder))


def _version_name(name: str, version: int) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.v{version}.{suffix}" if dot else f"{name}.v{version}"


def _existing_versions(folder: Path, name: str) -> list[Path]:
    versions = []
    version = 2
    while (folder / _version_name(name, version)).exists():
        versions.append(folder / _version_name(name, version))
        version += 1
    return versions


def _next_version(folder: Path, name: str, data: bytes, registry: dict[str, dict]) -> Path:
    """The first `<stem>.vN.<ext>` that is free, holds exactly `data`, or is one we wrote
    earlier and nobody has edited since (so it may be refreshed)."""
    digest = _sha256(data)
    version = 2
    while True:
        candidate = folder / _version_name(name, version)
        if not candidate.exists():
            return candidate
        on_disk = _sha256(candidate.read_bytes())
        if on_disk == digest or on_disk == registry.get(candidate.name, {}).get("sha256"):
            return candidate
        version += 1


def write_sheet_files(folder: Path, files: list[SheetFile]) -> list[SheetWrite]:
    """Write each sheet, never touching a file whose bytes are not the ones we wrote.

    For an edited sheet: when what we would write now equals what we last offered (the
    original, or the latest version beside it), nothing is written; otherwise the new sheet
    goes to the next free version beside it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    registry = _load_registry(folder)
    results = []
    for item in files:
        digest = _sha256(item.data)
        entry = {"sha256": digest, "stamp": item.stamp, "plan_id": item.plan_id}
        target = folder / item.name
        if not target.exists():
            write_bytes_atomic(target, item.data)
            registry[target.name] = entry
            results.append(SheetWrite(item.plan_id, target, "written"))
            continue
        on_disk = _sha256(target.read_bytes())
        known = registry.get(target.name, {})
        if on_disk == known.get("sha256"):
            if on_disk == digest:
                registry[target.name] = entry  # refresh stamp/plan of older registry entries
                results.append(SheetWrite(item.plan_id, target, "unchanged"))
            else:
                write_bytes_atomic(target, item.data)
                registry[target.name] = entry
                results.append(SheetWrite(item.plan_id, target, "written"))
            continue
        # Someone changed the file (or we never wrote it): leave it alone.
        edited_stamp = known.get("stamp")
        stale = bool(item.stamp) and edited_stamp is not None and edited_stamp != item.stamp
        versions = _existing_versions(folder, item.name)
        latest = versions[-1] if versions else None
        offered = registry.get(latest.name, {}).get("sha256") if latest is not None else known.get("sha256")
        if offered == digest:
            # nothing new to offer: the rater already has (or had) exactly this sheet
            results.append(SheetWrite(item.plan_id, latest or target, "kept-edited", edited_path=target, stale=stale))
            continue
        new_target = _next_version(folder, item.name, item.data, registry)
        if not new_target.exists() or _sha256(new_target.read_bytes()) != digest:
            write_bytes_atomic(new_target, item.data)
        registry[new_target.name] = entry
        results.append(
            SheetWrite(item.plan_id, new_target, "kept-edited", edited_path=target, new_version=True, stale=stale)
        )
    _save_registry(folder, registry)
    return results


def write_rater_sheets(
    folder: Path,
    sheets: dict[str, list[dict]],
    *,
    delimiter: str = DEFAULT_DELIMITER,
    stamps: dict[str, str] | None = None,
) -> list[SheetWrite]:
    """Write one per-plan sheet (`<plan_id>.csv`), never touching a sheet a rater edited."""
    stamps = stamps or {}
    files = [
        SheetFile(
            f"{plan_id}.csv", csv_bytes(SHEET_COLUMNS, rows, delimiter=delimiter), plan_id, stamps.get(plan_id, "")
        )
        for plan_id, rows in sheets.items()
    ]
    return write_sheet_files(Path(folder), files)
