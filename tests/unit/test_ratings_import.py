"""`omslag import`: validation with file:row:column messages, idempotent re-import, newer files
superseding older ones with history kept, the sheet never changed, consensus → final scores,
and stale flags."""

from __future__ import annotations

import os
import time

import pytest

from omslag.ratings.importer import import_files, parse_level, rater_from_filename
from omslag.ratings.outputs import current_finals, pending_disputes
from omslag.ratings.run_folder import load_run_context
from omslag.ratings.stale import refresh_stale
from omslag.ratings.store import RatingsStore
from omslag.sheets.per_rater import write_per_rater_sheets
from tests.ratings_helpers import (
    EVIDENCE,
    fill_csv_rows,
    fill_xlsx,
    make_run,
    read_our_csv,
    save_as_dutch_excel_csv,
)


@pytest.fixture
def run(tmp_path, rubric):
    folder = make_run(tmp_path / "run")
    write_per_rater_sheets(folder, rubric, ["anna", "bram"])
    return folder


@pytest.fixture
def context(run):
    return load_run_context(run)


@pytest.fixture
def store(run):
    with RatingsStore(run / "ratings.sqlite") as opened:
        yield opened


def _csv_for(run, tmp_path, rater, plan, levels, name=None, mutate=None):
    rows = fill_csv_rows(read_our_csv(run / "sheets" / rater / f"{plan}__{rater}.csv"), levels)
    if mutate:
        rows = mutate(rows)
    return save_as_dutch_excel_csv(rows, tmp_path / "inbox" / (name or f"{plan}__{rater}.csv"))


def _problems(report):
    return [str(p) for f in report.files for p in f.problems]


def test_parse_level():
    assert parse_level(" 3 ", "ordinal") == ("3", None)
    assert parse_level("4,0", "ordinal") == ("4", None)
    assert parse_level("", "ordinal") == (None, None)
    assert parse_level("6", "ordinal")[1] and parse_level("2,5", "ordinal")[1] and parse_level("drie", "ordinal")[1]
    assert parse_level("Ja", "yes_no") == ("ja", None)
    assert parse_level("3", "yes_no")[1]


def test_rater_from_filename():
    assert rater_from_filename("plan_a__anna.xlsx") == "anna"
    assert rater_from_filename("plan_a__Anna.v2.csv") == "anna"
    assert rater_from_filename("plan_a__anna (1).xlsx") == "anna"
    assert rater_from_filename("plan_a.csv") is None


def test_xlsx_and_cp1252_csv_import(run, context, store, tmp_path):
    fill_xlsx(
        run / "sheets" / "anna" / "plan_a__anna.xlsx",
        tmp_path / "inbox" / "plan_a__anna.xlsx",
        {"wonen": 3, "preventie": 2, "participatie": 4, "belangenbehartiging": "ja"},
        relevant={"ev-a00000000001": "ja", "ev-a00000000002": "nee"},
        own=[("preventie", 5, "Een eigen citaat over schuldhulp.")],
    )
    _csv_for(
        run,
        tmp_path,
        "bram",
        "plan_a",
        {"wonen": "4", "preventie": "2", "participatie": "4", "belangenbehartiging": "ja"},
    )
    report = import_files(store, context, [tmp_path / "inbox"])
    assert _problems(report) == []
    assert sorted(f.status for f in report.files) == ["imported", "imported"]
    current = {(r.rater, r.indicator): r.level for r in store.current_ratings()}
    assert current[("anna", "wonen")] == "3" and current[("bram", "wonen")] == "4"
    assert current[("anna", "belangenbehartiging")] == "ja"
    own = store.current_rater_evidence()
    assert [(r["page"], r["quote"]) for r in own] == [(5, "Een eigen citaat over schuldhulp.")]
    history = store.history()
    assert {row["rater"] for row in history} == {"anna", "bram"}
    assert all(len(row["sha256"]) == 64 and row["imported_at"] for row in history)


