"""Engine tests of the context flags on a small fixture rubric (tests/fixtures/rubric_small.yaml),
so an analyst's edit of rules/rubric.yaml never breaks them: negation scope, tense, intent,
commitment against statistic, separable verbs, the reasons in evidence.csv and the scoring that
reads the flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from omslag.extract.models import Document, ExtractionStatus, Page, TextSource

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rubric_small.yaml"


@pytest.fixture(scope="module")
def small_rubric():
    from omslag.rules.rubric import load_rubric

    return load_rubric(FIXTURE)


@pytest.fixture(scope="module")
def small_finder(small_rubric):
    from omslag.rules.matching import EvidenceFinder
    from omslag.rules.nlp import get_deep_nlp

    if get_deep_nlp() is None:
        pytest.skip("no analysis pipeline could be loaded (rules/nl_omslag_ud missing)")
    return EvidenceFinder(small_rubric)


def _doc(text: str, plan_id: str = "plan") -> Document:
    return Document(
        doc_id="e" * 64,
        file="t.pdf",
        plan_id=plan_id,
        status=ExtractionStatus.SUCCESS,
        page_count=1,
        pages=[Page(number=1, text=text, source=TextSource.TEXT_LAYER)],
    )


def _item(finder, text: str, signal: str):
    found = [e for e in finder.find(_doc(text)) if e.signal == signal]
    assert found, f"{signal} not found in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    "text, signal",
    [
        ("Wij breiden de opvang niet uit.", "opvang_uitbreiding"),  # V2: particle at the end
        ("De opvang wordt niet uitgebreid.", "opvang_uitbreiding"),
        ("Er komen geen woonplekken bij en geen nieuwe units.", "woonplekken"),
    ],
)
def test_negation_by_scope(small_finder, text, signal):
    item = _item(small_finder, text, signal)
    assert item.negated and item.negated_by


def test_multi_word_negators_of_the_rubric_are_kept(small_finder):
    item = _item(small_finder, "Er komen in geen geval extra woonplekken in de binnenstad.", "woonplekken")
    assert item.negated and item.negated_by == "in geen geval"


def test_negation_stays_in_its_clause(small_finder):
    text = "De opvang groeit niet, maar in 2026 komen er dertig woonplekken bij."
    item = _item(small_finder, text, "woonplekken")
    assert not item.negated
    assert item.concrete


@pytest.mark.parametrize(
    "text",
    [
        # an alternative: "al dan niet", "wel of niet"
        "Dakloze mensen krijgen al dan niet in combinatie met begeleiding eerst woonplekken.",
        "Of iemand wel of niet woonplekken krijgt, bespreken wij met de woningcorporaties.",
        # "niet alleen … maar ook" affirms
        "Wij bieden niet alleen woonplekken, maar ook begeleiding.",
        # a limit: "niet langer dan drie maanden"
        "Mensen wonen niet langer dan drie maanden in de opvang en krijgen daarna woonplekken.",
    ],
)
def test_a_niet_that_denies_nothing(small_finder, text):
    assert not _item(small_finder, text, "woonplekken").negated


@pytest.mark.parametrize(
    "text",
    [
        # the degree or manner is denied, not the thing
        "Het is niet eenvoudig om woonplekken te vinden voor dakloze jongeren.",
        "De corporaties hebben niet altijd woonplekken beschikbaar.",
        # "het ontbreken van X" negates X, not its clause
        "Het ontbreken van begeleiding belemmert de uitstroom naar woonplekken.",
    ],
)
def test_a_denied_degree_or_a_missing_other_thing_does_not_negate_the_term(small_finder, text):
    assert not _item(small_finder, text, "woonplekken").negated


def test_het_ontbreken_van_negates_what_it_governs(small_finder):
    assert _item(small_finder, "Het ontbreken van woonplekken belemmert de uitstroom.", "woonplekken").negated


def test_niet_langer_without_dan_still_negates(small_finder):
    item = _item(small_finder, "Woonplekken in de binnenstad zijn er niet langer.", "woonplekken")
    assert item.negated


def test_geen_zonder_is_a_guarantee(small_finder):
    item = _item(small_finder, "Geen jongere verlaat de jeugdzorg zonder woonplek.", "woonplekken")
    assert not item.negated


def test_double_negation_is_not_counted_by_parity(small_finder):
    # two negators, both over the term: still negated (the old engine cancelled them)
    item = _item(small_finder, "Er komen nooit geen extra woonplekken.", "woonplekken")
    assert item.negated


def test_separable_verb_is_matched_by_its_joined_lemma(small_finder):
    item = _item(small_finder, "Wij bouwen de nachtopvang in 2026 met de helft af.", "afbouw_opvang")
    assert item.concrete and not item.negated and not item.past
    assert "2026" in item.commitment


def test_future_perfect_is_not_past(small_finder):
    item = _item(small_finder, "In 2026 hebben we 40 woonplekken gerealiseerd.", "woonplekken")
    assert not item.past
    assert "toekomend" in item.tense
    assert item.concrete


def test_states_are_not_past(small_finder):
    item = _item(small_finder, "Het aanbod van woonplekken is opgebouwd uit vier soorten.", "woonplekken")
    assert not item.past


@pytest.mark.parametrize(
    "text",
    [
        # a participle that is always a state: "is bedoeld om"
        "Het convenant is bedoeld om eerder woonplekken te vinden voor dakloze mensen.",
        # "eerder" = sooner: prevention's own word, also in a list item without a finite verb
        "Eerder woonplekken vinden voor mensen die uit de opvang komen.",
    ],
)
def test_a_state_and_eerder_as_sooner_are_not_past(small_finder, text):
    assert not _item(small_finder, text, "woonplekken").past


@pytest.mark.parametrize(
    "text",
    [
        # a term in an enumeration: its clause is the enumeration with its verb
        "Woonplekken, kamers en units zijn in 2023 door de corporaties gerealiseerd.",
        # a term named before a colon is the subject of what follows
        "Woonplekken: in 2023 zijn er veertig door de corporaties gerealiseerd.",
        # a participle's part reaches its auxiliary across the comma
        "In 2023 heeft de regio, samen met de corporaties, veertig woonplekken gerealiseerd.",
    ],
)
def test_a_part_without_a_finite_verb_takes_the_clause_of_its_verb(small_finder, text):
    item = _item(small_finder, text, "woonplekken")
    assert item.past, item.tense


@pytest.mark.parametrize(
    "text",
    [
        # an enumeration inside a subordinate clause runs on to the clause's verb at its end
        "Wij maken afspraken, waarbij voor woonplekken, kamers en het beschermd wonen in 2027 veertig units komen.",
        "Dit kan omdat de woonplekken, de kamers en de units in 2027 worden opgeleverd.",
    ],
)
def test_an_enumeration_in_a_subordinate_clause_takes_the_clause_of_its_verb(small_finder, text):
    item = _item(small_finder, text, "woonplekken")
    assert item.concrete, (item.tense, item.commitment)


def test_an_enumeration_of_subjects_takes_the_verb_after_its_last_item(small_finder):
    # the finite verb after the list is the clause's, however the tagger reads the coordinator
    text = "De woonplekken voor dakloze mensen, de kamers en de units zijn in 2023 gerealiseerd."
    assert _item(small_finder, text, "woonplekken").past
    text = "Woonplekken voor dakloze mensen, kamers en de nieuwe units worden in 2027 opgeleverd."
    assert _item(small_finder, text, "woonplekken").concrete


def test_a_part_with_its_own_verb_is_no_list_item(small_finder):
    # "verzorgen" is the term's verb: the year in the later "wat …"-clause is not its deadline
    text = "De woonplekken en de kamers verzorgen wij samen met de corporaties, bij wijkteams en bij werkgevers over wat in 2027 nodig is."
    assert not _item(small_finder, text, "woonplekken").concrete


def test_the_en_of_a_shortened_compound_joins_words_not_clauses(small_finder):
    # "dak- en thuislozen": the clause runs on to its verb, its date and its negation
    text = "De woonplekken voor dak- en thuisloze jongeren worden in 2027 opgeleverd."
    assert _item(small_finder, text, "woonplekken").concrete
    text = "Dit is nodig omdat de woonplekken voor dak- en thuislozen op die plek niet meer terugkomen."
    assert _item(small_finder, text, "woonplekken").negated


def test_two_subjects_of_one_verb_are_one_clause(small_finder):
    # "en" before a noun phrase and the finite verb joins two subjects, not two clauses
    text = "De woonplekken en de kamers zijn in 2023 door de corporaties gerealiseerd."
    assert _item(small_finder, text, "woonplekken").past
    text = "De woonplekken en de nieuwe units worden in 2027 opgeleverd."
    assert _item(small_finder, text, "woonplekken").concrete


@pytest.mark.parametrize(
    "text, signal",
    [
        # a clause with a verb before "en": the next clause's date is not the woonplek's
        ("Wij realiseerden woonplekken en de gemeente zorgt in 2027 voor begeleiding.", "woonplekken"),
        # the term is the clause's verb, and a verb right after "en" shares the subject: the
        # second clause's date and number are not the afbouw's
        (
            "Wij kiezen locaties waar de regio de opvang afbouwt en bieden daar in 2027 veertig units aan.",
            "afbouw_opvang",
        ),
    ],
)
def test_en_before_another_clause_still_ends_the_clause(small_finder, text, signal):
    assert not _item(small_finder, text, signal).concrete


def test_a_clause_in_brackets_is_an_aside(small_finder):
    # the bracketed clause neither ends the term's clause nor lends it its words
    text = "De woonplekken (waar nu veertig mensen slapen) worden in 2027 opgeleverd."
    assert _item(small_finder, text, "woonplekken").concrete


def test_a_figure_in_brackets_belongs_to_the_words_before_it(small_finder):
    text = "Dit betreft vooral de woonplekken (26%) en de kamers (12%)."
    assert _item(small_finder, text, "woonplekken").statistic


def test_a_subordinate_clause_before_a_main_clause_keeps_its_own_words(small_finder):
    # the comma ends the subordinate clause: the main clause's number is not the woonplek's
    text = "Omdat de woonplekken vol zitten, bouwen wij in 2027 veertig units."
    assert not _item(small_finder, text, "woonplekken").concrete


def test_a_part_with_a_verb_of_its_own_keeps_its_clause(small_finder):
    # the tagger may miss "realiseren" as finite; it must not borrow the past of the next part
    text = "Wij realiseren in 2027 veertig woonplekken voor dakloze mensen, zoals wij vorig jaar hebben afgesproken."
    assert not _item(small_finder, text, "woonplekken").past


def test_a_relative_clause_keeps_its_own_tense(small_finder):
    text = "Mensen die zich bij de woonplek melden, waren vaak al lang in beeld bij de corporatie."
    assert not _item(small_finder, text, "woonplekken").past


@pytest.mark.parametrize(
    "text",
    [
        "De woonplekken worden besproken in de Tweede Kamer.",  # a number word in a name
        "De woonplekken komen in de derde fase van het plan.",  # an ordinal counts nothing
    ],
)
def test_ordinals_and_names_are_no_quantities(small_finder, text):
    item = _item(small_finder, text, "woonplekken")
    assert not item.statistic and not item.concrete, item.commitment


@pytest.mark.parametrize(
    "text, pilot",
    [
        # a size, not a trial
        ("Wij bieden meer kleinschalige woonplekken in de wijken.", False),
        ("Met gemeenten zijn afspraken gemaakt over kleinschalige woonplekken.", False),
        # trying something out at a small scale is a trial
        ("Met kleinschalige woonplekken doen wij ervaring op.", True),
        ("Wij gaan experimenteren met kleinschalige woonplekken.", True),
        ("In een pilot realiseren wij woonplekken.", True),
    ],
)
def test_kleinschalig_is_a_size_unless_something_is_tried_out(small_finder, text, pilot):
    assert _item(small_finder, text, "woonplekken").pilot is pilot


@pytest.mark.parametrize(
    "text",
    [
        "Voor u ligt het actieplan woonplekken 2025- 2029.",
        # a period in words, as plan metadata reads it too (calendar.YEAR_RANGE)
        "Voor u ligt het actieplan woonplekken 2024 t/m 2027.",
        "In de periode 2024 tot en met 2027 werken wij aan woonplekken.",
    ],
)
def test_a_plan_period_is_no_deadline(small_finder, text):
    item = _item(small_finder, text, "woonplekken")
    assert not item.concrete, item.commitment


def test_a_single_year_still_dates_a_commitment(small_finder):
    assert _item(small_finder, "Wij realiseren in 2027 extra woonplekken.", "woonplekken").concrete
    assert _item(small_finder, "Wij realiseren tot 2027 extra woonplekken.", "woonplekken").concrete


def test_an_example_is_no_commitment(small_finder):
    item = _item(small_finder, "Denk aan mensen die 14 maanden op een woonplek moeten wachten.", "woonplekken")
    assert not item.concrete, item.commitment


def test_a_period_with_an_ordinal_is_a_norm(small_finder):
    item = _item(
        small_finder, "Gedurende het eerste jaar in de woonplek blijft een begeleider betrokken.", "woonplekken"
    )
    assert item.concrete, item.commitment


def test_beschermd_wonen_is_a_name_not_a_perfect(small_finder):
    text = "Ook zijn er minder woonplekken nodig voor beschermd wonen."
    assert not _item(small_finder, text, "woonplekken").past


def test_a_purpose_clause_does_not_make_a_perfect_a_state(small_finder):
    text = "De bewoners zijn bevraagd over hun woonplek om te komen tot een nieuwe visie."
    assert _item(small_finder, text, "woonplekken").past


@pytest.mark.parametrize(
    "text, intent",
    [
        ("Ons doel is om meer woonplekken te realiseren.", True),
        ("Het beleidsplan heeft als doel dat er woonplekken komen in elke gemeente.", True),
        ("Onze focus ligt bij woonplekken in de wijk.", True),
        ("Het gezamenlijke doel: woonplekken voor iedereen die uit de opvang komt.", True),
        # the goal noun as the subject of another verb, or the term as what has the aim
        ("Deze doelstelling vereist een andere kijk op woonplekken.", False),
        ("Het doel van de woonplekken is dat mensen weer meedoen.", False),
    ],
)
def test_goal_nouns_name_an_aim_only_as_its_statement(small_finder, text, intent):
    assert _item(small_finder, text, "woonplekken").intent_only is intent


def test_eerder_before_a_participle_is_previously(small_finder):
    text = "Dit is een regel die eerder is vastgesteld voor woonplekken in de regio."
    assert _item(small_finder, text, "woonplekken").past


def test_a_plural_noun_of_participle_shape_is_no_perfect(small_finder):
    # "gemeenten" has the ge-…-en shape of a strong participle; its lemma is the noun gemeente
    item = _item(small_finder, "Er zijn 40 extra woonplekken nodig in alle gemeenten.", "woonplekken")
    assert not item.past and "voltooid" not in item.tense


def test_simple_past_and_perfect_are_past(small_finder):
    assert _item(small_finder, "In 2023 startte de regio met Housing First.", "wonen_eerst_taal").past
    assert _item(small_finder, "Vorig jaar zijn 30 woonplekken opgeleverd.", "woonplekken").past


def test_a_number_in_a_past_or_descriptive_clause_is_a_statistic(small_finder):
    past = _item(small_finder, "Vorig jaar kregen 52 jongeren een woonplek.", "woonplekken")
    assert past.statistic and not past.concrete and past.past
    now = _item(small_finder, "De regio telt op dit moment 85 woonplekken.", "woonplekken")
    assert now.statistic and not now.concrete


def test_exploring_is_intent_whatever_the_number(small_finder):
    item = _item(small_finder, "Wij onderzoeken of we 40 woonplekken kunnen realiseren.", "woonplekken")
    assert item.intent_only and not item.concrete
    assert "onderzoek" in item.modal.lower()


def test_zo_snel_mogelijk_is_no_intent(small_finder):
    item = _item(small_finder, "Wie dakloos wordt, krijgt zo snel mogelijk een eigen woonplek.", "woonplekken")
    assert not item.intent_only


def test_a_target_with_a_number_is_a_commitment(small_finder):
    item = _item(small_finder, "Wij willen dat er in 2027 minimaal 80 woonplekken bij komen.", "woonplekken")
    assert item.concrete and not item.intent_only


def test_scoring_reads_commitment_not_statistic(small_rubric, small_finder):
    from omslag.rules.scoring import score_document

    def level(text: str) -> int:
        evidence = small_finder.find(_doc(text))
        scores = score_document(small_rubric, evidence, doc_id="e" * 64, plan_id="plan", topic_sentences=5)
        return next(s.level for s in scores if s.indicator == "wonen")

    assert level("Wonen Eerst is ons uitgangspunt. In 2026 realiseren wij 40 extra woonplekken.") == 4
    assert level("Wonen Eerst is ons uitgangspunt. Vorig jaar kwamen er 40 woonplekken bij.") == 3
    assert level("Wonen Eerst is ons uitgangspunt. De regio telt nu 400 woonplekken.") == 3


def test_reasons_reach_evidence_csv_and_the_sheet(small_finder):
    from omslag.sheets.plan_sheet import flags_from_row
    from omslag.sheets.tables import EVIDENCE_COLUMNS, evidence_row

    item = _item(small_finder, "Wij breiden de opvang niet uit.", "opvang_uitbreiding")
    row = evidence_row(item)
    for column in ("negated_by", "tense", "modal", "commitment", "statistic"):
        assert column in EVIDENCE_COLUMNS and column in row
    assert row["negated_by"] == "niet"
    assert "ontkend (niet)" in flags_from_row(row)


def test_without_an_analysis_pipeline_the_word_patterns_still_work(small_rubric):
    from omslag.rules.matching import EvidenceFinder

    finder = EvidenceFinder(small_rubric, deep_nlp=False)
    item = _item(finder, "Er komen geen extra woonplekken.", "woonplekken")
    assert item.negated and item.tense == ""
    assert "analysis: none" in finder.pipeline_description()


@pytest.mark.parametrize("tag", ["PART", "SCONJ", "ADP"])
def test_als_opens_a_clause_only_as_a_condition_whatever_its_tag(small_finder, tag):
    # omslag's pipeline tags "als" a particle (UD v1), nl_core_news_sm a subordinator (UD v2):
    # "als proef" is "as" and stays in the clause, "als er … is" opens a condition
    from omslag.rules.context import _boundary
    from omslag.rules.nlp import get_deep_nlp

    nlp = get_deep_nlp(prefer_full=False)
    for text, opens in [
        ("Housing First is in 2020 als proef gestart.", False),
        ("Wij bellen aan als er een huurachterstand is.", True),
    ]:
        doc = nlp(text)
        als = next(t for t in doc if t.lower_ == "als")
        als.pos_ = tag
        assert _boundary(als, after_term=True) is opens, (text, tag)


def test_a_present_plural_with_a_noun_lemma_is_not_past(small_finder):
    # a tagger that reads "vragen" (vraag) as a past form: the verb reading decides, "vroegen" is
    # the past (toetsset 5 t5-251: "Blokhuis en de VNG vragen de colleges om aandacht")
    from omslag.rules.context import _is_past_form
    from omslag.rules.nlp import get_deep_nlp

    doc = get_deep_nlp(prefer_full=False)("Zij vragen en zij vroegen aandacht.")
    for token, past in [(doc[1], False), (doc[4], True)]:
        token.set_morph("Number=Plur|Tense=Past|VerbForm=Fin")
        token.lemma_ = "vraag"
        assert _is_past_form(token) is past, token.text


def test_a_participle_is_a_word_that_can_be_one(small_finder):
    # the tagger's participle is vetoed when the word has neither ge- nor an unstressed prefix
    # ("Tien jongeren … kijken kritisch mee", real rf296, read as "hebben … kijken"); a strong
    # participle of a prefixed verb the tagger calls an infinitive is one ("zijn … besproken")
    from omslag.rules.context import _is_participle
    from omslag.rules.nlp import get_deep_nlp

    doc = get_deep_nlp(prefer_full=False)("Zij kijken mee en de punten zijn besproken en ontvangen.")
    kijken, besproken, ontvangen = doc[1], doc[7], doc[9]
    kijken.set_morph("VerbForm=Part")
    assert not _is_participle(kijken)
    for word in (besproken, ontvangen):
        word.pos_ = "VERB"
        word.set_morph("VerbForm=Inf")
    assert _is_participle(besproken)
    assert not _is_participle(ontvangen)  # also the infinitive: the tagger's reading stands


def test_a_hyphen_inside_a_word_does_not_end_the_clause_of_a_separable_verb(small_finder):
    # "De regio breidt het aantal Housing First-plekken fors uit" (written tune t191): the
    # particle after a hyphenated compound still belongs to the verb
    item = _item(small_finder, "De regio breidt het aantal Housing First-plekken fors uit.", "opvang_uitbreiding")
    assert not item.negated and not item.past


def test_a_year_before_the_verb_is_no_count(small_finder):
    # "Vanaf 2022 krijgen zij …" (real rf230): the fronted year is an adverbial, so the verb after
    # it is the clause's verb and its tense counts, not the year's
    item = _item(small_finder, "Sinds 2021 bieden wij twintig woonplekken in de wijk.", "woonplekken")
    assert not item.past, item.tense


def test_a_past_plural_is_past_also_where_the_lemma_is_the_form(small_finder):
    # "Net als in 2022 ontvingen we in 2023 geld" (dev-277): the pipeline's lemma may be the form
    # itself; the verb dictionary knows "ontvangen". "aannemen" (simplemma: aan_nemen) is its own
    # infinitive
    from omslag.rules.context import _is_past_form
    from omslag.rules.nlp import get_deep_nlp

    doc = get_deep_nlp(prefer_full=False)("Wij ontvingen het en aannemen dat.")
    for token, past in [(doc[1], True), (doc[4], False)]:
        token.set_morph("Number=Plur|Tense=Past|VerbForm=Fin")
        token.lemma_ = token.lower_
        assert _is_past_form(token) is past, token.text


@pytest.mark.parametrize(
    "text",
    [
        "Sinds 2019 loopt in de regio een proef met vier woonplekken.",
        "Sinds het voorjaar van 2026 realiseert de gemeente woonplekken in de wijk.",
    ],
)
def test_what_runs_since_a_moment_is_described_not_committed(small_finder, text):
    # "sinds" names when a state began: its year is no deadline and its number describes
    item = _item(small_finder, text, "woonplekken")
    assert not item.concrete, item.commitment


def test_a_word_without_a_verbs_forms_is_no_past_verb(small_finder):
    # a word the tagger never saw, read as a past form: "… € 2,35 miljoen beschikbaar, bovenop de
    # bestaande budgetten voor opvang" (demo) was "verleden tijd (bovenop)"; "werkten" stays one.
    # Half a compound read as a past form ("woon-" in "woon-, inkomens- en zorgbeleid") is none either
    from omslag.extract.wordlist import dutch_words
    from omslag.rules.context import _is_verb
    from omslag.rules.nlp import get_deep_nlp

    doc = get_deep_nlp(prefer_full=False)("Zij werkten bovenop het woon- en zorgbeleid.")
    werkten, bovenop, woon = doc[1], doc[2], doc[4]
    for token in (werkten, bovenop, woon):
        token.pos_ = "VERB"
        token.set_morph("Tense=Past|VerbForm=Fin")
        token.lemma_ = token.lower_
    assert woon.text == "woon-" and not _is_verb(woon)
    assert _is_verb(werkten)
    if "realiseert" in dutch_words():  # without Debian's word list the tagger's reading stands
        assert not _is_verb(bovenop)


def test_a_verbless_row_of_an_action_table_is_one_statement(small_finder):
    # "A4 Woonplek bij ontslag uit detentie, 25 contingentwoningen per jaar | 2 Preventie … |
    # 2025" (demo): the comma inside the action's cell does not part it from the row's number
    # and year
    row = _item(
        small_finder, "A4 Woonplekken voor jongeren uit de jeugdzorg, 25 per jaar | Preventie | 2027", "woonplekken"
    )
    assert row.concrete, row.commitment
    assert not row.past


def _parsed(words, pos, morphs, heads, deps):
    """A hand-tagged sentence, so the test says what the rule does with a tag whatever the
    committed model's tagger reads."""
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("nl").vocab, words=words, pos=pos, morphs=morphs, heads=heads, deps=deps)


