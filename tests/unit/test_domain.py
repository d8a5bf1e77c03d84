"""The rubric is the one source of the domain facts: change one in a copy of the rubric and the
evidence, the consensus rule and the report follow (rules/domain.py reads them)."""

from __future__ import annotations

import pytest
import yaml

from omslag.ratings.consensus import dispute_reason
from omslag.report import build_report
from omslag.rules.domain import Domain
from omslag.rules.matching import EvidenceFinder
from omslag.rules.rubric import RubricError, load_rubric
from omslag.sheets.csvio import write_csv
from omslag.sheets.tables import DOCUMENT_COLUMNS, EVIDENCE_COLUMNS, SCORE_COLUMNS
from tests.support import ENGINE_RUBRIC, one_page_document


def _copy(tmp_path, *, rename_prevention=None, concrete_from_level=None, undeclared_type=None):
    """A copy of the engine rubric with one domain fact changed."""
    data = yaml.safe_load(ENGINE_RUBRIC.read_text(encoding="utf-8"))
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


def test_report_uses_the_rubric_vocabulary(tmp_path):
    path = _copy(tmp_path, rename_prevention=("nood", "acuut", "acute preventie"))
    domain = Domain.from_rubric(load_rubric(path))
    run = tmp_path / "run"
    write_csv(run / "documents.csv", DOCUMENT_COLUMNS, [{"file": "a.pdf", "plan_id": "a", "status": "SUCCESS"}])
    evidence = {column: "" for column in EVIDENCE_COLUMNS}
    evidence.update(
        evidence_id="ev-1",
        plan_id="a",
        indicator=domain.prevention_indicator,
        signal="x",
        page="1",
        text="t",
        prevention_type="acuut",
        negated="nee",
    )
    write_csv(run / "evidence.csv", EVIDENCE_COLUMNS, [evidence])
    levels = {i: ("nee" if i in domain.yes_no_indicators else "3") for i in domain.indicators}
    write_csv(
        run / "scores.csv", SCORE_COLUMNS, [{"plan_id": "a", "indicator": i, "level": v} for i, v in levels.items()]
    )
    build_report(run, rubric=path)
    html = (run / "report.html").read_text(encoding="utf-8")
    figures = (run / "report_figures.json").read_text(encoding="utf-8")
    assert "acute preventie" in html
    assert "preventietype.acuut.plannen" in figures and "preventietype.nood." not in figures


def test_undeclared_vocabulary_is_an_error_naming_the_signal(tmp_path):
    path = _copy(tmp_path, undeclared_type=("nood", "nod"))
    with pytest.raises(RubricError, match=r"prevention_type 'nod' is not in vocabulary\.prevention_types"):
        load_rubric(path)