@pytest.mark.parametrize(
    "mutation,expected",
    [
        ("level_out_of_range", ":F (niveau): niveau 7 valt buiten de schaal"),
        ("unknown_evidence", ":A (evidence_id): onbekend evidence_id ‘ev-bestaatniet’"),
        ("missing_rater", ":S (beoordelaar): beoordelaar ontbreekt"),
        ("duplicate_indicator", "wonen staat twee keer in dit blad"),
        ("bad_relevant", ":G (relevant): ‘misschien’ is geen geldig antwoord"),
        ("page_out_of_range", ":C (pagina): pagina 99 bestaat niet in dit plan (1–5)"),
        ("unknown_plan", ":R (plan_id): plan ‘plan_x’ komt niet voor"),
        ("two_raters", "beoordelaar ‘bram’ verschilt van ‘anna’"),
    ],
)
def test_errors_name_file_row_column(run, context, store, tmp_path, mutation, expected):
    def mutate(rows):
        head = rows[0]
        col = head.index
        score_rows = [r for r in rows[1:] if r[col("soort")] == "score"]
        evidence_rows = [r for r in rows[1:] if r[col("soort")] == "bewijs"]
        own_rows = [r for r in rows[1:] if r[col("soort")] == "eigen"]
        if mutation == "level_out_of_range":
            score_rows[0][col("niveau")] = "7"
        elif mutation == "unknown_evidence":
            evidence_rows[0][col("evidence_id")] = "ev-bestaatniet"
        elif mutation == "missing_rater":
            for r in rows[1:]:
                r[col("beoordelaar")] = ""
        elif mutation == "duplicate_indicator":
            rows.append(list(score_rows[0]))
        elif mutation == "bad_relevant":
            evidence_rows[0][col("relevant")] = "misschien"
        elif mutation == "page_out_of_range":
            own_rows[0][col("pagina")] = "99"
            own_rows[0][col("fragment")] = "Een zin."
        elif mutation == "unknown_plan":
            score_rows[0][col("plan_id")] = "plan_x"
        elif mutation == "two_raters":
            score_rows[1][col("beoordelaar")] = "bram"
        return rows

    name = "plan_a.csv" if mutation == "missing_rater" else None
    path = _csv_for(run, tmp_path, "anna", "plan_a", {"wonen": "3"}, name=name, mutate=mutate)
    report = import_files(store, context, [path])
    (outcome,) = report.files
    assert outcome.status == "rejected"
    problems = _problems(report)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(path.name + ":") for p in problems), "every message starts with file:row"
    assert store.snapshot()["ratings"] == [], "a rejected file adds nothing"


def test_reimport_is_idempotent_and_never_changes_the_file(run, context, store, tmp_path):
    path = _csv_for(run, tmp_path, "anna", "plan_a", {"wonen": "3"})
    os.utime(path, (1_700_000_000, 1_700_000_000))
    before = (path.read_bytes(), path.stat().st_mtime)
    assert import_files(store, context, [path]).files[0].status == "imported"
    snapshot = store.snapshot()
    again = import_files(store, context, [path, tmp_path / "inbox"])
    assert {f.status for f in again.files} == {"already-imported"}
    assert store.snapshot() == snapshot
    assert (path.read_bytes(), path.stat().st_mtime) == before


def test_newer_file_supersedes_with_history_kept(run, context, store, tmp_path):
    old = _csv_for(run, tmp_path, "anna", "plan_a", {"wonen": "3", "preventie": "2"}, name="plan_a__anna.csv")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    import_files(store, context, [old])
    new = _csv_for(run, tmp_path, "anna", "plan_a", {"wonen": "4", "preventie": "2"}, name="plan_a__anna.v2.csv")
    os.utime(new, (1_700_000_100, 1_700_000_100))
    report = import_files(store, context, [new])
    (outcome,) = report.files
    assert outcome.status == "imported"
    assert outcome.changes == ["plan_a / wonen: 3 → 4"]
    current = {r.indicator: r.level for r in store.current_ratings() if r.rater == "anna"}
    assert current == {"wonen": "4", "preventie": "2"}
    assert len(store.history()) == 2
    levels = [row[3] for row in store.snapshot()["ratings"] if row[2] == "wonen"]
    assert levels == ["3", "4"], "the first file's rating is still there"

    # an even older copy sent afterwards is kept as history but does not count
    older = _csv_for(run, tmp_path, "anna", "plan_a", {"wonen": "1"}, name="plan_a__anna (oud).csv")
    os.utime(older, (1_600_000_000, 1_600_000_000))
    (outcome,) = import_files(store, context, [older]).files
    assert outcome.status == "older"
    assert {r.indicator: r.level for r in store.current_ratings() if r.rater == "anna"}["wonen"] == "4"


