"""Stage: rules — finding evidence for the rubric's signals in a document's pages.

Two kinds of matching, chosen for speed (a token `Matcher` with many patterns costs ~7x the
whole blank pipeline; a `PhraseMatcher` adds ~3 %):

* multi-word terms ("wonen eerst", "mensen met ervaring") go through spaCy's PhraseMatcher on
  `NORM`, which our pipeline sets to the accent-free lemma;
* one-word terms are looked up per distinct word form, once per process (a cache), by lemma
  and by position inside a Dutch compound: "nachtopvang" (head), "opvangvoorzieningen" (first
  part), "daklozenopvangcentrum" (middle).

Each sentence with at least one hit becomes one `Evidence` item per signal. Its context flags
(negated, past, intent only, concrete, statistic, pilot) come from a dependency parse of that
sentence (context.py); only sentences with a hit are parsed, the rest of the page goes through
the cheap matching pipeline alone. Without an analysis pipeline the flags fall back to the
rubric's word patterns (the code at the end of this module).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from omslag.extract.models import CELL_SEPARATOR, Document
from omslag.rules.context import ContextAnalyser, ContextFlags
from omslag.rules.models import Evidence, MatchedTerm, stable_evidence_id
from omslag.rules.nlp import (
    HYPHENS,
    PARTICLES,
    fold,
    get_deep_nlp,
    get_nlp,
    is_name_not_word,
    prepare_text,
    verb_infinitive,
)
from omslag.rules.rubric import Compound, Rubric, Signal, Term

log = logging.getLogger("omslag.rules")

# Dutch inflection / linking endings a keyword may carry at the end of a word or a compound
# part: woonplek-ken, huisuitzetting-en, opvang-s, ervaringsdeskundige-n.
_INFLECTION = r"(?:en|s|n|e|es|'s|ers?|je|jes|tje|tjes)?"
_MAX_SENTENCE_CHARS = 600  # tables without full stops make huge "sentences"; cut for display


TOPIC = "_topic"
TOPIC_WEAK = "_topic_weak"  # topic words that count unless their paragraph is about another domain
_HEAD = 3  # forms are indexed by their first three letters
# a word this long may be a compound the lemmatizer does not know; its parts are this long at least
_MIN_COMPOUND_CHARS = 9
_MIN_COMPOUND_PART = 4


@dataclass(frozen=True)
class Findings:
    evidence: list[Evidence]
    topic_sentences: int  # sentences that mention homelessness (the rubric's topic terms)
    # page number -> sentences on it that mention homelessness (table rows left out): the
    # relevance decision (rules.relevance) reads which pages of a budget are about the topic
    topic_pages: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _CompiledTerm:
    index: int
    indicator: str
    signal: Signal
    term: Term
    words: tuple[str, ...]  # folded lemmas of the phrase
    form: str  # folded surface form of a one-word phrase
    near: tuple[re.Pattern, ...]  # every pattern must match the sentence
    not_near: re.Pattern | None
    not_around: re.Pattern | None  # not_near in the sentences around the term, same paragraph
    exclude: frozenset[str]


@dataclass
class _Hit:
    term: _CompiledTerm
    start_token: int
    end_token: int  # exclusive
    parsed_token: int | None = None  # a separable verb found in the parse: its token there


_MAX_PARSE_TOKENS = 150  # table rows without full stops: not worth a parse, word patterns decide


def _token_at(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def _reference_year(document: Document, default: int) -> int:
    """The plan's own year (manifest date, else a year in its id): dates from it on are the plan's
    future; without either, the rubric's `reference_year`."""
    for text in (document.meta.date or "", document.plan_id):
        match = re.search(r"(?<!\d)(20[1-4]\d)(?!\d)", text)
        if match:
            return int(match.group(1))
    return default


@dataclass
class _SentenceFlags:
    concrete: bool
    intent: bool
    pilot: bool
    past: bool


# a hit with its negation and, when its sentence was parsed, its context flags
_GroupedHit = tuple[_Hit, bool, ContextFlags | None]


@dataclass
class _Page:
    """One page being searched: its sentences, their paragraphs, and the parses made so far."""

    document: Document
    number: int
    doc: Doc
    text: str
    continues_at: int | None
    reference_year: int | None
    sentences: list[Span]
    starts: list[int]
    paragraph_of: list[int]
    parsed: dict[int, Doc] = field(default_factory=dict)
    folded: dict[int, str] = field(default_factory=dict)  # sentence index → folded text
    # sentence index → its separable verbs joined (`_joined_verbs`), found once when it is parsed
    joined_verbs: dict[int, list[tuple[Token, str]]] = field(default_factory=dict)
    # sentence index → its folded text with those verbs after it, for `near` words
    near_folded: dict[int, str] = field(default_factory=dict)


