"""Products: create, change, delete. Each refreshes the search index and the catalogue cache
version, and announces itself to the plugins in its transaction."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError

from backend.core.cache_version import bump_catalog_version
from backend.core.errors import field_error
from backend.marketplace.models import Vendor
from plugins.framework.manager import PluginsManager, get_plugins_manager

from ..error_codes import ProductErrorCode
from ..models import Category, Collection, CollectionProduct, Product, ProductType
from ..search import update_products_search_index
from .attributes import AttributeAssignment, assign_product_attributes, resolve_attribute_values
from .validation import (
    UNSET,
    check_external_reference,
    check_name,
    check_weight,
    clean_slug,
    plain_text,
    save_unique,
    set_metadata,
)


@transaction.atomic
def create_product(
    *,
    vendor: Vendor,
    product_type: ProductType,
    name: str | None,
    slug: str | None = None,
    category: Category | None = None,
    description: dict | None = None,
    seo_title: str | None = None,
    seo_description: str | None = None,
    weight: Decimal | None = None,
    rating: float | None = None,
    external_reference: str | None = None,
    metadata: dict | None = None,
    private_metadata: dict | None = None,
    attributes: list[AttributeAssignment] | None = None,
    collections: list[Collection] | None = None,
    manager: PluginsManager | None = None,
) -> Product:
    """Create a product of a vendor. Refreshes the search index."""
    name = check_name(name)
    check_weight(weight)
    check_external_reference(Product, external_reference)
    product = Product(
        vendor=vendor,
        product_type=product_type,
        category=category,
        name=name,
        slug=clean_slug(Product, slug, name=name),
        description=description,
        description_plaintext=plain_text(description),
        seo_title=seo_title,
        seo_description=seo_description,
        weight=weight,
        rating=rating,
        external_reference=external_reference or None,
    )
    set_metadata(product, metadata, private_metadata)
    resolved = resolve_attribute_values(
        attributes or [],
        allowed=set(product_type.product_attributes.values_list("pk", flat=True)),
        required=list(product_type.product_attributes.all()),
        is_new=True,
    )
    save_unique(product, fields=("slug", "external_reference"))
    assign_product_attributes(product, resolved)
    if collections:
        CollectionProduct.objects.bulk_create(
            [CollectionProduct(collection=c, product=product) for c in collections],
            ignore_conflicts=True,
        )
    update_products_search_index([product.pk])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_created(product)
    return product


@transaction.atomic
def update_product(
    *,
    product: Product,
    name: str | None = UNSET,
    slug: str | None = UNSET,
    category: Category | None = UNSET,
    description: dict | None = UNSET,
    seo_title: str | None = UNSET,
    seo_description: str | None = UNSET,
    weight: Decimal | None = UNSET,
    rating: float | None = UNSET,
    external_reference: str | None = UNSET,
    metadata: dict | None = None,
    private_metadata: dict | None = None,
    attributes: list[AttributeAssignment] | None = None,
    collections: list[Collection] | None = None,
    manager: PluginsManager | None = None,
) -> Product:
    """Change the given fields of a product. Refreshes the search index."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    if name is not UNSET:
        product.name = check_name(name)
    if slug is not UNSET:
        if not slug:
            raise field_error("slug", "The slug cannot be blank.", ProductErrorCode.REQUIRED)
        if slug != product.slug:
            product.slug = clean_slug(Product, slug, name=product.name, exclude_pk=product.pk)
    if category is not UNSET:
        product.category = category
    if description is not UNSET:
        product.description = description
        product.description_plaintext = plain_text(description)
    if seo_title is not UNSET:
        product.seo_title = seo_title
    if seo_description is not UNSET:
        product.seo_description = seo_description
    if weight is not UNSET:
        check_weight(weight)
        product.weight = weight
    if rating is not UNSET:
        product.rating = rating
    if external_reference is not UNSET:
        check_external_reference(Product, external_reference, exclude_pk=product.pk)
        product.external_reference = external_reference or None
    set_metadata(product, metadata, private_metadata)
    product_type = product.product_type
    resolved = resolve_attribute_values(
        attributes or [],
        allowed=set(product_type.product_attributes.values_list("pk", flat=True)),
        required=[],
        is_new=False,
    )
    product.search_index_dirty = True
    save_unique(product, fields=("slug", "external_reference"))
    assign_product_attributes(product, resolved)
    if collections is not None:
        CollectionProduct.objects.filter(product=product).exclude(
            collection__in=collections
        ).delete()
        CollectionProduct.objects.bulk_create(
            [CollectionProduct(collection=c, product=product) for c in collections],
            ignore_conflicts=True,
        )
    update_products_search_index([product.pk])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_updated(product)
    return product


@transaction.atomic
def delete_product(*, product: Product, manager: PluginsManager | None = None) -> Product:
    """Delete a product with its variants, listings and media rows (files stay for caches)."""
    pk = product.pk
    variant_ids = list(product.variants.values_list("pk", flat=True))
    try:
        product.delete()
    except ProtectedError as error:
        raise field_error(
            "product",
            "The product is used by orders and cannot be deleted.",
            ProductErrorCode.INVALID,
        ) from error
    product.pk = pk
    bump_catalog_version()
    (manager or get_plugins_manager()).product_deleted(product, variant_ids)
    return product
