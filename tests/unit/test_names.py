"""Stage: rules — a capitalised word in the middle of a sentence that the Dutch word list knows as
a name ("Huizen", a town in Gooi en Vechtstreek) is the name, not the rubric word ("huizen")."""

from __future__ import annotations

import pytest

from omslag.extract.models import Document, ExtractionStatus, Page, TextSource
from omslag.rules.nlp import names_that_are_words

pytestmark = pytest.mark.skipif(
    "Huizen" not in names_that_are_words(),
    reason="geen Nederlandse woordenlijst met plaatsnamen (Debian wdutch) geïnstalleerd",
)


def _signals(finder, text: str) -> set[str]:
    document = Document(
        doc_id="0" * 64,
        file="x.pdf",
        plan_id="x",
        status=ExtractionStatus.SUCCESS,
        page_count=1,
        pages=[Page(number=1, text=text, source=TextSource.TEXT_LAYER)],
    )
    return {e.rule_id for e in finder.find_all(document).evidence}


@pytest.fixture(scope="module")
def finder():
    from omslag.rules.matching import EvidenceFinder
    from omslag.rules.rubric import load_rubric

    return EvidenceFinder(load_rubric())


def test_town_in_a_list_of_municipalities_is_no_home(finder):
    text = "De gemeenten Blaricum, Hilversum, Huizen en Laren betalen samen de opvang van dakloze mensen."
    assert "wonen.woonplekken" not in _signals(finder, text)
    assert "wonen.opvang" in _signals(finder, text)


def test_homes_in_lower_case_still_count(finder):
    text = "Er komen meer huizen voor dakloze mensen die uit de opvang stromen."
    assert "wonen.woonplekken" in _signals(finder, text)


def test_capital_at_the_start_of_a_sentence_or_line_is_the_word(finder):
    assert "wonen.woonplekken" in _signals(finder, "Huizen voor dakloze mensen die uit de opvang komen.")
    assert "wonen.woonplekken" in _signals(
        finder, "Actielijn wonen:\nHuizen voor dakloze mensen uit de opvang, met begeleiding."
    )


def test_names_are_words_in_lower_case_as_well():
    names = names_that_are_words()
    assert {"Huizen", "Putten"} <= names
    # a name that is no ordinary word (Finland is a rubric term as a name) stays a term
    assert "Finland" not in names and "Hilversum" not in names
