"""Stage: outputs — the rater sheet, one CSV per plan, for Dutch Excel.

Rows: first a `plan` row (the plan id, once, with the plan's facts), then per indicator its
`score` row (the tool's provisional level and why; the rater fills in `niveau`) followed by its
*Beslissend* evidence, then the *Overig bewijs* of every indicator and one folded `vermelding`
row per indicator (sheets/ranking.py). An evidence row is one sentence with all its signals;
the rater fills in `relevant` ja/nee (it counts for every signal of the sentence) and may
comment. Matched terms are marked «…» in the fragment. Columns: sheets/columns.py.

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

from omslag.rules.models import Evidence, PlanMetadata, Score
from omslag.rules.rubric import Rubric
from omslag.sheets.columns import RATER_COLUMNS, SHEET_COLUMNS  # noqa: F401  (re-exported)
from omslag.sheets.csvio import DEFAULT_DELIMITER, csv_bytes, write_bytes_atomic
from omslag.sheets.plan_sheet import EvidenceLine, PlanSheet, build_plan_sheet, describe_facts, plan_stamp
from omslag.sheets.tables import evidence_row, metadata_columns, score_row

REGISTRY_NAME = ".omslag-sheets.json"

# Per-rater CSV: the per-plan columns, then who fills it in and what it was made from.
RATER_SHEET_COLUMNS = [*SHEET_COLUMNS, "beoordelaar", "blad"]
# Left out in blind mode: the tool's level, its reasons, and the flags that hint at a level.
BLIND_HIDDEN_COLUMNS = ("waarom", "kenmerken", "regel", "voorlopig_niveau", "onderbouwing")
OWN_EVIDENCE_ROWS = 8  # empty `eigen` rows offered for evidence the rater finds herself
PART_LABELS = {"beslissend": "Beslissend", "overig": "Overig bewijs"}


def score_row_values(line, *, blind: bool) -> dict:
    hint = "ja/nee" if line.kind == "yes_no" else "1-5"
    row = {
        "soort": "score",
        "indicator": line.indicator,
        "fragment": f"{line.name}: {line.question} (vul niveau in: {hint})",
        "deel": PART_LABELS["beslissend"],
    }
    if not blind:
        row.update(
            waarom=f"voorlopig niveau {line.provisional_level} (regel {line.rule_id})",
            voorlopig_niveau=line.provisional_level,
            onderbouwing=line.rationale,
            regel=line.rule_id,
        )
    return row


def evidence_row_values(item: EvidenceLine, *, blind: bool) -> dict:
    row = {
        "soort": item.kind,
        "indicator": item.indicator,
        "evidence_id": item.evidence_id,
        "pagina": item.pages if item.kind == "vermelding" or "–" in item.pages else item.page,
        "signalen": item.signals,
        "fragment": item.text,
        "context": item.context,
        "rang": item.rank,
        "deel": PART_LABELS[item.part],
    }
    if not blind:
        row.update(waarom=item.why, kenmerken=item.flags, regel=item.rule_id)
    return row


def plan_rows(sheet: PlanSheet, *, blind: bool = False) -> list[dict]:
    """The rows of a plan's sheet in reading order: the plan row (the plan id once, with its
    facts); per indicator its score row and its Beslissend evidence; then per indicator the
    Overig bewijs rows and the folded mentions."""
    rows: list[dict] = [
        {
            "soort": "plan",
            "plan_id": sheet.plan_id,
            "fragment": describe_facts(sheet.facts) if sheet.facts else sheet.file,
            "signalen": "Plangegevens (door omslag gevonden; controleer ze)",
        }
    ]
    for line in sheet.scores:
        rows.append(score_row_values(line, blind=blind))
        rows.extend(evidence_row_values(item, blind=blind) for item in sheet.lines(line.indicator, "beslissend"))
    for line in sheet.scores:
        rows.extend(evidence_row_values(item, blind=blind) for item in sheet.lines(line.indicator, "overig"))
    return rows


def build_sheet(
    rubric: Rubric,
    plan_id: str,
    evidence: list[Evidence],
    scores: list[Score],
    metadata: PlanMetadata | None = None,
    document: dict | None = None,
) -> PlanSheet:
    """The PlanSheet of a plan straight from the rules stage (the run writes it before the
    tables are read back), through the same table rows `omslag sheets` reads."""
    facts = {"plan_id": plan_id, **(document or {}), **metadata_columns(metadata)}
    return build_plan_sheet(plan_id, [evidence_row(e) for e in evidence], [score_row(s) for s in scores], rubric, facts)


def sheet_rows(
    rubric: Rubric,
    plan_id: str,
    evidence: list[Evidence],
    scores: list[Score],
    metadata: PlanMetadata | None = None,
) -> list[dict]:
    """The per-plan sheet rows (`sheets/<plan_id>.csv` of a run)."""
    return plan_rows(build_sheet(rubric, plan_id, evidence, scores, metadata))


def stamp_for(evidence: list[Evidence], rubric_version: str) -> str:
    return plan_stamp(rubric_version, [e.evidence_id for e in evidence])


def rater_columns(blind: bool) -> list[str]:
    return [c for c in RATER_SHEET_COLUMNS if not (blind and c in BLIND_HIDDEN_COLUMNS)]


def rater_sheet_rows(sheet: PlanSheet, rater: str, *, blind: bool) -> list[dict]:
    """The per-rater CSV rows: the plan's rows, then empty `eigen` rows."""
    common = {"beoordelaar": rater, "blad": sheet.stamp}
    rows = [{**row, **common} for row in plan_rows(sheet, blind=blind)]
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
