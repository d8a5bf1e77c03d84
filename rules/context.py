"""Stage: rules — the context flags of one evidence item, read from a dependency parse.

The sentence that holds a rubric term is parsed (part of speech, morphology, dependencies,
lemmas with separable verbs joined; see nlp.py) and the flags are read from the tree around the
term, never from a window of words:

* **negated** — a negator (niet, geen, nooit, niemand, nergens, noch, nauwelijks, onvoldoende,
  zonder; verbs such as ontbreken, uitblijven, afschaffen, stopzetten) whose scope covers the
  term: an adverbial negator negates its clause (the predicate and everything in it up to a
  clause with its own finite verb), "geen X" negates X and, when X is the subject or the
  predicate, the clause; "zonder X" negates X unless the clause is itself negated ("geen
  jongere verlaat de jeugdzorg zonder woonplek" guarantees a woonplek). A conjunct introduced by
  "maar" or carrying "wel" ("niet de opvang maar de woonplekken", "de opvang groeit niet, het
  aantal woonplekken wel") is out of scope. Nothing is counted: no parity.
* **past** — the finite verb and auxiliaries of the term's clause: simple past, or a present
  perfect of an event. A perfect with a target year from the plan's own year on ("in 2026
  hebben we 40 woonplekken gerealiseerd") or with "zullen" is a future perfect; "zijn" with a
  participle and a prepositional complement ("is opgebouwd uit", "is aangesloten bij") is a
  state.
* **intent_only** — a verb of exploring or wishing (onderzoeken of, verkennen, overwegen,
  hopen, zou), a modal adverb (wellicht, misschien, mogelijk — not "zo snel mogelijk"), or a
  verb or noun of wanting (willen, streven, ambitie, beogen, inzetten op) governs the term; the
  last group only without a number or date (then it is a target: a commitment).
* **concrete** (a commitment) and **statistic** — a quantity, amount, date or named team in the
  term's clause. In a past or descriptive clause (op dit moment, gemiddeld, naar schatting; a
  verb of having or counting) a number is a `statistic`, and so is a number in the relative
  clause of a definition ("De crisisopvang is een tijdelijke plek waar mensen binnen 6 weken
  …"); in a present or future clause with a future date, the plan's actor doing something, a
  passive action or a target, it is a commitment.
* **pilot** — a pilot word in the sentence that is not itself negated ("geen pilot meer").
* **describes** — the sentence commits the plan to nothing and only says what something is: its
  first verb is a copula or a verb of classifying (the rubric's `context.description.copulas`:
  "Beschermd wonen is sinds 2015 een wettelijke taak", "Hieronder valt ook Beschermd wonen",
  "Maatschappelijke Opvang heeft als kerntaak …") with no other verb in its main clause (so no
  passive or perfect: "is bestemd voor" states who may enter, an access rule), or it is a
  glossary line ("Gezinsopvang: opvang voor gezinnen …", no finite verb after the colon). Never
  when the clause carries a commitment (concrete, intent, modal flags), the plan's voice or a
  goal word (`commitment`: wij, zullen, doel, nodig) or a verb of acting (`action_verbs`). Only
  signals that name a service drop such sentences (rubric `description_counts: false`).

Each flag carries its reason (`negated_by`, `tense`, `modal`, `commitment`), which
evidence.csv and the rater sheet show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from omslag.extract.models import CELL_SEPARATOR
from omslag.rules.calendar import DUTCH_MONTHS, YEAR_PAIR
from omslag.rules.nlp import HYPHENS, fold
from omslag.rules.verbforms import could_be_infinitive, could_be_verb_form

# -- grammatical word lists (Dutch grammar, not policy: the rubric's lists stay the analysts') --
ADVERBIAL_NEGATORS = {"niet", "nooit", "niemand", "nergens", "nauwelijks", "noch", "onvoldoende", "allerminst"}
NEGATING_FORMS = {"ontbreekt", "ontbreken", "ontbrak", "ontbraken", "ontbrekt"}
NEGATING_VERBS = {
    "ontbreken",
    "uitblijven",
    "afschaffen",
    "stopzetten",
    "beëindigen",
    "opheffen",
    "schrappen",
}
EXPLORE = {
    "onderzoeken",
    "verkennen",
    "overwegen",
    "bekijken",
    "nagaan",
    "uitzoeken",
    "hopen",
    "bezien",
    "afwegen",
    "peilen",
}
WANT_VERBS = {"willen", "streven", "ambiëren", "beogen", "wensen"}
WANT_NOUNS = {"ambitie", "wens", "streven", "streefbeeld"}
# nouns that name an aim only as the subject of "zijn"/"liggen", before a colon or after "als":
# "ons doel is om …", "belangrijke doelstelling is …", "onze focus ligt bij …", "heeft als doel
# dat …", "het gezamenlijke doel: …" (real sentences rf006, rf142) — not "deze doelstelling
# vereist …" or "de focus wordt verlegd"; with a number or date they make a target, as
# "ambitie" does
GOAL_NOUNS = {"doel", "doelstelling", "focus", "intentie", "voornemen", "bedoeling"}
MODAL_ADVERBS = {"wellicht", "misschien", "mogelijk", "eventueel", "mogelijkerwijs", "wenselijk"}
NOT_MODAL_BEFORE = {"zo", "waar", "zoveel", "zover", "voorzover", "indien", "als", "zomin", "veel"}
# zijn + participle + one of these prepositions is a state ("is opgebouwd uit"), not the past
STATE_PREPOSITIONS = {
    "uit",
    "bij",
    "op",
    "aan",
    "voor",
    "in",
    "rond",
    "rondom",
    "volgens",
    "onder",
    "met",
    "tot",
    "binnen",
}
# participles that with "zijn" always name a state, whatever follows: "is bedoeld om huurschulden
# eerder in beeld te krijgen" (dev-288), "is verplicht om", "is gehouden om"
STATE_PARTICIPLES = {
    "bedoeld",
    "bestemd",
    "gericht",
    "verplicht",
    "gehouden",
    "toegestaan",
    # what a law, plan or agreement holds: "In de Wmo 2015 is landelijke toegankelijkheid …
    # vastgelegd", "In het plan … is de koers en het tijdspad geschetst", "vervolgopvang is altijd
    # geregeld" (real rf540, rf568, rf440; a year or "eerder" still makes it past)
    "vastgelegd",
    "geregeld",
    "beschreven",
    "omschreven",
    "geschetst",
    "neergelegd",
    "verwoord",
    "weergegeven",
}
# verbs whose perfect takes "zijn" and reports a change: never a state
MUTATIVE = {
    "starten",
    "beginnen",
    "ingaan",
    "stijgen",
    "dalen",
    "toenemen",
    "afnemen",
    "gaan",
    "komen",
    "worden",
    "blijven",
    "ontstaan",
    "verdwijnen",
    "veranderen",
    "groeien",
    "verschuiven",
    "vertrekken",
    "uitstromen",
    "instromen",
    "verschijnen",
    "overgaan",
    "toetreden",
    "aflopen",
    "terugvallen",
    "verhuizen",
}
PAST_MARKERS = {"vorig", "afgelopen", "voorgaand", "toenmalig", "destijds", "eerder", "vroeger"}
FUTURE_MARKERS = {"komend", "straks", "voortaan", "binnenkort", "toekomstig"}
# "sinds" too: what has run since a past moment is a state, described ("Sinds 2019 loopt een pilot
# met vier plekken"), not a commitment
DESCRIPTIVE_MARKERS = {
    "momenteel",
    "gemiddeld",
    "schatting",
    "ongeveer",
    "ruim",
    "slechts",
    "circa",
    "bijna",
    "huidig",
    "sinds",
}
DESCRIPTIVE_PHRASES = ("op dit moment", "al jaren", "op peildatum", "op dit ogenblik", "naar schatting")
DESCRIPTIVE_VERBS = {
    "hebben",
    "zijn",
    "tellen",
    "bedragen",
    "liggen",
    "kennen",
    "bestaan",
    "wonen",
    "wachten",
    "beschikken",
    "omvatten",
    "blijven",
    "gaan",
    "vinden",
    "plaatsvinden",
    "staan",
    "verblijven",
    "slapen",
    "maken",
    # "Dit betreft vooral de Wmo-voorzieningen (26%)": a share, not a commitment (real rf293)
    "betreffen",
}
ACTORS = {
    "wij",
    "we",
    "gemeente",
    "regio",
    "college",
    "centrumgemeente",
    "gemeenten",
    "corporatie",
    "corporaties",
    "woningcorporatie",
    "woningcorporaties",
    "wethouder",
    "provincie",
    "raad",
    "ons",
}
NUMBER_WORDS = {
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "twintig",
    "vijfentwintig",
    "dertig",
    "veertig",
    "vijftig",
    "zestig",
    "zeventig",
    "tachtig",
    "negentig",
    "honderd",
    "duizend",
    "tientallen",
    "honderden",
}
FRACTIONS = {"helft", "derde", "kwart", "vijfde", "halveren", "verdubbelen", "procent", "%", "miljoen", "mln"}
# an ordinal counts nothing ("de derde fase") unless it is a fraction ("een derde", "twee derde")
ORDINALS = {"eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende"}
MONTHS = {*DUTCH_MONTHS, "kwartaal"}
# counted things that are parts of a plan, not quantities of help: "vier sporen", "drie pijlers"
STRUCTURE_NOUNS = {
    "spoor",
    "sporen",
    "pijler",
    "pijlers",
    "actielijn",
    "actielijnen",
    "hoofdstuk",
    "hoofdstukken",
    "fase",
    "fasen",
    "fases",
    "thema",
    "thema's",
    "lijn",
    "lijnen",
    "bouwsteen",
    "bouwstenen",
    "paragraaf",
    "onderdeel",
    "onderdelen",
    "stap",
    "stappen",
    "trede",
    "treden",
    "kern",
    "kernen",
    "gemeente",
    "gemeenten",
    # "16 Utrechtse regiogemeenten zetten in op …" counts who acts, not what they do (real rf329)
    "regiogemeente",
    "regiogemeenten",
    "uur",
    "levensgebied",
    "levensgebieden",
    "leefgebied",
    "leefgebieden",
}
CLAUSE_DEPS = {"ccomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj", "root", "conj", "list", "xcomp"}
FINITE_FORMS = {
    "is",
    "zijn",
    "ben",
    "heeft",
    "hebben",
    "heb",
    "wordt",
    "worden",
    "word",
    "zal",
    "zullen",
    "kan",
    "kunnen",
    "moet",
    "moeten",
    "wil",
    "willen",
    "gaat",
    "gaan",
    "mag",
    "mogen",
    "hoeft",
    "hoeven",
}
PAST_FORMS = {
    "was",
    "waren",
    "werd",
    "werden",
    "had",
    "hadden",
    "kreeg",
    "kregen",
    "kon",
    "konden",
    "moest",
    "moesten",
    "wilde",
    "wilden",
    "ging",
    "gingen",
    "kwam",
    "kwamen",
    "bleef",
    "bleven",
    "stond",
    "stonden",
    "lag",
    "lagen",
    "nam",
    "namen",
    "gaf",
    "gaven",
    "vond",
    "vonden",
    "bleek",
    "bleken",
    "liep",
    "liepen",
    "steeg",
    "stegen",
    "begon",
    "begonnen",
}
EXPLORE_STEMS = (
    "onderzoek",
    "verken",
    "overweeg",
    "overweg",
    "bekijk",
    "hoop",
    "hoopt",
    "hopen",
    "nagaan",
    "zoeken uit",
)
# trying is no commitment: "De gemeente kan dakloosheid proberen tegen te gaan" (real rf315)
WANT_STEMS = ("wil", "strev", "streef", "beoog", "ambieer", "ambier", "wens", "probeer", "proberen")


def _followed_by(token: Token, words: tuple[str, ...]) -> bool:
    """The words follow the verb in order, in its sentence ("zetten … in op")."""
    i = token.i + 1
    for word in words:
        while i < token.sent.end and token.doc[i].lower_ != word:
            i += 1
        if i >= token.sent.end:
            return False
        i += 1
    return True


def _stem_in(token: Token, stems: tuple[str, ...]) -> bool:
    low = fold(token.lower_)
    if low in ("gaan", "gaat", "ga") and _followed_by(token, ("na", "of")):
        return "nagaan" in stems
    return any(low.startswith(s) for s in stems if " " not in s)


FINITE_LEMMAS = {"zijn", "hebben", "worden", "zullen", "kunnen", "moeten", "willen", "mogen", "hoeven", "gaan"}
PERFECT_FORMS = {"is", "zijn", "ben", "heeft", "hebben", "heb"}


_PARTICIPLE = re.compile(
    r"^(?:mee|terug|uit|af|op|in|aan|toe|over|door|voor|om|weg|bij|vast|samen|na|tot|neer)?ge[a-zà-ÿ]{2,}(?:d|t|en)$"
)
# what any Dutch past participle has: ge- (also after a particle: vrijgemaakt, uitgebreid) or an
# unstressed prefix (besproken, verbeterd, ontvangen, uitbesteed), and the ending -d, -t or -n. A
# veto on the tagger's word only: "hebben … kijken", "heeft schulden" have neither
_PARTICIPLE_SHAPE = re.compile(r"^[a-zà-ÿ]*(?:ge|be|ver|ont|er|onder|over|mis|vol)[a-zà-ÿ]{2,}[dtn]$")
_PREFIX_PARTICIPLE = re.compile(r"^(?:be|ver|ont|her|er)[a-zà-ÿ]{3,}en$")
_ALWAYS_VERBS = {
    "is",
    "heeft",
    "hebben",
    "wordt",
    "worden",
    "werd",
    "werden",
    "was",
    "waren",
    "zal",
    "zullen",
    "zou",
    "zouden",
}


def _has_nominal_children(token: Token) -> bool:
    return any(_dep(c) in ("det", "nummod", "amod", "nmod:poss") for c in token.children)


def _is_verb(token: Token) -> bool:
    if token.lower_ in _ALWAYS_VERBS:
        return True
    if token.lower_ == "zijn":
        return _dep(token) not in ("det", "nmod:poss")
    if token.pos_ in ("VERB", "AUX"):
        return _dep(token) != "amod" and (_verb_lemma_ok(token) or _is_participle(token))
    return _is_participle(token)


def _in_service_name(token: Token) -> bool:
    """A word of the service's name "beschermd wonen", "begeleid wonen", "beschermd thuis":
    neither its adjective nor its "wonen" is a verb of the clause."""
    doc = token.doc
    if token.lower_ in ("beschermd", "begeleid"):
        return token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("wonen", "thuis")
    return token.lower_ in ("wonen", "thuis") and token.i > 0 and doc[token.i - 1].lower_ in ("beschermd", "begeleid")


def _is_participle(token: Token) -> bool:
    """A past participle (gerealiseerd, opgebouwd); present participles (dreigend) are not, nor
    the adjective of the service's name: "beschermd wonen", "begeleid wonen", "beschermd thuis"."""
    if token.lower_.endswith(("end", "ende")):
        return False
    if _in_service_name(token):
        return False
    if token.i >= 2 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 2].lower_ == "ex":
        return False  # "een ex-gedetineerde": a person, not a participle (real rf261)
    if token.pos_ in ("VERB", "AUX") and "Part" in token.morph.get("VerbForm", []):
        # the tagger's word, unless the word cannot be one
        return _dep(token) != "amod" and bool(_PARTICIPLE_SHAPE.match(token.lower_))
    # "zijn … besproken" tagged as an infinitive or as a present plural: a present plural is its
    # own infinitive, and "besproken" is not (real rf254: "zijn … scenario's besproken")
    tagged_present = "Fin" in token.morph.get("VerbForm", []) and "Pres" in token.morph.get("Tense", [])
    if (
        token.pos_ in ("VERB", "AUX")
        and ("Fin" not in token.morph.get("VerbForm", []) or tagged_present)
        and _prefix_participle(token.lower_)
    ):
        return _dep(token) != "amod"
    if not _PARTICIPLE.match(token.lower_):
        return False
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    prev = doc[token.i - 1] if token.i > 0 else None
    if prev is not None and prev.lower_ in ("de", "het", "een"):
        return False
    if token.pos_ in ("NOUN", "PROPN") and _plural_of_lemma(token):
        # a plural noun of the ge-…-en shape ("taak van gemeenten", "in de gebieden"), not a
        # strong participle the tagger took for a noun ("is … toegenomen")
        return False
    if nxt is None or nxt.is_punct or nxt.pos_ == "ADP":
        return True  # clause-final, as Dutch participles stand ("is … toegenomen.")
    return not (
        token.pos_ in ("NOUN", "PROPN", "ADP", "DET", "PRON") or _has_nominal_children(token) or _dep(token) == "amod"
    )


