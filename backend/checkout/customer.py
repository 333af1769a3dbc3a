"""Who a checkout is for: its e-mail, its customer account, language and note."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from backend.accounts.models import User
from backend.core.columns import check_value_fits
from backend.core.permissions import PermissionEnum, has_permissions
from plugins.framework.manager import PluginsManager

from .access import lock_checkout
from .changes import finish_change, touch
from .error_codes import CheckoutErrorCode
from .errors import checkout_error
from .fetch import CheckoutInfo
from .models import Checkout


def clean_email(email: str) -> str:
    """A valid e-mail address, lower-cased as the accounts keep them."""
    value = (email or "").strip()
    if not value:
        raise checkout_error("email", "This field cannot be blank.", CheckoutErrorCode.REQUIRED)
    try:
        validate_email(value)
    except ValidationError as error:
        raise checkout_error(
            "email", "Enter a valid email address.", CheckoutErrorCode.INVALID
        ) from error
    check_value_fits(Checkout, "email", value, code=CheckoutErrorCode.INVALID)
    return value.lower()


def update_email(
    *, token: UUID, requestor: Any, email: str, manager: PluginsManager | None = None
) -> CheckoutInfo:
    cleaned = clean_email(email)
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        checkout.email = cleaned
        touch(checkout, "email")
        return finish_change(checkout, manager=manager, delivery_may_change=False)


def update_language_code(
    *, token: UUID, requestor: Any, language_code: str, manager: PluginsManager | None = None
) -> CheckoutInfo:
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        checkout.language_code = language_code
        touch(checkout, "language_code")
        return finish_change(checkout, manager=manager, delivery_may_change=False)


def update_customer_note(
    *, token: UUID, requestor: Any, note: str, manager: PluginsManager | None = None
) -> CheckoutInfo:
    check_value_fits(Checkout, "customer_note", note, code=CheckoutErrorCode.INVALID)
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        checkout.customer_note = note
        touch(checkout, "customer_note")
        return finish_change(checkout, manager=manager, delivery_may_change=False)


def attach_customer(
    *,
    token: UUID,
    requestor: Any,
    customer: User | None = None,
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """Attach the checkout to the signed-in customer (or, for staff who may impersonate
    users, to `customer`), as Saleor's checkoutCustomerAttach. From then on it is theirs
    alone; their e-mail becomes the checkout's when they have one."""
    user = customer or requestor
    impersonating = customer is not None and customer != requestor
    if impersonating and not has_permissions(requestor, [PermissionEnum.IMPERSONATE_USER]):
        raise PermissionDenied("You need the IMPERSONATE_USER permission.")
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_app", False):
        raise PermissionDenied("You must be signed in to attach a checkout.")
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=user)
        checkout.user = user
        checkout.email = user.email or checkout.email
        touch(checkout, "user", "email")
        return finish_change(checkout, manager=manager, delivery_may_change=False)


def detach_customer(
    *, token: UUID, requestor: Any, manager: PluginsManager | None = None
) -> CheckoutInfo:
    """Detach the checkout from its customer (only they may): anyone holding its id may then
    use it again."""
    if not getattr(requestor, "is_authenticated", False) or getattr(requestor, "is_app", False):
        raise PermissionDenied("You must be signed in to detach a checkout.")
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        if checkout.user_id != requestor.pk:
            raise PermissionDenied("The checkout is not attached to you.")
        checkout.user = None
        touch(checkout, "user")
        return finish_change(checkout, manager=manager, delivery_may_change=False)
