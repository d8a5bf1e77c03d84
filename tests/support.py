"""Paths and helpers the tests share: a plain module, so test modules never import each other
or conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from omslag.extract.models import Document, DocumentMeta, ExtractionStatus, Page, TextSource
from omslag.rules.targets import Target, find_targets

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
BAD_INPUT = ROOT / "tests" / "fixtures" / "bad_input"
DEMO = ROOT / "corpus" / "demo"
SHARED_REAL = ROOT.parent / "shared" / "corpus" / "real"
# The engine tests' small frozen rubric (see its header); the analysts' rubric is rules/rubric.yaml.
ENGINE_RUBRIC = ROOT / "tests" / "fixtures" / "rubric" / "engine.yaml"


def shared_real_corpus() -> Path:
    if not (SHARED_REAL / "manifest.tsv").exists():
        pytest.skip(f"../shared/corpus/real is not here ({SHARED_REAL}); the real-corpus tests need it")
    return SHARED_REAL


def tesseract_available() -> bool:
    from omslag.extract.ocr import OcrUnavailable, find_tesseract

    try:
        find_tesseract()
    except OcrUnavailable:
        return False
    return True


def needs_tesseract():
    """Skip (with the install hint) where tesseract + Dutch data are missing; `make test`
    installs them via `make system-deps`, so CI always runs these tests."""
    from omslag.extract.ocr import OcrUnavailable, find_tesseract

    try:
        find_tesseract()
    except OcrUnavailable as exc:
        pytest.skip(str(exc))


def read_csv(path: Path):
    import pandas as pd

    return pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def one_page_document(*pages: str) -> Document:
    """A readable document with these page texts (for the matching engine's tests)."""
    return Document(
        doc_id="d" * 64,
        file="t.pdf",
        plan_id="t",
        status=ExtractionStatus.SUCCESS,
        page_count=len(pages),
        pages=[Page(number=i, text=t, source=TextSource.TEXT_LAYER) for i, t in enumerate(pages, start=1)],
    )


def signals_found(finder, text: str) -> dict[str, list[str]]:
    """rule id → the matched terms the finder reports in `text`."""
    found: dict[str, list[str]] = {}
    for item in finder.find(one_page_document(text)):
        found.setdefault(item.rule_id, []).extend(t.text for t in item.terms)
    return found


def targets_found(rubric, text: str, date: str = "2024-03-01") -> list[Target]:
    """The streefcijfers (rules.targets) of a one-page plan dated `date` with this text."""
    return find_targets(one_page_document(text).model_copy(update={"meta": DocumentMeta(date=date)}), rubric)
