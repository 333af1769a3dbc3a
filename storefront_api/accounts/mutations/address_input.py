"""Saleor's AddressInput and what the account address mutations share."""

from __future__ import annotations

from typing import Any

import graphene

from backend.accounts.error_codes import AccountErrorCode
from backend.core.errors import field_error
from storefront_api.core.enums import CountryCode
from storefront_api.core.ids import int_pk_or_none

# AddressInput's arguments -> Address's fields (the rest are named alike).
_INPUT_FIELDS = {"street_address1": "street_address_1", "street_address2": "street_address_2"}


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    company_name = graphene.String(description="Company or organization.")
    street_address1 = graphene.String(description="House, road, village.")
    street_address2 = graphene.String(description="More of the street address.")
    city = graphene.String(description="In Bangladesh, the upazila or thana of the district.")
    city_area = graphene.String(
        description="In Bangladesh, the union of the upazila (empty for a city thana)."
    )
    postal_code = graphene.String(
        description="The 4-digit postcode of a post office of the district."
    )
    country = CountryCode(description="Country (BD when not given).")
    country_area = graphene.String(description="In Bangladesh, the district.")
    phone = graphene.String(description="The recipient's mobile number.")

    class Meta:
        description = "The fields of an address."


def address_values(data: Any) -> dict[str, str]:
    """The fields the client gave (a null is not given), by Address's names."""
    values: dict[str, str] = {}
    for name, value in data.items():
        if value is None:
            continue
        values[_INPUT_FIELDS.get(name, name)] = getattr(value, "value", value)
    return values


def address_pk(global_id: str) -> int:
    """The pk an Address ID names; a malformed or foreign ID is GRAPHQL_ERROR, as Saleor."""
    pk = int_pk_or_none(global_id, "Address")
    if pk is None:
        raise field_error(
            "id", f"Invalid ID: {global_id}. Expected: Address.", AccountErrorCode.GRAPHQL_ERROR
        )
    return pk
