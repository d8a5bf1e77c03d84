"""Stage: rules — provisional levels per indicator from the evidence, with the deciding rules.

The level rules live in the rubric file. For each indicator they are tried top to bottom; the
first whose condition holds gives the level. Caps then lower it when a counter-signal is found
(e.g. housing that must be earned). The rationale names the rule, the cap and the evidence ids,
so a rater can check the tool's reasoning instead of trusting it.
"""

from __future__ import annotations

from collections import defaultdict

from omslag.rules.models import Evidence, Score
from omslag.rules.rubric import (
    AllCondition,
    AnyCondition,
    Condition,
    CountCondition,
    Indicator,
    NotCondition,
    Rubric,
    SignalCondition,
)

_MAX_RATIONALE_IDS = 6


class _Index:
    """Evidence of one document and indicator, grouped by signal, negated items apart."""

    def __init__(self, evidence: list[Evidence]):
        self.by_signal: dict[str, list[Evidence]] = defaultdict(list)
        self.negated: dict[str, list[Evidence]] = defaultdict(list)
        for item in evidence:
            (self.negated if item.negated else self.by_signal)[item.signal].append(item)

    def select(
        self, signal: str, concrete=None, intent_only=None, pilot=None, negated=False, past=None
    ) -> list[Evidence]:
        items = (self.negated if negated else self.by_signal).get(signal, [])
        if concrete is not None:
            items = [e for e in items if e.concrete == concrete]
        if intent_only is not None:
            items = [e for e in items if e.intent_only == intent_only]
        if pilot is not None:
            items = [e for e in items if e.pilot == pilot]
        if past is not None:
            items = [e for e in items if e.past == past]
        return items


def _evaluate(cond, index: _Index) -> tuple[bool, list[Evidence]]:
    """(holds, evidence that made it hold)."""
    if isinstance(cond, SignalCondition):
        items = index.select(cond.signal, cond.concrete, cond.intent_only, cond.pilot, cond.negated, cond.past)
        holds = len(items) >= cond.min and len({e.page for e in items}) >= cond.min_pages
        return holds, items if holds else []
    if isinstance(cond, CountCondition):
        present = {s: index.select(s, cond.concrete) for s in cond.distinct_signals}
        present = {s: items for s, items in present.items() if items}
        holds = len(present) >= cond.min
        # two items per signal show the breadth; the strongest two (concrete, not only intent),
        # not the first two in document order, which are often the introduction's
        return holds, [e for items in present.values() for e in _strongest_first(items)[:2]] if holds else []
    if isinstance(cond, AllCondition):
        used: list[Evidence] = []
        for sub in cond.all:
            holds, items = _evaluate(sub, index)
            if not holds:
                return False, []
            used.extend(items)
        return True, used
    if isinstance(cond, AnyCondition):
        for sub in cond.any:
            holds, items = _evaluate(sub, index)
            if holds:
                return True, items
        return False, []
    if isinstance(cond, NotCondition):
        holds, _ = _evaluate(cond.not_, index)
        return (not holds), []
    raise TypeError(f"unknown condition {cond!r}")


def rule_needs(rubric: Rubric, indicator: str, rule_id: str, present: set[str]) -> dict[str, tuple[int, int]] | None:
    """How many items (on how many pages) of each signal the level rule `rule_id` needs to hold,
    given the signals of its deciding evidence: "Preventie als ambitie" twice and one concrete
    action each of two kinds, not every sentence that says "preventie". The rater sheet
    (sheets.ranking) shows those items as deciding and the rule's other items as supporting; the
    walk of the rule tree lives here, beside `_evaluate`, so a new kind of condition is taught to
    both at once. None when the rule is not in the rubric or its deciding evidence does not fit it
    (a run of another rubric)."""
    try:
        rules = rubric.indicator(indicator).rules
    except KeyError:
        return None
    rule = next((r for r in rules if r.id == rule_id), None)
    if rule is None or rule.when is None:
        return None
    return _needs(rule.when, present)