@dataclass
class EvidenceFinder:
    """Built once per rubric and process; `find(document)` is then cheap to call."""

    rubric: Rubric
    nlp: Language = field(default=None)  # type: ignore[assignment]
    # the parser for the sentences with a hit; None = look it up (get_deep_nlp), False = none
    deep_nlp: Language | bool | None = None

    def __post_init__(self) -> None:
        if self.nlp is None:
            self.nlp = get_nlp()
        if self.deep_nlp is None:
            self.deep_nlp = get_deep_nlp()
        ctx = self.rubric.context
        self._negation = {fold(w) for w in ctx.negation if " " not in w}
        self._negation_stops = {fold(w) for w in ctx.negation_stops}
        # read first: the lists below that match the start or end of a compound leave these whole
        self._whole_words = frozenset(fold(w) for w in ctx.whole_words)
        self._negation_after = self._word_list([fold(w) for w in ctx.negation_after], prefix=True)
        # intent words are compared with the word as written and with its lemma: simplemma
        # reads "onderzoeken" as the noun "onderzoek"
        self._intent_words = {fold(w) for w in ctx.intent if " " not in w}
        self._intent_phrases = _word_regex([fold(w) for w in ctx.intent if " " in w])
        # whole words only: "proef" is a pilot, "proefperiode" (a tenant's trial period) is not
        self._pilot = _word_regex([fold(w) for w in ctx.pilot])
        self._rejection = self._word_list([fold(w) for w in ctx.rejection], prefix=True)
        self._concrete = [re.compile(p) for p in ctx.concrete_patterns]
        relevance = self.rubric.relevance
        # a word of another domain (asiel, suïcidepreventie, vakantiepark) without a topic term in
        # the same sentence: the sentence is about that domain, not about homelessness
        self._other_domains = self._word_list([fold(w) for w in relevance.other_domains], prefix=True, suffix=True)
        self._table_share = relevance.table_number_share
        self._not_evidence = self._word_list([fold(w) for w in relevance.not_evidence], prefix=True)
        self._paragraph_window = relevance.paragraph_sentences
        self._negation_words = [*ctx.negation, *ctx.negation_after]
        description = ctx.description
        self._description = (description.copulas, description.commitment, description.action_verbs)
        self._analyser = ContextAnalyser(
            ctx.pilot, ctx.reference_year, self._concrete, self._negation_words, self._description
        )
        # separable-verb terms by their particle: "uit" → ["uitbreiden", …]
        self._separable: dict[str, list[str]] = defaultdict(list)
        self._past = [re.compile(p) for p in ctx.past_patterns]
        self._compile_terms()

    def _compile_terms(self) -> None:
        """Every term of the topic and the indicators, indexed for the matchers: one-word terms
        by lemma and by form (and the separable verbs by particle), phrases in the PhraseMatcher."""
        self._terms: list[_CompiledTerm] = []
        self._phrase_matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._by_lemma: dict[str, list[_CompiledTerm]] = defaultdict(list)
        single_forms: dict[str, list[_CompiledTerm]] = defaultdict(list)
        # The topic terms go through the same matchers under a pseudo-indicator; their hits are
        # counted ("is this document about homelessness?"), never emitted as evidence.
        topic_signal = Signal(
            id="onderwerp", label="Onderwerp dakloosheid", polarity="neutral", terms=self.rubric.topic.terms
        )
        groups = [(TOPIC, [topic_signal])] + [(ind.id, ind.signals) for ind in self.rubric.indicators]
        if self.rubric.topic.weak_terms:
            weak = Signal(id="onderwerp_zwak", label="Onderwerp (zwak)", terms=self.rubric.topic.weak_terms)
            groups.insert(1, (TOPIC_WEAK, [weak]))
        for indicator_id, signals in groups:
            for signal in signals:
                for term in signal.terms:
                    compiled = self._compile(indicator_id, signal, term)
                    if len(compiled.words) == 1:
                        if term.lemma:
                            self._by_lemma[compiled.words[0]].append(compiled)
                        self._by_lemma[compiled.form].append(compiled)
                        single_forms[compiled.form].append(compiled)
        self._single_forms = single_forms
        for form in single_forms:
            for particle in PARTICLES:
                if form.startswith(particle) and form.endswith("en") and len(form) > len(particle) + 3:
                    self._separable[particle].append(form)
        # The regex only finds positions where some form starts; all forms starting there are
        # then tried ("opvangplekken" holds both "opvangplek" and "opvang").
        self._forms_by_head: dict[str, list[str]] = defaultdict(list)
        for form in single_forms:
            self._forms_by_head[form[:_HEAD]].append(form)
        heads = sorted(self._forms_by_head, key=len, reverse=True)
        alternation = "|".join(re.escape(h) for h in heads)
        self._form_regex = re.compile(f"(?=(?:{alternation}))") if alternation else None
        self._form_cache: dict[tuple[str, str], tuple[_CompiledTerm, ...]] = {}

    def pipeline_description(self) -> str:
        """For run.json: the matching pipeline and the one that parsed the evidence sentences."""
        from omslag.rules.nlp import pipeline_name

        deep = pipeline_name(self.deep_nlp) if isinstance(self.deep_nlp, Language) else "none (word patterns)"
        return f"{pipeline_name(self.nlp)}; analysis: {deep}"

    # -- building ----------------------------------------------------------------------
    def _near_regex(self, words: list[str]) -> re.Pattern | None:
        """A `near` group or `not_near` list: a word, or the start or end of a compound ("huur" in
        huurachterstand), except the rubric's `whole_words`, which count only as themselves."""
        return self._word_list([fold(w) for w in words], prefix=True, suffix=True)

    def _word_list(self, folded: list[str], *, prefix: bool, suffix: bool = False) -> re.Pattern | None:
        """A rubric word list that also matches the start (and end) of a compound, except the
        rubric's `whole_words`, which count only as themselves: "coa" (the asylum agency) is not
        the start of "coalitieakkoord", nor "definitie" of "definitief"."""
        whole = [w for w in folded if w in self._whole_words]
        pieces = []
        compound = _word_regex([w for w in folded if w not in self._whole_words], prefix=prefix, suffix=suffix)
        if compound is not None:
            pieces.append(compound.pattern)
        if whole:
            pieces.append(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(whole, key=len, reverse=True))) + r")(?!\w)")
        return re.compile("|".join(f"(?:{p})" for p in pieces)) if pieces else None

    def _compile(self, indicator: str, signal: Signal, term: Term) -> _CompiledTerm:
        pattern_doc = self.nlp(prepare_text(term.phrase))
        words = tuple(t.norm_ for t in pattern_doc if not t.is_space)
        compiled = _CompiledTerm(
            index=len(self._terms),
            indicator=indicator,
            signal=signal,
            term=term,
            words=words,
            form=fold(term.phrase),
            near=tuple(pattern for group in term.near_groups() if (pattern := self._near_regex(group)) is not None),
            not_near=self._near_regex(term.not_near) if term.not_near else None,
            not_around=self._near_regex(term.not_around) if term.not_around else None,
            exclude=frozenset(fold(w) for w in term.exclude),
        )
        self._terms.append(compiled)
        if len(words) > 1:
            self._phrase_matcher.add(str(compiled.index), self._phrase_patterns(term.phrase, pattern_doc))
        return compiled

    def _phrase_patterns(self, phrase: str, pattern_doc: Doc) -> list[Doc]:
        """A phrase of plain words as written apart and as Dutch also writes a fixed phrase: with
        hyphens ("bed-bad-brood", "Wonen-Eerst", "Housing-First"), which the tokenizer splits into
        word, hyphen, word. A phrase with its own punctuation ("bed, bad en brood", "dak- en
        thuisloze") is matched as written only."""
        words = [t for t in pattern_doc if not t.is_space]
        if any(not t.is_alpha for t in words):
            return [pattern_doc, *self._infinitive_readings(pattern_doc)]
        return [pattern_doc, self.nlp("-".join(t.text for t in words)), *self._infinitive_readings(pattern_doc)]

    def _infinitive_readings(self, pattern_doc: Doc) -> list[Doc]:
        """The phrase once more with its infinitives read as verbs. simplemma takes an infinitive
        that is also a plural noun for the noun ("zetten" → "zet", "stellen" → "stel"), but the
        same verb in the text, as a participle or a finite form, for the verb ("gezet" →
        "zetten"): "uit huis zetten" would miss "uit huis gezet". A one-word term is found by its
        written form as well as its lemma; a phrase word now is too."""
        reading = pattern_doc.copy()
        changed = False
        for token in reading:
            written = fold(token.text)
            if token.is_alpha and written.endswith("en") and written != token.norm_:
                token.norm_ = written
                changed = True
        return [reading] if changed else []

    # -- one-word terms ------------------------------------------------------------------
    def terms_reading(self, word: str) -> list[tuple[str, str, str]]:
        """(indicator, signal, phrase) of every one-word term the matcher reads in `word` — as
        itself, inflected, as part of a compound or through its lemma — for the term audit
        (bench/term_audit.py), where analysts look for false friends ("aansluiting" holds
        "sluiting"). The topic terms have indicator "onderwerp". Near words are not checked."""
        token = self.nlp(word)[0]
        folded = token.lower_ if token.is_ascii else fold(token.text)
        names = {TOPIC: "onderwerp", TOPIC_WEAK: "onderwerp"}
        return [
            (names.get(c.indicator, c.indicator), c.signal.id, c.term.phrase)
            for c in self._single_word_terms(folded, token.norm_)
        ]

    def _single_word_terms(self, folded_text: str, norm: str, heads: bool = True) -> tuple[_CompiledTerm, ...]:
        key = (folded_text, norm)
        cached = self._form_cache.get(key)
        if cached is not None:
            return cached
        found: dict[int, _CompiledTerm] = {}
        for compiled in self._by_lemma.get(norm, ()):  # whole word, any inflection the lemmatizer knows
            found[compiled.index] = compiled
        if self._form_regex is not None and len(folded_text) > 2:
            for match in self._form_regex.finditer(folded_text):
                start = match.start()
                for form in self._forms_by_head.get(folded_text[start : start + _HEAD], ()):
                    if not folded_text.startswith(form, start):
                        continue
                    at_start = start == 0
                    at_end = is_inflection(form, folded_text[start + len(form) :])
                    for compiled in self._single_forms[form]:
                        if _position_allowed(compiled.term.compound, at_start, at_end):
                            found[compiled.index] = compiled
        result = tuple(c for c in found.values() if not any(x in folded_text or x == norm for x in c.exclude))
        if not result and heads and norm == folded_text and len(folded_text) >= _MIN_COMPOUND_CHARS:
            result = self._compound_head_terms(folded_text)
        if heads:
            self._form_cache[key] = result
        return result

    def _compound_head_terms(self, folded_text: str) -> tuple[_CompiledTerm, ...]:
        """A compound the lemmatizer does not know, read with its head word lemmatized: the
        plural of the head may change its stem ("cliëntenraden" → cliëntenraad, "bewonersraden"
        → bewonersraad: raad/raden), which the inflection endings cannot undo. The head is the
        longest tail that the lemmatizer does know and that, put back, gives a rubric term."""
        from omslag.rules.nlp import _simplemma_lemma

        for at in range(_MIN_COMPOUND_PART, len(folded_text) - _MIN_COMPOUND_PART + 1):
            tail = folded_text[at:]
            lemma = fold(_simplemma_lemma(tail))
            if lemma == tail or "_" in lemma or not lemma.isalpha():
                continue  # unknown, or a separable verb ("op_vangen"): not a noun head
            candidate = folded_text[:at] + lemma
            found = self._single_word_terms(candidate, candidate, heads=False)
            if found:
                return tuple(found)
        return ()

    # -- finding -------------------------------------------------------------------------
    def find(self, document: Document) -> list[Evidence]:
        return self.find_all(document).evidence

    def find_all(self, document: Document) -> Findings:
        pages = document.text_pages
        texts = [prepare_text(p.text) for p in pages]
        evidence: list[Evidence] = []
        topic_sentences = 0
        topic_pages: dict[int, int] = {}
        reference_year = _reference_year(document, self.rubric.context.reference_year)
        for page, doc in zip(pages, self.nlp.pipe(texts, batch_size=16), strict=False):
            page_evidence, page_topic = self._find_in_page(
                document, page.number, doc, page.continues_at, page.text, reference_year
            )
            evidence.extend(page_evidence)
            topic_sentences += page_topic
            if page_topic:
                topic_pages[page.number] = page_topic
        return Findings(evidence=evidence, topic_sentences=topic_sentences, topic_pages=topic_pages)

    def _separable_candidates(self, doc: Doc) -> set[int]:
        """Sentences (by start token) where a particle stands apart from a verb that, joined
        with it, is a rubric term ("wij bouwen de opvang af"): parsed even without another hit."""
        found: set[int] = set()
        if not self._separable:
            return found
        words_of: dict[int, set[str]] = {}
        for token in doc:
            forms = self._separable.get(token.lower_)
            if not forms:
                continue
            sent = token.sent
            if sent.start in found:
                continue
            words = words_of.get(sent.start)
            if words is None:
                words = words_of[sent.start] = {t.norm_ for t in sent} | {t.lower_ for t in sent}
            for form in forms:
                stem = form[len(token.lower_) :]
                if stem in words or any(w.startswith(stem[:-2]) for w in words if len(stem) > 4):
                    found.add(sent.start)
                    break
        return found

    def _hits(self, doc: Doc) -> list[_Hit]:
        hits: list[_Hit] = []
        for token in doc:
            # URLs and e-mail addresses are references, not policy text ("deelnemers-enquetes")
            if token.is_space or token.is_punct or token.like_num or token.like_url or token.like_email:
                continue
            terms = self._single_word_terms(token.lower_ if token.is_ascii else fold(token.text), token.norm_)
            if terms and is_name_not_word(token):
                continue  # "de gemeenten Blaricum, Huizen en Laren": the town, not "huizen" (homes)
            hits.extend(_Hit(compiled, token.i, token.i + 1) for compiled in terms)
        for match_id, start, end in self._phrase_matcher(doc):
            compiled = self._terms[int(self.nlp.vocab.strings[match_id])]
            hits.append(_Hit(compiled, start, end))
        return hits

    def _find_in_page(
        self,
        document: Document,
        page_number: int,
        doc: Doc,
        continues_at: int | None = None,
        page_text: str | None = None,
        reference_year: int | None = None,
    ) -> tuple[list[Evidence], int]:
        hits = self._hits(doc)
        separable = self._separable_candidates(doc) if self.deep_nlp else set()
        if not hits and not separable:
            return [], 0
        sentences = list(doc.sents)
        page = _Page(
            document=document,
            number=page_number,
            doc=doc,
            text=page_text or doc.text,
            continues_at=continues_at,
            reference_year=reference_year,
            sentences=sentences,
            starts=[sent.start for sent in sentences],
            paragraph_of=_paragraph_ids(doc, sentences),
        )
        self._parse_hit_sentences(page, hits, separable)
        grouped = self._group_hits(page, hits)
        table_rows, topic_indices = self._topic_sentences(page, grouped)
        # one pass over the page for intent lemmas; sentences then look them up by position
        intent_positions = [t.i for t in doc if t.norm_ in self._intent_words or t.lower_ in self._intent_words]
        flags_cache: dict[int, _SentenceFlags] = {}
        titles: dict[int, bool] = {}  # per sentence, not per indicator and signal found in it
        out: list[Evidence] = []
        for (s_index, indicator, signal_id), sentence_hits in grouped.items():
            if indicator in (TOPIC, TOPIC_WEAK) or s_index in table_rows:
                continue
            sent = sentences[s_index]
            if s_index not in titles:
                # "Ervaringskennis", "5.1 Vroegsignalering" (a heading) or "Inleiding 4 Preventie 15
                # Wonen 19" (a table of contents on one line): a title, not a statement
                heading = is_bare_heading(page.text, sent.start_char, sent.end_char)
                titles[s_index] = heading or is_contents_run(sent.text)
            if titles[s_index]:
                continue
            scope = self._topic_scope(s_index, topic_indices, page.paragraph_of, sentences)
            folded = page.folded[s_index]
            if scope != "sentence" and self._other_domains and self._other_domains.search(folded):
                continue  # "opvang van Oekraïense vluchtelingen", "suïcidepreventie": another domain
            if scope == "none" and self._other_domains and self._names_other_domain(page, s_index):
                continue  # "… sociale woningbouw 2e fase. Dit betreft … de asielinstroom": its paragraph's domain
            if self._not_evidence and self._not_evidence.search(folded):
                continue  # a definition or a procedural sentence ("onder dakloosheid verstaan we")
            signal = sentence_hits[0][0].term.signal
            # as in _evidence, the first term's flags are the sentence's
            first_flags = min(sentence_hits, key=lambda h: h[0].start_token)[2]
            if not signal.description_counts and first_flags is not None and first_flags.describes:
                continue  # "Beschermd wonen is een wettelijke taak": the service named, nothing committed
            sentence_flags = flags_cache.get(s_index)
            if sentence_flags is None:
                sentence_flags = flags_cache[s_index] = self._sentence_flags(sent, folded, intent_positions)
            out.append(self._evidence(page, s_index, indicator, signal_id, sentence_hits, sentence_flags, scope))
        out.sort(key=lambda e: (e.page, e.start, e.rule_id))
        return out, len(topic_indices)

    def _parse_hit_sentences(self, page: _Page, hits: list[_Hit], separable: set[int]) -> None:
        """Parse the sentences with a hit, once each (into page.parsed); the parse may add
        separable-verb hits."""
        if not isinstance(self.deep_nlp, Language):
            return
        sentences, starts = page.sentences, page.starts
        # sentences with only topic hits ("dakloos") give no evidence: not worth a parse
        wanted = sorted(
            {bisect_right(starts, h.start_token) - 1 for h in hits if h.term.indicator != TOPIC}
            | {starts.index(s) for s in separable}
        )
        wanted = [i for i in wanted if len(sentences[i]) <= _MAX_PARSE_TOKENS]
        # a word in brackets ("(nog) niet", "(ambulante) begeleiding") is parsed without them: the
        # small parser hangs the words after a bracket elsewhere (real rf314). Same length, so
        # the parse's character offsets stay the sentence's
        texts = [_BRACKETED_WORD.sub(r" \1 ", sentences[i].text) for i in wanted]
        for s_index, parsed_doc in zip(wanted, self.deep_nlp.pipe(texts, batch_size=64), strict=True):
            page.parsed[s_index] = parsed_doc
            joined = page.joined_verbs[s_index] = _joined_verbs(parsed_doc)
            hits.extend(self._separable_hits(sentences[s_index], joined))

    def _group_hits(self, page: _Page, hits: list[_Hit]) -> dict[tuple[int, str, str], list[_GroupedHit]]:
        """The hits whose `near` / `not_near` words allow them, with their negation and parsed
        flags, by (sentence, indicator, signal)."""
        grouped: dict[tuple[int, str, str], list[_GroupedHit]] = defaultdict(list)
        sentences = page.sentences
        for hit in hits:
            s_index = bisect_right(page.starts, hit.start_token) - 1
            sent = sentences[s_index]
            folded = page.folded.setdefault(s_index, fold(sent.text))
            if hit.term.near:
                near_text = self._near_text(page, hit, s_index, folded)
                if not all(pattern.search(near_text) for pattern in hit.term.near):
                    continue
            if hit.term.not_near is not None and hit.term.not_near.search(folded):
                continue
            if hit.term.not_around is not None and hit.term.not_around.search(
                _around_text(page, s_index, hit.term.term.around_window)
            ):
                continue
            flags = None
            if s_index in page.parsed:
                try:
                    flags = self._parsed_flags(page.parsed[s_index], sent, hit, page.reference_year)
                except Exception as exc:  # one odd parse must not cost the document: word patterns
                    log.warning(
                        "context flags from the parse failed on page %s (%s); word patterns used", page.number, exc
                    )
            if flags is not None:
                negated = flags.negated
            else:
                flags = None
                negated = self._is_negated(page.doc, sent, hit.start_token, hit.end_token)
            # "niemand slaapt op straat" is the goal, not its negation
            negated = negated and hit.term.term.negatable
            grouped[(s_index, hit.term.indicator, hit.term.signal.id)].append((hit, negated, flags))
        return grouped

    def _topic_sentences(
        self, page: _Page, grouped: dict[tuple[int, str, str], list[_GroupedHit]]
    ) -> tuple[set[int], list[int]]:
        """The table rows among the sentences with a hit, and the sentences that name the topic."""
        sentences, paragraph_of = page.sentences, page.paragraph_of
        # rows of numbers from a table are not sentences: neither evidence nor topic mentions
        table_rows = {s for s in {key[0] for key in grouped} if self._is_table_row(sentences[s])}
        strong = {key[0] for key in grouped if key[1] == TOPIC}
        weak = {key[0] for key in grouped if key[1] == TOPIC_WEAK} - strong
        if weak and self._other_domains is not None:
            # "de opvang" names the shelter, unless its paragraph is about refugees or children
            foreign = {
                p
                for p in {paragraph_of[s] for s in weak}
                if self._other_domains.search(
                    fold(" ".join(sentences[i].text for i, q in enumerate(paragraph_of) if q == p))
                )
            }
            weak = {s for s in weak if paragraph_of[s] not in foreign}
        return table_rows, sorted((strong | weak) - table_rows)

    def _negated(
        self, signal: Signal, terms: list[MatchedTerm], parsed_flags: ContextFlags | None, folded: str
    ) -> tuple[bool, str]:
        """(negated, why) of a sentence's signal."""
        # the first matched term carries the sentence's head: "geen afspraken over
        # vroegsignalering van betalingsachterstanden" negates both
        negated = terms[0].negated
        negated_by = parsed_flags.negated_by if parsed_flags else ("woordpatroon" if negated else "")
        if signal.polarity == "counter" and self._rejection and self._rejection.search(folded):
            negated = True  # "de woonladder wordt afgeschaft": the counter-signal is rejected
            rejected = self._rejection.search(folded)
            negated_by = negated_by or (f"afwijzing ({rejected.group(0)})" if rejected else "afwijzing")
        return negated, negated_by

    def _evidence(
        self,
        page: _Page,
        s_index: int,
        indicator: str,
        signal_id: str,
        sentence_hits: list[_GroupedHit],
        sentence_flags: _SentenceFlags,
        scope: str,
    ) -> Evidence:
        """One evidence item: a sentence with its signal's terms and context flags."""
        doc, sentences, folded = page.doc, page.sentences, page.folded[s_index]
        sent = sentences[s_index]
        signal = sentence_hits[0][0].term.signal
        terms = _unique_terms(doc, [(h, n) for h, n, _f in sentence_hits])
        first = min(sentence_hits, key=lambda h: h[0].start_token)
        parsed_flags: ContextFlags | None = first[2]
        negated, negated_by = self._negated(signal, terms, parsed_flags, folded)
        if parsed_flags is not None:
            sentence_flags = _SentenceFlags(
                concrete=parsed_flags.concrete,
                intent=parsed_flags.intent_only,
                pilot=parsed_flags.pilot,
                past=parsed_flags.past,
            )
        rule_id = f"{indicator}.{signal_id}"
        start, end = sent.start_char, sent.end_char
        document, page_number, continues_at = page.document, page.number, page.continues_at
        return Evidence(
            evidence_id=stable_evidence_id(document.doc_id, rule_id, page_number, start, end),
            doc_id=document.doc_id,
            plan_id=document.plan_id,
            indicator=indicator,
            signal=signal_id,
            signal_label=signal.label,
            polarity=signal.polarity,
            rule_id=rule_id,
            page=page_number,
            page_end=page_number + 1 if continues_at is not None and end > continues_at else None,
            start=start,
            end=end,
            sentence=_clip(sent.text, terms, start),
            context_before=_clip_plain(sentences[s_index - 1].text) if s_index > 0 else "",
            context_after=_clip_plain(sentences[s_index + 1].text) if s_index + 1 < len(sentences) else "",
            terms=terms,
            negated=negated,
            concrete=sentence_flags.concrete and not negated,
            intent_only=sentence_flags.intent and not sentence_flags.concrete,
            pilot=sentence_flags.pilot,
            past=sentence_flags.past,
            statistic=parsed_flags.statistic if parsed_flags else False,
            negated_by=negated_by if negated else "",
            tense=parsed_flags.tense if parsed_flags else "",
            modal=parsed_flags.modal if parsed_flags else "",
            commitment=parsed_flags.commitment if parsed_flags else "",
            prevention_type=signal.prevention_type,
            ladder_step=signal.ladder_step,
            topic_scope=scope,
            rubric_version=self.rubric.version,
        )

    def _is_table_row(self, sent: Span) -> bool:
        """A 'sentence' in which figures make up a large share of the words is a table row,
        when it also reads like one: no full stop at the end, or figures side by side
        ("Beschermd wonen -50 -50"). "In 2023 ontvingen wij 2.340 signalen, tegen 1.810 in
        2022." stays a sentence."""
        # " | " separates the cells of a table row (extract/clean.py): not a word
        words = [t for t in sent if not (t.is_space or t.is_punct or t.text in ("€", "%", CELL_SEPARATOR.strip()))]
        if len(words) < 4:
            return False
        numeric = [any(c.isdigit() for c in t.text) for t in words]
        if sum(numeric) / len(words) < self._table_share:
            return False
        last = next((t for t in reversed(sent) if not t.is_space), None)
        ends_like_sentence = last is not None and last.text in (".", "!", "?", ";", ":")
        side_by_side = any(a and b for a, b in pairwise(numeric))
        return side_by_side or not ends_like_sentence

    def _names_other_domain(self, page: _Page, s_index: int) -> bool:
        """Does a sentence of its paragraph, at most `paragraph_sentences` away, name another
        domain (asylum, refugees, child care)? For a sentence whose paragraph does not name
        homelessness, in a plan read whole: the paragraph is then about that domain."""
        assert self._other_domains is not None
        paragraph = page.paragraph_of[s_index]
        window = self._paragraph_window
        for i in range(max(0, s_index - window), min(len(page.sentences), s_index + window + 1)):
            if i != s_index and page.paragraph_of[i] == paragraph:
                folded = page.folded.setdefault(i, fold(page.sentences[i].text))
                if self._other_domains.search(folded):
                    return True
        return False

    def _topic_scope(
        self, s_index: int, topic_indices: list[int], paragraph_of: list[int], sentences: list[Span]
    ) -> str:
        """Where the text names homelessness for this sentence: in the sentence itself, in its
        paragraph (at most `paragraph_sentences` sentences away) or in the heading just above
        the paragraph; otherwise "none" (only a whole plan about homelessness then counts it)."""
        if not topic_indices:
            return "none"
        at = bisect_left(topic_indices, s_index)
        if at < len(topic_indices) and topic_indices[at] == s_index:
            return "sentence"
        paragraph = paragraph_of[s_index]
        window = self._paragraph_window
        for i in topic_indices[max(0, at - window - 1) : at + window + 1]:
            if abs(i - s_index) <= window and paragraph_of[i] == paragraph:
                return "paragraph"
        # a short heading paragraph right above ("Maatschappelijke opvang en beschermd wonen")
        first = next(i for i in range(s_index, -1, -1) if i == 0 or paragraph_of[i - 1] != paragraph)
        if first > 0:
            heading = first - 1
            if paragraph_of[heading] != paragraph and heading in topic_indices and len(sentences[heading]) <= 12:
                return "paragraph"
        return "none"

    def _parsed_flags(self, parsed: Doc, sent: Span, hit: _Hit, reference_year: int | None) -> ContextFlags:
        """The flags of one hit from the parse of its sentence (offsets are sentence-relative)."""
        base = sent.start_char
        doc = sent.doc
        span_range: tuple[int, int] | None = None
        if hit.parsed_token is not None:
            token = parsed[hit.parsed_token]
        else:
            span = parsed.char_span(
                doc[hit.start_token].idx - base,
                doc[hit.end_token - 1].idx + len(doc[hit.end_token - 1]) - base,
                alignment_mode="expand",
            )
            if span is None or len(span) == 0:
                return ContextFlags()
            token = span.root
            span_range = (span.start, span.end)
        analyser = self._analyser
        if reference_year is not None and reference_year != analyser.reference_year:
            analyser = ContextAnalyser(
                self.rubric.context.pilot, reference_year, self._concrete, self._negation_words, self._description
            )
        return analyser.analyse(parsed[:], token, span_range, negatable=hit.term.term.negatable)

    @staticmethod
    def _near_text(page: _Page, hit: _Hit, s_index: int, folded: str) -> str:
        """The text a term's `near` words are looked for in: the sentence, and where it was parsed
        its separable verbs joined ("Wij zetten ervaringsdeskundigen in" also reads "inzetten",
        "stellen wij … een uitvoeringsagenda op" also "opstellen"), since the near lists name the
        verb whole and Dutch splits it in a main clause; with the term's `near_window`, the
        sentences before it in the paragraph too ("Zij denken mee": who takes part may be named
        in the sentence before)."""
        text = page.near_folded.get(s_index)
        if text is None:
            joined = sorted({lemma for _, lemma in page.joined_verbs.get(s_index, ())})
            text = page.near_folded[s_index] = " ".join([folded, *joined])
        term = hit.term
        window = term.term.near_window if term.term.near_window is not None else term.signal.near_window
        if window:
            before = [
                i
                for i in range(max(0, s_index - window), s_index)
                if page.paragraph_of[i] == page.paragraph_of[s_index]
            ]
            text = " ".join([*(fold(page.sentences[i].text) for i in before), text])
        return text

    def _separable_hits(self, sent: Span, joined: list[tuple[Token, str]]) -> list[_Hit]:
        """Terms seen only in the joined lemma of a separable verb: "Wij breiden … uit" (the
        sentence's `_joined_verbs`)."""
        out: list[_Hit] = []
        doc = sent.doc
        for token, lemma in joined:
            for compiled in self._by_lemma.get(lemma, ()):
                start = _token_at(doc, sent.start_char + token.idx)
                if start is None:
                    continue
                out.append(_Hit(compiled, start, start + 1, parsed_token=token.i))
        return out

    def _is_negated(self, doc: Doc, sent: Span, start: int, end: int) -> bool:
        """NegEx-like: a negation word at most `negation_window` tokens before the term, not
        behind a stop (maar, echter, a comma), negates it — unless an even number of negations
        stands before the term in the sentence ("geen enkele jongere verlaat de jeugdzorg zonder
        woonplek" is a positive target). A phrase after the term can negate it too
        ("nazorg ontbreekt", "van afbouw is geen sprake")."""
        window_start = max(sent.start, start - self.rubric.context.negation_window)
        negated = False
        for i in range(start - 1, window_start - 1, -1):
            token = doc[i]
            if (token.is_punct and token.text in ",;:()") or token.norm_ in self._negation_stops:
                break
            if token.norm_ in self._negation or token.lower_ in self._negation:
                negated = True
                break
        if negated:
            # double negation anywhere in the sentence cancels: "geen enkele jongere verlaat de
            # jeugdzorg zonder woonplek" promises a woonplek
            count = sum(1 for t in sent if t.norm_ in self._negation or t.lower_ in self._negation)
            return count % 2 == 1
        if self._negation_after is not None:
            tail = fold(doc[end : sent.end].text) if end < sent.end else ""
            return bool(self._negation_after.search(tail))
        return False

    def _sentence_flags(self, sent: Span, folded: str, intent_positions: list[int]) -> _SentenceFlags:
        concrete = any(p.search(folded) for p in self._concrete)
        first_intent = bisect_left(intent_positions, sent.start)
        intent = (first_intent < len(intent_positions) and intent_positions[first_intent] < sent.end) or bool(
            self._intent_phrases and self._intent_phrases.search(folded)
        )
        pilot = bool(self._pilot and self._pilot.search(folded))
        past = any(p.search(folded) for p in self._past)
        return _SentenceFlags(concrete=concrete, intent=intent, pilot=pilot, past=past)


