"""Stage: rules — a capitalised word in the middle of a sentence that the Dutch word list knows as a
name and as an ordinary word ("Huizen", a town in Gooi en Vechtstreek; huizen, homes) is the name.
The analysts' rubric's own case is in tests/cases/test_place_names.py."""

from __future__ import annotations

import pytest

from omslag.extract.wordlist import names_that_are_words
from omslag.rules.nlp import get_nlp, is_name_not_word

pytestmark = pytest.mark.skipif(
    "Huizen" not in names_that_are_words(),
    reason="geen Nederlandse woordenlijst met plaatsnamen (Debian wdutch) geïnstalleerd",
)


def _reads_as_name(text: str, word: str) -> bool:
    doc = get_nlp()(text)
    return is_name_not_word(next(t for t in doc if t.text == word))


def test_a_town_in_a_running_sentence_is_a_name():
    assert _reads_as_name("De gemeenten Blaricum, Hilversum, Huizen en Laren betalen samen.", "Huizen")
    assert _reads_as_name("Er komt een nieuwe opvang in Huizen.", "Huizen")


def test_the_same_word_in_lower_case_or_opening_a_sentence_line_or_item_is_the_word():
    assert not _reads_as_name("Er komen meer huizen voor dakloze mensen.", "huizen")
    assert not _reads_as_name("Huizen voor dakloze mensen zijn nodig.", "Huizen")
    assert not _reads_as_name("Actielijn wonen:\nHuizen voor dakloze mensen.", "Huizen")
    assert not _reads_as_name("Actielijn wonen: Huizen voor dakloze mensen.", "Huizen")
    assert not _reads_as_name("• Huizen voor dakloze mensen", "Huizen")


def test_names_are_words_in_lower_case_as_well():
    names = names_that_are_words()
    assert {"Huizen", "Putten"} <= names
    # a name that is no ordinary word stays what the rubric says (Finland is a term as a name)
    assert "Finland" not in names and "Hilversum" not in names
