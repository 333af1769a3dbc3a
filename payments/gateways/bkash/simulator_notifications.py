"""The simulator's notifications: bKash's IPN as AWS SNS delivers it (a `text/plain` JSON
envelope, signed with the simulator's certificate), its subscription confirmation, and the
forged, unsigned and tampered messages tests need. Deliveries run in threads of their own so
the payment page never waits for Haat."""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urlencode

import httpx

from plugins.framework.simulation import SimRequest, SimResponse

from .simulated_sns import SnsSigner
from .simulator_state import DHAKA, SimulatorState

CERT_PATH = "/sns/SimpleNotificationService-simulator.pem"
CONFIRM_PATH = "/sns/confirm"
FOREIGN_CERT_URL = "https://evil.example.com/SimpleNotificationService.pem"
VARIANTS = ("valid", "unsigned", "bad_signature", "tampered", "foreign_cert")


class SnsOutbox:
    def __init__(self, simulator: SimulatorState, *, signature_version: str, topic_arn: str):
        self.simulator = simulator
        self.topic_arn = topic_arn
        self.signer = SnsSigner(signature_version=signature_version)
        self.sent: list[bytes] = []  # every body posted to Haat, in order
        self.answers: list[int] = []  # Haat's HTTP status for each (0: no answer)
        self.subscription_tokens: set[str] = set()
        self.subscription_confirmed = False
        self._delivered = threading.Condition()
        self._threads: list[threading.Thread] = []

    @property
    def cert_url(self) -> str:
        return f"{self.simulator.base_url}{CERT_PATH}"

    def in_background(self, work: Callable[[], object]) -> None:
        thread = threading.Thread(target=work, name="bkash-sim-sns", daemon=True)
        self._threads.append(thread)
        thread.start()

    def join(self) -> None:
        for thread in list(self._threads):
            thread.join(timeout=15)

    # --- messages ------------------------------------------------------------------------------

    def notification_body(self, payment_id: str, *, variant: str = "valid") -> bytes:
        """The SNS message announcing the payment's completion, made as `variant` says."""
        if variant not in VARIANTS:
            raise ValueError(f"Unknown variant {variant!r}: one of {VARIANTS}.")
        simulator = self.simulator
        with simulator.lock:
            payment = simulator.payments[payment_id]
            message = {
                "dateTime": (datetime.now(UTC) + DHAKA).strftime("%Y%m%d%H%M%S"),
                "debitMSISDN": "01770618575",
                "creditOrganizationName": "Haat (simulated)",
                "creditShortCode": "01799999999",
                "trxID": payment.trx_id,
                "transactionStatus": payment.status,
                "transactionType": "10002294",
                "amount": str(payment.amount),
                "currency": payment.currency,
                "transactionReference": payment.payer_reference,
                "merchantInvoiceNumber": payment.invoice,
            }
        envelope = self.signer.envelope(
            kind="Notification",
            message=json.dumps(message),
            topic_arn=self.topic_arn,
            cert_url=FOREIGN_CERT_URL if variant == "foreign_cert" else self.cert_url,
            extra={"UnsubscribeURL": f"{simulator.base_url}/sns/unsubscribe"},
        )
        if variant != "unsigned":
            envelope["Signature"] = self.signer.sign(
                envelope, as_stranger=variant in ("bad_signature", "foreign_cert")
            )
        if variant == "tampered":  # changed after signing
            envelope["Message"] = json.dumps({**message, "amount": "1.00"})
        return json.dumps(envelope).encode()

    def deliver(self, payment_id: str, *, variant: str = "valid") -> int:
        return self.post(self.notification_body(payment_id, variant=variant))

    def send_subscription_confirmation(self) -> int:
        token = secrets.token_hex(32)
        with self.simulator.lock:
            self.subscription_tokens.add(token)
        envelope = self.signer.envelope(
            kind="SubscriptionConfirmation",
            message=f"You have chosen to subscribe to the topic {self.topic_arn}.",
            topic_arn=self.topic_arn,
            cert_url=self.cert_url,
            extra={
                "Token": token,
                "SubscribeURL": f"{self.simulator.base_url}{CONFIRM_PATH}?"
                + urlencode({"Action": "ConfirmSubscription", "Token": token}),
            },
        )
        envelope["Signature"] = self.signer.sign(envelope)
        return self.post(json.dumps(envelope).encode())

    # --- HTTP ----------------------------------------------------------------------------------

    def serve(self, request: SimRequest) -> SimResponse | None:
        """The certificate and the subscription confirmation; None for other paths."""
        if request.path == CERT_PATH:
            return SimResponse(200, self.signer.certificate_pem, {"Content-Type": "text/plain"})
        if request.path != CONFIRM_PATH:
            return None
        with self.simulator.lock:
            if request.query.get("Token") not in self.subscription_tokens:
                return SimResponse(
                    403, b"<Error>Invalid token</Error>", {"Content-Type": "text/xml"}
                )
            self.subscription_confirmed = True
        return SimResponse(200, b"<ConfirmSubscriptionResponse/>", {"Content-Type": "text/xml"})

    def post(self, body: bytes) -> int:
        """POST a message to Haat's notification URL; the HTTP status it answered."""
        ipn_url = self.simulator.ipn_url
        if not ipn_url:
            raise RuntimeError("The simulator has no ipn_url to deliver to.")
        message = json.loads(body)
        with self.simulator.lock:
            self.sent.append(body)
        try:
            answer = httpx.post(
                ipn_url,
                content=body,
                headers={
                    "Content-Type": "text/plain; charset=UTF-8",
                    "x-amz-sns-message-type": str(message.get("Type")),
                    "x-amz-sns-message-id": str(message.get("MessageId")),
                    "x-amz-sns-topic-arn": str(message.get("TopicArn")),
                },
                timeout=30,
            ).status_code
        except httpx.HTTPError:
            answer = 0
        with self._delivered:
            self.answers.append(answer)
            self._delivered.notify_all()
        return answer

    def wait_for_deliveries(self, count: int, timeout: float = 15.0) -> list[int]:
        with self._delivered:
            if not self._delivered.wait_for(lambda: len(self.answers) >= count, timeout):
                raise TimeoutError(f"bKash simulator: {count} notifications not delivered in time")
            return list(self.answers)
