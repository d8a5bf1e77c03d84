"""Benchmark: the context flags on the project's context test set (tests/context/*.yaml).

For every item, the sentence goes through omslag's rules stage as a one-page document, with a
rubric made of the fixture rubric's context words (tests/fixtures/rubric_small.yaml) and one
signal per term of the set; the flags of the term's evidence are compared with the expected
ones. Prints precision, recall and F1 per flag for the written tuning part and held-out part,
and for the sentences of real government text (real.yaml): the part whose passages were read
while mending the flags (real_tune) and the part from the untouched toetssets (real_heldout).

    python tests/context/bench_context.py [--show-errors] [--part tune|heldout|real_tune|real_heldout]
"""

from __future__ import annotations

import argparse
import re
import sys
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FLAGS = ("negated", "past", "intent_only", "concrete", "pilot", "statistic")
PARTS = ("tune", "heldout")
# real sentences, labelled blind by two raters (real.yaml, its AGREEMENT in README.md); reported,
# not held to the written parts' F1 ≥ 0.9
REAL_PARTS = ("real_tune", "real_heldout")


def load_items(part: str) -> list[dict]:
    if part in REAL_PARTS:
        items = yaml.safe_load((HERE / "real.yaml").read_text(encoding="utf-8"))["items"]
        return [item for item in items if f"real_{item['part']}" == part]
    return yaml.safe_load((HERE / f"{part}.yaml").read_text(encoding="utf-8"))["items"]


def known_failures(real: bool = False) -> dict[str, str]:
    path = HERE / ("known_failures_real.yaml" if real else "known_failures.yaml")
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    known = dict(data.get("known_failures") or {})
    from omslag.extract.wordlist import dutch_words

    if not dutch_words():
        # items that only the word list mends (Debian wdutch, `make system-deps`)
        known.update(data.get("without_word_list") or {})
    return {str(k): str(v) for k, v in known.items()}


def signal_id(term: str) -> str:
    from omslag.rules.nlp import fold

    return "t_" + re.sub(r"[^a-z0-9]+", "_", fold(term)).strip("_")


WORD_PATTERNS = False  # --word-patterns: the old flags (no parse), for comparison


@lru_cache(maxsize=2)
def finder(analysts_context: bool = False):
    """The written parts test the engine with the fixture rubric's context words; the real
    sentences are read as users get them, with the analysts' context section (rules/rubric.yaml)."""
    from omslag.rules.matching import EvidenceFinder
    from omslag.rules.rubric import Rubric

    raw = yaml.safe_load((ROOT / "tests" / "fixtures" / "rubric_small.yaml").read_text(encoding="utf-8"))
    if WORD_PATTERNS or analysts_context:  # the analysts' full word lists
        real = yaml.safe_load((ROOT / "rules" / "rubric.yaml").read_text(encoding="utf-8"))
        raw["context"] = real["context"]
    # one signal per term; real sentences write the same term in capitals too ("Beschermd Wonen")
    # "Preventie-" (the first half of "Preventie- en handhavingsplan") is the term "preventie":
    # one phrase per signal, whichever item names it last
    by_id = {
        signal_id(item["term"]): item["term"].lower().rstrip("-")
        for part in PARTS + REAL_PARTS
        for item in load_items(part)
    }
    signals = []
    for term in sorted(by_id.values()):
        phrase = term if " " in term else {"phrase": term, "compound": "any"}
        signals.append({"id": signal_id(term), "label": term, "terms": [phrase]})
    raw["indicators"][0]["signals"] = signals
    raw["indicators"][0]["rules"] = [{"id": "wonen.niets", "level": 1, "description": "-"}]
    return EvidenceFinder(Rubric.model_validate(raw), deep_nlp=False if WORD_PATTERNS else None)


def predict(item: dict, analysts_context: bool = False) -> dict | None:
    from omslag.extract.models import Document, ExtractionStatus, Page, TextSource

    document = Document(
        doc_id="c" * 64,
        file="context.pdf",
        plan_id="context",
        status=ExtractionStatus.SUCCESS,
        page_count=1,
        pages=[Page(number=1, text=item["text"], source=TextSource.TEXT_LAYER)],
    )
    for evidence in finder(analysts_context).find(document):
        if evidence.signal == signal_id(item["term"]):
            return evidence.model_dump()
    return None


def evaluate(part: str, show_errors: bool = False) -> dict:
    items = load_items(part)
    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in FLAGS}
    wrong: list[tuple[str, list[str], str]] = []
    missing = []
    for item in items:
        got = predict(item, analysts_context=part in REAL_PARTS)
        if got is None:
            missing.append(item["id"])
            got = {}
        expected = set(item["flags"])
        errors = []
        for flag in FLAGS:
            e, g = flag in expected, bool(got.get(flag))
            if e and g:
                counts[flag]["tp"] += 1
            elif g:
                counts[flag]["fp"] += 1
                errors.append(f"+{flag}")
            elif e:
                counts[flag]["fn"] += 1
                errors.append(f"-{flag}")
        if errors:
            why = " ".join(f"{k}={got.get(k)!r}" for k in ("negated_by", "tense", "modal", "commitment") if got.get(k))
            wrong.append((item["id"], errors, f"{item['text']}  [{item['term']}] {why}"))
    scores = {}
    for flag, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        scores[flag] = {"precision": p, "recall": r, "f1": f1, **c}
    if show_errors:
        for item_id, errors, text in wrong:
            print(f"  {item_id} {' '.join(errors):28} {text}")
    return {"items": len(items), "scores": scores, "wrong": [w[0] for w in wrong], "missing": missing}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--part", choices=PARTS + REAL_PARTS, action="append")
    parser.add_argument("--word-patterns", action="store_true", help="the word-window flags, without a parse")
    args = parser.parse_args(argv)
    global WORD_PATTERNS
    WORD_PATTERNS = args.word_patterns
    from omslag.rules.nlp import get_deep_nlp, pipeline_name

    deep = None if WORD_PATTERNS else get_deep_nlp()
    print(f"analysis pipeline: {pipeline_name(deep) if deep else 'none (word patterns)'}")
    known = {**known_failures(), **known_failures(real=True)}
    for part in args.part or PARTS + REAL_PARTS:
        result = evaluate(part, args.show_errors)
        print(
            f"\n{part}: {result['items']} sentences, {len(result['wrong'])} with a wrong flag "
            f"({len(set(result['wrong']) & set(known))} of them known failures), term not found: {result['missing']}"
        )
        print(f"  {'flag':12} {'precision':>9} {'recall':>7} {'F1':>6}   tp  fp  fn")
        for flag, s in result["scores"].items():
            print(
                f"  {flag:12} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}  {s['tp']:3} {s['fp']:3} {s['fn']:3}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
