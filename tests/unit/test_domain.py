"""The rubric is the one source of the domain facts: change one in a copy of the rubric and the
evidence, the consensus rule and the report follow (rules/domain.py reads them)."""

from __future__ import annotations

import pytest
import yaml

from omslag.ratings.consensus import dispute_reason
from omslag.report import build_report
from omslag.rules.analyse import analyse_document
from omslag.rules.domain import Domain
from omslag.rules.matching import EvidenceFinder
from omslag.rules.rubric import RubricError, load_rubric
from omslag.sheets.csvio import write_csv
from omslag.sheets.tables import DOCUMENT_COLUMNS, EVIDENCE_COLUMNS, SCORE_COLUMNS
from omslag.sheets.xlsx import consensus_workbook_bytes
from tests.support import ENGINE_RUBRIC, one_page_document


def _copy(
    tmp_path,
    *,
    rename_prevention=None,
    concrete_from_level=None,
    undeclared_type=None,
    rename_form=None,
    rename_indicator=None,
):
    """A copy of the engine rubric with one domain fact changed."""
    data = yaml.safe_load(ENGINE_RUBRIC.read_text(encoding="utf-8"))
    if rename_form:
        old, new, label = rename_form
        for form in data["plan_metadata"]["forms"]:
            if form["form"] == old:
                form.update(form=new, label=label)
    if rename_indicator:
        old, new = rename_indicator
        for indicator in data["indicators"]:
            if indicator["id"] == old:
                indicator["id"] = new
            if indicator["report"].get("within") == old:
                indicator["report"]["within"] = new
    if rename_prevention:
        old, new, label = rename_prevention
        for entry in data["vocabulary"]["prevention_types"]:
            if entry["id"] == old:
                entry.update(id=new, label=label)
    for indicator in data["indicators"]:
        for signal in indicator["signals"]:
            if rename_prevention and signal.get("prevention_type") == rename_prevention[0]:
                signal["prevention_type"] = rename_prevention[1]
            if undeclared_type and signal.get("prevention_type") == undeclared_type[0]:
                signal["prevention_type"] = undeclared_type[1]
    if concrete_from_level is not None:
        data["vocabulary"]["concrete_from_level"] = concrete_from_level
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_domain_comes_from_the_rubric():
    domain = Domain.from_rubric(load_rubric(ENGINE_RUBRIC))
    rubric = load_rubric(ENGINE_RUBRIC)
    assert domain.indicators == tuple(i.id for i in rubric.indicators)
    assert set(domain.ordinal_indicators) | set(domain.yes_no_indicators) == set(domain.indicators)
    assert [t.id for t in domain.prevention_types] == [t.id for t in rubric.vocabulary.prevention_types]
    assert domain.words_deeds_line == rubric.vocabulary.concrete_from_level - 0.5
    assert domain.national_plan_date.isoformat() == rubric.plan_metadata.national_plan_date
    assert domain.prevention_indicator in domain.indicators and domain.ladder_indicator in domain.indicators


def test_renamed_prevention_type_and_moved_words_deeds_line_change_the_outputs(tmp_path):
    path = _copy(tmp_path, rename_prevention=("nood", "acuut", "acute preventie"), concrete_from_level=3)
    rubric = load_rubric(path)
    domain = Domain.from_rubric(rubric)
    assert "acuut" in [t.id for t in domain.prevention_types]
    # the evidence carries the new id ...
    signal = next(s for i in rubric.indicators for s in i.signals if s.prevention_type == "acuut")
    phrase = signal.terms[0].phrase
    found = EvidenceFinder(rubric).find(one_page_document(f"De gemeente zet in op {phrase} bij dakloze mensen."))
    assert {e.prevention_type for e in found if e.signal == signal.id} == {"acuut"}
    # ... the consensus rule draws the words/deeds line where the rubric says
    assert dispute_reason(["2", "3"], "ordinal", domain.words_deeds_line) == "woorden of daden (2 tegen 3)"
    assert dispute_reason(["3", "4"], "ordinal", domain.words_deeds_line) is None
    # ... and the consensus sheet explains that line with the rubric's levels
    sheet = consensus_workbook_bytes(
        [], {i.id: i.kind for i in rubric.indicators}, concrete_from_level=domain.concrete_from_level
    )
    text = _xlsx_text(sheet)
    assert "(2 of lager)" in text and "(3 of hoger)" in text and "(4 of hoger)" not in text


def _xlsx_text(data: bytes) -> str:
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return " ".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value)


