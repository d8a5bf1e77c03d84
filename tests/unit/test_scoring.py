"""Scoring: level rules from the rubric, caps, negated evidence, and rationales that name
the deciding rule and evidence."""

from __future__ import annotations

from omslag.rules.models import Evidence
from omslag.rules.scoring import score_document


def _ev(indicator, signal, n=0, *, concrete=False, negated=False, page=1, intent_only=False) -> Evidence:
    return Evidence(
        evidence_id=f"ev-{indicator}-{signal}-{n}",
        doc_id="d",
        plan_id="p",
        indicator=indicator,
        signal=signal,
        signal_label=signal,
        polarity="positive",
        rule_id=f"{indicator}.{signal}",
        page=page,
        start=n * 10,
        end=n * 10 + 5,
        sentence="x",
        context_before="",
        context_after="",
        terms=[],
        negated=negated,
        concrete=concrete,
        intent_only=intent_only,
        pilot=False,
        rubric_version="t",
    )


def _levels(rubric, evidence):
    return {s.indicator: s for s in score_document(rubric, evidence, doc_id="d", plan_id="p")}


def test_nothing_found_gives_lowest_levels(rubric):
    scores = _levels(rubric, [])
    assert scores["wonen"].level == 1
    assert scores["preventie"].level == 1
    assert scores["participatie"].level == 1
    assert scores["belangenbehartiging"].level == "nee"


def test_words_versus_deeds(rubric):
    words = [_ev("wonen", "wonen_eerst_taal", i) for i in range(3)]
    assert _levels(rubric, words)["wonen"].level == 3
    deeds = [*words, _ev("wonen", "woonplekken", 9, concrete=True)]
    score = _levels(rubric, deeds)["wonen"]
    assert score.level == 4
    assert score.rule_id == "wonen.niveau4"
    assert "ev-wonen-woonplekken-9" in score.evidence_ids
    assert "wonen.niveau4" in score.rationale and "ev-wonen-woonplekken-9" in score.rationale


def test_real_shift_needs_afbouw_of_opvang(rubric):
    base = [_ev("wonen", "wonen_eerst_taal", i, page=i + 1) for i in range(3)]
    base.append(_ev("wonen", "woonplekken", 8, concrete=True))
    assert _levels(rubric, base)["wonen"].level == 4
    shift = [*base, _ev("wonen", "afbouw_opvang", 9, concrete=True)]
    assert _levels(rubric, shift)["wonen"].level == 5


def test_housing_to_be_earned_caps_at_three(rubric):
    evidence = [_ev("wonen", "wonen_eerst_taal", i, page=i + 1) for i in range(3)]
    evidence += [_ev("wonen", "woonplekken", 8, concrete=True), _ev("wonen", "wonen_verdienen", 9)]
    score = _levels(rubric, evidence)["wonen"]
    assert score.level == 3
    assert score.uncapped_level == 4
    assert score.capped_by == "wonen.cap_verdienen"
    assert "ev-wonen-wonen_verdienen-9" in score.rationale


def test_negated_evidence_does_not_count(rubric):
    evidence = [_ev("belangenbehartiging", "onafhankelijke_belangenbehartiger", negated=True)]
    assert _levels(rubric, evidence)["belangenbehartiging"].level == "nee"
    evidence.append(_ev("belangenbehartiging", "onafhankelijke_belangenbehartiger", 2))
    assert _levels(rubric, evidence)["belangenbehartiging"].level == "ja"


def test_participation_ladder(rubric):
    assert _levels(rubric, [_ev("participatie", "raadplegen")])["participatie"].level == 2
    assert _levels(rubric, [_ev("participatie", "adviseren")])["participatie"].level == 3
    assert _levels(rubric, [_ev("participatie", "coproduceren")])["participatie"].level == 4
    assert _levels(rubric, [_ev("participatie", "meebeslissen")])["participatie"].level == 5
    # deciding to co-decide "one day" is ambition, not co-deciding
    intent = [_ev("participatie", "meebeslissen", intent_only=True)]
    assert _levels(rubric, intent)["participatie"].level == 3


def test_regression_when_only_more_shelter(rubric):
    evidence = [_ev("wonen", "opvang", i) for i in range(3)] + [_ev("wonen", "opvang_uitbreiding", 5)]
    evidence += [_ev("wonen", "overlast_handhaving", 10 + i) for i in range(3)]
    assert _levels(rubric, evidence)["wonen"].level == 1
    # calling the national ambition "niet haalbaar" is regression too, whatever else is said
    words = [_ev("wonen", "wonen_eerst_taal", i) for i in range(3)] + [_ev("wonen", "wonen_eerst_afwijzing", 9)]
    assert _levels(rubric, words)["wonen"].level == 1
    assert _levels(rubric, [_ev("wonen", "opvang", i) for i in range(3)])["wonen"].level == 2


def test_breadth_rule_shows_the_strongest_items_of_each_signal(rubric):
    # preventie level 3 needs prevention language and one kind of prevention; of many items of a
    # kind the rationale shows the strongest two (concrete first), not the first two in the text,
    # which are often the introduction's intentions
    language = [_ev("preventie", "preventie_taal", i) for i in range(2)]
    upstream = [_ev("preventie", "upstream", 10 + i, intent_only=True) for i in range(3)]
    upstream.append(_ev("preventie", "upstream", 20, concrete=True, page=4))
    score = _levels(rubric, [*language, *upstream])["preventie"]
    assert score.level == 3
    assert "ev-preventie-upstream-20" in score.evidence_ids
    assert "ev-preventie-upstream-12" not in score.evidence_ids