def _prefix_participle(low: str) -> bool:
    """The strong participle of a verb with an unstressed prefix, which takes no ge- (besproken,
    beschreven, verkregen, begonnen): an -en form that is not its own infinitive (bespreken).
    "ontvangen", "vergeten" are both, and stay the tagger's."""
    if not _PREFIX_PARTICIPLE.match(low):
        return False
    infinitive = _simplemma(low)
    return infinitive != low and infinitive.endswith("en")


def _plural_of_lemma(token: Token) -> bool:
    """The word is its lemma's plural: gemeente → gemeenten, gebied → gebieden, gesprek →
    gesprekken."""
    lemma, word = _lemma(token).lower(), token.lower_
    if not lemma or lemma == word:
        return False
    return word in (lemma + "n", lemma + "en", lemma + lemma[-1] + "en")


def _infinitive(token: Token) -> str:
    from omslag.rules.nlp import verb_infinitive

    return verb_infinitive(token.lower_, token.lemma_)


def _simplemma(low: str) -> str:
    from omslag.rules.nlp import _simplemma_lemma

    return _simplemma_lemma(low).split("_")[-1]


def _weak_past(low: str) -> bool:
    """startte, breidden, werkten, daalde, stroomden: stem + de/te/den/ten where stem + en is the
    infinitive (zetten, bieden, wachten are not: their infinitive is the form itself)."""
    for ending in ("den", "ten", "de", "te"):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            lemma = _simplemma(low)
            if lemma == low:
                return False
            collapsed = re.sub(r"([aeou])\1", r"\1", stem)
            if lemma in (stem + "en", collapsed + "en", stem + "n"):
                return True
    return False


def _verb_lemma_ok(token: Token) -> bool:
    """A word tagged as a verb whose dictionary lemma is no infinitive ("woonplekken" →
    woonplek), or that follows a number or article, is a noun the tagger got wrong."""
    prev = token.doc[token.i - 1] if token.i > token.sent.start else None
    # a year before it is a fronted adverbial, not a count: "Vanaf 2022 krijgen zij", "In 2023
    # breidden wij" (real rf230)
    counted = prev is not None and prev.like_num and not _YEAR.match(prev.text)
    # "het" the pronoun is the subject of a finite verb, not an article: "Het gaat om …", "Het
    # betreft …", "wanneer het kan" (real rf235); "het kunnen bieden" stays a noun
    finite = "Fin" in token.morph.get("VerbForm", [])
    subject = prev is not None and prev.lower_ == "het" and prev.pos_ == "PRON" and finite
    article = prev is not None and prev.lower_ in ("de", "het", "een", "extra", "meer", "nieuwe") and not subject
    if counted or article:
        return False
    # a word the tagger never saw, read as a past form ("bovenop", "actielijnen", "woon-" in
    # "woon-, inkomens- en zorgbeleid"): only a word with a verb's forms can be one, or the clause
    # reads as a report (rules.verbforms). Not said of present forms: there the flags leaned on
    # such words and measured worse without them (docs/nlp-model.md)
    if "Past" in token.morph.get("Tense", []) and not _known_verb(token) and not _can_be_verb(token):
        return False
    if "Fin" in token.morph.get("VerbForm", []) or "Inf" in token.morph.get("VerbForm", []):
        return True  # "schalen", "stellen": simplemma may read a noun plural, the tagger a verb
    lemma = _simplemma(token.lower_)
    return lemma.endswith("n") or lemma == token.lower_


def _can_be_verb(token: Token) -> bool:
    """Not half a compound, nor a word without a verb's forms in the word list."""
    return token.text[-1:] not in HYPHENS and could_be_verb_form(token.lower_, token.lemma_) is not False


def _known_verb(token: Token) -> bool:
    """A form of zijn, hebben, worden or the modals, which the flag code knows by name."""
    return token.lower_ in FINITE_FORMS or token.lower_ in PAST_FORMS or token.lower_ in _ALWAYS_VERBS


def _finite_form(token: Token) -> bool:
    if token.lower_ in FINITE_FORMS or token.lower_ in PAST_FORMS:
        return True
    forms = token.morph.get("VerbForm", [])
    return "Fin" in forms and token.pos_ in ("VERB", "AUX")


def _plural_present(verbs: list[Token], inner: set[int]) -> Token | None:
    """A plural present verb the tagger read as an infinitive ("De corporaties werken mee",
    "Wij signaleren problemen eerder", "mensen die uit de opvang komen"). Dutch gives an
    infinitive no subject of its own unless an auxiliary or modal governs it, and puts a finite
    verb second in a main clause or last in a subordinate one. So an -en form counts when the
    parse gives it a subject and no auxiliary, and that subject is a personal or relative
    pronoun, or stands right before it, or the clause is subordinate. Not an action line written
    as an infinitive ("Ons aanbod effectiever maken", "kwetsbare inwoners … laten wonen"), nor
    the "wonen" of "beschermd wonen"."""
    for verb in verbs:
        if verb.i in inner or verb.pos_ != "VERB" or "Inf" not in verb.morph.get("VerbForm", []):
            continue
        if _in_service_name(verb) or not _could_be_plural_present(verb):
            continue
        children = list(verb.children)
        if any(_dep(child) in ("aux", "aux:pass", "cop") for child in children):
            continue
        subjects = [child for child in children if _dep(child) in ("nsubj", "nsubj:pass")]
        subordinate = any(_dep(child) == "mark" for child in children)
        for subject in subjects:
            pronoun = subject.lower_ in _PLURAL_SUBJECT_PRONOUNS
            if pronoun or subordinate or _second_after(subject, verb):
                return verb
    return None


