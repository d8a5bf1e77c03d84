"""The test sets of real text beside the development set (issue 10, bench/devset.py EVAL_SETS):
passages collected and labelled by other hands while the rubric was tuned. On purpose there is no
test per passage (a list of failing passages is what invites tuning on them); bench/devset.py
prints their recall and precision next to the development set's. These tests keep the sets honest
as data: every passage is a short quotation with its public source, labelled by the settled file,
and no document is in two sets. A set that is absent skips and says why."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.devset import DEVSET, EVAL_SETS, INDICATORS, read_jsonl

MAX_CHARS = 600  # the guidelines' limit for a quotation (tests/devset/SOURCES.md)
MAX_CONTEXT = 400  # the text before a passage on its page (context.jsonl): two sentences at most
# share of the shorter quotation's word 5-grams found in the other one above which two quotations
# are the same text (see repeats_between)
SAME_TEXT = 0.5
SETS = [pytest.param(folder, id=folder.name) for folder, _, _ in EVAL_SETS]


def _present(folder: Path) -> None:
    if not ((folder / "passages.jsonl").exists() and (folder / "labels.jsonl").exists()):
        pytest.skip(f"de toetsset ontbreekt ({folder}/passages.jsonl en labels.jsonl)")


def _document(url: str) -> str:
    parts = urlsplit(url.strip())
    # the query names the document on sites like tweedekamer.nl (…/detail?id=…)
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}{query}"


@pytest.mark.parametrize("folder", SETS)
def test_every_passage_is_a_short_quotation_with_its_source(folder):
    _present(folder)
    passages = read_jsonl(folder / "passages.jsonl")
    ids = [p["id"] for p in passages]
    assert len(ids) == len(set(ids)), "dubbele ids in de toetsset"
    for passage in passages:
        assert passage["text"].strip() and len(passage["text"]) <= MAX_CHARS, passage["id"]
        assert passage["url"].startswith(("http://", "https://")), passage["id"]
        assert passage.get("source"), passage["id"]


@pytest.mark.parametrize("folder", SETS)
def test_every_passage_has_one_settled_label_for_every_indicator(folder):
    _present(folder)
    passages = {p["id"] for p in read_jsonl(folder / "passages.jsonl")}
    labels = read_jsonl(folder / "labels.jsonl")
    assert {row["id"] for row in labels} == passages
    for row in labels:
        for indicator in INDICATORS:
            assert isinstance((row.get(indicator) or {}).get("evidence"), bool), f"{row['id']} {indicator}"


def test_no_document_is_in_two_sets():
    folders = _sets_present()
    documents = {f: {_document(p["url"]) for p in read_jsonl(f / "passages.jsonl")} for f in folders}
    for a, b in combinations(folders, 2):
        shared = sorted(documents[a] & documents[b])
        assert not shared, f"documenten in {a.name} en {b.name}: {shared[:5]}"


def _sets_present() -> list[Path]:
    """The development set and every test set that is there; skips when there is nothing to compare."""
    folders = [DEVSET] + [folder for folder, _, _ in EVAL_SETS if (folder / "passages.jsonl").exists()]
    if len(folders) < 2:
        pytest.skip("geen toetsset naast de ontwikkelset")
    return folders


def _shingles(text: str, n: int = 5) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def repeats_between(a: list[dict], b: list[dict]) -> list[tuple[str, str]]:
    """Pairs of passages (one from each list) that share most of their word 5-grams: the same
    quotation, found on another site (a mirror, a republished press release), one sentence more
    or less. The URL check does not see those."""
    index: dict[str, set[str]] = {}
    shingles_b = {}
    for passage in b:
        shingles_b[passage["id"]] = _shingles(passage["text"])
        for shingle in shingles_b[passage["id"]]:
            index.setdefault(shingle, set()).add(passage["id"])
    pairs = []
    for passage in a:
        own = _shingles(passage["text"])
        shared: dict[str, int] = {}
        for shingle in own:
            for other in index.get(shingle, ()):
                shared[other] = shared.get(other, 0) + 1
        for other, count in shared.items():
            if count / min(len(own), len(shingles_b[other])) >= SAME_TEXT:
                pairs.append((passage["id"], other))
    return pairs


def test_no_passage_repeats_the_text_of_another_set():
    folders = _sets_present()
    passages = {f: read_jsonl(f / "passages.jsonl") for f in folders}
    repeats = [pair for a, b in combinations(folders, 2) for pair in repeats_between(passages[a], passages[b])]
    assert not repeats, f"dezelfde tekst in twee sets: {repeats[:5]}"


@pytest.mark.parametrize("folder", [pytest.param(DEVSET, id="devset"), *SETS])
def test_the_text_before_each_passage_is_short_and_covers_the_set(folder):
    """context.jsonl (bench/devset.py reads passages in their paragraph with it): one row per
    passage, found or not, with at most MAX_CONTEXT characters copied from the page."""
    path = folder / "context.jsonl"
    if not path.exists():
        pytest.skip(f"geen tekst vóór de passages ({path})")
    rows = read_jsonl(path)
    assert [r["id"] for r in rows] == [p["id"] for p in read_jsonl(folder / "passages.jsonl")]
    for row in rows:
        assert isinstance(row["found"], bool) and len(row["context_before"]) <= MAX_CONTEXT, row["id"]
        assert row["found"] or row["context_before"] == "", row["id"]
