"""Batch machinery without Prefect: isolation (memory cap, no-progress timeout), the bad-input
set through child processes, the per-document cache and resuming a killed batch."""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from omslag.batch.cache import ResultCache, extraction_key, rules_key
from omslag.batch.isolation import run_isolated
from omslag.batch.models import DocumentJob, Limits
from omslag.batch.runner import BatchSettings, plan_batch, run_locally
from omslag.extract.models import Document, DocumentMeta, ExtractionStatus, ExtractOptions
from omslag.extract.pdf import sha256_file
from tests.support import BAD_INPUT, DEMO, ROOT, tesseract_available
from tests.support import ENGINE_RUBRIC as DEFAULT_RUBRIC_PATH

BOMB = BAD_INPUT / "RESOURCE_LIMIT__nested_form_bomb.pdf"


def _job(path: Path, limits: Limits, **extra) -> DocumentJob:
    return DocumentJob(
        path=str(path),
        file=path.name,
        plan_id=path.stem.lower(),
        sha256=sha256_file(path),
        rubric_path=str(DEFAULT_RUBRIC_PATH),
        limits=limits,
        **extra,
    )


def test_memory_cap_stops_a_hostile_file():
    """The 2.5 KB nested-form bomb makes pdfium allocate ≈ 500 MB/s; under a 1 GB cap the
    child dies within seconds and the document is RESOURCE_LIMIT, with the page."""
    started = time.monotonic()
    outcome = run_isolated(_job(BOMB, Limits(memory_mb=1024, no_progress_seconds=60)))
    document = outcome.result.document
    assert document.status is ExtractionStatus.RESOURCE_LIMIT
    assert "1024 MB" in document.error and "pagina 1 van 1" in document.error
    assert time.monotonic() - started < 30


def test_no_progress_timeout_stops_a_hanging_file():
    outcome = run_isolated(_job(BOMB, Limits(memory_mb=8192, no_progress_seconds=2)))
    document = outcome.result.document
    assert document.status is ExtractionStatus.RESOURCE_LIMIT
    assert "2 s geen voortgang" in document.error


def test_bad_input_set_through_child_processes(tmp_path):
    """One file per status, each in its own child process: every file gets its status, the
    killed child is replaced, and the batch finishes."""
    settings = BatchSettings(
        rubric_path=str(DEFAULT_RUBRIC_PATH), limits=Limits(memory_mb=1024, no_progress_seconds=30)
    )
    plan = plan_batch(BAD_INPUT, tmp_path, settings)
    results = run_locally(plan, workers=2)
    got = {r.document.file: r.document.status.value for r in results}
    expected = {}
    for path in BAD_INPUT.glob("*.pdf"):
        status = path.name.split("__")[0]
        if status == "OCR" and not tesseract_available():
            status = "NEEDS_OCR"
        expected[path.name] = status
    assert got == expected
    assert all(r.document.error for r in results if r.document.status is not ExtractionStatus.SUCCESS)


def _small_corpus(tmp_path: Path, names: int = 3) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(DEMO.glob("*.pdf"))[:names]:
        shutil.copy(path, corpus)
    shutil.copy(BAD_INPUT / "TRUNCATED__cut_after_a_third.pdf", corpus)
    return corpus


def test_warm_run_reuses_results_and_rubric_change_reruns_rules_only(tmp_path):
    corpus = _small_corpus(tmp_path)
    out = tmp_path / "out"
    settings = BatchSettings(rubric_path=str(DEFAULT_RUBRIC_PATH))
    cold = plan_batch(corpus, out, settings)
    assert len(cold.jobs) == 4 and not cold.reused
    first = run_locally(cold, workers=2)

    warm = plan_batch(corpus, out, settings)
    assert not warm.jobs and dict(warm.counts) == {"from_cache": 4}

    def content(results):
        return [r.model_dump(exclude={"seconds_extract", "seconds_rules"}) for r in results]

    assert content(sorted(warm.reused, key=lambda r: r.document.file.lower())) == content(first)

    changed = tmp_path / "rubric.yaml"
    changed.write_text(DEFAULT_RUBRIC_PATH.read_text(encoding="utf-8") + "\n# een opmerking\n", encoding="utf-8")
    rubric_changed = plan_batch(corpus, out, settings.model_copy(update={"rubric_path": str(changed)}))
    # the three readable plans go to the rules stage with their cached extraction; the broken
    # file has nothing for the rules stage and needs no process at all
    assert len(rubric_changed.jobs) == 3 and all(job.extraction is not None for job in rubric_changed.jobs)
    assert all(job.extraction.pages for job in rubric_changed.jobs)
    assert rubric_changed.counts["from_cache"] == 1
    again = run_locally(rubric_changed, workers=2)
    assert dict(rubric_changed.counts) == {"from_cache": 1, "rules_only": 3}
    assert [len(r.evidence) for r in again] == [len(r.evidence) for r in first]


