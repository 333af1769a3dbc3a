import pytest

from backend.catalog.models import Category, ProductChannelListing
from backend.catalog.services.categories import create_category
from tests.factories import create_listed_product

from .helpers import DENIED_ROLES, assert_permission_denied, client_for, gid

MUTATION = """
mutation Delete($id: ID!) {
  categoryDelete(id: $id) {
    category { id name }
    errors { field code }
  }
}
"""


@pytest.fixture
def food(db):
    food = create_category(name="Food", slug="food")
    create_category(name="Rice", slug="rice", parent=food)
    return food


def test_product_manager_deletes_a_category_with_its_subtree(
    api_client, product_manager, food, channel
):
    # given a published product in rice
    product = create_listed_product(channel=channel, category=Category.objects.get(slug="rice"))
    # when
    data = api_client.as_user(product_manager).execute(MUTATION, {"id": gid("Category", food.pk)})
    # then
    assert data["categoryDelete"] == {
        "category": {"id": gid("Category", food.pk), "name": "Food"},
        "errors": [],
    }
    assert not Category.objects.exists()
    product.refresh_from_db()
    assert product.category_id is None
    assert list(
        ProductChannelListing.objects.filter(product=product).values_list("is_published", flat=True)
    ) == [False]


@pytest.mark.parametrize("role", [*DENIED_ROLES, "entrepreneur"])
def test_only_product_staff_delete_categories(request, api_client, role, vendor, food):
    client = client_for(request, api_client, role)
    assert_permission_denied(client.execute_raw(MUTATION, {"id": gid("Category", food.pk)}))
    assert Category.objects.count() == 2


@pytest.mark.parametrize(
    ("category_id", "expected"),
    [
        (gid("Category", 999999), ("id", "NOT_FOUND")),
        ("not-an-id", ("id", "GRAPHQL_ERROR")),
    ],
)
def test_errors_delete_nothing(api_client, product_manager, food, category_id, expected):
    data = api_client.as_user(product_manager).execute(MUTATION, {"id": category_id})
    errors = data["categoryDelete"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert data["categoryDelete"]["category"] is None
    assert Category.objects.count() == 2
