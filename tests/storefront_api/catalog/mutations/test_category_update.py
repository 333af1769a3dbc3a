import pytest

from backend.catalog.models import Category
from backend.catalog.services.categories import create_category
from tests.backend.catalog.images import text_upload_named_png
from tests.factories import CategoryFactory

from .helpers import DENIED_ROLES, assert_permission_denied, client_for, gid

MUTATION = """
mutation Update($id: ID!, $input: CategoryInput!) {
  categoryUpdate(id: $id, input: $input) {
    category { id name slug }
    errors { field code }
  }
}
"""


@pytest.fixture
def category(db):
    return create_category(name="Rice", slug="rice", seo_title="Rice")


def test_product_manager_updates_a_category(api_client, product_manager, category):
    # when
    data = api_client.as_user(product_manager).execute(
        MUTATION,
        {"id": gid("Category", category.pk), "input": {"name": "চাল", "seo": {"title": "Chal"}}},
    )
    # then
    assert data["categoryUpdate"] == {
        "category": {"id": gid("Category", category.pk), "name": "চাল", "slug": "rice"},
        "errors": [],
    }
    category.refresh_from_db()
    assert (category.name, category.slug, category.seo_title) == ("চাল", "rice", "Chal")


@pytest.mark.parametrize("role", [*DENIED_ROLES, "entrepreneur"])
def test_only_product_staff_update_categories(request, api_client, role, vendor, category):
    client = client_for(request, api_client, role)
    content = client.execute_raw(
        MUTATION, {"id": gid("Category", category.pk), "input": {"name": "X"}}
    )
    assert_permission_denied(content)
    assert Category.objects.get(pk=category.pk).name == "Rice"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"input": {"name": ""}}, ("name", "REQUIRED")),
        ({"input": {"slug": "taken"}}, ("slug", "UNIQUE")),
        ({"input": {"slug": ""}}, ("slug", "REQUIRED")),
        ({"id": gid("Category", 999999), "input": {"name": "X"}}, ("id", "NOT_FOUND")),
        ({"id": gid("Product", 1), "input": {"name": "X"}}, ("id", "GRAPHQL_ERROR")),
    ],
)
def test_errors_change_nothing(api_client, product_manager, category, variables, expected):
    CategoryFactory(slug="taken")
    variables = {"id": gid("Category", category.pk), **variables}
    data = api_client.as_user(product_manager).execute(MUTATION, variables)
    errors = data["categoryUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    category.refresh_from_db()
    assert (category.name, category.slug) == ("Rice", "rice")


def test_bad_background_image_is_refused(api_client, product_manager, category):
    content = api_client.as_user(product_manager).multipart(
        MUTATION,
        {"id": gid("Category", category.pk), "input": {"backgroundImage": None}},
        {"variables.input.backgroundImage": text_upload_named_png()},
    )
    errors = content["data"]["categoryUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("backgroundImage", "INVALID_FILE_TYPE")]
    assert not Category.objects.get(pk=category.pk).background_image