@pytest.mark.parametrize(
    "words, pos, morphs, heads, deps, finite",
    [
        # V2: the plural present right after its subject ("De corporaties werken mee")
        (
            ["De", "corporaties", "werken", "mee"],
            ["DET", "NOUN", "VERB", "ADP"],
            ["", "Number=Plur", "VerbForm=Inf", ""],
            [1, 2, 2, 2],
            ["det", "nsubj", "ROOT", "compound:prt"],
            "werken",
        ),
        # inversion with a pronoun ("Daarom werken wij samen")
        (
            ["Daarom", "werken", "wij", "samen"],
            ["ADV", "VERB", "PRON", "ADV"],
            ["", "VerbForm=Inf", "", ""],
            [1, 1, 1, 1],
            ["advmod", "ROOT", "nsubj", "advmod"],
            "werken",
        ),
        # a relative clause ends in its verb ("mensen die uit de opvang komen")
        (
            ["mensen", "die", "uit", "de", "opvang", "komen"],
            ["NOUN", "PRON", "ADP", "DET", "NOUN", "VERB"],
            ["Number=Plur", "", "", "", "", "VerbForm=Inf"],
            [0, 5, 4, 4, 5, 0],
            ["ROOT", "nsubj", "case", "det", "obl", "acl:relcl"],
            "komen",
        ),
        # an action line written as an infinitive: the verb is not next to its "subject"
        (
            ["Ons", "aanbod", "effectiever", "maken"],
            ["PRON", "NOUN", "ADJ", "VERB"],
            ["", "", "", "VerbForm=Inf"],
            [1, 3, 3, 3],
            ["nmod:poss", "nsubj", "xcomp", "ROOT"],
            None,
        ),
        # an action listed as an infinitive after a colon (real corpus: "Speerpunten hierbij zijn:
        # …, de armoederegisseur en een betere integrale samenwerking opzetten")
        (
            ["Speerpunten", "zijn", ":", "een", "samenwerking", "opzetten"],
            ["NOUN", "AUX", "PUNCT", "DET", "NOUN", "VERB"],
            ["Number=Plur", "VerbForm=Fin", "", "", "", "VerbForm=Inf"],
            [1, 1, 1, 4, 5, 1],
            ["nsubj", "ROOT", "punct", "det", "nsubj", "parataxis"],
            None,
        ),
        # … also after a comma in such a list
        (
            ["Speerpunten", "zijn", ":", "signalering", ",", "de", "regisseur", "opzetten"],
            ["NOUN", "AUX", "PUNCT", "NOUN", "PUNCT", "DET", "NOUN", "VERB"],
            ["Number=Plur", "VerbForm=Fin", "", "", "", "", "", "VerbForm=Inf"],
            [1, 1, 1, 1, 1, 6, 7, 1],
            ["nsubj", "ROOT", "punct", "parataxis", "punct", "det", "nsubj", "parataxis"],
            None,
        ),
        # a second main clause after a comma ("Housing First bestrijdt dakloosheid, de
        # deelnemers verblijven in een omklapwoning")
        (
            ["Zij", "bestrijdt", "het", ",", "de", "deelnemers", "verblijven"],
            ["PRON", "VERB", "PRON", "PUNCT", "DET", "NOUN", "VERB"],
            ["", "VerbForm=Fin", "", "", "", "Number=Plur", "VerbForm=Inf"],
            [1, 1, 1, 6, 5, 6, 1],
            ["nsubj", "ROOT", "obj", "punct", "det", "nsubj", "parataxis"],
            "verblijven",
        ),
        # a noun of measure and its bare noun ("het aantal vonnissen") read as subject and verb
        (
            ["het", "aantal", "vonnissen"],
            ["DET", "NOUN", "VERB"],
            ["", "", "VerbForm=Inf"],
            [1, 2, 2],
            ["det", "nsubj", "ROOT"],
            None,
        ),
        # an infinitive under a modal has the modal as its finite verb, not itself
        (
            ["Wij", "willen", "bouwen"],
            ["PRON", "AUX", "VERB"],
            ["", "VerbForm=Fin", "VerbForm=Inf"],
            [2, 2, 2],
            ["nsubj", "aux", "ROOT"],
            None,
        ),
        # a past plural the tagger called an infinitive is no present ("waarin ervaringskenners
        # het conceptplan bespraken", demo)
        (
            ["zij", "bespraken", "het"],
            ["PRON", "VERB", "PRON"],
            ["", "VerbForm=Inf", ""],
            [1, 1, 1],
            ["nsubj", "ROOT", "obj"],
            None,
        ),
        # "beschermd wonen" is the service's name
        (
            ["cliënten", "beschermd", "wonen"],
            ["NOUN", "VERB", "VERB"],
            ["", "VerbForm=Part", "VerbForm=Inf"],
            [2, 2, 2],
            ["nsubj", "amod", "ROOT"],
            None,
        ),
    ],
)
def test_a_plural_present_read_as_an_infinitive(words, pos, morphs, heads, deps, finite):
    # the commonest cause of "geen persoonsvorm herkend" (docs/nlp-model.md): a plural present
    # verb the tagger calls an infinitive; an infinitive has no subject of its own unless an
    # auxiliary governs it, and a finite verb stands second in a main clause or last in a
    # subordinate one
    from omslag.rules.context import _is_verb, _plural_present

    doc = _parsed(words, pos, morphs, heads, deps)
    found = _plural_present([t for t in doc if _is_verb(t) or t.pos_ == "VERB"], set())
    assert (found.text if found is not None else None) == finite