_INFLECTION_RE = re.compile(_INFLECTION)


def _around_text(page: _Page, s_index: int, window: int) -> str:
    """The folded sentence with up to `window` sentences before and after it in its paragraph."""
    paragraph = page.paragraph_of[s_index]
    last = len(page.sentences) - 1
    return " ".join(
        page.folded.setdefault(i, fold(page.sentences[i].text))
        for i in range(max(0, s_index - window), min(last, s_index + window) + 1)
        if page.paragraph_of[i] == paragraph
    )


def _paragraph_ids(doc: Doc, sentences: list[Span]) -> list[int]:
    """Paragraph number of every sentence: blank lines ("\n\n") separate paragraphs."""
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", doc.text)]
    return [bisect_right(breaks, sent.start_char) for sent in sentences]


def is_inflection(form: str, rest: str) -> bool:
    """True when `rest` is an ending of `form`: woonplek+ken (doubled consonant), opvang+en.
    Public for bench/term_audit.py, which must tell a term's own inflections from what it catches
    beyond itself with the endings the matcher uses."""
    if not rest:
        return True
    if len(form) < 4:  # "nad" + "er" is "nader": short keywords only match as they are
        return False
    if _INFLECTION_RE.fullmatch(rest):
        return True
    return len(rest) > 1 and rest[0] == form[-1] and _INFLECTION_RE.fullmatch(rest[1:]) is not None


