"""Catalogue writes: products, variants, channel listings, categories, media.

Every function owns its transaction and raises ValidationError keyed by the input field, with a
ProductErrorCode value as code. Writes that change what shoppers search by refresh the search
index; writes that change prices refresh each listing's cheapest price. Each write announces
itself to the plugins (webhooks, notifications) inside its transaction, through the `manager`
it is given or a new one; plugins send nothing until the transaction commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min, OuterRef, ProtectedError, Subquery
from django.utils import timezone
from django.utils.text import slugify

from backend.core.cache_version import bump_catalog_version
from backend.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from backend.core.text import unique_slug
from backend.marketplace.models import Vendor
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .error_codes import ProductErrorCode
from .media import check_image_upload, product_image_name
from .models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeInputType,
    AttributeValue,
    Category,
    Channel,
    Collection,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductMediaType,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from .search import update_products_search_index


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()
"""Marks an argument the caller did not give (different from giving None)."""

CATEGORY_PATH_WIDTH = 6
VIDEO_PROVIDERS = ("youtube.com", "youtu.be", "vimeo.com", "facebook.com", "fb.watch")


def _error(field_name: str, message: str, code: ProductErrorCode, **params) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code.value, params=params)})


# --- money -----------------------------------------------------------------------------------


def clean_price(amount: Decimal | None, *, field_name: str) -> Decimal | None:
    """A price in taka: finite, not negative, at most 2 decimal places and 12 digits."""
    if amount is None:
        return None
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise _error(field_name, "The price is not a number.", ProductErrorCode.INVALID)
    if amount < 0:
        raise _error(field_name, "The price cannot be negative.", ProductErrorCode.INVALID)
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MONEY_DECIMAL_PLACES:
        raise _error(
            field_name,
            f"The price can have at most {MONEY_DECIMAL_PLACES} decimal places.",
            ProductErrorCode.INVALID,
        )
    if amount >= Decimal(10) ** (MONEY_MAX_DIGITS - MONEY_DECIMAL_PLACES):
        raise _error(field_name, "The price is too large.", ProductErrorCode.INVALID)
    return amount


def update_products_discounted_prices(product_ids: list[int] | set[int]) -> None:
    """Set each product listing's price to its cheapest variant's price in that channel.

    One UPDATE for all the listings, so that it is cheap after bulk imports too.
    """
    product_ids = list(product_ids)
    if not product_ids:
        return
    cheapest = (
        ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("product_id"),
            channel_id=OuterRef("channel_id"),
            price_amount__isnull=False,
        )
        .order_by()
        .values("variant__product_id")
        .annotate(cheapest=Min("price_amount"))
        .values("cheapest")
    )
    ProductChannelListing.objects.filter(product_id__in=product_ids).update(
        discounted_price_amount=Subquery(cheapest)
    )


# --- slugs -----------------------------------------------------------------------------------

_SLUG = re.compile(r"^[-\w]+$")


def _clean_slug(model, slug: str | None, *, name: str, exclude_pk: int | None = None) -> str:
    """The given slug if free, or one made from the name (Bangla kept)."""
    queryset = model.objects.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    if slug:
        slug = slug.strip()
        if not _SLUG.match(slug):
            raise _error(
                "slug",
                "A slug may contain only letters, digits, hyphens and underscores.",
                ProductErrorCode.INVALID,
            )
        if queryset.filter(slug=slug).exists():
            raise _error("slug", "This slug is already taken.", ProductErrorCode.UNIQUE)
        return slug
    base = slugify(name, allow_unicode=True) or "item"
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    return unique_slug(name, taken=taken)


def _check_external_reference(
    model: type[Product] | type[ProductVariant],
    external_reference: str | None,
    *,
    exclude_pk: int | None = None,
) -> None:
    """A clear error before the save; `_save_unique` still catches a concurrent duplicate."""
    if not external_reference:
        return
    taken = model.objects.filter(external_reference=external_reference)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise _error(
            "externalReference", "This external reference is taken.", ProductErrorCode.UNIQUE
        )


def _save_unique(instance, *, fields: dict[str, str]) -> None:
    """Save, reporting a unique-constraint race as UNIQUE on the field it concerns."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        text = str(error).lower()
        for column, field_name in fields.items():
            if column in text:
                raise _error(
                    field_name, f"This {field_name} is already taken.", ProductErrorCode.UNIQUE
                ) from error
        raise


