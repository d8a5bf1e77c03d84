"""ratings.rule_feedback: the raters' ja/nee per sheet row, tallied per rubric rule and term."""

from __future__ import annotations

import pytest

from omslag.ratings.rule_feedback import most_rejected, rule_feedback
from omslag.ratings.run_folder import EvidenceRef, _terms


def _ref(evidence_id, plan_id, sentence, rule_id, terms, text="De «nachtopvang» blijft open."):
    return EvidenceRef(
        evidence_id=evidence_id,
        plan_id=plan_id,
        indicator=rule_id.split(".")[0],
        page=1,
        text=text,
        sentence=sentence,
        rule_id=rule_id,
        terms=terms,
    )


@pytest.fixture
def run():
    # one sheet row in plan a with two signals of wonen; one row in plan b with one signal
    evidence = {
        "ev1": _ref("ev1", "a", "a|wonen|1|10", "wonen.opvang", ["opvang"], "Wij bieden «opvang» en een «woning»."),
        "ev2": _ref("ev2", "a", "a|wonen|1|10", "wonen.woonplekken", ["woning"]),
        "ev3": _ref("ev3", "b", "b|wonen|2|40", "wonen.opvang", ["nachtopvang"], "De «nachtopvang» gaat dicht."),
    }
    sentences = {"a|wonen|1|10": ["ev1", "ev2"], "b|wonen|2|40": ["ev3"]}
    return evidence, sentences


def _by(rows):
    return {(r.rule_id, r.term): r for r in rows}


def test_a_judgement_counts_for_every_signal_of_its_row_and_every_term(run):
    evidence, sentences = run
    judgements = [
        {"plan_id": "a", "evidence_id": "ev1", "relevant": "nee"},  # anna
        {"plan_id": "a", "evidence_id": "ev1", "relevant": "ja"},  # bram, same row
        {"plan_id": "b", "evidence_id": "ev3", "relevant": "nee"},
    ]
    rows = _by(rule_feedback(judgements, evidence, sentences))
    whole = rows[("wonen.opvang", "")]
    assert (whole.rows_judged, whole.relevant_ja, whole.relevant_nee, whole.plans) == (3, 1, 2, 2)
    assert whole.share_nee == pytest.approx(2 / 3)
    assert (rows[("wonen.opvang", "opvang")].rows_judged, rows[("wonen.opvang", "opvang")].relevant_nee) == (2, 1)
    assert rows[("wonen.opvang", "nachtopvang")].share_nee == 1.0
    # the second signal of the judged row is credited although the sheet row names ev1
    assert (rows[("wonen.woonplekken", "woning")].rows_judged, rows[("wonen.woonplekken", "")].relevant_nee) == (2, 1)
    # the example is the rejected sentence without evidence.csv's term marks
    assert rows[("wonen.opvang", "nachtopvang")].example_nee == "De nachtopvang gaat dicht."


def test_empty_judgements_and_rows_of_another_run_are_left_out(run):
    evidence, sentences = run
    judgements = [
        {"plan_id": "a", "evidence_id": "ev1", "relevant": None},
        {"plan_id": "a", "evidence_id": "ev-from-an-older-run", "relevant": "nee"},
    ]
    assert rule_feedback(judgements, evidence, sentences) == []


def test_most_rejected_lists_terms_with_enough_judgements_by_share(run):
    evidence, sentences = run
    judgements = [{"plan_id": "b", "evidence_id": "ev3", "relevant": "nee"}] * 5 + [
        {"plan_id": "a", "evidence_id": "ev1", "relevant": "nee"}
    ] * 4
    rows = rule_feedback(judgements, evidence, sentences)
    worst = most_rejected(rows, min_judged=5)
    assert [(r.rule_id, r.term) for r in worst] == [("wonen.opvang", "nachtopvang")]
    assert [r.term for r in most_rejected(rows, min_judged=1)] == ["nachtopvang", "opvang", "woning"]


def test_terms_come_from_rubric_terms_or_from_the_matched_text_of_an_older_run():
    assert _terms({"rubric_terms": "opvang | woning", "terms": "Opvanglocaties | woningen"}) == ["opvang", "woning"]
    assert _terms({"terms": "Nachtopvang | Woning"}) == ["nachtopvang", "woning"]
    assert _terms({}) == []
