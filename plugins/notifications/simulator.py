"""A BulkSMSBD gateway on loopback, speaking the real API (see `sms.py` for the protocol).

It checks what the real gateway checks and answers as it does (JSON, HTTP 200, `response_code`):
missing fields -> 1003, an unknown `api_key` -> 1011, a sender id the account does not own ->
1002, a number that is not `8801[3-9]XXXXXXXX` -> 1001, a balance too small for the parts ->
1007; otherwise 202 with a `message_id`. Every request is kept (`requests`), every accepted SMS
too (`messages`), so tests and the demo can read what a phone would have received.

Stricter than the real one where it helps to find bugs early: `type=text` with characters outside
the GSM alphabet (Bangla sent as text, which phones would show as `?`) is refused with 1003.

Run it for the demo: `python -m plugins.notifications.simulator --port 8025`, then point the
plugin at `http://127.0.0.1:8025/api/smsapi`. `GET /messages` lists what it received.
Failures can be scripted for tests (`fail_next`).
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .gsm import is_gsm7, sms_parts

SEND_PATH = "/api/smsapi"
MESSAGES_PATH = "/messages"
MSISDN = re.compile(r"8801[3-9][0-9]{8}")
DEMO_API_KEY = "haat-demo-key"  # a simulator's key, not a secret
DEMO_SENDER_ID = "8809617000000"

_MESSAGES = {
    1001: "Invalid Number",
    1002: "sender id not correct/sender id is disabled",
    1003: "Please Required all fields/Contact Your System Administrator",
    1005: "Internal Error",
    1007: "Balance Insufficient",
    1011: "User Id not found",
}


@dataclass
class SimulatedAccount:
    api_key: str
    sender_ids: set[str]
    balance: int = 1_000_000  # SMS parts


@dataclass
class ReceivedSms:
    message_id: int
    number: str
    sender_id: str
    type: str
    message: str
    parts: int


@dataclass
class ReceivedRequest:
    method: str
    path: str
    content_type: str
    fields: dict[str, str]
    response_code: int | None = None


@dataclass
class _ScriptedFailure:
    kind: str  # "http_500", "internal_error" (1005) or "slow" (sleeps past the client's timeout)
    seconds: float = 0.0


def _demo_accounts() -> dict[str, SimulatedAccount]:
    return {DEMO_API_KEY: SimulatedAccount(DEMO_API_KEY, {DEMO_SENDER_ID})}


@dataclass
class SmsGatewaySimulator:
    """Start with `start()` or `with SmsGatewaySimulator() as gateway:`; port 0 picks a free one."""

    host: str = "127.0.0.1"
    port: int = 0
    # By default one demo account (DEMO_API_KEY, DEMO_SENDER_ID); {} : none, add your own.
    accounts: dict[str, SimulatedAccount] = field(default_factory=_demo_accounts)
    requests: list[ReceivedRequest] = field(default_factory=list)
    messages: list[ReceivedSms] = field(default_factory=list)
    # Well-formed numbers the operators do not know: refused with 1001 like malformed ones.
    invalid_numbers: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: list[_ScriptedFailure] = []
        self._next_id = 1000
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- set-up ----------------------------------------------------------------------------------

    def add_account(self, api_key: str, *sender_ids: str, balance: int = 1_000_000) -> None:
        self.accounts[api_key] = SimulatedAccount(api_key, set(sender_ids), balance)

    def fail_next(self, count: int = 1, *, kind: str = "http_500", seconds: float = 0.0) -> None:
        """The next `count` sends fail this way before the gateway behaves again."""
        with self._lock:
            self._failures.extend(_ScriptedFailure(kind, seconds) for _ in range(count))

    @property
    def url(self) -> str:
        """The send endpoint, as the plugin's `sms_api_url`."""
        return f"http://{self.host}:{self.port}{SEND_PATH}"

    # --- server ----------------------------------------------------------------------------------

    def start(self) -> SmsGatewaySimulator:
        simulator = self

        class Handler(_Handler):
            gateway = simulator

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SmsGatewaySimulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- the API ---------------------------------------------------------------------------------

    def handle_send(self, request: ReceivedRequest) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON answer for one send request (and its effects)."""
        with self._lock:
            self.requests.append(request)
            failure = self._failures.pop(0) if self._failures else None
        if failure is not None:
            if failure.kind == "slow":
                time.sleep(failure.seconds)
            elif failure.kind == "http_500":
                return 500, {"message": "Server Error"}
            elif failure.kind == "internal_error":
                return 200, self._refusal(request, 1005)
        fields = request.fields
        required = ("api_key", "type", "number", "senderid", "message")
        if any(not fields.get(name) for name in required) or fields["type"] not in (
            "text",
            "unicode",
        ):
            return 200, self._refusal(request, 1003)
        account = self.accounts.get(fields["api_key"])
        if account is None:
            return 200, self._refusal(request, 1011)
        if fields["senderid"] not in account.sender_ids:
            return 200, self._refusal(request, 1002)
        numbers = [number.strip() for number in fields["number"].split(",")]
        if not all(
            MSISDN.fullmatch(number) and number not in self.invalid_numbers for number in numbers
        ):
            return 200, self._refusal(request, 1001)
        text = fields["message"]
        if fields["type"] == "text" and not is_gsm7(text):
            return 200, self._refusal(request, 1003)
        parts = sms_parts(text)
        with self._lock:
            if account.balance < parts * len(numbers):
                return 200, self._refusal(request, 1007)
            account.balance -= parts * len(numbers)
            self._next_id += 1
            message_id = self._next_id
            for number in numbers:
                self.messages.append(
                    ReceivedSms(message_id, number, fields["senderid"], fields["type"], text, parts)
                )
            request.response_code = 202
        return 200, {
            "response_code": 202,
            "message_id": message_id,
            "success_message": "SMS Submitted Successfully",
            "error_message": "",
        }

    def _refusal(self, request: ReceivedRequest, code: int) -> dict[str, Any]:
        request.response_code = code
        return {"response_code": code, "success_message": "", "error_message": _MESSAGES[code]}

    def messages_to(self, msisdn: str) -> list[ReceivedSms]:
        return [message for message in self.messages if message.number == msisdn]


class _Handler(BaseHTTPRequestHandler):
    gateway: SmsGatewaySimulator
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == MESSAGES_PATH:
            received = [message.__dict__ for message in self.gateway.messages]
            self._answer(200, {"messages": received})
        elif url.path == SEND_PATH:
            fields = _single_values(parse_qs(url.query))
            self._answer(*self.gateway.handle_send(ReceivedRequest("GET", url.path, "", fields)))
        else:
            self._answer(404, {"message": "Not Found"})

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        content_type = self.headers.get("Content-Type", "")
        if url.path != SEND_PATH:
            self._answer(404, {"message": "Not Found"})
            return
        if content_type.startswith("application/json"):
            try:
                fields = {key: str(value) for key, value in json.loads(body or "{}").items()}
            except (ValueError, AttributeError):
                fields = {}
        else:
            fields = _single_values(parse_qs(body))
        # Query-string fields count too: the real API takes either.
        fields = {**_single_values(parse_qs(url.query)), **fields}
        request = ReceivedRequest("POST", url.path, content_type, fields)
        self._answer(*self.gateway.handle_send(request))

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request line holds the api_key when a client uses GET."""


def _single_values(parsed: dict[str, list[str]]) -> dict[str, str]:
    return {key: values[-1] for key, values in parsed.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="BulkSMSBD gateway simulator on loopback.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--api-key", default=DEMO_API_KEY)
    parser.add_argument("--sender-id", default=DEMO_SENDER_ID)
    options = parser.parse_args(argv)
    account = SimulatedAccount(options.api_key, {options.sender_id})
    gateway = SmsGatewaySimulator(
        host=options.host, port=options.port, accounts={options.api_key: account}
    )
    gateway.start()
    print(
        f"BulkSMSBD simulator on {gateway.url}\n"
        f"  plugin haat.notifications: sms_backend=http sms_api_url={gateway.url}\n"
        f"  sms_api_key={options.api_key} sms_sender_id={options.sender_id}\n"
        f"  received messages: http://{gateway.host}:{gateway.port}{MESSAGES_PATH}",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        gateway.stop()


if __name__ == "__main__":
    main()