# --- attributes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttributeAssignment:
    """One attribute's values for a product or variant, as parsed by the API."""

    attribute: Attribute
    values: list[str] = field(default_factory=list)
    value_ids: list[int] = field(default_factory=list)
    plain_text: str | None = None
    boolean: bool | None = None
    numeric: str | None = None


def _resolve_attribute_values(
    assignments: list[AttributeAssignment],
    *,
    allowed: set[int],
    required: list[Attribute],
    is_new: bool,
) -> list[tuple[Attribute, list[AttributeValue]]]:
    seen: set[int] = set()
    for assignment in assignments:
        if assignment.attribute.pk in seen:
            raise _error(
                "attributes",
                f"The attribute {assignment.attribute.slug} is given twice.",
                ProductErrorCode.DUPLICATED_INPUT_ITEM,
            )
        seen.add(assignment.attribute.pk)
        if assignment.attribute.pk not in allowed:
            raise _error(
                "attributes",
                f"The attribute {assignment.attribute.slug} is not part of the product type.",
                ProductErrorCode.INVALID,
            )
    if is_new:
        missing = [a.slug for a in required if a.value_required and a.pk not in seen]
        if missing:
            raise _error(
                "attributes",
                f"Values are required for: {', '.join(missing)}.",
                ProductErrorCode.REQUIRED,
            )

    resolved = []
    for assignment in assignments:
        attribute = assignment.attribute
        values = _values_for(assignment)
        if attribute.value_required and not values:
            raise _error(
                "attributes",
                f"The attribute {attribute.slug} needs a value.",
                ProductErrorCode.REQUIRED,
            )
        if attribute.input_type != AttributeInputType.MULTISELECT and len(values) > 1:
            raise _error(
                "attributes",
                f"The attribute {attribute.slug} takes one value.",
                ProductErrorCode.INVALID,
            )
        resolved.append((attribute, values))
    return resolved


def _values_for(assignment: AttributeAssignment) -> list[AttributeValue]:
    attribute = assignment.attribute
    values: list[AttributeValue] = []
    if assignment.value_ids:
        found = {v.pk: v for v in attribute.values.filter(pk__in=assignment.value_ids)}
        if len(found) != len(set(assignment.value_ids)):
            raise _error(
                "attributes",
                f"Some values do not belong to the attribute {attribute.slug}.",
                ProductErrorCode.INVALID,
            )
        values.extend(found[pk] for pk in dict.fromkeys(assignment.value_ids))
    texts: list[tuple[str, dict]] = [(name, {}) for name in assignment.values if name.strip()]
    if assignment.plain_text is not None:
        texts.append((assignment.plain_text[:250], {"plain_text": assignment.plain_text}))
    if assignment.boolean is not None:
        label = "Yes" if assignment.boolean else "No"
        texts.append((label, {"boolean": assignment.boolean}))
    if assignment.numeric is not None:
        try:
            Decimal(assignment.numeric)
        except ArithmeticError as error:
            raise _error(
                "attributes", "A numeric value must be a number.", ProductErrorCode.INVALID
            ) from error
        texts.append((assignment.numeric, {}))
    for text, extra in texts:
        slug = slugify(text, allow_unicode=True)[:250] or "value"
        value, _ = AttributeValue.objects.get_or_create(
            attribute=attribute, slug=slug, defaults={"name": text.strip(), **extra}
        )
        values.append(value)
    return values


def _assign_product_attributes(product: Product, resolved) -> None:
    attribute_ids = [attribute.pk for attribute, _ in resolved]
    AssignedProductAttributeValue.objects.filter(
        product=product, value__attribute_id__in=attribute_ids
    ).delete()
    AssignedProductAttributeValue.objects.bulk_create(
        AssignedProductAttributeValue(product=product, value=value, sort_order=index)
        for _, values in resolved
        for index, value in enumerate(values)
    )


def _assign_variant_attributes(variant: ProductVariant, resolved) -> None:
    attribute_ids = [attribute.pk for attribute, _ in resolved]
    AssignedVariantAttributeValue.objects.filter(
        variant=variant, value__attribute_id__in=attribute_ids
    ).delete()
    AssignedVariantAttributeValue.objects.bulk_create(
        AssignedVariantAttributeValue(variant=variant, value=value, sort_order=index)
        for _, values in resolved
        for index, value in enumerate(values)
    )


def _set_metadata(instance, metadata: dict | None, private_metadata: dict | None) -> None:
    if metadata:
        instance.metadata = {**(instance.metadata or {}), **metadata}
    if private_metadata:
        instance.private_metadata = {**(instance.private_metadata or {}), **private_metadata}


