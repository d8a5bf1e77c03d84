"""Stage: extract — reading a corpus folder's manifest (file → plan id, region, date, type).

The manifest is optional: a bare folder of PDFs works, plan ids then come from file names.
Accepted: `manifest.tsv` (tab) or `manifest.csv` (`;` or `,`), with a `file` (or `local_file`)
column. Bad rows are reported with their row number and skipped; they never stop a run.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from omslag.extract.models import DocumentMeta

MANIFEST_NAMES = ("manifest.tsv", "manifest.csv")
_PLAN_ID = re.compile(r"[^a-z0-9_-]+")


@dataclass
class Manifest:
    path: Path | None
    entries: dict[str, tuple[str | None, DocumentMeta]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def lookup(self, file: str) -> tuple[str | None, DocumentMeta]:
        return self.entries.get(file, (None, DocumentMeta()))


def plan_id_from_name(name: str) -> str:
    """File stem as a safe id: lower-case, letters, digits, - and _ only."""
    stem = Path(name).stem.lower()
    return _PLAN_ID.sub("-", stem).strip("-") or "plan"


def read_manifest(folder: Path) -> Manifest:
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.exists():
            break
    else:
        return Manifest(path=None)
    manifest = Manifest(path=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        manifest.problems.append(f"{path}: manifest niet te lezen: {exc}")
        return manifest
    delimiter = "\t" if path.suffix == ".tsv" else (";" if text.count(";") > text.count(",") else ",")
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    columns = set(reader.fieldnames or [])
    file_column = "file" if "file" in columns else "local_file" if "local_file" in columns else None
    if file_column is None:
        manifest.problems.append(f"{path}: geen kolom 'file' (kolommen: {', '.join(sorted(columns))})")
        return manifest
    for row_number, row in enumerate(reader, start=2):
        file = (row.get(file_column) or "").strip()
        if not file:
            manifest.problems.append(f"{path}:{row_number}: cel '{file_column}' is leeg, rij overgeslagen")
            continue
        extra = {k: v for k, v in row.items() if k and k not in {file_column, "plan_id"} and v not in (None, "")}
        meta = DocumentMeta(**extra)
        plan_id = (row.get("plan_id") or "").strip() or None
        if file in manifest.entries:
            manifest.problems.append(f"{path}:{row_number}: '{file}' staat er twee keer in, de latere rij telt")
        manifest.entries[file] = (plan_id, meta)
    return manifest
