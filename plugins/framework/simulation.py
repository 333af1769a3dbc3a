"""The base of every gateway's and carrier's simulator: a small HTTP server on loopback.

A simulator speaks one party's real protocol (its paths, bodies, signatures and status codes)
so that a plugin's client is exercised over real HTTP in tests and in the demo. This base gives
each of them the same server, request log and failure injection:

- `inject("error" | "timeout" | "garbage" | "drop", path=..., times=1)`: the next matching
  requests fail with HTTP 500, hang until the client gives up (released at `stop()` or by
  `release()`), answer 200 with a body that is not JSON, or close the connection unanswered;
- `requests` records what arrived; `wait_for(predicate)` waits for a request (no sleeping).

A subclass implements `handle(request) -> SimResponse` and keeps its own state (payments,
refunds) under `self.lock`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class SimRequest:
    method: str
    path: str  # without the query string
    query: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {key: values[-1] for key, values in parse_qs(self.body.decode()).items()}


@dataclass
class SimResponse:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data: Any, status: int = 200) -> SimResponse:
        return cls(status, json.dumps(data).encode(), {"Content-Type": "application/json"})

    @classmethod
    def html(cls, text: str, status: int = 200) -> SimResponse:
        return cls(status, text.encode(), {"Content-Type": "text/html; charset=utf-8"})

    @classmethod
    def redirect(cls, location: str, status: int = 303) -> SimResponse:
        return cls(status, b"", {"Location": location})


@dataclass
class _Fault:
    kind: str
    path: str | None
    remaining: int


FAULTS = ("error", "timeout", "garbage", "drop")


class Simulator:
    """Subclass and implement `handle`; `start()` binds 127.0.0.1 on a free port (or `port`)."""

    name = "simulator"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.lock = threading.RLock()
        self.requests: list[SimRequest] = []
        self._faults: list[_Fault] = []
        self._arrived = threading.Condition()
        self._released = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- to implement ----------------------------------------------------------------------------

    def handle(self, request: SimRequest) -> SimResponse:
        raise NotImplementedError

    # --- lifecycle -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> Simulator:
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                simulator._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet: tests read `requests`

        self._released.clear()
        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # stop() returns at once, not after half a second
            name=self.name,
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- failure injection and observation -----------------------------------------------------

    def inject(self, kind: str, *, path: str | None = None, times: int = 1) -> None:
        """The next `times` requests whose path contains `path` (any, without one) fail."""
        if kind not in FAULTS:
            raise ValueError(f"Unknown fault {kind!r}: one of {FAULTS}.")
        with self.lock:
            self._faults.append(_Fault(kind, path, times))

    def release(self) -> None:
        """Let requests held by a "timeout" fault end (unanswered)."""
        self._released.set()

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> SimRequest:
        """The first recorded request matching `predicate`, waiting for it to arrive."""
        with self._arrived:
            found: list[SimRequest] = []

            def matched() -> bool:
                found[:] = [request for request in self.requests if predicate(request)]
                return bool(found)

            if not self._arrived.wait_for(matched, timeout=timeout):
                raise TimeoutError(f"{self.name}: no matching request within {timeout} s")
            return found[0]

    def _take_fault(self, path: str) -> str | None:
        with self.lock:
            for fault in self._faults:
                if fault.remaining > 0 and (fault.path is None or fault.path in path):
                    fault.remaining -= 1
                    return fault.kind
        return None

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        split = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        request = SimRequest(
            method=handler.command,
            path=split.path,
            query={key: values[-1] for key, values in parse_qs(split.query).items()},
            headers={name.lower(): value for name, value in handler.headers.items()},
            body=body,
        )
        with self._arrived:
            self.requests.append(request)
            self._arrived.notify_all()
        fault = self._take_fault(split.path)
        if fault == "drop":
            handler.close_connection = True
            return
        if fault == "timeout":
            self._released.wait()
            handler.close_connection = True
            return
        if fault == "error":
            response = SimResponse.json({"error": "simulated failure"}, status=500)
        elif fault == "garbage":
            response = SimResponse(
                200, b"<html>502 Bad Gateway</html>", {"Content-Type": "text/html"}
            )
        else:
            try:
                response = self.handle(request)
            except Exception as error:  # a simulator bug must show, not hang the client
                response = SimResponse.json({"error": f"simulator error: {error}"}, status=500)
        handler.send_response(response.status)
        for name, value in response.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(response.body)))
        handler.end_headers()
        handler.wfile.write(response.body)


def serve_forever(simulator: Simulator) -> None:
    """Run a simulator in the foreground (a simulator module's `python -m` entry point)."""
    simulator.start()
    print(f"{simulator.name} listening on {simulator.base_url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        simulator.stop()
