"""Stage: outputs — targets.csv: the plans' streefcijfers (and past statistics as baselines).

One row per number (rules.targets.Target), written next to evidence.csv by the run, in the
run's delimiter and with the same atomic CSV writer. Values stay machine-readable (a decimal
point, years as numbers); the sentence and page let a reader find each number back.
"""

from __future__ import annotations

from pathlib import Path

from omslag.rules.models import DocumentResult
from omslag.rules.targets import Target
from omslag.sheets.csvio import DEFAULT_DELIMITER, write_csv

TARGET_COLUMNS = [
    "plan_id",
    "kind",
    "indicator",
    "unit",
    "unit_label",
    "change",
    "value",
    "value_text",
    "direction",
    "per_year",
    "base_year",
    "base_value",
    "target_year",
    "scope",
    "page",
    "sentence",
    "doc_id",
    "rubric_version",
]


def _number(value: float | None) -> str:
    if value is None:
        return ""
    # a decimal comma, as in agreement.csv: Dutch Excel reads it as a number
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def target_row(target: Target) -> dict:
    return {
        "plan_id": target.plan_id,
        "kind": target.kind,
        "indicator": target.indicator,
        "unit": target.unit,
        "unit_label": target.unit_label,
        "change": target.change,
        "value": _number(target.value),
        "value_text": target.value_text,
        "direction": target.direction,
        "per_year": target.per_year,
        "base_year": target.base_year if target.base_year is not None else "",
        "base_value": _number(target.base_value),
        "target_year": target.target_year if target.target_year is not None else "",
        "scope": target.scope,
        "page": target.page,
        "sentence": target.sentence,
        "doc_id": target.doc_id,
        "rubric_version": target.rubric_version,
    }


def write_targets_table(out_dir: Path, results: list[DocumentResult], *, delimiter: str = DEFAULT_DELIMITER) -> Path:
    """targets.csv for every document of the run (a header only when no plan has a number)."""
    path = Path(out_dir) / "targets.csv"
    write_csv(path, TARGET_COLUMNS, (target_row(t) for r in results for t in r.targets), delimiter=delimiter)
    return path
