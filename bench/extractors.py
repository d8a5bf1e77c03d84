"""Benchmark: pypdfium2 vs pdfplumber on the same PDFs — speed and a rough text quality.

Not a test. Run: `.venv/bin/python bench/extractors.py [FOLDER ...]` (default: corpus/demo and,
when present, ../shared/corpus/real). Prints pages/s per extractor, the ratio, and quality
signals per extractor: `(cid:NN)` garbage, private-use characters, and the share of words that
are common Dutch words (a garbled or interleaved text layer scores low).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from omslag.extract.backends import BACKENDS
from omslag.extract.clean import clean_pages
from omslag.extract.quality import COMMON_DUTCH

ROOT = Path(__file__).resolve().parents[1]

COMMON = COMMON_DUTCH  # the same common-word list the quality check uses
WORD = re.compile(r"[a-zà-ÿ]+")


def quality(text: str) -> tuple[int, int, float]:
    cid = text.count("(cid:")
    private = sum(1 for c in text if 0xE000 <= ord(c) <= 0xF8FF)
    words = WORD.findall(text.lower())
    common = sum(1 for w in words if w in COMMON) / len(words) if words else 0.0
    return cid, private, common


def main(folders: list[Path]) -> None:
    files = [p for f in folders for p in sorted(f.glob("*.pdf"))]
    print(
        f"{'extractor':<11} {'files':>5} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'cid':>5} {'pua':>5} {'common%':>8}"
    )
    rates = {}
    for name, backend in BACKENDS.items():
        pages = 0
        seconds = 0.0
        cid = pua = 0
        common_sum = 0.0
        counted = 0
        for path in files:
            started = time.perf_counter()
            try:
                raw = [p.text or "" for p in backend.iter_pages(path)]
            except Exception:
                continue
            seconds += time.perf_counter() - started
            pages += len(raw)
            text = "\n".join(clean_pages(raw))
            c, p, common = quality(text)
            cid += c
            pua += p
            if text.strip():
                common_sum += common
                counted += 1
        rate = pages / seconds if seconds else 0
        rates[name] = rate
        print(
            f"{name:<11} {len(files):>5} {pages:>6} {seconds:>8.2f} {rate:>8.1f} {cid:>5} {pua:>5} "
            f"{100 * common_sum / max(counted, 1):>7.1f}%"
        )
    if rates.get("pdfplumber"):
        print(f"pypdfium2 / pdfplumber speed ratio: {rates['pypdfium2'] / rates['pdfplumber']:.1f}x")


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    if not args:
        args = [ROOT / "corpus" / "demo"]
        shared = ROOT.parent / "shared" / "corpus" / "real"
        if shared.exists():
            args.append(shared)
    main(args)
