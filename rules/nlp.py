"""Stage: rules — the Dutch spaCy pipeline, built once per process.

`nl_core_news_sm` is used when it is installed (it is not on PyPI, so it usually is not).
Otherwise we fall back, loudly, to `spacy.blank("nl")` + sentencizer + lemmas from simplemma
(measured ≈ 0.89 lemma accuracy on UD Dutch, against ≈ 0.70 for spaCy's lookup table).
Both pipelines set `token.norm_` to the accent-free, lower-case lemma: the matchers key on it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

log = logging.getLogger("omslag.nlp")

FULL_MODEL = "nl_core_news_sm"


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


def _split_hyphenated_compounds(nlp: Language) -> None:
    """Split "Eerst-aanpak" into "Eerst", "-", "aanpak" so "Wonen Eerst" matches in
    "Wonen Eerst-aanpak". A trailing hyphen ("dak- en thuisloosheid") is left alone."""
    infixes = [*list(nlp.Defaults.infixes or []), r"(?<=[A-Za-zÀ-ÿ])-(?=[A-Za-zÀ-ÿ])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _build_fallback() -> Language:
    nlp = spacy.blank("nl")
    _split_hyphenated_compounds(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("omslag_paragraph_breaks")
    nlp.add_pipe("omslag_simplemma_lemmas")
    return nlp


def _build_full() -> Language:
    # Only the parts we use: the parser and NER cost time and give nothing to the matchers.
    nlp = spacy.load(FULL_MODEL, exclude=["parser", "ner"])
    _split_hyphenated_compounds(nlp)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("omslag_paragraph_breaks", after="sentencizer")
    nlp.add_pipe("omslag_norm_from_lemma", last=True)
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
    log.warning(
        "Dutch NLP: %s is not installed; using the fallback spacy.blank('nl') + sentencizer + "
        "simplemma lemmas (≈0.89 lemma accuracy). Install %s for better lemmas.",
        FULL_MODEL,
        FULL_MODEL,
    )
    return nlp


def pipeline_name(nlp: Language) -> str:
    return nlp.meta.get("omslag_pipeline", nlp.meta.get("name", "unknown"))


_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def prepare_text(text: str) -> str:
    """Line breaks inside a paragraph become spaces (same length, so offsets hold);
    blank lines stay, and the pipeline turns them into sentence boundaries."""
    return _LONE_NEWLINE.sub(" ", text)