def test_the_tense_reason_names_a_plural_present_verb(small_finder):
    # demo Zoutmeer: "Wij realiseren tot en met 2027 … 90 extra woonplekken" read "geen
    # persoonsvorm herkend" where the tagger called "realiseren" an infinitive
    item = _item(small_finder, "Wij realiseren tot en met 2027 in totaal 90 extra woonplekken.", "woonplekken")
    assert item.tense == "tegenwoordig (realiseren)"
    assert not item.past and item.concrete


def test_a_subject_with_prepositional_phrases_joined_by_en_keeps_its_verb(small_finder):
    # demo Zoutmeer: "De inzet van ervaringsdeskundigen in het Housing First-team en in het
    # straatteam wordt uitgebreid naar minimaal één op de vijf medewerkers" — the "en" joins two
    # phrases of the subject before the one finite verb; it does not open a second clause
    text = "De inzet van woonplekken in de wijk en in het centrum wordt uitgebreid naar minimaal vijftig."
    item = _item(small_finder, text, "woonplekken")
    assert item.tense == "tegenwoordig (wordt)"
    assert item.concrete and not item.past


def test_a_relative_clause_between_commas_does_not_cut_the_subject_from_its_verb(small_finder):
    # demo Brakelmeer: "De pilot Housing First met acht plekken, die in 2020 is gestart, wordt
    # voortgezet" — the clause of the term is the main clause around the aside: a continuation
    # with a number, not a figure of the past
    item = _item(
        small_finder, "De pilot met twintig woonplekken, die in 2020 is gestart, wordt voortgezet.", "woonplekken"
    )
    assert item.tense == "tegenwoordig (wordt)"
    assert item.concrete and not item.statistic and not item.past
    # without the main verb right after the second comma it is no aside: the clause ends at the comma
    item = _item(small_finder, "Wij bouwen twintig woonplekken, die in 2020 klaar waren.", "woonplekken")
    assert not item.past, item.tense


