import pytest

from backend.catalog.models import Category
from tests.backend.catalog.images import image_upload, text_upload_named_png
from tests.factories import CategoryFactory

from .helpers import DENIED_ROLES, assert_permission_denied, client_for, gid

MUTATION = """
mutation Create($input: CategoryInput!, $parent: ID) {
  categoryCreate(input: $input, parent: $parent) {
    category { id name slug }
    errors { field code }
  }
}
"""


def test_product_manager_creates_a_child_category(api_client, product_manager):
    # given
    parent = Category.objects.create(name="Food", slug="food", tree_path="000007.")
    # when
    data = api_client.as_user(product_manager).execute(
        MUTATION,
        {"input": {"name": "চাল", "seo": {"title": "Rice"}}, "parent": gid("Category", parent.pk)},
    )
    # then
    assert data["categoryCreate"]["errors"] == []
    assert data["categoryCreate"]["category"]["slug"] == "চাল"
    child = Category.objects.get(slug="চাল")
    assert (child.parent, child.level, child.seo_title) == (parent, 1, "Rice")
    assert child.tree_path == f"000007.{child.pk:06d}."


def test_background_image_upload(api_client, product_manager, media_root):
    content = api_client.as_user(product_manager).multipart(
        MUTATION,
        {"input": {"name": "Fish", "backgroundImage": None}},
        {"variables.input.backgroundImage": image_upload()},
    )
    assert content["data"]["categoryCreate"]["errors"] == []
    assert (media_root / Category.objects.get().background_image.name).exists()


@pytest.mark.parametrize("role", [*DENIED_ROLES, "entrepreneur"])
def test_only_product_staff_create_categories(request, api_client, role, vendor):
    client = client_for(request, api_client, role)
    assert_permission_denied(client.execute_raw(MUTATION, {"input": {"name": "X"}}))
    assert not Category.objects.exists()


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"input": {"name": ""}}, ("name", "REQUIRED")),
        ({"input": {"name": "X", "slug": "taken"}}, ("slug", "UNIQUE")),
        ({"input": {"name": "X"}, "parent": gid("Category", 999999)}, ("parent", "NOT_FOUND")),
    ],
)
def test_errors_create_nothing(api_client, product_manager, variables, expected):
    CategoryFactory(slug="taken")
    data = api_client.as_user(product_manager).execute(MUTATION, variables)
    errors = data["categoryCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert Category.objects.count() == 1


def test_bad_background_image_is_refused(api_client, product_manager):
    content = api_client.as_user(product_manager).multipart(
        MUTATION,
        {"input": {"name": "Fish", "backgroundImage": None}},
        {"variables.input.backgroundImage": text_upload_named_png()},
    )
    errors = content["data"]["categoryCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("backgroundImage", "INVALID_FILE_TYPE")]
    assert not Category.objects.exists()
