"""The benchmark's comparison of participation rungs and kinds of prevention with the sets'
labels (bench/steps_types.py), on hand-made items so that each count is known."""

from __future__ import annotations

from types import SimpleNamespace

from bench.devset import _DOMAIN
from bench.steps_types import NO_STEP, compare, passage_step, passage_types, print_steps_and_types

PART = _DOMAIN.ladder_indicator
PREV = _DOMAIN.prevention_indicator


def item(indicator, step=None, kind=None, negated=""):
    return SimpleNamespace(indicator=indicator, ladder_step=step, prevention_type=kind, negated=negated)


def test_the_passage_rung_is_the_highest_one_not_denied():
    items = [item(PART, "raadplegen"), item(PART, "meebeslissen", negated="niet"), item(PART, "adviseren")]
    assert passage_step(items, _DOMAIN) == "adviseren"
    assert passage_step([item(PART)], _DOMAIN) is None  # a mention only: no rung
    kinds = [item(PREV, kind="crisis"), item(PREV, kind="nood", negated="geen"), item(PREV)]
    assert passage_types(kinds, _DOMAIN) == {"crisis"}


def test_rungs_and_kinds_are_compared_only_where_both_see_evidence():
    passages = [{"id": i} for i in "abcdef"]
    labels = {
        "a": {PART: {"evidence": True, "ladder_step": "adviseren"}},
        "b": {PART: {"evidence": True, "ladder_step": "adviseren"}},
        "c": {PART: {"evidence": True, "ladder_step": "meebeslissen"}},
        "d": {PART: {"evidence": True, "ladder_step": None}},
        "e": {PART: {"evidence": False}, PREV: {"evidence": True, "types": ["upstream", "crisis"]}},
        "f": {PREV: {"evidence": True, "types": ["nood"]}},
    }
    proposals = {
        "a": [item(PART, "adviseren")],  # the same rung
        "b": [item(PART, "raadplegen")],  # one rung lower
        "c": [item(PART)],  # a mention without a rung
        "d": [item(PART, "raadplegen")],  # the label gives no rung
        "e": [item(PART, "raadplegen"), item(PREV, kind="crisis")],  # participation not labelled
        "f": [],  # prevention missed: the recall table counts it, not this one
    }
    steps, types = compare(passages, labels, proposals, _DOMAIN)
    assert (steps.passages, steps.exact, steps.within_one, steps.no_step, steps.unlabelled) == (3, 1, 2, 1, 1)
    assert steps.confusion[("meebeslissen", NO_STEP)] == 1 and steps.confusion[("adviseren", "raadplegen")] == 1
    assert (types.passages, types.exact) == (1, 0)
    assert types.labelled == {"upstream": 1, "crisis": 1} and types.found == {"crisis": 1}
    assert types.both == {"crisis": 1}


def test_the_table_pools_the_tuned_sets_apart_from_the_untouched_ones(capsys):
    labels = {"a": {PART: {"evidence": True, "ladder_step": "raadplegen"}}}
    other = {"b": {PART: {"evidence": True, "ladder_step": "raadplegen"}}}
    measured = [
        ("ontwikkelset (afgestemd)", None, [{"id": "a"}], labels, True),
        # a set whose evidence errors were read is still untouched for rungs and kinds
        ("toetsset 5 (afgestemd)", None, [{"id": "b"}], other, True),
    ]
    proposals = {"a": [item(PART, "raadplegen")], "b": [item(PART)]}
    print_steps_and_types(measured, proposals, _DOMAIN)
    out = capsys.readouterr().out.splitlines()
    tuned = next(line for line in out if line.strip().startswith("afgestemd "))
    untouched = next(line for line in out if line.strip().startswith("niet afgestemd "))
    assert tuned.split()[1:3] == ["1", "1"]  # one passage, the same rung
    assert untouched.split()[2:4] == ["1", "0"] and untouched.split()[-1] == "1"  # no rung
    assert any("raadplegen → geen trede 1" in line for line in out)