@pytest.mark.parametrize(
    "words, pos, morphs, finite",
    [
        (
            ["Zo", "verkleinen", "wij", "de", "kans"],
            ["ADV", "VERB", "PRON", "DET", "NOUN"],
            ["", "VerbForm=Part", "", "", ""],
            "verkleinen",
        ),
        (["die", "wij", "nemen"], ["PRON", "PRON", "VERB"], ["", "", "VerbForm=Inf"], "nemen"),
        (["Toen", "bespraken", "wij", "het"], ["ADV", "VERB", "PRON", "PRON"], ["", "VerbForm=Inf", "", ""], None),
        (["om", "te", "werken", "zij"], ["ADP", "PART", "VERB", "PRON"], ["", "", "VerbForm=Inf", ""], None),
        (["Wij", "woonplekken"], ["PRON", "NOUN"], ["", "Number=Plur"], None),
    ],
)
def test_a_plural_present_next_to_its_pronoun(words, pos, morphs, finite):
    # whatever the parse made of it: "Zo verkleinen wij de kans" (demo, tagged a participle),
    # "de maatregelen die wij nemen" (demo), "We bereiden … voor" (real corpus)
    from omslag.rules.context import _next_to_pronoun

    doc = _parsed(words, pos, morphs, list(range(len(words))), ["dep"] * len(words))
    found = _next_to_pronoun(list(doc), set())
    assert (found.text if found is not None else None) == finite


