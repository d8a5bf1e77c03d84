"""Acceptance (issue 4): the scripted rater round trip on the demo run, through the CLI.

generate blind sheets → anna fills her XLSX in place (openpyxl, as Excel would), bram sends a
cp1252, `;`-separated CSV as Dutch Excel saves it (columns moved, one added) → import →
agreement → consensus sheet → filled consensus imported → final scores → calibration; every
file is checked. The two raters' levels are designed so that every figure is known: anna gives
each plan the level it was written to show (corpus/demo/manifest.tsv), bram differs on purpose.
"""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from omslag.cli import main
from omslag.ratings.agreement import cohen_kappa, gwet_ac, krippendorff_alpha
from omslag.ratings.store import RatingsStore
from tests.ratings_helpers import fill_xlsx, read_our_csv, save_as_dutch_excel_csv
from tests.support import DEMO, read_csv

pytestmark = pytest.mark.prefect

ORDINAL = ("wonen", "preventie", "participatie")
with open(DEMO / "manifest.tsv", encoding="utf-8") as _handle:
    MANIFEST = {row["plan_id"]: row for row in csv.DictReader(_handle, delimiter="\t")}


def anna_levels(plan: str) -> dict[str, str]:
    row = MANIFEST[plan]
    return {**{i: row[f"level_{i}"] for i in ORDINAL}, "belangenbehartiging": row["advocacy"]}


# bram's deliberate differences from anna: (plan, indicator) → level
BRAM_DIFFERS = {
    ("dijkwaard_2023_raadsinformatiebrief", "wonen"): "2",  # 1 vs 2: agreed, lower = 1
    ("kempenoord_2023_regionaal_actieplan", "wonen"): "4",  # 3 vs 4: words/deeds → consensus
    ("oostervaart_2025_regionaal_actieplan", "wonen"): "5",  # 4 vs 5: agreed, lower = 4
    ("veenstad_2021_beleidsplan_mo_bw", "wonen"): "4",  # 2 vs 4: two apart → consensus
    ("zuiderwaard_2023_raadsinformatiebrief", "preventie"): "3",  # 2 vs 3: agreed, lower = 2
    ("lindeveld_2024_voortgangsrapportage", "participatie"): "2",  # 4 vs 2 → consensus
    ("dijkwaard_2023_raadsinformatiebrief", "participatie"): "2",  # 1 vs 2: agreed, lower = 1
    ("oostervaart_2025_regionaal_actieplan", "belangenbehartiging"): "nee",  # ja vs nee → consensus
}
DISPUTES = {
    ("kempenoord_2023_regionaal_actieplan", "wonen"),
    ("veenstad_2021_beleidsplan_mo_bw", "wonen"),
    ("lindeveld_2024_voortgangsrapportage", "participatie"),
    ("oostervaart_2025_regionaal_actieplan", "belangenbehartiging"),
}
MISSED_QUOTE = "De gemeente opent een inloopspreekuur voor huurders met betalingsachterstanden."


def bram_levels(plan: str) -> dict[str, str]:
    levels = anna_levels(plan)
    for (p, indicator), level in BRAM_DIFFERS.items():
        if p == plan:
            levels[indicator] = level
    return levels


