"""Stage: rules — the rubric file (`rules/rubric.yaml`) as validated pydantic models.

Analysts edit the YAML, not Python. Validation is strict (unknown keys are errors) and every
error names the entry it is about, e.g. ``indicators[wonen].signals[opvang].terms[2]: ...``,
so a typo in the file is found at start-up instead of silently matching nothing.
"""

from __future__ import annotations

import hashlib
import re
from enum import Enum
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

DEFAULT_RUBRIC_PATH = Path(__file__).with_name("rubric.yaml")

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class RubricError(ValueError):
    """The rubric file is invalid; the message names the file and the entry."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Compound(str, Enum):
    """Where a one-word term may stand inside a Dutch compound word."""

    NONE = "none"  # only the word itself (with inflection): "opvang", "opvangen"
    HEAD = "head"  # also as last part: "nachtopvang", "daklozenopvang"
    FIRST = "first"  # also as first part: "opvangvoorziening", "opvanglocaties"
    ANY = "any"  # anywhere: head, first part or in the middle


class Term(Strict):
    """One way a signal shows up in text."""

    phrase: str = Field(description="One or more words, matched on lower-cased, accent-free lemmas.")
    compound: Compound = Field(
        default=Compound.ANY,
        description="For one-word phrases: where the word may stand inside a compound.",
    )
    near: list[str | list[str]] = Field(
        default_factory=list,
        description="If set, at least one of these words (or compounds with them) must occur in "
        "the same sentence, e.g. wethouder near [wonen, volkshuisvesting]. A list of lists asks "
        "for one word of every inner list: denken near [[mee], [ervaringsdeskundige, …]].",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Words that contain the term but mean something else (false friends); a "
        "word containing one of these (kinderopvangcentrum) is excluded too.",
    )
    not_near: list[str] = Field(
        default_factory=list,
        description="If one of these words is in the sentence, the term does not count here "
        "(e.g. opvang near asiel/vluchtelingen is not homelessness shelter).",
    )

    near_window: int | None = Field(
        default=None,
        ge=0,
        le=3,
        description="Overrides the signal's near_window for this term (0: the near words must stand in "
        "the sentence itself, e.g. who signs the plan).",
    )
    negatable: bool = Field(
        default=True,
        description="False for a term whose negation is its meaning: the nood goal 'niemand slaapt op "
        "straat', the condition 'wie (nog) niet woonfit is'. Negation words then never mark it negated "
        "(a counter-signal's rejection words still do).",
    )
    not_around: list[str] = Field(
        default_factory=list,
        description="Like not_near, but also in the sentences around the term (up to around_window "
        "before and after it, in the same paragraph): 'Daarom wordt een bewonersavond gehouden' after "
        "a sentence naming the opvang makes that sentence the subject of a meeting, not a measure.",
    )
    around_window: int = Field(
        default=2,
        ge=1,
        le=3,
        description="How many sentences before and after the term not_around looks at.",
    )
    lemma: bool = Field(
        default=True,
        description="False: a one-word term matches itself and its inflections only, not every word "
        "with its lemma. The lemmatizer reads a comparative as its base word, and the change is the "
        "meaning: 'minder opvang' is afbouw, 'weinig opvang' a shortage; 'vaker' is not 'vaak'.",
    )

    @field_validator("phrase")
    @classmethod
    def _phrase_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("phrase is empty")
        return value.strip()

    def near_groups(self) -> list[list[str]]:
        """`near` as groups: every group needs one word in the sentence."""
        if not self.near:
            return []
        if any(isinstance(item, list) for item in self.near):
            return [item if isinstance(item, list) else [item] for item in self.near]
        return [[item for item in self.near if isinstance(item, str)]]  # a flat list is one group

    @model_validator(mode="after")
    def _compound_only_single_word(self) -> Term:
        if len(self.phrase.split()) > 1 and self.compound not in (Compound.ANY, Compound.NONE):
            raise ValueError("compound applies to one-word phrases only")
        return self


def _term_from_shorthand(value):
    # A bare string in the YAML is the common case: "- housing first".
    return {"phrase": value} if isinstance(value, str) else value


class Signal(Strict):
    id: str = Field(description="Short id, unique within the indicator; part of every rule_id.")
    label: str = Field(description="Dutch label raters see in the sheet.")
    polarity: Literal["positive", "neutral", "counter"] = Field(
        default="positive",
        description="counter = a sign against the omslag (e.g. housing to be earned).",
    )
    prevention_type: str | None = Field(default=None, description="One of vocabulary.prevention_types.")
    ladder_step: str | None = Field(default=None, description="One of vocabulary.ladder_steps.")
    near_window: int = Field(
        default=0,
        ge=0,
        le=3,
        description="The `near` words of this signal's terms may also stand this many sentences before, "
        "in the same paragraph: 'Het jongerenpanel is opgericht. Zij denken mee over het plan.'",
    )
    description_counts: bool = Field(
        default=True,
        description="False: a sentence that only describes (context.description: a definition or "
        "classification such as 'Beschermd wonen is een wettelijke taak voor gemeenten', a glossary "
        "line 'Gezinsopvang: opvang voor gezinnen') and commits the plan to nothing gives no evidence "
        "for this signal. For signals that only name a service; a counter-signal or a measure is "
        "evidence also when it is described.",
    )
    terms: list[Term] = Field(min_length=1)

    @field_validator("terms", mode="before")
    @classmethod
    def _shorthand(cls, value):
        return [_term_from_shorthand(v) for v in value] if isinstance(value, list) else value

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"signal id {value!r} must be lower-case letters, digits and _")
        return value


# ---- conditions used by level rules -------------------------------------------------------


class SignalCondition(Strict):
    """Holds when at least `min` evidence items of `signal` exist (on at least `min_pages`
    pages) with the given context flags. Negated evidence never counts, unless `negated: true`
    asks for exactly the negated items ("the plan rejects the woonladder")."""

    signal: str
    negated: bool = False
    min: int = Field(default=1, ge=1)
    min_pages: int = Field(default=1, ge=1)
    concrete: bool | None = Field(default=None, description="true: only evidence with a concrete action")
    intent_only: bool | None = None
    pilot: bool | None = None
    past: bool | None = None


class AllCondition(Strict):
    all: list[Condition] = Field(min_length=1)


class AnyCondition(Strict):
    any: list[Condition] = Field(min_length=1)


class NotCondition(Strict):
    not_: Condition = Field(alias="not")


class CountCondition(Strict):
    """Holds when at least `min` of the listed signals each have evidence (breadth)."""

    distinct_signals: list[str] = Field(min_length=1)
    min: int = Field(ge=1)
    concrete: bool | None = None


Condition = Annotated[
    SignalCondition | AllCondition | AnyCondition | NotCondition | CountCondition,
    Field(union_mode="left_to_right"),
]
AllCondition.model_rebuild()
AnyCondition.model_rebuild()
NotCondition.model_rebuild()


class LevelRule(Strict):
    id: str = Field(description="Rule id shown in rationales, e.g. wonen.niveau4.")
    level: int | Literal["ja", "nee"]
    description: str = Field(description="Dutch: why this rule gives this level.")
    when: Condition | None = Field(default=None, description="Omitted: always holds (the default).")


class Cap(Strict):
    id: str
    max_level: int = Field(ge=1, le=5)
    description: str
    when: Condition


class Level(Strict):
    name: str
    description: str


# `{…}` in a report text: a figure of the indicator itself ({concreet} is <indicator>.concreet)
_REPORT_FIGURE = re.compile(r"\{([^{}]*)\}")
_REPORT_FIGURES = {
    "ordinal": re.compile(r"^(?:n|concreet|concreet_pct|niveau\.[1-5])$"),
    "yes_no": re.compile(r"^(?:ja|ja_pct|nee)$"),
}


class IndicatorReport(Strict):
    """How the findings report presents the indicator, in Dutch. In a text, `{concreet}` is the
    indicator's figure (for a 1–5 indicator: n, concreet, concreet_pct, niveau.1 … niveau.5; for
    a ja/nee one: ja, ja_pct, nee) and `**…**` is bold."""

    title: str = Field(description="Heading of the indicator's section.")
    toc: str = Field(default="", description="Short name in the table of contents (empty: the title).")
    column: str = Field(description="Column heading in the per-region table: 'W'.")
    legend: str = Field(description="What the column heading stands for: 'wonen'.")
    card: str = Field(
        default="", description="1–5 indicator: text under its number on the front page (empty: no card)."
    )
    finding: str = Field(description="The indicator's line among the main findings.")
    intro: str = Field(description="The first paragraph of the section.")
    note: str = Field(default="", description="A sentence after the intro, e.g. what does not count.")
    new_old: str = Field(
        default="met concrete acties",
        description="What the new plans' count is: 'Nieuwe plannen: 3 met concrete acties'.",
    )
    counter_heading: str = Field(default="Tegenvoorbeelden", description="Heading above the counter-signals.")
    yes_phrase: str = Field(default="met ‘ja’", description="ja/nee indicator: 'plannen <yes_phrase>'.")
    no_phrase: str = Field(default="met ‘nee’", description="ja/nee indicator: 'plannen <no_phrase>'.")
    within: str | None = Field(
        default=None,
        description="Shown as a part of this (1–5) indicator's section, its finding after that one's; "
        "None: a section of its own.",
    )

    def texts(self) -> dict[str, str]:
        return {"card": self.card, "finding": self.finding, "intro": self.intro, "note": self.note}


class Indicator(Strict):
    id: str = Field(pattern=r"^[a-z][a-z_]*$", description="Short id; the first part of every rule_id.")
    name: str
    question: str
    kind: Literal["ordinal", "yes_no"] = "ordinal"
    levels: dict[int | str, Level]
    signals: list[Signal] = Field(min_length=1)
    rules: list[LevelRule] = Field(min_length=1, description="Tried top to bottom; the first that holds decides.")
    caps: list[Cap] = Field(default_factory=list)
    report: IndicatorReport

    @model_validator(mode="after")
    def _report_figures(self) -> Indicator:
        allowed = _REPORT_FIGURES[self.kind]
        if self.kind == "yes_no" and self.report.card:
            raise ValueError("report.card: the front page's cards are for 1–5 indicators")
        for field, text in self.report.texts().items():
            for name in _REPORT_FIGURE.findall(text):
                if not allowed.match(name):
                    raise ValueError(f"report.{field}: {{{name}}} is not a figure of a {self.kind} indicator")
        return self

    @model_validator(mode="after")
    def _references(self) -> Indicator:
        ids = [s.id for s in self.signals]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"duplicate signal ids: {sorted(duplicates)}")
        known = set(ids)
        rules: list[LevelRule | Cap] = [*self.rules, *self.caps]
        for rule in rules:
            cond = rule.when
            for name in _signals_in(cond) if cond is not None else []:
                if name not in known:
                    raise ValueError(f"rule {rule.id!r} refers to unknown signal {name!r}")
        if self.rules[-1].when is not None:
            raise ValueError(f"the last rule ({self.rules[-1].id!r}) must have no 'when': it is the default")
        allowed = {"ja", "nee"} if self.kind == "yes_no" else {1, 2, 3, 4, 5}
        for rule in self.rules:
            if rule.level not in allowed:
                raise ValueError(f"rule {rule.id!r}: level {rule.level!r} not in {sorted(map(str, allowed))}")
        return self


def _signals_in(cond) -> list[str]:
    if isinstance(cond, SignalCondition):
        return [cond.signal]
    if isinstance(cond, CountCondition):
        return list(cond.distinct_signals)
    if isinstance(cond, AllCondition):
        return [s for c in cond.all for s in _signals_in(c)]
    if isinstance(cond, AnyCondition):
        return [s for c in cond.any for s in _signals_in(c)]
    if isinstance(cond, NotCondition):
        return _signals_in(cond.not_)
    return []


class DescriptionWords(Strict):
    """The words of the judgement 'does this sentence commit the plan to something, or only
    describe?' (rules.context.ContextAnalyser.describes). Grammar is the engine's; these are the
    words it looks for."""

    copulas: list[str] = Field(
        default_factory=list,
        description="Finite verbs of being and classifying that open a description when they are the "
        "first verb of the sentence and no other verb follows in its main clause: is, zijn, valt, vormt; "
        "two words ('heeft als') when the second must follow.",
    )
    commitment: list[str] = Field(
        default_factory=list,
        description="Words (as written) that make a sentence a commitment or a stance of the plan, never "
        "a mere description: the plan's voice (wij, onze), modal and future verbs (zullen, moeten, "
        "gaan), goals (doel, ambitie, uitgangspunt), necessity (nodig).",
    )
    action_verbs: list[str] = Field(
        default_factory=list,
        description="Lemmas of verbs of acting (realiseren, bieden, afbouwen): used as a verb (not "
        "as 'het bieden') they make the sentence a measure, not a description.",
    )


class ContextWords(Strict):
    """How the context flags of an evidence item are recognised (Dutch words, lemmas)."""

    negation: list[str]
    negation_window: int = Field(default=6, ge=1, description="Tokens before a term that may negate it.")
    negation_stops: list[str] = Field(
        default_factory=list,
        description="Words that end a negation's reach (maar, echter, wel): 'geen opvang, maar woningen'.",
    )
    negation_after: list[str] = Field(
        default_factory=list,
        description="Phrases after a term in the same sentence that negate it: 'nazorg ontbreekt'.",
    )
    intent: list[str]
    pilot: list[str]
    rejection: list[str] = Field(
        default_factory=list,
        description="Words that show a counter-signal is being rejected (afschaffen, geen eisen): "
        "counter-signal evidence in such a sentence counts as negated.",
    )
    past_patterns: list[str] = Field(
        default_factory=list,
        description="Regular expressions that mark a sentence about the past (an earlier plan's "
        "result): such evidence is flagged `past` and level rules can leave it out.",
    )
    concrete_patterns: list[str] = Field(
        description="Regular expressions (on the sentence, lower-case, accents removed) that mark a "
        "concrete action: numbers of places, percentages, target years, budgets."
    )
    whole_words: list[str] = Field(
        default_factory=list,
        validation_alias=AliasChoices("whole_words", "near_whole_words"),
        description="Words and phrases that in the word lists read as the start or end of a compound "
        "(`near` / `not_near`, `negation_after`, `rejection`, `relevance.other_domains`, "
        "`relevance.not_evidence`) count only as themselves: the particle 'mee' is not 'meerdere', "
        "'extra' is not 'extramurale', the COA is not a 'coach' or the 'coalitie', a 'definitie' is "
        "not 'definitief'. The rubric's earlier name for it, `near_whole_words`, is still read.",
    )
    description: DescriptionWords = Field(
        default_factory=DescriptionWords,
        description="Words of the judgement whether a sentence only describes (see DescriptionWords); "
        "empty = the judgement is off.",
    )
    reference_year: int = Field(
        default=2025,
        ge=2000,
        le=2100,
        description="For a plan whose own year is unknown: a year from this one on is the plan's "
        "future (a target date, a future perfect), an earlier year its past.",
    )

    @field_validator("concrete_patterns", "past_patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for i, pattern in enumerate(patterns):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern [{i}] {pattern!r} is not a valid regex: {exc}") from exc
        return patterns


class Topic(Strict):
    """What makes a document about homelessness at all. A document with fewer mentions gets
    the lowest level on every indicator: a parking ordinance that says 'preventie' once is not
    a plan with 'preventie als ambitie'."""

    min_mentions: int = Field(ge=1, description="Sentences with a topic term needed for levels above 1.")
    terms: list[Term] = Field(min_length=1)
    weak_terms: list[Term] = Field(
        default_factory=list,
        description="Words that name the topic only when their paragraph names no other domain "
        "(relevance.other_domains): 'de opvang' is the shelter, unless the paragraph is about refugees.",
    )

    @field_validator("terms", "weak_terms", mode="before")
    @classmethod
    def _shorthand(cls, value):
        return [_term_from_shorthand(v) for v in value] if isinstance(value, list) else value


class ActionLine(Strict):
    id: str
    label: str
    terms: list[str] = Field(min_length=1)


class NamedForm(Strict):
    """A plan form as documents.csv writes it (`form`, an id) and as the report names it (`label`)."""

    form: str = Field(pattern=r"^[a-z][a-z_]*$", description="Id in documents.csv (column plan_form).")
    label: str = Field(description="Dutch name in the report: 'eigen actieplan'.")


class PlanForm(NamedForm):
    """A form recognised by its words on the manifest's doc_type, the title or the first page."""

    terms: list[str] = Field(min_length=1)
    progress_report: bool = Field(
        default=False,
        description="A progress report: it monitors from start to end, so every outcome indicator it "
        "names counts as monitored.",
    )


