"""Bangladeshi mobile numbers, normalised to E.164 (+8801XNNNNNNNN).

Customers give their number in many forms: 01712-345678, +880 1712 345678, 8801712345678,
00880..., or in Bangla digits. Valid operator prefixes are 013-019; with number portability the
prefix no longer tells the operator, so only the shape is checked (DOMAIN.md).
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError

from .text import to_ascii_digits

_SEPARATORS = re.compile(r"[\s\-().\u200c\u200d]")
_NATIONAL = re.compile(r"^01[3-9]\d{8}$")


class InvalidPhoneNumber(ValidationError):
    pass


def normalize_phone(raw: str) -> str:
    """Return the E.164 form or raise InvalidPhoneNumber with a clear message."""
    if raw is None:
        raise InvalidPhoneNumber("Enter a mobile number.", code="invalid")
    text = _SEPARATORS.sub("", to_ascii_digits(str(raw).strip()))
    if text.startswith("+880"):
        national = "0" + text[4:]
    elif text.startswith("00880"):
        national = "0" + text[5:]
    elif text.startswith("880"):
        national = "0" + text[3:]
    elif text.startswith("+"):
        raise InvalidPhoneNumber(
            f"{raw!r} is not a Bangladeshi mobile number (+8801XNNNNNNNN).", code="invalid"
        )
    else:
        national = text
    if not national.isdigit() or not _NATIONAL.match(national):
        raise InvalidPhoneNumber(
            f"{raw!r} is not a Bangladeshi mobile number: expected 11 digits starting 013-019, "
            "e.g. 01712345678.",
            code="invalid",
        )
    parsed = phonenumbers.parse(national, "BD")
    if not phonenumbers.is_valid_number(parsed) or phonenumbers.number_type(parsed) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise InvalidPhoneNumber(
            f"{raw!r} is not a valid Bangladeshi mobile number.", code="invalid"
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(text: str) -> bool:
    """True when a login identifier is a number rather than an e-mail address."""
    return "@" not in text and bool(re.search(r"[0-9০-৯]", text))
