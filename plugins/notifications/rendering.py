"""Templates per event and language, rendered to the text of an SMS or an e-mail.

Files live in `templates/notifications/<language>/<event>.sms.txt` (the SMS) and
`<event>.email.txt` (first line the subject, a blank line, then the body). An event without a file
for a transport is not sent that way (the OTP, say, goes by SMS only). Plain text: a dedicated
engine without HTML escaping, with the filters of `template_filters` built in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine, TemplateDoesNotExist

from backend.core.text import is_bangla

from .models import MessageTransport

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
LANGUAGES = ("bn", "en")
DEFAULT_LANGUAGE = "bn"
_BLANK_RUNS = re.compile(r"\n\s*\n(\s*\n)+")


class NotifyEvent:
    """Event names: Saleor's NotifyEventType where it has one, then Haat's own."""

    ACCOUNT_CONFIRMATION = "account_confirmation"
    ACCOUNT_PASSWORD_RESET = "account_password_reset"  # noqa: S105 (an event name)
    ORDER_CONFIRMATION = "order_confirmation"
    ORDER_CONFIRMED = "order_confirmed"
    ORDER_FULFILLMENT_CONFIRMATION = "order_fulfillment_confirmation"
    ORDER_PAYMENT_CONFIRMATION = "order_payment_confirmation"
    ORDER_CANCELED = "order_canceled"
    # Haat's own.
    ACCOUNT_PHONE_OTP = "account_phone_otp"
    VENDOR_APPROVED = "vendor_approved"

    CHOICES = (
        ACCOUNT_CONFIRMATION,
        ACCOUNT_PASSWORD_RESET,
        ACCOUNT_PHONE_OTP,
        ORDER_CONFIRMATION,
        ORDER_CONFIRMED,
        ORDER_FULFILLMENT_CONFIRMATION,
        ORDER_PAYMENT_CONFIRMATION,
        ORDER_CANCELED,
        VENDOR_APPROVED,
    )


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


def language_of(payload: dict[str, Any]) -> str:
    """`bn` unless the payload asks for English; regional forms (bn-BD, en-GB) are accepted."""
    code = str(payload.get("language_code") or DEFAULT_LANGUAGE)
    if is_bangla(code):
        return "bn"
    return "en" if code.lower().startswith("en") else DEFAULT_LANGUAGE


@cache
def _engine() -> Engine:
    return Engine(
        dirs=[str(TEMPLATE_DIR)],
        autoescape=False,
        builtins=["plugins.notifications.template_filters"],
    )


def render_message(
    event: str, transport: MessageTransport | str, payload: dict[str, Any], language: str
) -> RenderedMessage | None:
    """The message for this event, transport and language, or None when there is no template."""
    try:
        template = _engine().get_template(f"notifications/{language}/{event}.{transport}.txt")
    except TemplateDoesNotExist:
        return None
    # The engine's autoescape=False is not enough: a Context escapes unless told otherwise, and a
    # link's "&" must reach the SMS and the e-mail as it is.
    text = template.render(Context({**payload, "lang": language}, autoescape=False))
    if transport == MessageTransport.SMS:
        return RenderedMessage(subject="", body=" ".join(text.split()))
    subject, _, body = text.strip().partition("\n")
    # Optional lines left empty by `{% if %}` leave blank runs: one blank line is enough.
    body = _BLANK_RUNS.sub("\n\n", body.strip())
    return RenderedMessage(subject=subject.strip(), body=body + "\n")