def _past_plural(scope: list[Token], inner: set[int]) -> Token | None:
    """A past plural the tagger took for a noun or an infinitive ("56 personen (59%) sliepen in
    een van de reguliere opvanglocaties", real rf190): the parse gives it a subject and no
    auxiliary or copula, its dictionary form is another verb's infinitive (sliepen → slapen), and
    the form is a weak past or cannot be an infinitive itself (not "plannen", which is one)."""
    for t in scope:
        low = t.lower_
        if t.i in inner or not low.endswith("en") or t.pos_ not in ("VERB", "NOUN"):
            continue
        if "Fin" in t.morph.get("VerbForm", []):
            continue  # the tagger's finite form is read by the usual path
        deps = {_dep(child) for child in t.children}
        if not deps & {"nsubj", "nsubj:pass"} or deps & {"aux", "aux:pass", "cop", "det"}:
            continue
        if not _other_infinitive(low) or could_be_infinitive(_simplemma(low)) is not True:
            continue
        if _PARTICIPLE.match(low) or _PREFIX_PARTICIPLE.match(low):
            continue  # "opgenomen in woonvisies", "betrokken bij alle fasen": a strong participle
        if _weak_past(low) or could_be_infinitive(low) is False:
            return t
    return None


def _next_to_pronoun(scope: list[Token], inner: set[int]) -> Token | None:
    """A plural present next to its personal pronoun, whatever the parse made of it ("Zo
    verkleinen wij de kans", tagged a participle; "Wij realiseren …"): a word of the -en form
    that can be an infinitive (a plural present is the infinitive's form) right before or after
    "wij", "we", "zij", "ze" or "jullie". Not after "te", not a past plural."""
    words = {t.i: t for t in scope}
    for t in scope:
        if t.i in inner or t.pos_ not in ("VERB", "AUX") or (t.i > 0 and t.doc[t.i - 1].lower_ == "om"):
            continue
        beside = [words.get(t.i - 1), words.get(t.i + 1)]
        if not any(b is not None and b.lower_ in _PERSONAL_PLURALS and b.pos_ == "PRON" for b in beside):
            continue
        if _could_be_plural_present(t):
            return t
    return None


def _could_be_plural_present(token: Token) -> bool:
    """Can the word be a plural present: an -en form not after "te" that can be a verb and its
    own infinitive? A noun the tagger took for a verb ("de handreiking briefadressen") has no
    verb's forms; a past plural ("waarin ervaringskenners het plan bespraken") has another
    infinitive."""
    low = token.lower_
    if not low.endswith("en") or (token.i > 0 and token.doc[token.i - 1].lower_ == "te"):
        return False
    return _can_be_verb(token) and could_be_infinitive(low) is not False and not _other_infinitive(low)


def _other_infinitive(low: str) -> bool:
    """A plural whose dictionary form is another verb: a past ("bespraken" → bespreken,
    "werkten" → werken, "zagen" → zien), never a present, which is its own infinitive."""
    lemma = _simplemma(low)
    return lemma != low and lemma.endswith("n")


def _second_after(subject: Token, verb: Token) -> bool:
    """The verb stands right after its subject, and the subject opens the sentence or a clause
    after a comma or semicolon: the finite verb's second place. Not after a colon or "en", where
    plans list actions as infinitives ("Speerpunten zijn: …, de armoederegisseur en een betere
    samenwerking opzetten"), nor after a noun of measure, whose noun follows bare ("het aantal
    vonnissen", "een groep jongeren")."""
    if subject.right_edge.i != verb.i - 1 or subject.lower_ in _MEASURE_NOUNS:
        return False
    first = subject.left_edge
    if first.i == first.sent.start:
        return True
    # after a comma only outside a list opened by a colon: "…: vroegsignalering …, de
    # armoederegisseur en een betere samenwerking opzetten" lists actions
    listed = any(t.text == ":" for t in first.doc[first.sent.start : first.i])
    return first.doc[first.i - 1].text in (",", ";") and not listed


# personal pronouns of a plural verb, and the relative pronouns that open a clause with one
_PLURAL_SUBJECT_PRONOUNS = frozenset({"wij", "we", "zij", "ze", "jullie", "die", "wie"})
_PERSONAL_PLURALS = frozenset({"wij", "we", "zij", "ze", "jullie"})
_MEASURE_NOUNS = frozenset(
    {"aantal", "totaal", "groep", "paar", "percentage", "aandeel", "deel", "soort", "reeks", "tal"}
)


def _is_past_form(token: Token) -> bool:
    """Simple past. A plural in -en is past only when it is not the infinitive (verhogen,
    openen are present plurals; breidden, werkten, begonnen are past)."""
    low = token.lower_
    if low in PAST_FORMS:
        return True
    if _weak_past(low):
        return True
    if low.endswith(("end", "ende")):
        return False  # a present participle ("dreigende dakloosheid"); "tekende" is a weak past above
    if "Past" not in token.morph.get("Tense", []) or "Fin" not in token.morph.get("VerbForm", []):
        return False
    if not low.endswith("en"):
        return True
    # a plural in -en: past when its infinitive is another word ("ontvingen" → ontvangen, even
    # where the pipeline's lemma is the form itself), present when it is its own infinitive
    # ("vragen wij u", though simplemma reads the noun "vraag") or the end of a joined separable
    # verb's lemma ("zetten … in" → inzetten)
    from omslag.rules.nlp import _simplemma_lemma

    lemma = _lemma(token)
    # simplemma writes a separable verb "aan_nemen": "aannemen" is its own infinitive too
    own_infinitive = low in (_infinitive(token), _simplemma_lemma(low).replace("_", ""))
    return not (own_infinitive or (lemma != low and lemma.endswith(low)))


_YEAR = re.compile(r"^(19|20)\d\d$")
_YEAR_PAIR = re.compile(YEAR_PAIR)
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)*$")
# "4.2" before a heading's capital: a section number (Dutch writes decimals with a comma)
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+$")
_PERCENT = re.compile(r"^\d+(?:[.,]\d+)?%$")
# a range of numbers as one token ("maximaal 2-3 dagen", "4–6 woonunits"); a period of years
# ("2024-2027") is no quantity
_RANGE = re.compile(r"^(\d{1,3})[-–](\d{1,3})$")
# nouns that number the parts of a plan: the number after them is a label ("Doel 1")
LABEL_NOUNS = {
    "doel",
    "actielijn",
    "hoofdstuk",
    "paragraaf",
    "fase",
    "stap",
    "spoor",
    "pijler",
    "thema",
    "bouwsteen",
    "onderdeel",
    "trede",
    "bijlage",
    "speerpunt",
    "prioriteit",
}


@dataclass(frozen=True)
class ContextFlags:
    negated: bool = False
    negated_by: str = ""
    past: bool = False
    tense: str = ""
    intent_only: bool = False
    modal: str = ""
    concrete: bool = False
    statistic: bool = False
    commitment: str = ""
    pilot: bool = False
    describes: str = ""


def _dep(token: Token) -> str:
    return token.dep_.lower()


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _is_predicate(token: Token) -> bool:
    if token.pos_ in ("VERB", "AUX") and _dep(token) not in ("aux", "aux:pass", "cop") and _verb_lemma_ok(token):
        return True
    if token.head.i == token.i:
        return True
    return any(_dep(c) in ("cop", "nsubj", "nsubj:pass", "aux", "aux:pass", "expl") for c in token.children)


def _is_finite(token: Token) -> bool:
    if "Fin" in token.morph.get("VerbForm", []):
        return True
    return any(
        _dep(c) in ("aux", "aux:pass", "cop") and ("Fin" in c.morph.get("VerbForm", []) or c.lower_ in FINITE_FORMS)
        for c in token.children
    )


def _predicate_of(token: Token) -> Token:
    t = token
    while not _is_predicate(t) and t.head.i != t.i:
        t = t.head
    return t


def _asks(sent: Span) -> bool:
    """Is the sentence a question (its last word a question mark)?"""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text == "?"


