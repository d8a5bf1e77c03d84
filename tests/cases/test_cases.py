"""Dutch regression cases kept as data (`cases.yaml`), each one a named test.

A case is a sentence or short paragraph written for omslag, with the evidence a careful rater
would expect (signal, and where it matters the context flags, prevention type or ladder step)
and the signals that must not appear. Cases omslag does not get right yet are listed in
`known_failures.yaml` with a reason: they run as strict xfails, so they are counted in the test
summary ("N xfailed") and a fixed one fails loudly until it is taken off the list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from omslag.extract.models import Document, ExtractionStatus, Page, TextSource

HERE = Path(__file__).parent
FLAGS = ("negated", "concrete", "intent_only", "pilot", "past", "statistic", "prevention_type", "ladder_step")


def _load_cases() -> list[dict]:
    cases = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8")) or []
    ids = [c["id"] for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"cases.yaml: duplicate ids {duplicates}")
    return cases


def _known_failures() -> dict[str, str]:
    path = HERE / "known_failures.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {case_id: entry["reason"] for case_id, entry in data.items()}


CASES = _load_cases()
KNOWN = _known_failures()


def _params():
    for case in CASES:
        marks = []
        if case["id"] in KNOWN:
            marks.append(pytest.mark.xfail(reason=KNOWN[case["id"]], strict=True))
        yield pytest.param(case, id=case["id"], marks=marks)


def test_known_failures_refer_to_cases():
    unknown = set(KNOWN) - {c["id"] for c in CASES}
    assert not unknown, f"known_failures.yaml lists cases that do not exist: {sorted(unknown)}"


def test_there_are_enough_cases():
    assert len(CASES) >= 200
    assert len(KNOWN) <= 0.05 * len(CASES), "more than 5 % known failures"


def _document(text: str) -> Document:
    return Document(
        doc_id="c" * 64,
        file="case.pdf",
        plan_id="case",
        status=ExtractionStatus.SUCCESS,
        page_count=1,
        pages=[Page(number=1, text=text, source=TextSource.TEXT_LAYER)],
    )


def _describe(evidence) -> str:
    return (
        "; ".join(f"{e.rule_id}({', '.join(f'{f}={getattr(e, f)}' for f in FLAGS if getattr(e, f))})" for e in evidence)
        or "nothing"
    )


@pytest.mark.parametrize("case", list(_params()))
def test_case(case, analyst_finder):
    evidence = analyst_finder.find(_document(case["text"]))
    problems = []
    for expected in case.get("expect") or []:
        candidates = [e for e in evidence if e.rule_id == expected["rule_id"]]
        if not candidates:
            problems.append(f"missing {expected['rule_id']}")
            continue
        wanted = {flag: expected[flag] for flag in FLAGS if flag in expected}
        if not any(all(getattr(e, flag) == value for flag, value in wanted.items()) for e in candidates):
            problems.append(f"{expected['rule_id']} found but not with {wanted}")
    for rule_id in case.get("absent") or []:
        if any(e.rule_id == rule_id and not e.negated for e in evidence):
            problems.append(f"unexpected {rule_id}")
    # a negated item is still a row on the rater's sheet ("ontkend: …"); some words are not the
    # signal at all, negated or not
    for rule_id in case.get("absent_even_negated") or []:
        if any(e.rule_id == rule_id for e in evidence):
            problems.append(f"unexpected {rule_id}, even negated")
    assert not problems, f"{case['id']}: {'; '.join(problems)} — found: {_describe(evidence)}"