def test_cache_keys_follow_what_made_the_result(tmp_path):
    sha = "0" * 64
    plain = extraction_key(sha, ExtractOptions())
    assert plain == extraction_key(sha, ExtractOptions())
    assert plain != extraction_key(sha, ExtractOptions(ocr=False))
    assert plain != extraction_key("1" * 64, ExtractOptions())
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(DEFAULT_RUBRIC_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    meta = DocumentMeta(region="Veenstad")
    key = rules_key(plain, rubric, "plan", "plan.pdf", meta)
    assert key == rules_key(plain, DEFAULT_RUBRIC_PATH, "plan", "plan.pdf", meta)  # same bytes, same key
    assert key != rules_key(plain, rubric, "ander-plan", "plan.pdf", meta)
    assert key != rules_key(plain, rubric, "plan", "plan.pdf", DocumentMeta(region="Zoutmeer"))
    rubric.write_text(rubric.read_text(encoding="utf-8").replace("version:", "version: x", 1), encoding="utf-8")
    assert key != rules_key(plain, rubric, "plan", "plan.pdf", meta)


def test_another_dutch_model_reruns_the_rules(tmp_path, monkeypatch):
    # OMSLAG_UD_MODEL points rules.nlp at another trained pipeline: cached results of the
    # committed model must not be reused for it
    plain = extraction_key("0" * 64, ExtractOptions())
    meta = DocumentMeta(region="Veenstad")
    key = rules_key(plain, DEFAULT_RUBRIC_PATH, "plan", "plan.pdf", meta)
    other = tmp_path / "model"
    other.mkdir()
    (other / "meta.json").write_text('{"name": "ander_model", "version": "9.9.9"}', encoding="utf-8")
    monkeypatch.setenv("OMSLAG_UD_MODEL", str(other))
    assert key != rules_key(plain, DEFAULT_RUBRIC_PATH, "plan", "plan.pdf", meta)


def test_resource_limit_is_retried_only_under_more_generous_limits(tmp_path):
    cache = ResultCache(tmp_path)
    stopped = Document(doc_id="x", file="a.pdf", plan_id="a", status=ExtractionStatus.RESOURCE_LIMIT, error="stopped")
    cache.put_extraction("k" * 64, stopped, Limits(memory_mb=1024, no_progress_seconds=60))
    assert cache.get_extraction("k" * 64, Limits(memory_mb=1024, no_progress_seconds=60)) is not None
    assert cache.get_extraction("k" * 64, Limits(memory_mb=512, no_progress_seconds=60)) is not None
    assert cache.get_extraction("k" * 64, Limits(memory_mb=4096, no_progress_seconds=60)) is None


def test_unreadable_cache_entry_is_a_miss(tmp_path):
    cache = ResultCache(tmp_path)
    document = Document(doc_id="x", file="a.pdf", plan_id="a", status=ExtractionStatus.EMPTY, error="leeg")
    cache.put_extraction("a" * 64, document, Limits())
    path = next(tmp_path.rglob("*.json.gz"))
    path.write_bytes(gzip.compress(b"{half a json"))
    assert cache.get_extraction("a" * 64, Limits()) is None
    path.write_bytes(b"not gzip at all")
    assert cache.get_extraction("a" * 64, Limits()) is None


RUN_BATCH = """
import sys
from pathlib import Path
from omslag.batch.runner import BatchSettings, plan_batch, run_locally
from tests.support import ENGINE_RUBRIC as DEFAULT_RUBRIC_PATH
plan = plan_batch(Path(sys.argv[1]), Path(sys.argv[2]), BatchSettings(rubric_path=str(DEFAULT_RUBRIC_PATH)))
run_locally(plan, workers=1)
"""


def test_killed_batch_resumes_without_redoing_finished_documents(tmp_path):
    corpus = DEMO
    out = tmp_path / "out"
    results_dir = out / ".omslag-cache" / "results"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    batch = subprocess.Popen([sys.executable, "-c", RUN_BATCH, str(corpus), str(out)], env=env)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(list(results_dir.rglob("*.json"))) < 3:
            time.sleep(0.05)
            assert batch.poll() is None, "the batch finished before it could be killed"
        os.kill(batch.pid, signal.SIGKILL)  # no clean-up: as if the machine went down
        batch.wait()
    finally:
        if batch.poll() is None:
            batch.kill()
    finished = len(list(results_dir.rglob("*.json")))
    assert 3 <= finished < 8
    assert not list(out.rglob("*.tmp")) or all(p.name.startswith(".") for p in out.rglob("*.tmp"))

    resumed = plan_batch(corpus, out, BatchSettings(rubric_path=str(DEFAULT_RUBRIC_PATH)))
    assert resumed.counts["from_cache"] == finished
    assert len(resumed.jobs) == 8 - finished
    results = run_locally(resumed, workers=2)
    assert len(results) == 8 and all(r.document.status is ExtractionStatus.SUCCESS for r in results)


def test_installing_the_word_list_reruns_extraction_and_rules(monkeypatch):
    # the Dutch word list repairs line-end hyphens and checks the tagger's verbs: results made
    # without it must not be reused once it is installed
    import omslag.batch.cache as cache

    plain = extraction_key("0" * 64, ExtractOptions())
    meta = DocumentMeta(region="Veenstad")
    key = rules_key(plain, DEFAULT_RUBRIC_PATH, "plan", "plan.pdf", meta)
    monkeypatch.setattr(cache, "word_list_stamp", lambda: "/usr/share/dict/ander:1:2")
    assert plain != extraction_key("0" * 64, ExtractOptions())
    assert key != rules_key(plain, DEFAULT_RUBRIC_PATH, "plan", "plan.pdf", meta)
