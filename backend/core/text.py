"""Bangla digits and slugs: Bangla first, with ASCII where machines need it."""

from __future__ import annotations

import re
import unicodedata

from django.utils.text import slugify

BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
_TO_ASCII = str.maketrans(BANGLA_DIGITS, "0123456789")
_TO_BANGLA = str.maketrans("0123456789", BANGLA_DIGITS)


def to_ascii_digits(text: str) -> str:
    """Bangla digits become ASCII ones; customers type either."""
    return text.translate(_TO_ASCII)


def to_bangla_digits(text: str) -> str:
    """ASCII digits become Bangla ones, for Bangla text shown to people."""
    return text.translate(_TO_BANGLA)


def unique_slug(text: str, *, taken: set[str] | None = None, max_length: int = 250) -> str:
    """A URL slug that keeps Bangla letters (Saleor allows unicode slugs) and avoids `taken`."""
    base = slugify(unicodedata.normalize("NFC", text), allow_unicode=True)[:max_length] or "item"
    base = re.sub(r"-+", "-", base).strip("-") or "item"
    if not taken or base not in taken:
        return base
    index = 2
    while f"{base}-{index}" in taken:
        index += 1
    return f"{base}-{index}"
