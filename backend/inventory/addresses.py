"""A warehouse's address in Saleor's shape, from its places (warehouses keep no address row)."""

from __future__ import annotations

from backend.accounts.models import Address
from backend.places.models import Centre, District, Division, PostOffice

from .models import Warehouse


def warehouse_address(
    warehouse: Warehouse,
    *,
    centre: Centre | None,
    district: District | None,
    division: Division | None,
    post_office: PostOffice | None,
) -> Address:
    """An unsaved Address as a Bangladeshi address reads (city the district, city area the
    thana, country area the division), with the warehouse's name as the company and its
    centre's phone. The caller passes the related rows, so a page of warehouses can load them
    in batches."""
    return Address(
        company_name=warehouse.name,
        street_address_1=warehouse.street_address or (centre.address if centre else ""),
        city=district.name if district else "",
        city_area=post_office.thana if post_office else "",
        postal_code=post_office.postcode if post_office else "",
        country="BD",
        country_area=division.name if division else "",
        phone=centre.phone if centre else "",
    )
