"""Variants: create, change, delete. SKUs are searched, so each refreshes the search index;
each announces itself to the plugins in its transaction."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError

from backend.core.cache_version import bump_catalog_version
from backend.core.errors import field_error
from plugins.framework.manager import PluginsManager, get_plugins_manager

from ..error_codes import ProductErrorCode
from ..models import Product, ProductVariant
from ..search import update_products_search_index
from .attributes import AttributeAssignment, assign_variant_attributes, resolve_attribute_values
from .listings import update_products_discounted_prices
from .validation import UNSET, check_external_reference, check_weight, save_unique, set_metadata


def check_sku(sku: str | None, *, exclude_pk: int | None = None) -> str | None:
    sku = (sku or "").strip() or None
    if sku is None:
        return None
    queryset = ProductVariant.objects.filter(sku=sku)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    if queryset.exists():
        raise field_error("sku", "This SKU is already used.", ProductErrorCode.UNIQUE)
    return sku


def check_quantity_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise field_error(
            "quantity_limit_per_customer",
            "The limit must be at least 1.",
            ProductErrorCode.INVALID,
        )


@transaction.atomic
def create_variant(
    *,
    product: Product,
    sku: str | None = None,
    name: str | None = None,
    track_inventory: bool | None = None,
    weight: Decimal | None = None,
    quantity_limit_per_customer: int | None = None,
    external_reference: str | None = None,
    metadata: dict | None = None,
    private_metadata: dict | None = None,
    attributes: list[AttributeAssignment] | None = None,
    manager: PluginsManager | None = None,
) -> ProductVariant:
    """Add a variant to a product; the first one becomes the default. Refreshes the search index."""
    product = Product.objects.select_for_update().select_related("product_type").get(pk=product.pk)
    product_type = product.product_type
    if not product_type.has_variants and product.variants.exists():
        raise field_error(
            "product",
            "This product type does not allow more than one variant.",
            ProductErrorCode.ATTRIBUTE_VARIANTS_DISABLED,
        )
    sku = check_sku(sku)
    check_weight(weight)
    check_quantity_limit(quantity_limit_per_customer)
    check_external_reference(ProductVariant, external_reference)
    resolved = resolve_attribute_values(
        attributes or [],
        allowed=set(product_type.variant_attributes.values_list("pk", flat=True)),
        required=list(product_type.variant_attributes.all()),
        is_new=True,
    )
    variant = ProductVariant(
        product=product,
        sku=sku,
        name=(name or "").strip(),
        track_inventory=True if track_inventory is None else track_inventory,
        weight=weight,
        quantity_limit_per_customer=quantity_limit_per_customer,
        external_reference=external_reference or None,
    )
    set_metadata(variant, metadata, private_metadata)
    save_unique(variant, fields=("sku", "external_reference"))
    assign_variant_attributes(variant, resolved)
    if product.default_variant_id is None:
        Product.objects.filter(pk=product.pk).update(default_variant=variant)
    update_products_search_index([product.pk])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_variant_created(variant)
    return variant


@transaction.atomic
def update_variant(
    *,
    variant: ProductVariant,
    sku: str | None = UNSET,
    name: str | None = UNSET,
    track_inventory: bool | None = UNSET,
    weight: Decimal | None = UNSET,
    quantity_limit_per_customer: int | None = UNSET,
    external_reference: str | None = UNSET,
    metadata: dict | None = None,
    private_metadata: dict | None = None,
    attributes: list[AttributeAssignment] | None = None,
    manager: PluginsManager | None = None,
) -> ProductVariant:
    """Change the given fields of a variant. Refreshes the search index (SKUs are searched)."""
    variant = (
        ProductVariant.objects.select_for_update()
        .select_related("product__product_type")
        .get(pk=variant.pk)
    )
    if sku is not UNSET:
        variant.sku = check_sku(sku, exclude_pk=variant.pk)
    if name is not UNSET:
        variant.name = (name or "").strip()
    if track_inventory is not UNSET and track_inventory is not None:
        variant.track_inventory = track_inventory
    if weight is not UNSET:
        check_weight(weight)
        variant.weight = weight
    if quantity_limit_per_customer is not UNSET:
        check_quantity_limit(quantity_limit_per_customer)
        variant.quantity_limit_per_customer = quantity_limit_per_customer
    if external_reference is not UNSET:
        check_external_reference(ProductVariant, external_reference, exclude_pk=variant.pk)
        variant.external_reference = external_reference or None
    set_metadata(variant, metadata, private_metadata)
    resolved = resolve_attribute_values(
        attributes or [],
        allowed=set(variant.product.product_type.variant_attributes.values_list("pk", flat=True)),
        required=[],
        is_new=False,
    )
    save_unique(variant, fields=("sku", "external_reference"))
    assign_variant_attributes(variant, resolved)
    update_products_search_index([variant.product_id])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_variant_updated(variant)
    return variant


@transaction.atomic
def delete_variant(
    *, variant: ProductVariant, manager: PluginsManager | None = None
) -> ProductVariant:
    """Delete a variant with its listings and stock; the product's next variant becomes its
    default, and its cheapest prices and search index follow. Announces
    `product_variant_deleted` (webhooks: PRODUCT_VARIANT_DELETED) in the transaction."""
    product = Product.objects.select_for_update().get(pk=variant.product_id)
    pk = variant.pk
    try:
        with transaction.atomic():
            variant.delete()
    except ProtectedError as error:
        raise field_error(
            "variant",
            "The variant is used by orders and cannot be deleted.",
            ProductErrorCode.INVALID,
        ) from error
    variant.pk = pk
    if product.default_variant_id in (None, pk):
        next_variant_id = (
            product.variants.order_by("sort_order", "pk").values_list("pk", flat=True).first()
        )
        Product.objects.filter(pk=product.pk).update(default_variant_id=next_variant_id)
    update_products_discounted_prices([product.pk])
    update_products_search_index([product.pk])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_variant_deleted(variant)
    return variant
