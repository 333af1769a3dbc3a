"""Nagad's remote payment gateway API (v-0.2.0): initialize, complete, verify.

Every call carries Nagad's headers (`X-KM-Api-Version`, `X-KM-IP-V4`, `X-KM-Client-Type`).
A timeout, a dropped connection, a 5xx or an answer that is not JSON raises
`PaymentGatewayError` (the outcome is unknown: ask `verify`, never pay again); an answer in
Nagad's error shape (`{"reason", "message"}`) or a response whose signature does not verify
raises `NagadRefusal`. Source: Nagad's PHP sample (PAYMENTS.md section 3).
"""

from __future__ import annotations

import json
import logging
import secrets
import string
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx
from cryptography.hazmat.primitives.asymmetric import rsa

from plugins.framework.interface import PaymentGatewayError

from . import crypto

logger = logging.getLogger(__name__)

API_VERSION = "v-0.2.0"
CLIENT_TYPE = "PC_WEB"
CURRENCY_CODE = "050"  # ISO 4217 numeric for BDT
DHAKA = ZoneInfo("Asia/Dhaka")
DEFAULT_TIMEOUT = 30.0
CHALLENGE_LENGTH = 40
_CHALLENGE_ALPHABET = string.ascii_letters + string.digits


class NagadRefusal(Exception):
    """Nagad answered, and said no (or said something we cannot trust)."""

    def __init__(self, reason: str, message: str, *, status_code: int | None = None) -> None:
        super().__init__(f"{reason}: {message}" if message else reason)
        self.reason = reason
        self.message = message or reason
        self.status_code = status_code


@dataclass(frozen=True)
class Initialized:
    payment_reference_id: str
    challenge: str  # Nagad's, to be returned in `complete`


@dataclass(frozen=True)
class Completed:
    status: str
    redirect_url: str  # Nagad's `callBackUrl`: the customer's payment page


@dataclass(frozen=True)
class Verification:
    """`verify/payment`'s record of a payment: what may be credited is decided from this."""

    payment_ref_id: str
    merchant_id: str
    order_id: str
    amount: Decimal | None
    status: str
    status_code: str
    issuer_payment_ref: str
    issuer_payment_datetime: str
    client_mobile_no: str
    currency_code: str | None  # absent in the known samples; checked when present


def dhaka_timestamp(moment: datetime | None = None) -> str:
    """`YYYYMMDDHHMMSS` in Asia/Dhaka, as Nagad's `dateTime` and `datetime` fields take it."""
    return (moment or datetime.now(tz=DHAKA)).astimezone(DHAKA).strftime("%Y%m%d%H%M%S")


def random_challenge() -> str:
    return "".join(secrets.choice(_CHALLENGE_ALPHABET) for _ in range(CHALLENGE_LENGTH))


def format_amount(amount: Decimal) -> str:
    """Two decimals as a string ("230.00"), as Nagad's sample sends it."""
    return format(Decimal(amount).quantize(Decimal("0.01")), "f")


