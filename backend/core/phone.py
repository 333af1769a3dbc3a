"""Bangladeshi mobile numbers, normalised to E.164 (+8801XNNNNNNNN).

Customers give their number in many forms: 01712-345678, +880 1712 345678, 8801712345678,
00880..., (017) 12-345678, or in Bangla digits. Valid operator prefixes are 013-019; with number
portability the prefix no longer tells the operator, so only the shape is checked (DOMAIN.md).
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError

from .text import to_ascii_digits

# Spaces (including no-break), dashes of every kind, brackets, dots, and the zero-width joiners
# Bangla keyboards leave behind.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212().\u200b\u200c\u200d]")
# ASCII digits only: `\d` would also accept Devanagari or Arabic-Indic digits.
_NATIONAL = re.compile(r"01[3-9][0-9]{8}")
_EXAMPLE = "e.g. 01712345678 or +8801712345678"


class InvalidPhoneNumber(ValidationError):
    pass


def _invalid(message: str) -> InvalidPhoneNumber:
    return InvalidPhoneNumber(message, code="invalid")


def normalize_phone(raw: str) -> str:
    """Return the E.164 form or raise InvalidPhoneNumber with a clear message."""
    if raw is None or not str(raw).strip():
        raise _invalid(f"Enter a mobile number, {_EXAMPLE}.")
    text = _SEPARATORS.sub("", to_ascii_digits(str(raw).strip()))
    if re.search(r"[^0-9+]", text):
        raise _invalid(f"{raw!r} is not a mobile number: use digits only, {_EXAMPLE}.")
    if text.startswith("+880"):
        national = "0" + text[4:]
    elif text.startswith("00880"):
        national = "0" + text[5:]
    elif text.startswith("880"):
        national = "0" + text[3:]
    elif text.startswith(("+", "00")):
        raise _invalid(
            f"{raw!r} is not a Bangladeshi mobile number: only +880 numbers are accepted, "
            f"{_EXAMPLE}."
        )
    else:
        national = text
    if not _NATIONAL.fullmatch(national):
        raise _invalid(
            f"{raw!r} is not a Bangladeshi mobile number: expected 11 digits starting 013-019, "
            f"{_EXAMPLE}."
        )
    parsed = phonenumbers.parse(national, "BD")
    if not phonenumbers.is_valid_number(parsed) or phonenumbers.number_type(parsed) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise _invalid(f"{raw!r} is not a valid Bangladeshi mobile number.")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(text: str) -> bool:
    """True when a login identifier is a number rather than an e-mail address."""
    return "@" not in text and bool(re.search(r"[0-9০-৯]", text))
