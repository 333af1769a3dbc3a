"""The bank's signature on its notifications (Haat's design, like Stripe's):

    X-AgentBank-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>

where the HMAC's key is the shared notification secret (UTF-8) and its message is
`<t>.` followed by the raw body bytes. Several `v1=` may be given while the bank rotates the
secret; one must match. A timestamp further than the tolerance from now, in either direction,
is refused, so a captured notification cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-AgentBank-Signature"
EVENT_ID_HEADER = "X-AgentBank-Event-Id"
DEFAULT_TOLERANCE_SECONDS = 300


class InvalidSignature(Exception):
    """Why a notification's signature is not accepted (no secret in the message)."""


def compute_signature(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _parse(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise InvalidSignature("The signature's timestamp is not a number.") from None
        elif name == "v1" and value:
            signatures.append(value.strip())
    if timestamp is None or not signatures:
        raise InvalidSignature("The signature header lacks t= or v1=.")
    return timestamp, signatures


def verify_signature(
    header: str | None,
    *,
    secret: str,
    body: bytes,
    now: float,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> int:
    """The signed timestamp when the header signs `body` with `secret` within the tolerance;
    raises InvalidSignature otherwise."""
    if not header:
        raise InvalidSignature(f"No {SIGNATURE_HEADER} header: the notification is unsigned.")
    if not secret:
        raise InvalidSignature("No notification secret is configured.")
    timestamp, signatures = _parse(header)
    expected = compute_signature(secret, timestamp, body)
    if not any(hmac.compare_digest(expected, given) for given in signatures):
        raise InvalidSignature("The signature does not match the body.")
    if abs(now - timestamp) > tolerance:
        raise InvalidSignature(
            f"The signature's timestamp is {int(now - timestamp)} s from now "
            f"(tolerance {tolerance} s): a replay or a wrong clock."
        )
    return timestamp
