"""Stage: rules — the Dutch spaCy pipelines, built once per process.

Two pipelines, for speed:

* the **matching** pipeline reads every page: tokenizer, sentence boundaries and lemmas. With
  `nl_core_news_sm` installed (it is not on PyPI, so it usually is not) its lemmas; otherwise
  `spacy.blank("nl")` + sentencizer + simplemma lemmas. Both set `token.norm_` to the
  accent-free, lower-case lemma: the matchers key on it.
* the **analysis** pipeline parses only the sentences that hold a rubric term: part of speech,
  morphology (Tense, VerbForm, Mood), dependencies and lemmas, with separable verbs joined
  ("breiden … uit" → uitbreiden). It is `nl_core_news_sm` when installed, else omslag's own
  pipeline trained on the UD Dutch treebanks (`rules/nl_omslag_ud/`, CC BY-SA 4.0, built by
  `make model`, see nlmodel/README.md), else none: the context flags then fall back to word
  patterns. `run.json` names the pipelines that ran.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex, compile_suffix_regex

from omslag.extract.wordlist import names_that_are_words
from omslag.rules.ud_model import UD_MODEL_DIR, ud_model_dir  # noqa: F401 (UD_MODEL_DIR: named here by tools and tests)

log = logging.getLogger("omslag.nlp")

FULL_MODEL = "nl_core_news_sm"
UD_MODEL_NAME = "omslag-ud-nl"
# particles of separable verbs: "bouwen … af" → afbouwen
PARTICLES = {
    "aan",
    "af",
    "bij",
    "binnen",
    "door",
    "in",
    "mee",
    "na",
    "om",
    "op",
    "over",
    "terug",
    "toe",
    "uit",
    "voor",
    "weg",
    "samen",
    "vast",
    "stop",
    "tegen",
    "achter",
    "neer",
    "open",
    "los",
    "vrij",
    "rond",
    "thuis",
    "bijeen",
}


def _strip_accents(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else char


# Latin-1 and Latin Extended-A cover Dutch (and most European) accented letters; a translate
# table is ~20x faster than decomposing every string, and keeps the length unchanged.
_ACCENTS = str.maketrans(
    {chr(i): _strip_accents(chr(i)) for i in range(0xC0, 0x180) if _strip_accents(chr(i)) != chr(i)}
)


def fold(text: str) -> str:
    """Lower-case and strip accents: coördinatie → coordinatie, cliënt → client.

    One character in, one character out, so offsets in folded text are offsets in the original.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ".lower() is two characters: keep offsets aligned
        lowered = "".join(c.lower()[0] for c in text)
    if lowered.isascii():
        return lowered
    return lowered.translate(_ACCENTS)


# the hyphens that join or shorten words: hyphen-minus, hyphen, non-breaking hyphen ("Housing
# First-plekken", "dak- en thuislozen"); not the dashes that set off a clause
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
# before a capital that opens a heading, a list item or a quotation rather than a name
_OPENS_LINE = {":", ";", "•", "-", "–", "(", '"', "“", "‘", "'", "*"}


def is_name_not_word(token: Token) -> bool:
    """Is this capitalised word, in the middle of a running sentence, a name that is also an
    ordinary word ("in Huizen", "Blaricum, Huizen en Laren")? Not at the start of a sentence,
    a line, a list item or a quotation, where any word has a capital."""
    text = token.text
    if not text[:1].isupper() or text.isupper() or token.is_sent_start or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.is_space or before.text in _OPENS_LINE:  # a line break is a space token of its own
        return False
    return text in names_that_are_words()


@lru_cache(maxsize=200_000)
def _simplemma_lemma(lower: str) -> str:
    import simplemma

    return simplemma.lemmatize(lower, lang="nl")


@Language.component("omslag_simplemma_lemmas")
def simplemma_lemmas(doc: Doc) -> Doc:
    """Set lemma and norm from simplemma; the cache makes repeated words free."""
    for token in doc:
        if token.is_space or token.is_punct:
            token.norm_ = token.text
            continue
        lemma = _simplemma_lemma(token.lower_)
        token.lemma_ = lemma
        token.norm_ = fold(lemma)
    return doc


@Language.component("omslag_norm_from_lemma")
def norm_from_lemma(doc: Doc) -> Doc:
    """With the full model, lemmas come from its lemmatizer; fold them into `norm`."""
    for token in doc:
        token.norm_ = fold(token.lemma_ or token.text)
    return doc


def verb_infinitive(form: str, model_lemma: str = "", particle: str = "") -> str:
    """The infinitive of a verb form, for joining it with a particle: simplemma's dictionary
    when it gives an infinitive ("breidt" → breiden; it writes "uit_breiden" for separable
    verbs), else the pipeline's lemma, else the form itself when it is one (zetten)."""
    known = _simplemma_lemma(form)
    if "_" in known:
        prefix, _, rest = known.rpartition("_")
        known = prefix.replace("_", "") + rest if prefix == particle else rest
    for candidate in (known, (model_lemma or "").lower(), form):
        if candidate.endswith("n") and len(candidate) > 2:
            return candidate
    return (model_lemma or form).lower()


