"""Benchmark: does the rubric find what Annex I of the seed describes, in words nobody here chose?

Not a test, and not real text. Run: `.venv/bin/python bench/specset.py [--show]`. The set
(`tests/specset/sentences.jsonl`, see its README) holds 200 sentences a helper wrote as a regional
plan would, from the seed report alone, without seeing omslag or its rubric: 40 per indicator
spread over the levels, prevention types and ladder steps, 20 for advocacy (12 "ja", 8 "nee": a
provider's client council) and 60 look-alikes from other domains. Each sentence carries one label,
so only recall per indicator is measured (a wonen sentence may also be prevention evidence), plus
how many look-alikes get any proposal.

Every sentence is read as a sentence of a whole plan (no topic gate: a plan is about homelessness
throughout) and, for the look-alikes, also as a page outside a plan, where the topic gate applies.
The set has two halves: the odd ids were used to find gaps in the seventh session, the even ids
were held out (`--half`), so the two halves side by side show what tuning on one is worth.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SPECSET = ROOT / "tests" / "specset" / "sentences.jsonl"
HALVES = ("oneven (gebruikt)", "even (achtergehouden)")

from bench.devset import predict, read_jsonl  # noqa: E402  (after the path, as a script)


def half_of(sentence_id: str) -> str:
    return HALVES[0] if int(sentence_id.rsplit("-", 1)[1]) % 2 else HALVES[1]


def is_found(finder, sentence: dict) -> bool:
    """Does the finder mark the sentence for its labelled indicator, read as part of a plan? For
    advocacy the yes/no must match: "ja" found, "nee" (a client council) not taken for "ja"."""
    marked = predict(finder, {"id": sentence["id"], "text": sentence["text"], "doc_type": "regionaal plan"})
    if sentence["indicator"] == "belangenbehartiging":
        return marked["belangenbehartiging"] == (sentence["detail"] == "ja")
    return marked[sentence["indicator"]]


def false_alarm(finder, sentence: dict, doc_type: str) -> bool:
    """Does a look-alike get any proposal when read as `doc_type`?"""
    return any(predict(finder, {"id": sentence["id"], "text": sentence["text"], "doc_type": doc_type}).values())


def evaluate(finder, sentences: list[dict]) -> tuple[Counter, Counter, list[dict]]:
    """(found, total) per (half, indicator) and per (half, indicator, detail), and the sentences
    missed or falsely marked; look-alikes count under indicator "none" as false alarms, read in a
    plan ("none") and outside one ("none, buiten een plan")."""
    found: Counter = Counter()
    total: Counter = Counter()
    wrong: list[dict] = []
    for sentence in sentences:
        half = half_of(sentence["id"])
        if sentence["indicator"] == "none":
            for key, doc_type in (("none", "regionaal plan"), ("none, buiten een plan", "nieuwsbericht gemeente")):
                alarm = false_alarm(finder, sentence, doc_type)
                total[(half, key)] += 1
                found[(half, key)] += alarm
                if alarm and key == "none":
                    wrong.append(sentence)
            continue
        hit = is_found(finder, sentence)
        for key in ((half, sentence["indicator"]), (half, sentence["indicator"], sentence["detail"])):
            total[key] += 1
            found[key] += hit
        if not hit:
            wrong.append(sentence)
    return found, total, wrong


def print_tables(found: Counter, total: Counter) -> None:
    indicators = ("wonen", "preventie", "participatie", "belangenbehartiging")
    print(f"{'indicator':<22}{'detail':<16}" + "".join(f"{h:>24}" for h in HALVES))
    for indicator in indicators:
        details = sorted({k[2] for k in total if len(k) == 3 and k[1] == indicator})
        for detail in ["*", *details]:
            key = (indicator,) if detail == "*" else (indicator, detail)
            cells = []
            for half in HALVES:
                n = total[(half, *key)]
                cells.append(f"{found[(half, *key)]:>3} van {n:<3} gevonden" if n else "")
            print(
                f"{indicator if detail == '*' else '':<22}{'' if detail == '*' else detail:<16}"
                + "".join(f"{c:>24}" for c in cells)
            )
    for key in ("none", "none, buiten een plan"):
        label = "lijkt erop, in een plan" if key == "none" else "lijkt erop, buiten een plan"
        cells = [f"{found[(h, key)]:>3} van {total[(h, key)]:<3} vals alarm" for h in HALVES]
        print(f"{label:<38}" + "".join(f"{c:>24}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=Path, default=SPECSET)
    parser.add_argument("--rubric", type=Path, default=None, help="rubric file (default: rules/rubric.yaml)")
    parser.add_argument("--show", action="store_true", help="list the missed and falsely marked sentences")
    args = parser.parse_args(argv)
    from omslag.rules.matching import EvidenceFinder
    from omslag.rules.rubric import load_rubric

    if not args.sentences.exists():
        print(f"geen zinnen gevonden: {args.sentences}")
        return 1
    rubric = load_rubric(args.rubric) if args.rubric else load_rubric()
    finder = EvidenceFinder(rubric)
    sentences = read_jsonl(args.sentences)
    print(f"zinnen naar bijlage I: {len(sentences)} uit {args.sentences}; rubric {rubric.version}")
    print(
        "(geschreven zinnen, geen echte tekst; alleen recall per indicator, en vals alarm op zinnen over iets anders)\n"
    )
    found, total, wrong = evaluate(finder, sentences)
    print_tables(found, total)
    if args.show:
        print()
        for sentence in wrong:
            print(
                f"{sentence['id']} [{half_of(sentence['id'])}] {sentence['indicator']}/{sentence['detail']}: {sentence['text']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