def test_the_number_of_action_lines_comes_from_the_rubric(tmp_path):
    data = yaml.safe_load(ENGINE_RUBRIC.read_text(encoding="utf-8"))
    data["plan_metadata"]["action_lines"] = data["plan_metadata"]["action_lines"][:4]
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert Domain.from_rubric(load_rubric(path)).action_line_count == 4
    html, markdown, _ = _report(tmp_path, path, document_fields={"nad_action_lines": "4"})
    assert "van de 4 actielijnen van het NAD" in html and "alle 4" in html
    assert "4: " in markdown and "5: " not in markdown


def _report(tmp_path, path, *, plan_form="", document_fields=None, **evidence_fields) -> tuple[str, str, str]:
    """report.html, report.md and report_figures.json of a one-plan run under rubric `path`."""
    domain = Domain.from_rubric(load_rubric(path))
    run = tmp_path / "run"
    document = {"file": "a.pdf", "plan_id": "a", "status": "SUCCESS", "plan_form": plan_form, **(document_fields or {})}
    write_csv(run / "documents.csv", DOCUMENT_COLUMNS, [document])
    evidence = {column: "" for column in EVIDENCE_COLUMNS}
    evidence.update(evidence_id="ev-1", plan_id="a", signal="x", page="1", text="t", negated="nee", **evidence_fields)
    write_csv(run / "evidence.csv", EVIDENCE_COLUMNS, [evidence])
    levels = {i: ("nee" if i in domain.yes_no_indicators else "3") for i in domain.indicators}
    write_csv(
        run / "scores.csv", SCORE_COLUMNS, [{"plan_id": "a", "indicator": i, "level": v} for i, v in levels.items()]
    )
    build_report(run, rubric=path)
    return tuple(
        (run / name).read_text(encoding="utf-8") for name in ("report.html", "report.md", "report_figures.json")
    )


def test_report_uses_the_rubric_vocabulary(tmp_path):
    path = _copy(tmp_path, rename_prevention=("nood", "acuut", "acute preventie"))
    domain = Domain.from_rubric(load_rubric(path))
    html, _, figures = _report(tmp_path, path, indicator=domain.prevention_indicator, prevention_type="acuut")
    assert "acute preventie" in html
    assert "preventietype.acuut.plannen" in figures and "preventietype.nood." not in figures


def test_renamed_plan_form_and_indicator_change_metadata_figures_and_report(tmp_path):
    original = Domain.from_rubric(load_rubric(ENGINE_RUBRIC))
    old = original.ladder_indicator  # the participation indicator: also the host of the ja/nee one
    assert old is not None and any(i.report.within == old for i in load_rubric(ENGINE_RUBRIC).indicators)
    path = _copy(tmp_path, rename_form=("actieplan", "aanpak", "plan van aanpak"), rename_indicator=(old, "inspraak"))
    rubric = load_rubric(path)
    domain = Domain.from_rubric(rubric)
    assert "inspraak" in domain.indicators and old not in domain.indicators
    assert domain.ladder_indicator == "inspraak"  # the role follows the signals, not the id

    # the metadata and the scores carry the new ids
    plan = one_page_document("Regionaal Actieplan Dakloosheid 2024-2027. Ervaringsdeskundigen beslissen mee.")
    result = analyse_document(plan, EvidenceFinder(rubric))
    assert result.metadata is not None and result.metadata.plan_form == "aanpak"
    assert {s.indicator for s in result.scores} == set(domain.indicators)

    # the report's figures and both renderings follow: no KeyError, new names in, old ones out
    html, markdown, figures = _report(
        tmp_path, path, plan_form="aanpak", indicator="inspraak", ladder_step="meebeslissen"
    )
    assert '"inspraak.concreet"' in figures and '"trede.meebeslissen.plannen"' in figures
    assert '"planvorm.aanpak"' in figures and '"planvorm.actieplan"' not in figures
    assert f'"{old}.' not in figures
    assert '<section id="inspraak">' in html and f'id="{old}"' not in html and f'"#{old}"' not in html
    assert 'data-indicator="inspraak"' in html and 'data-figure="trede.meebeslissen.plannen"' in html
    assert "plan van aanpak" in html and "plan van aanpak" in markdown and "eigen actieplan" not in html
    assert f"{old}." not in markdown


def test_undeclared_vocabulary_is_an_error_naming_the_signal(tmp_path):
    path = _copy(tmp_path, undeclared_type=("nood", "nod"))
    with pytest.raises(RubricError, match=r"prevention_type 'nod' is not in vocabulary\.prevention_types"):
        load_rubric(path)
