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


def fold(text: str) -> str:
    """Lower-case and strip accents: coördinatie → coordinatie, cliënt → client.

    Only combining marks are dropped, so the length of the string never changes for Dutch
    text (precomposed letters become one base letter); offsets stay valid.
    """
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


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
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n\n" in prev.whitespace_ or (prev.is_space and "\n\n" in prev.text):
            token.is_sent_start = True
    return doc


def _split_hyphenated_compounds(nlp: Language) -> None:
    """Split "Eerst-aanpak" into "Eerst", "-", "aanpak" so "Wonen Eerst" matches in
    "Wonen Eerst-aanpak". A trailing hyphen ("dak- en thuisloosheid") is left alone."""
    infixes = list(nlp.Defaults.infixes or []) + [r"(?<=[A-Za-zÀ-ÿ])-(?=[A-Za-zÀ-ÿ])"]
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
