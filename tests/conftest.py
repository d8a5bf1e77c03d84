"""Shared test fixtures (paths and helpers are in tests/support.py): the rubrics, and one Prefect
test harness for the whole session so its server start-up (≈ 10–20 s) is paid once."""

from __future__ import annotations

import pytest

# Same quiet local defaults the CLI uses, before anything imports Prefect.
from omslag import prefect_env
from tests.support import DEMO, ENGINE_RUBRIC

prefect_env.apply()


@pytest.fixture(scope="session")
def prefect_harness():
    """A throw-away Prefect database and server for the test session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def rubric():
    """The engine tests' own small rubric, not the analysts' rules/rubric.yaml: an analyst's
    edit must never break an engine test (the analysts' rubric has tests/cases/)."""
    from omslag.rules.rubric import load_rubric

    return load_rubric(ENGINE_RUBRIC)


@pytest.fixture(scope="session")
def analyst_rubric():
    from omslag.rules.rubric import load_rubric

    return load_rubric()


@pytest.fixture(scope="session")
def finder(rubric):
    from omslag.rules.matching import EvidenceFinder

    return EvidenceFinder(rubric)


@pytest.fixture(scope="session")
def analyst_finder(analyst_rubric):
    from omslag.rules.matching import EvidenceFinder

    return EvidenceFinder(analyst_rubric)


@pytest.fixture(scope="session")
def demo_run(prefect_harness, tmp_path_factory):
    """The demo corpus through the real flow, once per session."""
    from omslag.flows.run import run_corpus

    out = tmp_path_factory.mktemp("demo-run")
    summary = run_corpus(corpus=str(DEMO), out=str(out))
    return summary, out
