"""Ctrl-C during `omslag run`, as a terminal sends it: the whole foreground process group gets
SIGINT mid-batch, with real child processes reading documents. The command must stop within
10 s (the issue's bound), exit 130 with one Dutch line and no traceback, leave the tables of the
finished documents and no process behind, and a re-run must resume from the cache."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import psutil
import pytest

from tests.support import DEMO, read_csv

pytestmark = pytest.mark.prefect

STOP_WITHIN_SECONDS = 10


def _omslag(corpus, out) -> list[str]:
    return [sys.executable, "-m", "omslag.cli", "run", str(corpus), "--out", str(out), "--workers", "1"]


def _env() -> dict:
    # the embedded path (a temporary Prefect server of our own): the harder one to stop cleanly
    return dict(os.environ, OMSLAG_PREFECT_SERVER="temporary", COLUMNS="120")


def test_ctrl_c_stops_quickly_keeps_finished_documents_and_resumes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(DEMO.glob("*.pdf")):
        shutil.copy(path, corpus)
    shutil.copy(DEMO / "manifest.tsv", corpus)
    out = tmp_path / "out"
    process = subprocess.Popen(
        _omslag(corpus, out),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job has
    )
    lines: list[str] = []
    first_done = threading.Event()

    def read_stdout():
        for line in process.stdout:
            lines.append(line)
            if line.startswith("[1/"):
                first_done.set()

    reader = threading.Thread(target=read_stdout, daemon=True)
    reader.start()
    stderr_chunks: list[str] = []
    err_reader = threading.Thread(target=lambda: stderr_chunks.append(process.stderr.read()), daemon=True)
    err_reader.start()
    try:
        assert first_done.wait(timeout=300), "no document finished within 300 s:\n" + "".join(lines)
        started_children = {p.pid for p in psutil.Process(process.pid).children(recursive=True)}
        assert started_children, "expected child processes (document workers, Prefect server)"
        sent = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        code = process.wait(timeout=60)
        elapsed = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    reader.join(timeout=5)
    err_reader.join(timeout=5)
    stdout, stderr = "".join(lines), "".join(stderr_chunks)

    assert elapsed <= STOP_WITHIN_SECONDS, f"took {elapsed:.1f} s to stop"
    assert code == 130, (code, stdout, stderr)
    assert "Traceback" not in stderr and "Traceback" not in stdout, stderr
    assert "onderbroken" in stdout and "opnieuw" in stdout, stdout

    deadline = time.monotonic() + 5
    alive = set()
    while time.monotonic() < deadline:
        alive = {
            pid
            for pid in started_children
            if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        }
        if not alive:
            break
        time.sleep(0.2)
    assert not alive, f"processes left behind: {alive}"

    summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] and summary["documents_unfinished"], summary
    finished = set(read_csv(out / "documents.csv")["file"])
    reported = {line.split("] ", 1)[1].split(":", 1)[0] for line in lines if line.startswith("[")}
    assert reported and reported <= finished, (reported, finished)
    assert len(finished) + len(summary["documents_unfinished"]) == 8
    assert (out / "sheets").is_dir() and all((out / "sheets" / f"{_plan(f)}.csv").is_file() for f in finished)

    again = subprocess.run(_omslag(corpus, out), capture_output=True, text=True, env=_env(), timeout=600)
    assert again.returncode == 0, again.stderr
    resumed = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert resumed["documents_from_cache"] == len(finished)
    assert resumed["documents_processed"] == 8 - len(finished)
    assert not resumed["interrupted"] and resumed["documents"] == 8


def _plan(file: str) -> str:
    return file.removesuffix(".pdf")


@pytest.mark.parametrize("delay", [0.5, 3.0])
def test_ctrl_c_during_start_up_ends_quietly(tmp_path, delay):
    """Before the batch runs (importing, starting the temporary Prefect server): exit 130 at
    once, one Dutch line, no traceback, no server left behind."""
    process = subprocess.Popen(
        _omslag(DEMO, tmp_path / "out"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        text=True,
        start_new_session=True,
    )
    time.sleep(delay)
    children = {p.pid for p in psutil.Process(process.pid).children(recursive=True)}
    os.killpg(process.pid, signal.SIGINT)
    try:
        stdout, stderr = process.communicate(timeout=STOP_WITHIN_SECONDS + 20)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, (stdout, stderr)
    assert "Traceback" not in stderr + stdout and "onderbroken" in stderr + stdout, stderr
    time.sleep(1)
    assert not {p for p in children if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE}
