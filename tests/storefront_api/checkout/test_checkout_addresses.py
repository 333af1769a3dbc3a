"""checkoutShippingAddressUpdate and checkoutBillingAddressUpdate: Bangladeshi addresses checked
against the real places, cleaned, and refused field by field with the address they are about."""

from __future__ import annotations

import pytest

from backend.accounts.models import Address
from backend.checkout.models import Checkout

from .conftest import DHAKA_ADDRESS, ERROR_FIELDS, GAZIPUR_ADDRESS

ADDRESS_FIELDS = (
    "firstName streetAddress1 city cityArea postalCode countryArea phone country { code }"
)
SHIPPING = f"""
mutation($id: ID, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {{
    checkout {{ shippingAddress {{ {ADDRESS_FIELDS} }} }} {ERROR_FIELDS}
  }}
}}"""
BILLING = f"""
mutation($id: ID, $address: AddressInput!) {{
  checkoutBillingAddressUpdate(id: $id, billingAddress: $address) {{
    checkout {{ billingAddress {{ {ADDRESS_FIELDS} }} }} {ERROR_FIELDS}
  }}
}}"""
MUTATIONS = {
    "SHIPPING": (SHIPPING, "checkoutShippingAddressUpdate", "shippingAddress"),
    "BILLING": (BILLING, "checkoutBillingAddressUpdate", "billingAddress"),
}

pytestmark = pytest.mark.usefixtures("bangladesh")


def _update(client, checkout, address_type: str, address: dict) -> dict:
    mutation, name, _field = MUTATIONS[address_type]
    return client.execute(mutation, {"id": checkout["id"], "address": address})[name]


@pytest.mark.parametrize("address_type", MUTATIONS)
def test_a_bangla_address_is_stored_cleaned(api_client, new_checkout, address_type):
    # when the address is typed in Bangla, with Bangla digits and a local phone number
    typed = {
        **GAZIPUR_ADDRESS,
        "countryArea": "গাজীপুর",
        "city": "কালিয়াকৈর",
        "cityArea": "মৌচাক",
        "postalCode": "১৭৫০",
        "phone": "০১৭১২-৩৪৫৬৭৮",
    }
    result = _update(api_client, new_checkout, address_type, typed)
    # then it is kept by the places' canonical names, the phone in E.164
    assert result["errors"] == []
    field = MUTATIONS[address_type][2]
    assert result["checkout"][field] == {
        "firstName": "Karim",
        "streetAddress1": "House 5, Road 2",
        "city": "Kaliakair",
        "cityArea": "Mouchak",
        "postalCode": "1750",
        "countryArea": "Gazipur",
        "phone": "+8801712345678",
        "country": {"code": "BD"},
    }


def test_a_new_shipping_address_rewrites_the_checkouts_own_row(api_client, new_checkout):
    _update(api_client, new_checkout, "SHIPPING", GAZIPUR_ADDRESS)
    row = Checkout.objects.get().shipping_address
    result = _update(api_client, new_checkout, "SHIPPING", DHAKA_ADDRESS)
    assert result["checkout"]["shippingAddress"]["countryArea"] == "Dhaka"
    assert Checkout.objects.get().shipping_address_id == row.pk
    assert Address.objects.count() == 1


BAD = [
    ({"streetAddress1": ""}, "streetAddress1", "REQUIRED"),
    ({"city": ""}, "city", "REQUIRED"),
    ({"postalCode": ""}, "postalCode", "REQUIRED"),
    ({"countryArea": "Atlantis"}, "countryArea", "INVALID"),
    ({"city": "Savar"}, "city", "INVALID"),  # an upazila of Dhaka, not of Gazipur
    ({"cityArea": "Nowhere"}, "cityArea", "INVALID"),
    ({"postalCode": "1340"}, "postalCode", "INVALID"),  # Savar's, not Gazipur's
    ({"postalCode": "17500"}, "postalCode", "INVALID"),
    ({"phone": "12345"}, "phone", "INVALID"),
]


@pytest.mark.parametrize("address_type", MUTATIONS)
@pytest.mark.parametrize(("change", "field", "code"), BAD)
def test_a_bad_address_is_refused_and_changes_nothing(
    api_client, new_checkout, address_type, change, field, code
):
    _update(api_client, new_checkout, address_type, GAZIPUR_ADDRESS)
    before = list(Address.objects.values())
    result = _update(api_client, new_checkout, address_type, {**GAZIPUR_ADDRESS, **change})
    assert result["checkout"] is None
    assert [(e["field"], e["code"], e["addressType"]) for e in result["errors"]] == [
        (field, code, address_type)
    ]
    assert list(Address.objects.values()) == before


def test_every_problem_is_reported_at_once(api_client, new_checkout):
    result = _update(
        api_client,
        new_checkout,
        "BILLING",
        {**GAZIPUR_ADDRESS, "streetAddress1": "", "postalCode": "9999", "phone": "1"},
    )
    assert sorted((e["field"], e["code"]) for e in result["errors"]) == [
        ("phone", "INVALID"),
        ("postalCode", "INVALID"),
        ("streetAddress1", "REQUIRED"),
    ]
    assert Checkout.objects.get().billing_address is None