class VocabularyEntry(Strict):
    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    label: str = Field(description="Dutch label for sheets and the report.")


class Vocabulary(Strict):
    """The rubric's own words that the rest of omslag (sheets, report, consensus) takes from here."""

    concrete_from_level: int = Field(
        ge=2, le=5, description="Levels from this one up are concrete actions: the line between words and deeds."
    )
    prevention_types: list[VocabularyEntry] = Field(min_length=1)
    prevention_note: str = Field(
        default="", description="Dutch: what the kinds of prevention mean, under their table in the report."
    )
    ladder_steps: list[VocabularyEntry] = Field(min_length=1, description="The participation ladder, lowest first.")


class PartOfBroaderPlan(NamedForm):
    """The form of a long document that discusses homelessness on few of its pages."""

    min_pages: int = Field(ge=1)
    max_share: float = Field(gt=0, lt=1)


class SignatureRules(Strict):
    """Who signs: where the signature block starts, which words open a role, which portfolio
    words mean Wonen (issue 14). Words, not regexes: analysts extend them."""

    block_starts: list[str] = Field(min_length=1)
    foreword_headings: list[str] = Field(default_factory=list)
    roles: list[str] = Field(min_length=1)
    not_roles: list[str] = Field(
        default_factory=list, description="Phrases that start with a role word but name no person."
    )
    portfolio_roles: list[str] = Field(min_length=1)
    portfolio_ends: list[str] = Field(default_factory=list)
    housing_words: list[str] = Field(min_length=1)
    not_housing_phrases: list[str] = Field(default_factory=list)
    co_signing_phrases: list[str] = Field(default_factory=list)
    co_signing_signal: str | None = Field(
        default=None,
        description="The signal whose sentences may say the housing wethouder co-signs ('de wethouder "
        "Wonen tekent mee'); its indicator's report section tells who signs.",
    )


