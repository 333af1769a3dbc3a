"""voucherCreate, voucherUpdate and voucherDelete: success, each error code, permission."""

from __future__ import annotations

import pytest

from backend.discounts.models import Voucher, VoucherCode, VoucherType
from storefront_api.core.ids import to_global_id
from tests.factories import CategoryFactory, ProductFactory, VendorFactory
from tests.voucher_factories import make_voucher

from .conftest import denied

pytestmark = pytest.mark.django_db

VOUCHER_FIELDS = """
  voucher {
    id name code type discountValueType startDate endDate usageLimit applyOncePerCustomer
    onlyForStaff minCheckoutItemsQuantity
    codes(first: 10) { edges { node { code } } }
    products(first: 5) { edges { node { name } } }
    categories(first: 5) { edges { node { name } } }
    vendors(first: 5) { edges { node { name } } }
  }
  errors { field code message }
"""
VOUCHER_CREATE = f"""
mutation VoucherCreate($input: VoucherInput!) {{
  voucherCreate(input: $input) {{ {VOUCHER_FIELDS} }}
}}
"""
VOUCHER_UPDATE = f"""
mutation VoucherUpdate($id: ID!, $input: VoucherInput!) {{
  voucherUpdate(id: $id, input: $input) {{ {VOUCHER_FIELDS} }}
}}
"""
VOUCHER_DELETE = """
mutation VoucherDelete($id: ID!) {
  voucherDelete(id: $id) { voucher { id name } errors { field code message } }
}
"""


def _errors(data: dict) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in data["errors"]]


# --- voucherCreate ----------------------------------------------------------------------------


def test_discount_staff_create_a_voucher(api_client, discount_manager):
    # given a product, a category and a vendor to choose
    product, category, vendor = ProductFactory(), CategoryFactory(), VendorFactory()
    variables = {
        "input": {
            "name": "Eid sale",
            "type": "SPECIFIC_PRODUCT",
            "discountValueType": "PERCENTAGE",
            "addCodes": ["EID10", "EID10-SMS"],
            "startDate": "2025-03-01T00:00:00+06:00",
            "endDate": "2025-04-10T23:59:59+06:00",
            "usageLimit": 100,
            "applyOncePerCustomer": True,
            "minCheckoutItemsQuantity": 2,
            "products": [to_global_id("Product", product.pk)],
            "categories": [to_global_id("Category", category.pk)],
            "vendors": [to_global_id("Vendor", vendor.pk)],
        }
    }
    # when
    data = api_client.as_user(discount_manager).execute(VOUCHER_CREATE, variables)["voucherCreate"]
    # then
    assert data["errors"] == []
    voucher = data["voucher"]
    assert (voucher["name"], voucher["code"], voucher["type"]) == (
        "Eid sale",
        "EID10",
        "SPECIFIC_PRODUCT",
    )
    assert [edge["node"]["code"] for edge in voucher["codes"]["edges"]] == ["EID10", "EID10-SMS"]
    assert (voucher["usageLimit"], voucher["applyOncePerCustomer"]) == (100, True)
    assert voucher["endDate"] == "2025-04-10T23:59:59+06:00"
    assert voucher["products"]["edges"] == [{"node": {"name": product.name}}]
    assert voucher["categories"]["edges"] == [{"node": {"name": category.name}}]
    assert voucher["vendors"]["edges"] == [{"node": {"name": vendor.name}}]
    stored = Voucher.objects.get()
    assert stored.type == VoucherType.SPECIFIC_PRODUCT
    assert set(stored.codes.values_list("code", flat=True)) == {"EID10", "EID10-SMS"}


def test_a_voucher_without_a_code_gets_a_random_one(api_client, discount_manager):
    data = api_client.as_user(discount_manager).execute(VOUCHER_CREATE, {"input": {}})
    voucher = data["voucherCreate"]["voucher"]
    assert (voucher["type"], voucher["discountValueType"]) == ("ENTIRE_ORDER", "FIXED")
    assert len(voucher["code"]) == 10
    assert VoucherCode.objects.get().code == voucher["code"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"addCodes": ["eid10"]}, ("addCodes", "ALREADY_EXISTS")),
        ({"addCodes": ["NEW", "new"]}, ("addCodes", "DUPLICATED_INPUT_ITEM")),
        ({"addCodes": ["TWO WORDS"]}, ("addCodes", "INVALID")),
        ({"addCodes": [" "]}, ("addCodes", "INVALID")),
        (
            {"startDate": "2025-04-10T00:00:00Z", "endDate": "2025-04-01T00:00:00Z"},
            ("endDate", "INVALID"),
        ),
        ({"usageLimit": 0}, ("usageLimit", "INVALID")),
        ({"minCheckoutItemsQuantity": -1}, ("minCheckoutItemsQuantity", "INVALID")),
        ({"name": "x" * 256}, ("name", "INVALID")),
        ({"products": ["UHJvZHVjdDo5OTk5OTk="]}, ("products", "NOT_FOUND")),
        ({"categories": ["not-an-id"]}, ("categories", "GRAPHQL_ERROR")),
    ],
)
def test_voucher_create_refuses_bad_input(api_client, discount_manager, fields, expected):
    # given an existing code EID10
    make_voucher("EID10")
    # when
    data = api_client.as_user(discount_manager).execute(VOUCHER_CREATE, {"input": fields})
    # then one error, and nothing was created
    assert _errors(data["voucherCreate"]) == [expected]
    assert data["voucherCreate"]["voucher"] is None
    assert Voucher.objects.count() == 1


