"""Bangla digits and slugs: Bangla first, with ASCII where machines need it."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
_TO_ASCII = str.maketrans(BANGLA_DIGITS, "0123456789")
_TO_BANGLA = str.maketrans("0123456789", BANGLA_DIGITS)
_DASHES = re.compile(r"[\s_-]+")


def to_ascii_digits(text: str) -> str:
    """Bangla digits become ASCII ones; customers type either."""
    return text.translate(_TO_ASCII)


def to_bangla_digits(text: str) -> str:
    """ASCII digits become Bangla ones, for Bangla text shown to people."""
    return text.translate(_TO_BANGLA)


def is_bangla(language: str | None) -> bool:
    """ "bn", "bn-BD", "bn_BD" are Bangla; anything else (or nothing) is not."""
    return language is not None and language.lower().replace("_", "-").split("-")[0] == "bn"


def localize_digits(text: object, language: str | None) -> str:
    """The text with Bangla digits for a Bangla reader, unchanged for anyone else."""
    text = str(text)
    return to_bangla_digits(text) if is_bangla(language) else text


def group_digits(digits: str, *, bangladeshi: bool) -> str:
    """Commas in a run of digits: 12,50,000 (lakh and crore) or 1,250,000 (thousands).

    Bangladeshi grouping puts the first comma after three digits from the right, then every two.
    """
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    size = 2 if bangladeshi else 3
    groups = []
    while head:
        groups.append(head[-size:])
        head = head[:-size]
    return ",".join([*reversed(groups), tail])


def format_number(
    value: int | Decimal | str, language: str | None = "bn", *, places: int | None = None
) -> str:
    """A number for people: Bangla digits and lakh grouping in Bangla, thousands in English.

    `places` rounds half up to that many decimals (money uses 2); None keeps the value's own.
    """
    number = Decimal(str(to_ascii_digits(str(value)) if isinstance(value, str) else value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    text = sign + group_digits(whole, bangladeshi=is_bangla(language))
    if fraction:
        text += "." + fraction
    return localize_digits(text, language)


def slugify_unicode(text: str) -> str:
    """Lower-case words joined by dashes, keeping Bangla intact.

    Django's `slugify(allow_unicode=True)` keeps only `\\w`, which drops Bangla vowel signs and the
    hasant (combining marks): "হাট" would become "হট". Letters, marks and digits are kept here.
    """
    text = unicodedata.normalize("NFC", text).lower()
    kept = "".join(
        char if unicodedata.category(char)[0] in "LMN" else " "
        for char in text
        if char not in "\u200c\u200d"  # zero-width (non-)joiners only shape the glyphs
    )
    return _DASHES.sub("-", kept).strip("-")


def unique_slug(text: str, *, taken: set[str] | None = None, max_length: int = 250) -> str:
    """A URL slug that keeps Bangla letters (Saleor allows unicode slugs) and avoids `taken`."""
    base = slugify_unicode(text)[:max_length].strip("-") or "item"
    if not taken or base not in taken:
        return base
    index = 2
    while True:
        suffix = f"-{index}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        index += 1