def _cli(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def _bram_csv(run, inbox, plan):
    """bram fills his CSV in Dutch Excel: moves `opmerking` to the front, adds a column of his
    own, writes cp1252 with `;` and no byte-order mark."""
    rows = read_our_csv(run / "sheets" / "bram" / f"{plan}__bram.csv")
    head = rows[0]
    levels = bram_levels(plan)
    out = [["opmerking", "mijn notities", *[h for h in head if h != "opmerking"]]]
    for row in rows[1:]:
        record = dict(zip(head, row, strict=False))
        if record["soort"] == "score":
            record["niveau"] = levels[record["indicator"]]
            record["opmerking"] = "coördinatie met wonen ontbreekt"
        if record["soort"] == "bewijs":
            record["relevant"] = "ja"
        out.append([record["opmerking"], "zie overleg", *[record[h] for h in head if h != "opmerking"]])
    return save_as_dutch_excel_csv(out, inbox / f"{plan}__bram.csv")


def test_round_trip(demo_run, tmp_path, capsys):
    _, demo_out = demo_run
    run = tmp_path / "run"
    shutil.copytree(demo_out, run)
    plans = sorted(MANIFEST)

    # 1. blind sheets for two raters
    code, out = _cli(capsys, "sheets", run, "--raters", "anna,bram", "--blind")
    assert code == 0 and "anna" in out
    for rater in ("anna", "bram"):
        for plan in plans:
            assert (run / "sheets" / rater / f"{plan}__{rater}.xlsx").exists()
            head = read_our_csv(run / "sheets" / rater / f"{plan}__{rater}.csv")[0]
            assert "voorlopig_niveau" not in head and "beoordelaar" in head

    # 2. anna fills her workbooks in place; Excel leaves a lock file while one is open
    evidence = read_csv(run / "evidence.csv")
    proposed = evidence[evidence["plan_id"] == "zoutmeer_2024_regionaal_actieplan"].iloc[0]
    anna_files = {}
    for plan in plans:
        path = run / "sheets" / "anna" / f"{plan}__anna.xlsx"
        own = None
        if plan == "zoutmeer_2024_regionaal_actieplan":
            own = [
                (proposed["indicator"], int(proposed["page"]), proposed["text"].replace("«", "").replace("»", "")),
                ("preventie", 2, MISSED_QUOTE),
            ]
        fill_xlsx(path, path, {k: (int(v) if v.isdigit() else v) for k, v in anna_levels(plan).items()}, own=own)
        anna_files[path] = path.read_bytes()
    (run / "sheets" / "anna" / "~$zoutmeer_2024_regionaal_actieplan__anna.xlsx").write_bytes(b"\x00owner")
    inbox = tmp_path / "mail van bram"
    bram_files = [_bram_csv(run, inbox, plan) for plan in plans]
    assert b"co\xf6rdinatie" in bram_files[0].read_bytes(), "cp1252, as Dutch Excel writes it"

    # 3. import: anna's folder (her filled XLSX, our untouched CSVs, the lock file) and bram's mail
    code, out = _cli(capsys, "import", run, run / "sheets" / "anna", inbox)
    assert code == 0, out
    assert "fout:" not in out
    with RatingsStore(run / "ratings.sqlite") as store:
        ratings = store.current_ratings()
        snapshot = store.snapshot()
    assert len(ratings) == 2 * 8 * 4
    got = {(r.plan_id, r.indicator, r.rater): r.level for r in ratings}
    for plan in plans:
        for indicator in (*ORDINAL, "belangenbehartiging"):
            assert got[(plan, indicator, "anna")] == anna_levels(plan)[indicator]
            assert got[(plan, indicator, "bram")] == bram_levels(plan)[indicator]
    for path, data in anna_files.items():
        assert path.read_bytes() == data, "import never changes a sheet"

    # 4. agreement
    code, out = _cli(capsys, "agreement", run)
    assert code == 0 and "wonen" in out
    agreement = pd.read_csv(run / "agreement.csv", sep=";", encoding="utf-8-sig", decimal=",", index_col="indicator")
    assert list(agreement.columns) == [
        "n_plans",
        "pct_exact",
        "pct_within_1",
        "kappa_quadratic",
        "alpha_ordinal",
        "gwet_ac2",
        "kappa",
        "gwet_ac1",
    ]
    expected_pct = {"wonen": (50.0, 87.5), "preventie": (87.5, 100.0), "participatie": (75.0, 87.5)}
    for indicator, (exact, within) in expected_pct.items():
        row = agreement.loc[indicator]
        assert row["n_plans"] == 8
        assert row["pct_exact"] == pytest.approx(exact) and row["pct_within_1"] == pytest.approx(within)
        units = [[float(anna_levels(p)[indicator]), float(bram_levels(p)[indicator])] for p in plans]
        assert row["kappa_quadratic"] == pytest.approx(cohen_kappa(units, [1, 2, 3, 4, 5], "quadratic"), abs=5e-4)
        assert row["alpha_ordinal"] == pytest.approx(krippendorff_alpha(units, [1, 2, 3, 4, 5]), abs=5e-4)
        assert row["gwet_ac2"] == pytest.approx(gwet_ac(units, [1, 2, 3, 4, 5], "ordinal"), abs=5e-4)
        assert pd.isna(row["kappa"]) and pd.isna(row["gwet_ac1"])
    advocacy = agreement.loc["belangenbehartiging"]
    assert advocacy["pct_exact"] == pytest.approx(87.5)
    assert pd.isna(advocacy["pct_within_1"]) and pd.isna(advocacy["kappa_quadratic"]) and pd.isna(advocacy["gwet_ac2"])
    yes_no = [
        [
            1.0 if anna_levels(p)["belangenbehartiging"] == "ja" else 0.0,
            1.0 if bram_levels(p)["belangenbehartiging"] == "ja" else 0.0,
        ]
        for p in plans
    ]
    assert advocacy["kappa"] == pytest.approx(cohen_kappa(yes_no, [0, 1]), abs=5e-4)
    assert advocacy["gwet_ac1"] == pytest.approx(gwet_ac(yes_no, [0, 1]), abs=5e-4)

    # 5. consensus sheet for the disputes; final scores for the rest
    code, out = _cli(capsys, "consensus", run)
    assert code == 0
    consensus = read_csv(run / "consensus" / "consensus.csv")
    assert set(zip(consensus["plan_id"], consensus["indicator"], strict=False)) == DISPUTES
    finals = read_csv(run / "final_scores.csv")
    assert list(finals.columns) == ["plan_id", "indicator", "level", "basis", "rater_levels", "note"]
    assert len(finals) == 32 - len(DISPUTES) and set(finals["basis"]) == {"agreed"}
    assert not set(zip(finals["plan_id"], finals["indicator"], strict=False)) & DISPUTES

    # 6. the raters settle the disputes in the consensus workbook and import it
    from openpyxl import load_workbook

    workbook = load_workbook(run / "consensus" / "consensus.xlsx")
    sheet = workbook["Consensus"]
    head = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        plan, indicator = row[head.index("plan_id")].value, row[head.index("indicator")].value
        level = anna_levels(plan)[indicator]
        row[head.index("consensus_niveau")].value = int(level) if level.isdigit() else level
        row[head.index("toelichting")].value = "besproken in het overleg van 12 mei"
    workbook["Instructies"]["B4"] = "anna en bram"
    workbook.save(inbox / "consensus ingevuld.xlsx")
    code, out = _cli(capsys, "import", run, inbox / "consensus ingevuld.xlsx")
    assert code == 0 and "final_scores.csv geschreven: 32 eindscores" in out
    finals = read_csv(run / "final_scores.csv")
    assert len(finals) == 32
    assert (finals["basis"] == "consensus").sum() == len(DISPUTES) and (finals["basis"] == "agreed").sum() == 28
    for _, row in finals.iterrows():
        assert row["level"] == anna_levels(row["plan_id"])[row["indicator"]], (row["plan_id"], row["indicator"])
    oostervaart = finals[
        (finals["plan_id"] == "oostervaart_2025_regionaal_actieplan") & (finals["indicator"] == "wonen")
    ].iloc[0]
    assert oostervaart["rater_levels"] == "anna=4 | bram=5" and "lagere niveau" in oostervaart["note"]

    # 7. calibration: provisional (scores.csv) against final (= the manifest's intended levels)
    code, out = _cli(capsys, "calibrate", run)
    assert code == 0
    calibration = pd.read_csv(
        run / "calibration.csv",
        sep=";",
        encoding="utf-8-sig",
        decimal=",",
        dtype={"provisional_level": str, "final_level": str},
    )
    scores = read_csv(run / "scores.csv").set_index(["plan_id", "indicator"])["level"]
    for indicator in ORDINAL:
        part = calibration[calibration["indicator"] == indicator]
        measures = part.set_index("measure")["value"]
        diffs = [int(scores[(p, indicator)]) - int(anna_levels(p)[indicator]) for p in plans]
        assert measures["n_plans"] == 8
        assert measures["mae"] == pytest.approx(sum(abs(d) for d in diffs) / 8, abs=5e-4)
        assert measures["bias"] == pytest.approx(sum(diffs) / 8, abs=5e-4)
        assert measures["pct_exact"] == pytest.approx(100 * sum(d == 0 for d in diffs) / 8, abs=5e-4)
        confusion = part[part["measure"] == "confusion"]
        assert len(confusion) == 25 and confusion["value"].sum() == 8
        for p in plans:
            cell = confusion[
                (confusion["provisional_level"] == scores[(p, indicator)])
                & (confusion["final_level"] == anna_levels(p)[indicator])
            ]
            assert cell["value"].iloc[0] >= 1
    missed = read_csv(run / "missed_evidence.csv")
    assert list(missed["quote"]) == [MISSED_QUOTE], "the quote omslag proposed is not 'missed'; the new one is"
    assert missed.iloc[0]["rater"] == "anna" and missed.iloc[0]["page"] == "2"
    # bram called every sentence relevant: each rule and term he saw has only "ja", and every
    # sheet row he judged is counted once for each rule in it
    assert "rule_feedback.csv" in out
    feedback = read_csv(run / "rule_feedback.csv")
    assert len(feedback) and set(feedback["relevant_nee"]) == {"0"} and set(feedback["share_nee"]) == {"0"}
    assert (feedback["rows_judged"].astype(int) == feedback["relevant_ja"].astype(int)).all()
    bram_rows = 0
    for plan in plans:
        sheet = read_our_csv(run / "sheets" / "bram" / f"{plan}__bram.csv")
        bram_rows += sum(1 for row in sheet[1:] if dict(zip(sheet[0], row, strict=False))["soort"] == "bewijs")
    whole_rules = feedback[feedback["term"].fillna("") == ""]
    assert whole_rules["rows_judged"].astype(int).sum() >= bram_rows > 0

    # 7b. the findings report now rests on the final scores and shows the measured agreement
    code, out = _cli(capsys, "report", run)
    assert code == 0
    import json

    figures = json.loads((run / "report_figures.json").read_text(encoding="utf-8"))["figures"]
    for indicator in ORDINAL:
        exact = agreement.loc[indicator, "pct_exact"]
        assert figures[f"overeenstemming.{indicator}.pct_exact"]["display"] == f"{round(exact)}%"
    assert figures["wonen.n"]["basis"] == "definitief"
    html = (run / "report.html").read_text(encoding="utf-8")
    assert "Nog geen scores van beoordelaars" not in html

    # 8. importing everything again changes nothing
    code, out = _cli(capsys, "import", run, run / "sheets" / "anna", inbox)
    assert code == 0
    with RatingsStore(run / "ratings.sqlite") as store:
        after = store.snapshot()
    assert after["ratings"] == snapshot["ratings"] and len(after["imports"]) == len(snapshot["imports"]) + 1

    # 9. hints released after blind rating: anna's filled workbooks stay exactly as she left them
    code, out = _cli(capsys, "sheets", run, "--release-hints")
    assert code == 0
    for path, data in anna_files.items():
        assert path.read_bytes() == data
    assert (run / "sheets" / "bram" / "zoutmeer_2024_regionaal_actieplan.hints.xlsx").exists()


def test_import_reports_bad_files_and_goes_on(demo_run, tmp_path, capsys):
    _, demo_out = demo_run
    run = tmp_path / "run"
    shutil.copytree(demo_out, run, ignore=shutil.ignore_patterns("ratings.sqlite"))
    assert main(["sheets", str(run), "--raters", "anna", "--format", "csv"]) == 0
    plan = sorted(MANIFEST)[0]
    rows = read_our_csv(run / "sheets" / "anna" / f"{plan}__anna.csv")
    head = rows[0]
    good = [list(r) for r in rows]
    bad = [list(r) for r in rows]
    for r in good[1:]:
        if r[head.index("soort")] == "score":
            r[head.index("niveau")] = "3" if r[head.index("indicator")] != "belangenbehartiging" else "nee"
    for r in bad[1:]:
        if r[head.index("soort")] == "score":
            r[head.index("niveau")] = "6"
            break
    inbox = tmp_path / "inbox"
    save_as_dutch_excel_csv(good, inbox / f"{plan}__anna.csv")
    save_as_dutch_excel_csv(bad, inbox / f"{sorted(MANIFEST)[1]}__bram.csv")
    capsys.readouterr()
    code = main(["import", str(run), str(inbox)])
    out = capsys.readouterr()
    assert code == 3  # done, but a file was rejected (the README's exit codes)
    assert f"fout: {sorted(MANIFEST)[1]}__bram.csv:3:F (niveau): niveau 6 valt buiten de schaal" in out.out
    assert "afgekeurd" in out.err
    with RatingsStore(run / "ratings.sqlite") as store:
        assert {r.rater for r in store.current_ratings()} == {"anna"}, "the good file went in, the batch went on"