def _needs(cond: Condition, present: set[str]) -> dict[str, tuple[int, int]] | None:
    if isinstance(cond, SignalCondition):
        return {cond.signal: (cond.min, cond.min_pages)} if cond.signal in present else None
    if isinstance(cond, CountCondition):
        # breadth: one item of each kind the plan shows (the deciding items hold only those)
        have = [s for s in cond.distinct_signals if s in present]
        return {s: (1, 1) for s in have} if len(have) >= cond.min else None
    if isinstance(cond, NotCondition):
        return {}
    if isinstance(cond, AnyCondition):
        # the scorer keeps the items of the first branch that held: the first that fits them
        return next((n for sub in cond.any if (n := _needs(sub, present)) is not None), None)
    if not isinstance(cond, AllCondition):
        raise TypeError(f"unknown condition {cond!r}")
    merged: dict[str, tuple[int, int]] = {}
    for sub in cond.all:
        need = _needs(sub, present)
        if need is None:
            return None
        for signal, (items, pages) in need.items():
            had = merged.get(signal, (0, 0))
            merged[signal] = (had[0] + items, max(had[1], pages))
    return merged


def _strongest_first(items: list[Evidence]) -> list[Evidence]:
    unique = {e.evidence_id: e for e in items}.values()
    return sorted(unique, key=lambda e: (not e.concrete, e.intent_only, e.page, e.start))


def off_topic_score(
    indicator: Indicator, *, doc_id: str, plan_id: str, version: str, mentions: int, needed: int
) -> Score:
    level = "nee" if indicator.kind == "yes_no" else 1
    return Score(
        doc_id=doc_id,
        plan_id=plan_id,
        indicator=indicator.id,
        level=level,
        rule_id=f"{indicator.id}.buiten_onderwerp",
        rationale=(
            f"Niveau {level}: het document gaat niet over dakloosheid, opvang of beschermd wonen "
            f"({mentions} van de minstens {needed} zinnen met zulke termen); de gevonden woorden "
            "tellen daarom niet als ambitie of actie."
        ),
        rubric_version=version,
    )


def score_indicator(
    indicator: Indicator, evidence: list[Evidence], *, doc_id: str, plan_id: str, version: str
) -> Score:
    index = _Index([e for e in evidence if e.indicator == indicator.id])
    for rule in indicator.rules:
        holds, used = (True, []) if rule.when is None else _evaluate(rule.when, index)
        if holds:
            break
    level = rule.level
    uncapped = None
    capped_by = None
    cap_items: list[Evidence] = []
    if indicator.kind == "ordinal":
        for cap in indicator.caps:
            cap_holds, items = _evaluate(cap.when, index)
            if cap_holds and isinstance(level, int) and level > cap.max_level:
                uncapped, level, capped_by, cap_items = level, cap.max_level, cap.id, items
                break
    deciding = _strongest_first(used)
    level_name = indicator.levels[level].name if level in indicator.levels else str(level)
    parts = [f"Niveau {level} ({level_name}) volgens regel {rule.id}: {rule.description}"]
    if deciding:
        ids = ", ".join(e.evidence_id for e in deciding[:_MAX_RATIONALE_IDS])
        more = f" en {len(deciding) - _MAX_RATIONALE_IDS} meer" if len(deciding) > _MAX_RATIONALE_IDS else ""
        parts.append(f"Bewijs: {ids}{more}.")
    if capped_by:
        cap = next(c for c in indicator.caps if c.id == capped_by)
        ids = ", ".join(e.evidence_id for e in _strongest_first(cap_items)[:_MAX_RATIONALE_IDS])
        parts.append(f"Begrensd van {uncapped} naar {level} door {cap.id}: {cap.description} Bewijs: {ids}.")
    return Score(
        doc_id=doc_id,
        plan_id=plan_id,
        indicator=indicator.id,
        level=level,
        rule_id=rule.id,
        capped_by=capped_by,
        uncapped_level=uncapped,
        evidence_ids=[e.evidence_id for e in deciding] + [e.evidence_id for e in cap_items],
        cap_evidence_ids=[e.evidence_id for e in cap_items],
        rationale=" ".join(parts),
        rubric_version=version,
    )


def score_document(
    rubric: Rubric, evidence: list[Evidence], *, doc_id: str, plan_id: str, topic_sentences: int | None = None
) -> list[Score]:
    """Provisional scores per indicator. With `topic_sentences` below the rubric's topic
    threshold every indicator gets its lowest level (the document is not about homelessness)."""
    if topic_sentences is not None and topic_sentences < rubric.topic.min_mentions:
        return [
            off_topic_score(
                ind,
                doc_id=doc_id,
                plan_id=plan_id,
                version=rubric.version,
                mentions=topic_sentences,
                needed=rubric.topic.min_mentions,
            )
            for ind in rubric.indicators
        ]
    return [
        score_indicator(ind, evidence, doc_id=doc_id, plan_id=plan_id, version=rubric.version)
        for ind in rubric.indicators
    ]