def _defines(head: Token) -> bool:
    """Does the clause whose predicate is `head` say what something is? A noun predicate with a
    copula and an indefinite article ("is een tijdelijke plek": a classification; not "de opgave
    is 150 woonplekken", whose number is the predicate)."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(head.children)
    copula = any(_dep(c) == "cop" and _lemma(c) == "zijn" for c in children)
    indefinite = any(_dep(c) == "det" and c.lower_ == "een" for c in children)
    counted = any(_dep(c) == "nummod" for c in children)
    return copula and indefinite and not counted


def _concerns(head: Token) -> bool:
    """The clause names what something is about: "Het gaat om …", "Het betreft …"."""
    children = list(head.children)
    expletive = any(c.lower_ == "het" and _dep(c) in ("nsubj", "expl") for c in children)
    if not expletive:
        return False
    if _lemma(head) == "betreffen" or head.lower_ in ("betreft", "betreffen"):
        return True
    about = any(_dep(c) == "obl" and any(_dep(m) == "case" and m.lower_ == "om" for m in c.children) for c in children)
    return (_lemma(head) == "gaan" or head.lower_ in ("gaat", "gaan")) and about


def _clause_chain(token: Token) -> list[Token]:
    """The predicates from the term's own clause up to the first finite one (te-infinitives
    and other non-finite clauses belong to the clause that governs them)."""
    chain = [_predicate_of(token)]
    while not _is_finite(chain[-1]) and chain[-1].head.i != chain[-1].i:
        if _dep(chain[-1]) not in ("xcomp", "ccomp", "advcl", "acl", "obj", "obl", "nmod", "csubj", "amod"):
            break
        chain.append(_predicate_of(chain[-1].head))
    last = chain[-1]
    if last.pos_ not in ("VERB", "AUX") and not any(_dep(c) in ("cop", "aux", "aux:pass") for c in last.children):
        # a parse fragment (the term's noun came out as a head): fall back to the sentence root
        root = last
        while root.head.i != root.i:
            root = root.head
        if root.i != last.i:
            chain.append(root)
    return chain


# "niet alleen X (maar ook Y)" affirms X; "niet langer dan drie maanden" is a limit, not a denial
_NOT_ONLY = {"alleen", "enkel", "uitsluitend", "slechts"}
_COMPARATIVE_LIMITS = {"langer", "meer", "later", "eerder", "vaker", "minder", "korter"}
# "niet eenvoudig om een opvangplaats te krijgen", "niet altijd", "niet precies bekend": the
# degree or manner is denied, not the thing (real sentences rf187, rf059; written t029)
_DEGREE = {
    "eenvoudig",
    "gemakkelijk",
    "makkelijk",
    "vanzelfsprekend",
    "altijd",
    "precies",
    "direct",
    "zomaar",
    "duidelijk",
    "helder",
}


def _eerder_is_sooner(token: Token, scope: list[Token]) -> bool:
    """ "eerder" is "previously" before a participle ("die eerder is vastgesteld", "eerder dakloos
    geweest") and "sooner" elsewhere: "we signaleren problemen eerder" (dev-070), "om huurschulden
    eerder in beeld te krijgen" (dev-288), "eerder dan" — prevention's own word, no past."""
    if token.lower_ != "eerder":
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "dan":
        return True
    return not any(_is_participle(t) for t in scope if t.i > token.i)


def _in_year_range(year: Token) -> bool:
    """ "2025-2029", "2025 – 2029", "2024 t/m 2027", "2024 tot en met 2027", "2022/2023": a
    period, as in a plan's title (calendar.YEAR_PAIR, the words plan metadata reads a period by)."""
    doc = year.doc
    # the period's words lie within a few tokens of the year ("2024", "tot", "en", "met", "2027")
    window = doc[max(0, year.i - 4) : min(len(doc), year.i + 5)]
    offset = year.idx - window.start_char
    return any(m.start() <= offset < m.end() for m in _YEAR_PAIR.finditer(window.text))


_TRYING_OUT = (
    "ervaring op",
    "ervaringen op",
    "ervaring mee op",
    "uitproberen",
    "uit te proberen",
    "experimenteren",
    "proberen",
)


def _tries_out(sent: Span) -> bool:
    """Does the sentence try something out ("doen ervaring op", "experimenteren", "uitproberen")?"""
    text = " " + fold(sent.text) + " "
    return any(f" {phrase}" in text for phrase in _TRYING_OUT)


def _names_an_aim(noun: Token, term: Token) -> bool:
    """A goal noun that states the aim: after "als" ("heeft als doel"), before a colon, or the
    subject of "zijn"/"liggen" (the first finite verb after it in its sentence). A term in its
    "van" complement is what has the aim, not the aim: "het doel van beschermd wonen is …",
    "doel van nazorg aan gedetineerden is …"."""
    doc = noun.doc
    if noun.i > 0 and doc[noun.i - 1].lower_ == "als":
        return True
    of = noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ == "van"
    for t in doc[noun.i + 1 : noun.sent.end]:
        if t.lower_ == ":":
            return not (of and noun.i < term.i < t.i)
        if t.lower_ in SUBORDINATORS or t.lower_ == "om":
            return False  # the noun's own clause ends without stating an aim ("met goede bedoelingen … om")
        if _is_verb(t) and _finite_form(t):
            if of and noun.i < term.i < t.i:
                return False
            return _lemma(t) in ("zijn", "liggen") or t.lower_ in ("is", "zijn", "was", "waren", "ligt", "lag")
    return False


def _phrase_inner(term_span: tuple[int, int] | None) -> set[int]:
    """The words of a phrase term after its first: the "wonen" of "beschermd wonen" or
    "zelfstandig wonen" is part of a name, never the clause's finite verb (rf111: "hebben …
    besloten om de uitstroom uit instellingen voor beschermd wonen op te pakken")."""
    if term_span is None:
        return set()
    return set(range(term_span[0] + 1, term_span[1]))


# the words of "er is geen betere … (denkbaar) dan": existence or conceivability
_SUPERLATIVE_IDIOM = frozenset({"is", "zijn", "was", "waren", "bestaat", "bestaan", "denkbaar", "voorstelbaar"})


def _denies_nothing(neg: Token, term: Token | None = None) -> bool:
    """A "niet" that is no negation in Dutch policy text: an alternative ("al dan niet met
    begeleiding", "wel of niet een woning"), "niet alleen … maar ook", and a limit ("niet langer
    dan drie maanden in de opvang", "niet meer dan 30 plekken"). Found on the labelled real
    passages (t2-090: "al dan niet in combinatie met verslavingsproblemen éérst een huis
    krijgen" read as no home), not in the written context sentences."""
    doc = neg.doc

    def word(offset: int) -> str:
        i = neg.i + offset
        return doc[i].lower_ if 0 <= i < len(doc) else ""

    low = neg.lower_
    # a denied clarity or ease is no denial of the thing: "het is onvoldoende duidelijk wat … het
    # nazorgbeleid …" (real rf432), as "niet eenvoudig"
    if low in ("niet", "onvoldoende") and word(1) in _DEGREE:
        return True
    # "met (of zonder) begeleiding", "met of zonder woning": either way (real rf391)
    if low == "zonder" and word(-1) == "of" and "met" in (word(-2), word(-3)):
        return True
    # "Er is geen diepere vorm van bestaansonzekerheid denkbaar dan dakloosheid": the idiom of a
    # superlative, with "er is" or "denkbaar" (real rf454); "Er komen geen grotere locaties dan nu"
    # still denies the larger ones
    if low == "geen" and neg.i + 1 < len(doc) and "Cmp" in doc[neg.i + 1].morph.get("Degree", []):
        rest = doc[neg.i + 2 : neg.sent.end]
        idiom = any(t.lower_ in _SUPERLATIVE_IDIOM for t in neg.sent)
        if idiom and any(t.lower_ == "dan" for t in rest):
            return True
    if low != "niet":
        return False
    # the prefix of an adjective: "niet-zelfstandige wooneenheden", "niet-reguliere opvang" name
    # a kind of unit and deny only that adjective (real rf439; rf396 for the adjective itself)
    if not neg.whitespace_ and word(1) in HYPHENS:
        return term is None or term.i != neg.i + 2
    if (word(-1), word(-2)) in (("dan", "al"), ("of", "wel")):
        return True
    if word(-1) == "of" and (not word(1) or not word(1).isalpha()):  # "… of niet."
        return True
    if word(1) in _NOT_ONLY or word(1) in _DEGREE:
        return True
    return word(1) in _COMPARATIVE_LIMITS and word(2) == "dan"


def _contrast(token: Token) -> bool:
    """A conjunct introduced by "maar" or carrying "wel": outside a negation's scope."""
    if any(c.lower_ in ("wel", "doch", "echter") or (c.lower_ == "maar" and _dep(c) == "cc") for c in token.children):
        return True
    doc = token.doc
    left = token.left_edge.i
    before = {doc[i].lower_ for i in range(max(left - 2, 0), left)}
    return "maar" in before or "doch" in before


def _path_covered(term: Token, target: Token, clause_level: bool) -> bool:
    """Does the negation on `target` reach `term`? Walk up from the term to the target; a
    finite clause of its own on the way (a relative or subordinate clause, a coordinated
    clause) or a contrasted conjunct ends the scope."""
    t = term
    steps = 0
    while t.i != target.i:
        if t.head.i == t.i or steps > 60:
            return False
        dep = _dep(t)
        if _contrast(t):
            return False
        if dep in ("conj", "parataxis", "appos", "list") and (
            (_is_predicate(t) and dep != "conj") or (_is_predicate(t) and _is_finite(t))
        ):
            return False
        if dep in ("acl:relcl", "ccomp", "advcl", "acl", "csubj") and _is_finite(t) and t.i != target.i:
            return False
        t = t.head
        steps += 1
    return True


def _negator_target(neg: Token) -> tuple[Token, bool]:
    """The token a negator negates, and whether it negates a whole clause."""
    lemma = _lemma(neg)
    low = neg.lower_
    if low == "geen" or lemma == "geen":
        noun = neg.head
        if _is_predicate(noun):
            return noun, True
        if _dep(noun) in ("nsubj", "nsubj:pass") or noun.lower_ == "sprake":
            return noun.head, True
        return noun, False
    if low == "zonder":
        return neg.head, False
    # "niet meer", "niet langer", "niet genoeg": the modifier passes the negation to its head
    target = neg.head
    while target.pos_ in ("ADV", "ADJ", "DET") and not _is_predicate(target) and target.head.i != target.i:
        if _dep(target) not in ("advmod", "amod", "det", "fixed", "compound:prt"):
            break
        target = target.head
    if low in ("niemand", "noch") or _dep(neg) in ("nsubj", "nsubj:pass"):
        return _predicate_of(target) if not _is_predicate(target) else target, True
    if low == "onvoldoende" and not _is_predicate(target):
        return target, False
    if _is_predicate(target):
        return target, True
    if _dep(target) in ("nsubj", "nsubj:pass"):
        return target.head, True
    return target, False


class ContextAnalyser:
    """Reads the flags of one term in one parsed sentence (see the module docstring)."""

    def __init__(
        self,
        pilot_words: list[str],
        reference_year: int = 2025,
        extra_concrete: list[re.Pattern] | None = None,
        negation_words: list[str] | None = None,
        description: tuple[list[str], list[str], list[str]] | None = None,
    ):
        self.pilot_words = {fold(w) for w in pilot_words}
        # (copulas, commitment words, action verbs) of the description judgement; empty = off
        copulas, commitment, actions = description or ([], [], [])
        self.copulas: dict[str, str] = {}
        for phrase in copulas:
            first, _, second = fold(phrase).partition(" ")
            self.copulas[first] = second
        self.commitment_words = {fold(w) for w in commitment}
        self.action_verbs = {fold(w) for w in actions}
        # the rubric's own negators: single words join the grammatical ones, phrases ("in geen
        # geval", "niet aan de orde") negate the clause they stand in
        words = [fold(w) for w in (negation_words or [])]
        self.extra_negators = {w for w in words if " " not in w} - {"geen", "zonder"}
        self.negation_phrases = [w for w in words if " " in w]
        self.reference_year = reference_year
        self.extra_concrete = extra_concrete or []

    # -- negation ------------------------------------------------------------------------
    def negation(self, sent: Span, term: Token, term_span: tuple[int, int] | None = None) -> str:
        # the part between commas: a negator in the rest of an enumeration's clause is the
        # parse's business ("geen woonplekken, units of kamers"), not the word window's
        clause = self._clause_words(sent, term, commas=True)
        lo, hi = term_span or (term.i, term.i + 1)
        # the term's own words never negate it ("niet haalbaar", "stopgezet", "beëindiging")
        in_clause = {t.i for t in clause if not lo <= t.i < hi}
        # "geen jongere … zonder woonplek", "niet zonder reden": a guarantee, nothing negated
        if any(t.lower_ == "zonder" for t in clause) and any(
            t.lower_ in ("geen", "niemand", "nooit", "niet") and t.i in in_clause for t in clause
        ):
            return ""
        if self.negation_phrases and not _contrast(term):
            text = " " + fold(" ".join(t.text for t in clause if t.i in in_clause)) + " "
            for phrase in self.negation_phrases:
                if f" {phrase} " in text:
                    return phrase
        found = self._parsed_negation(sent, term, in_clause)
        if found or found is None:
            return found or ""
        return self._clause_negation(term, [t for t in clause if t.i in in_clause])

    def _clause_negation(self, term: Token, clause: list[Token]) -> str:
        """When the parse finds no negator over the term: an adverbial negator in the term's
        clause whose head is a verb or one of the term's governors negates the clause
        ("Het aantal opvangplekken breiden wij niet meer uit"); "niet de X maar …" negates only X;
        "geen" on the predicate after a copula ("… is voor ons geen optie") negates the clause."""
        if not clause:
            return ""
        doc = term.doc
        ancestors = {a.i for a in term.ancestors} | {term.i}
        sent = term.sent
        contrast_at = next((t.i for t in sent if t.lower_ in ("maar", "doch") and t.i > clause[0].i), None)
        for neg in clause:
            low = neg.lower_
            if _denies_nothing(neg, term):
                continue
            if low in ADVERBIAL_NEGATORS and low != "onvoldoende":
                nxt = doc[neg.i + 1] if neg.i + 1 < len(doc) else None
                if contrast_at is not None and nxt is not None and nxt.pos_ in ("DET", "NOUN", "PROPN", "ADJ"):
                    # "niet de opvang maar de woonplekken": only the words up to "maar"
                    if neg.i < term.i < contrast_at:
                        return _describe_negator(neg)
                    continue
                if contrast_at is not None and neg.i < contrast_at < term.i:
                    continue
                if _contrast(term) or any(_contrast(a) for a in term.ancestors if a.i in {t.i for t in clause}):
                    continue
                head = neg.head
                if head.pos_ in ("VERB", "AUX") or head.i in ancestors or head.lower_ in ("meer", "langer", "genoeg"):
                    return _describe_negator(neg)
                if _dep(head) in ("obj", "obl") and head.head.i in ancestors and low in ("nauwelijks", "nooit", "niet"):
                    return _describe_negator(neg)  # "… heeft nauwelijks aandacht gekregen"
            if low == "geen" and neg.i < term.i:
                # the term inside the noun phrase that "geen" opens: "geen afspraken over het
                # aantal woonplekken", "geen noodzaak voor extra opvangcapaciteit"
                between = doc[neg.i + 1 : term.i]
                if all(t.pos_ in NP_POS or _is_participle(t) for t in between) and not any(
                    t.lower_ in ("maar", "wel", "en", "of") for t in between
                ):
                    return "geen"
            if low == "geen" and neg.i > 0:
                before = {t.lower_ for t in clause if t.i < neg.i}
                if before & {"is", "zijn", "was", "waren", "blijft", "blijven", "wordt", "vormt"} and neg.i > term.i:
                    return "geen"
        return ""

    def _parsed_negation(self, sent: Span, term: Token, in_clause: set[int]) -> str | None:
        """The negator of the parse whose scope covers the term ("" none; None: a guarantee)."""
        chain = _clause_chain(term)
        negators = [
            t
            for t in sent
            if t.lower_ in ADVERBIAL_NEGATORS
            or t.lower_ in self.extra_negators
            or t.lower_ in ("geen", "zonder")
            or _lemma(t) in NEGATING_VERBS
            or t.lower_ in NEGATING_FORMS
        ]
        negators = [t for t in negators if t.i in in_clause and not _denies_nothing(t, term)]
        clause_negators = []
        for neg in negators:
            negating_verb = _lemma(neg) in NEGATING_VERBS or neg.lower_ in NEGATING_FORMS
            if negating_verb and _nominal(neg):
                # "het ontbreken van voldoende huisvesting belemmert de doorstroming in de
                # opvang": the noun negates what it governs, not its clause (rf196)
                target, clause = neg, False
            elif negating_verb and neg.lower_ not in ("geen", "zonder"):
                target, clause = _clause_chain(neg)[-1], True
            else:
                target, clause = _negator_target(neg)
            clause_negators.append((neg, target, clause))
        found = ""
        for neg, target, clause in clause_negators:
            if neg.lower_ == "zonder":
                continue
            if neg.lower_ == "geen" and _support_complement(neg, term):
                found = "geen"
                break
            if term.i == target.i or term in target.subtree:
                covered = _path_covered(term, target, clause)
                if clause and target not in chain and not covered:
                    continue
                if covered:
                    found = _describe_negator(neg)
                    break
            elif clause and target in chain and _path_covered(term, target, True):
                found = _describe_negator(neg)
                break
        # "zonder X": X negated, unless its clause is negated too (a guarantee)
        for neg, target, _clause in clause_negators:
            if neg.lower_ != "zonder":
                continue
            if term in target.subtree and _path_covered(term, target, False):
                scope = self.scope(sent, term)
                others = [t for t in scope if t.i != neg.i and (t.lower_ in ADVERBIAL_NEGATORS or t.lower_ == "geen")]
                if found or others:
                    return None  # geen … zonder: a guarantee
                return "zonder"
        return found

    # -- tense -----------------------------------------------------------------------------
    def tense(
        self, sent: Span, term: Token, scope: list[Token], term_span: tuple[int, int] | None = None
    ) -> tuple[bool, str]:
        """Past or not, and why, from the finite verb, auxiliaries and participles of the term's
        clause (read from the clause's words, so a wrong attachment inside it does no harm)."""
        verbs = [t for t in scope if _is_verb(t)]
        inner = _phrase_inner(term_span)
        finites = [v for v in verbs if _finite_form(v) and v.i not in inner]
        # an auxiliary is the finite verb when there is one ("zouden … uitbreiden")
        finite = next((v for v in finites if v.pos_ == "AUX" or _lemma(v) in FINITE_LEMMAS), None) or (
            finites[0] if finites else None
        )
        years = [int(t.text) for t in scope if _YEAR.match(t.text)]
        future_year = any(y >= self.reference_year for y in years)
        past_year = bool(years) and all(y < self.reference_year for y in years)
        past_marker = any(
            (_lemma(t) in PAST_MARKERS or t.lower_ in PAST_MARKERS) and not _eerder_is_sooner(t, scope) for t in scope
        )
        lemmas = {_lemma(v) for v in verbs} | {v.lower_ for v in verbs}
        # "zijn" read as a possessive ("zijn ervaringsdeskundigen geraadpleegd"): with a
        # participle later in the clause it is the auxiliary
        if finite is None and any(_is_participle(t) for t in scope):
            finite = next((t for t in scope if t.lower_ in ("zijn", "is")), None)
        if finite is None:
            finite = _plural_present(verbs, inner) or _next_to_pronoun(scope, inner)
        if finite is None and (past_plural := _past_plural(scope, inner)) is not None:
            return True, f"verleden tijd ({past_plural.text})"
        if finite is None:
            # "herkend": most such clauses have one the tagger missed (a plural present read as
            # an infinitive or a noun, docs/nlp-model.md), so the reader is not told there is none
            if past_marker or (past_year and not future_year):
                return True, "geen persoonsvorm herkend; eerder jaartal"
            return False, "geen persoonsvorm herkend"
        if _is_past_form(finite):
            if _lemma(finite) == "zullen" or finite.lower_ in ("zou", "zouden"):
                return False, f"voorwaardelijk ({finite.text})"
            return True, f"verleden tijd ({finite.text})"
        participles = [v for v in verbs if _is_participle(v) and v.i != finite.i]
        participle = participles[-1] if participles else None
        perfect_aux = finite if _lemma(finite) in ("hebben", "zijn") or finite.lower_ in PERFECT_FORMS else None
        # a passive's "worden"/"wordt", not the participle "geworden" of a perfect ("is een
        # voorziening geworden", real rf521)
        passive = any(
            (_lemma(v) == "worden" or v.lower_ in ("worden", "wordt")) and not _is_participle(v) for v in verbs
        )
        if participle is not None and perfect_aux is not None and not passive:
            if {"zullen", "zal"} & lemmas:
                return False, f"voltooid toekomend ({finite.text} … {participle.text})"
            if future_year or any(_lemma(t) in FUTURE_MARKERS for t in scope):
                return False, f"voltooid toekomend ({perfect_aux.text} … {participle.text}, met toekomstig jaartal)"
            been = any(t.lower_ in ("geweest", "gehad", "gebleken") for t in scope)
            if (
                perfect_aux.lower_ in ("is", "zijn", "ben", "bent")
                and not been
                and not past_marker
                and not past_year
                and _lemma(participle) not in MUTATIVE
            ):
                # the state's complement follows the participle: "is opgebouwd uit", "is aangesloten bij"
                # up to a purpose clause: "zijn bevraagd om te komen tot een visie" is an event
                following = [t for t in scope if t.i > participle.i]
                purpose = next((t.i for t in following if t.lower_ in ("om", "teneinde")), None)
                # not a multiword adverbial the parse marks fixed: "op basis van", "in het
                # kader van" (real rf254: "zijn … scenario's besproken op basis van de cijfers")
                after = {
                    t.lower_
                    for t in following
                    if (purpose is None or t.i < purpose) and not any(_dep(c) == "fixed" for c in t.children)
                }
                if after & STATE_PREPOSITIONS or participle.lower_ in STATE_PARTICIPLES:
                    return False, f"toestand ({perfect_aux.text} {participle.text})"
            opener = _clause_opener(scope)
            if opener in CONDITIONALS and not past_marker and not past_year:
                # "zodra er een huurachterstand is ontstaan, neemt de corporatie contact op": a
                # perfect in a condition is the rule's moment, not a report (real rf085)
                return False, f"voorwaarde ({opener} … {perfect_aux.text} … {participle.text})"
            return True, f"voltooid ({perfect_aux.text} … {participle.text})"
        if {"zullen", "zal"} & lemmas:
            return False, f"toekomend ({finite.text})"
        return False, f"tegenwoordig ({finite.text})"

    # -- intent ----------------------------------------------------------------------------
    def intent(self, sent: Span, term: Token, scope: list[Token] | None = None) -> tuple[str, str]:
        """('explore' | 'want' | 'commit' | '', the words). 'commit': the clause hangs under a
        verb of agreeing ("is vastgelegd dat", "afgesproken")."""
        if scope:
            first = scope[0]
            before = first.doc[first.i - 1] if first.i > 0 else None
            if (
                first.lower_ in MODAL_ADVERBS
                and first.lower_ != "wenselijk"
                and (before is None or before.lower_ not in NOT_MODAL_BEFORE)
            ):
                return "explore", first.text
        t = term
        seen = 0
        want = ""
        while seen < 60:
            candidates = [t, *[c for c in t.children if _dep(c) in ("aux", "advmod", "aux:pass", "cop", "nsubj")]]
            for c in candidates:
                lemma = _lemma(c)
                verbal = c.pos_ in ("VERB", "AUX") or _dep(c) == "root" or c.head.i == c.i
                if verbal and c.i != term.i and (lemma in COMMIT_VERBS or c.lower_ in COMMIT_VERBS) and not want:
                    want = "!" + c.text
                # "overwegende dat …" is a motion's recital (considering that), not exploring
                recital = c.lower_.endswith("ende")
                if verbal and not recital and (lemma in EXPLORE or _stem_in(c, EXPLORE_STEMS)):
                    particle = next((p.lower_ for p in c.children if _dep(p) in ("compound:prt", "compound")), "")
                    return "explore", f"{c.text} {particle}".strip()
                if lemma == "zullen" and ("Past" in c.morph.get("Tense", []) or c.lower_ in ("zou", "zouden")):
                    return "explore", c.text
                if c.lower_ in MODAL_ADVERBS and c.i != t.i and _dep(c) == "advmod":
                    prev = sent.doc[c.i - 1] if c.i > sent.start else None
                    if prev is None or (prev.lower_ not in NOT_MODAL_BEFORE and prev.pos_ not in ("ADJ", "ADV")):
                        return "explore", c.text
                if not want and (
                    (verbal and (lemma in WANT_VERBS or _stem_in(c, WANT_STEMS)))
                    or (lemma in WANT_NOUNS or c.lower_ in WANT_NOUNS)
                    or ((lemma in GOAL_NOUNS or c.lower_ in GOAL_NOUNS) and _names_an_aim(c, term))
                    or (lemma in ("inzetten", "zetten") and _followed_by(c, ("in", "op")))
                    # valuing is wishing: "waarbij zij het belangrijk vinden om … te horen" (rf375)
                    or (verbal and lemma == "vinden" and _values(c))
                    # the present passive: "Nadrukkelijk wordt ingezet op het voorkomen …" (real
                    # rf371); "is ingezet op" reports what was done (rf055)
                    or (c.lower_ == "ingezet" and _followed_by(c, ("op",)) and _present_passive(c))
                ):
                    want = c.text if lemma != "inzetten" else "inzetten op"
            if t.head.i == t.i:
                break
            t = t.head
            seen += 1
        if not want:
            # the small parser often hangs "ons doel is om …" elsewhere: a goal noun that states
            # the aim earlier in the sentence, with no ";" between, governs the term
            for c in sent:
                if c.i >= term.i:
                    break
                if c.lower_ == ";":
                    want = ""  # a new clause: the aim before it does not reach the term
                elif (_lemma(c) in GOAL_NOUNS or c.lower_ in GOAL_NOUNS) and _names_an_aim(c, term):
                    want = c.text
        if not want:
            want = _want_by_word_order(sent, term, scope)
        if want.startswith("!"):
            return "commit", want[1:]
        return ("want", want) if want else ("", "")

    # -- quantities, dates, teams ------------------------------------------------------------
    def scope(self, sent: Span, term: Token, term_span: tuple[int, int] | None = None) -> list[Token]:
        """The words of the term's clause: from the clause boundary before the term to the one
        after it (punctuation that separates clauses, a subordinating conjunction or relative
        pronoun, a coordinator before a new finite verb). Read from the tagged words rather than
        from the tree: a small parser's attachment errors inside a clause do less harm here."""
        words = self._clause_words(sent, term, commas=True)
        inner = _phrase_inner(term_span)

        def has_verb(part: list[Token]) -> bool:
            return any(_is_verb(t) and _finite_form(t) and t.i not in inner for t in part)

        def could_be_finite(t: Token) -> bool:
            before = t.doc[t.i - 1].lower_ if t.i > 0 else ""
            own = t.i == term.i or t.i in inner  # the term itself ("Woonplekken" tagged a verb)
            return _is_verb(t) and not own and not _is_participle(t) and before != "te"

        opener = sent.doc[words[0].i - 1].lower_ if words and words[0].i > sent.start else ""
        if opener in SUBORDINATORS:
            # a subordinate clause has its own verb, even where the tagger missed it; only an
            # enumeration runs on to the verb at the clause's end ("waarbij voor de uitstroom uit
            # de opvang, het beschermd wonen en de jeugdzorg 50 woningen beschikbaar komen")
            if any(could_be_finite(t) for t in words):
                return words
            return self._enumeration_to_verb(sent, term, words, could_be_finite) or words
        if any(could_be_finite(t) for t in words):
            # only a part whose verbs all need another (a participle, a te-infinitive) or that
            # has none widens: a tagger that misses a finite verb here ("wij realiseren …
            # woonplekken") must not borrow one from a neighbour
            return words
        enumeration = self._enumeration_to_verb(sent, term, words, could_be_finite)
        if enumeration:
            return enumeration  # "De woonplekken, de kamers en de units zijn in 2023 gerealiseerd"
        # a term inside an enumeration ("organisaties, cliëntenraden, de adviesraad en de
        # gemeenteraad zijn bevraagd") or named before a colon ("Winternoodregeling: in de
        # Kadernota is € 600.000 vrijgemaakt"): its part has no verb; the clause reaches to the
        # nearest part with one, after it if there is one, else before it
        outer = self._clause_words(sent, term, commas=False, colons=True)
        parts, here = _split_parts(outer, term, (",", ":"))
        if here is None:
            return words
        after = [k for k in range(here + 1, len(parts)) if has_verb(parts[k])]
        before = [k for k in range(here) if has_verb(parts[k])]
        other = after[0] if after else before[-1] if before else None
        if other is None:
            # a row of an action table, verbless: its cells are one statement ("A4 Woonplek bij
            # ontslag uit detentie, 25 contingentwoningen per jaar | … | 2025")
            return outer if any(t.text == CELL_SEPARATOR.strip() for t in outer) else words
        low, high = min(here, other), max(here, other)
        first, last = parts[low][0].i, parts[high][-1].i
        return [t for t in outer if first <= t.i <= last]

    @staticmethod
    def _enumeration_to_verb(sent: Span, term: Token, words: list[Token], verb: Callable[[Token], bool]) -> list[Token]:
        """The words from the term's part of a clause to the clause's verb, where the parts
        between are the items of an enumeration: commas, then "en" or "of" before the last item,
        then the verb ("omdat de nachtopvang, de dagopvang en de crisisopvang in 2026 worden
        afgebouwd", "De woonplekken, de kamers en de units zijn … gerealiseerd"). Empty when they
        are not: a part with a verb before the coordinator is another clause ("Omdat de opvang
        vol zit, bouwen wij …"), and so is a term's part with a verb of its own."""
        doc = sent.doc
        start = words[0].i  # the term's clause, read to its first comma
        # to the clause's end: a subordinator or other punctuation ends it, a comma and the
        # "en" before the last item do not
        end = next(
            (i for i in range(term.i + 1, sent.end) if _boundary(doc[i], after_term=False, commas=False)), sent.end
        )
        outer = list(doc[start:end])
        parts, here = _split_parts(outer, term, (",",))
        if here is None:
            return []

        def clause_verbs(part: list[Token]) -> list[Token]:
            return [t for t in part if verb(t) and not _in_service_name(t) and not _nominal(t)]

        if clause_verbs(parts[here]) or any(t.lower_ in ("en", "of") for t in parts[here]):
            # the term's part has a verb of its own ("De Ervaringsraad en Stichting Dakraad
            # verzorgen …, bij wijkteams en …") or is the list's last item: no list runs on from it
            return []
        for k in range(here + 1, len(parts)):
            coordinator = next((t for t in parts[k] if t.lower_ in ("en", "of")), None)
            verbs = clause_verbs(parts[k])
            if coordinator is None:
                if verbs or not parts[k]:
                    return []  # a clause of its own, or an empty part: no enumeration
                continue  # a middle item
            if verbs and all(v.i > coordinator.i for v in verbs):
                return [t for t in outer if parts[here][0].i <= t.i <= parts[k][-1].i]
            return []
        return []

    @staticmethod
    def _clause_words(sent: Span, term: Token, commas: bool, colons: bool = False) -> list[Token]:
        doc = sent.doc
        start, end = sent.start, sent.end
        # an aside in brackets the term is not in is skipped, not read as the clause's end ("De
        # nachtopvang (waar nu veertig mensen slapen) wordt in 2027 gesloten")
        aside = _bracketed(sent, term)
        for i in range(term.i - 1, sent.start - 1, -1):
            if i in aside:
                continue
            if _boundary(doc[i], after_term=False, commas=commas, colons=colons):
                start = i + 1
                break
        for i in range(term.i + 1, sent.end):
            if i in aside:
                continue
            if _boundary(doc[i], after_term=True, commas=commas, colons=colons):
                if _joins_subjects(doc, start, i, term):
                    continue  # "De nachtopvang en de dagopvang worden …": one clause
                relative = _relative_aside(doc, start, i, sent.end)
                if relative:
                    aside = aside | relative  # "De pilot …, die in 2020 is gestart, wordt voortgezet"
                    continue
                end = i
                break
        return [doc[i] for i in range(start, end) if i not in aside]

    def quantities(self, scope: list[Token]) -> tuple[list[str], list[str], list[str]]:
        """(quantities, dates from the plan's year on, named teams) in the clause."""
        quantities, dates, teams = [], [], []
        for t in scope:
            low = t.lower_
            doc = t.doc
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            prev = doc[t.i - 1] if t.i > 0 else None
            if _YEAR.match(t.text):
                before_naar = (
                    prev is not None and prev.lower_ == "van" and nxt is not None and nxt.lower_ in ("naar", "tot")
                )
                if _in_year_range(t):
                    continue  # a plan's period ("Preventieplan 2025-2029", rf012) is no deadline
                if any(w.lower_ == "sinds" for w in doc[max(t.i - 4, t.sent.start) : t.i]):
                    continue  # "sinds het voorjaar van 2023": when a state began, no deadline
                if (
                    int(t.text) >= self.reference_year
                    and not before_naar
                    and (prev is None or prev.lower_ != "opzichte")
                ):
                    dates.append(t.text)
                continue
            if low in MONTHS and nxt is not None and _YEAR.match(nxt.text):
                continue
            if low in ORDINALS and not (
                (prev is not None and (prev.like_num or prev.lower_ in ("een", "één")))
                or (nxt is not None and nxt.lower_ in ("dag", "week", "maand", "jaar", "jaren", "weken", "maanden"))
            ):
                continue  # a period ("het eerste jaar", "de eerste drie maanden") is a service norm
            if not t.text[:1].isdigit() and t.is_title and prev is not None and prev.is_alpha:
                # a number word in a name: "de Tweede Kamer", "het Jongerenpanel 'de Derde Kamer'"
                # (not at the start of a list item: "• Vijftig woonplekken in 2026")
                continue
            if _SECTION_NUMBER.match(t.text) and nxt is not None and nxt.text[:1].isupper():
                continue  # "4.2 Doel 2: Voorkomen …": a section's number (real rf324)
            if _PERCENT.match(t.text):
                quantities.append(t.text)  # "26%" as one token: a share is a number too
                continue
            if _RANGE.match(t.text):
                quantities.append(t.text)
                continue
            if _DIGITS.match(t.text) or low in NUMBER_WORDS or (t.like_num and low not in ("een", "één")):
                if nxt is not None and (nxt.lower_ in MONTHS or nxt.lower_ in STRUCTURE_NOUNS):
                    continue
                if prev is not None and prev.lower_ in LABEL_NOUNS:
                    continue  # "Doel 1:", "Actielijn 2", "fase 3": a label's number, not a quantity
                if t.head.lower_ in STRUCTURE_NOUNS or _lemma(t.head) in STRUCTURE_NOUNS:
                    continue
                if prev is not None and prev.lower_ == "om" and nxt is not None and nxt.lower_ == "uur":
                    continue
                quantities.append(t.text)
            elif low in FRACTIONS or low == "€" or _lemma(t) in FRACTIONS:
                quantities.append(t.text)
            elif low == "team" and prev is not None and prev.text == "-":
                teams.append(doc[max(t.i - 3, 0) : t.i + 1].text)
            elif low.endswith("-team") or low == "fte":
                teams.append(t.text)
        return quantities, dates, teams

    # -- the whole analysis --------------------------------------------------------------------
    def analyse(
        self, sent: Span, term: Token, term_span: tuple[int, int] | None = None, *, negatable: bool = True
    ) -> ContextFlags:
        # a term whose negation is its meaning (`negatable: false`, the nood goal "niemand slaapt op
        # straat"): the "niemand" is the goal, so the goal's date, number or want still count ("In
        # 2030 hoeft niemand meer op straat te slapen" is concrete; real rf268)
        negated_by = self.negation(sent, term, term_span) if negatable else ""
        scope = self.scope(sent, term, term_span)
        past, tense = self.tense(sent, term, scope, term_span)
        kind, modal = self.intent(sent, term, scope)
        quantities, dates, teams = self.quantities(scope)
        scope_text = " ".join(t.text for t in scope)
        folded_scope = fold(scope_text)
        pattern_hit = any(p.search(folded_scope) for p in self.extra_concrete)
        pilot = self._pilot(sent)
        concrete = statistic = False
        commitment = ""
        what = ", ".join([*quantities[:3], *dates[:2], *teams[:1]])
        if negated_by or kind == "explore":
            pass
        elif past:
            if quantities:
                statistic, commitment = True, f"getal in verleden: {what}"
            elif not kind and (described := self._defined_numbers(term, scope)):
                # "De opvang is een voorziening geworden waar men … in slaapzalen van 8 of meer
                # personen verblijft" (real rf521): a definition's number, in the past
                statistic, commitment = True, f"getal in verleden: {', '.join(described[:3])}"
        elif dates or quantities or teams or pattern_hit:
            concrete, statistic = self._present_numbers(
                term, scope, tense, kind, quantities, dates, pattern_hit, term_span
            )
            if concrete and _asks(sent):
                # a question commits nobody: "Klopt het dat nog niet eens de helft van de beoogde
                # 10.000 woonplekken … behaald worden …?" (a council's question, real rf459)
                concrete, statistic = False, bool(quantities)
            if concrete:
                commitment = f"toezegging: {what or 'norm'}"
            elif statistic:
                commitment = f"beschrijvend getal: {what}"
        elif not kind and (described := self._defined_numbers(term, scope)):
            statistic, commitment = True, f"beschrijvend getal: {', '.join(described[:3])}"
        intent_only = kind == "explore" or (kind == "want" and not concrete)
        describes = ""
        if not (concrete or intent_only or modal or negated_by):
            describes = self.describes(sent, term, term_span)
        return ContextFlags(
            negated=bool(negated_by),
            negated_by=negated_by,
            past=past,
            tense=tense,
            intent_only=intent_only and not negated_by,
            modal=modal,
            concrete=concrete,
            statistic=statistic,
            commitment=commitment,
            pilot=pilot,
            describes=describes,
        )

    # -- description -----------------------------------------------------------------------------
    def describes(self, sent: Span, term: Token, term_span: tuple[int, int] | None = None) -> str:
        """Why the sentence only describes ('' = it may commit to something): a copular or
        classifying main clause, or a glossary line, with no word of commitment or action in it.
        Read from the tagged words in their order, not from the tree: the small parser often
        takes a service's name ("Beschermd wonen") for the sentence's verb."""
        if not self.copulas:
            return ""
        lo, hi = term_span or (term.i, term.i + 1)
        words = [t for t in sent if not lo <= t.i < hi]
        for t in words:
            if fold(t.text) in self.commitment_words or fold(_lemma(t)) in self.commitment_words:
                return ""  # the plan's voice, a modal, a goal: a stance
            if t.pos_ == "VERB" and fold(_lemma(t)) in self.action_verbs and not _nominal(t):
                return ""  # a verb of acting: a measure
        return self._copular(sent, words) or self._glossary(sent)

    def _copular(self, sent: Span, words: list[Token]) -> str:
        first = next((t for t in words if fold(t.text) in self.copulas or t.pos_ in ("VERB", "AUX")), None)
        if first is None or fold(first.text) not in self.copulas:
            return ""
        doc = sent.doc
        second = self.copulas[fold(first.text)]
        if second and (first.i + 1 >= sent.end or fold(doc[first.i + 1].text) != second):
            return ""  # "heeft" alone is having, "heeft als" classifies
        inside = {t.i for t in words}
        for t in doc[first.i + 1 : sent.end]:
            if t.lower_ == ";" or t.lower_ in SUBORDINATORS or t.lower_ == "om":
                break  # a relative or subordinate clause may have its own verbs
            # a participle the tagger took for a noun counts too, weak ("is … teruggebracht van 80
            # naar 52") or strong ("is … toegenomen"); _is_participle tells a plural noun of the
            # same shape ("gemeenten") by its lemma
            participle = _is_participle(t)
            if t.i in inside and (t.pos_ in ("VERB", "AUX") or participle) and not _nominal(t):
                return ""  # "is bestemd voor", "is … gepresenteerd": a passive or perfect, not a copula
        return f"beschrijving ({first.text}{' ' + second if second else ''})"

    def _glossary(self, sent: Span) -> str:
        """A line of a glossary or a list of services: a short name (at most three words), a
        colon, and what it is, with no finite verb: "Gezinsopvang: opvang voor gezinnen zonder
        onderdak". A longer opening is a heading or a sentence, not a name being defined."""
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None or colon.i - sent.start > 3:
            return ""
        if any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in sent):
            return ""
        return "begripsomschrijving (term: omschrijving)"

    def _defined_numbers(self, term: Token, scope: list[Token]) -> list[str]:
        """The numbers of a definition: a clause that says what something is ("De crisisopvang is
        een tijdelijke plek waar mensen binnen 6 weken worden begeleid …", real rf248) describes
        the thing with the numbers of the relative clause on its predicate, which the term's own
        clause leaves out. None where the plan's voice or a goal stands in the sentence."""
        head = _clause_chain(term)[-1]
        if not _defines(head):
            return []
        if any(fold(t.text) in self.commitment_words or fold(_lemma(t)) in self.commitment_words for t in term.sent):
            return []
        inside = {t.i for t in scope}
        relatives = [c for c in head.children if _dep(c).startswith("acl") and c.i not in inside]
        words = [t for r in relatives for t in r.subtree if t.i not in inside]
        quantities, dates, _ = self.quantities(words)
        return [] if dates else quantities

    def _present_numbers(
        self,
        term: Token,
        scope: list[Token],
        tense: str,
        kind: str,
        quantities: list[str],
        dates: list[str],
        pattern_hit: bool,
        term_span: tuple[int, int] | None = None,
    ) -> tuple[bool, bool]:
        """(concrete, statistic) of a clause not in the past with a number, date, team or
        service norm: a commitment of the plan, or a number that describes how things are."""
        concrete = statistic = False
        head = _clause_chain(term)[-1]
        lemmas = {_lemma(t) for t in scope}
        scope_text = " ".join(t.text for t in scope)
        descriptive = bool(lemmas & DESCRIPTIVE_MARKERS) or any(p in fold(scope_text) for p in DESCRIPTIVE_PHRASES)
        # an example describes: "Denk aan jongeren die 14 maanden in de noodopvang moeten
        # doorbrengen" (rf192), "Bijvoorbeeld: …"
        opening = fold(" ".join(t.text for t in term.sent[:3]))
        descriptive = descriptive or opening.startswith(("denk aan", "denk hierbij aan", "bijvoorbeeld"))
        subjects = [t for t in scope if _dep(t) in ("nsubj", "nsubj:pass")] or [
            t for t in scope if t.lower_ in ("wij", "we")
        ]
        actor = any(
            _lemma(subj) in ACTORS or subj.lower_ in ACTORS or subj.lower_.endswith("team") for subj in subjects
        )
        scope_verbs = [t for t in scope if t.pos_ in ("VERB", "AUX")]
        verbs = {_lemma(head)} | {_lemma(v) for v in scope_verbs}
        # the clause's verbs as infinitives; none (a verbless clause) counts as describing
        # not the words of a service's name: "… en beschermd wonen (12%)" has no verb (real rf293)
        name = set(range(term_span[0], term_span[1])) if term_span and term_span[1] - term_span[0] > 1 else set()
        main_verbs = {_infinitive(v) for v in scope if _is_verb(v) and v.i not in name} or {"zijn"}
        passive = any(v.lower_ in ("wordt", "worden") for v in scope_verbs) and any(
            "Part" in v.morph.get("VerbForm", []) for v in scope_verbs
        )
        future = (
            bool(dates)
            or "zullen" in verbs
            or bool(lemmas & FUTURE_MARKERS)
            or any(t.lower_ in FUTURE_MARKERS or t.lower_ == "komende" for t in scope)
        )
        # "Het gaat om een opvang voor maximaal 12 personen", "Het betreft …": says what something
        # is, as a copula does (real rf235)
        descriptive = descriptive or tense.startswith("toestand") or _concerns(head)
        money = any(t.lower_ in ("€", "euro", "miljoen", "mln") for t in scope)
        change = _van_naar(scope)
        norm = bool(lemmas & NORM_WORDS) or any(t.lower_ in NORM_WORDS for t in scope)
        strong_descriptive = bool(main_verbs & {"bedragen", "tellen", "kosten"})
        # what a service can hold or give ("Hier kunnen maximaal 30 personen 24/7 opvang en
        # begeleiding krijgen", real rf229) is a possibility described, not the plan's deed; only
        # where "kunnen" is the clause's first finite verb ("Er komt een fonds van € 250.000
        # waaruit huurachterstanden kunnen worden overgenomen" commits to the fund, demo)
        first_finite = next((t for t in scope if t.pos_ in ("VERB", "AUX") and _finite_form(t)), None)
        capacity = not actor and first_finite is not None and first_finite.lower_ in ("kan", "kunnen")
        if future or kind == "commit" or (kind == "want" and (quantities or dates)):
            concrete = True
        elif descriptive or strong_descriptive or capacity:
            statistic = bool(quantities)
        elif norm or change or (pattern_hit and not quantities) or money:
            concrete = True
        elif (main_verbs <= DESCRIPTIVE_VERBS and not passive and not actor) or (
            (actor or passive) and main_verbs <= DESCRIPTIVE_VERBS and not passive
        ):
            statistic = bool(quantities)
        else:
            concrete = True  # a present action with a number, amount or team: the plan commits
        return concrete, statistic

    def _pilot(self, sent: Span) -> bool:
        for t in sent:
            word = fold(t.text)
            if word in self.pilot_words or fold(_lemma(t)) in self.pilot_words:
                negated = any(c.lower_ in ("geen", "niet") for c in t.children)
                # "kleinschalige woonunits" is a kind of housing, not a trial
                nouns = (t.head, t.doc[min(t.i + 1, len(t.doc) - 1)])
                housing = t.pos_ == "ADJ" and any(
                    w in fold(n.text) and "project" not in fold(n.text) for n in nouns for w in HOUSING_PARTS
                )
                # "kleinschalig" names a size; it is a trial where the sentence tries something
                # out ("met een kleinschalige opvang doen wij ervaring op") or of a project ("een
                # kleinschalig woonproject", Annex I's status quo), not in "meer kleinschalige
                # vormen van wonen met zorg" (real sentence rf183)
                project = any("project" in fold(n.text) for n in nouns)
                size_only = word.startswith("kleinschalig") and not _tries_out(sent) and not project
                if not negated and not housing and not size_only:
                    return True
        return False


