"""The category tree: create, change (and move), delete categories.

`tree_path` (each ancestor's zero-padded primary key, then its own, dot-separated) makes "this
category and all below it" one indexed prefix query. `category_tree_path` is the only place that
scheme is written and `place_category_in_tree` its only writer: moving a category rewrites the
paths of its whole subtree.
"""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction
from django.db.models import F, Max, Value
from django.db.models.functions import Concat, Length, Substr

from backend.core.cache_version import bump_catalog_version
from backend.core.errors import field_error
from backend.core.models import field_max_length
from plugins.framework.manager import PluginsManager, get_plugins_manager

from ..error_codes import ProductErrorCode
from ..media import CheckedImage, check_image_upload, product_image_name
from ..models import Category, Product, ProductChannelListing
from .validation import (
    UNSET,
    check_name,
    clean_slug,
    plain_text,
    save_unique,
    set_metadata,
)

CATEGORY_PATH_WIDTH = 6
TREE_PATH_MAX_LENGTH = field_max_length(Category, "tree_path")


def category_tree_path(*, category_pk: int, parent_tree_path: str = "") -> str:
    """The one tree-path scheme: the parent's path plus the category's zero-padded primary key.

    The primary key is the sequence, so siblings never need counting (no race)."""
    return f"{parent_tree_path}{category_pk:0{CATEGORY_PATH_WIDTH}d}."


def check_category_parent(*, category: Category | None, parent: Category | None) -> None:
    """A category cannot sit below itself or its own descendants (the tree would become a loop)."""
    if category is None or category.pk is None or parent is None:
        return
    if parent.pk == category.pk or (
        category.tree_path and parent.tree_path.startswith(category.tree_path)
    ):
        raise field_error(
            "parent",
            "A category cannot be moved below itself or its descendants.",
            ProductErrorCode.INVALID,
        )


@transaction.atomic
def place_category_in_tree(*, category: Category) -> Category:
    """Bring a saved category's `level` and `tree_path`, and those of everything below it, in
    line with its parent. The only writer of `tree_path`: services, the admin and the demo loader
    call it after saving a new category or a new parent.

    Locks the category's subtree in primary-key order, so two moves of one subtree queue.
    """
    # Every row below the old path, in primary-key order: a move rewrites them all.
    old_path = Category.objects.filter(pk=category.pk).values_list("tree_path", flat=True).get()
    subtree = Category.objects.filter(pk=category.pk)
    if old_path:
        subtree = Category.objects.filter(tree_path__startswith=old_path)
    list(subtree.order_by("pk").select_for_update(of=("self",)).values_list("pk", flat=True))
    parent = (
        Category.objects.select_for_update().get(pk=category.parent_id)
        if category.parent_id
        else None
    )
    category.tree_path = old_path
    check_category_parent(category=category, parent=parent)
    new_path = category_tree_path(
        category_pk=category.pk, parent_tree_path=parent.tree_path if parent else ""
    )
    new_level = parent.level + 1 if parent else 0
    if new_path == old_path:
        category.level = new_level
        return category
    deepest = len(new_path)
    if old_path:
        longest = subtree.aggregate(longest=Max(Length("tree_path")))["longest"] or len(old_path)
        deepest = longest - len(old_path) + len(new_path)
    if deepest > TREE_PATH_MAX_LENGTH:
        raise field_error("parent", "The category tree is too deep.", ProductErrorCode.INVALID)
    if old_path:
        old_level = Category.objects.values_list("level", flat=True).get(pk=category.pk)
        # One UPDATE for the subtree: swap the path prefix, shift the level by the move's depth.
        subtree.exclude(pk=category.pk).update(
            tree_path=Concat(Value(new_path), Substr("tree_path", len(old_path) + 1)),
            level=F("level") + (new_level - old_level),
        )
    Category.objects.filter(pk=category.pk).update(tree_path=new_path, level=new_level)
    category.tree_path, category.level = new_path, new_level
    return category


def _check_background_image(background_image: File) -> CheckedImage:
    return check_image_upload(
        background_image,
        size=getattr(background_image, "size", None),
        content_type=getattr(background_image, "content_type", None),
        field="background_image",
    )


