"""Per-rater sheets (XLSX and CSV): content, blind mode, highlighted terms, drop-downs, and the
never-overwrite rule for edited per-rater sheets, stale detection and releasing hints."""

from __future__ import annotations

import pytest

from omslag.sheets.per_rater import release_hints, write_per_rater_sheets
from omslag.sheets.rater_sheet import BLIND_HIDDEN_COLUMNS
from tests.ratings_helpers import EVIDENCE, fill_xlsx, make_run, read_our_csv


@pytest.fixture
def run(tmp_path):
    return make_run(tmp_path / "run")


def test_sheets_per_rater_per_plan(run, rubric):
    results = write_per_rater_sheets(run, rubric, ["anna", "bram"])
    assert set(results) == {"anna", "bram"}
    for rater in ("anna", "bram"):
        names = sorted(p.name for p in (run / "sheets" / rater).iterdir() if not p.name.startswith("."))
        assert names == [
            f"plan_a__{rater}.csv",
            f"plan_a__{rater}.xlsx",
            f"plan_b__{rater}.csv",
            f"plan_b__{rater}.xlsx",
        ]
        assert all(w.outcome == "written" for w in results[rater])
    again = write_per_rater_sheets(run, rubric, ["anna"])
    assert all(w.outcome == "unchanged" for w in again["anna"]), "same content gives the same bytes (XLSX too)"


def test_csv_sheet_has_rater_stamp_and_own_rows(run, rubric):
    write_per_rater_sheets(run, rubric, ["anna"], formats=("csv",))
    rows = read_our_csv(run / "sheets" / "anna" / "plan_a__anna.csv")
    head = rows[0]
    assert head[:3] == ["evidence_id", "indicator", "pagina"] and head[-2:] == ["beoordelaar", "blad"]
    assert {"niveau", "relevant", "opmerking"} <= set(head[:10]), "the cells to fill are on the first screen"
    body = [dict(zip(head, r, strict=False)) for r in rows[1:]]
    assert {r["beoordelaar"] for r in body} == {"anna"}
    assert body[0]["soort"] == "plan" and body[0]["plan_id"] == "plan_a"
    assert [r["plan_id"] for r in body[1:]] == [""] * (len(body) - 1), "the plan id once, in the plan row"
    assert [r["soort"] for r in body].count("score") == 4
    assert [r["soort"] for r in body].count("bewijs") == 3
    assert [r["soort"] for r in body].count("eigen") >= 5
    assert body[1]["voorlopig_niveau"] == "4" and body[1]["blad"].startswith("test-1/")
    # each indicator's score row is followed by its decisive evidence, with a reason
    assert [r["soort"] for r in body[1:3]] == ["score", "bewijs"] and body[2]["indicator"] == "wonen"
    assert body[2]["rang"] == "1" and body[2]["deel"] == "Beslissend" and body[2]["waarom"]


def test_blind_mode_hides_levels_and_hints(run, rubric):
    from openpyxl import load_workbook

    write_per_rater_sheets(run, rubric, ["anna"], blind=True)
    head = read_our_csv(run / "sheets" / "anna" / "plan_a__anna.csv")[0]
    assert not set(BLIND_HIDDEN_COLUMNS) & set(head)
    workbook = load_workbook(run / "sheets" / "anna" / "plan_a__anna.xlsx")
    for tab in ("Beslissend", "Overig bewijs"):
        header = [c.value for c in workbook[tab][1]]
        assert not set(BLIND_HIDDEN_COLUMNS) & set(header), tab
    everything = " ".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value)
    assert "Niveau 4 omdat" not in everything