HOUSING_PARTS = ("woonunit", "woonvorm", "woning", "unit", "studio", "appartement", "wooneenhe")
NP_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "PRON"}
NORM_WORDS = {"minimaal", "maximaal", "hooguit", "uiterlijk", "tenminste"}
COMMIT_VERBS = {
    "vastleggen",
    "afspreken",
    "toezeggen",
    "garanderen",
    "waarborgen",
    "vastgelegd",
    "afgesproken",
    "toegezegd",
}
SUBORDINATORS = {
    "dat",
    "die",
    "omdat",
    "als",
    "wanneer",
    "hoewel",
    "zodat",
    "waardoor",
    "terwijl",
    "wie",
    "waar",
    "waarbij",
    "nadat",
    "voordat",
    "zodra",
    "doordat",
    "indien",
    "zolang",
    "opdat",
    "waarmee",
    "waarin",
    "want",
    "tenzij",
    "mits",
}
CLAUSE_PUNCT = {",", ";", ":", "–", "—", "•", "▪", "●", "◦"}
# subordinators of a condition or a rule's moment: a present perfect after them ("als iemand is
# uitgestroomd", "zodra er een achterstand is ontstaan") says when the rule applies, not what
# happened. Not "nadat": "nadat de raad het plan heeft vastgesteld" reports as often as it rules
CONDITIONALS = {"als", "indien", "zodra", "wanneer", "zolang", "mits", "tenzij"}


