"""Stage: rules — can a word be a Dutch verb form? A check of the tagger's verbs.

The analysis pipeline was trained on 90k words, and on words it never saw it guesses from the
ending: "huisuitzettingen", "actielijnen", "woonvormen" or "bovenop" come out as past verbs, and a
clause then reads as a report ("verleden tijd (bovenop)"). A verb has a paradigm, a noun or a
preposition does not: an infinitive has a present singular ("realiseren" → realiseert, "geven" →
geeft) or a weak past ("zetten" → zette), and a past or present form leads back to such an
infinitive. The check looks those forms up in Debian's word list (`extract.wordlist`, OpenTaal,
inflected forms included), so it needs no list of verbs of its own.

Three answers: yes, no, and "cannot tell" (no word list installed, a word it does not know, or a
verb whose stem ends in -t and whose past is strong, as "sluiten": its singular "sluit" is also
the stem of nouns such as "knelpunt"). Only a no overrules the tagger.

Measured on the UD Dutch test files (Alpino, LassySmall; gold part of speech), of the 461
words the pipeline tags as a past form (other than the forms of zijn, hebben, worden and the
modals, which the flag code knows by name), it says no to 19 that are not verbs ("moeilijkheden",
"uitzonderingen", "breed") and to 3 that are: "behaard" twice, which `rules.context` still reads
as a participle, and "de wachtenden". `rules.context` asks it only of past forms; see
docs/nlp-model.md for why not of present ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from omslag.extract.wordlist import dutch_words
from omslag.rules.nlp import PARTICLES, _simplemma_lemma

_VOWELS = "aeiouë"
_MIN_PART = 3  # the shortest first part and head of a compound the check splits off
# a short vowel before one consonant at the end of a stem: "mak" (maken), "beog" (beogen)
_OPEN_SYLLABLE = re.compile(r"([aeouë])([^aeiouyë])$")
_DOUBLED_VOWEL = re.compile(r"([aeou])\1([^aeiou])$")
_PREFIXES = frozenset({"be", "ge", "her", "ver", "ont", "er", "mis"})


def _present_stems(base: str) -> set[str]:
    """The present stems an infinitive without its -en may have: "zett" → zet, "mak" → maak,
    "gev" → geef, "lez" → lees, "creër" → creëer, "associër" → associeer."""
    stems = {base}
    stem = base
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        stem = stem[:-1]
        stems.add(stem)
    if stem.endswith(("v", "z")):
        stem = stem[:-1] + {"v": "f", "z": "s"}[stem[-1]]
        stems.add(stem)
    match = _OPEN_SYLLABLE.search(stem)
    if match and not (match.start(1) > 0 and stem[match.start(1) - 1] == match.group(1)):
        vowel = match.group(1)
        for doubled in ("ëe", "ee") if vowel == "ë" else (vowel * 2,):
            stems.add(stem[: match.start(1)] + doubled + match.group(2))
    return stems


def _head(word: str, words: frozenset[str]) -> str | None:
    """The longest last part of a compound that is a word itself: "woonplekken" → plekken,
    "terugpakken" → pakken."""
    for cut in range(_MIN_PART, len(word) - _MIN_PART):
        if word[cut:] in words:
            return word[cut:]
    return None


@lru_cache(maxsize=20000)
def _is_infinitive(word: str) -> bool | None:
    """Is this -en (or -n) word an infinitive? Yes when its present singular or weak past is a
    word too; None for a -t stem whose past is strong ("sluiten"); a verb with a particle or
    prefix is judged by the verb after it ("terugpakken" → pakken)."""
    words = dutch_words()
    if not word.endswith("en") or len(word) <= _MIN_PART:
        # gaan, doen, zien, staan, slaan: gaat, doet, ziet
        return len(word) >= _MIN_PART and word.endswith("n") and word[-2] in "aeo" and word[:-1] + "t" in words
    bases = {word[:-2]} | ({word[:-3] + "e"} if word[:-2].endswith("ë") else set())  # ruziën → ruziet
    unsure = False
    for stem in {s for base in bases for s in _present_stems(base)}:
        if not stem.endswith("t"):
            if stem + "t" in words:
                return True
        elif stem + "te" in words or stem + "ten" in words or "ge" + stem in words:
            return True  # zette, gezet
        else:
            unsure = unsure or stem in words  # sluit, zit: the singular is the stem itself
    if word[-3] in "aeiou" and word[:-1] + "t" in words:
        return True  # meedoen → meedoet, toezien → toeziet
    head = _head(word, words)
    if head is not None and _verb_prefix(word[: -len(head)]) and (inner := _is_infinitive(head)) is not False:
        return inner  # terugpakken → pakken, herpositioneren → positioneren
    return None if unsure else False


def _verb_prefix(part: str) -> bool:
    """A particle or an unstressed prefix, the first parts a verb has ("terug", "mee", "her"); a
    noun before a verb makes a noun ("woon" + vormen, "actie" + lijnen)."""
    return part in PARTICLES or part in _PREFIXES


def _infinitives_of(form: str) -> set[str]:
    """The infinitives a singular present or weak past may come from: "werkt" → werken, "zet" →
    zetten, "maakt" → maken, "geeft" → geven, "varieert" → variëren, "startte" → starten."""
    if form.endswith("t"):
        stems = {form[:-1], form}
    elif form.endswith(("de", "te")):
        stems = {form[:-2]}
    elif form.endswith(("den", "ten")):
        stems = {form[:-3]}
    else:
        stems = {form}
    out: set[str] = set()
    for stem in filter(None, stems):
        out |= {stem + "en", stem + "n"}
        if len(stem) >= 2 and stem[-1] not in _VOWELS:
            out.add(stem + stem[-1] + "en")
        if match := _DOUBLED_VOWEL.search(stem):
            out.add(stem[: match.start()] + match.group(1) + match.group(2) + "en")
    for infinitive in list(out):
        if infinitive.endswith("ieren"):
            out.add(infinitive[:-5] + "iëren")
        if infinitive.endswith(("fen", "sen")):
            out.add(infinitive[:-3] + {"f": "v", "s": "z"}[infinitive[-3]] + "en")
    return out


@lru_cache(maxsize=20000)
def could_be_verb_form(form: str, lemma: str = "") -> bool | None:
    """Can `form` (lower case) be a form of a Dutch verb? `lemma` is the pipeline's, which for a
    separable verb is the joined one ("schreven … mee" → meeschrijven). None when the word list
    cannot tell (see the module's docstring)."""
    words = dutch_words()
    if not words:
        return None
    word = form if form in words else _head(form, words)
    if word is None:
        return None
    candidates = {word, _simplemma_lemma(word).replace("_", "")} | ({lemma.lower()} if lemma else set())
    # a strong past leads to its infinitive through the dictionary: "schreven" → schreef → schrijven
    candidates |= {_simplemma_lemma(c).replace("_", "") for c in candidates}
    known = {c if c in words else _head(c, words) or "" for c in candidates}
    answers = [_is_infinitive(c) for c in sorted(known) if c.endswith("n")]
    answers += [_is_infinitive(i) for i in sorted(_infinitives_of(word)) if i in words]
    if True in answers:
        return True
    return None if None in answers else False


def could_be_infinitive(form: str) -> bool | None:
    """Can `form` (lower case) be an infinitive, and so a plural present ("werken", "zetten")?
    False where neither its present singular nor its weak past is a word: a noun ("briefadressen")
    or many a strong past plural ("gaven", "kregen"). Not every past is told: "bespraken" and
    "werkten" pass (rules.context also asks simplemma for another infinitive). None when the word
    list cannot tell."""
    if not dutch_words():
        return None
    return _infinitive_known(form)


@lru_cache(maxsize=20000)
def _infinitive_known(form: str) -> bool | None:
    # asked for every -en word of a clause without a finite verb, the same words again and again
    return _is_infinitive(form)