@Language.component("omslag_join_separable_verbs")
def join_separable_verbs(doc: Doc) -> Doc:
    """A verb with a particle (`compound:prt`) gets the joined lemma: "Wij breiden de opvang
    uit" → uitbreiden. The particle keeps its own lemma. The verb part comes from simplemma's
    dictionary when it knows the form (it is reliable on verbs), else from the pipeline."""
    for token in doc:
        if token.dep_ not in ("compound:prt", "compound") or token.head.i == token.i:
            continue
        verb = token.head
        particle = token.lower_
        if verb.pos_ not in ("VERB", "AUX") or particle not in PARTICLES or token.i < verb.i:
            continue
        lemma = verb_infinitive(verb.lower_, verb.lemma_, particle)
        verb.lemma_ = lemma if lemma.startswith(particle) else particle + lemma
    return doc


@Language.component("omslag_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line in the page text ends a sentence: headings must not run into the next
    paragraph, and a multi-word term must not match across a paragraph break."""
    # "\n\n" becomes a whitespace token of its own; the token after it starts a sentence.
    last = len(doc) - 1
    for token in doc:
        if token.is_space and "\n\n" in token.text and token.i < last:
            doc[token.i + 1].is_sent_start = True
    return doc


# A footnote mark glued to the full stop before it, as PDF text layers give a superscript:
# "fors te verminderen.1 Zij vormen", "april 2020.4 Met", "kapitaalmarkt.1\r\nTen eerste". Unless
# the digits are split off, the full stop sits inside one token and the two sentences run into one
# (a negation, a definition or another domain in one then silences the other). The mark follows a
# word in lower case, a closing bracket or quote (one to three digits) or a year (one or two): a
# section number ("A.1", "3.4") or a thousands separator ("2.500") does not match.
_FOOTNOTE_MARK_SUFFIXES = [
    r"(?<=[a-zà-ÿ]{2}\.)\d{1,3}",
    r"(?<=[)\]”’\"']\.)\d{1,3}",
    r"(?<=(?:19|20)\d\d\.)\d{1,2}",
]
_GLUED_BEFORE_MARK = re.compile(r"(?:[a-zà-ÿ]{2}|[)\]”’\"']|(?:19|20)\d\d)$")


def _split_footnote_marks(nlp: Language) -> None:
    """Split a footnote mark off the full stop it is glued to ("verminderen.1" → "verminderen",
    ".", "1"); the component `omslag_footnote_marks` then decides where the sentence ends."""
    tokenizer: Any = nlp.tokenizer
    # before the pipeline's own suffixes, which stay as they are (a loaded model keeps its own)
    marks = compile_suffix_regex(_FOOTNOTE_MARK_SUFFIXES).search
    own = tokenizer.suffix_search

    def search(text: str):
        return marks(text) or (own(text) if own is not None else None)

    tokenizer.suffix_search = search


@Language.component("omslag_footnote_marks")
def footnote_marks(doc: Doc) -> Doc:
    """A footnote mark glued to a full stop belongs to the sentence it closes, and the next
    sentence starts at the capital after it ("verminderen.1 Zij vormen" → "… verminderen.1" |
    "Zij vormen …"). Without a capital after it the digits are a number after an abbreviation
    ("art.12 lid 2") and no sentence ends there. Runs after the sentencizer, which would start a
    sentence at the digits, and before the paragraph breaks, which always win."""
    for token in doc[2:]:
        stop, before = doc[token.i - 1], doc[token.i - 2]
        if not (token.is_digit and len(token) <= 3 and stop.text == "." and not stop.whitespace_):
            continue
        if before.whitespace_ or not _GLUED_BEFORE_MARK.search(before.text):
            continue
        token.is_sent_start = False
        following = next((t for t in doc[token.i + 1 :] if not t.is_space), None)
        if following is not None and following.text[:1].isupper():
            following.is_sent_start = True
    return doc


# an abbreviation's full stop: a short word or letters with dots ("incl.", "o.b.v.", "i.o.m.")
_ABBREVIATION = re.compile(r"^(?:[A-Za-zÀ-ÿ]{1,5}|(?:[A-Za-z]\.){1,4}[A-Za-z])$")


# abbreviations that stand before a figure ("1 jan. 2025", "zie par. 4.2", "ong. 40 plekken"),
# which spaCy's Dutch exceptions lack; a sentence may start with a figure, so only these
_BEFORE_FIGURES = frozenset(
    {"jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"}
    | {"hfd", "hfdst", "par", "tab", "tel", "ong", "tot", "bijl", "fig"}
)


@Language.component("omslag_abbreviation_stops")
def abbreviation_stops(doc: Doc) -> Doc:
    """A full stop after an abbreviation spaCy does not know ("incl. uitstroom uit de opvang",
    "o.b.v. de monitor") does not end the sentence when the next word starts in lower case: a
    Dutch sentence starts with a capital, a figure or a quote. Before a figure only the
    abbreviations of `_BEFORE_FIGURES` keep the sentence going. After a longer word a full stop
    still ends it ("… gerealiseerd. vervolgens …" is a typo, not an abbreviation)."""
    for token in doc[2:]:
        if not token.is_sent_start:
            continue
        stop, before = doc[token.i - 1], doc[token.i - 2]
        if stop.text != "." or before.whitespace_ or not _ABBREVIATION.match(before.text):
            continue
        first = token.text[:1]
        if first.islower() or (first.isdigit() and before.lower_ in _BEFORE_FIGURES):
            token.is_sent_start = False
    return doc


def _split_hyphenated_compounds(nlp: Language) -> None:
    """Split "Eerst-aanpak" into "Eerst", "-", "aanpak" so "Wonen Eerst" matches in
    "Wonen Eerst-aanpak"; the same with a quoted name before the hyphen: '"Wonen Eerst"-concept',
    "‘Housing First’-aanpak". A trailing hyphen ("dak- en thuisloosheid") is left alone."""
    infixes = [
        *list(nlp.Defaults.infixes or []),
        r"(?<=[A-Za-zÀ-ÿ])-(?=[A-Za-zÀ-ÿ])",
        r"(?<=[A-Za-zÀ-ÿ])[\"'’”](?=-[A-Za-zÀ-ÿ])",
        r"(?<=[\"'’”])-(?=[A-Za-zÀ-ÿ])",
    ]
    # spacy.blank("nl") has spaCy's own (Cython) tokenizer; its stub types it as any callable
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _build_fallback() -> Language:
    nlp = spacy.blank("nl")
    _split_hyphenated_compounds(nlp)
    _split_footnote_marks(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("omslag_footnote_marks")
    nlp.add_pipe("omslag_abbreviation_stops")
    nlp.add_pipe("omslag_paragraph_breaks")
    nlp.add_pipe("omslag_simplemma_lemmas")
    return nlp


def _build_full() -> Language:
    # Only the parts we use: the parser and NER cost time and give nothing to the matchers.
    nlp = spacy.load(FULL_MODEL, exclude=["parser", "ner"])
    _split_hyphenated_compounds(nlp)
    _split_footnote_marks(nlp)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("omslag_footnote_marks", after="sentencizer")
    nlp.add_pipe("omslag_abbreviation_stops", after="omslag_footnote_marks")
    nlp.add_pipe("omslag_paragraph_breaks", after="omslag_abbreviation_stops")
    nlp.add_pipe("omslag_norm_from_lemma", last=True)
    return nlp


def _build_ud() -> Language:
    nlp = spacy.load(ud_model_dir())
    _split_hyphenated_compounds(nlp)
    _split_footnote_marks(nlp)
    nlp.add_pipe("omslag_join_separable_verbs", last=True)
    nlp.add_pipe("omslag_norm_from_lemma", last=True)
    return nlp


@lru_cache(maxsize=2)
def get_deep_nlp(prefer_full: bool = True) -> Language | None:
    """The analysis pipeline (parser, morphology, lemmas) for the sentences with a rubric term;
    None when neither nl_core_news_sm nor omslag's trained pipeline can be loaded."""
    if prefer_full:
        try:
            nlp = spacy.load(FULL_MODEL, exclude=["ner"])
            _split_hyphenated_compounds(nlp)
            _split_footnote_marks(nlp)
            nlp.add_pipe("omslag_join_separable_verbs", last=True)
            nlp.add_pipe("omslag_norm_from_lemma", last=True)
            nlp.meta["omslag_pipeline"] = FULL_MODEL
            return nlp
        except OSError:
            pass
    try:
        nlp = _build_ud()
    except (OSError, ValueError) as exc:
        log.warning("Dutch NLP: no analysis pipeline (%s); context flags from word patterns", exc)
        return None
    nlp.meta["omslag_pipeline"] = f"{UD_MODEL_NAME} {nlp.meta.get('version', '')}".strip()
    return nlp


@lru_cache(maxsize=2)
def get_nlp(prefer_full: bool = True) -> Language:
    """The process-wide Dutch pipeline (built on first use, then shared)."""
    if prefer_full:
        try:
            nlp = _build_full()
            log.info("Dutch NLP: %s (full model)", FULL_MODEL)
            nlp.meta["omslag_pipeline"] = FULL_MODEL
            return nlp
        except OSError:
            pass
    nlp = _build_fallback()
    nlp.meta["omslag_pipeline"] = "blank-nl+simplemma"
    log.info(
        "Dutch NLP: %s is not installed; matching uses the fallback spacy.blank('nl') + sentencizer + "
        "simplemma lemmas, the sentences with a rubric term are parsed by omslag's UD pipeline.",
        FULL_MODEL,
    )
    if not ud_model_dir().exists():
        log.warning("Dutch NLP: fallback without an analysis pipeline (%s missing)", ud_model_dir())
    return nlp


def pipeline_name(nlp: Language | None) -> str:
    if nlp is None:
        return "none"
    return nlp.meta.get("omslag_pipeline", nlp.meta.get("name", "unknown"))


_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def prepare_text(text: str) -> str:
    """Line breaks inside a paragraph become spaces (same length, so offsets hold);
    blank lines stay, and the pipeline turns them into sentence boundaries."""
    return _LONE_NEWLINE.sub(" ", text)