def _boundary(token: Token, after_term: bool, commas: bool = True, colons: bool = False) -> bool:
    """Does the token end the term's clause? `commas=False`: commas join an enumeration;
    `colons=True`: a colon joins a named thing to what is said of it."""
    low = token.lower_
    if low in CLAUSE_PUNCT and (commas or low != ",") and not (colons and low == ":"):
        # a comma inside a number list or before "en" in an enumeration of nouns still ends it:
        # clauses in policy text are short, and the next clause has its own verb
        return True
    # "als" is a conditional ("hulp aangeboden krijgt als er een betalingsachterstand is", real
    # rf208) or "as" ("als proef gestart", "als gevolg van"), and a tagger gives both one tag: a
    # particle in omslag's pipeline (UD v1 data), a subordinator in nl_core_news_sm (UD v2). Only
    # the conditional has a finite verb of its own, whatever the tag
    if low == "als":
        return _conditional_als(token)
    if low in SUBORDINATORS and (token.pos_ in ("SCONJ", "PRON", "ADV") or low in ("omdat", "hoewel", "zodat", "want")):
        return not (low == "dat" and token.pos_ == "DET")
    if low in ("maar", "en", "of") and after_term:
        # a coordinator starts a new clause when a finite verb follows before the next comma
        doc = token.doc
        if low in ("en", "of") and token.i > 0 and doc[token.i - 1].text[-1:] in HYPHENS:
            return False  # the second half of a shortened compound: "dak- en thuislozen", "woon- of zorgvisie"
        for t in doc[token.i + 1 : token.sent.end]:
            if t.lower_ in CLAUSE_PUNCT and (commas or t.lower_ != ",") and not (colons and t.lower_ == ":"):
                return False
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []):
                return True
    return False