@pytest.mark.parametrize(
    "words, pos, heads, deps, past",
    [
        # real rf190: "56 personen (59%) sliepen in een van de reguliere opvanglocaties", "sliepen"
        # tagged a noun with the count as its subject
        (
            ["56", "personen", "sliepen", "in", "de", "opvang"],
            ["NUM", "NOUN", "NOUN", "ADP", "DET", "NOUN"],
            [1, 2, 2, 5, 5, 2],
            ["nummod", "nsubj", "ROOT", "case", "det", "obl"],
            "sliepen",
        ),
        # demo: "waarin beleidsmedewerkers en zeven ervaringsdeskundigen samenwerkten" (weak past)
        (
            ["waarin", "zij", "samenwerkten"],
            ["ADV", "PRON", "VERB"],
            [2, 2, 2],
            ["advmod", "nsubj", "ROOT"],
            "samenwerkten",
        ),
        # a strong participle has the same shape: "klankbordgroep betrokken bij alle fasen"
        (
            ["klankbordgroep", "betrokken", "bij", "fasen"],
            ["NOUN", "VERB", "ADP", "NOUN"],
            [1, 1, 3, 1],
            ["nsubj", "ROOT", "case", "obl"],
            None,
        ),
        # a plural that is its own infinitive is no past: "de gemeenten plannen"
        (["gemeenten", "plannen"], ["NOUN", "NOUN"], [1, 1], ["nsubj", "ROOT"], None),
        # a noun with its article is a noun ("de woningen")
        (["de", "woningen", "die"], ["DET", "NOUN", "PRON"], [1, 1, 1], ["det", "ROOT", "nsubj"], None),
    ],
)
def test_a_past_plural_the_tagger_took_for_a_noun(words, pos, heads, deps, past):
    from omslag.extract.wordlist import dutch_words
    from omslag.rules.context import _past_plural

    if "realiseert" not in dutch_words():
        pytest.skip("geen Nederlandse woordenlijst (Debian wdutch): de vorm kan niet worden beoordeeld")
    doc = _parsed(words, pos, [""] * len(words), heads, deps)
    found = _past_plural(list(doc), set())
    assert (found.text if found is not None else None) == past


