"""Stage: rules — the word-list check of the tagger's verbs (rules.verbforms): a verb has a
paradigm in the Dutch word list, a noun, adjective or preposition the tagger calls one does not."""

from __future__ import annotations

import pytest

import omslag.rules.verbforms as verbforms
from omslag.extract.wordlist import dutch_words
from omslag.rules.verbforms import could_be_verb_form

needs_word_list = pytest.mark.skipif(
    "realiseert" not in dutch_words(),
    reason="geen Nederlandse woordenlijst (Debian wdutch) geïnstalleerd",
)


@needs_word_list
@pytest.mark.parametrize(
    "form",
    [
        # infinitives and present plurals, with the spelling of their stems
        "realiseren",
        "zetten",
        "geven",
        "lezen",
        "maken",
        "beogen",
        "creëren",
        "associëren",
        # singulars, weak and strong pasts, separable and prefixed verbs
        "realiseert",
        "geeft",
        "zet",
        "startte",
        "werkten",
        "schreven",
        "kreeg",
        "ging",
        "samenwerken",
        "terugpakken",
        "meedoen",
        "plaatsvindt",
        "varieert",
        "gaat",
        "doet",
    ],
)
def test_verb_forms_can_be_verbs(form):
    assert could_be_verb_form(form) is True


@needs_word_list
@pytest.mark.parametrize(
    "form",
    [
        # plural nouns the tagger read as verbs in policy text, compounds included
        "huisuitzettingen",
        "actielijnen",
        "woonvormen",
        "zorgkantoren",
        "betalingsachterstanden",
        "oplossingen",
        "voorzieningen",
        "gemeenten",
        # other words the tagger read as finite verbs
        "bovenop",
        "woonoverlast",
        "leefklimaat",
        "stigma",
        "breed",
        "eigenwaarde",
    ],
)
def test_other_words_cannot_be_verbs(form):
    assert could_be_verb_form(form) is False


@needs_word_list
def test_a_strong_past_is_found_through_the_pipelines_joined_lemma():
    # "De ervaringsdeskundigen schreven mee": the pipeline's lemma is the joined "meeschrijven"
    assert could_be_verb_form("schreven", "meeschrijven") is True


@needs_word_list
def test_a_t_stem_with_a_strong_past_is_left_to_the_tagger():
    # "sluiten": the singular "sluit" is the stem, as "knelpunt" is a noun's: no word list says which
    assert could_be_verb_form("aansluiten") is None
    assert could_be_verb_form("knelpunt") is None


def test_without_a_word_list_nothing_is_decided(monkeypatch):
    monkeypatch.setattr(verbforms, "dutch_words", frozenset)
    could_be_verb_form.cache_clear()
    try:
        assert could_be_verb_form("bovenop") is None
        assert could_be_verb_form("realiseert") is None
    finally:
        could_be_verb_form.cache_clear()


@needs_word_list
@pytest.mark.parametrize(
    "form, infinitive",
    [
        ("werken", True),
        ("realiseren", True),
        ("uitstromen", True),
        ("gaven", False),  # a strong past plural
        ("briefadressen", False),  # a noun
    ],
)
def test_an_infinitive_is_a_verb_of_its_own(form, infinitive):
    # rules.context reads a plural present the tagger called an infinitive only where the form
    # can be one (a plural present is the infinitive's form)
    assert verbforms.could_be_infinitive(form) is infinitive


def test_without_a_word_list_an_infinitive_cannot_be_told(monkeypatch):
    monkeypatch.setattr(verbforms, "dutch_words", lambda: frozenset())
    assert verbforms.could_be_infinitive("werken") is None
