import pytest
from django.core.exceptions import ValidationError

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category, ProductChannelListing
from backend.catalog.services.categories import create_category, delete_category, update_category
from tests.factories import CategoryFactory, create_listed_product

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


def _tree(*categories: Category) -> list[tuple[str, int, str]]:
    rows = Category.objects.filter(pk__in=[c.pk for c in categories]).order_by("pk")
    return [(c.slug, c.level, c.tree_path) for c in rows]


@pytest.mark.django_db
def test_moving_a_category_rewrites_the_paths_and_levels_of_its_subtree():
    # given food > rice > miniket, and cloth at the top
    food = create_category(name="Food", slug="food")
    rice = create_category(name="Rice", slug="rice", parent=food)
    miniket = create_category(name="Miniket", slug="miniket", parent=rice)
    cloth = create_category(name="Cloth", slug="cloth")
    # when rice moves below cloth
    update_category(category=rice, parent=cloth)
    # then rice and miniket hang below cloth, one level deeper; food is alone
    cloth_path = f"{cloth.pk:06d}."
    assert _tree(food, rice, miniket, cloth) == [
        ("food", 0, f"{food.pk:06d}."),
        ("rice", 1, f"{cloth_path}{rice.pk:06d}."),
        ("miniket", 2, f"{cloth_path}{rice.pk:06d}.{miniket.pk:06d}."),
        ("cloth", 0, cloth_path),
    ]
    # when rice moves to the top
    update_category(category=rice, parent=None)
    # then
    assert _tree(rice, miniket) == [
        ("rice", 0, f"{rice.pk:06d}."),
        ("miniket", 1, f"{rice.pk:06d}.{miniket.pk:06d}."),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["itself", "descendant"])
def test_a_category_cannot_move_below_itself_or_its_descendants(target):
    # given
    food = create_category(name="Food", slug="food")
    rice = create_category(name="Rice", slug="rice", parent=food)
    before = _tree(food, rice)
    # when
    with pytest.raises(ValidationError) as error:
        update_category(category=food, parent=food if target == "itself" else rice)
    # then
    assert error_codes(error.value) == {"parent": [ProductErrorCode.INVALID.value]}
    assert _tree(food, rice) == before


@pytest.mark.django_db
def test_a_move_that_makes_the_tree_too_deep_is_refused_and_changes_nothing():
    # given a chain 40 levels deep (7 characters a level: 280 > 255) and a 2-level branch
    parent = None
    chain = []
    for index in range(35):
        parent = create_category(name=f"Level {index}", slug=f"level-{index}", parent=parent)
        chain.append(parent)
    branch = create_category(name="Branch", slug="branch")
    leaf = create_category(name="Leaf", slug="leaf", parent=branch)
    for index in range(4):
        leaf = create_category(name=f"Leaf {index}", slug=f"leaf-{index}", parent=leaf)
    before = _tree(branch, leaf)
    # when the branch (5 levels below it) moves below the deepest category
    with pytest.raises(ValidationError) as error:
        update_category(category=branch, parent=chain[-1])
    # then
    assert error_codes(error.value) == {"parent": [ProductErrorCode.INVALID.value]}
    assert _tree(branch, leaf) == before
    assert Category.objects.get(pk=branch.pk).parent_id is None


@pytest.mark.django_db
def test_update_category_changes_only_the_given_fields():
    # given
    category = create_category(name="Rice", slug="rice", seo_title="Rice")
    # when
    update_category(category=category, name="চাল", description={"blocks": []})
    # then
    category.refresh_from_db()
    assert (category.name, category.slug, category.seo_title) == ("চাল", "rice", "Rice")
    assert category.description == {"blocks": []}


@pytest.mark.django_db
def test_update_category_with_taken_slug_is_unique_error_and_changes_nothing():
    CategoryFactory(slug="taken")
    category = create_category(name="Rice", slug="rice")
    with pytest.raises(ValidationError) as error:
        update_category(category=category, slug="taken")
    assert error_codes(error.value) == {"slug": [ProductErrorCode.UNIQUE.value]}
    assert Category.objects.get(pk=category.pk).slug == "rice"


@pytest.mark.django_db
def test_delete_category_deletes_its_subtree_and_unpublishes_its_products(channel):
    # given food > rice with a published product, and cloth with one
    food = create_category(name="Food", slug="food")
    rice = create_category(name="Rice", slug="rice", parent=food)
    cloth = create_category(name="Cloth", slug="cloth")
    rice_product = create_listed_product(channel=channel, category=rice)
    cloth_product = create_listed_product(channel=channel, category=cloth)
    # when
    delete_category(category=food)
    # then
    assert list(Category.objects.values_list("slug", flat=True)) == ["cloth"]
    rice_product.refresh_from_db()
    assert rice_product.category_id is None
    assert list(
        ProductChannelListing.objects.filter(product=rice_product).values_list(
            "is_published", flat=True
        )
    ) == [False]
    assert list(
        ProductChannelListing.objects.filter(product=cloth_product).values_list(
            "is_published", flat=True
        )
    ) == [True]
