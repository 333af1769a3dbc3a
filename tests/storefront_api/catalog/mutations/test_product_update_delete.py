import pytest

from backend.catalog.models import Product
from tests.factories import ProductFactory

from .helpers import ALLOWED_ROLES, DENIED_ROLES, assert_permission_denied, client_for, gid

UPDATE = """
mutation Update($id: ID, $externalReference: String, $input: ProductInput!) {
  productUpdate(id: $id, externalReference: $externalReference, input: $input) {
    product { id name slug }
    errors { field code }
  }
}
"""
DELETE = """
mutation Delete($id: ID) {
  productDelete(id: $id) { product { id name } errors { field code } }
}
"""


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor, name="Old", slug="old", external_reference="ERP-1")


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_allowed_roles_update_and_the_index_follows(request, api_client, role, product):
    client = client_for(request, api_client, role)
    data = client.execute(
        UPDATE,
        {
            "id": gid("Product", product.pk),
            "input": {"name": "Fresh Hilsa", "seo": {"title": "Ilish"}},
        },
    )
    assert data["productUpdate"]["errors"] == []
    assert data["productUpdate"]["product"]["name"] == "Fresh Hilsa"
    product.refresh_from_db()
    assert (product.name, product.slug, product.seo_title) == ("Fresh Hilsa", "old", "Ilish")
    assert "fresh hilsa" in product.search_document


def test_update_by_external_reference(api_client, product_manager, product):
    data = api_client.as_user(product_manager).execute(
        UPDATE, {"externalReference": "ERP-1", "input": {"rating": 4.5}}
    )
    assert data["productUpdate"]["errors"] == []
    product.refresh_from_db()
    assert product.rating == 4.5


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_denied_roles_change_nothing(request, api_client, role, product):
    client = client_for(request, api_client, role)
    content = client.execute_raw(UPDATE, {"id": gid("Product", product.pk), "input": {"name": "X"}})
    assert_permission_denied(content)
    content = client.execute_raw(DELETE, {"id": gid("Product", product.pk)})
    assert_permission_denied(content)
    product.refresh_from_db()
    assert product.name == "Old"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"id": gid("Product", 999999), "input": {"name": "X"}}, ("id", "NOT_FOUND")),
        ({"id": "not-an-id", "input": {"name": "X"}}, ("id", "GRAPHQL_ERROR")),
        ({"externalReference": "nope", "input": {"name": "X"}}, ("externalReference", "NOT_FOUND")),
        ({"input": {"name": "X"}}, ("id", "GRAPHQL_ERROR")),
        ("name", ("name", "REQUIRED")),
        ("slug", ("slug", "UNIQUE")),
        ("blank-slug", ("slug", "REQUIRED")),
        ("category", ("category", "NOT_FOUND")),
        ("reference", ("externalReference", "UNIQUE")),
    ],
)
def test_update_errors_change_nothing(api_client, product_manager, product, variables, expected):
    # given
    ProductFactory(slug="taken", external_reference="ERP-2")
    product_id = gid("Product", product.pk)
    inputs = {
        "name": {"name": ""},
        "slug": {"slug": "taken", "name": "Changed"},
        "blank-slug": {"slug": ""},
        "category": {"category": gid("Category", 999999)},
        "reference": {"externalReference": "ERP-2", "name": "Changed"},
    }
    if isinstance(variables, str):
        variables = {"id": product_id, "input": inputs[variables]}
    # when
    data = api_client.as_user(product_manager).execute(UPDATE, variables)
    # then
    errors = data["productUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    product.refresh_from_db()
    assert (product.name, product.slug, product.external_reference) == ("Old", "old", "ERP-1")


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_allowed_roles_delete(request, api_client, role, product):
    client = client_for(request, api_client, role)
    data = client.execute(DELETE, {"id": gid("Product", product.pk)})
    assert data["productDelete"]["errors"] == []
    assert data["productDelete"]["product"]["name"] == "Old"
    assert not Product.objects.filter(pk=product.pk).exists()


def test_delete_unknown_product_is_not_found(api_client, product_manager, product):
    data = api_client.as_user(product_manager).execute(DELETE, {"id": gid("Product", 999999)})
    assert [(e["field"], e["code"]) for e in data["productDelete"]["errors"]] == [
        ("id", "NOT_FOUND")
    ]
    assert Product.objects.count() == 1
