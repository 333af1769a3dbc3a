"""The boundary check: text PostgreSQL cannot store (NUL, lone surrogates) and non-finite numbers
in any argument are a field error in mutations and a GraphQL error in queries, never a 500."""

import json

import pytest
from graphql_relay import to_global_id

from backend.catalog.models import Category, Product
from tests.factories import CategoryFactory, ProductFactory, ProductTypeFactory, VendorFactory

PRODUCT_CREATE = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) {
    product { id }
    errors { field code message }
  }
}
"""


@pytest.fixture
def product_input(db):
    return {
        "productType": to_global_id("ProductType", ProductTypeFactory().pk),
        "vendor": to_global_id("Vendor", VendorFactory().pk),
        "name": "Nakshi Kantha",
    }


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"name": "Nakshi\u0000Kantha"},
            "name",
            "input.name: Text cannot contain the NUL character (\\u0000).",
        ),
        (
            {"seo": {"title": "Kantha \ud800"}},
            "seo",
            "input.seo.title: Text cannot contain a lone UTF-16 surrogate (\\ud800-\\udfff).",
        ),
        (
            {"metadata": [{"key": "ok", "value": "1"}, {"key": "colour\u0000", "value": "red"}]},
            "metadata",
            "input.metadata.1.key: Text cannot contain the NUL character (\\u0000).",
        ),
        (
            {
                "description": json.dumps(
                    {"blocks": [{"type": "paragraph", "data": {"text": "hand\u0000made"}}]}
                )
            },
            "description",
            "input.description.blocks.0.data.text: "
            "Text cannot contain the NUL character (\\u0000).",
        ),
        (
            {"attributes": [{"id": "QXR0cmlidXRlOjE=", "values": ["\udfff"]}]},
            "attributes",
            "input.attributes.0.values.0: "
            "Text cannot contain a lone UTF-16 surrogate (\\ud800-\\udfff).",
        ),
    ],
)
def test_product_create_refuses_unstorable_text_anywhere_in_the_input(
    api_client, product_manager, product_input, change, field, message
):
    # when
    data = api_client.as_user(product_manager).execute(
        PRODUCT_CREATE, {"input": {**product_input, **change}}
    )
    # then
    assert data["productCreate"] == {
        "product": None,
        "errors": [{"field": field, "code": "INVALID", "message": message}],
    }
    assert not Product.objects.exists()


def test_a_json_key_with_nul_is_refused_and_not_echoed(api_client, product_manager, product_input):
    # given
    description = json.dumps({"blocks": [], "bad\u0000key": 1})
    # when
    data = api_client.as_user(product_manager).execute(
        PRODUCT_CREATE, {"input": {**product_input, "description": description}}
    )
    # then
    errors = data["productCreate"]["errors"]
    assert errors == [
        {
            "field": "description",
            "code": "INVALID",
            "message": "input.description.bad\ufffdkey: "
            "Text cannot contain the NUL character (\\u0000).",
        }
    ]
    assert not Product.objects.exists()


def test_an_infinite_float_literal_is_a_field_error(api_client, product_manager, product_input):
    # given: `1e400` is a valid GraphQL float literal that parses to infinity
    product_type, vendor = product_input["productType"], product_input["vendor"]
    query = (
        "mutation { productCreate(input: "
        f'{{productType: "{product_type}", vendor: "{vendor}", name: "Kantha", rating: 1e400}})'
        " { product { id } errors { field code message } } }"
    )
    # when
    data = api_client.as_user(product_manager).execute(query)
    # then
    assert data["productCreate"] == {
        "product": None,
        "errors": [
            {
                "field": "rating",
                "code": "INVALID",
                "message": "input.rating: Numbers must be finite (not NaN or infinite).",
            }
        ],
    }
    assert not Product.objects.exists()


def test_a_top_level_argument_is_named_as_itself(api_client, product_manager):
    # given
    product = ProductFactory()
    query = """
    mutation Delete($id: ID!) {
      productDelete(id: $id) { product { id } errors { field code } }
    }
    """
    # when
    data = api_client.as_user(product_manager).execute(query, {"id": "UHJvZHVjdDo\u0000"})
    # then
    assert data["productDelete"] == {
        "product": None,
        "errors": [{"field": "id", "code": "INVALID"}],
    }
    assert Product.objects.filter(pk=product.pk).exists()


def test_category_create_refuses_nul_in_its_input(api_client, product_manager):
    query = """
    mutation Create($input: CategoryInput!) {
      categoryCreate(input: $input) { category { id } errors { field code } }
    }
    """
    data = api_client.as_user(product_manager).execute(
        query, {"input": {"name": "Saree", "slug": "saree\u0000"}}
    )
    assert data["categoryCreate"] == {
        "category": None,
        "errors": [{"field": "slug", "code": "INVALID"}],
    }
    assert not Category.objects.exists()


def test_permission_is_checked_before_the_input(api_client, product_input):
    content = api_client.execute_raw(
        PRODUCT_CREATE, {"input": {**product_input, "name": "a\u0000"}}
    )
    assert content["data"] == {"productCreate": None}
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (
            'query Q($s: String) { products(search: $s, channel: "bd", first: 5) '
            "{ edges { node { id } } } }",
            {"s": "kantha\u0000"},
            "Invalid value for argument search: Text cannot contain the NUL character (\\u0000).",
        ),
        (
            'query Q($s: String) { product(slug: $s, channel: "bd") { id } }',
            {"s": "kantha\ud800"},
            "Invalid value for argument slug: "
            "Text cannot contain a lone UTF-16 surrogate (\\ud800-\\udfff).",
        ),
        (
            'query Q($s: String) { products(filter: {search: $s}, channel: "bd", first: 5) '
            "{ edges { node { id } } } }",
            {"s": "\u0000"},
            "Invalid value for argument filter.search: "
            "Text cannot contain the NUL character (\\u0000).",
        ),
        (
            "query Q($s: String) { categories(first: 5) { edges { node { "
            'products(first: 5, channel: "bd", filter: {search: $s}) { totalCount } } } } }',
            {"s": "\u0000"},
            "Invalid value for argument filter.search: "
            "Text cannot contain the NUL character (\\u0000).",
        ),
        (
            'query { products(channel: "bd", first: 5, filter: {price: {gte: 1e400}}) '
            "{ totalCount } }",
            None,
            "Invalid value for argument filter.price.gte: "
            "Numbers must be finite (not NaN or infinite).",
        ),
    ],
)
def test_queries_refuse_unstorable_arguments_with_a_graphql_error(
    api_client, channel, query, variables, message
):
    # given
    CategoryFactory()
    # when
    response = api_client.post(query, variables)
    # then
    assert response.status_code == 200
    assert [error["message"] for error in response.json()["errors"]] == [message]
