"""The CLI's scale options reach the flow, and bad combinations are refused before any work."""

from __future__ import annotations

from omslag import cli
from tests.support import DEMO


def test_scale_options_parse():
    args = cli.build_parser().parse_args(
        [
            "run",
            "corpus/demo",
            "--workers",
            "3",
            "--cache-dir",
            "/tmp/c",
            "--no-ocr",
            "--memory-limit-mb",
            "1024",
            "--timeout",
            "30",
        ]
    )
    assert (args.workers, args.cache_dir, args.no_ocr, args.memory_limit_mb, args.timeout) == (
        3,
        "/tmp/c",
        True,
        1024,
        30.0,
    )
    assert args.dask is None and not args.no_cache


def test_bad_worker_count_and_both_runners_refused(capsys):
    assert cli.main(["run", str(DEMO), "--workers", "0"]) == 2
    assert "--workers moet 1 of meer zijn" in capsys.readouterr().err
    assert cli.main(["run", str(DEMO), "--workers", "2", "--dask", "tcp://127.0.0.1:8786"]) == 2
    assert "niet allebei" in capsys.readouterr().err


def test_corpus_flow_picks_the_task_runner():
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    from omslag.flows.run import corpus_flow

    assert isinstance(corpus_flow(workers=3).task_runner, ThreadPoolTaskRunner)
    assert corpus_flow(workers=3).task_runner._max_workers == 3
    assert isinstance(corpus_flow(dask_address="tcp://127.0.0.1:8786").task_runner, DaskTaskRunner)


def test_default_task_runner_is_read_when_a_run_starts(monkeypatch):
    """The flow's own task runner follows OMSLAG_WORKERS / OMSLAG_DASK_ADDRESS as they are when
    a run starts (Prefect duplicates it then), not as they were at import."""
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    from omslag.flows.run import run_corpus

    monkeypatch.setenv("OMSLAG_WORKERS", "5")
    runner = run_corpus.task_runner.duplicate()
    assert isinstance(runner, ThreadPoolTaskRunner) and runner._max_workers == 5
    monkeypatch.setenv("OMSLAG_DASK_ADDRESS", "tcp://127.0.0.1:8786")
    assert isinstance(run_corpus.task_runner.duplicate(), DaskTaskRunner)
