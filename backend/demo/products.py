"""Bulk creation of listed, stocked products from plans: used by `populatedb` (a few hundred)
and `seed` (a hundred thousand), so both write the same shape of data.

Rows are inserted table by table with `bulk_create` (one INSERT per batch, primary keys returned
on PostgreSQL and SQLite), never one product at a time.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from backend.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantTranslation,
)
from backend.catalog.search import update_products_search_index
from backend.catalog.services.listings import update_products_discounted_prices
from backend.inventory.models import Stock, Warehouse
from backend.marketplace.models import Vendor

from . import data
from .bulk import TableWriter, allocate_ids, analyze, write
from .content import rich_text
from .reference import CatalogueReference

BATCH_SIZE = 2000
# In insertion order: parents first.
WRITTEN_MODELS = (
    Product,
    ProductTranslation,
    AssignedProductAttributeValue,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantTranslation,
    ProductVariantChannelListing,
    Stock,
    AssignedVariantAttributeValue,
)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ProductTemplate:
    """One product to be: a leaf category's item with a qualifier (a colour or an origin)."""

    leaf: data.LeafCategory
    item: data.Item
    qualifier: tuple[str, str, str | None]

    @property
    def name_bn(self) -> str:
        return f"{self.qualifier[0]} {self.item.name_bn}".strip()

    @property
    def name_en(self) -> str:
        return f"{self.qualifier[1]} {self.item.name_en}".strip()


@dataclass(frozen=True)
class ProductPlan:
    template: ProductTemplate
    slug: str
    sku_prefix: str
    vendor: Vendor
    warehouse: Warehouse
    image_path: str
    category_slug: str


SEO_TITLE_LENGTH = 70  # Saleor's limit, and what search engines show


def seo_title(name: str, shop: str) -> str:
    """A product's page title, "<name> | <shop>", not a copy of its name (the storefront shows
    both), the name shortened when the whole would not fit."""
    suffix = f" | {shop}"
    return name[: SEO_TITLE_LENGTH - len(suffix)] + suffix


def all_templates() -> list[ProductTemplate]:
    """Every item with every qualifier of its category, in a stable order."""
    return [
        ProductTemplate(leaf=leaf, item=item, qualifier=qualifier)
        for top in data.CATEGORIES
        for leaf in top.children
        for item in leaf.items
        for qualifier in leaf.qualifiers
    ]


def template_slug(template: ProductTemplate) -> str:
    return slugify(template.name_en)


def _reference_price(rng: random.Random, item: data.Item) -> Decimal:
    price = rng.randint(item.price_low, item.price_high)
    if price >= 200:
        price = max(item.price_low, round(price / 10) * 10)
    return Decimal(price)


def _variant_price(reference_price: Decimal, multiplier: Decimal) -> Decimal:
    price = reference_price * multiplier
    # Shop prices are whole taka, ending in 0 or 5 from a hundred up.
    step = Decimal(5) if price >= 100 else Decimal(1)
    price = (price / step).quantize(Decimal(1)) * step
    return price.quantize(TWO_PLACES)


def _descriptions(plan: ProductPlan) -> tuple[dict, str, dict]:
    template, vendor = plan.template, plan.vendor
    district = vendor.centre.district
    text_bn = (
        f"{template.name_bn}। {template.leaf.blurb_bn}",
        f"বিক্রেতা: {vendor.name_bn}, {district.name_bn}। উদ্যোক্তার কেন্দ্র থেকে সংগ্রহ বা ডাকযোগে ডেলিভারি।",
    )
    text_en = (
        f"{template.name_en}. {template.leaf.blurb_en}",
        f"Sold by {vendor.name}, {district.name}. Collect at the centre or receive it by post.",
    )
    return rich_text(*text_bn), " ".join(text_bn), rich_text(*text_en)


def _attribute_names() -> dict[tuple[str, str], str]:
    return {
        (attribute_slug, value_slug): value_en
        for attribute_slug, (_, _, _, choices) in data.ATTRIBUTES.items()
        for value_slug, _, value_en in choices
    }


def create_products(
    plans: Sequence[ProductPlan], *, reference: CatalogueReference, seed: int = 0
) -> list[int]:
    """Insert the planned products with translations, attributes, a listing in the channel,
    an image row, 1-4 variants with prices and stock. Returns the new products' ids.

    The caller makes sure the slugs are new. Does not index: call `refresh_derived_fields`.
    """
    product_ids: list[int] = []
    for start in range(0, len(plans), BATCH_SIZE):
        with transaction.atomic():
            product_ids.extend(
                _create_batch(plans[start : start + BATCH_SIZE], reference, seed + start)
            )
    if product_ids:
        analyze(WRITTEN_MODELS)
    return product_ids


