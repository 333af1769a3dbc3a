"""The production command keeps PostgreSQL connections within a bound under load.

Under ASGI every request runs in a thread of its own; with persistent connections
(`CONN_MAX_AGE`) each finished thread left one behind until PostgreSQL refused new clients. The
pool bounds a process to `DATABASE_POOL_MAX_SIZE` connections, so gunicorn with W workers holds at
most W x DATABASE_POOL_MAX_SIZE, however many clients come at once (README, Configuration).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
POOL_MAX_SIZE = 3
APPLICATION_NAME = "haat-pool-bound-test"
QUERY = {"query": '{ products(first: 5, channel: "bd") { edges { node { name } } } }'}

pytestmark = pytest.mark.postgres


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def production_server(db):
    """gunicorn with uvicorn workers, DEBUG=0, on the test database: its URL and database."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)")
    database_url = _database_url(connection.settings_dict)
    port = _free_port()
    environment = {
        **os.environ,
        # The server's connections name themselves, so only they are counted.
        "DATABASE_URL": f"{database_url}?application_name={APPLICATION_NAME}",
        "DATABASE_POOL_MAX_SIZE": str(POOL_MAX_SIZE),
        "DEBUG": "0",
        "SECRET_KEY": "haat-test-only-secret-key-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: S603 (our own interpreter's gunicorn, fixed arguments)
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "backend.asgi:application",
            "--worker-class=uvicorn_worker.UvicornWorker",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/graphql/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.post(url, json=QUERY, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("gunicorn did not start serving within 60 s")
            time.sleep(0.2)
        yield url, connection.settings_dict["NAME"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_connections_stay_within_workers_times_pool_size(production_server):
    # given the production command with 2 workers and a pool of 3 connections each
    url, database = production_server
    bound = WORKERS * POOL_MAX_SIZE
    monitor = psycopg.connect(
        _database_url({**connection.settings_dict, "NAME": "postgres"}), autocommit=True
    )
    samples: list[int] = []
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            samples.append(
                monitor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND application_name = %s",
                    (database, APPLICATION_NAME),
                ).fetchone()[0]
            )
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # when 24 clients at once send 4 bursts of 72 requests
    outcomes: list[str] = []
    with httpx.Client(timeout=60) as client, ThreadPoolExecutor(24) as clients:
        for _burst in range(4):
            responses = clients.map(lambda _: client.post(url, json=QUERY), range(72))
            outcomes += [
                "ok" if r.status_code == 200 and "errors" not in r.json() else r.text
                for r in responses
            ]
    sampling.set()
    sampler.join()
    monitor.close()
    # then every request was answered, and the connections never passed the bound
    assert outcomes == ["ok"] * 288
    assert samples, "the sampler never ran"
    assert WORKERS <= max(samples) <= bound  # seen (each worker had its pool) and bounded
