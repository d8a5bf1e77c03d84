"""Stage: outputs — `omslag sheets`: one sheet per rater per plan, as XLSX and CSV.

Layout in the run folder:

    sheets/<rater>/<plan_id>__<rater>.xlsx     the workbook (sheets/xlsx.py)
    sheets/<rater>/<plan_id>__<rater>.csv      the same as a Dutch-Excel CSV (rater_sheet.py)
    sheets/<rater>/<plan_id>.hints.xlsx|.csv   after --release-hints: omslag's provisional levels
    sheets/<rater>/.omslag-sheets.json         what we wrote (never overwrite a rater's file)

The rater id is in the file name and inside the file (instruction tab / `beoordelaar` column),
so a file that travels by e-mail still says whose it is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from omslag.rules.models import NOT_APPLICABLE
from omslag.rules.rubric import Rubric
from omslag.sheets.csvio import DEFAULT_DELIMITER, csv_bytes
from omslag.sheets.plan_sheet import PlanSheet, plan_sheets_from_run
from omslag.sheets.rater_sheet import SheetFile, SheetWrite, rater_csv_bytes, registry_entries, write_sheet_files
from omslag.sheets.xlsx import hints_workbook_bytes, rater_workbook_bytes

FORMATS = ("xlsx", "csv")
HINT_COLUMNS = [
    "plan_id",
    "soort",
    "indicator",
    "evidence_id",
    "pagina",
    "fragment",
    "kenmerken",
    "regel",
    "voorlopig_niveau",
    "onderbouwing",
]


def sheet_name(plan_id: str, rater: str, fmt: str) -> str:
    return f"{plan_id}__{rater}.{fmt}"


def _select(sheets: dict[str, PlanSheet], plans: list[str] | None) -> dict[str, PlanSheet]:
    if not plans:
        # a document that is not a plan (every level n.v.t., rules.relevance) gets a sheet
        # only when it is asked for by name with --plans
        return {plan_id: sheet for plan_id, sheet in sheets.items() if not _not_a_plan(sheet)}
    unknown = [p for p in plans if p not in sheets]
    if unknown:
        raise KeyError(", ".join(unknown))
    return {p: sheets[p] for p in plans}


def _not_a_plan(sheet: PlanSheet) -> bool:
    return bool(sheet.scores) and all(line.provisional_level == NOT_APPLICABLE for line in sheet.scores)


def rater_files(
    sheet: PlanSheet, rater: str, *, blind: bool, rubric: Rubric, formats=FORMATS, delimiter: str = DEFAULT_DELIMITER
) -> list[SheetFile]:
    files = []
    if "xlsx" in formats:
        files.append(
            SheetFile(
                sheet_name(sheet.plan_id, rater, "xlsx"),
                rater_workbook_bytes(sheet, rater, blind=blind, rubric=rubric),
                sheet.plan_id,
                sheet.stamp,
            )
        )
    if "csv" in formats:
        files.append(
            SheetFile(
                sheet_name(sheet.plan_id, rater, "csv"),
                rater_csv_bytes(sheet, rater, blind=blind, delimiter=delimiter),
                sheet.plan_id,
                sheet.stamp,
            )
        )
    return files


def write_per_rater_sheets(
    run_dir: Path,
    rubric: Rubric,
    raters: list[str],
    *,
    blind: bool = False,
    plans: list[str] | None = None,
    formats: tuple[str, ...] = FORMATS,
    delimiter: str = DEFAULT_DELIMITER,
) -> dict[str, list[SheetWrite]]:
    """rater → what happened to each of her sheets. Edited sheets are never touched."""
    sheets = _select(plan_sheets_from_run(run_dir, rubric), plans)
    results = {}
    for rater in raters:
        files = [
            f
            for sheet in sheets.values()
            for f in rater_files(sheet, rater, blind=blind, rubric=rubric, formats=formats, delimiter=delimiter)
        ]
        results[rater] = write_sheet_files(Path(run_dir) / "sheets" / rater, files)
    return results


def hints_csv_bytes(sheet: PlanSheet, delimiter: str = DEFAULT_DELIMITER) -> bytes:
    rows = [
        {
            "plan_id": sheet.plan_id,
            "soort": "score",
            "indicator": s.indicator,
            "voorlopig_niveau": s.provisional_level,
            "onderbouwing": s.rationale,
            "regel": s.rule_id,
        }
        for s in sheet.scores
    ] + [
        {
            "plan_id": sheet.plan_id,
            "soort": e.kind,
            "indicator": e.indicator,
            "evidence_id": e.evidence_id,
            "pagina": e.page,
            "fragment": e.text,
            "kenmerken": e.flags,
            "regel": e.rule_id,
        }
        for e in sheet.evidence
    ]
    return csv_bytes(HINT_COLUMNS, rows, delimiter=delimiter)


def existing_raters(run_dir: Path) -> list[str]:
    folder = Path(run_dir) / "sheets"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / ".omslag-sheets.json").exists())


def release_hints(
    run_dir: Path,
    rubric: Rubric,
    raters: list[str] | None = None,
    *,
    plans: list[str] | None = None,
    delimiter: str = DEFAULT_DELIMITER,
) -> dict[str, list[SheetWrite]]:
    """After blind rating: put omslag's hints beside every rater's sheets.

    A blind sheet nobody filled in yet is replaced by the sheet with hints; a sheet a rater has
    filled in stays exactly as it is (no new version: her work is done on it), and the hints go
    into `<plan_id>.hints.xlsx` / `.csv` beside it."""
    sheets = _select(plan_sheets_from_run(run_dir, rubric), plans)
    raters = raters or existing_raters(run_dir)
    results: dict[str, list[SheetWrite]] = {}
    for rater in raters:
        folder = Path(run_dir) / "sheets" / rater
        registry = registry_entries(folder)
        files: list[SheetFile] = []
        kept: list[SheetWrite] = []
        for sheet in sheets.values():
            for item in rater_files(sheet, rater, blind=False, rubric=rubric, delimiter=delimiter):
                target = folder / item.name
                if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() != registry.get(
                    item.name, {}
                ).get("sha256"):
                    stale = registry.get(item.name, {}).get("stamp") not in (None, item.stamp)
                    kept.append(SheetWrite(sheet.plan_id, target, "kept-edited", edited_path=target, stale=stale))
                    continue
                files.append(item)
            files.append(
                SheetFile(f"{sheet.plan_id}.hints.xlsx", hints_workbook_bytes(sheet), sheet.plan_id, sheet.stamp)
            )
            files.append(
                SheetFile(f"{sheet.plan_id}.hints.csv", hints_csv_bytes(sheet, delimiter), sheet.plan_id, sheet.stamp)
            )
        results[rater] = write_sheet_files(folder, files) + kept
    return results
