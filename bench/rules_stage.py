"""Benchmark: the rules stage alone, next to extraction and the bare spaCy pipeline.

Not a test. Run: `.venv/bin/python bench/rules_stage.py [FOLDER ...] [--repeat N]` (default:
corpus/demo, and ../shared/corpus/real when present). Extracts every PDF once, then times on the
same page texts, in one process on one core:

* extraction (pypdfium2 + cleaning),
* the bare Dutch pipeline (tokenizer, sentencizer, lemmas) without any matching,
* the rules stage: evidence finding (PhraseMatcher + compound lookup + context flags) and scoring.

It prints pages/s, sentences/s and tokens/s, and the ratios that matter: rules stage vs bare
pipeline (the cost of matching) and rules stage vs extraction (matching must not become the
slowest stage).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from omslag.extract.pdf import extract_document
from omslag.rules.matching import finder_for
from omslag.rules.metadata import plan_metadata
from omslag.rules.nlp import prepare_text
from omslag.rules.rubric import DEFAULT_RUBRIC_PATH
from omslag.rules.scoring import score_document

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per stage")
    args = parser.parse_args()
    folders = args.folders or [ROOT / "corpus" / "demo"]
    if not args.folders and (ROOT.parent / "shared" / "corpus" / "real").exists():
        folders.append(ROOT.parent / "shared" / "corpus" / "real")

    finder = finder_for(DEFAULT_RUBRIC_PATH)
    nlp = finder.nlp
    for folder in folders:
        files = sorted(folder.glob("*.pdf"))
        started = time.perf_counter()
        documents = [extract_document(f) for f in files]
        t_extract = time.perf_counter() - started
        documents = [d for d in documents if d.status.usable]
        texts = [prepare_text(p.text) for d in documents for p in d.text_pages]
        pages = len(texts)
        docs = list(nlp.pipe(texts))
        sentences = sum(len(list(doc.sents)) for doc in docs)
        tokens = sum(len(doc) for doc in docs)

        def bare(texts=texts):
            for _ in nlp.pipe(texts):
                pass

        def rules(documents=documents):
            for d in documents:
                findings = finder.find_all(d)
                score_document(
                    finder.rubric,
                    findings.evidence,
                    doc_id=d.doc_id,
                    plan_id=d.plan_id,
                    topic_sentences=findings.topic_sentences,
                )
                plan_metadata(d, finder.rubric, findings.evidence)

        def best(fn):
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t)
            return min(times)

        t_bare, t_rules = best(bare), best(rules)
        print(f"\n{folder}  ({len(files)} files, {pages} text pages, {sentences} sentences, {tokens} tokens)")
        print(f"{'stage':<34} {'seconds':>8} {'pages/s':>9} {'sent/s':>9} {'tokens/s':>10}")
        for name, seconds in [
            ("extraction (pypdfium2 + clean)", t_extract),
            ("bare Dutch pipeline (no matching)", t_bare),
            ("rules stage (match + score + meta)", t_rules),
        ]:
            print(
                f"{name:<34} {seconds:>8.2f} {pages / seconds:>9.1f} {sentences / seconds:>9.0f} {tokens / seconds:>10.0f}"
            )
        print(
            f"rules stage / bare pipeline: {t_rules / t_bare:.2f}x   rules stage / extraction: {t_rules / t_extract:.2f}x"
        )


if __name__ == "__main__":
    main()
