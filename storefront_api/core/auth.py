"""Who a request acts as, from its `Authorization` header: a user's JWT or an app's token.

The GraphQL view and the thumbnail view both read it here, so a token means the same to both."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from backend.accounts.jwt import get_user_from_access_token
from backend.apps.auth import app_requestor_from_token


def access_token(request: HttpRequest) -> str | None:
    """The token of `Authorization: Bearer <token>` (or Saleor's `JWT <token>`), if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() not in ("bearer", "jwt") or not token.strip():
        return None
    return token.strip()


def requestor_from_token(token: str) -> Any:
    """A user (JWT) or an `AppRequestor` (app token). Raises the JWT's `ValidationError` for a
    bad token of either kind: an unknown app token, like any string that is no JWT, does not
    decode. (JWTs are three dot-separated parts; app tokens are url-safe base64 without dots.)"""
    if token.count(".") != 2:
        requestor = app_requestor_from_token(token)
        if requestor is not None:
            return requestor
    return get_user_from_access_token(token)
