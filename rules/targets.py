"""Stage: rules — streefcijfers: every quantitative commitment of a plan as a typed row.

The seed report asks for outcome indicators instead of process. A plan's numbers say what it
commits to: "90 extra woonplekken in 2027", "het gebruik van de nachtopvang daalt met 20
procent in 2026 ten opzichte van 2023", "huisuitzettingen halveren". Each becomes a `Target`
with what is counted (unit), the number or change, its direction, base and target year, scope,
page and sentence. Numbers about the past ("in 2021 maakten 341 mensen gebruik van de opvang")
are kept as `baseline` rows, never as targets. The vocabulary (units, direction words, year
words) lives in the rubric's `targets` section; this module only knows Dutch number syntax.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from omslag.extract.models import Document
from omslag.rules.nlp import fold
from omslag.rules.rubric import Rubric, TargetRules, TargetUnit


class Target(BaseModel):
    """One number in a plan: a commitment (`target`) or a statistic about the past (`baseline`)."""

    model_config = ConfigDict(extra="forbid")

    plan_id: str
    doc_id: str
    kind: Literal["target", "baseline"] = Field(description="target = commitment; baseline = statistic.")
    indicator: str = Field(description="Outcome indicator of the seed report the unit belongs to, or 'overig'.")
    unit: str = Field(description="What is counted (rubric targets.units id), e.g. woonplekken.")
    unit_label: str
    change: Literal["absoluut", "percentage", "halveren", "van-naar", "bedrag"]
    value: float | None = Field(description="The number (percentage points for 'percentage'; 50 for halveren).")
    value_text: str = Field(description="The number as written: '90', '20 procent', '€ 1,2 miljoen', 'halveren'.")
    direction: Literal["meer", "minder", ""] = ""
    per_year: bool = Field(default=False, description="'jaarlijks 60 woningen': the number is per year.")
    base_year: int | None = None
    base_value: float | None = None
    target_year: int | None = None
    scope: str = Field(default="regio", description="regio, or a group (jongeren, gezinnen, …) or 'gemeente'.")
    page: int
    sentence: str
    rubric_version: str


# "een" is left out: "een woning" is an article, not a count
_NUMBER_WORDS = {
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "vijftien": 15,
    "twintig": 20,
    "vijfentwintig": 25,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "honderd": 100,
}
_NUM = r"(?:\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_NUMBER = re.compile(rf"(?<![\w.,€-]){_NUM}(?![\w-]|[.,]\d)")
_PERCENT = re.compile(rf"(?<![\w.,]){_NUM}\s?(?:%|procent)")
_MONEY = re.compile(r"(?:€|eur\b|euro\b)\s?(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(\s*(?:miljoen|mln|miljard))?")
_FROM_TO = re.compile(
    rf"\bvan\s+({_NUM})(?:\s+(?:\w+\s+){{0,3}}?in\s+((?:19|20)\d\d))?\s+(?:\w+\s+){{0,2}}?(?:naar|tot)\s+(?:maximaal\s+|minimaal\s+|ten hoogste\s+|ruim\s+)?({_NUM})\b"
)
_TO_BOUND = re.compile(r"\b(?:naar|tot|op)\s+(?:maximaal\s+|minimaal\s+|ten hoogste\s+|hooguit\s+|ten minste\s+)?$")
_NEXT_STEP = re.compile(
    rf"(?:\s+(?:\w+\s+){{0,2}}?in\s+(?:19|20)\d\d)?\s+en\s+(?:in\s+(?:19|20)\d\d\s+)?({_NUM})(?=\s+in\s+(?:19|20)\d\d)"
)
_YEAR = re.compile(r"(?<![\d.,€-])((?:19|20)\d\d)(?![\d-])")
# a number that counts time, age or staff is not a count of places or people
_NOT_A_COUNT_AFTER = re.compile(
    r"^\s*(?:(?:en|tot|-)\s*\d+\s*)?(?:jaar|jaren|maanden|maand|weken|week|dagen|dag|werkdagen|uur|fte|ste|e)\b"
)
_ABBREVIATIONS = (
    "t.o.v.",
    "o.a.",
    "bijv.",
    "mw.",
    "dhr.",
    "drs.",
    "mr.",
    "ir.",
    "dr.",
    "nr.",
    "ca.",
    "m.b.t.",
    "i.p.v.",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9€(*•'\"-])")


def _words(words: list[str]) -> re.Pattern | None:
    words = [w for w in words if w.strip()]
    if not words:
        return None
    parts = sorted((r"\s+".join(re.escape(x) for x in fold(w).split()) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def _to_float(text: str) -> float:
    text = text.strip()
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of a paragraph with their offsets; abbreviations (t.o.v., mw.) do not end one."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()]
        if candidate.rstrip().lower().endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", candidate.rstrip()):
            continue
        pieces.append((start, candidate))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(offset, s) for offset, s in pieces if s.strip()]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            out.append((offset, block))
        offset += len(block)
    return out


def _table_like(paragraph: str, min_words: int) -> bool:
    """Table cells lose their headers in the text: "16.900 13.500 (-20%) 12.700" says nothing."""
    lines = [line for line in paragraph.splitlines() if line.strip()]
    words = paragraph.split()
    if len(words) < min_words:
        return True
    has_verb_end = re.search(r"[.!?:]\s*$", paragraph.strip()) is not None
    return not has_verb_end and sum(len(line) for line in lines) / len(lines) < 45


@dataclass
class _Scan:
    """One sentence being read for quantities: what was found, and which spans are taken."""

    folded: str
    previous_unit: TargetUnit | None
    found: list[dict] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)


class TargetFinder:
    """Compiled vocabulary of the rubric's `targets` section."""

    def __init__(self, rubric: Rubric):
        rules: TargetRules | None = rubric.targets
        self.rubric = rubric
        self.rules = rules
        if rules is None:
            return
        self.units = rules.units
        self.gap = rules.gap
        self.gap_words = {fold(w) for w in rules.gap_words}
        self.after = {u.id: _words(u.after) for u in rules.units}
        self.after_if = {
            u.id: (_words(u.after_if.words), _words(u.after_if.sentence)) for u in rules.units if u.after_if
        }
        self.sentence_terms = {u.id: _words(u.sentence_terms) for u in rules.units}
        self.requires = {u.id: _words(u.requires) for u in rules.units if u.requires}
        self.unless = {u.id: _words(u.unless) for u in rules.units if u.unless}
        self.more, self.less = _words(rules.more), _words(rules.less)
        self.halving, self.zero = _words(rules.halving), _words(rules.zero)
        self.commitment = _words(rules.commitment)
        self.target_year_before = _words(rules.target_year_before)
        self.base_year_before = _words(rules.base_year_before)
        self.per_year = _words(rules.per_year)
        self.scopes = [(s.scope, _words(s.terms)) for s in rules.scopes]
        self.past = [re.compile(p) for p in rubric.context.past_patterns]
        self.this_count = re.compile(r"\b(?:dit|dat|het|deze)\s+aantal\b")
        outcome = rubric.plan_metadata.outcome_indicators
        self.indicator_of = {u: i.id for i in (outcome.indicators if outcome else []) for u in i.target_units}

    # -- pieces of one sentence ----------------------------------------------------------------

    def _unit_after(self, folded: str, end: int) -> TargetUnit | None:
        """The unit whose word stands closest after the number (at most `gap` words between)."""
        rest = folded[end:]
        best: tuple[tuple, TargetUnit] | None = None
        for order, unit in enumerate(self.units):
            excluded = self.unless.get(unit.id)
            if excluded is not None and excluded.search(folded):
                continue
            candidates = [self.after.get(unit.id)]
            condition = self.after_if.get(unit.id)
            if condition and condition[1] is not None and condition[1].search(folded):
                candidates.append(condition[0])
            for pattern in candidates:
                if pattern is None:
                    continue
                for gap_match in pattern.finditer(rest[:120]):
                    between = rest[: gap_match.start()].split()
                    if len(between) > self.gap or re.search(r"[.;:,]", rest[: gap_match.start()]):
                        break
                    # only words that describe the unit may stand between: "90 extra woonplekken",
                    # not "twee locaties beschikbaar voor flexwoningen"
                    if not all(self._gap_word(w) for w in between):
                        break
                    key = (len(between), -len(gap_match.group(0)), order)
                    if best is None or key < best[0]:
                        best = (key, unit)
                    break
        return best[1] if best else None

    def _gap_word(self, word: str) -> bool:
        return word in self.gap_words or (len(word) >= 4 and word.endswith("e") and word.isalpha())

    def _unit_in_sentence(self, folded: str) -> TargetUnit | None:
        for unit in self.units:
            pattern = self.sentence_terms.get(unit.id)
            if pattern is not None and pattern.search(folded):
                return unit
        return None

    def _nearest(self, pattern: re.Pattern | None, folded: str, position: int) -> int | None:
        if pattern is None:
            return None
        distances = [min(abs(m.start() - position), abs(m.end() - position)) for m in pattern.finditer(folded)]
        return min(distances) if distances else None

    def _direction(self, folded: str, start: int, end: int) -> str:
        before = folded[max(0, start - 25) : start]
        if re.search(r"\b(?:maximaal|ten hoogste|hooguit)\s*$", before):
            return "minder"
        if re.search(r"\b(?:minimaal|ten minste|extra)\s*$", before) or re.match(r"\s+extra\b", folded[end:]):
            return "meer"
        more = self._nearest(self.more, folded, start)
        less = self._nearest(self.less, folded, start)
        if more is None and less is None:
            return ""
        if less is None or (more is not None and more < less):
            return "meer"
        return "minder"

    def _years(
        self, folded: str, start: int, end: int, skip: tuple[int, int] = (0, 0)
    ) -> tuple[int | None, int | None]:
        """(target year, base year) for the quantity at start:end: the nearest year after it
        with a target word before ('in 2027'), else the nearest before it; a year after
        'ten opzichte van'/'tegen' is the base."""
        targets: list[tuple[int, int]] = []
        bases: list[tuple[int, int]] = []
        for match in _YEAR.finditer(folded):
            lead = folded[max(0, match.start() - 22) : match.start()]
            year = int(match.group(1))
            if skip[0] <= match.start() < skip[1]:  # the base year inside "van 210 in 2024 naar 60"
                continue
            if self.base_year_before is not None and re.search(
                rf"(?:{self.base_year_before.pattern})\s+(?:\S+\s+){{0,4}}$", lead
            ):
                bases.append((match.start(), year))
            elif self.target_year_before is not None and re.search(
                rf"(?:{self.target_year_before.pattern})\s+(?:\d{{1,2}}\s+\w+\s+)?$", lead
            ):
                targets.append((match.start(), year))
        # the year right after it in the same clause ("90 woonplekken in 2027"), else the nearest
        # before it ("in 2026 met 20 procent gedaald"), else any after it
        after = [(pos - end, year) for pos, year in targets if pos >= end]
        before = [(start - pos, year) for pos, year in targets if pos < start]
        same_clause = [(d, y) for d, y in after if not re.search(r"[,;]|(?<!-) en ", folded[end : end + d])]
        pick = min(same_clause) if same_clause else min(before) if before else min(after) if after else None
        target = pick[1] if pick else None
        base = min(bases, key=lambda item: abs(item[0] - end))[1] if bases else None
        return target, base

    def _scope(self, folded: str) -> str:
        for scope, pattern in self.scopes:
            if pattern is not None and pattern.search(folded):
                return scope
        return "regio"

    # -- a sentence ----------------------------------------------------------------------------

    def sentence_targets(
        self, sentence: str, previous_unit: TargetUnit | None, plan_year: int | None
    ) -> tuple[list[dict], TargetUnit | None]:
        """The quantities of one sentence as field dicts (kind decided), and the unit the
        sentence counted (for a following 'dit aantal daalt naar 15')."""
        scan = _Scan(" ".join(fold(sentence).split()), previous_unit)
        # the most specific forms first: a number inside "van 40 naar 20" is not read again
        for step in (self._from_to, self._money, self._percentages, self._counts, self._halving_and_zero):
            step(scan)
        rows = self._kinds(self._in_context(scan), scan.folded, plan_year)
        counted = rows[-1]["unit"] if rows else None
        return rows, counted

    def _from_to(self, scan: _Scan) -> None:
        """'van 40 naar 20', with further steps: '… naar 150 in 2027 en 250 in 2030'."""
        folded, previous_unit = scan.folded, scan.previous_unit
        for match in _FROM_TO.finditer(folded):
            unit = self._unit_after(folded, match.end()) or self._unit_after(folded, match.end(1))
            if unit is None and self.this_count.search(folded):
                unit = previous_unit
            unit = unit or self._unit_in_sentence(folded)
            if unit is None:
                continue
            base, new = _to_float(match.group(1)), _to_float(match.group(3))
            scan.taken.append((match.start(), match.end()))
            # "… naar 150 in 2027 en 250 in 2030": the same unit, a further step
            position = match.end(3)
            while step := _NEXT_STEP.match(folded, position):
                position = step.end()
                at = step.start(1)
                scan.taken.append((at, at + len(step.group(1))))
                scan.found.append(
                    dict(
                        unit=unit,
                        change="van-naar",
                        value=_to_float(step.group(1)),
                        value_text=step.group(1),
                        direction="meer" if _to_float(step.group(1)) > base else "minder",
                        base_value=base,
                        base_year=int(match.group(2)) if match.group(2) else None,
                        span=(at, at + len(step.group(1))),
                    )
                )
            scan.found.append(
                dict(
                    unit=unit,
                    change="van-naar",
                    value=new,
                    value_text=match.group(0),
                    direction="meer" if new > base else "minder" if new < base else "",
                    base_value=base,
                    base_year=int(match.group(2)) if match.group(2) else None,
                    span=match.span(3),
                    skip=(match.start(), match.start(3)),
                )
            )

    def _money(self, scan: _Scan) -> None:
        for match in _MONEY.finditer(scan.folded):
            if not scan.free(match.start(), match.end()):
                continue
            scale = {"miljoen": 1_000_000, "mln": 1_000_000, "miljard": 1_000_000_000}
            value = _to_float(match.group(1)) * scale.get((match.group(2) or "").strip(), 1)
            budget = next((u for u in self.units if u.id == "budget"), None)
            scan.taken.append((match.start(), match.end()))
            if budget is None:
                continue
            scan.found.append(dict(unit=budget, change="bedrag", value=value, value_text=match.group(0)))

    def _percentages(self, scan: _Scan) -> None:
        folded = scan.folded
        for match in _PERCENT.finditer(folded):
            if not scan.free(match.start(), match.end()):
                continue
            scan.taken.append((match.start(), match.end()))
            unit = self._unit_after(folded, match.end()) or self._unit_in_sentence(folded)
            if unit is None:
                continue
            scan.found.append(
                dict(
                    unit=unit,
                    change="percentage",
                    value=_to_float((re.match(_NUM, match.group(0)) or match).group(0)),
                    value_text=match.group(0),
                    span=(match.start(), match.end()),
                )
            )

    def _counts(self, scan: _Scan) -> None:
        """A plain number with a unit after it, or a count the sentence (or the one before) names."""
        folded = scan.folded
        for match in _NUMBER.finditer(folded):
            if not scan.free(match.start(), match.end()):
                continue
            text = match.group(0)
            if _YEAR.fullmatch(text) or _NOT_A_COUNT_AFTER.match(folded[match.end() :]):
                continue
            unit = self._unit_after(folded, match.end())
            if unit is None and text not in _NUMBER_WORDS and self.this_count.search(folded):
                # "het aantal huisuitzettingen daalt naar maximaal 15": the count named in the sentence,
                # "dit aantal daalt naar 15": the count of the sentence before
                if _TO_BOUND.search(folded[: match.start()]):
                    unit = self._unit_in_sentence(folded)
                unit = unit or scan.previous_unit
            if unit is None:
                continue
            scan.taken.append((match.start(), match.end()))
            scan.found.append(
                dict(unit=unit, change="absoluut", value=_to_float(text), value_text=text, span=match.span())
            )

    def _halving_and_zero(self, scan: _Scan) -> None:
        folded = scan.folded
        for pattern, change, value in ((self.halving, "halveren", 50.0), (self.zero, "absoluut", 0.0)):
            if pattern is None:
                continue
            for match in pattern.finditer(folded):
                if not scan.free(match.start(), match.end()):
                    continue
                unit = self._unit_in_sentence(folded) or (
                    scan.previous_unit if self.this_count.search(folded) else None
                )
                if unit is None:
                    continue
                scan.taken.append(match.span())
                scan.found.append(
                    dict(
                        unit=unit,
                        change=change,
                        value=value,
                        value_text=match.group(0),
                        direction="minder",
                        span=match.span(),
                    )
                )

    def _in_context(self, scan: _Scan) -> list[dict]:
        """The quantities in sentence order with their years, direction, per year and scope; a
        number after 'tegen' / 't.o.v.' is the base of the one before it."""
        folded = scan.folded
        # "… contact gelegd, tegen 38 procent in 2021": a number after 'tegen' / 't.o.v.' is the base
        scan.found.sort(key=lambda item: item.get("span", (0, 0))[0])
        rows: list[dict] = []
        for item in scan.found:
            start, end = item.pop("span", (0, 0))
            skip = item.pop("skip", (0, 0))
            lead = folded[max(0, start - 22) : start]
            if (
                rows
                and self.base_year_before is not None
                and re.search(rf"(?:{self.base_year_before.pattern})\s*$", lead)
                and rows[-1]["unit"].id == item["unit"].id
            ):
                rows[-1]["base_value"] = item["value"]
                rows[-1]["base_year"] = rows[-1].get("base_year") or self._years(folded, start, end)[0]
                continue
            target_year, base_year = self._years(folded, start, end, skip)
            item.setdefault("direction", self._direction(folded, start, end))
            item.setdefault("base_value", None)
            item["base_year"] = item.get("base_year") or base_year
            item["target_year"] = target_year
            per_year = self.per_year
            item["per_year"] = per_year is not None and per_year.search(folded) is not None
            item["scope"] = self._scope(_clause(folded, start))
            rows.append(item)
        return rows

    def _kinds(self, rows: list[dict], folded: str, plan_year: int | None) -> list[dict]:
        """target (a commitment or a year after the plan's) or baseline; drops what is no count."""
        past = any(p.search(folded) for p in self.past)
        committed = self.commitment is not None and self.commitment.search(folded) is not None
        for item in rows:
            future = item["target_year"] is not None and plan_year is not None and item["target_year"] > plan_year
            if item["change"] == "absoluut" and item["value"] == 0.0 and not (future or committed):
                item["kind"] = None  # "niemand" in a description is not a number
            else:
                item["kind"] = "target" if future or (committed and not past) else "baseline"
        return [
            r
            for r in rows
            if r["kind"] is not None
            and ((required := self.requires.get(r["unit"].id)) is None or required.search(folded) is not None)
        ]

    def find(self, document: Document, plan_year: int | None) -> list[Target]:
        if self.rules is None:
            return []
        out: list[Target] = []
        seen: set[tuple] = set()
        for page in document.text_pages:
            for _, paragraph in _paragraphs(page.text):
                if _table_like(paragraph, self.rules.min_words):
                    continue
                flat = " ".join(paragraph.split())
                previous: TargetUnit | None = None
                for _, sentence in split_sentences(flat):
                    rows, counted = self.sentence_targets(sentence, previous, plan_year)
                    previous = counted or previous
                    for row in rows:
                        unit: TargetUnit = row.pop("unit")
                        key = (page.number, sentence, unit.id, row["value"], row["target_year"])
                        if key in seen:
                            continue
                        seen.add(key)
                        out.append(
                            Target(
                                plan_id=document.plan_id,
                                doc_id=document.doc_id,
                                indicator=self.indicator_of.get(unit.id, "overig"),
                                unit=unit.id,
                                unit_label=unit.label,
                                page=page.number,
                                sentence=sentence.strip(),
                                rubric_version=self.rubric.version,
                                **row,
                            )
                        )
        return out


def _clause(folded: str, position: int) -> str:
    """The part of the sentence a number stands in: 'daalt naar 15 in 2026; gezinnen …' → before ';'."""
    bounds = [0, *(m.end() for m in re.finditer(r";|\ben dat\b|\bwaarvan\b", folded)), len(folded) + 1]
    for left, right in itertools.pairwise(bounds):
        if left <= position < right:
            return folded[left:right]
    return folded


def plan_year_of(plan_date: str | None, document: Document) -> int | None:
    for value in (plan_date, document.meta.date):
        if value and re.match(r"^\d{4}", value):
            return int(value[:4])
    return None


def find_targets(document: Document, rubric: Rubric, plan_date: str | None = None) -> list[Target]:
    """Every quantitative commitment (and past statistic, as baseline) of one document."""
    return TargetFinder(rubric).find(document, plan_year_of(plan_date, document))
