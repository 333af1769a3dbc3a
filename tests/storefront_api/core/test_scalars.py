"""Scalar parse errors (a literal or a variable) are GraphQL validation errors with a clear
message, never "Internal Server Error"."""

import pytest
from graphql_relay import to_global_id

from backend.catalog.models import Product
from tests.factories import ProductTypeFactory, VendorFactory


@pytest.fixture
def ids(db):
    return (
        to_global_id("ProductType", ProductTypeFactory().pk),
        to_global_id("Vendor", VendorFactory().pk),
    )


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            'weight: "heavy"',
            "Expected a weight as a finite decimal, got 'heavy'.",
        ),
        (
            'weight: "Infinity"',
            "Expected a weight as a finite decimal, got 'Infinity'.",
        ),
        (
            'description: "{not json"',
            "Badly formed JSONString: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
        ),
        (
            'description: "{\\"a\\": NaN}"',
            "Badly formed JSONString: NaN is not a number JSON allows.",
        ),
    ],
)
def test_a_bad_literal_is_a_validation_error(api_client, product_manager, ids, field, message):
    # given
    product_type, vendor = ids
    query = (
        "mutation { productCreate(input: "
        f'{{productType: "{product_type}", vendor: "{vendor}", name: "Kantha", {field}}})'
        " { errors { field code } } }"
    )
    # when
    response = api_client.as_user(product_manager).post(query)
    # then
    assert response.status_code == 400
    assert [error["message"] for error in response.json()["errors"]] == [message]
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (
            "mutation M($w: WeightScalar) { productCreate(input: "
            '{productType: "%s", vendor: "%s", name: "K", weight: $w}) { errors { code } } }',
            {"w": "-Infinity"},
            "Variable '$w' got invalid value '-Infinity'; "
            "Expected a weight as a finite decimal, got '-Infinity'.",
        ),
        (
            "mutation M($d: JSONString) { productCreate(input: "
            '{productType: "%s", vendor: "%s", name: "K", description: $d}) { errors { code } } }',
            {"d": "[1, Infinity]"},
            "Variable '$d' got invalid value '[1, Infinity]'; "
            "Badly formed JSONString: Infinity is not a number JSON allows.",
        ),
        (
            'query Q($p: Decimal) { products(channel: "bd", first: 1, '
            "where: {price: {eq: $p}}) { totalCount } }",
            {"p": "NaN"},
            "Variable '$p' got invalid value 'NaN'; Expected a finite decimal, got 'NaN'.",
        ),
    ],
)
def test_a_bad_variable_is_a_validation_error(
    api_client, product_manager, ids, channel, query, variables, message
):
    # given
    if "%s" in query:
        query = query % ids
    # when
    response = api_client.as_user(product_manager).post(query, variables)
    # then
    content = response.json()
    assert [error["message"] for error in content["errors"]] == [message]
    assert not Product.objects.exists()


def test_a_negative_weight_parses_and_is_refused_by_the_domain(api_client, product_manager, ids):
    # given
    product_type, vendor = ids
    query = """
    mutation Create($input: ProductCreateInput!) {
      productCreate(input: $input) { product { id } errors { field code } }
    }
    """
    variables = {
        "input": {"productType": product_type, "vendor": vendor, "name": "K", "weight": -5}
    }
    # when
    data = api_client.as_user(product_manager).execute(query, variables)
    # then
    assert data["productCreate"] == {
        "product": None,
        "errors": [{"field": "weight", "code": "INVALID"}],
    }
    assert not Product.objects.exists()