class PeriodRules(Strict):
    pages: int = Field(default=3, ge=1, description="First pages (and the title) searched for '2022-2025'.")
    min_years: int = Field(default=1, ge=0)
    max_years: int = Field(default=12, ge=1)


class OutcomeIndicator(Strict):
    id: str
    label: str
    terms: list[str] = Field(min_length=1)
    target_units: list[str] = Field(default_factory=list, description="targets.csv units that show it too.")


class OutcomeRules(Strict):
    monitoring_words: list[str] = Field(min_length=1)
    indicators: list[OutcomeIndicator] = Field(min_length=1)


class PlanMetadataRules(Strict):
    national_plan_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    action_lines: list[ActionLine] = Field(min_length=1)
    forms: list[PlanForm] = Field(min_length=1)
    part_of_broader_plan: PartOfBroaderPlan
    unknown_form: NamedForm = Field(description="The form of a document no form's words were found in.")
    signing_words: list[str] = Field(min_length=1)
    nad_reference_signal: str | None = Field(
        default=None, description="The signal that shows a reference to the national plan (None: not looked for)."
    )
    signatures: SignatureRules | None = Field(default=None, description="None: no signatory parsing.")
    periods: PeriodRules = Field(default_factory=PeriodRules)
    outcome_indicators: OutcomeRules | None = None

    @model_validator(mode="after")
    def _form_ids_unique(self) -> PlanMetadataRules:
        ids = [f.form for f in self.all_forms()]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"plan form ids used twice (forms, part_of_broader_plan, unknown_form): {duplicates}")
        return self

    def all_forms(self) -> list[NamedForm]:
        """Every form a document can get, in the rubric's order: the recognised ones, then the
        part of a broader plan, then unknown."""
        return [*self.forms, self.part_of_broader_plan, self.unknown_form]


