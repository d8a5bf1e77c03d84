"""The benchmark of sentences written from Annex I (bench/specset.py): its counting, on sentences
written here, so that the benchmark cannot silently break."""

from __future__ import annotations

from bench.specset import HALVES, evaluate, half_of


def test_the_halves_are_odd_and_even_ids():
    assert half_of("s-001") == HALVES[0]
    assert half_of("s-002") == HALVES[1]


def test_it_counts_recall_per_indicator_and_false_alarms_in_and_outside_a_plan(analyst_finder):
    sentences = [
        {
            "id": "s-001",
            "text": "In 2026 realiseren we veertig extra woonplekken voor dakloze mensen.",
            "indicator": "wonen",
            "detail": "4",
        },
        {
            "id": "s-003",
            "text": "De gemeente verhoogt de subsidie voor de kinderopvang.",
            "indicator": "none",
            "detail": "-",
        },
        {
            "id": "s-005",
            "text": "De cliëntenraad van de opvang gaf advies over het plan.",
            "indicator": "belangenbehartiging",
            "detail": "nee",
        },
        {"id": "s-002", "text": "Het college vergadert op dinsdag.", "indicator": "preventie", "detail": "crisis"},
    ]
    found, total, wrong = evaluate(analyst_finder, sentences)
    odd, even = HALVES
    assert (found[(odd, "wonen")], total[(odd, "wonen")]) == (1, 1)
    assert (found[(odd, "wonen", "4")], total[(odd, "wonen", "4")]) == (1, 1)
    # a client council is not taken for independent advocacy: right for "nee"
    assert found[(odd, "belangenbehartiging")] == 1
    assert (found[(even, "preventie")], total[(even, "preventie")]) == (0, 1)
    assert total[(odd, "none")] == 1 and total[(odd, "none, buiten een plan")] == 1
    assert found[(odd, "none, buiten een plan")] == 0
    assert [s["id"] for s in wrong] == ["s-002"]