def _position_allowed(compound: Compound, at_start: bool, at_end: bool) -> bool:
    if at_start and at_end:
        return True  # the word itself, possibly inflected
    if compound is Compound.ANY:
        return True
    if compound is Compound.HEAD:
        return at_end
    if compound is Compound.FIRST:
        return at_start
    return False


def _word_regex(words: list[str], prefix: bool = False, suffix: bool = False) -> re.Pattern | None:
    """Regex for whole words; with prefix/suffix also as first/last part of a compound."""
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    left = r"(?<!\w)"
    right = r"(?!\w)"
    if prefix and suffix:
        # as the last part of a compound, not as the last digits of a longer number: "18" (an
        # age: "jeugdzorg … 18") is not the end of the year "2018" (held-out ho-010)
        return re.compile(f"(?:{left}(?:{alternation}))|(?:(?<!\\d)(?:{alternation}){_INFLECTION}{right})")
    if prefix:
        return re.compile(f"{left}(?:{alternation})")
    return re.compile(f"{left}(?:{alternation}){_INFLECTION}{right}")


def _unique_terms(doc: Doc, sentence_hits: list[tuple[_Hit, bool]]) -> list[MatchedTerm]:
    """One MatchedTerm per text span; a longer phrase hit hides a shorter one inside it."""
    spans: dict[tuple[int, int], MatchedTerm] = {}
    for hit, negated in sorted(sentence_hits, key=lambda h: (h[0].start_token, -(h[0].end_token))):
        span = doc[hit.start_token : hit.end_token]
        key = (span.start_char, span.end_char)
        if key in spans and spans[key].negated and not negated:
            # the same words read by a term whose negation is its meaning (negatable: false)
            spans[key] = spans[key].model_copy(update={"negated": False})
            continue
        if any(s <= key[0] and key[1] <= e for (s, e) in spans):
            continue
        spans[key] = MatchedTerm(
            text=span.text, term=hit.term.term.phrase, start=span.start_char, end=span.end_char, negated=negated
        )
    return sorted(spans.values(), key=lambda t: t.start)


