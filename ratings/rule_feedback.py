"""Stage: ratings — which of the rubric's rules and terms raters reject.

rule_feedback.csv: for every rule (`indicator.signal`) and each of its terms, how often raters
marked the sheet rows it proposed `relevant` ja or nee, in their newest file per plan. A row in
the sheet is a sentence with all its signals of one indicator, and a judgement counts for each of
them (sheets/rater_sheet.py), so a rule is credited once per judged row it is in, and a term once
per judged row it matched in. This is the precision of the rubric on the plans raters actually
read — text it was not tuned on — and points an analyst at the term to narrow (`near`,
`not_near`, `exclude` in rules/rubric.yaml) before a sentence-by-sentence look.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from omslag.ratings.models import RuleFeedback
from omslag.ratings.run_folder import EvidenceRef
from omslag.sheets.tables import unmark_terms

RULE_FEEDBACK_COLUMNS = [
    "indicator",
    "rule_id",
    "term",
    "rows_judged",
    "relevant_ja",
    "relevant_nee",
    "share_nee",
    "plans",
    "example_nee",
]
EXAMPLE_CHARS = 200


class _Tally:
    def __init__(self) -> None:
        self.ja = 0
        self.nee = 0
        self.plans: set[str] = set()
        self.example = ""

    def add(self, relevant: str, plan_id: str, sentence: str) -> None:
        self.plans.add(plan_id)
        if relevant == "ja":
            self.ja += 1
            return
        self.nee += 1
        if not self.example:
            self.example = sentence if len(sentence) <= EXAMPLE_CHARS else sentence[: EXAMPLE_CHARS - 1] + "…"


def rule_feedback(
    judgements: Iterable[sqlite3.Row | Mapping[str, Any]],
    evidence: Mapping[str, EvidenceRef],
    sentences: Mapping[str, list[str]],
) -> list[RuleFeedback]:
    """Tally the judgements (store rows with plan_id, evidence_id, relevant) per rule and per
    rule × term. `sentences` maps a sheet row's key to every evidence id it stands for."""
    tallies: dict[tuple[str, str, str], _Tally] = defaultdict(_Tally)
    for judgement in judgements:
        relevant = judgement["relevant"]
        top = evidence.get(judgement["evidence_id"])
        if relevant not in ("ja", "nee") or top is None:
            continue  # a row of an older run, or left empty
        items = [evidence[i] for i in sentences.get(top.sentence, [top.evidence_id]) if i in evidence]
        rules = {item.rule_id for item in items if item.rule_id}
        terms = {(item.rule_id, term) for item in items if item.rule_id for term in item.terms}
        sentence = unmark_terms(top.text)  # evidence.csv marks the terms
        for rule_id in rules:
            tallies[(top.indicator, rule_id, "")].add(relevant, top.plan_id, sentence)
        for rule_id, term in terms:
            tallies[(top.indicator, rule_id, term)].add(relevant, top.plan_id, sentence)
    rows = [
        RuleFeedback(
            indicator=indicator,
            rule_id=rule_id,
            term=term,
            rows_judged=tally.ja + tally.nee,
            relevant_ja=tally.ja,
            relevant_nee=tally.nee,
            share_nee=tally.nee / (tally.ja + tally.nee),
            plans=len(tally.plans),
            example_nee=tally.example,
        )
        for (indicator, rule_id, term), tally in tallies.items()
    ]
    # the rubric's order is not known here; by rule, the whole rule first, then its terms
    return sorted(rows, key=lambda r: (r.indicator, r.rule_id, r.term != "", -r.relevant_nee, r.term))


def most_rejected(rows: list[RuleFeedback], *, min_judged: int = 5, limit: int = 10) -> list[RuleFeedback]:
    """The terms raters reject most often, among those judged at least `min_judged` times: what
    the command prints for an analyst to look at first."""
    terms = [r for r in rows if r.term and r.rows_judged >= min_judged and r.relevant_nee]
    return sorted(terms, key=lambda r: (-r.share_nee, -r.relevant_nee, r.rule_id, r.term))[:limit]
