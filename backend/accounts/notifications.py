"""Account messages, sent through the plugin manager's `notify` hook (Saleor's notify events).

The payloads follow Saleor's (`user`, `token`, `confirm_url`, `recipient_email`, `channel_slug`,
`site_name`, `domain`) so an app subscribed to NOTIFY_USER can send the message itself; Haat adds
`recipient_phone` for customers known only by their number, who get an SMS instead of an e-mail.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from graphql_relay import to_global_id

from backend.core.models import SiteSettings
from plugins.framework.manager import PluginsManager

from .models import User
from .tokens import account_confirmation_tokens, password_reset_tokens

# Saleor's NotifyEventType.ACCOUNT_CONFIRMATION.
ACCOUNT_CONFIRMATION = "account_confirmation"
# Saleor's NotifyEventType.ACCOUNT_PASSWORD_RESET.
ACCOUNT_PASSWORD_RESET = "account_password_reset"  # noqa: S105 (an event name)


def user_payload(user: User) -> dict[str, Any]:
    """Saleor's default user payload (its `id` is the API's global ID), without private metadata:
    the notify payload travels to every NOTIFY_USER subscriber."""
    return {
        "id": to_global_id("User", user.pk),
        "email": user.email or "",
        "phone": user.phone or "",
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_staff": user.is_staff,
        "is_active": user.is_active,
        "metadata": user.metadata,
        "language_code": user.language_code,
    }


def _url_with_params(url: str, params: dict[str, str]) -> str:
    """`url` with `params` added to its query string (what it already carries is kept)."""
    parts = urlsplit(url)
    query = urlencode([*parse_qsl(parts.query, keep_blank_values=True), *params.items()])
    return urlunsplit(parts._replace(query=query))


def send_account_confirmation(
    *, user: User, redirect_url: str, channel_slug: str | None, manager: PluginsManager
) -> None:
    """Notify ACCOUNT_CONFIRMATION with a fresh token and the link that confirms the account.

    An e-mail when the user has an address, otherwise an SMS to the number. Runs in the caller's
    transaction: the plugins write their messages there and send them after it commits.
    """
    token = account_confirmation_tokens.make_token(user)
    identifier = user.email or user.phone or ""
    site = SiteSettings.get_current()
    payload = {
        "user": user_payload(user),
        "token": token,
        "confirm_url": _url_with_params(redirect_url, {"email": identifier, "token": token}),
        "recipient_email": user.email or "",
        "recipient_phone": "" if user.email else user.phone or "",
        "language_code": user.language_code,
        "channel_slug": channel_slug,
        "site_name": site.name,
        "domain": site.domain,
    }
    manager.notify(ACCOUNT_CONFIRMATION, payload, channel_slug=channel_slug)


def send_password_reset(
    *, user: User, redirect_url: str, channel_slug: str | None, manager: PluginsManager
) -> None:
    """Notify ACCOUNT_PASSWORD_RESET with a fresh token and the link that sets a new password
    (`reset_url`, Saleor's name): an e-mail when the user has an address, otherwise an SMS.
    Runs in the caller's transaction, as `send_account_confirmation`."""
    token = password_reset_tokens.make_token(user)
    identifier = user.email or user.phone or ""
    site = SiteSettings.get_current()
    payload = {
        "user": user_payload(user),
        "token": token,
        "reset_url": _url_with_params(redirect_url, {"email": identifier, "token": token}),
        "recipient_email": user.email or "",
        "recipient_phone": "" if user.email else user.phone or "",
        "language_code": user.language_code,
        "channel_slug": channel_slug,
        "site_name": site.name,
        "domain": site.domain,
    }
    manager.notify(ACCOUNT_PASSWORD_RESET, payload, channel_slug=channel_slug)
