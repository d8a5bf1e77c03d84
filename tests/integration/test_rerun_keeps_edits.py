"""Acceptance (issue 4): after a rater edit, re-running `omslag run` (the real Prefect flow)
leaves the edited file byte-identical — the per-plan CSV of `omslag run` and the per-rater
XLSX/CSV of `omslag sheets` alike — and regenerating sheets does not touch them either."""

from __future__ import annotations

import pytest

from omslag.cli import main
from omslag.flows.run import run_corpus
from tests.ratings_helpers import fill_csv_rows, fill_xlsx, read_our_csv, save_as_dutch_excel_csv
from tests.support import DEMO

pytestmark = pytest.mark.prefect

PLAN = "kempenoord_2023_regionaal_actieplan"


def test_rerun_leaves_edited_sheets_byte_identical(prefect_harness, tmp_path):
    out = tmp_path / "run"
    run_corpus(corpus=str(DEMO), out=str(out))
    assert main(["sheets", str(out), "--raters", "anna"]) == 0

    # a rater fills the per-plan sheet in Excel and saves it (cp1252, as Dutch Excel does) …
    generic = out / "sheets" / f"{PLAN}.csv"
    rows = read_our_csv(generic)
    head = rows[0]
    for row in rows[1:]:
        if row[head.index("soort")] == "score":
            row[head.index("niveau")] = "3" if row[head.index("indicator")] != "belangenbehartiging" else "nee"
    save_as_dutch_excel_csv(rows, generic)
    # … anna fills her workbook and her CSV
    xlsx = out / "sheets" / "anna" / f"{PLAN}__anna.xlsx"
    fill_xlsx(xlsx, xlsx, {"wonen": 3, "preventie": 3})
    anna_csv = out / "sheets" / "anna" / f"{PLAN}__anna.csv"
    save_as_dutch_excel_csv(fill_csv_rows(read_our_csv(anna_csv), {"wonen": "3"}), anna_csv)
    assert main(["import", str(out), str(xlsx)]) == 0  # the store exists during the re-run too
    edited = {path: path.read_bytes() for path in (generic, xlsx, anna_csv)}

    summary = run_corpus(corpus=str(DEMO), out=str(out))
    for path, data in edited.items():
        assert path.read_bytes() == data, f"{path.name} was changed by the re-run"
    assert str(generic) in summary.sheets_kept_edited
    assert summary.sheets_stale == [], "same PDFs, same rubric: nothing is stale"
    assert not (out / "sheets" / f"{PLAN}.v2.csv").exists(), "nothing new to offer, so no second version"
    untouched = out / "sheets" / "brakelmeer_2022_beleidskader_mo_bw.csv"
    assert untouched.exists()

    assert main(["sheets", str(out), "--raters", "anna"]) == 0
    for path, data in edited.items():
        assert path.read_bytes() == data, f"{path.name} was changed by omslag sheets"
