"""Issue 14 on the demo corpus, through the real flow: every target sentence of
corpus/demo/expected_facts.yaml is a `target` row of targets.csv with the right unit, number,
direction and years; no past statistic is a target; outcome indicators, plan period and form,
signatories and `wethouder_wonen` in documents.csv match the expected facts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.support import DEMO, read_csv

FACTS = yaml.safe_load((DEMO / "expected_facts.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables(demo_run):
    _, out = demo_run
    out = Path(out)
    return read_csv(out / "targets.csv"), read_csv(out / "documents.csv").set_index("plan_id")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _number(cell: str) -> float | None:
    return float(cell.replace(",", ".")) if cell != "" else None


def _year(cell: str) -> int | None:
    return int(cell) if cell != "" else None


def test_every_demo_plan_has_facts():
    assert sorted(FACTS) == sorted(p.stem for p in DEMO.glob("*.pdf"))


@pytest.mark.parametrize("plan_id", sorted(FACTS))
def test_target_sentences_are_targets_with_the_right_fields(tables, plan_id):
    targets, _ = tables
    rows = targets[(targets.plan_id == plan_id) & (targets.kind == "target")]
    for expected in FACTS[plan_id]["targets"]:
        candidates = rows[
            rows.sentence.map(lambda s, e=expected: _flat(e["sentence"]) in _flat(s))
            & (rows.unit == expected["unit"])
            & (rows.value.map(_number) == float(expected["value"]))
        ]
        assert len(candidates) >= 1, f"{plan_id}: no target row for {expected}"
        row = candidates.iloc[0]
        assert row.direction == expected.get("direction", row.direction), expected
        assert _year(row.target_year) == expected.get("target_year"), expected
        if "base_year" in expected:
            assert _year(row.base_year) == expected["base_year"], expected
        if "base_value" in expected:
            assert _number(row.base_value) == float(expected["base_value"]), expected
        if "per_year" in expected:
            assert row.per_year == ("ja" if expected["per_year"] else "nee"), expected
        if "change" in expected:
            assert row.change == expected["change"], expected
        if "scope" in expected:
            assert row.scope == expected["scope"], expected


@pytest.mark.parametrize("plan_id", sorted(FACTS))
def test_no_past_statistic_is_a_target(tables, plan_id):
    targets, _ = tables
    mine = targets[targets.plan_id == plan_id]
    for expected in FACTS[plan_id]["baselines"]:
        same = mine[mine.sentence.map(lambda s, e=expected: _flat(e["sentence"]) in _flat(s))]
        wrong = same[(same.kind == "target") & same.value.map(lambda v, e=expected: _number(v) in e["values"])]
        assert wrong.empty, f"{plan_id}: past statistic read as a target: {wrong.to_dict('records')}"
    # a plan without commitments in its text has no target rows at all
    if not FACTS[plan_id]["targets"]:
        assert (mine.kind != "target").all(), mine[mine.kind == "target"].to_dict("records")


@pytest.mark.parametrize("plan_id", sorted(FACTS))
def test_outcome_indicators_period_and_form(tables, plan_id):
    _, documents = tables
    row, expected = documents.loc[plan_id], FACTS[plan_id]
    found = [x for x in row.outcome_indicators.split(" | ") if x]
    assert sorted(found) == sorted(expected["outcome_indicators"])
    assert row.output_only == ("ja" if expected["output_only"] else "nee")
    period = expected["period"]
    assert (_year(row.plan_period_start), _year(row.plan_period_end)) == (tuple(period) if period else (None, None))
    assert row.plan_form == expected["plan_form"]


@pytest.mark.parametrize("plan_id", sorted(FACTS))
def test_signatories_found_exactly_and_wethouder_wonen(tables, plan_id):
    _, documents = tables
    row, expected = documents.loc[plan_id], FACTS[plan_id]
    found = [s for s in row.signatories.split(" | ") if s]
    assert len(found) == len(expected["signatories"]), found
    for signer in expected["signatories"]:
        head = f"{signer['name']} ({' '.join(p for p in (signer['role'], signer['portfolio']) if p)}"
        assert any(s == head + ")" or s.startswith(head + ", ") for s in found), (head, found)
    assert row.wethouder_wonen == ("ja" if expected["wethouder_wonen"] else "nee")