@pytest.mark.parametrize(
    "text, concrete, statistic",
    [
        # real rf229: what a service can hold is described, not committed
        ("In deze woonplekken kunnen maximaal dertig mensen wonen.", False, True),
        # the plan's actor who can: still its deed
        ("Wij kunnen dertig woonplekken per jaar realiseren.", True, False),
        # a main clause that commits, with "kunnen" only in its relative clause (demo)
        ("Er komt een fonds van € 250.000 waaruit woonplekken kunnen worden betaald.", True, False),
        # real rf248 (and dev-090): a definition describes the service with the number of the
        # relative clause on its predicate; the term's own clause ends before it
        ("Een social hostel is een woonplek waar mensen maximaal 2 jaar kunnen wonen.", False, True),
        # the number is the predicate itself: a target, not a classification
        ("Het doel is 150 woonplekken.", True, False),
        # "het gaat om" says what something is: its number describes (real rf235, toetsset 1 ho-062)
        ("Het gaat om een opvang met maximaal 12 woonplekken per nacht.", False, True),
        # a range of numbers is a number ("maximaal 2-3 dagen")
        ("Het gaat om een woonplek voor maximaal 2-3 maanden.", False, True),
    ],
)
def test_numbers_that_describe_and_numbers_that_commit(small_finder, text, concrete, statistic):
    found = [e for e in small_finder.find(_doc(text)) if e.signal == "woonplekken"]
    assert found, text
    assert (found[0].concrete, found[0].statistic) == (concrete, statistic), (text, found[0].tense, found[0].commitment)


