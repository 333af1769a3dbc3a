"""What the payment mutations share: the customer's address, the arguments only payment apps
may give, and what a transaction pays for."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied

from backend.core.errors import field_error
from payments.transactions.error_codes import TransactionErrorCode
from payments.transactions.models import TransactionItem
from payments.transactions.sources import PaymentSource, transaction_source
from plugins.framework.manager import PluginsManager
from storefront_api.core.errors import PermissionDenied as PermissionDeniedError

from ..access import HANDLE_PAYMENTS, handles_payments, owns


def request_address(meta: Any) -> str | None:
    """The address the request came from (as the outermost of our `TRUSTED_PROXY_COUNT` proxies
    saw it), or None when it is not an IP address."""
    candidate = str(meta.get("REMOTE_ADDR") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in str(meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            candidate = hops[-proxies]
    try:
        address = ipaddress.ip_address(candidate.strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def _payment_app(context: Any) -> bool:
    return getattr(context.user, "is_app", False) and handles_payments(context.user)


def customer_ip_address(context: Any, given: str | None) -> str | None:
    """The customer's address: the request's, unless a payment app (HANDLE_PAYMENTS) relays the
    customer's own (Saleor's rule: anyone else giving one is refused)."""
    if not given:
        return request_address(context.META)
    if not _payment_app(context):
        raise PermissionDeniedError(permissions=list(HANDLE_PAYMENTS))
    try:
        return str(ipaddress.ip_address(given.strip()))
    except ValueError:
        raise field_error(
            "customer_ip_address",
            "Enter a valid IPv4 or IPv6 address.",
            TransactionErrorCode.INVALID,
        ) from None


def flow_action(context: Any, given: str | None) -> str | None:
    """The flow a payment app asks for (Saleor lets only apps with HANDLE_PAYMENTS choose it);
    None: the default, charging at once."""
    if given is None:
        return None
    if not _payment_app(context):
        raise PermissionDeniedError(permissions=list(HANDLE_PAYMENTS))
    return str(getattr(given, "value", given))


def idempotency_key(given: str | None) -> str | None:
    if given is not None and not given:
        raise field_error(
            "idempotency_key",
            "The idempotency key cannot be an empty string.",
            TransactionErrorCode.INVALID,
        )
    return given


def source_of(item: TransactionItem, manager: PluginsManager) -> PaymentSource:
    """What the transaction pays for; INVALID when its checkout is gone and it has no order."""
    if item.checkout_id is None and item.order_id is None:
        raise field_error(
            "id",
            "The transaction belongs to no checkout or order.",
            TransactionErrorCode.INVALID,
        )
    return transaction_source(item, manager=manager)


def require_owner(requestor: Any):
    """A check the domain runs with the locked transaction: only its owner may change it."""

    def check(item: TransactionItem) -> None:
        if not owns(item, requestor):
            raise PermissionDenied("Only the app that owns the transaction may change it.")

    return check
