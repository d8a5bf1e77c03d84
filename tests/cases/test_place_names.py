"""The analysts' rubric and a town whose name is a word: "Huizen" (Gooi en Vechtstreek) in a list of
municipalities is no home (rules.nlp.is_name_not_word). Kept apart from cases.yaml because it needs
the Dutch word list (Debian wdutch), and skips with the reason where that is missing."""

from __future__ import annotations

import pytest

from omslag.extract.wordlist import names_that_are_words
from tests.support import signals_found

pytestmark = pytest.mark.skipif(
    "Huizen" not in names_that_are_words(),
    reason="geen Nederlandse woordenlijst met plaatsnamen (Debian wdutch) geïnstalleerd",
)


def test_town_in_a_list_of_municipalities_offers_no_homes(analyst_finder):
    found = signals_found(
        analyst_finder, "De gemeenten Blaricum, Hilversum, Huizen en Laren betalen samen de opvang van dakloze mensen."
    )
    assert "wonen.woonplekken" not in found
    assert "wonen.opvang" in found


def test_homes_still_count_in_lower_case_and_at_the_start(analyst_finder):
    assert "wonen.woonplekken" in signals_found(
        analyst_finder, "Er komen meer huizen voor dakloze mensen uit de opvang."
    )
    assert "wonen.woonplekken" in signals_found(analyst_finder, "Huizen voor dakloze mensen die uit de opvang komen.")
