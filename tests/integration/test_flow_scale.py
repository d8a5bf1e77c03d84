"""The flow at scale: the bad-input set through the real flow (no crash, hang or abort), a
warm re-run served from the cache, and the same flow on a Dask cluster (LocalCluster)."""

from __future__ import annotations

import shutil

import pytest

from tests.support import BAD_INPUT, DEMO, read_csv, tesseract_available

pytestmark = pytest.mark.prefect


def test_bad_input_set_through_the_flow(prefect_harness, tmp_path):
    from omslag.flows.run import run_corpus

    summary = run_corpus(corpus=str(BAD_INPUT), out=str(tmp_path), memory_mb=1024, no_progress_seconds=30)
    documents = read_csv(tmp_path / "documents.csv").set_index("file")
    for name, row in documents.iterrows():
        expected = name.split("__")[0]
        if expected == "OCR" and not tesseract_available():
            expected = "NEEDS_OCR"
        assert row["status"] == expected, (name, row["error"])
    assert summary.documents == len(list(BAD_INPUT.glob("*.pdf")))
    assert "RESOURCE_LIMIT" in summary.status_counts


def test_warm_rerun_comes_from_the_cache(prefect_harness, tmp_path):
    from omslag.flows.run import run_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(DEMO.glob("*.pdf"))[:3]:
        shutil.copy(path, corpus)
    out = tmp_path / "out"
    cold = run_corpus(corpus=str(corpus), out=str(out))
    tables = {name: (out / name).read_bytes() for name in ("documents.csv", "evidence.csv", "scores.csv")}
    warm = run_corpus(corpus=str(corpus), out=str(out))
    assert (cold.documents_processed, warm.documents_processed, warm.documents_from_cache) == (3, 0, 3)
    assert warm.nlp_pipeline == cold.nlp_pipeline
    for name, data in tables.items():
        assert (out / name).read_bytes() == data, name


def test_same_flow_on_a_dask_cluster(prefect_harness, tmp_path):
    """processes=True: the tasks run in a daemonic Dask worker process, which starts the
    documents' own child processes with subprocess."""
    from distributed import Client, LocalCluster

    from omslag.flows.run import corpus_flow

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(DEMO.glob("*.pdf"))[:2]:
        shutil.copy(path, corpus)
    shutil.copy(BAD_INPUT / "NOT_PDF__html_page.pdf", corpus)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        summary = corpus_flow(dask_address=cluster.scheduler_address)(corpus=str(corpus), out=str(tmp_path / "out"))
        with Client(cluster) as client:
            done = client.run_on_scheduler(
                lambda dask_scheduler: {
                    name: dict(prefix.state_counts) for name, prefix in dask_scheduler.task_prefixes.items()
                }
            )
    assert summary.status_counts == {"SUCCESS": 2, "NOT_PDF": 1}
    assert summary.documents_processed == 3
    assert done["process_document"]["memory"] == 3  # all three ran on the cluster
    assert (tmp_path / "out" / "sheets").is_dir()