# a council's motion asks the college or the government: its dictum is a request, not the
# plan's commitment ("Verzoekt het college … een bijeenkomst te organiseren", real rf264, rf320)
MOTION_ADDRESSEES = {"college", "regering", "kabinet", "burgemeester", "minister", "staatssecretaris", "presidium"}


def _split_parts(words: list[Token], term: Token, separators: tuple[str, ...]) -> tuple[list[list[Token]], int | None]:
    """The words cut at the separators (which are left out), and the index of the part that
    holds the term (None when none does)."""
    parts: list[list[Token]] = [[]]
    for t in words:
        if t.lower_ in separators:
            parts.append([])
        else:
            parts[-1].append(t)
    here = next((k for k, part in enumerate(parts) if any(t.i == term.i for t in part)), None)
    return parts, here


def _bracketed(sent: Span, term: Token) -> frozenset[int]:
    """The token positions of the sentence's bracketed asides that are clauses of their own (a
    verb or a subordinator in them), brackets included, and do not hold the term. A figure or a
    name in brackets ("beschermd wonen (12%)", "de nachtopvang (de Stadsbrug)") stays: it belongs
    to the words before it. An unclosed bracket is no aside."""
    # read once per sentence and term: the clause is sought several times for one term
    return _asides(sent.doc, sent.start, sent.end, term.i)