def parse_amount(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class NagadClient:
    def __init__(
        self,
        *,
        base_url: str,
        merchant_id: str,
        merchant_private_key: rsa.RSAPrivateKey,
        nagad_public_key: rsa.RSAPublicKey,
        merchant_number: str = "",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.merchant_id = merchant_id
        self.merchant_number = merchant_number
        self._private_key = merchant_private_key
        self._nagad_key = nagad_public_key
        self.timeout = timeout

    def __repr__(self) -> str:  # never the keys
        return f"<NagadClient {self.base_url} merchant={self.merchant_id}>"

    # --- endpoints ---------------------------------------------------------------------------

    def initialize(self, *, order_id: str, client_ip: str) -> Initialized:
        """Open a payment for `order_id`: Nagad's payment reference and its challenge."""
        now = dhaka_timestamp()
        sensitive = crypto.sensitive_json(
            {
                "merchantId": self.merchant_id,
                "datetime": now,
                "orderId": order_id,
                "challenge": random_challenge(),
            }
        )
        body: dict[str, Any] = {
            "dateTime": now,
            "sensitiveData": crypto.encrypt(sensitive, self._nagad_key),
            "signature": crypto.sign(sensitive, self._private_key),
        }
        if self.merchant_number:
            body["accountNumber"] = self.merchant_number
        answer = self._send(
            "POST", f"/check-out/initialize/{self.merchant_id}/{order_id}", client_ip, body
        )
        plain = self._open(answer)
        reference, challenge = plain.get("paymentReferenceId"), plain.get("challenge")
        if not isinstance(reference, str) or not reference or not isinstance(challenge, str):
            raise NagadRefusal("IncompleteResponse", "Nagad gave no payment reference.")
        return Initialized(payment_reference_id=reference, challenge=challenge)

    def complete(
        self,
        *,
        payment_reference_id: str,
        order_id: str,
        amount: Decimal,
        challenge: str,
        callback_url: str,
        additional_info: dict[str, Any],
        client_ip: str,
    ) -> Completed:
        """Fix the amount and callback of an initialized payment: the customer's payment page."""
        sensitive = crypto.sensitive_json(
            {
                "merchantId": self.merchant_id,
                "orderId": order_id,
                "currencyCode": CURRENCY_CODE,
                "amount": format_amount(amount),
                "challenge": challenge,
            }
        )
        answer = self._send(
            "POST",
            f"/check-out/complete/{quote(payment_reference_id, safe='')}",
            client_ip,
            {
                "sensitiveData": crypto.encrypt(sensitive, self._nagad_key),
                "signature": crypto.sign(sensitive, self._private_key),
                "merchantCallbackURL": callback_url,
                "additionalMerchantInfo": additional_info,
            },
        )
        status, url = _text(answer.get("status")), answer.get("callBackUrl")
        if status != "Success" or not isinstance(url, str) or not url:
            raise NagadRefusal(
                status or "IncompleteResponse", _text(answer.get("message")) or "No payment page."
            )
        return Completed(status=status, redirect_url=url)

    def verify(self, payment_reference_id: str, *, client_ip: str) -> Verification:
        """Nagad's own record of the payment (the only word that credits anything)."""
        answer = self._send(
            "GET", f"/verify/payment/{quote(payment_reference_id, safe='')}", client_ip
        )
        currency = answer.get("currencyCode", answer.get("currency"))
        return Verification(
            payment_ref_id=_text(answer.get("paymentRefId")),
            merchant_id=_text(answer.get("merchantId")),
            order_id=_text(answer.get("orderId")),
            amount=parse_amount(answer.get("amount")),
            status=_text(answer.get("status")),
            status_code=_text(answer.get("statusCode")),
            issuer_payment_ref=_text(answer.get("issuerPaymentRefNo")),
            issuer_payment_datetime=_text(answer.get("issuerPaymentDateTime")),
            client_mobile_no=_text(answer.get("clientMobileNo")),
            currency_code=None if currency is None else _text(currency),
        )

    # --- transport and envelopes -------------------------------------------------------------

    def _headers(self, client_ip: str) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-KM-Api-Version": API_VERSION,
            "X-KM-IP-V4": client_ip,
            "X-KM-Client-Type": CLIENT_TYPE,
        }

    def _send(
        self, method: str, path: str, client_ip: str, body: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        url = f"{self.base_url}{path}"
        try:
            with httpx.Client(timeout=self.timeout) as http:
                response = http.request(
                    method,
                    url,
                    headers=self._headers(client_ip),
                    content=None if body is None else json.dumps(body).encode(),
                )
        except httpx.TimeoutException:
            raise PaymentGatewayError(f"Nagad did not answer {path} in time.") from None
        except httpx.HTTPError as error:
            raise PaymentGatewayError(
                f"Nagad could not be reached for {path}: {type(error).__name__}."
            ) from None
        logger.debug("Nagad %s %s: HTTP %s", method, path, response.status_code)
        if response.status_code >= 500:
            raise PaymentGatewayError(f"Nagad answered {path} with HTTP {response.status_code}.")
        try:
            answer = json.loads(response.content, parse_float=Decimal)
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            if response.is_client_error:
                raise NagadRefusal(
                    f"HTTP{response.status_code}",
                    f"Nagad refused {path} (HTTP {response.status_code}).",
                    status_code=response.status_code,
                )
            raise PaymentGatewayError(f"Nagad's answer to {path} was not JSON.")
        if "reason" in answer or response.is_client_error:
            raise NagadRefusal(
                _text(answer.get("reason")) or f"HTTP{response.status_code}",
                _text(answer.get("message")),
                status_code=response.status_code,
            )
        return answer

    def _open(self, answer: dict[str, Any]) -> dict[str, Any]:
        """Decrypt a response's `sensitiveData` and check Nagad's signature on it. Which text
        Nagad signs is not documented [U]: the decrypted JSON, else the base64 as sent."""
        token, signature = answer.get("sensitiveData"), answer.get("signature")
        if not isinstance(token, str) or not isinstance(signature, str):
            raise NagadRefusal("IncompleteResponse", "Nagad's answer is not sealed.")
        try:
            plaintext = crypto.decrypt(token, self._private_key)
        except ValueError:
            raise NagadRefusal(
                "UndecryptableResponse", "Nagad's answer was not encrypted for this merchant."
            ) from None
        if not (
            crypto.is_signed(plaintext, signature, self._nagad_key)
            or crypto.is_signed(token.encode(), signature, self._nagad_key)
        ):
            raise NagadRefusal(
                "InvalidResponseSignature",
                "Nagad's answer is not signed with Nagad's public key: refused.",
            )
        try:
            plain = json.loads(plaintext)
        except ValueError:
            plain = None
        if not isinstance(plain, dict):
            raise NagadRefusal("IncompleteResponse", "Nagad's sealed answer is not JSON.")
        return plain
