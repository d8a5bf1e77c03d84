"""Helpers for the rater round-trip tests: a tiny run folder (two plans) written with the real
table writers' columns, and simulated raters who fill sheets the way Excel users do."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from omslag.sheets.csvio import write_csv
from omslag.sheets.tables import DOCUMENT_COLUMNS, EVIDENCE_COLUMNS, SCORE_COLUMNS

RUBRIC_VERSION = "test-1"
PLANS = {"plan_a": 5, "plan_b": 3}
EVIDENCE = [
    # evidence_id, plan, indicator, page, text
    ("ev-a00000000001", "plan_a", "wonen", 2, "Wij realiseren 120 extra «woonplekken» in 2025."),
    ("ev-a00000000002", "plan_a", "preventie", 3, "Het «voorkomen van huisuitzettingen» heeft prioriteit."),
    ("ev-a00000000003", "plan_a", "participatie", 4, "«Ervaringsdeskundigen» schreven het plan mee."),
    ("ev-b00000000001", "plan_b", "wonen", 1, "De «nachtopvang» wordt uitgebreid met 40 bedden."),
    ("ev-b00000000002", "plan_b", "preventie", 2, "«Vroegsignalering» van schulden wordt verbeterd."),
]
PROVISIONAL = {
    "plan_a": {"wonen": "4", "preventie": "3", "participatie": "4", "belangenbehartiging": "ja"},
    "plan_b": {"wonen": "1", "preventie": "2", "participatie": "1", "belangenbehartiging": "nee"},
}


def make_run(folder: Path, evidence=EVIDENCE, rubric_version: str = RUBRIC_VERSION) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "documents.csv",
        DOCUMENT_COLUMNS,
        [
            {"file": f"{plan}.pdf", "plan_id": plan, "sha256": f"sha-{plan}", "status": "SUCCESS", "pages": pages}
            for plan, pages in PLANS.items()
        ],
    )
    write_csv(
        folder / "evidence.csv",
        EVIDENCE_COLUMNS,
        [
            {
                "evidence_id": eid,
                "plan_id": plan,
                "indicator": indicator,
                "signal": "s",
                "page": page,
                "text": text,
                "context": f"Vorige zin. {text} Volgende zin.",
                "rule_id": f"{indicator}.s",
                "signal_label": "Signaal",
                "polarity": "positive",
                "negated": False,
                "concrete": True,
                "intent_only": False,
                "pilot": False,
                "rubric_version": rubric_version,
            }
            for eid, plan, indicator, page, text in evidence
        ],
    )
    write_csv(
        folder / "scores.csv",
        SCORE_COLUMNS,
        [
            {
                "plan_id": plan,
                "indicator": indicator,
                "level": level,
                "rationale": f"Niveau {level} omdat …",
                "rule_id": f"{indicator}.r",
                "rubric_version": rubric_version,
            }
            for plan, levels in PROVISIONAL.items()
            for indicator, level in levels.items()
        ],
    )
    return folder


def fill_xlsx(
    source: Path,
    target: Path,
    levels: dict[str, object],
    *,
    relevant: dict[str, str] | None = None,
    own: list[tuple[str, int, str]] | None = None,
    rater: str | None = None,
) -> Path:
    """A rater fills the workbook in Excel (simulated with openpyxl) and saves it as `target`."""
    from openpyxl import load_workbook

    workbook = load_workbook(source)
    for tab in ("Beslissend", "Overig bewijs"):
        sheet = workbook[tab]
        head = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            kind = row[head.index("soort")].value
            if kind == "score" and row[head.index("indicator")].value in levels:
                row[head.index("niveau")].value = levels[row[head.index("indicator")].value]
            eid = row[head.index("evidence_id")].value
            if kind == "bewijs" and relevant and eid in relevant:
                row[head.index("relevant")].value = relevant[eid]
    if own:
        sheet = workbook["Eigen bewijs"]
        for i, (indicator, page, quote) in enumerate(own, start=2):
            sheet.cell(i, 1, indicator)
            sheet.cell(i, 2, page)
            sheet.cell(i, 3, quote)
    if rater is not None:
        workbook["Instructies"]["B3"] = rater
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def read_our_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def save_as_dutch_excel_csv(rows: list[list[str]], target: Path, encoding: str = "cp1252") -> Path:
    """What Dutch Excel writes for 'CSV (gescheiden door lijstscheidingsteken)': cp1252, `;`,
    CRLF, no byte-order mark; characters cp1252 lacks become '?', as Excel does."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    return target


def fill_csv_rows(rows: list[list[str]], levels: dict[str, str], *, comment: str = "") -> list[list[str]]:
    head = rows[0]
    out = [list(head)]
    for row in rows[1:]:
        row = list(row)
        if row[head.index("soort")] == "score" and row[head.index("indicator")] in levels:
            row[head.index("niveau")] = levels[row[head.index("indicator")]]
            if comment:
                row[head.index("opmerking")] = comment
        out.append(row)
    return out
