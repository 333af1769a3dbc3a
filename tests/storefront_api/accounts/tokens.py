"""Hand-made tokens for the failure cases: expired, tampered, foreign."""

from __future__ import annotations

import base64
import json

import jwt as pyjwt
from django.conf import settings

from backend.accounts import jwt


def tampered(token: str, **claims) -> str:
    """The token with changed claims but its original signature."""
    header, payload, signature = token.split(".")
    padded = payload + "=" * (-len(payload) % 4)
    values = json.loads(base64.urlsafe_b64decode(padded))
    values.update(claims)
    forged = base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")
    return f"{header}.{forged}.{signature}"


def signed_with(secret: str, token: str) -> str:
    """The token's claims, signed with another secret."""
    payload = jwt.decode_token(token)
    return pyjwt.encode(payload, secret, algorithm="HS256")


def without_claim(token: str, claim: str) -> str:
    """The token without one claim, correctly signed with Haat's secret."""
    payload = jwt.decode_token(token)
    del payload[claim]
    return pyjwt.encode(payload, settings.JWT_SECRET, algorithm="HS256")