def _clip_plain(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_SENTENCE_CHARS else text[: _MAX_SENTENCE_CHARS - 1] + "…"


def _clip(text: str, terms: list[MatchedTerm], offset: int) -> str:
    """Long 'sentences' (tables, lists) are cut to a window around the first matched term."""
    flat = " ".join(text.split())
    if len(text) <= _MAX_SENTENCE_CHARS:
        return flat
    first = terms[0].start - offset if terms else 0
    lo = max(0, first - _MAX_SENTENCE_CHARS // 2)
    snippet = " ".join(text[lo : lo + _MAX_SENTENCE_CHARS].split())
    return ("…" if lo > 0 else "") + snippet + "…"


_BRACKETED_WORD = re.compile(r"\(([^\W\d_]+)\)")
_HEADING_MAX_WORDS = 10
_ACTION_LINE_AIM_WORDS = 4  # words after the colon that make "Label: aim" a statement
_ACTION_LINE_LABEL_WORDS = 4  # "Versterken financiële bestaanszekerheid:", "Onze visie:"
# a caption or a reference is still a title: "Figuur 2: Aantal dakloze mensen per gemeente"
_CAPTION_WORDS = frozenset({"figuur", "tabel", "grafiek", "afbeelding", "kaart", "bron", "schema", "kader", "box"})
# "3.1 ", "B. ", "• ", "Actielijn 2: ", "Actielijnen 5 en 6: ", "Hoofdstuk 4 ", "Bijlage A. "
_HEADING_NUMBER = re.compile(
    r"^(?:(?:actielijn(?:en)?|hoofdstuk|bijlage|paragraaf|deel|stap)\s+[\dA-Z]+(?:\s+en\s+\d+)?[:.]?\s+"
    r"|\d+(?:\.\d+)*\.?\s+|[A-Z]\.\s+|[•\-–]\s+)",
    re.IGNORECASE,
)
_YEARS = re.compile(r"^\(?\d{4}(?:[-–]\d{4})?\)?$")
_NUMBERING_AT_END = re.compile(r"(?<![^\n])[ \t]*(?:\d+(?:\.\d+)*\.?|[A-Z]\.)[ \t]*$")


def _joined_verbs(parsed: Doc) -> list[tuple[Token, str]]:
    """The separable verbs of a parsed sentence, joined with their particle and folded, with the
    verb's token: "Wij breiden de opvang uit" → (breiden, "uitbreiden"). The parse joins the verb
    and its particle; where it missed the particle, a particle word after the verb that closes
    the clause (or opens a prepositional phrase) is tried."""
    out: list[tuple[Token, str]] = []
    for token in parsed:
        candidates = set()
        if any(c.dep_ in ("compound:prt", "compound") and c.i > token.i for c in token.children):
            candidates.add(fold(token.lemma_))
        verb = verb_infinitive(token.lower_, token.lemma_)
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and verb == token.lower_ and verb.endswith("en")):
            for later in parsed[token.i + 1 :]:
                # a hyphen inside a word ("Housing First-plekken") does not end the clause
                inside_word = later.text in HYPHENS and not later.whitespace_ and not parsed[later.i - 1].whitespace_
                if later.is_punct and not inside_word:
                    break
                nxt = parsed[later.i + 1] if later.i + 1 < len(parsed) else None
                closes = nxt is None or nxt.is_punct or nxt.pos_ == "ADP" or nxt.lower_ in ("en", "of", "maar")
                if later.lower_ in PARTICLES and closes:
                    candidates.add(fold(later.lower_ + verb_infinitive(token.lower_, token.lemma_, later.lower_)))
        out.extend((token, lemma) for lemma in sorted(candidates))
    return out


def is_bare_heading(text: str, start: int, end: int) -> bool:
    """A sentence that fills its own one or two lines of the page text, is short, has no closing
    punctuation and no figures after its number: a heading ("Ervaringskennis", "5.1
    Vroegsignalering van betalingsachterstanden"). Table rows ("Huisuitzettingen | 37 | 26")
    keep their figures and stay."""
    raw = text[start:end]
    sentence = raw.strip()
    # a heading may wrap onto a second line ("Samenhang met beschermd wonen en de regionale /
    # samenwerking"); three lines are a paragraph
    if not sentence or sentence.count("\n") > 1 or sentence.endswith((".", "!", "?", ":", ";", "…", ",")):
        return False
    first = start + len(raw) - len(raw.lstrip())  # the span may carry the paragraph break
    before = _NUMBERING_AT_END.sub("", text[:first]).rstrip(" \t")  # "3." split off by the sentencizer
    after = text[start + len(raw.rstrip()) :].lstrip(" \t")
    if (before and not before.endswith("\n")) or (after and not after.startswith("\n")):
        return False  # part of a line of running text, not a line of its own
    stripped = _HEADING_NUMBER.sub("", sentence)
    # "Preventie: dakloosheid wordt te allen tijde voorkomen", "Wonen Eerst: iedereen een stabiele
    # woonplek met ondersteuning op maat": an action line's name with its aim after the colon
    # states what the plan commits to — a statement, not a bare title (issue 10, dev set)
    label, colon, aim = stripped.partition(": ")
    label_words = label.split()
    if (
        colon
        and 0 < len(label_words) <= _ACTION_LINE_LABEL_WORDS
        and fold(label_words[0]) not in _CAPTION_WORDS
        and len(aim.split()) >= _ACTION_LINE_AIM_WORDS
    ):
        return False
    body = stripped.split()
    # figures make it a table row; a year or period ("2024-2027") fits a heading
    return 0 < len(body) <= _HEADING_MAX_WORDS and not any(re.search(r"\d", w) and not _YEARS.match(w) for w in body)


# A table of contents whose text layer is one run of text (an interactive PDF, a page copied from
# HTML): "Inleiding 4 Preventie en perspectief 15 Beschermd en veilig thuis wonen 19 …" or
# "2.6. Informele zorg ...... 49 2.7. Uitvoeringsagenda …". The line-based check of
# extract/clean.py never sees its lines; read as one sentence it names every theme of the plan
# and becomes evidence.
_CONTENTS_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,2})*\.?$")  # a page or section number: 14, 4.1, 2.6.
_DOT_LEADER = re.compile(r"\.{2,}|…+")
_CONTENTS_MIN_PAGES = 3
_CONTENTS_TITLE_MAX_WORDS = 20  # a chapter title with its unnumbered sub-titles


