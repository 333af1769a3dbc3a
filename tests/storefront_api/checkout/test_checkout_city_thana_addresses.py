"""checkoutShippingAddressUpdate with an address in a city corporation: the city is the thana
(Dhanmondi, Gulshan, Mirpur, ...), in English or Bangla, and a thana has no union."""

from __future__ import annotations

import pytest

from backend.accounts.models import Address

from .conftest import DHAKA_ADDRESS, ERROR_FIELDS

SHIPPING = f"""
mutation($id: ID, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {{
    checkout {{ shippingAddress {{ city cityArea postalCode countryArea }} }} {ERROR_FIELDS}
  }}
}}"""
DHANMONDI = {**DHAKA_ADDRESS, "city": "Dhanmondi", "cityArea": "", "postalCode": "1209"}

pytestmark = pytest.mark.usefixtures("bangladesh")


def _update(client, checkout, address: dict) -> dict:
    return client.execute(SHIPPING, {"id": checkout["id"], "address": address})[
        "checkoutShippingAddressUpdate"
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ({}, ("Dhanmondi", "1209")),
        ({"countryArea": "ঢাকা", "city": "ধানমন্ডি", "postalCode": "১২০৯"}, ("Dhanmondi", "1209")),
        ({"city": "gulshan", "postalCode": "1213"}, ("Gulshan", "1213")),
        ({"countryArea": "ঢাকা", "city": "গুলশান", "postalCode": "১২১২"}, ("Gulshan", "1212")),
        ({"city": "Mirpur", "postalCode": "1216"}, ("Mirpur", "1216")),
        ({"countryArea": "ঢাকা", "city": "মিরপুর", "postalCode": "১২১৬"}, ("Mirpur", "1216")),
    ],
)
def test_a_dhaka_city_address_is_accepted(api_client, new_checkout, typed, stored):
    # when the shipping address names a thana of Dhaka city, in English or Bangla
    result = _update(api_client, new_checkout, {**DHANMONDI, **typed})
    # then it is kept by the thana's English name
    assert result["errors"] == []
    city, postcode = stored
    assert result["checkout"]["shippingAddress"] == {
        "city": city,
        "cityArea": "",
        "postalCode": postcode,
        "countryArea": "Dhaka",
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"city": "Panchlaish"}, "city"),  # a thana of Chattogram city, not of Dhaka
        ({"cityArea": "Ashulia"}, "cityArea"),  # a union (of Savar): a thana has none
    ],
)
def test_a_bad_dhaka_city_address_is_refused_and_changes_nothing(
    api_client, new_checkout, change, field
):
    _update(api_client, new_checkout, DHANMONDI)
    before = list(Address.objects.values())
    result = _update(api_client, new_checkout, {**DHANMONDI, **change})
    assert result["checkout"] is None
    assert [(e["field"], e["code"], e["addressType"]) for e in result["errors"]] == [
        (field, "INVALID", "SHIPPING")
    ]
    assert list(Address.objects.values()) == before
