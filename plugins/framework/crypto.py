"""Secrets at rest: Fernet (from `cryptography`), keys from `PLUGINS_ENCRYPTION_KEYS`.

Several comma-separated keys allow rotation: the first encrypts, every one decrypts. Without a
configured key one is derived from SECRET_KEY, which is enough for development and the demo.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


@cache
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if not keys:
        derived = hashlib.sha256(f"haat-plugins:{secret_key}".encode()).digest()
        keys = (base64.urlsafe_b64encode(derived).decode(),)
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "PLUGINS_ENCRYPTION_KEYS must be Fernet keys (32 url-safe base64-encoded bytes)."
        ) from error


def _current() -> MultiFernet:
    return _fernet(tuple(settings.PLUGINS_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt_secret(value: str) -> str:
    """The stored form of a secret; empty stays empty (nothing to hide)."""
    if not value:
        return ""
    return PREFIX + _current().encrypt(value.encode()).decode()


def decrypt_secret(stored: str | None) -> str:
    """The plain secret; a value without the prefix (never encrypted) is returned as it is."""
    if not stored:
        return ""
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _current().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A plugin secret cannot be decrypted: PLUGINS_ENCRYPTION_KEYS lost the key it used."
        ) from error


def is_encrypted(stored: str | None) -> bool:
    return stored is not None and stored.startswith(PREFIX)
