"""Reads of the catalogue: who may see which product, variant, collection and page, in a channel.

Shoppers see only products of approved vendors that are published in the channel (and, in
lists, visible in listings); staff who manage products see everything.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from backend.channels.models import Channel
from backend.core.permissions import PermissionEnum, has_permissions
from backend.marketplace.models import VendorStatus

from .models import (
    Category,
    Collection,
    CollectionChannelListing,
    Product,
    ProductChannelListing,
    ProductVariant,
)

# Sorts products without a price after every priced one (keyset cursors cannot hold NULL).
NO_PRICE_SORT_VALUE = Decimal("9999999999.99")

# Columns of the channel listing read with the product, so a page needs no second query for them.
PRODUCT_LISTING_FIELDS = (
    "id",
    "is_published",
    "published_at",
    "visible_in_listings",
    "available_for_purchase_at",
    "currency",
    "discounted_price_amount",
)
VARIANT_LISTING_FIELDS = ("id", "currency", "price_amount", "discounted_price_amount")
DEFERRED_PRODUCT_FIELDS = ("search_document", "search_vector", "description_plaintext")


def can_manage_products(user) -> bool:
    return has_permissions(user, [PermissionEnum.MANAGE_PRODUCTS])


def _published_q(prefix: str, now: datetime) -> Q:
    return Q(**{f"{prefix}is_published": True}) & (
        Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now})
    )


def products_in_channel(
    *,
    channel: Channel,
    can_see_all: bool,
    for_listing: bool = False,
    listed_only: bool = True,
    now: datetime | None = None,
) -> QuerySet[Product]:
    """Products visible in `channel`, annotated with their listing's columns (`listing_<field>`),
    their type's VAT rate (`vat_rate`) and their sortable price (`sort_price`).

    For staff (`can_see_all`) every product listed in the channel, published or not; with
    `listed_only=False` every product at all (the listing columns are then NULL for some).
    """
    now = now or timezone.now()
    # The search columns, large and never shown, stay in the database.
    products = Product.objects.defer(*DEFERRED_PRODUCT_FIELDS).annotate(
        channel_listing=FilteredRelation(
            "channel_listings", condition=Q(channel_listings__channel_id=channel.pk)
        )
    )
    # Filter on the listing before annotating its columns: the annotations then reuse the
    # filter's join instead of adding a second one to the same table.
    if not can_see_all:
        visible = Q(vendor__status=VendorStatus.APPROVED) & _published_q("channel_listing__", now)
        if for_listing:
            visible &= Q(channel_listing__visible_in_listings=True)
        products = products.filter(visible)
    elif listed_only:
        products = products.filter(channel_listing__id__isnull=False)
    return products.annotate(
        vat_rate=F("product_type__vat_rate"),
        sort_price=Coalesce(
            F("channel_listing__discounted_price_amount"),
            Value(NO_PRICE_SORT_VALUE),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        ),
        **{f"listing_{name}": F(f"channel_listing__{name}") for name in PRODUCT_LISTING_FIELDS},
    )


def variants_in_channel(*, channel: Channel, can_see_all: bool) -> QuerySet[ProductVariant]:
    """Variants annotated with their channel price columns (`listing_<field>`) and VAT rate;
    shoppers see only the ones with a price in the channel."""
    variants = ProductVariant.objects.annotate(
        channel_listing=FilteredRelation(
            "channel_listings", condition=Q(channel_listings__channel_id=channel.pk)
        )
    )
    if not can_see_all:
        # Filtered before the columns are annotated, so both share one join (see above).
        variants = variants.filter(channel_listing__price_amount__isnull=False)
    return variants.annotate(
        vat_rate=F("product__product_type__vat_rate"),
        product_type_pk=F("product__product_type_id"),
        **{f"listing_{name}": F(f"channel_listing__{name}") for name in VARIANT_LISTING_FIELDS},
    )


def visible_variants(
    *, channel: Channel, can_see_all: bool, now: datetime | None = None
) -> QuerySet[ProductVariant]:
    """Variants a shopper may open directly: priced in the channel, of a visible product."""
    variants = variants_in_channel(channel=channel, can_see_all=can_see_all)
    if can_see_all:
        return variants
    visible_products = products_in_channel(channel=channel, can_see_all=False, now=now)
    return variants.filter(product_id__in=visible_products.values("pk"))


def category_and_descendants_q(categories: QuerySet[Category] | list[Category], field: str) -> Q:
    """`field` (a path to a category) is one of `categories` or below one of them."""
    condition = Q(pk__in=[])
    for path in {category.tree_path for category in categories}:
        condition |= Q(**{f"{field}__tree_path__startswith": path})
    return condition


def ancestor_tree_paths(tree_path: str) -> list[str]:
    """`0001.0004.0009.` -> [`0001.`, `0001.0004.`]: the paths of a category's ancestors."""
    segments = [segment for segment in tree_path.split(".") if segment]
    return [".".join(segments[: index + 1]) + "." for index in range(len(segments) - 1)]


def collections_in_channel(
    *, channel: Channel, can_see_all: bool, now: datetime | None = None
) -> QuerySet[Collection]:
    """Collections published in the channel (staff: every collection)."""
    collections = Collection.objects.all()
    if can_see_all:
        return collections
    now = now or timezone.now()
    listings = CollectionChannelListing.objects.filter(
        _published_q("", now), collection_id=OuterRef("pk"), channel_id=channel.pk
    )
    return collections.filter(Exists(listings))


def is_product_listing_visible(
    listing: ProductChannelListing | None, *, now: datetime | None = None
) -> bool:
    if listing is None:
        return False
    now = now or timezone.now()
    return listing.is_published and (listing.published_at is None or listing.published_at <= now)


def may_see_product(*, product: Product, user, now: datetime | None = None) -> bool:
    """The rule the API applies to one product, without a channel (thumbnails, media files):
    staff who manage products and the vendor's owner see it; anyone else only a product of an
    approved vendor published in an active channel (as `products_in_channel` for shoppers)."""
    if can_manage_products(user):
        return True
    is_person = getattr(user, "is_authenticated", False) and not getattr(user, "is_app", False)
    if is_person and user.is_active and product.vendor.owner_id == user.pk:
        return True
    if product.vendor.status != VendorStatus.APPROVED:
        return False
    now = now or timezone.now()
    return ProductChannelListing.objects.filter(
        _published_q("", now), product_id=product.pk, channel__is_active=True
    ).exists()