class AfterIf(Strict):
    words: list[str] = Field(min_length=1, description="Words after the number ('plekken') …")
    sentence: list[str] = Field(min_length=1, description="… that count only with one of these in the sentence.")


class TargetUnit(Strict):
    id: str
    label: str
    after: list[str] = Field(default_factory=list, description="Words right after the number: '90 extra woonplekken'.")
    after_if: AfterIf | None = None
    sentence_terms: list[str] = Field(
        default_factory=list, description="Words anywhere in the sentence, for a percentage or 'halveren'."
    )
    requires: list[str] = Field(
        default_factory=list,
        description="The sentence must also have one of these (a budget counts only when it is about the plan).",
    )
    unless: list[str] = Field(
        default_factory=list,
        description="The unit does not count when the sentence has one of these (house building for everyone "
        "that names the target group is woonplekken).",
    )


class TargetScope(Strict):
    scope: str
    terms: list[str] = Field(min_length=1)


class TargetRules(Strict):
    """Vocabulary of the streefcijfers in targets.csv: what is counted, which way, which year."""

    gap: int = Field(default=3, ge=0, description="Words allowed between a number and its unit.")
    gap_words: list[str] = Field(
        default_factory=list, description="Words that may stand between (extra, met); adjectives on -e always may."
    )
    units: list[TargetUnit] = Field(min_length=1)
    more: list[str] = Field(min_length=1)
    less: list[str] = Field(min_length=1)
    halving: list[str] = Field(default_factory=list)
    zero: list[str] = Field(default_factory=list)
    commitment: list[str] = Field(min_length=1)
    target_year_before: list[str] = Field(min_length=1)
    base_year_before: list[str] = Field(default_factory=list)
    per_year: list[str] = Field(default_factory=list)
    scopes: list[TargetScope] = Field(default_factory=list)
    min_words: int = Field(default=6, ge=1)