@dataclass
class _ContentsEntry:
    section: str = ""
    title: list[str] = field(default_factory=list)
    page: int | None = None


def _contents_entries(words: list[str]) -> list[_ContentsEntry]:
    """Split a run of words into entries "[section] Title [page]": a dotted number ("4.2") or a
    number before a capitalised word at an entry's start opens an entry; a whole number after a
    title, before a capital, another number or the end, is its page."""
    entries = [_ContentsEntry()]
    for i, word in enumerate(words):
        entry = entries[-1]
        following = words[i + 1] if i + 1 < len(words) else ""
        if not _CONTENTS_NUMBER.match(word):
            entry.title.append(word)
            continue
        opens_title = following[:1].isupper()
        if "." in word.rstrip("."):
            # a dotted number is a section: it closes the entry before it
            if entry.title or entry.section:
                entries.append(_ContentsEntry())
            entries[-1].section = word
        elif entry.title and (not following or opens_title or _CONTENTS_NUMBER.match(following)):
            entry.page = int(word.rstrip("."))
            entries.append(_ContentsEntry())
        elif not entry.title and not entry.section and opens_title:
            entry.section = word
        else:
            entry.title.append(word)  # "Doel 1", "in 12 gemeenten": a number inside a title
    return [entry for entry in entries if entry.title or entry.section]


