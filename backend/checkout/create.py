"""checkoutCreate: a new checkout in a channel, with its first lines, contact and addresses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from backend.channels.models import Channel
from backend.channels.selectors import get_channel
from plugins.framework.manager import PluginsManager

from .addresses import BILLING, SHIPPING, clean_address, store_address
from .changes import finish_change
from .customer import clean_email
from .error_codes import CheckoutErrorCode
from .errors import checkout_error
from .fetch import CheckoutInfo
from .lines import LineInput, check_changed_lines, merge_new_lines
from .models import Checkout, CheckoutLine


def _channel(slug: str | None) -> Channel:
    """The channel named, or the only one there is; Saleor's errors otherwise."""
    if not slug:
        channels = list(Channel.objects.filter(is_active=True)[:2])
        if len(channels) != 1:
            raise checkout_error(
                "channel",
                "You need to provide channel slug.",
                CheckoutErrorCode.MISSING_CHANNEL_SLUG,
            )
        return channels[0]
    channel = get_channel(slug=slug)
    if channel is None:
        raise checkout_error(
            "channel", f"Channel with '{slug}' slug does not exist.", CheckoutErrorCode.NOT_FOUND
        )
    if not channel.is_active:
        raise checkout_error(
            "channel", f"Channel with '{slug}' is inactive.", CheckoutErrorCode.CHANNEL_INACTIVE
        )
    return channel


def create_checkout(
    *,
    requestor: Any,
    channel_slug: str | None,
    lines: Sequence[LineInput] = (),
    email: str | None = None,
    shipping_address: Mapping[str, Any] | None = None,
    billing_address: Mapping[str, Any] | None = None,
    language_code: str | None = None,
    metadata: Mapping[str, str] | None = None,
    private_metadata: Mapping[str, str] | None = None,
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """A new checkout; a signed-in customer's own from the start (and their e-mail, unless
    another is given). Every input is checked before anything is written."""
    channel = _channel(channel_slug)
    user = requestor if getattr(requestor, "is_authenticated", False) else None
    if getattr(requestor, "is_app", False):
        user = None
    cleaned_email = clean_email(email) if email else None
    shipping = clean_address(shipping_address, address_type=SHIPPING) if shipping_address else None
    billing = clean_address(billing_address, address_type=BILLING) if billing_address else None
    checkout = Checkout(
        channel=channel,
        currency=channel.currency_code,
        user=user,
        email=cleaned_email or (user.email if user is not None else None) or None,
        metadata=dict(metadata or {}),
        private_metadata=dict(private_metadata or {}),
    )
    if language_code:
        checkout.language_code = language_code
    all_lines, _changed, created = merge_new_lines(checkout, [], lines)
    check_changed_lines(checkout, all_lines, created)
    with transaction.atomic():
        if shipping is not None:
            checkout.shipping_address = store_address(None, shipping)
        if billing is not None:
            checkout.billing_address = store_address(None, billing)
        checkout.save()
        CheckoutLine.objects.bulk_create([line.line for line in created])
        return finish_change(
            checkout, manager=manager, lines_changed=bool(created), created=True, lines=all_lines
        )
