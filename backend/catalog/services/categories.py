"""The category tree: create, change (and move), delete categories.

`tree_path` (each ancestor's zero-padded primary key, then its own, dot-separated) makes "this
category and all below it" one indexed prefix query. `category_tree_path` is the only place that
scheme is written; `set_category_parent` moves a subtree and rewrites every path below it.
"""

from __future__ import annotations

from typing import IO

from django.db import transaction

from backend.core.cache_version import bump_catalog_version
from backend.core.errors import field_error
from plugins.manager import PluginsManager, get_plugins_manager

from ..error_codes import ProductErrorCode
from ..media import check_image_upload, product_image_name
from ..models import Category
from .validation import check_name, clean_slug, plain_text, save_unique, set_metadata

CATEGORY_PATH_WIDTH = 6


@transaction.atomic
def create_category(
    *,
    name: str | None,
    slug: str | None = None,
    parent: Category | None = None,
    description: dict | None = None,
    seo_title: str | None = None,
    seo_description: str | None = None,
    background_image: IO[bytes] | None = None,
    background_image_alt: str = "",
    metadata: dict | None = None,
    private_metadata: dict | None = None,
    manager: PluginsManager | None = None,
) -> Category:
    """Create a category below `parent`; its tree path is the parent's plus its own number."""
    name = check_name(name)
    checked_image = None
    if background_image is not None:
        checked_image = check_image_upload(
            background_image,
            size=getattr(background_image, "size", None),
            content_type=getattr(background_image, "content_type", None),
            field="backgroundImage",
        )
    category = Category(
        name=name,
        slug=clean_slug(Category, slug, name=name),
        parent=parent,
        level=0 if parent is None else parent.level + 1,
        description=description,
        description_plaintext=plain_text(description),
        seo_title=seo_title,
        seo_description=seo_description,
        background_image_alt=background_image_alt or "",
    )
    set_metadata(category, metadata, private_metadata)
    if checked_image is not None:
        category.background_image.save(
            product_image_name(checked_image), background_image, save=False
        )
    save_unique(category, fields={"slug": "slug"})
    # The primary key is the sequence: unique without counting siblings (no race).
    parent_path = parent.tree_path if parent is not None else ""
    category.tree_path = f"{parent_path}{category.pk:0{CATEGORY_PATH_WIDTH}d}."
    if len(category.tree_path) > Category._meta.get_field("tree_path").max_length:
        raise field_error("parent", "The category tree is too deep.", ProductErrorCode.INVALID)
    Category.objects.filter(pk=category.pk).update(tree_path=category.tree_path)
    bump_catalog_version()
    (manager or get_plugins_manager()).category_created(category)
    return category
