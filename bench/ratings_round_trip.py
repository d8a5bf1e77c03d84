"""Benchmark: the rater round trip at the size of the real job — 44 regional plans, two raters.

Not a test. Run from the repository root: `.venv/bin/python -m bench.ratings_round_trip [PLANS] [EVIDENCE_PER_PLAN]`
(default 44 plans × 60 evidence items). Builds a synthetic run folder in a temporary directory,
then times each step side by side: writing the sheets (XLSX + CSV per rater per plan), filling
them (openpyxl for one rater, cp1252 CSV for the other — simulation, not timed as omslag's),
importing all files, re-importing them (idempotent), agreement, consensus and calibration.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from omslag.ratings.importer import import_files
from omslag.ratings.outputs import write_agreement, write_calibration, write_consensus_sheet, write_final_scores
from omslag.ratings.run_folder import load_run_context
from omslag.ratings.store import RatingsStore
from omslag.rules.domain import Domain
from omslag.rules.rubric import load_rubric
from omslag.sheets.csvio import write_csv
from omslag.sheets.per_rater import write_per_rater_sheets
from omslag.sheets.tables import DOCUMENT_COLUMNS, EVIDENCE_COLUMNS, SCORE_COLUMNS
from tests.ratings_helpers import fill_csv_rows, fill_xlsx, read_our_csv, save_as_dutch_excel_csv

ROOT = Path(__file__).resolve().parents[1]

_DOMAIN = Domain.from_rubric(load_rubric())
INDICATORS = _DOMAIN.indicators


def synthetic_run(folder: Path, plans: int, per_plan: int, rng: random.Random) -> list[str]:
    ids = [f"regio_{i:02d}_plan" for i in range(plans)]
    write_csv(
        folder / "documents.csv",
        DOCUMENT_COLUMNS,
        [{"file": f"{p}.pdf", "plan_id": p, "status": "SUCCESS", "pages": 30} for p in ids],
    )
    write_csv(
        folder / "evidence.csv",
        EVIDENCE_COLUMNS,
        [
            {
                "evidence_id": f"ev-{i:03d}{j:09d}",
                "plan_id": p,
                "indicator": INDICATORS[j % len(INDICATORS)],
                "signal": "s",
                "page": 1 + j % 30,
                "text": f"Zin {j} met een «zoekterm» over wonen en opvang in regio {i}.",
                "context": "…",
                "rule_id": "r",
                "signal_label": "Signaal",
                "polarity": "positive",
                "rubric_version": "bench",
            }
            for i, p in enumerate(ids)
            for j in range(per_plan)
        ],
    )
    write_csv(
        folder / "scores.csv",
        SCORE_COLUMNS,
        [
            {
                "plan_id": p,
                "indicator": ind,
                "level": ("ja" if rng.random() < 0.5 else "nee")
                if ind in _DOMAIN.yes_no_indicators
                else str(rng.randint(1, 5)),
                "rationale": "…",
                "rule_id": "r",
                "rubric_version": "bench",
            }
            for p in ids
            for ind in INDICATORS
        ],
    )
    return ids


def timed(label: str, results: list, func):
    started = time.perf_counter()
    value = func()
    results.append((label, time.perf_counter() - started))
    return value


def main() -> None:
    plans = int(sys.argv[1]) if len(sys.argv) > 1 else 44
    per_plan = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    rng = random.Random(7)
    rubric = load_rubric()
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp) / "run"
        run.mkdir()
        ids = synthetic_run(run, plans, per_plan, rng)
        timed("sheets: 2 raters × XLSX+CSV", results, lambda: write_per_rater_sheets(run, rubric, ["anna", "bram"]))
        inbox = Path(tmp) / "inbox"
        for p in ids:
            levels = {ind: str(rng.randint(1, 5)) for ind in _DOMAIN.ordinal_indicators}
            fill_xlsx(
                run / "sheets" / "anna" / f"{p}__anna.xlsx",
                inbox / f"{p}__anna.xlsx",
                {**{k: int(v) for k, v in levels.items()}, **dict.fromkeys(_DOMAIN.yes_no_indicators, "ja")},
            )
            levels = {ind: str(max(1, min(5, int(v) + rng.choice((-1, 0, 0, 1))))) for ind, v in levels.items()}
            save_as_dutch_excel_csv(
                fill_csv_rows(
                    read_our_csv(run / "sheets" / "bram" / f"{p}__bram.csv"),
                    {**levels, **dict.fromkeys(_DOMAIN.yes_no_indicators, "nee")},
                ),
                inbox / f"{p}__bram.csv",
            )
        context = load_run_context(run)
        with RatingsStore(run / "ratings.sqlite") as store:
            report = timed(f"import {2 * plans} filled files", results, lambda: import_files(store, context, [inbox]))
            assert not report.rejected, report.rejected[:1]
            timed("re-import (all already imported)", results, lambda: import_files(store, context, [inbox]))
            timed("agreement", results, lambda: write_agreement(store, context))
            timed(
                "consensus sheet + final scores",
                results,
                lambda: (write_consensus_sheet(store, context), write_final_scores(store, context)),
            )
            timed("calibration + missed evidence", results, lambda: write_calibration(store, context))
    print(f"rater round trip: {plans} plans × {per_plan} evidence items, 2 raters")
    width = max(len(label) for label, _ in results)
    for label, seconds in results:
        print(f"  {label:<{width}}  {seconds:7.2f} s")


if __name__ == "__main__":
    main()
