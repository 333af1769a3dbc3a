"""Where an SMS goes: the console (the demo) or the HTTP gateway. E-mail goes through Django."""

from __future__ import annotations

import logging
import smtplib
import sys
from typing import Any, Protocol, TextIO

from django.conf import settings
from django.core.mail import EmailMessage

from .errors import PermanentDeliveryError, TemporaryDeliveryError
from .sms import BulkSmsBdClient, SmsGatewayRefused, to_msisdn

logger = logging.getLogger(__name__)

CONSOLE = "console"
HTTP = "http"
SMS_BACKENDS = (CONSOLE, HTTP)


class SmsBackend(Protocol):
    name: str

    def send(self, *, phone: str, text: str) -> str:
        """Send; return the provider's message id ("" when there is none); raise DeliveryError."""


class ConsoleSmsBackend:
    """Prints the SMS, as Django's console e-mail backend prints e-mails: the demo's default."""

    name = CONSOLE

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, *, phone: str, text: str) -> str:
        msisdn = to_msisdn(phone)  # the same check the gateway would make
        stream = self.stream or sys.stdout
        stream.write(f"---------- SMS to +{msisdn} ----------\n{text}\n{'-' * 40}\n")
        stream.flush()
        logger.info("SMS to +%s printed on the console (%d characters)", msisdn, len(text))
        return ""


class HttpSmsBackend:
    """The BulkSMSBD gateway (or its simulator) over HTTP."""

    name = HTTP

    def __init__(self, client: BulkSmsBdClient) -> None:
        self.client = client

    def send(self, *, phone: str, text: str) -> str:
        return self.client.send_sms(phone=phone, text=text).message_id


def sms_backend_from_config(config: dict[str, Any]) -> SmsBackend:
    """The backend the plugin's configuration names; a wrong one is a set-up error, not a crash."""
    backend = str(config.get("sms_backend") or CONSOLE).strip().lower()
    if backend == CONSOLE:
        return ConsoleSmsBackend()
    if backend == HTTP:
        api_url = str(config.get("sms_api_url") or "").strip()
        api_key = str(config.get("sms_api_key") or "")
        sender_id = str(config.get("sms_sender_id") or "").strip()
        if not (api_url and api_key and sender_id):
            raise SmsGatewayRefused(
                "The SMS gateway needs sms_api_url, sms_api_key and sms_sender_id.",
                code="not_configured",
            )
        return HttpSmsBackend(
            BulkSmsBdClient(
                api_url=api_url,
                api_key=api_key,
                sender_id=sender_id,
                timeout=_seconds(config.get("sms_timeout_seconds"), default=10.0),
            )
        )
    raise SmsGatewayRefused(f"Unknown SMS backend {backend!r}.", code="not_configured")


def _seconds(value: Any, *, default: float) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return default
    return seconds if seconds > 0 else default


def send_email(*, to: str, subject: str, body: str, from_email: str = "") -> None:
    """Through Django's configured e-mail backend; errors mapped as the SMS ones are."""
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentDeliveryError(
            "The mail server refused the recipient.", code="recipient_refused"
        ) from error
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryDeliveryError(
            f"The mail server failed ({type(error).__name__}).", code="smtp_error"
        ) from error


__all__ = [
    "CONSOLE",
    "HTTP",
    "SMS_BACKENDS",
    "ConsoleSmsBackend",
    "HttpSmsBackend",
    "send_email",
    "sms_backend_from_config",
]