def test_a_prefixed_participle_tagged_as_a_present_plural_is_a_participle(small_finder):
    # real rf254: "zijn verschillende scenario's besproken op basis van de uitstroomcijfers" —
    # "besproken" tagged a present plural; a present plural is its own infinitive, "besproken" is not
    from omslag.rules.context import _is_participle

    doc = _parsed(
        ["zij", "bespreken", "het", "en", "zijn", "besproken"],
        ["PRON", "VERB", "PRON", "CCONJ", "AUX", "VERB"],
        ["", "Number=Plur|Tense=Pres|VerbForm=Fin"] + [""] * 3 + ["Number=Plur|Tense=Pres|VerbForm=Fin"],
        [1, 1, 1, 5, 5, 1],
        ["nsubj", "ROOT", "obj", "cc", "aux", "conj"],
    )
    assert not _is_participle(doc[1])
    assert _is_participle(doc[5])


def test_a_multiword_adverbial_is_no_complement_of_a_state(small_finder):
    # "op basis van" after the participle is an adverbial (the parse marks it fixed), not the
    # prepositional complement of a state ("is opgebouwd uit"): the perfect reports an event
    item = _item(small_finder, "In de werkgroep zijn de woonplekken besproken op basis van de cijfers.", "woonplekken")
    assert item.past and item.tense == "voltooid (zijn … besproken)", item.tense


