"""Term audit: which words of real text does each one-word rubric term catch?

Not a test. Run: `.venv/bin/python bench/term_audit.py PATH [PATH ...] [--rubric FILE] [--min N]`.
A PATH is a PDF, a folder of PDFs, a text file, or a set of passages (`*.jsonl` with a `text`
field, such as tests/devset/passages.jsonl). For every one-word term it lists the words it
catches that are not the term itself or a plain inflection of it — compounds ("aansluiting" for
`sluiting`), other forms of its lemma ("weinig" for `minder`) — with how often they occur and
one sentence, grouped by signal. Analysts read it for false friends and add them to the term's
`exclude` (or set `lemma: false`); see rules/README.md. Near words are not checked here: a word
listed may still never become evidence, because its sentence lacks the term's `near` words.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from omslag.rules.matching import is_inflection
from omslag.rules.nlp import fold

WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def read_texts(paths: list[Path]) -> list[tuple[str, str]]:
    """(where, text) of every document or passage under `paths`; a file omslag cannot read is
    named on stderr and skipped."""
    from omslag.extract.pdf import extract_document

    out: list[tuple[str, str]] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix == ".pdf":
                document = extract_document(file)
                if not document.pages:
                    print(f"overgeslagen: {file}: {document.error or document.status}", file=sys.stderr)
                out.extend((f"{file.name} p. {page.number}", page.text) for page in document.pages)
            elif suffix == ".jsonl":
                for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
                    if line.strip():
                        row = json.loads(line)
                        out.append((str(row.get("id") or f"{file.name}:{number}"), str(row.get("text", ""))))
            elif suffix in (".txt", ".md"):
                out.append((file.name, file.read_text(encoding="utf-8", errors="replace")))
    return out


def _plain(word: str, phrase: str) -> bool:
    """The term itself or an inflection of it (opvang, opvangen; woonplek, woonplekken), by the
    matcher's own inflection endings."""
    folded, form = fold(word.lower()), fold(phrase.lower())
    return folded.startswith(form) and is_inflection(form, folded[len(form) :])


def audit(finder, texts: list[tuple[str, str]]) -> tuple[dict[tuple[str, str, str], Counter], dict[str, str]]:
    """(indicator, signal, phrase) → Counter of the words the term catches beyond itself, and
    word → the first place and sentence it was seen in."""
    counts: Counter = Counter()
    examples: dict[str, str] = {}
    for where, text in texts:
        for sentence in SENTENCE_END.split(text):
            for word in WORD.findall(sentence):
                if len(word) < 4:
                    continue
                counts[word.lower()] += 1
                examples.setdefault(word.lower(), f"{where}: {' '.join(sentence.split())[:160]}")
    caught: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for word, n in counts.items():
        for indicator, signal, phrase in finder.terms_reading(word):
            if " " not in phrase and not _plain(word, phrase):
                caught[(indicator, signal, phrase)][word] += n
    return caught, examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="PDF's, mappen, tekstbestanden of passages (.jsonl)")
    parser.add_argument("--rubric", type=Path, default=None, help="rubric-YAML (standaard rules/rubric.yaml)")
    parser.add_argument("--min", type=int, default=1, help="alleen woorden die minstens zo vaak voorkomen")
    args = parser.parse_args(argv)

    from omslag.rules.matching import EvidenceFinder
    from omslag.rules.rubric import DEFAULT_RUBRIC_PATH, load_rubric

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"fout: niet gevonden: {', '.join(missing)}", file=sys.stderr)
        return 2
    rubric = load_rubric(args.rubric or DEFAULT_RUBRIC_PATH)
    texts = read_texts(args.paths)
    caught, examples = audit(EvidenceFinder(rubric), texts)
    print(f"termcontrole: {len(texts)} teksten, rubric {rubric.version}")
    print("per term de woorden die hij vangt behalve zichzelf (samenstellingen, andere vormen van het lemma)\n")
    for (indicator, signal, phrase), words in sorted(caught.items()):
        shown = [(w, n) for w, n in words.most_common() if n >= args.min]
        if not shown:
            continue
        print(f"{indicator}.{signal} — term '{phrase}'")
        for word, n in shown:
            print(f"  {word:<32} {n:>4}×  {examples[word]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