class DocumentKind(Strict):
    """A kind of document recognised by words in its title area (file name, the manifest's
    doc_type, the start of its first pages)."""

    kind: str = Field(description="Short id shown in documents.csv (document_type), e.g. motie.")
    label: str = Field(description="Dutch name used in the reason, e.g. 'een motie'.")
    terms: list[str] = Field(min_length=1, description="Words or phrases; also inside compounds.")


class RelevanceRules(Strict):
    """Plan or not: what the document is and which of its pages are scored (issue 10).

    `not_plan` kinds (ordinances, motions, parliamentary questions, decision lists) are never
    scored: their scores are n.v.t. `host` kinds (a budget, annual accounts, a broad policy
    document) are scored only on the pages about homelessness. Everything else is a plan when
    it is about homelessness at all (`topic.min_mentions`)."""

    cue_chars: int = Field(
        default=400, ge=50, description="Characters at the start of each cue page that form the title area."
    )
    cue_pages: int = Field(default=1, ge=1, description="Pages whose start is read as the title area.")
    not_plan: list[DocumentKind] = Field(default_factory=list)
    host: list[DocumentKind] = Field(default_factory=list)
    section_min_pages: int = Field(
        default=20, ge=1, description="A document this long (text pages) with topic on few pages is a section."
    )
    section_max_share: float = Field(
        default=0.3, gt=0, lt=1, description="… 'few pages': at most this share of its text pages."
    )
    section_min_mentions: int = Field(
        default=2, ge=1, description="Sentences with topic terms a host document needs to hold a plan section."
    )
    section_gap: int = Field(default=1, ge=0, description="Topic pages at most this many pages apart form one range.")
    paragraph_sentences: int = Field(
        default=2,
        ge=0,
        description="Outside whole plans, a term counts when a topic term stands in its sentence or "
        "within this many sentences of it in the same paragraph.",
    )
    table_number_share: float = Field(
        default=0.35,
        gt=0,
        le=1,
        description="A 'sentence' in which at least this share of the words are numbers is a table row, "
        "not a sentence: it gives no evidence.",
    )
    not_evidence: list[str] = Field(
        default_factory=list,
        description="Words that make a sentence a definition or procedure (wordt verstaan, definitie, "
        "uw Kamer ontvangt): such a sentence gives no evidence, even in a plan.",
    )
    other_domains: list[str] = Field(
        default_factory=list,
        description="Words of other domains (asiel, vluchtelingen, suïcidepreventie …): a sentence with "
        "one of these and no topic term gives no evidence, not even in a plan.",
    )