def _plain_text(description: Any) -> str:
    """The text of an Editor.js document (Saleor's description format), for search and SEO."""
    if not isinstance(description, dict):
        return ""
    parts = []
    for block in description.get("blocks") or []:
        data = block.get("data") if isinstance(block, dict) else None
        if isinstance(data, dict):
            text = data.get("text")
            if isinstance(text, str):
                parts.append(re.sub(r"<[^>]+>", "", text))
            for item in data.get("items") or []:
                if isinstance(item, str):
                    parts.append(re.sub(r"<[^>]+>", "", item))
    return "\n".join(parts)


def _check_weight(weight: Decimal | None) -> None:
    if weight is not None and (not weight.is_finite() or weight < 0):
        raise _error("weight", "The weight cannot be negative.", ProductErrorCode.INVALID)


def _check_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise _error("name", "A name is required.", ProductErrorCode.REQUIRED)
    return name


# --- products --------------------------------------------------------------------------------


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
    name = _check_name(name)
    _check_weight(weight)
    _check_external_reference(Product, external_reference)
    product = Product(
        vendor=vendor,
        product_type=product_type,
        category=category,
        name=name,
        slug=_clean_slug(Product, slug, name=name),
        description=description,
        description_plaintext=_plain_text(description),
        seo_title=seo_title,
        seo_description=seo_description,
        weight=weight,
        rating=rating,
        external_reference=external_reference or None,
    )
    _set_metadata(product, metadata, private_metadata)
    resolved = _resolve_attribute_values(
        attributes or [],
        allowed=set(product_type.product_attributes.values_list("pk", flat=True)),
        required=list(product_type.product_attributes.all()),
        is_new=True,
    )
    _save_unique(product, fields={"slug": "slug", "external_reference": "externalReference"})
    _assign_product_attributes(product, resolved)
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
        product.name = _check_name(name)
    if slug is not UNSET:
        if not slug:
            raise _error("slug", "The slug cannot be blank.", ProductErrorCode.REQUIRED)
        if slug != product.slug:
            product.slug = _clean_slug(Product, slug, name=product.name, exclude_pk=product.pk)
    if category is not UNSET:
        product.category = category
    if description is not UNSET:
        product.description = description
        product.description_plaintext = _plain_text(description)
    if seo_title is not UNSET:
        product.seo_title = seo_title
    if seo_description is not UNSET:
        product.seo_description = seo_description
    if weight is not UNSET:
        _check_weight(weight)
        product.weight = weight
    if rating is not UNSET:
        product.rating = rating
    if external_reference is not UNSET:
        _check_external_reference(Product, external_reference, exclude_pk=product.pk)
        product.external_reference = external_reference or None
    _set_metadata(product, metadata, private_metadata)
    product_type = product.product_type
    resolved = _resolve_attribute_values(
        attributes or [],
        allowed=set(product_type.product_attributes.values_list("pk", flat=True)),
        required=[],
        is_new=False,
    )
    product.search_index_dirty = True
    _save_unique(product, fields={"slug": "slug", "external_reference": "externalReference"})
    _assign_product_attributes(product, resolved)
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
        raise _error(
            "id", "The product is used by orders and cannot be deleted.", ProductErrorCode.INVALID
        ) from error
    product.pk = pk
    bump_catalog_version()
    (manager or get_plugins_manager()).product_deleted(product, variant_ids)
    return product


# --- variants --------------------------------------------------------------------------------


def _check_sku(sku: str | None, *, exclude_pk: int | None = None) -> str | None:
    sku = (sku or "").strip() or None
    if sku is None:
        return None
    queryset = ProductVariant.objects.filter(sku=sku)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    if queryset.exists():
        raise _error("sku", "This SKU is already used.", ProductErrorCode.UNIQUE)
    return sku


