"""Stage: batch — each document in a child process with a memory cap and a no-progress timeout.

pdfium and pdfminer can hang or allocate gigabytes on hostile files (a 2.5 KB PDF of nested
forms makes pdfium take ≈ 500 MB more every second). So extraction never runs in the process
that holds the batch: `run_isolated(job)` hands the job to a `batch.worker` child process,
watches its progress events, and stops it when it reports nothing for `no_progress_seconds`
or dies (the RLIMIT_AS cap makes allocations fail; pdfium then aborts). Either way the
document gets RESOURCE_LIMIT with the reason and page, a fresh child takes the next document,
and the batch goes on.

Children are plain processes started with `subprocess` (not multiprocessing): this works the
same inside Prefect's worker threads and inside Dask worker processes, which are daemonic and
may not fork multiprocessing children. Children are kept and reused (the Dutch NLP pipeline
takes ≈ 2 s to load); the pool is per process and thread-safe, one child per running job, so
pdfium is never used from two threads.

Stopping (Ctrl-C): `stop_all()` marks the batch as stopping and kills every child (with its
own children, e.g. tesseract: each child leads its own process group). A document that was
running then raises `Interrupted` instead of getting a result, and documents not yet started
raise it at once, so nothing half-done reaches the cache and a re-run does them.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

import omslag
from omslag.batch import progress
from omslag.batch.models import DocumentJob, DocumentOutcome, Limits
from omslag.extract.models import Document, ExtractionStatus
from omslag.rules.models import DocumentResult

# The folder that holds the `omslag` package (the repository, or site-packages when installed),
# so the child imports the same code as this process.
PACKAGE_PARENT = Path(omslag.__file__).parent.parent
# The rules stage reports no progress while it runs; it takes ≈ 3 ms a page here, so this is
# a very generous allowance on top of the no-progress timeout.
RULES_SECONDS_PER_PAGE = 0.5


class WorkerDied(Exception):
    pass


class Interrupted(Exception):
    """The batch is stopping (Ctrl-C): this document was not finished."""


STOPPING = threading.Event()


class IsolatedWorker:
    """One `batch.worker` child process and the pipes to it."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 — lives as long as the worker; closed in stop()
        env = dict(os.environ)
        # One document, one thread: tesseract's OpenMP (4x slower threaded on 2 cores) and the
        # numeric libraries under spaCy, whose per-thread buffers would eat into the memory cap.
        for name in ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[name] = "1"
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_PARENT), env.get("PYTHONPATH", "")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "omslag.batch.worker", "--memory-mb", str(limits.memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=env,
            start_new_session=True,  # a Ctrl-C in the terminal goes to the batch, which stops us
        )
        assert self.process.stdin is not None and self.process.stdout is not None  # both asked as PIPE
        self._stdin: IO[bytes] = self.process.stdin
        self._stdout: IO[bytes] = self.process.stdout
        self._buffer = b""

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """Kill the child and anything it started (its process group: start_new_session)."""
        if self.alive:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()

    def stop(self) -> None:
        self.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        for stream in (self._stdin, self._stdout):
            with contextlib.suppress(OSError):
                stream.close()
        self.stderr.close()

    def stderr_tail(self, limit: int = 600) -> str:
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - limit))
            return self.stderr.read().decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            return ""

    def run(self, job: DocumentJob) -> DocumentOutcome:
        """Send one job, follow its progress, return its outcome. Never raises for the job's
        own problems: a timeout or a dead child becomes a RESOURCE_LIMIT / ERROR outcome.
        Raises `Interrupted` when the batch is stopping."""
        if STOPPING.is_set():
            raise Interrupted(job.file)
        try:
            self._stdin.write(job.model_dump_json().encode("utf-8") + b"\n")
            self._stdin.flush()
        except (BrokenPipeError, OSError):
            return self._died(job, "", 0, 0)
        stage, page, pages = "start", 0, 0
        allowance = self.limits.no_progress_seconds
        deadline = time.monotonic() + allowance
        selector = selectors.DefaultSelector()
        selector.register(self._stdout, selectors.EVENT_READ)
        try:
            while True:
                for line in self._lines():
                    message = json.loads(line)
                    event = message.get("event")
                    if event == "progress":
                        stage, page, pages = message["stage"], message["page"], message["pages"]
                        progress.page_read(job.file, stage, page, pages)
                        allowance = self.limits.no_progress_seconds
                        if stage == "rules":
                            allowance += RULES_SECONDS_PER_PAGE * pages
                        deadline = time.monotonic() + allowance
                    elif event == "result":
                        return DocumentOutcome.model_validate(message["outcome"])
                    elif event == "error" and message.get("kind") == "memory":
                        self.stop()
                        return _limit_outcome(
                            job, f"geheugen op onder de grens van {self.limits.memory_mb} MB", stage, page, pages
                        )
                    elif event == "error":
                        return _error_outcome(job, f"interne fout bij het verwerken: {message.get('message', '')}")
                if STOPPING.is_set():
                    self.stop()
                    raise Interrupted(job.file)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self.stop()
                    return _limit_outcome(job, f"{allowance:.0f} s geen voortgang: gestopt", stage, page, pages)
                if selector.select(timeout=min(remaining, 1.0)):
                    chunk = os.read(self._stdout.fileno(), 1 << 16)
                    if not chunk:
                        if STOPPING.is_set():  # killed by stop_all(), not by the document
                            self.stop()
                            raise Interrupted(job.file)
                        return self._died(job, stage, page, pages)
                    self._buffer += chunk
        finally:
            selector.close()

    def _lines(self):
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            if line.strip():
                yield line

    def _died(self, job: DocumentJob, stage: str, page: int, pages: int) -> DocumentOutcome:
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.stop()
            code = self.process.returncode
        if STOPPING.is_set():
            self.stop()
            raise Interrupted(job.file)
        tail = self.stderr_tail()
        self.stop()
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
            return _limit_outcome(
                job,
                f"het leesproces is beëindigd door {name} (geheugengrens {self.limits.memory_mb} MB; "
                "pdfium stopt als er geen geheugen meer is)",
                stage,
                page,
                pages,
            )
        if "MemoryError" in tail or "out of memory" in tail.lower():
            return _limit_outcome(job, f"geheugen op onder de grens van {self.limits.memory_mb} MB", stage, page, pages)
        return _error_outcome(job, f"het leesproces stopte onverwacht (afsluitcode {code}): {tail[-300:]}")


