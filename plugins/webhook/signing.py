"""The `Haat-Signature` header: HMAC-SHA256 over `<timestamp>.<body>` with the webhook's secret.

    Haat-Signature: t=1735689600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd

`t` is the Unix time the request was signed (seconds); `v1` the lower-case hex HMAC-SHA256 of
the ASCII timestamp, a dot, and the raw request body bytes. Signing the timestamp lets a
receiver refuse a replayed request: `verify` accepts it only within `tolerance` seconds of now.
The scheme is Stripe's, which receivers' libraries and habits already know.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Haat-Signature"
SCHEME = "v1"
DEFAULT_TOLERANCE_SECONDS = 300


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int, body: bytes | str) -> str:
    """The header value for a body sent at `timestamp` (Unix seconds)."""
    if isinstance(body, str):
        body = body.encode()
    return f"t={int(timestamp)},{SCHEME}={_digest(secret, int(timestamp), body)}"


def verify(
    secret: str,
    header: str,
    body: bytes | str,
    *,
    tolerance: float = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """Whether the header signs this body with this secret and is at most `tolerance` old.

    Several `v1=` entries are accepted (one matching is enough), so a sender can sign with an old
    and a new secret while the receiver rotates.
    """
    if isinstance(body, str):
        body = body.encode()
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                return False
        elif key == SCHEME:
            signatures.append(value)
    if timestamp is None or not signatures:
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        return False
    expected = _digest(secret, timestamp, body)
    return any(hmac.compare_digest(expected, signature) for signature in signatures)