@lru_cache(maxsize=64)
def _asides(doc: Doc, start: int, end: int, term_i: int) -> frozenset[int]:
    out: set[int] = set()
    opened: list[int] = []
    for t in doc[start:end]:
        if t.text == "(":
            opened.append(t.i)
        elif t.text == ")" and opened:
            first = opened.pop()
            inside = doc[first + 1 : t.i]
            clause = any(w.pos_ in ("VERB", "AUX") or w.lower_ in SUBORDINATORS for w in inside)
            if not opened and clause and not first <= term_i <= t.i:
                out.update(range(first, t.i + 1))
    return frozenset(out)


# relative words that open a clause set off by commas inside a subject
_RELATIVE_OPENERS = frozenset({"die", "dat", "waar", "waarin", "waarbij", "waarmee", "wat"})


def _relative_aside(doc: Doc, start: int, i: int, end: int) -> frozenset[int]:
    """The relative clause between commas that interrupts a subject before its verb ("De pilot
    Housing First met acht plekken, die in 2020 is gestart, wordt voortgezet"), commas included;
    empty when the comma at i opens none: the words before it must have no verb of their own,
    the comma be followed by a relative word, and the next comma by a finite verb — the main
    clause's, in its second place."""
    if doc[i].text != "," or i + 1 >= end or doc[i + 1].lower_ not in _RELATIVE_OPENERS:
        return frozenset()
    if any(t.pos_ in ("VERB", "AUX") and _finite_form(t) for t in doc[start:i]):
        return frozenset()
    close = next((k for k in range(i + 2, end) if doc[k].text in CLAUSE_PUNCT), None)
    if close is None or doc[close].text != "," or close + 1 >= end:
        return frozenset()
    verb = doc[close + 1]
    if not (verb.pos_ in ("VERB", "AUX") and _finite_form(verb)):
        return frozenset()
    return frozenset(range(i, close + 1))


def _joins_subjects(doc: Doc, start: int, i: int, term: Token) -> bool:
    """Does the coordinator at i join two subjects before one finite verb ("De Ervaringsraad en
    Stichting Dakraad verzorgen …", "Beschermd wonen en maatschappelijke opvang zijn …") rather
    than two clauses ("Wij bouwen woonplekken en de gemeente zorgt …")? Only when nothing
    before it has a verb and only a bare noun phrase stands between it and the verb."""
    if doc[i].lower_ not in ("en", "of"):
        return False

    def verbal(t: Token) -> bool:
        return t.pos_ in ("VERB", "AUX") and not _in_service_name(t)

    # a term tagged as a verb counts only when it is a finite form ("wie in de opvang verblijft
    # of …"), not where the tagger took a noun for one ("Woonplekken")
    if any(verbal(t) and (t.i != term.i or _finite_form(t)) for t in doc[start:i]):
        return False
    for t in doc[i + 1 : term.sent.end]:
        # a noun the tagger took for a verb ("toegang tot opvang en woonplekken wordt …
        # afgeschaft") is part of the noun phrase
        if verbal(t) and (_is_verb(t) or _finite_form(t)):
            # a verb right after the coordinator shares the subject: a second clause ("zoekt … op
            # en biedt …")
            return t.i > i + 1 and _finite_form(t)
        if t.lower_ in SUBORDINATORS and t.pos_ in ("SCONJ", "PRON"):
            return False
        # the subject's phrase may hold prepositional phrases ("De inzet van ervaringsdeskundigen
        # in het Housing First-team en in het straatteam wordt uitgebreid")
        if t.pos_ not in _SUBJECT_PHRASE_TAGS and not _in_service_name(t) and t.text not in HYPHENS:
            return False
    return False


_SUBJECT_PHRASE_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "VERB"})


def _values(verb: Token) -> bool:
    """ "vinden" with "belangrijk" or "wenselijk" right after it ("vinden het belangrijk om")."""
    doc = verb.doc
    return any(t.lower_ in ("belangrijk", "wenselijk") for t in doc[verb.i + 1 : min(verb.sent.end, verb.i + 4)])


def _present_passive(participle: Token) -> bool:
    """A "wordt"/"worden" next to the participle ("wordt … ingezet", "ingezet wordt")."""
    doc = participle.doc
    near = doc[max(participle.sent.start, participle.i - 4) : min(participle.sent.end, participle.i + 2)]
    return any(t.lower_ in ("wordt", "worden") for t in near)


def _want_by_word_order(sent: Span, term: Token, scope: list[Token] | None) -> str:
    """A want the small parser did not attach to the term: a finite "wil"/"willen" before the
    term in its clause ("Arnhem wil … de komende jaren afbouwen", real rf354; not the noun of
    "tegen zijn wil"), or a motion's "verzoekt het college" before it in the sentence."""
    for t in scope or []:
        if t.i >= term.i:
            break
        before = t.doc[t.i - 1] if t.i > 0 else None
        if (
            t.lower_ in ("wil", "wilt", "willen")
            and t.pos_ in ("AUX", "VERB")
            and (
                before is None
                or before.pos_ not in ("DET", "PRON")
                or before.lower_ in ("we", "wij", "ze", "zij", "men")
            )
        ):
            return t.text
    # the dictum's own word order, "verzoekt het college", not the noun ("op verzoeken van de minister")
    words = [t for t in sent if t.i < term.i]
    for i, t in enumerate(words[:-2]):
        if (
            t.lower_ in ("verzoekt", "verzoeken")
            and words[i + 1].lower_ in ("het", "de")
            and words[i + 2].lower_ in MOTION_ADDRESSEES
        ):
            return t.text
    return ""


def _clause_opener(scope: list[Token]) -> str:
    """The subordinator that opens the clause (the boundary word just before it), or ""."""
    if not scope:
        return ""
    first = scope[0]
    if first.lower_ in SUBORDINATORS:
        return first.lower_
    if first.i > first.sent.start:
        before = first.doc[first.i - 1]
        if before.lower_ in SUBORDINATORS and _boundary(before, after_term=False):
            return before.lower_
    return ""


def _conditional_als(token: Token) -> bool:
    """An "als" that opens a conditional clause: a finite verb stands between it and the next
    clause punctuation, and it is not the "as" of a role, a bare singular noun after it ("als
    gevolg van", "als voorwaarde vervalt", "als proef"; a plural can be the subject: "als
    mensen …")."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and "Plur" not in nxt.morph.get("Number", []):
        return False
    for t in doc[token.i + 1 : token.sent.end]:
        if t.lower_ in CLAUSE_PUNCT:
            return False
        if t.pos_ in ("VERB", "AUX") and _finite_form(t):
            return True
    return False


def _nominal(token: Token) -> bool:
    """An infinitive used as a noun: "het bieden van tijdelijk verblijf"."""
    return token.i > 0 and token.doc[token.i - 1].lower_ in ("het", "de")


def _van_naar(scope: list[Token]) -> bool:
    """A change "van 30 naar 18", "van 80 naar 52 bedden": a target, not a count."""
    words = [t.lower_ for t in scope]
    for i, word in enumerate(words[:-3]):
        if word == "van" and scope[i + 1].like_num:
            rest = words[i + 2 : i + 6]
            for j, w in enumerate(rest):
                if w in ("naar", "tot") and i + 3 + j < len(scope) and scope[i + 3 + j].like_num:
                    return True
    return False


# nouns of a support-verb phrase whose complement is what is denied: "geen gebruik kunnen maken van
# de opvang", "geen toegang hebben tot", "geen recht (meer) op opvang", "geen beroep doen op"
SUPPORT_NOUNS = {"gebruik", "toegang", "recht", "beroep", "aanspraak"}


def _support_complement(neg: Token, term: Token) -> bool:
    """Does "geen" on a support-verb noun deny the term as its complement ("zij kunnen geen gebruik
    maken van de gewone opvang", real rf390)? The complement hangs on the noun or on its verb
    with "van", "tot" or "op"."""
    noun = neg.head
    if _dep(neg) != "det" or (noun.lower_ not in SUPPORT_NOUNS and _lemma(noun) not in SUPPORT_NOUNS):
        return False
    owners = [noun, noun.head] if _dep(noun) in ("obj", "nsubj", "nsubj:pass") else [noun]
    for owner in owners:
        for child in owner.children:
            if child.i == noun.i or _dep(child) not in ("obl", "nmod"):
                continue
            linked = any(_dep(m) == "case" and m.lower_ in ("van", "tot", "op") for m in child.children)
            if linked and (term.i == child.i or term in child.subtree):
                return True
    return False


def _describe_negator(neg: Token) -> str:
    nxt = neg.doc[neg.i + 1] if neg.i + 1 < len(neg.doc) else None
    if neg.lower_ == "niet" and nxt is not None and nxt.lower_ in ("langer", "meer"):
        return f"niet {nxt.lower_}"
    if _lemma(neg) in NEGATING_VERBS:
        return _lemma(neg)
    return neg.lower_
