"""The judgement "does this sentence commit the plan to something, or only describe?"
(rules.context.ContextAnalyser.describes, rubric context.description) on the engine fixture
rubric, whose `opvang` signal has `description_counts: false`: a definition or a glossary line
that only names the shelter gives no evidence for it; a measure, a stance, an access rule or a
signal that counts descriptions still does."""

from __future__ import annotations

import pytest

from tests.support import ENGINE_RUBRIC
from tests.support import signals_found as _signals


@pytest.fixture(scope="module")
def parsing_finder(finder):
    from omslag.rules.nlp import get_deep_nlp

    if get_deep_nlp() is None:
        pytest.skip("no analysis pipeline could be loaded (rules/nl_omslag_ud missing)")
    return finder


@pytest.mark.parametrize(
    "text",
    [
        # a classification: the first verb is a copula, no other verb in the main clause
        "Crisisopvang is er voor dakloze jongeren met een crisis thuis.",
        "De nachtopvang heeft als kerntaak het bieden van een slaapplek aan dakloze mensen.",
        "Hieronder valt ook de nachtopvang voor dakloze mensen.",
        "De nachtopvang is vol.",
        # "gemeenten" has the shape of a participle (ge-…-en) but is a noun
        "De nachtopvang is sinds 2015 een taak van gemeenten voor dakloze mensen.",
        # a glossary line: a name, a colon, what it is, no finite verb
        "Nachtopvang: een slaapplek voor dakloze mensen.",
    ],
)
def test_a_description_of_the_service_is_no_evidence(parsing_finder, text):
    assert "wonen.opvang" not in _signals(parsing_finder, text)


@pytest.mark.parametrize(
    "text",
    [
        # "is bestemd voor": a passive participle, an access rule — a counter-signal's material
        "De nachtopvang is bestemd voor dakloze mensen met een regiobinding.",
        # the plan's voice, a verb of acting
        "Wij bouwen de nachtopvang om tot woonplekken voor dakloze mensen.",
        # a modal, a necessity
        "De nachtopvang moet een tijdelijke voorziening voor dakloze mensen zijn.",
        "De nachtopvang is nodig voor dakloze mensen.",
        # a commitment in the relative clause
        "De nachtopvang is een tijdelijke voorziening die we in 2027 sluiten.",
        # a weak participle the tagger reads as a noun is still a participle: a perfect, an event
        "Sinds 2021 is de nachtopvang voor dakloze mensen teruggebracht van 80 naar 52 bedden.",
        # and so is a strong one of the ge-…-en shape: told from a plural noun ("gemeenten") by
        # the lemma, not by its ending
        "Het gebruik van de nachtopvang is de laatste jaren sterk toegenomen.",
        # a goal word, also inflected
        "Een van de doelstellingen is dat de nachtopvang voor dakloze mensen kleiner wordt.",
        # a heading is no glossary line: more than a short name before the colon
        "NACHTOPVANG EN DAGOPVANG VOOR DAKLOZE MENSEN: STAND VAN ZAKEN 2024.",
        # "heeft" without "als" is having, not classifying; the number makes it concrete
        "De nachtopvang heeft veertig bedden voor dakloze mensen.",
    ],
)
def test_a_commitment_or_a_rule_about_the_service_stays_evidence(parsing_finder, text):
    assert "wonen.opvang" in _signals(parsing_finder, text)


def test_signals_that_count_descriptions_keep_them(parsing_finder):
    # housing_first has no `description_counts: false`: saying what Housing First is, is NAD language
    assert "wonen.housing_first" in _signals(parsing_finder, "Housing First is een aanpak voor dakloze mensen.")


def test_the_judgement_is_off_without_copulas(parsing_finder):
    from omslag.rules.matching import EvidenceFinder
    from omslag.rules.rubric import load_rubric

    rubric = load_rubric(ENGINE_RUBRIC)
    context = rubric.context.model_copy(
        update={"description": rubric.context.description.model_copy(update={"copulas": []})}
    )
    finder = EvidenceFinder(rubric.model_copy(update={"context": context}))
    assert "wonen.opvang" in _signals(finder, "Hieronder valt ook de nachtopvang voor dakloze mensen.")