class Rubric(Strict):
    version: str = Field(description="Bump on every change; recorded in every output row.")
    name: str
    context: ContextWords
    vocabulary: Vocabulary
    topic: Topic
    plan_metadata: PlanMetadataRules
    targets: TargetRules | None = Field(default=None, description="None: no targets.csv rows.")
    relevance: RelevanceRules = Field(default_factory=RelevanceRules)
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _vocabulary_used_is_declared(self) -> Rubric:
        ids = [ind.id for ind in self.indicators]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate indicator ids: {sorted({i for i in ids if ids.count(i) > 1})}")
        types = {entry.id for entry in self.vocabulary.prevention_types}
        steps = {entry.id for entry in self.vocabulary.ladder_steps}
        for ind in self.indicators:
            for sig in ind.signals:
                if sig.prevention_type is not None and sig.prevention_type not in types:
                    raise ValueError(
                        f"signal {ind.id}.{sig.id}: prevention_type {sig.prevention_type!r} is not in "
                        f"vocabulary.prevention_types ({', '.join(sorted(types))})"
                    )
                if sig.ladder_step is not None and sig.ladder_step not in steps:
                    raise ValueError(
                        f"signal {ind.id}.{sig.id}: ladder_step {sig.ladder_step!r} is not in "
                        f"vocabulary.ladder_steps ({', '.join(sorted(steps))})"
                    )
        ordinal = [ind.id for ind in self.indicators if ind.kind == "ordinal"]
        for ind in self.indicators:
            within = ind.report.within
            if within is not None and (within not in ordinal or ind.kind != "yes_no"):
                raise ValueError(
                    f"indicators[{ind.id}].report.within: a ja/nee indicator is shown within a 1–5 "
                    f"indicator ({', '.join(ordinal)}), not {within!r}"
                )
        signals = {sig.id for ind in self.indicators for sig in ind.signals}
        metadata = self.plan_metadata
        named = {
            "plan_metadata.nad_reference_signal": metadata.nad_reference_signal,
            "plan_metadata.signatures.co_signing_signal": metadata.signatures.co_signing_signal
            if metadata.signatures
            else None,
        }
        for where, signal in named.items():
            if signal is not None and signal not in signals:
                raise ValueError(f"{where}: {signal!r} is not a signal of any indicator")
        return self

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def signal(self, indicator_id: str, signal_id: str) -> Signal:
        for sig in self.indicator(indicator_id).signals:
            if sig.id == signal_id:
                return sig
        raise KeyError(f"{indicator_id}.{signal_id}")


