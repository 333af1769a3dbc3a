"""A client for the BulkSMSBD HTTP SMS API, and the errors it maps the gateway's answers to.

Protocol (BulkSMSBD's public API page, https://bulksmsbd.com/bulksms-api-bangladesh.php):

- `POST` (or `GET`) `http://bulksmsbd.net/api/smsapi` with the fields `api_key`, `type` (`text`,
  or `unicode` for Bangla), `number` (`88017XXXXXXXX`, several comma-separated), `senderid` (the
  approved sender id) and `message`. We POST a form so the key never sits in a URL or access log.
- The answer is JSON, HTTP 200 even for refusals:
  `{"response_code": 202, "message_id": 123, "success_message": "SMS Submitted Successfully",
  "error_message": ""}`; any other `response_code` is a refusal with `error_message` set.
- Codes from that page: 202 submitted; 1001 invalid number; 1002 sender id not correct/disabled;
  1003 required fields missing; 1005 internal error; 1006 balance validity not available;
  1007 balance insufficient; 1011 user id not found (an unknown api_key); 1012 masking SMS must be
  sent in Bengali; 1013-1021 sender/gateway/price/account set-up problems; 1031 account not
  verified; 1032 IP not whitelisted.

Which refusals are worth a retry: the gateway's own trouble (1005), an empty balance (1006, 1007:
an operator tops it up) and anything on the way (timeouts, connection errors, HTTP 429/5xx, a
garbled answer). The rest will fail the same way again: a bad number, or a set-up that a person
must fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx

from backend.core.phone import InvalidPhoneNumber, normalize_phone

from .errors import PermanentDeliveryError, TemporaryDeliveryError
from .gsm import is_gsm7

DEFAULT_API_URL = "https://bulksmsbd.net/api/smsapi"
SUBMITTED = 202

RESPONSE_MESSAGES: dict[int, str] = {
    202: "SMS Submitted Successfully",
    1001: "Invalid Number",
    1002: "sender id not correct/sender id is disabled",
    1003: "Please Required all fields/Contact Your System Administrator",
    1005: "Internal Error",
    1006: "Balance Validity Not Available",
    1007: "Balance Insufficient",
    1011: "User Id not found",
    1012: "Masking SMS must be sent in Bengali",
    1013: "Sender Id has not found Gateway by api key",
    1014: "Sender Type Name not found using this sender by api key",
    1015: "Sender Id has not found Any Valid Gateway by api key",
    1016: "Sender Type Name Active Price Info not found by this sender id",
    1017: "Sender Type Name Price Info not found by this sender id",
    1018: "The Owner of this (username) Account is disabled",
    1019: "The (sender type name) Price of this (username) Account is disabled",
    1020: "The parent of this account is not found.",
    1021: "The parent active (sender type name) price of this account is not found.",
    1031: "Your Account Not Verified, Please Contact Administrator.",
    1032: "IP Not whitelisted",
}
INVALID_NUMBER = 1001
RETRYABLE_CODES = frozenset({1005, 1006, 1007})


class SmsInvalidRecipient(PermanentDeliveryError):
    """The number is not a Bangladeshi mobile number."""


class SmsGatewayRefused(PermanentDeliveryError):
    """The gateway refused for a reason of set-up (key, sender id, account)."""


class SmsTemporaryError(TemporaryDeliveryError):
    """Network trouble, the gateway's own error or an empty balance."""


@dataclass(frozen=True)
class SmsSendResult:
    message_id: str
    msisdn: str
    encoding: str


def to_msisdn(phone: str) -> str:
    """`8801XNNNNNNNN`, the form the gateway wants, from any way a customer writes a number."""
    try:
        return normalize_phone(phone).removeprefix("+")
    except InvalidPhoneNumber as error:
        raise SmsInvalidRecipient(error.messages[0], code="invalid_number") from error


class BulkSmsBdClient:
    """Sends one SMS to one number. Holds the API key: never log the client's fields."""

    def __init__(
        self,
        *,
        api_url: str,
        api_key: str,
        sender_id: str,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.api_url = api_url
        self._api_key = api_key
        self.sender_id = sender_id
        self.timeout = timeout
        self._transport = transport

    def __repr__(self) -> str:
        return f"<BulkSmsBdClient {self.api_url} sender={self.sender_id}>"

    def send_sms(self, *, phone: str, text: str) -> SmsSendResult:
        """Submit the SMS; raise a `DeliveryError` saying whether a retry may help."""
        msisdn = to_msisdn(phone)
        if not text:
            raise SmsGatewayRefused("An SMS needs a text.", code="empty_message")
        encoding = "text" if is_gsm7(text) else "unicode"
        form = {
            "api_key": self._api_key,
            "type": encoding,
            "number": msisdn,
            "senderid": self.sender_id,
            "message": text,
        }
        try:
            with httpx.Client(timeout=self.timeout, transport=self._transport) as http:
                response = http.post(
                    self.api_url, data=form, headers={"Accept": "application/json"}
                )
        except httpx.TimeoutException as error:
            raise SmsTemporaryError(
                f"The SMS gateway did not answer within {self.timeout:g} s.", code="timeout"
            ) from error
        except httpx.HTTPError as error:
            raise SmsTemporaryError(
                f"The SMS gateway could not be reached ({type(error).__name__}).",
                code="network_error",
            ) from error
        return self._result(response, msisdn=msisdn, encoding=encoding)

    def _result(self, response: httpx.Response, *, msisdn: str, encoding: str) -> SmsSendResult:
        if response.status_code == 429 or response.status_code >= 500:
            raise SmsTemporaryError(
                f"The SMS gateway answered HTTP {response.status_code}.",
                code=f"http_{response.status_code}",
            )
        if response.status_code >= 400:
            raise SmsGatewayRefused(
                f"The SMS gateway answered HTTP {response.status_code}.",
                code=f"http_{response.status_code}",
            )
        code, body = _parse_answer(response.text)
        if code is None:
            raise SmsTemporaryError(
                "The SMS gateway's answer was not understood.", code="bad_response"
            )
        if code == SUBMITTED:
            return SmsSendResult(
                message_id=str(body.get("message_id") or ""), msisdn=msisdn, encoding=encoding
            )
        message = (
            str(body.get("error_message") or "") or RESPONSE_MESSAGES.get(code) or "Unknown refusal"
        )
        text = f"The SMS gateway refused the message: {code} {message}."
        if code == INVALID_NUMBER:
            raise SmsInvalidRecipient(text, code=str(code))
        if code in RETRYABLE_CODES:
            raise SmsTemporaryError(text, code=str(code))
        raise SmsGatewayRefused(text, code=str(code))


def _parse_answer(text: str) -> tuple[int | None, dict]:
    """The response code and the JSON body; some accounts answer a bare number instead."""
    stripped = text.strip()
    if stripped.isdigit():
        return int(stripped), {}
    try:
        body = json.loads(stripped)
    except ValueError:
        return None, {}
    if not isinstance(body, dict):
        return None, {}
    code = body.get("response_code")
    if code is None:
        return None, body
    try:
        return int(code), body
    except (TypeError, ValueError):
        return None, body
