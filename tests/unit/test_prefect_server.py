"""Which Prefect server a command uses: the user's PREFECT_API_URL, else a running local server
(the remembered address, found by its health check), else a temporary one of its own."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from omslag import prefect_server


class _Health(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/api/health" else 404)
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    server = HTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    # set, then removed: monkeypatch then restores the real value after the test, also when
    # connect() set PREFECT_API_URL in os.environ itself
    for name in ("PREFECT_API_URL", "OMSLAG_PREFECT_SERVER"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    # nothing may answer on the default port in these tests (CI may run a server there)
    monkeypatch.setattr(prefect_server, "DEFAULT_PORT", 9)
    started = []

    def fake_temporary(timeout=120.0):
        started.append(timeout)
        return prefect_server.Connection("temporary", "http://127.0.0.1:1/api")

    monkeypatch.setattr(prefect_server, "start_temporary", fake_temporary)
    return started


def test_health_check(fake_server):
    assert prefect_server.healthy(fake_server)
    assert not prefect_server.healthy("http://127.0.0.1:9/api", timeout=0.2)


def test_remembered_running_server_is_used(clean_env, fake_server, monkeypatch):
    prefect_server.remember(fake_server)
    connection = prefect_server.connect()
    assert (connection.mode, connection.url) == ("server", fake_server)
    import os

    assert os.environ["PREFECT_API_URL"] == fake_server
    assert clean_env == []  # no temporary server started


def test_no_server_answering_starts_a_temporary_one(clean_env):
    prefect_server.remember("http://127.0.0.1:9/api")  # remembered, but gone
    connection = prefect_server.connect()
    assert connection.mode == "temporary" and clean_env == [120.0]


def test_users_own_api_url_wins_and_temporary_can_be_forced(clean_env, fake_server, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example/api")
    assert prefect_server.connect().mode == "configured"
    monkeypatch.delenv("PREFECT_API_URL")
    prefect_server.remember(fake_server)
    monkeypatch.setenv("OMSLAG_PREFECT_SERVER", "temporary")
    assert prefect_server.connect().mode == "temporary"
