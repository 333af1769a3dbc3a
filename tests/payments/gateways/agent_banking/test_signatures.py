"""The notification signature: HMAC-SHA256 over `<t>.<body>`, within a tolerance."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from payments.gateways.agent_banking.signatures import InvalidSignature, verify_signature

SECRET = "shared-notification-secret"
BODY = b'{"eventId":"evt_1","deposit":{"depositReference":"AGD1"}}'
NOW = 1_750_000_000


def by_hand(secret: str, timestamp: int, body: bytes) -> str:
    """The bank's side, written out independently of the module under test."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def test_a_signature_made_with_the_shared_secret_is_accepted():
    header = f"t={NOW},v1={by_hand(SECRET, NOW, BODY)}"
    assert verify_signature(header, secret=SECRET, body=BODY, now=NOW + 10) == NOW


def test_any_of_several_signatures_may_match_while_the_bank_rotates_its_secret():
    header = f"t={NOW},v1={by_hand('old-secret', NOW, BODY)},v1={by_hand(SECRET, NOW, BODY)}"
    assert verify_signature(header, secret=SECRET, body=BODY, now=NOW) == NOW


@pytest.mark.parametrize(
    ("header", "body", "now", "reason"),
    [
        (None, BODY, NOW, "unsigned"),
        ("", BODY, NOW, "unsigned"),
        (f"t={NOW},v1={by_hand('another-secret', NOW, BODY)}", BODY, NOW, "does not match"),
        (f"t={NOW},v1={by_hand(SECRET, NOW, BODY)}", BODY.replace(b"AGD1", b"AGD2"), NOW, "match"),
        (f"t={NOW},v1={by_hand(SECRET, NOW, BODY)}", BODY, NOW + 301, "tolerance 300 s"),
        (f"t={NOW},v1={by_hand(SECRET, NOW, BODY)}", BODY, NOW - 301, "tolerance 300 s"),
        (f"t={NOW + 1},v1={by_hand(SECRET, NOW, BODY)}", BODY, NOW, "does not match"),
        (f"v1={by_hand(SECRET, NOW, BODY)}", BODY, NOW, "lacks t= or v1="),
        (f"t={NOW}", BODY, NOW, "lacks t= or v1="),
        ("t=soon,v1=00", BODY, NOW, "not a number"),
    ],
    ids=[
        "missing",
        "empty",
        "another secret",
        "tampered body",
        "replayed later",
        "from the future",
        "timestamp changed",
        "no timestamp",
        "no signature",
        "bad timestamp",
    ],
)
def test_a_notification_not_signed_by_the_bank_now_is_refused(header, body, now, reason):
    with pytest.raises(InvalidSignature) as error:
        verify_signature(header, secret=SECRET, body=body, now=now)
    assert reason in str(error.value)
    assert SECRET not in str(error.value)


def test_without_a_configured_secret_nothing_is_accepted():
    header = f"t={NOW},v1={by_hand('', NOW, BODY)}"
    with pytest.raises(InvalidSignature, match="No notification secret"):
        verify_signature(header, secret="", body=BODY, now=NOW)
