"""Streefcijfers (rules.targets): number, unit, direction and years of each commitment, and
statistics about the past kept apart as baselines."""

from __future__ import annotations

import pytest

from omslag.rules.targets import split_sentences
from tests.support import targets_found


def _targets(rubric, text: str, date: str = "2024-03-01"):
    return targets_found(rubric, text, date)


@pytest.mark.parametrize(
    ("sentence", "unit", "value", "change", "direction", "base_year", "target_year"),
    [
        (
            "Wij realiseren 75 extra woonplekken in 2028 voor dakloze mensen.",
            "woonplekken",
            75,
            "absoluut",
            "meer",
            None,
            2028,
        ),
        (
            "Het aantal dakloze mensen willen wij halveren in 2027 ten opzichte van 2023.",
            "dakloze_mensen",
            50,
            "halveren",
            "minder",
            2023,
            2027,
        ),
        (
            "Het gebruik van de nachtopvang daalt met 30 procent in 2027 ten opzichte van 2024.",
            "opvanggebruik",
            30,
            "percentage",
            "minder",
            2024,
            2027,
        ),
        (
            "Het aantal huisuitzettingen daalt van 80 in 2022 naar maximaal 40 in 2026.",
            "huisuitzettingen",
            40,
            "van-naar",
            "minder",
            2022,
            2026,
        ),
        (
            "Wij bouwen de opvang af van 120 plekken in 2024 naar 50 plekken nachtopvang in 2029.",
            "opvangplekken",
            50,
            "van-naar",
            "minder",
            2024,
            2029,
        ),
        (
            "Voor het Housing First-team is jaarlijks € 2,5 miljoen beschikbaar.",
            "budget",
            2_500_000,
            "bedrag",
            None,
            None,
            None,
        ),
        (
            "Doel: in 2027 stroomt niemand uit detentie uit naar de straat.",
            "uitstroom",
            0,
            "absoluut",
            "minder",
            None,
            2027,
        ),
        (
            "Het aantal mensen in de nachtopvang daalt tot 2028 naar maximaal 40 per nacht.",
            "opvanggebruik",
            40,
            "absoluut",
            "minder",
            None,
            2028,
        ),
    ],
)
def test_commitments_become_targets(rubric, sentence, unit, value, change, direction, base_year, target_year):
    rows = [t for t in _targets(rubric, "Inleiding over het plan.\n\n" + sentence) if t.kind == "target"]
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row.unit, row.value, row.change, row.base_year, row.target_year) == (
        unit,
        value,
        change,
        base_year,
        target_year,
    )
    if direction is not None:
        assert row.direction == direction


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2022 maakten 412 mensen gebruik van 64 plekken nachtopvang in de regio.",
        "De afgelopen jaren is de capaciteit van de opvang met 25 procent gegroeid.",
        "In 2023 werden 58 woningen ontruimd wegens huurachterstand.",
    ],
)
def test_past_statistics_are_baselines(rubric, sentence):
    rows = _targets(rubric, "Inleiding over het plan.\n\n" + sentence)
    assert rows and all(t.kind == "baseline" for t in rows), rows


def test_ages_durations_and_years_are_no_counts(rubric):
    rows = _targets(
        rubric, "Jongeren tussen 18 en 23 jaar krijgen binnen zes weken een gesprek, vanaf 2025 ook in Noordkaap."
    )
    assert rows == []


def test_dit_aantal_takes_the_unit_of_the_sentence_before(rubric):
    rows = _targets(
        rubric,
        "In 2022 werden in de regio 58 woningen ontruimd. Wij willen dat dit aantal daalt naar maximaal 15 in 2026.",
    )
    target = [t for t in rows if t.kind == "target"]
    assert [(t.unit, t.value, t.direction, t.target_year) for t in target] == [("huisuitzettingen", 15, "minder", 2026)]


def test_sentences_split_after_abbreviations_only_where_they_end():
    parts = [s for _, s in split_sentences("Het gebruik daalt t.o.v. 2023 met 20%. Daarna volgt mw. Jansen. Klaar.")]
    assert parts == ["Het gebruik daalt t.o.v. 2023 met 20%.", "Daarna volgt mw. Jansen.", "Klaar."]


def test_amounts_in_millions_and_budgets_outside_the_plan(rubric):
    rows = _targets(rubric, "Voor het plan is in 2025 € 0,64 mln beschikbaar voor de opvang van dakloze mensen.")
    assert [(t.unit, t.value) for t in rows] == [("budget", 640_000)]
    # a municipal budget's amount for roads is no streefcijfer of a homelessness plan
    assert _targets(rubric, "In 2025 is € 200.000 beschikbaar voor de herinrichting van de Dorpsstraat.") == []


def test_a_unit_does_not_count_where_its_unless_words_stand(rubric):
    """`unless`: house building for everyone is its own unit, but not when the sentence names
    the group or its allocation (the engine fixture's woningbouw unit)."""
    units = [
        [(t.unit, t.value) for t in _targets(rubric, sentence) if t.kind == "target"]
        for sentence in (
            "De gemeenten bouwen tot 2030 ruim 11.000 woningen.",
            "Wij bouwen tot 2027 50 woningen voor dakloze mensen.",
            "Hiervoor stellen de corporaties jaarlijks 10 woningen beschikbaar.",
        )
    ]
    assert units == [[("woningbouw", 11_000)], [("woonplekken", 50)], [("woonplekken", 10)]]
