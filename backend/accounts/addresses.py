"""A customer's address book: create, update, delete, and choose the default addresses.

Each function owns its transaction and locks the owner's row, so two requests cannot leave the
defaults pointing at a deleted address or at two different "first" addresses. Addresses are
checked with Bangladesh's rules (`backend.places.address_validation`) and against their columns
before anything is written; errors are ValidationErrors keyed by Address's field names with
AccountErrorCode values. A user reaches only their own addresses: any other id is NOT_FOUND, so
nobody learns whether someone else's address exists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.db import transaction

from backend.core.columns import check_column_values
from backend.core.errors import field_error
from backend.places.address_validation import validate_address

from .error_codes import AccountErrorCode
from .models import Address, User


class AddressType(StrEnum):
    """Saleor's AddressTypeEnum values."""

    BILLING = "billing"
    SHIPPING = "shipping"


# The fields a client may write (Saleor's AddressInput, by Address's names).
ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
    "city",
    "city_area",
    "postal_code",
    "country",
    "country_area",
    "phone",
)
_NOT_FOUND = "Couldn't resolve to an address: {id}."


def _cleaned(values: Mapping[str, Any]) -> dict[str, str]:
    """The address checked and cleaned (Bangladesh's places by canonical name, the phone in
    E.164), then checked against its columns: every rule error at once, else the first column
    error."""
    unknown = set(values) - set(ADDRESS_FIELDS)
    if unknown:
        raise TypeError(f"Not address fields: {', '.join(sorted(unknown))}.")
    given = {field: value or "" for field, value in values.items()}
    # Column checks first on the raw values: a NUL or an over-long value must not reach the
    # places' lookups, and the error names the field either way.
    check_column_values(Address(**given), code=AccountErrorCode.INVALID, fields=tuple(given))
    # Its errors carry AddressErrorCode's values, which are AccountErrorCode's (invalid,
    # required).
    cleaned = dataclasses.asdict(validate_address(**given))
    check_column_values(Address(**cleaned), code=AccountErrorCode.INVALID)
    return cleaned


def _locked_owner(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _own_address(owner: User, address_id: int) -> Address:
    address = owner.addresses.filter(pk=address_id).first()
    if address is None:
        raise field_error("id", _NOT_FOUND.format(id=address_id), AccountErrorCode.NOT_FOUND)
    return address


def _set_default(owner: User, address: Address, address_type: AddressType | str) -> None:
    if AddressType(address_type) == AddressType.BILLING:
        owner.default_billing_address = address
        owner.save(update_fields=["default_billing_address", "updated_at"])
    else:
        owner.default_shipping_address = address
        owner.save(update_fields=["default_shipping_address", "updated_at"])


def create_address(
    *, user: User, values: Mapping[str, Any], address_type: AddressType | str | None = None
) -> tuple[Address, User]:
    """A new address in the user's book; it becomes the default of `address_type`, and of each
    type the user has no default for yet (as Saleor does). Returns it and the updated user."""
    cleaned = _cleaned(values)
    with transaction.atomic():
        owner = _locked_owner(user)
        address = Address.objects.create(**cleaned)
        owner.addresses.add(address)
        if address_type:
            _set_default(owner, address, address_type)
        if owner.default_shipping_address_id is None:
            _set_default(owner, address, AddressType.SHIPPING)
        if owner.default_billing_address_id is None:
            _set_default(owner, address, AddressType.BILLING)
    return address, owner


def update_address(
    *, user: User, address_id: int, values: Mapping[str, Any]
) -> tuple[Address, User]:
    """The user's address with `values` written over it (fields not given are kept), checked as
    a whole."""
    with transaction.atomic():
        owner = _locked_owner(user)
        address = _own_address(owner, address_id)
        current = {field: getattr(address, field) for field in ADDRESS_FIELDS}
        cleaned = _cleaned({**current, **values})
        for field, value in cleaned.items():
            setattr(address, field, value)
        address.save(update_fields=list(cleaned))
    return address, owner


def delete_address(*, user: User, address_id: int) -> tuple[Address, User]:
    """Remove the user's address; a default it was becomes unset. The returned address keeps
    its id (Saleor's payload reports the deleted address)."""
    with transaction.atomic():
        owner = _locked_owner(user)
        address = _own_address(owner, address_id)
        Address.objects.filter(pk=address.pk).delete()
        owner.refresh_from_db()
    return address, owner


def set_default_address(*, user: User, address_id: int, address_type: AddressType | str) -> User:
    """Make the user's address their default billing or shipping address."""
    with transaction.atomic():
        owner = _locked_owner(user)
        address = _own_address(owner, address_id)
        _set_default(owner, address, address_type)
    return owner
