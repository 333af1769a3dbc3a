"""Bangla digits and slugs: Bangla first, with ASCII where machines need it."""

from __future__ import annotations

import re
import unicodedata

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
