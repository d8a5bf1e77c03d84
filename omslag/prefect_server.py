"""Stage: entry point — which Prefect server a command talks to, decided before Prefect is imported.

1. PREFECT_API_URL set by the user (a team server, Prefect Cloud): used as it is.
2. Else a long-lived local server that answers its health check: the one `omslag server`
   started (its address is remembered in PREFECT_HOME/omslag-server.url), or the default
   http://127.0.0.1:4200. A flow then costs ≈ 1 s, and its runs show in that server's UI.
   OMSLAG_PREFECT_SERVER=temporary skips this search (tests, benchmarks of the path without).
3. Else a temporary server for this one command, as Prefect's own embedded mode starts one
   (≈ 8–20 s; same database, PREFECT_HOME/prefect.db), but in its own session: a Ctrl-C in
   the terminal then reaches omslag only, which stops the batch and still reports the
   finished documents to the server, instead of the server dying under the flow (Prefect's
   embedded server shares the terminal's process group). omslag stops it when it exits.

Only the command line imports this module; it never imports Prefect itself.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4200
REMEMBERED_NAME = "omslag-server.url"

# What `omslag server` keeps: flow runs older than this are removed by the server's
# own clean-up service (Prefect's db_vacuum), so the database stays small.
RETENTION_DAYS = 14
SERVER_RETENTION = {
    "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED": "events,flow_runs",
    "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD": str(RETENTION_DAYS * 24 * 3600),
}


class ServerError(Exception):
    """The temporary server did not start (the message is Dutch, for the user)."""


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


def api_url(host: str, port: int) -> str:
    return f"http://{host}:{port}/api"


def remembered_url() -> str | None:
    try:
        text = (prefect_home() / REMEMBERED_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def remember(url: str) -> None:
    home = prefect_home()
    home.mkdir(parents=True, exist_ok=True)
    (home / REMEMBERED_NAME).write_text(url + "\n", encoding="utf-8")


def healthy(url: str, timeout: float = 0.5) -> bool:
    """True when a Prefect API answers its health check at `url` (…/api)."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind((DEFAULT_HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Connection:
    mode: str  # "configured" | "server" | "temporary"
    url: str
    process: subprocess.Popen | None = None
    log: object | None = field(default=None, repr=False)

    def describe(self) -> str:
        if self.mode == "temporary":
            return "tijdelijke Prefect-server (start `omslag server` om dit bij volgende runs over te slaan)"
        return f"Prefect-server {self.url.removesuffix('/api')}"

    def stop(self) -> None:
        """Stop a temporary server (and anything it started): its whole session."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def find_running() -> str | None:
    """The URL of a long-lived local server that answers, or None."""
    candidates = [remembered_url(), api_url(DEFAULT_HOST, DEFAULT_PORT)]
    for url in dict.fromkeys(c for c in candidates if c):
        if healthy(url):
            return url
    return None


def connect(timeout: float = 120.0) -> Connection:
    """Decide the Prefect API for this process (see the module docstring) and set
    PREFECT_API_URL accordingly; start a temporary server when none answers."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        return Connection("configured", configured)
    running = None if os.environ.get("OMSLAG_PREFECT_SERVER") == "temporary" else find_running()
    if running:
        os.environ["PREFECT_API_URL"] = running
        return Connection("server", running)
    connection = start_temporary(timeout)
    os.environ["PREFECT_API_URL"] = connection.url
    return connection


def start_temporary(timeout: float = 120.0) -> Connection:
    port = _free_port()
    url = api_url(DEFAULT_HOST, port)
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    # What Prefect's embedded mode sets for its own temporary server: no UI, and the app knows
    # it is short-lived (no background services).
    env.update({"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"})
    log = tempfile.TemporaryFile()  # noqa: SIM115 — read on failure, closed with the connection
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            DEFAULT_HOST,
            "--port",
            str(port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        env=env,
        start_new_session=True,  # Ctrl-C in the terminal reaches omslag, not the server
    )
    connection = Connection("temporary", url, process, log)
    atexit.register(connection.stop)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            if healthy(url, timeout=1.0):
                return connection
            time.sleep(0.1)
    except BaseException:  # Ctrl-C while waiting: no server left behind
        connection.stop()
        raise
    connection.stop()
    log.seek(0)
    tail = log.read().decode("utf-8", "replace").strip()[-400:]
    raise ServerError(
        f"de tijdelijke Prefect-server startte niet binnen {timeout:.0f} s"
        + (f": {tail}" if tail else "")
        + "; start er een met `omslag server` en probeer opnieuw"
    )


def serve(host: str, port: int) -> int:
    """`omslag server`: run `prefect server start` in the foreground, with omslag's retention
    settings, and remember its address for later omslag commands."""
    url = api_url(host, port)
    if healthy(url):
        print(f"omslag: er draait al een Prefect-server op {url.removesuffix('/api')}", file=sys.stderr)
        remember(url)
        return 0
    remember(url)
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    for key, value in SERVER_RETENTION.items():
        env.setdefault(key, value)
    print(
        f"omslag: Prefect-server op http://{host}:{port} (UI en API); volgende omslag-opdrachten gebruiken hem. "
        f"Runs ouder dan {RETENTION_DAYS} dagen worden opgeruimd. Stoppen: Ctrl-C.",
        flush=True,
    )
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]
    process = subprocess.Popen(command, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:  # the server got the same Ctrl-C and shuts down by itself
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 0


def compact_database() -> str:
    """VACUUM the local SQLite database (only when no server is using it); a Dutch line."""
    import sqlite3

    if os.environ.get("PREFECT_SERVER_DATABASE_CONNECTION_URL") or os.environ.get(
        "PREFECT_API_DATABASE_CONNECTION_URL"
    ):
        return "eigen database ingesteld: niet verkleind"
    path = prefect_home() / "prefect.db"
    if not path.is_file():
        return f"geen database in {path}"
    before = path.stat().st_size
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=5)) as connection:
            connection.execute("VACUUM")
    except sqlite3.Error as exc:
        return f"database {path} niet verkleind ({exc}); probeer het als er geen omslag draait"
    return f"database {path}: {before / 1e6:.1f} MB → {path.stat().st_size / 1e6:.1f} MB"