@pytest.mark.parametrize("who", ["anonymous", "customer", "entrepreneur", "staff", "products"])
def test_only_discount_staff_may_create_vouchers(
    api_client, who, customer_user, entrepreneur, staff_user, product_manager
):
    users = {
        "anonymous": None,
        "customer": customer_user,
        "entrepreneur": entrepreneur,
        "staff": staff_user,
        "products": product_manager,
    }
    client = api_client.as_user(users[who]) if users[who] else api_client
    content = client.execute_raw(VOUCHER_CREATE, {"input": {"addCodes": ["EID10"]}})
    assert denied(content)
    assert not Voucher.objects.exists()


# --- voucherUpdate ----------------------------------------------------------------------------


def test_discount_staff_update_a_voucher_and_add_a_code(api_client, discount_manager):
    # given a voucher on one product
    code = make_voucher("EID10", type=VoucherType.SPECIFIC_PRODUCT)
    code.voucher.products.add(ProductFactory())
    other = ProductFactory()
    variables = {
        "id": to_global_id("Voucher", code.voucher.pk),
        "input": {
            "name": "Eid-ul-Adha",
            "onlyForStaff": True,
            "addCodes": ["ADHA10"],
            "products": [to_global_id("Product", other.pk)],
        },
    }
    # when
    data = api_client.as_user(discount_manager).execute(VOUCHER_UPDATE, variables)["voucherUpdate"]
    # then the given fields changed, the others stayed, the products were replaced
    assert data["errors"] == []
    voucher = data["voucher"]
    assert (voucher["name"], voucher["onlyForStaff"], voucher["type"]) == (
        "Eid-ul-Adha",
        True,
        "SPECIFIC_PRODUCT",
    )
    assert [edge["node"]["code"] for edge in voucher["codes"]["edges"]] == ["EID10", "ADHA10"]
    assert voucher["products"]["edges"] == [{"node": {"name": other.name}}]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"addCodes": ["FREESHIP"]}, ("addCodes", "ALREADY_EXISTS")),
        ({"endDate": "2000-01-01T00:00:00Z"}, ("endDate", "INVALID")),
        ({"discountValueType": "PERCENTAGE"}, ("discountValueType", "INVALID")),
        ({"vendors": ["VmVuZG9yOjk5OTk5OQ=="]}, ("vendors", "NOT_FOUND")),
    ],
)
def test_voucher_update_refuses_bad_input(api_client, discount_manager, fields, expected):
    # given a ৳150 voucher (no percentage can be 150) and another code FREESHIP
    code = make_voucher("EID10", value="150.00")
    make_voucher("FREESHIP", channel=code.voucher.channel_listings.get().channel)
    variables = {"id": to_global_id("Voucher", code.voucher.pk), "input": fields}
    # when
    data = api_client.as_user(discount_manager).execute(VOUCHER_UPDATE, variables)
    # then nothing changed
    assert _errors(data["voucherUpdate"]) == [expected]
    code.voucher.refresh_from_db()
    assert (code.voucher.end_date, code.voucher.discount_value_type) == (None, "FIXED")
    assert code.voucher.codes.count() == 1


def test_updating_an_unknown_voucher_is_not_found(api_client, discount_manager):
    variables = {"id": to_global_id("Voucher", 999999), "input": {"name": "x"}}
    data = api_client.as_user(discount_manager).execute(VOUCHER_UPDATE, variables)
    assert _errors(data["voucherUpdate"]) == [("id", "NOT_FOUND")]


def test_only_discount_staff_may_update_vouchers(api_client, product_manager):
    code = make_voucher("EID10")
    variables = {"id": to_global_id("Voucher", code.voucher.pk), "input": {"name": "Mine"}}
    assert denied(api_client.as_user(product_manager).execute_raw(VOUCHER_UPDATE, variables))
    assert denied(api_client.execute_raw(VOUCHER_UPDATE, variables))
    code.voucher.refresh_from_db()
    assert code.voucher.name == "EID10"


# --- voucherDelete ----------------------------------------------------------------------------


def test_discount_staff_delete_a_voucher_with_its_codes(api_client, discount_manager):
    code = make_voucher("EID10")
    voucher_id = to_global_id("Voucher", code.voucher.pk)
    data = api_client.as_user(discount_manager).execute(VOUCHER_DELETE, {"id": voucher_id})
    assert data["voucherDelete"] == {"voucher": {"id": voucher_id, "name": "EID10"}, "errors": []}
    assert not Voucher.objects.exists()
    assert not VoucherCode.objects.exists()


@pytest.mark.parametrize(
    ("global_id", "expected"),
    [(to_global_id("Voucher", 999999), "NOT_FOUND"), ("garbage", "GRAPHQL_ERROR")],
)
def test_deleting_an_unknown_voucher(api_client, discount_manager, global_id, expected):
    make_voucher("EID10")
    data = api_client.as_user(discount_manager).execute(VOUCHER_DELETE, {"id": global_id})
    assert _errors(data["voucherDelete"]) == [("id", expected)]
    assert Voucher.objects.count() == 1


def test_only_discount_staff_may_delete_vouchers(api_client, customer_user, staff_user):
    voucher_id = to_global_id("Voucher", make_voucher("EID10").voucher.pk)
    for user in (customer_user, staff_user):
        assert denied(api_client.as_user(user).execute_raw(VOUCHER_DELETE, {"id": voucher_id}))
    assert Voucher.objects.count() == 1
