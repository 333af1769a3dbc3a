"""What every change of a checkout ends with: its last change stamped, delivery and stock
holds brought in line with the new state, and the plugins told."""

from __future__ import annotations

from django.utils import timezone

from plugins.framework.manager import PluginsManager, get_plugins_manager

from .delivery import drop_inapplicable_delivery
from .fetch import CheckoutInfo, CheckoutLineInfo, fetch_checkout_info
from .models import Checkout
from .reservations import hold_stock


def touch(checkout: Checkout, *fields: str) -> None:
    """Save `fields` and stamp the change (expiry counts from `last_change`)."""
    checkout.last_change = timezone.now()
    checkout.save(update_fields=[*fields, "last_change", "updated_at"])


def finish_change(
    checkout: Checkout,
    *,
    manager: PluginsManager | None,
    lines_changed: bool = False,
    created: bool = False,
    lines: list[CheckoutLineInfo] | None = None,
    delivery_may_change: bool = True,
) -> CheckoutInfo:
    """Drop a delivery method the checkout no longer qualifies for, hold stock for changed
    lines, and tell the plugins (inside the caller's transaction: they write outbox rows and
    send on commit). `delivery_may_change=False`: the change touched neither the lines nor the
    shipping address (an e-mail, a language, a customer), so the chosen delivery still holds and
    is not quoted again. `lines`: the checkout's lines as the caller just saved them, in order (a
    caller that loaded and changed them need not have them read again); read when omitted."""
    if lines is None:
        info = fetch_checkout_info(checkout)
    else:
        lines = sorted(lines, key=lambda line: (line.line.created_at, line.line.id))
        info = CheckoutInfo(checkout=checkout, lines=lines)
    manager = manager or get_plugins_manager()
    if delivery_may_change or lines_changed:
        info = drop_inapplicable_delivery(info, manager=manager)
    if lines_changed:
        hold_stock(info)
    slug = info.channel.slug
    if created:
        manager.checkout_created(info.checkout, channel_slug=slug)
    else:
        manager.checkout_updated(info.checkout, channel_slug=slug)
    return info
