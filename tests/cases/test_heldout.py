"""The held-out test set of real text (issue 10): passages collected and labelled after the rubric
was tuned on the development set, never used for tuning. On purpose there is no test per passage
(a list of failing passages is what invites tuning on them); bench/devset.py prints its recall and
precision next to the development set's. These tests keep the set honest as data: every passage is
a short quotation with its public source, labelled by the settled file, and no document is in
both sets. Without the files the tests skip and say why."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from bench.devset import DEVSET, HELDOUT, INDICATORS, read_jsonl

PASSAGES = HELDOUT / "passages.jsonl"
LABELS = HELDOUT / "labels.jsonl"
MAX_CHARS = 600  # the guidelines' limit for a quotation (tests/devset/SOURCES.md)

pytestmark = pytest.mark.skipif(
    not (PASSAGES.exists() and LABELS.exists()),
    reason=f"de toetsset ontbreekt ({PASSAGES} en {LABELS})",
)


def _document(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}"


def test_every_passage_is_a_short_quotation_with_its_source():
    passages = read_jsonl(PASSAGES)
    ids = [p["id"] for p in passages]
    assert len(ids) == len(set(ids)), "dubbele ids in de toetsset"
    for passage in passages:
        assert passage["text"].strip() and len(passage["text"]) <= MAX_CHARS, passage["id"]
        assert passage["url"].startswith(("http://", "https://")), passage["id"]
        assert passage.get("source"), passage["id"]


def test_every_passage_has_one_settled_label_for_every_indicator():
    passages = {p["id"] for p in read_jsonl(PASSAGES)}
    labels = read_jsonl(LABELS)
    assert {row["id"] for row in labels} == passages
    for row in labels:
        for indicator in INDICATORS:
            assert isinstance((row.get(indicator) or {}).get("evidence"), bool), f"{row['id']} {indicator}"


def test_no_document_is_in_both_the_development_set_and_the_held_out_set():
    dev = {_document(p["url"]) for p in read_jsonl(DEVSET / "passages.jsonl")}
    shared = sorted({_document(p["url"]) for p in read_jsonl(PASSAGES)} & dev)
    assert not shared, f"documenten in beide sets: {shared[:5]}"
