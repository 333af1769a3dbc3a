"""Property: whatever text or number a client sends to a few representative mutations and
queries, as staff or anonymously, the answer is never a 5xx or "Internal Server Error", and a
failed mutation changes nothing."""

from datetime import timedelta

import pytest
from graphql_relay import to_global_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.catalog.models import Category, Product, ProductVariant
from tests.factories import ProductFactory, ProductTypeFactory, VendorFactory

TEXT = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.sampled_from(["a", "\x00", "\ud800", "\udfff", "ক", " "]), max_size=10),
    st.integers(min_value=0, max_value=3).map(lambda n: "x" * (10**n * 300)),
)
NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e300", "1e-300", "abc", "0.0001"]),
)

PRODUCT_CREATE = """
mutation M($input: ProductCreateInput!) { productCreate(input: $input) { errors { code } } }
"""
PRODUCT_UPDATE = """
mutation M($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { errors { code } }
}
"""
CATEGORY_CREATE = """
mutation M($input: CategoryInput!) { categoryCreate(input: $input) { errors { code } } }
"""
VARIANT_CREATE = """
mutation M($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) { errors { code } }
}
"""
SEARCH = """
query Q($s: String) { products(channel: "bd", first: 2, search: $s) { edges { node { id } } } }
"""
BY_SLUG = 'query Q($s: String) { product(channel: "bd", slug: $s) { id name rating } }'


def _rows() -> tuple[int, ...]:
    return (
        Product.objects.count(),
        ProductVariant.objects.count(),
        Category.objects.count(),
        *Product.objects.order_by("pk").values_list("name", flat=True),
    )


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=TEXT,
    number=NUMBER,
    operation=st.sampled_from(["create", "update", "category", "variant", "search", "slug"]),
    as_staff=st.booleans(),
)
def test_no_input_makes_the_api_fail(
    api_client, product_manager, channel, text, number, operation, as_staff
):
    # given
    product = ProductFactory(name="Kantha")
    ids = {
        "productType": to_global_id("ProductType", ProductTypeFactory().pk),
        "vendor": to_global_id("Vendor", VendorFactory().pk),
        "product": to_global_id("Product", product.pk),
    }
    requests = {
        "create": (
            PRODUCT_CREATE,
            {
                "input": {
                    "productType": ids["productType"],
                    "vendor": ids["vendor"],
                    "name": text,
                    "seo": {"title": text},
                    "weight": number,
                    "rating": number,
                }
            },
        ),
        "update": (
            PRODUCT_UPDATE,
            {"id": ids["product"], "input": {"name": text, "rating": number, "slug": text}},
        ),
        "category": (CATEGORY_CREATE, {"input": {"name": text, "slug": text or None}}),
        "variant": (
            VARIANT_CREATE,
            {
                "input": {
                    "product": ids["product"],
                    "attributes": [],
                    "sku": text,
                    "weight": number,
                    "quantityLimitPerCustomer": number,
                }
            },
        ),
        "search": (SEARCH, {"s": text}),
        "slug": (BY_SLUG, {"s": text}),
    }
    query, variables = requests[operation]
    client = api_client.as_user(product_manager) if as_staff else api_client
    before = _rows()
    # when
    response = client.post(query, variables)
    # then
    assert response.status_code < 500
    content = response.json()
    assert "Internal Server Error" not in response.content.decode()
    data = content.get("data") or {}
    payload = next(iter(data.values()), None) if data else None
    failed = "errors" in content or (payload is not None and payload.get("errors"))
    if operation in {"create", "update", "category", "variant"} and failed:
        assert _rows() == before