def test_lock_files_hints_and_untouched_sheets_are_skipped(run, context, store, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "~$plan_a__anna.xlsx").write_bytes(b"owner file")
    report = import_files(store, context, [inbox, run / "sheets" / "anna"])
    statuses = {os.path.basename(f.path): f.status for f in report.files}
    assert statuses["~$plan_a__anna.xlsx"] == "skipped"
    assert statuses["plan_a__anna.xlsx"] == "skipped", "our own unfilled sheet adds nothing"
    assert not report.rejected


def test_disputes_consensus_and_final_scores(run, context, store, tmp_path):
    from openpyxl import load_workbook

    from omslag.ratings.outputs import write_consensus_sheet, write_final_scores

    anna = {"wonen": "3", "preventie": "2", "participatie": "4", "belangenbehartiging": "ja"}
    bram = {"wonen": "4", "preventie": "3", "participatie": "2", "belangenbehartiging": "ja"}
    _csv_for(run, tmp_path, "anna", "plan_a", anna)
    _csv_for(run, tmp_path, "bram", "plan_a", bram)
    _csv_for(run, tmp_path, "anna", "plan_b", {"wonen": "1"})
    import_files(store, context, [tmp_path / "inbox"])

    disputes = pending_disputes(store, context)
    assert [(d.indicator, d.reason) for d in disputes] == [
        ("wonen", "woorden of daden (3 tegen 4)"),
        ("participatie", "verschil van 2 niveaus"),
    ]
    finals, pending = current_finals(store, context)
    by_key = {(f.plan_id, f.indicator): f for f in finals}
    assert by_key[("plan_a", "preventie")].level == "2" and by_key[("plan_a", "preventie")].basis == "agreed"
    assert "lagere niveau" in by_key[("plan_a", "preventie")].note
    assert by_key[("plan_a", "belangenbehartiging")].level == "ja"
    assert by_key[("plan_b", "wonen")].basis == "single_rater"
    assert ("plan_a", "wonen") not in by_key and len(pending) == 2

    disputes, _writes = write_consensus_sheet(store, context)
    sheet = run / "consensus" / "consensus.xlsx"
    assert sheet.exists() and (run / "consensus" / "consensus.csv").exists()
    workbook = load_workbook(sheet)
    ws = workbook["Consensus"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        row[head.index("consensus_niveau")].value = 3
        row[head.index("toelichting")].value = "samen besproken"
    filled = tmp_path / "consensus_klaar.xlsx"
    workbook.save(filled)
    (outcome,) = import_files(store, context, [filled]).files
    assert outcome.status == "imported" and outcome.kind == "consensus" and outcome.levels == 2
    finals, pending = write_final_scores(store, context)
    assert pending == []
    by_key = {(f.plan_id, f.indicator): f for f in finals}
    assert by_key[("plan_a", "wonen")].level == "3" and by_key[("plan_a", "wonen")].basis == "consensus"
    assert by_key[("plan_a", "wonen")].rater_levels == "anna=3 | bram=4"
    text = (run / "final_scores.csv").read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == "plan_id;indicator;level;basis;rater_levels;note"
    assert pending_disputes(store, context) == []


def test_consensus_sheet_errors(run, context, store, tmp_path):
    from omslag.sheets.csvio import write_csv
    from omslag.sheets.xlsx import CONSENSUS_COLUMNS

    path = tmp_path / "consensus.csv"
    write_csv(
        path,
        CONSENSUS_COLUMNS,
        [
            {"plan_id": "plan_a", "indicator": "wonen", "consensus_niveau": "9"},
            {"plan_id": "plan_a", "indicator": "belangenbehartiging", "consensus_niveau": "3"},
        ],
    )
    (outcome,) = import_files(store, context, [path]).files
    assert outcome.status == "rejected"
    messages = [str(p) for p in outcome.problems]
    assert messages[0].startswith("consensus.csv:2:G (consensus_niveau): niveau 9 valt buiten de schaal")
    assert messages[1].startswith("consensus.csv:3:G (consensus_niveau): ‘3’ is geen geldig antwoord")


def test_stale_when_evidence_changes(run, store, tmp_path, rubric):
    context = load_run_context(run)
    _csv_for(run, tmp_path, "anna", "plan_a", {"wonen": "3"})
    _csv_for(run, tmp_path, "anna", "plan_b", {"wonen": "1"})
    import_files(store, context, [tmp_path / "inbox"])
    assert refresh_stale(store, context) == []
    make_run(run, evidence=EVIDENCE[1:])  # a new run finds other evidence in plan_a
    stale = refresh_stale(store, load_run_context(run))
    assert stale == ["anna / plan_a (plan_a__anna.csv)"]
    # a sheet made from the old evidence, imported now, is flagged at once
    time.sleep(0.01)
    (outcome,) = import_files(
        store,
        load_run_context(run),
        [_csv_for(run, tmp_path, "anna", "plan_a", {"wonen": "2"}, name="plan_a__anna.v9.csv")],
    ).files
    assert outcome.status == "imported" and outcome.stale_plans == ["plan_a"]
    assert any("bestaat niet meer" in str(w) for w in outcome.warnings)


def test_per_plan_sheet_of_omslag_run_imports_with_rater_in_file_name(run, context, store, tmp_path, rubric):
    """The sheet `omslag run` writes has no beoordelaar column: the file name must say who."""
    from omslag.sheets.csvio import csv_bytes
    from omslag.sheets.rater_sheet import SHEET_COLUMNS

    rows = [
        {"plan_id": "plan_a", "soort": "score", "indicator": "wonen", "niveau": "3"},
        {
            "plan_id": "plan_a",
            "soort": "bewijs",
            "indicator": "wonen",
            "evidence_id": "ev-a00000000001",
            "relevant": "ja",
        },
    ]
    nameless = tmp_path / "plan_a.csv"
    nameless.write_bytes(csv_bytes(SHEET_COLUMNS, rows))
    (outcome,) = import_files(store, context, [nameless]).files
    assert outcome.status == "rejected"
    assert str(outcome.problems[0]).startswith("plan_a.csv:1:(beoordelaar): beoordelaar ontbreekt")
    named = tmp_path / "plan_a__Anna.csv"
    named.write_bytes(nameless.read_bytes())
    (outcome,) = import_files(store, context, [named]).files
    assert outcome.status == "imported" and outcome.rater == "anna"


def test_damaged_store_is_a_clear_cli_error(run, tmp_path, capsys):
    from omslag.cli import main

    (run / "ratings.sqlite").write_bytes(b"dit is geen database" * 100)
    with pytest.raises(SystemExit) as exit_info:
        main(["agreement", str(run)])
    assert exit_info.value.code == 2
    assert "geen bruikbare beoordelingsopslag" in capsys.readouterr().err


def test_plan_facts_row_of_a_run_sheet_is_not_an_error(run, context, store, tmp_path):
    """The run's own sheet starts with a `plan` row (date, form, signatories): informational."""

    def add_plan_row(rows):
        head = rows[0]
        fact = [""] * len(head)
        fact[head.index("soort")] = "plan"
        fact[head.index("plan_id")] = rows[1][head.index("plan_id")]
        return [head, fact, *rows[1:]]

    path = _csv_for(run, tmp_path, "anna", "plan_a", {"wonen": "3"}, mutate=add_plan_row)
    (outcome,) = import_files(store, context, [path]).files
    assert outcome.status == "imported", _problems(import_files(store, context, [path]))