def _create_batch(plans: Sequence[ProductPlan], reference: CatalogueReference, seed: int):
    now = timezone.now()
    channel = reference.channel
    values = reference.attribute_values
    value_names_en = _attribute_names()
    tables = {
        model: TableWriter(model, now, with_ids=model in (Product, ProductVariant))
        for model in WRITTEN_MODELS
    }
    product_ids = allocate_ids(Product, len(plans))
    variant_ids = iter(
        allocate_ids(ProductVariant, sum(len(plan.template.leaf.variants) for plan in plans))
    )
    for index, (product_id, plan) in enumerate(zip(product_ids, plans, strict=True)):
        rng = random.Random(f"{seed + index}:{plan.slug}")
        template, leaf = plan.template, plan.template.leaf
        product_type = reference.product_types[leaf.product_type]
        is_service = product_type.is_assisted_service
        description, plaintext, english = _descriptions(plan)
        reference_price = _reference_price(rng, template.item)

        first_variant_id = None
        for position, (value_slug, multiplier) in enumerate(leaf.variants):
            variant_id = next(variant_ids)
            first_variant_id = first_variant_id or variant_id
            key = (leaf.variant_attribute, value_slug)
            price = _variant_price(reference_price, multiplier)
            tables[ProductVariant].row(
                id=variant_id,
                product_id=product_id,
                sku=f"{plan.sku_prefix}-{position + 1}",
                name=values[key].name,
                track_inventory=not is_service,
                sort_order=position,
            )
            tables[ProductVariantTranslation].row(
                product_variant_id=variant_id, language_code="en", name=value_names_en[key]
            )
            tables[ProductVariantChannelListing].row(
                variant_id=variant_id,
                channel_id=channel.pk,
                currency=channel.currency_code,
                price_amount=price,
                discounted_price_amount=price,
                cost_price_amount=(price * Decimal("0.8")).quantize(TWO_PLACES),
            )
            tables[Stock].row(
                warehouse_id=plan.warehouse.pk,
                product_variant_id=variant_id,
                quantity=1000 if is_service else rng.randint(5, 200),
                quantity_allocated=0,
            )
            tables[AssignedVariantAttributeValue].row(
                variant_id=variant_id, value_id=values[key].pk, sort_order=0
            )

        tables[Product].row(
            id=product_id,
            vendor_id=plan.vendor.pk,
            product_type_id=product_type.pk,
            category_id=reference.categories[plan.category_slug].pk,
            name=template.name_bn,
            slug=plan.slug,
            description=description,
            description_plaintext=plaintext,
            seo_title=seo_title(template.name_bn, "হাট"),
            seo_description=plaintext[:300],
            weight=product_type.weight,
            default_variant_id=first_variant_id,
            search_index_dirty=True,
        )
        tables[ProductTranslation].row(
            product_id=product_id,
            language_code="en",
            name=template.name_en,
            description=english,
            seo_title=seo_title(template.name_en, "Haat"),
            seo_description=english["blocks"][0]["data"]["text"][:300],
        )
        tables[AssignedProductAttributeValue].row(
            product_id=product_id, value_id=values[("material", leaf.material)].pk, sort_order=0
        )
        if template.qualifier[2]:
            tables[AssignedProductAttributeValue].row(
                product_id=product_id,
                value_id=values[("colour", template.qualifier[2])].pk,
                sort_order=1,
            )
        tables[ProductChannelListing].row(
            product_id=product_id,
            channel_id=channel.pk,
            is_published=True,
            published_at=now,
            visible_in_listings=True,
            available_for_purchase_at=now,
            currency=channel.currency_code,
        )
        tables[ProductMedia].row(
            product_id=product_id, image=plan.image_path, alt=template.name_bn, sort_order=0
        )
    write(tables.values())
    return product_ids


def refresh_derived_fields(product_ids: Iterable[int]) -> None:
    """Search documents and the listings' cheapest prices, computed by the catalogue's own
    functions (the same ones its mutations call), in batches."""
    ids = sorted(set(product_ids))
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        update_products_search_index(batch)
        update_products_discounted_prices(batch)
    if len(ids) > BATCH_SIZE:
        analyze([Product, ProductChannelListing])
