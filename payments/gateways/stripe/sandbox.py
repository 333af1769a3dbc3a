"""localstripe (PyPI, GPLv3) as a separate process: the stateful fake Stripe API behind the
simulator. Nothing of it is imported or copied here; it is started with `python -m localstripe`
on a free loopback port and spoken to over HTTP only."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx

STARTUP_SECONDS = 30.0
# Any sk_ key opens localstripe; the simulator in front of it checks the merchant's own key.
LOCALSTRIPE_KEY = "sk_test_localstripe"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalStripeServer:
    """`start()` runs localstripe and returns once it answers; `flush()` empties its store."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self._process: subprocess.Popen[bytes] | None = None
        self._http = httpx.Client(timeout=5.0)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LocalStripeServer:
        self.port = self.port or free_port()
        # --from-scratch: never load another run's state (localstripe keeps it in /tmp).
        self._process = subprocess.Popen(  # noqa: S603  (our own interpreter, fixed arguments)
            [sys.executable, "-m", "localstripe", "--port", str(self.port), "--from-scratch"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._answers():
                return self
            try:
                code = self._process.wait(timeout=0.05)  # also notices a crash at once
            except subprocess.TimeoutExpired:
                continue
            raise RuntimeError(f"localstripe exited with status {code} on port {self.port}")
        self.stop()
        raise RuntimeError(f"localstripe did not answer on port {self.port}")

    def _answers(self) -> bool:
        try:
            response = self._http.get(
                f"{self.base_url}/v1/balance",
                headers={"Authorization": f"Bearer {LOCALSTRIPE_KEY}"},
                timeout=1.0,
            )
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    def flush(self) -> None:
        """`DELETE /_config/data`: every object gone (registered webhooks stay)."""
        self._http.delete(f"{self.base_url}/_config/data").raise_for_status()

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
        self._process = None

    def __enter__(self) -> LocalStripeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