@transaction.atomic
def create_category(
    *,
    name: str | None,
    slug: str | None = None,
    parent: Category | None = None,
    description: dict | None = None,
    seo_title: str | None = None,
    seo_description: str | None = None,
    background_image: File | None = None,
    background_image_alt: str = "",
    metadata: dict | None = None,
    private_metadata: dict | None = None,
    manager: PluginsManager | None = None,
) -> Category:
    """Create a category below `parent` (none: at the top). Announces `category_created`."""
    name = check_name(name)
    checked_image = None if background_image is None else _check_background_image(background_image)
    category = Category(
        name=name,
        slug=clean_slug(Category, slug, name=name),
        parent=parent,
        description=description,
        description_plaintext=plain_text(description),
        seo_title=seo_title,
        seo_description=seo_description,
        background_image_alt=background_image_alt or "",
    )
    set_metadata(category, metadata, private_metadata)
    if background_image is not None and checked_image is not None:
        category.background_image.save(
            product_image_name(checked_image), background_image, save=False
        )
    save_unique(category, fields=("slug",))
    place_category_in_tree(category=category)
    bump_catalog_version()
    (manager or get_plugins_manager()).category_created(category)
    return category


@transaction.atomic
def update_category(
    *,
    category: Category,
    name: str | None = UNSET,
    slug: str | None = UNSET,
    parent: Category | None = UNSET,
    description: dict | None = UNSET,
    seo_title: str | None = UNSET,
    seo_description: str | None = UNSET,
    background_image: File | None = UNSET,
    background_image_alt: str | None = UNSET,
    metadata: dict | None = None,
    private_metadata: dict | None = None,
    manager: PluginsManager | None = None,
) -> Category:
    """Change the given fields of a category; a new `parent` moves it with everything below it.

    Announces `category_updated` (webhooks: CATEGORY_UPDATED) in the transaction."""
    category = Category.objects.select_for_update().get(pk=category.pk)
    if name is not UNSET:
        category.name = check_name(name)
    if slug is not UNSET:
        if not slug:
            raise field_error("slug", "The slug cannot be blank.", ProductErrorCode.REQUIRED)
        if slug != category.slug:
            category.slug = clean_slug(Category, slug, name=category.name, exclude_pk=category.pk)
    moved = parent is not UNSET and (parent.pk if parent else None) != category.parent_id
    if moved:
        check_category_parent(category=category, parent=parent)
        category.parent = parent
    if description is not UNSET:
        category.description = description
        category.description_plaintext = plain_text(description)
    if seo_title is not UNSET:
        category.seo_title = seo_title
    if seo_description is not UNSET:
        category.seo_description = seo_description
    if background_image_alt is not UNSET:
        category.background_image_alt = background_image_alt or ""
    set_metadata(category, metadata, private_metadata)
    if background_image is not UNSET:
        if background_image is None:
            category.background_image = None
        else:
            checked_image = _check_background_image(background_image)
            category.background_image.save(
                product_image_name(checked_image), background_image, save=False
            )
    save_unique(category, fields=("slug",))
    if moved:
        place_category_in_tree(category=category)
    bump_catalog_version()
    (manager or get_plugins_manager()).category_updated(category)
    return category


@transaction.atomic
def delete_category(*, category: Category, manager: PluginsManager | None = None) -> Category:
    """Delete a category and everything below it (as Saleor does).

    Their products stay, without a category; a product without one cannot be published, so
    their channel listings are unpublished. Announces `category_deleted` for every deleted
    category and `product_updated` for every product that lost its category.
    """
    category = Category.objects.select_for_update().get(pk=category.pk)
    subtree = list(
        Category.objects.filter(tree_path__startswith=category.tree_path)
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    products = list(
        Product.objects.filter(category__in=subtree).order_by("pk").select_for_update(of=("self",))
    )
    ProductChannelListing.objects.filter(product__in=products).update(is_published=False)
    Product.objects.filter(pk__in=[product.pk for product in products]).update(category=None)
    Category.objects.filter(pk__in=[node.pk for node in subtree]).delete()
    bump_catalog_version()
    manager = manager or get_plugins_manager()
    # The payloads are built from the objects as they were: the rows are gone.
    for node in subtree:
        manager.category_deleted(node)
    for product in products:
        product.category = None
        manager.product_updated(product)
    return category
