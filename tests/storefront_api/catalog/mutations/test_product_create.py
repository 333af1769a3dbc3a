import json

import pytest

from backend.catalog.models import AttributeProduct, Product
from tests.factories import CategoryFactory, ProductFactory, ProductTypeFactory, VendorFactory

from .helpers import ALLOWED_ROLES, DENIED_ROLES, assert_permission_denied, client_for, gid

MUTATION = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) {
    product { id name slug }
    errors { field code message }
  }
}
"""


@pytest.fixture
def product_type(db):
    return ProductTypeFactory()


def _input(product_type, vendor=None, **fields):
    data = {"productType": gid("ProductType", product_type.pk), "name": "Nakshi Kantha", **fields}
    if vendor is not None:
        data["vendor"] = gid("Vendor", vendor.pk)
    return {"input": data}


def test_entrepreneur_creates_product_in_own_shop_by_default(
    api_client, entrepreneur, vendor, product_type
):
    # when
    data = api_client.as_user(entrepreneur).execute(
        MUTATION,
        _input(
            product_type,
            name="নকশি কাঁথা",
            description=json.dumps(
                {"blocks": [{"type": "paragraph", "data": {"text": "হাতে <b>সেলাই</b>"}}]}
            ),
        ),
    )
    # then
    payload = data["productCreate"]
    assert payload["errors"] == []
    assert payload["product"]["slug"] == "নকশি-কাঁথা"
    product = Product.objects.get()
    assert product.vendor == vendor
    assert product.search_index_dirty is False
    assert product.description_plaintext == "হাতে সেলাই"


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_allowed_roles_create_for_the_vendor(request, api_client, role, vendor, product_type):
    client = client_for(request, api_client, role)
    data = client.execute(MUTATION, _input(product_type, vendor=vendor))
    assert data["productCreate"]["errors"] == []
    assert Product.objects.get().vendor == vendor


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_denied_roles_create_nothing(request, api_client, role, vendor, product_type):
    client = client_for(request, api_client, role)
    content = client.execute_raw(MUTATION, _input(product_type, vendor=vendor))
    assert_permission_denied(content)
    assert not Product.objects.exists()


def test_staff_must_name_the_vendor(api_client, product_manager, product_type):
    data = api_client.as_user(product_manager).execute(MUTATION, _input(product_type))
    assert data["productCreate"]["errors"] == [
        {
            "field": "vendor",
            "code": "REQUIRED",
            "message": "Name the vendor the product belongs to.",
        }
    ]
    assert not Product.objects.exists()


def test_entrepreneur_with_two_shops_must_name_the_vendor(
    api_client, entrepreneur, vendor, product_type
):
    VendorFactory(owner=entrepreneur)
    data = api_client.as_user(entrepreneur).execute(MUTATION, _input(product_type))
    errors = data["productCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("vendor", "REQUIRED")]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"productType": gid("ProductType", 999999)}, ("productType", "NOT_FOUND")),
        ({"productType": gid("Category", 1)}, ("productType", "GRAPHQL_ERROR")),
        ({"category": gid("Category", 999999)}, ("category", "NOT_FOUND")),
        ({"name": " "}, ("name", "REQUIRED")),
        ({"slug": "taken"}, ("slug", "UNIQUE")),
        ({"slug": "bad slug!"}, ("slug", "INVALID")),
        ({"weight": "-1"}, ("weight", "INVALID")),
    ],
)
def test_invalid_input_is_an_error_and_creates_nothing(
    api_client, entrepreneur, vendor, product_type, fields, expected
):
    # given
    ProductFactory(slug="taken", vendor=vendor)
    count = Product.objects.count()
    # when
    content = api_client.as_user(entrepreneur).execute_raw(
        MUTATION, {"input": {**_input(product_type)["input"], **fields}}
    )
    # then
    errors = content["data"]["productCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert Product.objects.count() == count


def test_attributes_are_checked_against_the_product_type(
    api_client, entrepreneur, vendor, product_type
):
    # given
    from backend.catalog.models import Attribute

    allowed = Attribute.objects.create(slug="fabric", name="Fabric", value_required=True)
    foreign = Attribute.objects.create(slug="colour", name="Colour")
    AttributeProduct.objects.create(attribute=allowed, product_type=product_type)
    client = api_client.as_user(entrepreneur)

    # when: an attribute the type does not have
    data = client.execute(
        MUTATION,
        {
            "input": {
                **_input(product_type)["input"],
                "attributes": [
                    {"id": gid("Attribute", allowed.pk), "values": ["Cotton"]},
                    {"id": gid("Attribute", foreign.pk), "values": ["Red"]},
                ],
            }
        },
    )
    # then
    errors = data["productCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("attributes", "INVALID")]

    # when: a required attribute is missing
    data = client.execute(MUTATION, _input(product_type))
    errors = data["productCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("attributes", "REQUIRED")]

    # when: the same attribute twice
    attribute_input = {"id": gid("Attribute", allowed.pk), "values": ["Cotton"]}
    data = client.execute(
        MUTATION, {"input": {**_input(product_type)["input"], "attributes": [attribute_input] * 2}}
    )
    errors = data["productCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("attributes", "DUPLICATED_INPUT_ITEM")]
    assert not Product.objects.exists()

    # when: right
    data = client.execute(
        MUTATION,
        {
            "input": {
                **_input(product_type)["input"],
                "attributes": [attribute_input],
                "category": gid("Category", CategoryFactory().pk),
            }
        },
    )
    # then
    assert data["productCreate"]["errors"] == []
    product = Product.objects.get()
    assert list(product.attribute_values.values_list("value__name", flat=True)) == ["Cotton"]
