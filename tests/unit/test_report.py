"""The report on small hand-made run folders (no Prefect): reading and its error messages,
the regions file, final vs provisional levels, nieuw/oud, escaping, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from omslag.cli import main
from omslag.report import ReportInputError, build_report
from omslag.report.compute import percent, percent_value, recency_of
from omslag.report.load import load_regions, load_run, region_key
from omslag.rules.domain import Domain
from omslag.rules.rubric import load_rubric
from omslag.sheets.csvio import write_csv
from omslag.sheets.tables import DOCUMENT_COLUMNS, EVIDENCE_COLUMNS, SCORE_COLUMNS
from tests.support import ENGINE_RUBRIC

# The engine fixture rubric: same indicator ids and vocabulary as the analysts' rubric
DOMAIN = Domain.from_rubric(load_rubric(ENGINE_RUBRIC))
NAD = DOMAIN.national_plan_date
REGIONS = "region\tcentrumgemeente\nRegio Noordhaven\tNoordhaven\nZuiderland\t's-Zuiderburg\nOostmark\tOostmark\n"


def _evidence(evidence_id, plan_id, indicator, signal, polarity, text, **extra):
    row = {column: "" for column in EVIDENCE_COLUMNS}
    row.update(
        evidence_id=evidence_id,
        plan_id=plan_id,
        indicator=indicator,
        signal=signal,
        page="2",
        text=text,
        context=text,
        rule_id=f"{indicator}.{signal}",
        signal_label=signal,
        polarity=polarity,
        negated="nee",
        concrete="nee",
        intent_only="nee",
        pilot="nee",
    )
    row.update(extra)
    return row


def _scores(plan_id, wonen, preventie, participatie, advocacy, evidence_ids=""):
    return [
        {
            "plan_id": plan_id,
            "indicator": i,
            "level": level,
            "rationale": "",
            "rule_id": f"{i}.x",
            "evidence_ids": evidence_ids if i == "wonen" else "",
        }
        for i, level in zip(
            ("wonen", "preventie", "participatie", "belangenbehartiging"),
            (wonen, preventie, participatie, advocacy),
            strict=False,
        )
    ]


@pytest.fixture
def run_dir(tmp_path) -> Path:
    run = tmp_path / "run"
    documents = [
        {
            "file": "noord.pdf",
            "plan_id": "noord",
            "status": "SUCCESS",
            "pages": "10",
            "region": "Noordhaven",
            "date": "2023-06-01",
        },
        {
            "file": "zuid.pdf",
            "plan_id": "zuid",
            "status": "PARTIAL",
            "pages": "8",
            "region": "Regio Zuiderland",
            "date": "2021-03-01",
            "error": "image-only pages without OCR 3, 4",
        },
        {"file": "oost.pdf", "plan_id": "oost", "status": "NOT_PDF", "region": "Oostmark", "error": "not a PDF"},
    ]
    write_csv(run / "documents.csv", DOCUMENT_COLUMNS, documents)
    evidence = [
        _evidence(
            "ev-1",
            "noord",
            "wonen",
            "woonplekken",
            "positive",
            "Wij realiseren 40 extra «woonplekken» <script>alert(1)</script> in 2026.",
            concrete="ja",
        ),
        _evidence(
            "ev-2",
            "zuid",
            "wonen",
            "wonen_verdienen",
            "counter",
            "Een huurcontract moet worden «verdiend» met twee jaar goed gedrag.",
        ),
        _evidence(
            "ev-3", "noord", "wonen", "wonen_verdienen", "counter", "De «woonladder» wordt afgeschaft.", negated="ja"
        ),
        _evidence(
            "ev-4",
            "noord",
            "preventie",
            "upstream",
            "positive",
            "«Vroegsignalering» van schulden.",
            prevention_type="upstream",
        ),
        _evidence(
            "ev-5",
            "zuid",
            "participatie",
            "raadplegen",
            "positive",
            "De cliëntenraad is «geraadpleegd».",
            ladder_step="raadplegen",
        ),
    ]
    write_csv(run / "evidence.csv", EVIDENCE_COLUMNS, evidence)
    write_csv(
        run / "scores.csv",
        SCORE_COLUMNS,
        _scores("noord", "4", "3", "1", "ja", "ev-1") + _scores("zuid", "2", "2", "2", "nee"),
    )
    (run / "run.json").write_text(json.dumps({"corpus": "", "rubric_version": "test-1"}), encoding="utf-8")
    (tmp_path / "regions.tsv").write_text(REGIONS, encoding="utf-8")
    return run


def _figures(out: Path) -> dict:
    return json.loads((out / "report_figures.json").read_text(encoding="utf-8"))["figures"]


def test_small_run_figures_and_escaping(run_dir):
    result = build_report(run_dir, regions=run_dir.parent / "regions.tsv")
    f = _figures(run_dir)
    assert f["regio.totaal"]["value"] == 3
    assert (f["regio.nieuw"]["value"], f["regio.oud"]["value"], f["regio.onleesbaar"]["value"]) == (1, 1, 1)
    assert f["wonen.concreet"]["display"] == "1 van de 2" and f["wonen.concreet_pct"]["display"] == "50%"
    assert f["tegensignaal.wonen.wonen_verdienen"]["value"] == 1  # the rejected woonladder does not count
    assert f["preventietype.upstream.plannen"]["value"] == 1 and f["trede.raadplegen.plannen"]["value"] == 1
    assert result.final_levels == 0 and result.provisional_levels == 8 and result.extraction_problems == 2
    assert result.incomplete_documents == 2 and f["extractie.onvolledig"]["value"] == 2
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>woonplekken</mark>" in html
    assert "pagina’s 3, 4 zijn gescand zonder tekstlaag" in html
    assert "een ontbrekende score is géén lage score" in html  # the unreadable oost.pdf
    assert "<script" not in html.lower(), "the page needs no script at all"
    md = (run_dir / "report.md").read_text(encoding="utf-8")
    assert "\\<script\\>" in md and "**woonplekken**" in md


def test_a_plan_read_wholly_with_ocr_is_not_called_unread(run_dir):
    """An OCR page is a warning (names and figures may be misread), not text missing from the
    scores: the report must not say the plan was "niet helemaal gelezen"."""
    documents = [
        {
            "file": "noord.pdf",
            "plan_id": "noord",
            "status": "SUCCESS",
            "pages": "10",
            "region": "Noordhaven",
            "date": "2023-06-01",
            "warnings": "pagina 7 gelezen met OCR (tesseract 5.3.0 (nld))",
            "ocr_pages": "7",
        },
        {"file": "zuid.pdf", "plan_id": "zuid", "status": "SUCCESS", "pages": "8", "region": "Regio Zuiderland"},
    ]
    write_csv(run_dir / "documents.csv", DOCUMENT_COLUMNS, documents)
    result = build_report(run_dir, regions=run_dir.parent / "regions.tsv")
    f = _figures(run_dir)
    assert (result.extraction_problems, result.incomplete_documents) == (1, 0)
    assert (f["extractie.onvolledig"]["value"], f["extractie.waarschuwingen"]["value"]) == (0, 1)
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    top = html[: html.index('<section id="bevindingen"')]
    assert "helemaal gelezen, maar met waarschuwingen" in top and "niet helemaal gelezen" not in top
    assert "pagina 7 is met OCR gelezen" in html
    md = (run_dir / "report.md").read_text(encoding="utf-8")
    assert "niet helemaal gelezen" not in md[: md.index("## De belangrijkste bevindingen")]


def test_final_scores_win_and_basis_is_mixed(run_dir):
    write_csv(
        run_dir / "final_scores.csv",
        ["plan_id", "indicator", "level", "basis", "rater_levels", "note"],
        [
            {"plan_id": "zuid", "indicator": "wonen", "level": "4", "basis": "consensus", "rater_levels": "a=4 | b=4"},
            {"plan_id": "zuid", "indicator": "preventie", "level": "", "basis": ""},  # not decided yet
        ],
    )
    build_report(run_dir, regions=run_dir.parent / "regions.tsv")
    f = _figures(run_dir)
    assert f["wonen.concreet"]["value"] == 2
    assert f["wonen.concreet"]["basis"] == "gemengd" and "1 van 2" in f["wonen.concreet"]["basis_note"]
    assert f["preventie.n"]["basis"] == "voorlopig"
    assert f["scores.definitief"]["value"] == 1
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    assert "Nog geen scores van beoordelaars" not in html
    assert 'data-plan="zuid" data-indicator="wonen" data-level="4" data-basis="definitief"' in html
    assert "final_scores.csv regel 3: geen niveau ingevuld" in html


def test_issue3_columns_are_used_when_present(run_dir):
    import pandas as pd

    documents = pd.read_csv(run_dir / "documents.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    documents["plan_date"] = ["2022-10-01", "", ""]  # the text's date wins over the manifest's 2023
    documents["predates_nad"] = ["onbekend", "nee", ""]  # zuid: the tool says after the NAD
    documents["wethouder_wonen"] = ["ja", "nee", ""]
    documents["plan_form"] = ["actieplan", "onderdeel", ""]
    write_csv(run_dir / "documents.csv", list(documents.columns), documents.to_dict("records"))
    build_report(run_dir, regions=run_dir.parent / "regions.tsv")
    f = _figures(run_dir)
    assert (f["plan.nieuw"]["value"], f["plan.oud"]["value"]) == (1, 1)
    assert f["wethouder_wonen.ja"]["display"] == "1 van de 2"
    assert f["planvorm.actieplan"]["value"] == 1 and f["planvorm.onderdeel"]["value"] == 1
    assert f["nad.verwijzing"]["value"] is None  # that column is still absent


def test_bad_rows_are_skipped_and_named(run_dir):
    rows = _scores("noord", "7", "3", "1", "misschien")
    write_csv(run_dir / "scores.csv", SCORE_COLUMNS, rows)
    run = load_run(run_dir, DOMAIN)
    assert (
        "scores.csv regel 2, kolom level: niveau '7' is geen geheel getal van 1 tot en met 5; regel overgeslagen"
        in run.problems
    )
    assert any(p.startswith("scores.csv regel 5, kolom level: niveau 'misschien' is geen ja/nee") for p in run.problems)
    assert len(run.scores) == 2


def test_missing_files_and_columns_stop_with_the_file_named(run_dir, tmp_path):
    with pytest.raises(ReportInputError, match="nergens"):
        load_run(tmp_path / "nergens", DOMAIN)
    (run_dir / "scores.csv").unlink()
    with pytest.raises(ReportInputError, match=r"scores\.csv: ontbreekt"):
        load_run(run_dir, DOMAIN)
    write_csv(run_dir / "scores.csv", ["plan_id", "indicator"], [])
    with pytest.raises(ReportInputError, match=r"scores\.csv: kolom\(men\) ontbreken: level"):
        load_run(run_dir, DOMAIN)


def test_regions_file_errors_name_the_line(tmp_path):
    path = tmp_path / "regions.tsv"
    path.write_text("# commentaar\nregion\tcentrumgemeente\nNoord\tNoordhaven\nRegio Noord\tElders\n\tLeeg\n")
    with pytest.raises(ReportInputError) as error:
        load_regions(path)
    assert "regel 4: regio 'Regio Noord' staat er al op regel 3" in str(error.value)
    assert "regel 5: 'region' en 'centrumgemeente' moeten allebei gevuld zijn" in str(error.value)
    path.write_text("naam;gemeente\nNoord;Noordhaven\n")
    with pytest.raises(ReportInputError, match="regel 1: kopregel moet de kolommen 'region' en 'centrumgemeente'"):
        load_regions(path)


def test_the_bundled_regions_files():
    root = Path(__file__).resolve().parents[2] / "corpus"
    assert len(load_regions(root / "regions.tsv")) == 44
    demo = load_regions(root / "demo" / "regions.tsv")
    assert {"Regio Zoutmeer", "Regio Hollewaard"} <= {r.region for r in demo}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Regio 's-Hertogenbosch", "s hertogenbosch"),
        ("Fryslân", "fryslan"),
        ("  Regio   Zwolle ", "zwolle"),
        ("Midden-IJssel/Oost-Veluwe", "midden ijssel oost veluwe"),
    ],
)
def test_region_key(name, key):
    assert region_key(name) == key


@pytest.mark.parametrize(
    ("date", "recency"),
    [
        ("2022-12-01", "nieuw"),
        ("2022-11-30", "oud"),
        ("2022-12", "nieuw"),
        ("2023", "nieuw"),
        ("2021", "oud"),
        ("2022", "onbekend"),
        ("", "onbekend"),
        (None, "onbekend"),
        ("12-05-2023", "onbekend"),
    ],
)
def test_recency(date, recency):
    assert recency_of(date, NAD) == recency


def test_percent_rounds_half_up():
    assert percent(1, 8) == 13 and percent(10, 36) == 28 and percent(8, 36) == 22 and percent(0, 0) is None
    assert (
        percent_value(60.0) == 60 and percent_value(85.5) == 86 and percent_value(1.0) == 1
    )  # percentages, never fractions


def test_agreement_with_decimal_commas(run_dir):
    write_csv(
        run_dir / "agreement.csv",
        ["indicator", "n_plans", "pct_exact", "kappa_quadratic", "kappa"],
        [
            {"indicator": "wonen", "n_plans": "2", "pct_exact": "50", "kappa_quadratic": "0,333"},
            {"indicator": "belangenbehartiging", "n_plans": "2", "pct_exact": "100", "kappa": "1"},
            {"indicator": "wonen", "n_plans": "x"},
        ],
    )
    build_report(run_dir, regions=run_dir.parent / "regions.tsv")
    f = _figures(run_dir)
    assert f["overeenstemming.wonen.pct_exact"]["display"] == "50%"
    assert f["overeenstemming.wonen.kappa_quadratic"]["display"] == "0,33"
    assert f["overeenstemming.belangenbehartiging.kappa"]["value"] == 1.0
    assert "overeenstemming.wonen.alpha_ordinal" not in f  # empty cell: not shown as 0


def test_cli_report_and_errors(run_dir, capsys, tmp_path):
    out = tmp_path / "elders"
    assert main(["report", str(run_dir), "--regions", str(run_dir.parent / "regions.tsv"), "--out", str(out)]) == 0
    assert (out / "report.html").exists() and (out / "report.md").exists()
    assert "alle 8 niveaus zijn voorlopig" in capsys.readouterr().out
    assert main(["report", str(tmp_path / "nergens")]) == 2
    assert "map met run-uitvoer niet gevonden" in capsys.readouterr().err
    assert main(["report", str(run_dir), "--regions", str(tmp_path / "geen.tsv")]) == 2
    assert "regiobestand niet gevonden" in capsys.readouterr().err


def test_without_regions_file_coverage_is_not_determined(run_dir, monkeypatch):
    from omslag import report

    monkeypatch.setattr(report, "DEFAULT_REGIONS", run_dir / "does-not-exist.tsv")
    result = build_report(run_dir)
    assert result.regions_file is None
    f = _figures(run_dir)
    assert f["regio.totaal"]["value"] is None and "niet bepaald" in f["regio.totaal"]["display"]
    assert "geen regiobestand" in (run_dir / "report.html").read_text(encoding="utf-8")


def test_multi_line_cells_keep_line_numbers(run_dir):
    write_csv(
        run_dir / "final_scores.csv",
        ["plan_id", "indicator", "level", "basis", "rater_levels", "note"],
        [
            {
                "plan_id": "noord",
                "indicator": "wonen",
                "level": "5",
                "basis": "consensus",
                "note": "regel een\nregel twee",
            },
            {"plan_id": "noord", "indicator": "preventie", "level": "9", "basis": "consensus"},
        ],
    )
    run = load_run(run_dir, DOMAIN)
    assert [f.note for f in run.final_scores] == ["regel een\nregel twee"]
    assert any(p.startswith("final_scores.csv regel 4, kolom level") for p in run.problems), run.problems
