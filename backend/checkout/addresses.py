"""A checkout's shipping and billing addresses, checked with Bangladesh's rules.

The address is validated by `backend.places.address_validation.validate_address` (the same rules
`addressValidationRules(BD)` describes and the address book keeps) and against its columns;
errors keep Address's field names, carry Saleor's REQUIRED/INVALID codes and say which address
they are about (`address_type`). A checkout owns its address rows: a change rewrites its own row,
never a row of the customer's address book.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.accounts.addresses import ADDRESS_FIELDS
from backend.accounts.models import Address
from backend.core.columns import check_column_values
from backend.places.address_validation import validate_address
from plugins.framework.manager import PluginsManager

from .access import lock_checkout
from .changes import finish_change, touch
from .error_codes import CheckoutErrorCode
from .fetch import CheckoutInfo
from .models import Checkout

SHIPPING = "shipping"
BILLING = "billing"


def _with_address_type(error: ValidationError, address_type: str) -> ValidationError:
    """The same errors, each marked with the address it is about and a CheckoutErrorCode."""
    marked: dict[str, list[ValidationError]] = {}
    by_field = error.error_dict if hasattr(error, "error_dict") else {"__all__": error.error_list}
    for field, errors in by_field.items():
        for item in errors:
            code = str(getattr(item.code, "value", item.code) or "invalid")
            if code not in (CheckoutErrorCode.REQUIRED, CheckoutErrorCode.INVALID):
                code = CheckoutErrorCode.INVALID
            message = item.message % item.params if item.params else item.message
            marked.setdefault(field, []).append(
                ValidationError(str(message), code=code, params={"address_type": address_type})
            )
    return ValidationError(marked)


def clean_address(values: Mapping[str, Any], *, address_type: str) -> dict[str, str]:
    """The address checked and cleaned (canonical place names, the phone in E.164)."""
    unknown = set(values) - set(ADDRESS_FIELDS)
    if unknown:
        raise TypeError(f"Not address fields: {', '.join(sorted(unknown))}.")
    given = {field: value or "" for field, value in values.items()}
    try:
        check_column_values(Address(**given), code=CheckoutErrorCode.INVALID, fields=tuple(given))
        cleaned = dataclasses.asdict(validate_address(**given))
        check_column_values(Address(**cleaned), code=CheckoutErrorCode.INVALID)
    except ValidationError as error:
        raise _with_address_type(error, address_type) from error
    return cleaned


def store_address(current: Address | None, cleaned: Mapping[str, str]) -> Address:
    """Write the checkout's own address row (a new one when it has none)."""
    if current is None:
        return Address.objects.create(**cleaned)
    for field, value in cleaned.items():
        setattr(current, field, value)
    current.save(update_fields=list(cleaned))
    return current


def _set_address(
    *,
    token: UUID,
    requestor: Any,
    values: Mapping[str, Any],
    address_type: str,
    manager: PluginsManager | None,
) -> CheckoutInfo:
    cleaned = clean_address(values, address_type=address_type)
    with transaction.atomic():
        checkout: Checkout = lock_checkout(token, requestor=requestor)
        field = "shipping_address" if address_type == SHIPPING else "billing_address"
        address = store_address(getattr(checkout, field), cleaned)
        setattr(checkout, field, address)
        touch(checkout, field)
        # Only where it ships can change what delivery serves it.
        return finish_change(
            checkout, manager=manager, delivery_may_change=address_type == SHIPPING
        )


def set_shipping_address(
    *,
    token: UUID,
    requestor: Any,
    values: Mapping[str, Any],
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """Set where the checkout ships to; a delivery method that no longer serves it is
    dropped."""
    return _set_address(
        token=token, requestor=requestor, values=values, address_type=SHIPPING, manager=manager
    )


def set_billing_address(
    *,
    token: UUID,
    requestor: Any,
    values: Mapping[str, Any],
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    return _set_address(
        token=token, requestor=requestor, values=values, address_type=BILLING, manager=manager
    )