def _check_quantity_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise _error(
            "quantityLimitPerCustomer",
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
        raise _error(
            "product",
            "This product type does not allow more than one variant.",
            ProductErrorCode.ATTRIBUTE_VARIANTS_DISABLED,
        )
    sku = _check_sku(sku)
    _check_weight(weight)
    _check_quantity_limit(quantity_limit_per_customer)
    _check_external_reference(ProductVariant, external_reference)
    resolved = _resolve_attribute_values(
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
    _set_metadata(variant, metadata, private_metadata)
    _save_unique(variant, fields={"sku": "sku", "external_reference": "externalReference"})
    _assign_variant_attributes(variant, resolved)
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
        variant.sku = _check_sku(sku, exclude_pk=variant.pk)
    if name is not UNSET:
        variant.name = (name or "").strip()
    if track_inventory is not UNSET and track_inventory is not None:
        variant.track_inventory = track_inventory
    if weight is not UNSET:
        _check_weight(weight)
        variant.weight = weight
    if quantity_limit_per_customer is not UNSET:
        _check_quantity_limit(quantity_limit_per_customer)
        variant.quantity_limit_per_customer = quantity_limit_per_customer
    if external_reference is not UNSET:
        _check_external_reference(ProductVariant, external_reference, exclude_pk=variant.pk)
        variant.external_reference = external_reference or None
    _set_metadata(variant, metadata, private_metadata)
    resolved = _resolve_attribute_values(
        attributes or [],
        allowed=set(variant.product.product_type.variant_attributes.values_list("pk", flat=True)),
        required=[],
        is_new=False,
    )
    _save_unique(variant, fields={"sku": "sku", "external_reference": "externalReference"})
    _assign_variant_attributes(variant, resolved)
    update_products_search_index([variant.product_id])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_variant_updated(variant)
    return variant


# --- channel listings ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductChannelListingChange:
    """How a product should be listed in one channel; None leaves a setting as it is."""

    channel: Channel
    is_published: bool | None = None
    published_at: Any = None
    visible_in_listings: bool | None = None
    is_available_for_purchase: bool | None = None
    available_for_purchase_at: Any = None
    add_variants: list[ProductVariant] = field(default_factory=list)
    remove_variants: list[ProductVariant] = field(default_factory=list)


@dataclass(frozen=True)
class VariantPriceChange:
    channel: Channel
    price: Decimal
    cost_price: Decimal | None = None


@transaction.atomic
def update_product_channel_listings(
    *,
    product: Product,
    update_channels: list[ProductChannelListingChange],
    remove_channels: list[Channel],
    manager: PluginsManager | None = None,
) -> Product:
    """Add, change and remove a product's channel listings; refreshes the cheapest prices."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    updated_ids = [change.channel.pk for change in update_channels]
    removed_ids = [channel.pk for channel in remove_channels]
    if len(set(updated_ids)) != len(updated_ids):
        raise _error(
            "updateChannels",
            "A channel is given more than once.",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    if set(updated_ids) & set(removed_ids):
        raise _error(
            "input",
            "A channel cannot be both updated and removed.",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    for change in update_channels:
        for variant in [*change.add_variants, *change.remove_variants]:
            if variant.product_id != product.pk:
                raise _error(
                    "addVariants" if variant in change.add_variants else "removeVariants",
                    "The variant does not belong to this product.",
                    ProductErrorCode.NOT_PRODUCTS_VARIANT,
                )
        if change.is_published and product.category_id is None:
            raise _error(
                "isPublished",
                "A product must have a category to be published.",
                ProductErrorCode.PRODUCT_WITHOUT_CATEGORY,
            )

    now = timezone.now()
    existing = {
        listing.channel_id: listing
        for listing in ProductChannelListing.objects.select_for_update().filter(product=product)
    }
    for change in update_channels:
        listing = existing.get(change.channel.pk) or ProductChannelListing(
            product=product, channel=change.channel, currency=change.channel.currency_code
        )
        if change.is_published is not None:
            listing.is_published = change.is_published
        if change.published_at is not None:
            listing.published_at = change.published_at
        elif listing.is_published and listing.published_at is None:
            listing.published_at = now
        if change.visible_in_listings is not None:
            listing.visible_in_listings = change.visible_in_listings
        if change.available_for_purchase_at is not None:
            listing.available_for_purchase_at = change.available_for_purchase_at
        elif change.is_available_for_purchase is True:
            listing.available_for_purchase_at = listing.available_for_purchase_at or now
        elif change.is_available_for_purchase is False:
            listing.available_for_purchase_at = None
        listing.save()
        if change.add_variants:
            ProductVariantChannelListing.objects.bulk_create(
                [
                    ProductVariantChannelListing(
                        variant=variant, channel=change.channel, currency=listing.currency
                    )
                    for variant in change.add_variants
                ],
                ignore_conflicts=True,
            )
        if change.remove_variants:
            ProductVariantChannelListing.objects.filter(
                channel=change.channel, variant__in=change.remove_variants
            ).delete()
    if removed_ids:
        ProductChannelListing.objects.filter(product=product, channel_id__in=removed_ids).delete()
        ProductVariantChannelListing.objects.filter(
            variant__product=product, channel_id__in=removed_ids
        ).delete()
    update_products_discounted_prices([product.pk])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_updated(product)
    return product


@transaction.atomic
def update_variant_channel_listings(
    *,
    variant: ProductVariant,
    prices: list[VariantPriceChange],
    manager: PluginsManager | None = None,
) -> ProductVariant:
    """Set a variant's price per channel; refreshes the product's cheapest prices."""
    channel_ids = [change.channel.pk for change in prices]
    if len(set(channel_ids)) != len(channel_ids):
        raise _error(
            "channelId",
            "A channel is given more than once.",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    listed = set(
        ProductChannelListing.objects.filter(
            product_id=variant.product_id, channel_id__in=channel_ids
        ).values_list("channel_id", flat=True)
    )
    for change in prices:
        if change.channel.pk not in listed:
            raise _error(
                "channelId",
                f"The product is not listed in the channel {change.channel.slug}.",
                ProductErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL,
            )
        clean_price(change.price, field_name="price")
        clean_price(change.cost_price, field_name="costPrice")
    for change in prices:
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant,
            channel=change.channel,
            defaults={
                "currency": change.channel.currency_code,
                "price_amount": change.price,
                "discounted_price_amount": change.price,
                "cost_price_amount": change.cost_price,
            },
        )
    update_products_discounted_prices([variant.product_id])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_variant_updated(variant)
    return variant


# --- categories ------------------------------------------------------------------------------


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
    name = _check_name(name)
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
        slug=_clean_slug(Category, slug, name=name),
        parent=parent,
        level=0 if parent is None else parent.level + 1,
        description=description,
        description_plaintext=_plain_text(description),
        seo_title=seo_title,
        seo_description=seo_description,
        background_image_alt=background_image_alt or "",
    )
    _set_metadata(category, metadata, private_metadata)
    if checked_image is not None:
        category.background_image.save(
            product_image_name(checked_image), background_image, save=False
        )
    _save_unique(category, fields={"slug": "slug"})
    # The primary key is the sequence: unique without counting siblings (no race).
    parent_path = parent.tree_path if parent is not None else ""
    category.tree_path = f"{parent_path}{category.pk:0{CATEGORY_PATH_WIDTH}d}."
    if len(category.tree_path) > Category._meta.get_field("tree_path").max_length:
        raise _error("parent", "The category tree is too deep.", ProductErrorCode.INVALID)
    Category.objects.filter(pk=category.pk).update(tree_path=category.tree_path)
    bump_catalog_version()
    (manager or get_plugins_manager()).category_created(category)
    return category


# --- media -----------------------------------------------------------------------------------


@transaction.atomic
def create_product_media(
    *,
    product: Product,
    image: IO[bytes] | None = None,
    media_url: str | None = None,
    alt: str = "",
) -> ProductMedia:
    """Attach an uploaded image (checked by Pillow, stored in the default storage) or a video
    URL to a product, last in order."""
    media_url = (media_url or "").strip() or None
    if image is None and media_url is None:
        raise _error("input", "An image or a media URL is required.", ProductErrorCode.REQUIRED)
    if image is not None and media_url is not None:
        raise _error(
            "input",
            "Give either an image or a media URL, not both.",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    if (alt or "") and len(alt) > ProductMedia._meta.get_field("alt").max_length:
        raise _error("alt", "The alt text is too long.", ProductErrorCode.INVALID)
    last = (
        ProductMedia.objects.filter(product=product)
        .order_by("-sort_order")
        .values_list("sort_order", flat=True)
        .first()
    )
    media = ProductMedia(product=product, alt=alt or "", sort_order=(last or 0) + 1)
    if image is not None:
        checked = check_image_upload(
            image,
            size=getattr(image, "size", None),
            content_type=getattr(image, "content_type", None),
        )
        media.type = ProductMediaType.IMAGE
        media.image.save(product_image_name(checked), image, save=False)
    else:
        host = re.sub(r"^https?://(www\.|m\.)?", "", media_url).split("/")[0].lower()
        if not media_url.startswith("https://") or not any(
            host == provider or host.endswith("." + provider) for provider in VIDEO_PROVIDERS
        ):
            raise _error(
                "mediaUrl",
                "Only videos from YouTube, Vimeo or Facebook can be linked.",
                ProductErrorCode.UNSUPPORTED_MEDIA_PROVIDER,
            )
        media.type = ProductMediaType.VIDEO
        media.external_url = media_url
    try:
        media.save()
    except Exception:
        if media.image:
            media.image.storage.delete(media.image.name)
        raise
    bump_catalog_version()
    return media