def _entry_path(raw: dict, loc: tuple) -> str:
    """Turn pydantic's location tuple into a readable path using ids where entries have one."""
    parts: list[str] = []
    node: object = raw
    for key in loc:
        if isinstance(key, int) and isinstance(node, list):
            item = node[key] if key < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            if label is None and isinstance(item, dict) and "phrase" in item:
                label = item["phrase"]
            if label is None and isinstance(item, str):
                label = item
            parts[-1:] = [f"{parts[-1]}[{label!r}]" if label else f"{parts[-1]}[{key}]"] if parts else [f"[{key}]"]
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts)


# libyaml's parser when PyYAML has it: the pure-Python one takes ≈ 0.5 s for the analysts' rubric
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NoDuplicateKeysLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """YAML keeps the last of two equal keys and drops the first without a word; in a rubric an
    analyst edits by hand that silently loses a whole block (a second `indicators:`, a signal's
    `terms:` written twice), so a repeated key is an error naming the key and both lines."""

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *anchor` merges may be overridden by explicit keys
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark.line)
            except TypeError:
                continue  # an unhashable key: the constructor reports it itself
            if first != key_node.start_mark.line:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"de sleutel '{key}' staat twee keer in dezelfde mapping (regel {first + 1} en "
                    f"regel {key_node.start_mark.line + 1}); de eerste zou ongemerkt wegvallen",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep)


def load_rubric(path: Path | str = DEFAULT_RUBRIC_PATH) -> Rubric:
    """Read and validate a rubric file. Raises RubricError naming the file and entry."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDuplicateKeysLoader)
    except yaml.YAMLError as exc:
        raise RubricError(f"{path}: geen geldige YAML: {exc}") from exc
    except OSError as exc:
        raise RubricError(f"{path}: niet te lezen: {exc}") from exc
    if not isinstance(raw, dict):
        raise RubricError(f"{path}: het bovenste niveau moet een mapping zijn (version, name, context, indicators)")
    try:
        return Rubric.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            # union errors repeat per alternative; keep the first message per location
            where = _entry_path(raw, tuple(k for k in err["loc"] if not _is_union_tag(k)))
            lines.append(f"  {where}: {err['msg']}")
        unique = list(dict.fromkeys(lines))
        raise RubricError(f"{path}: ongeldige rubric:\n" + "\n".join(unique[:20])) from None


def _is_union_tag(key) -> bool:
    return isinstance(key, str) and key.endswith("Condition")


def rubric_fingerprint(path: Path | str = DEFAULT_RUBRIC_PATH) -> str:
    """Short hash of the rubric file's bytes: changes whenever anything in it changes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
