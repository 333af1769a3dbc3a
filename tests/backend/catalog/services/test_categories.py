import pytest
from django.core.exceptions import ValidationError

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category
from backend.catalog.services.categories import create_category
from tests.factories import CategoryFactory

from .helpers import error_codes


@pytest.mark.django_db
def test_category_tree_path_extends_the_parent_path():
    # given
    root = create_category(name="খাদ্য")
    # when
    child = create_category(name="Rice", parent=root)
    grandchild = create_category(name="Miniket", parent=child)
    # then
    root.refresh_from_db()
    assert root.tree_path == f"{root.pk:06d}."
    assert child.tree_path == f"{root.tree_path}{child.pk:06d}."
    assert (grandchild.level, child.level, root.level) == (2, 1, 0)
    below_root = Category.objects.filter(tree_path__startswith=root.tree_path)
    assert set(below_root) == {root, child, grandchild}
    assert root.slug == "খাদ্য"


@pytest.mark.django_db
def test_category_slug_must_be_unique():
    CategoryFactory(slug="rice")
    with pytest.raises(ValidationError) as error:
        create_category(name="Rice", slug="rice")
    assert error_codes(error.value) == {"slug": [ProductErrorCode.UNIQUE.value]}
