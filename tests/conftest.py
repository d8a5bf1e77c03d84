"""Shared test set-up: paths, the shared real corpus (skipped when absent), and one Prefect
test harness for the whole session so its server start-up (≈ 10–20 s) is paid once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
BAD_INPUT = ROOT / "tests" / "fixtures" / "bad_input"
DEMO = ROOT / "corpus" / "demo"
SHARED_REAL = ROOT.parent / "shared" / "corpus" / "real"

# Same quiet local defaults the CLI uses, before anything imports Prefect.
from omslag import prefect_env  # noqa: E402

prefect_env.apply()


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


@pytest.fixture(scope="session")
def prefect_harness():
    """A throw-away Prefect database and server for the test session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def rubric():
    from omslag.rules.rubric import load_rubric

    return load_rubric()


@pytest.fixture(scope="session")
def finder(rubric):
    from omslag.rules.matching import EvidenceFinder

    return EvidenceFinder(rubric)


@pytest.fixture(scope="session")
def demo_run(prefect_harness, tmp_path_factory):
    """The demo corpus through the real flow, once per session."""
    from omslag.flows.run import run_corpus

    out = tmp_path_factory.mktemp("demo-run")
    summary = run_corpus(corpus=str(DEMO), out=str(out))
    return summary, out


def read_csv(path: Path):
    import pandas as pd

    return pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)


os.environ.setdefault("OMSLAG_TESTING", "1")
