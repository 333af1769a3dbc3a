"""The Haat-Signature scheme, checked against the README's plain-hmac snippet."""

import time

from plugins.webhook.signing import sign, verify

from .conftest import verify_haat_signature

BODY = '{"event":"PRODUCT_CREATED","data":{"name":"নকশিকাঁথা"}}'.encode()


def test_signature_checks_with_the_independent_snippet():
    # given a body signed now
    header = sign("s3cret", int(time.time()), BODY)
    # when a receiver checks it with plain hmac/hashlib
    # then it matches, and a changed body or secret does not
    assert verify_haat_signature("s3cret", header, BODY) is True
    assert verify_haat_signature("s3cret", header, BODY + b" ") is False
    assert verify_haat_signature("other", header, BODY) is False


def test_signature_header_shape():
    # given a fixed time
    # when a body is signed
    header = sign("s3cret", 1_700_000_000, b"{}")
    # then the header is t=<seconds>,v1=<64 hex digits>
    timestamp, digest = header.split(",")
    assert timestamp == "t=1700000000"
    assert digest.startswith("v1=")
    assert len(digest) == 3 + 64
    assert int(digest[3:], 16) >= 0


def test_verify_refuses_an_old_signature():
    # given a signature made 10 minutes ago
    signed_at = int(time.time()) - 600
    header = sign("s3cret", signed_at, BODY)
    # when it is checked with the default 5-minute tolerance, and with a wider one
    # then the replay is refused and the wider window accepts it
    assert verify("s3cret", header, BODY) is False
    assert verify("s3cret", header, BODY, tolerance=900) is True
    assert verify_haat_signature("s3cret", header, BODY) is False


def test_verify_refuses_malformed_headers():
    # given headers without a timestamp, without a signature, or garbled
    # when verified
    # then none passes
    assert verify("s3cret", "v1=abc", BODY) is False
    assert verify("s3cret", f"t={int(time.time())}", BODY) is False
    assert verify("s3cret", "t=soon,v1=abc", BODY) is False


def test_verify_accepts_any_of_several_signatures():
    # given a header signed with an old and a new secret (rotation)
    now = int(time.time())
    old = sign("old", now, BODY).split(",")[1]
    header = f"{sign('new', now, BODY)},{old}"
    # when either secret checks it
    # then both pass
    assert verify("new", header, BODY) is True
    assert verify("old", header, BODY) is True


def test_the_guide_carries_the_readmes_verification_snippet():
    # given the README's snippet (the one these tests verify deliveries with)
    from pathlib import Path

    from .conftest import _readme_snippet

    guide = (Path(__file__).resolve().parents[3] / "docs" / "webhooks.md").read_text("utf-8")
    # then docs/webhooks.md shows receivers the very same code
    assert _readme_snippet("verify_haat_signature").split("\n\n\n# ")[0] in guide
