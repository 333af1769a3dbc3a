"""JSON Web Tokens as Saleor issues them: short-lived access, long-lived refresh.

A user's `jwt_token_key` is embedded in every token; changing it (password change, deactivation)
revokes all tokens issued before.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from .error_codes import AccountErrorCode
from .models import User

ALGORITHM = "HS256"
ACCESS = "access"
REFRESH = "refresh"


def _encode(payload: dict[str, Any]) -> str:
    return jwt.encode(payload, settings.JWT_SECRET, algorithm=ALGORITHM)


def _base_payload(
    user: User, token_type: str, ttl_seconds: int, audience: str | None
) -> dict[str, Any]:
    now = timezone.now()
    payload = {
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl_seconds)).timestamp()),
        "token": user.jwt_token_key,
        "type": token_type,
        "user_id": str(user.pk),
        "is_staff": user.is_staff,
        "iss": settings.PUBLIC_URL,
        "jti": secrets.token_hex(8),
    }
    if audience:
        # Saleor's form: an app asking for a token for its own audience.
        payload["aud"] = f"custom:{audience}"
    return payload


def create_access_token(user: User, *, audience: str | None = None) -> str:
    return _encode(_base_payload(user, ACCESS, settings.JWT_ACCESS_TTL_SECONDS, audience))


def create_refresh_token(
    user: User, *, csrf_token: str | None = None, audience: str | None = None
) -> str:
    """A refresh token; with `csrf_token`, refreshing it requires the same CSRF token."""
    payload = _base_payload(user, REFRESH, settings.JWT_REFRESH_TTL_SECONDS, audience)
    if csrf_token:
        payload["csrf_token"] = csrf_token
    return _encode(payload)


def create_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def decode_token(token: str, *, verify_expiration: bool = True) -> dict[str, Any]:
    """The payload, or a ValidationError with Saleor's JWT error code."""
    if not token:
        raise ValidationError("Missing token.", code=AccountErrorCode.JWT_MISSING_TOKEN.value)
    try:
        return jwt.decode(
            token,
            settings.JWT_SECRET,
            algorithms=[ALGORITHM],
            options={
                "verify_exp": verify_expiration,
                # The audience says who asked for the token; it does not restrict who reads it.
                "verify_aud": False,
                "require": ["exp", "iat", "type"],
            },
        )
    except jwt.ExpiredSignatureError as error:
        raise ValidationError(
            "Signature has expired.", code=AccountErrorCode.JWT_SIGNATURE_EXPIRED.value
        ) from error
    except jwt.DecodeError as error:
        raise ValidationError(
            "Error decoding signature.", code=AccountErrorCode.JWT_DECODE_ERROR.value
        ) from error
    except jwt.InvalidTokenError as error:
        raise ValidationError(
            "Invalid token.", code=AccountErrorCode.JWT_INVALID_TOKEN.value
        ) from error


def get_user_from_payload(payload: dict[str, Any], expected_type: str) -> User:
    """The active user a token of `expected_type` names, unless the token was revoked."""
    if payload.get("type") != expected_type:
        raise ValidationError("Invalid token type.", code=AccountErrorCode.JWT_INVALID_TOKEN.value)
    user_id = str(payload.get("user_id") or "")
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id.isdigit() else None
    if user is None or payload.get("token") != user.jwt_token_key:
        raise ValidationError("Invalid token.", code=AccountErrorCode.JWT_INVALID_TOKEN.value)
    return user


def get_user_from_access_token(token: str) -> User:
    return get_user_from_payload(decode_token(token), ACCESS)