def _defining(words, pos, heads, deps):
    # "<subject> is een plek waar <n> mensen wonen": the copula, the indefinite article and the
    # relative clause, tagged by hand so the test does not depend on the committed parser
    doc = _parsed(words, pos, [""] * len(words), heads, deps)
    doc[2].lemma_ = "zijn"
    return doc


def test_a_definitions_relative_clause_in_the_plans_voice_is_no_description():
    from omslag.rules.context import ContextAnalyser, _defines

    words = ["De", "opvang", "is", "een", "plek", "waar", "wij", "30", "mensen", "begeleiden"]
    pos = ["DET", "NOUN", "AUX", "DET", "NOUN", "ADV", "PRON", "NUM", "NOUN", "VERB"]
    heads = [1, 4, 4, 4, 4, 9, 9, 8, 9, 4]
    deps = ["det", "nsubj", "cop", "det", "ROOT", "advmod", "nsubj", "nummod", "obj", "acl:relcl"]
    doc = _defining(words, pos, heads, deps)
    assert _defines(doc[4])
    term, scope = doc[1], list(doc[0:5])
    plain = ContextAnalyser([], description=(["is"], [], []))
    assert plain._defined_numbers(term, scope) == ["30"]
    # "wij" is the plan's voice: the relative clause is its deed, not a description
    voiced = ContextAnalyser([], description=(["is"], ["wij"], []))
    assert voiced._defined_numbers(term, scope) == []
    # "de plek" (definite, no classification) is not a definition
    words[3], pos[3] = "de", "DET"
    assert not _defines(_defining(words, pos, heads, deps)[4])


@pytest.mark.parametrize(
    "words, pos, morphs, verb",
    [
        # "het" the pronoun is the subject of the finite verb (real rf235: "Het gaat om …")
        (["Het", "gaat", "om", "opvang"], ["PRON", "VERB", "ADP", "NOUN"], ["", "VerbForm=Fin", "", ""], True),
        # "het kunnen bieden": a nominalised infinitive stays a noun
        (["het", "kunnen", "bieden"], ["PRON", "VERB", "VERB"], ["", "VerbForm=Inf", "VerbForm=Inf"], False),
        # "het" the article before a word tagged as a verb
        (["het", "wonen"], ["DET", "VERB"], ["", "VerbForm=Fin"], False),
    ],
)
def test_het_before_a_finite_verb_is_its_subject(words, pos, morphs, verb):
    from omslag.rules.context import _is_verb

    doc = _parsed(words, pos, morphs, [1] * len(words), ["nsubj", "ROOT"] + ["obl"] * (len(words) - 2))
    assert _is_verb(doc[1]) is verb


@pytest.mark.parametrize(
    "text, flag, expected",
    [
        # the prefix "niet-" denies its adjective, not the noun (real rf439)
        ("Wij realiseren twintig niet-zelfstandige woonplekken.", "negated", False),
        # "met of zonder": either way (real rf391)
        ("Jongeren krijgen begeleiding, met of zonder woonplek.", "negated", False),
        # "geen … -ere … dan": a comparison (real rf454)
        ("Er is geen betere woonplek denkbaar dan een eigen huis.", "negated", False),
        # but a limit on what comes still denies it
        ("Er komen geen grotere woonplekken dan nu.", "negated", True),
        # a denied clarity is no denial of the thing (real rf432)
        ("Het is onvoldoende duidelijk wat de gemeente met de woonplekken wil.", "negated", False),
        # still negations
        ("Jongeren krijgen begeleiding zonder woonplek.", "negated", True),
        ("Er komen geen extra woonplekken.", "negated", True),
        # "geen" on the noun of a support-verb phrase denies its complement (real rf390)
        ("Zij kunnen geen gebruik maken van de woonplekken.", "negated", True),
        ("Deze mensen hebben geen toegang tot een woonplek.", "negated", True),
        # the same noun without "geen": nothing denied
        ("Zij kunnen gebruik maken van de woonplekken.", "negated", False),
        # what a plan or agreement holds is a state (real rf568, rf440)
        ("In het plan is de koers voor de woonplekken geschetst.", "past", False),
        ("De woonplek is altijd geregeld.", "past", False),
        # a year before the plan's own still reports it
        ("In 2019 is de koers voor de woonplekken geschetst.", "past", True),
        # an event verb stays a perfect
        ("De woonplekken zijn gerealiseerd.", "past", True),
    ],
)
def test_negation_and_tense_by_class(small_finder, text, flag, expected):
    item = _item(small_finder, text, "woonplekken")
    assert getattr(item, flag) is expected, (text, item.negated_by, item.tense)


def test_a_question_commits_nobody(small_finder):
    # a council's question with a number (real rf459): a statistic, not the plan's commitment
    question = _item(small_finder, "Klopt het dat de regio 40 woonplekken realiseert?", "woonplekken")
    assert not question.concrete and question.statistic
    statement = _item(small_finder, "Het klopt dat de regio 40 woonplekken realiseert.", "woonplekken")
    assert statement.concrete


def test_the_perfect_of_worden_is_no_passive(small_finder):
    # real rf521: "geworden" is the participle of a perfect ("is … geworden"), not a passive's
    # "worden"; the number of the definition's relative clause is then a past figure
    item = _item(small_finder, "De opvang is een woonplek geworden waar 8 mensen slapen.", "woonplekken")
    assert item.past, item.tense
    passive = _item(small_finder, "De woonplekken worden gerealiseerd.", "woonplekken")
    assert not passive.past, passive.tense
