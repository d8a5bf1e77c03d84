"""Sheets: Dutch-Excel CSV (BOM, ;), formula neutralisation, marked terms, atomic writes,
and never overwriting a sheet a rater edited."""

from __future__ import annotations

import csv

from omslag.rules.models import Evidence, MatchedTerm, Score
from omslag.sheets.csvio import csv_bytes, neutralise, write_csv
from omslag.sheets.rater_sheet import SHEET_COLUMNS, sheet_rows, write_rater_sheets
from omslag.sheets.tables import mark_terms


def _evidence(sentence="De nachtopvang sluit in 2026.", start=3, end=14) -> Evidence:
    return Evidence(
        evidence_id="ev-000000000001",
        doc_id="d",
        plan_id="p",
        indicator="wonen",
        signal="afbouw_opvang",
        signal_label="Afbouw van de opvang",
        polarity="positive",
        rule_id="wonen.afbouw_opvang",
        page=4,
        start=0,
        end=len(sentence),
        sentence=sentence,
        context_before="Vorige zin.",
        context_after="Volgende zin.",
        terms=[MatchedTerm(text=sentence[start:end], term="opvang", start=start, end=end)],
        negated=False,
        concrete=True,
        intent_only=False,
        pilot=False,
        rubric_version="t",
    )


def _score() -> Score:
    return Score(
        doc_id="d",
        plan_id="p",
        indicator="wonen",
        level=2,
        rule_id="wonen.status_quo",
        rationale="r",
        rubric_version="t",
    )


def test_formula_cells_neutralised():
    for dangerous in ["=SUM(A1)", "+31 6", "-1", "@cmd", "\tx"]:
        assert neutralise(dangerous).startswith("'")
    assert neutralise("gewone tekst") == "gewone tekst"
    assert neutralise(None) == ""
    assert neutralise(True) == "ja"


def test_csv_is_utf8_bom_semicolon(tmp_path):
    path = tmp_path / "t.csv"
    write_csv(path, ["a", "b"], [{"a": "coördinatie", "b": "=1+1"}])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "a;b"
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[1] == ["coördinatie", "'=1+1"]
    assert not list(tmp_path.glob(".*.tmp")), "temporary files are cleaned up"


def test_terms_marked_in_fragment():
    assert mark_terms(_evidence()) == "De «nachtopvang» sluit in 2026."


def test_sheet_has_score_rows_then_evidence_rows(rubric):
    rows = sheet_rows(rubric, "p", [_evidence()], [_score()])
    assert [r["soort"] for r in rows] == ["plan", "score", "bewijs"]
    assert rows[0]["plan_id"] == "p" and not any(r.get("plan_id") for r in rows[1:])
    assert rows[1]["voorlopig_niveau"] == "2"
    assert rows[2]["pagina"] == 4 and "«nachtopvang»" in rows[2]["fragment"]
    assert "concreet" in rows[2]["kenmerken"]
    assert rows[2]["waarom"] == "concrete toezegging: concrete actie met jaar (Afbouw van de opvang)"
    for column in ("relevant", "niveau", "opmerking"):
        assert column in SHEET_COLUMNS[:10] and not rows[2].get(column)


def test_edited_sheet_is_never_overwritten(tmp_path, rubric):
    folder = tmp_path / "sheets"
    rows = sheet_rows(rubric, "p", [_evidence()], [_score()])
    (first,) = write_rater_sheets(folder, {"p": rows})
    assert first.outcome == "written"
    (again,) = write_rater_sheets(folder, {"p": rows})
    assert again.outcome == "unchanged"

    edited = first.path.read_bytes().replace(b"Beslissend;bewijs;", b"Beslissend;bewijs;klopt", 1)
    assert edited != first.path.read_bytes()
    first.path.write_bytes(edited)
    changed_rows = sheet_rows(rubric, "p", [_evidence("De nachtopvang sluit al in 2025.")], [_score()])
    (result,) = write_rater_sheets(folder, {"p": changed_rows})
    assert result.outcome == "kept-edited"
    assert first.path.read_bytes() == edited
    assert result.path.name == "p.v2.csv"
    assert b"2025" in result.path.read_bytes()
    # and a further run still leaves the rater's file alone and refreshes only our v2
    (later,) = write_rater_sheets(folder, {"p": rows})
    assert first.path.read_bytes() == edited
    assert later.path.name == "p.v2.csv"


def test_csv_bytes_custom_delimiter():
    text = csv_bytes(["a", "b"], [{"a": 1, "b": 2}], delimiter=",", bom=False).decode()
    assert text == "a,b\r\n1,2\r\n"


def test_no_new_version_when_nothing_new_to_offer(tmp_path, rubric):
    """A rater edits the sheet, then its v2: as long as omslag would write the same v2 again,
    no v3 appears (re-running must not litter the folder)."""
    folder = tmp_path / "sheets"
    rows = sheet_rows(rubric, "p", [_evidence()], [_score()])
    (first,) = write_rater_sheets(folder, {"p": rows})
    first.path.write_bytes(first.path.read_bytes() + b"\r\n")
    (again,) = write_rater_sheets(folder, {"p": rows})
    assert again.outcome == "kept-edited" and not again.new_version and again.path == first.path
    changed = sheet_rows(rubric, "p", [_evidence("De nachtopvang sluit al in 2025.")], [_score()])
    (second,) = write_rater_sheets(folder, {"p": changed})
    assert second.new_version and second.path.name == "p.v2.csv"
    second.path.write_bytes(second.path.read_bytes() + b"\r\n")  # the rater edits v2 too
    edited_v2 = second.path.read_bytes()
    (third,) = write_rater_sheets(folder, {"p": changed})
    assert third.outcome == "kept-edited" and not third.new_version
    assert not (folder / "p.v3.csv").exists() and second.path.read_bytes() == edited_v2


def test_atomic_write_gives_normal_permissions(tmp_path):
    import os
    import stat

    from omslag.sheets.csvio import write_bytes_atomic

    path = tmp_path / "x.csv"
    write_bytes_atomic(path, b"a")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