def test_xlsx_layout_rich_text_validation_frozen_header(run, rubric):
    from openpyxl import load_workbook
    from openpyxl.cell.rich_text import CellRichText

    write_per_rater_sheets(run, rubric, ["anna"], formats=("xlsx",))
    path = run / "sheets" / "anna" / "plan_a__anna.xlsx"
    workbook = load_workbook(path, rich_text=True)
    assert workbook.sheetnames == ["Beslissend", "Overig bewijs", "Eigen bewijs", "Instructies"]
    assert workbook.active.title == "Beslissend", "the workbook opens on the decisive evidence"
    info = workbook["Instructies"]
    assert info["A3"].value == "Beoordelaar" and info["B3"].value == "anna"
    evidence = workbook["Beslissend"]
    header = [c.value for c in evidence[1]]
    kinds = [evidence.cell(r, header.index("soort") + 1).value for r in range(2, evidence.max_row + 1)]
    first_evidence = kinds.index("bewijs") + 2
    fragment = evidence.cell(first_evidence, header.index("fragment") + 1).value
    assert isinstance(fragment, CellRichText)
    bold = [str(part.text) for part in fragment if hasattr(part, "font") and part.font.b]
    assert bold == ["woonplekken"], "the matched term is bold inside the cell"
    for tab in ("Beslissend", "Overig bewijs"):
        assert workbook[tab].freeze_panes == "D2", tab
    assert workbook["Eigen bewijs"].freeze_panes == "A2"
    lists = {dv.formula1 for dv in evidence.data_validations.dataValidation}
    assert '"1,2,3,4,5"' in lists and '"ja,nee"' in lists
    assert evidence.column_dimensions["D"].width > 40


def test_edited_per_rater_sheets_are_never_touched(run, rubric, tmp_path):
    write_per_rater_sheets(run, rubric, ["anna"])
    folder = run / "sheets" / "anna"
    xlsx = folder / "plan_a__anna.xlsx"
    fill_xlsx(xlsx, xlsx, {"wonen": 3})
    csv_path = folder / "plan_a__anna.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b";score;", b";score;", 1) + b"\r\n")
    edited = {p: p.read_bytes() for p in (xlsx, csv_path)}

    results = write_per_rater_sheets(run, rubric, ["anna"])["anna"]
    kept = [w for w in results if w.outcome == "kept-edited"]
    assert {w.edited_path.name for w in kept} == {"plan_a__anna.xlsx", "plan_a__anna.csv"}
    assert not any(w.new_version or w.stale for w in kept), "nothing new to offer: no v2"
    for path, data in edited.items():
        assert path.read_bytes() == data

    # the plan's evidence changes: the edited sheets stay, are stale, and a v2 goes beside them
    make_run(run, evidence=EVIDENCE[:2] + EVIDENCE[3:])
    results = write_per_rater_sheets(run, rubric, ["anna"])["anna"]
    kept = {w.edited_path.name: w for w in results if w.outcome == "kept-edited"}
    assert kept["plan_a__anna.xlsx"].stale and kept["plan_a__anna.xlsx"].new_version
    assert (folder / "plan_a__anna.v2.xlsx").exists() and (folder / "plan_a__anna.v2.csv").exists()
    for path, data in edited.items():
        assert path.read_bytes() == data


def test_release_hints_keeps_filled_blind_sheets(run, rubric):
    from openpyxl import load_workbook

    write_per_rater_sheets(run, rubric, ["anna"], blind=True)
    folder = run / "sheets" / "anna"
    filled = fill_xlsx(folder / "plan_a__anna.xlsx", folder / "plan_a__anna.xlsx", {"wonen": 2})
    before = filled.read_bytes()
    results = release_hints(run, rubric, ["anna"])["anna"]
    assert filled.read_bytes() == before
    assert not (folder / "plan_a__anna.v2.xlsx").exists(), "a filled blind sheet gets hints beside it, not a new copy"
    assert (folder / "plan_a.hints.xlsx").exists() and (folder / "plan_a.hints.csv").exists()
    header = [c.value for c in load_workbook(folder / "plan_b__anna.xlsx")["Beslissend"][1]]
    assert "voorlopig_niveau" in header, "an untouched blind sheet is replaced by the one with hints"
    assert any(w.outcome == "kept-edited" and w.edited_path == filled for w in results)