def _where(stage: str, page: int, pages: int) -> str:
    if stage in ("extract", "ocr") and pages:
        return (
            f" bij het lezen van pagina {min(page + 1, pages)} van {pages}"
            if stage == "extract"
            else f" tijdens OCR ({page}/{pages} pagina's klaar)"
        )
    if stage == "rules":
        return " in de regelstap"
    return " bij het openen van het bestand"


def _document(job: DocumentJob, status: ExtractionStatus, error: str) -> Document:
    return Document(doc_id=job.sha256, file=job.file, plan_id=job.plan_id, meta=job.meta, status=status, error=error)


def _limit_outcome(job: DocumentJob, reason: str, stage: str, page: int, pages: int) -> DocumentOutcome:
    error = f"{reason}{_where(stage, page, pages)}; de batch ging verder zonder dit bestand"
    document = _document(job, ExtractionStatus.RESOURCE_LIMIT, error)
    fresh = document if job.extraction is None else None
    return DocumentOutcome(result=DocumentResult(document=document), extraction=fresh)


def _error_outcome(job: DocumentJob, error: str) -> DocumentOutcome:
    return DocumentOutcome(result=DocumentResult(document=_document(job, ExtractionStatus.ERROR, error)))


class WorkerPool:
    """Idle children per limits, handed out one job at a time."""

    def __init__(self):
        self._idle: dict[Limits, list[IsolatedWorker]] = {}
        self._busy: set[IsolatedWorker] = set()
        self._lock = threading.Lock()

    def acquire(self, limits: Limits) -> IsolatedWorker:
        with self._lock:  # checked under the lock, so kill_all() sees every child started
            if STOPPING.is_set():
                raise Interrupted("")
            idle = self._idle.get(limits, [])
            while idle:
                worker = idle.pop()
                if worker.alive:
                    self._busy.add(worker)
                    return worker
                worker.stop()
            worker = IsolatedWorker(limits)
            self._busy.add(worker)
            return worker

    def release(self, worker: IsolatedWorker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if worker.alive and not STOPPING.is_set():
                self._idle.setdefault(worker.limits, []).append(worker)
                return
        worker.stop()

    def kill_all(self) -> None:
        """Kill every child now, busy or idle (Ctrl-C): their threads see them die."""
        with self._lock:
            workers = [w for idle in self._idle.values() for w in idle] + list(self._busy)
            self._idle.clear()
        for worker in workers:
            worker.kill()

    def close(self) -> None:
        with self._lock:
            workers = [w for idle in self._idle.values() for w in idle]
            self._idle.clear()
        # Idle children hold nothing (results and the cache are written here): they are killed,
        # not asked to end, which would cost seconds of interpreter teardown at every exit.
        for worker in workers:
            worker.stop()


POOL = WorkerPool()
atexit.register(POOL.close)


def stop_all() -> None:
    """Stop the batch: no new document starts, running ones are killed (see the docstring)."""
    STOPPING.set()
    POOL.kill_all()


def stopping() -> bool:
    """True once `stop_all()` was called (Ctrl-C)."""
    return STOPPING.is_set()


def retry_unless_stopping(*_args) -> bool:
    """A task's retry condition: a crashed document gets its retry unless the batch is stopping."""
    return not STOPPING.is_set()


def run_isolated(job: DocumentJob) -> DocumentOutcome:
    """Extract and analyse one document in a child process (see the module docstring)."""
    worker = POOL.acquire(job.limits)
    try:
        return worker.run(job)
    finally:
        POOL.release(worker)