def _section_key(section: str) -> tuple[int, ...]:
    return tuple(int(part) for part in section.rstrip(".").split("."))


def is_contents_run(sentence: str) -> bool:
    """Is this sentence a table of contents given as one run of text? At least three entries
    with page numbers that never go down ("Visie 8 Ambities 14 Preventie 15"), or two entries
    with both a section and a page in order ("3 Visie … 11 4 Ambitie … 14"); every title a
    heading's length and capitalised. Numbered sections without pages ("4.1 Doel 1: Voorkomen
    dakloosheid … 4.2 Doel 2: …") are left alone: they may be a plan's action lines, each a
    statement of its aim (see `is_bare_heading`). A sentence of running text has a verb phrase
    between its numbers and no title after every number, so it does not fit ("In 2023 kwamen er
    12 plekken bij, in 2024 15")."""
    text = sentence.strip()
    if not text or text.endswith(("!", "?")):
        return False
    entries = _contents_entries(_DOT_LEADER.sub(" ", text).split())
    if not entries or any(
        not entry.title or len(entry.title) > _CONTENTS_TITLE_MAX_WORDS or not entry.title[0][:1].isupper()
        for entry in entries
    ):
        return False
    pages = [entry.page for entry in entries if entry.page is not None]
    sections = [_section_key(entry.section) for entry in entries if entry.section]
    in_order = pages == sorted(pages) and sections == sorted(sections) and len(set(sections)) == len(sections)
    both = [entry for entry in entries if entry.section and entry.page is not None]
    # "1 Mix van acties 2 Actieve rol 3 Periodiek bepalen …": numbers that count 1, 2, 3 number a
    # list of statements; they stand before their items, where a page number stands after its title
    counts = len(pages) > 1 and pages == list(range(pages[0], pages[0] + len(pages)))
    return in_order and not counts and (len(pages) >= _CONTENTS_MIN_PAGES or len(both) >= 2)


_FINDERS: dict[tuple[str, float], EvidenceFinder] = {}


def finder_for(rubric_path) -> EvidenceFinder:
    """One finder per rubric file (and its modification time) per process: building the
    matchers costs about a second, so it must not happen per document."""
    from pathlib import Path

    from omslag.rules.rubric import load_rubric

    path = Path(rubric_path).resolve()
    key = (str(path), path.stat().st_mtime)
    finder = _FINDERS.get(key)
    if finder is None:
        finder = _FINDERS[key] = EvidenceFinder(load_rubric(path))
    return finder
