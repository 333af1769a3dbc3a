"""Resolvers of the catalogue's lists and lookups: the root query fields and the types (a
category's or collection's products, a menu item's collection) share them, so neither the types nor
the root schema import each other."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from backend.catalog import models
from backend.catalog.search import search_products
from backend.catalog.selectors import (
    category_and_descendants_q,
    collections_in_channel,
    is_product_listing_visible,
    products_in_channel,
    visible_variants,
)
from storefront_api.core.arguments import exactly_one_of
from storefront_api.core.connection import Page, check_pagination_args, paginate
from storefront_api.core.dataloaders import then
from storefront_api.core.ids import int_pk_or_error, int_pks_or_error

from .context import ChannelContext, get_channel_or_error, user_can_manage_products
from .dataloaders import (
    CollectionChannelListingByCollectionIdAndChannelSlugLoader,
    prime_product_listings,
    prime_variant_listings,
)
from .filters import (
    CollectionPublished,
    filter_products,
    metadata_q,
    search_text_q,
    where_products_q,
)
from .sorters import product_sort_keys, simple_sort_keys


def _wrap_page(page: Page, channel_slug: str) -> Page:
    for edge in page.edges:
        edge.node = ChannelContext(edge.node, channel_slug)
    return page


# --- products ------------------------------------------------------------------------------


def resolve_products(
    info,
    *,
    channel: str | None = None,
    category: models.Category | None = None,
    collection: models.Collection | None = None,
    filter: dict | None = None,
    where: dict | None = None,
    sort_by: dict | None = None,
    search: str | None = None,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
) -> Page:
    """A page of the products the viewer may see in the channel, filtered, searched, sorted."""
    check_pagination_args("products", first, last)
    context = info.context
    channel_obj = get_channel_or_error(context, channel)
    can_see_all = user_can_manage_products(context)
    products = products_in_channel(
        channel=channel_obj,
        can_see_all=can_see_all,
        for_listing=True,
        listed_only=channel is not None or category is not None or collection is not None,
    )
    if category is not None:
        products = products.filter(category_and_descendants_q([category], "category"))
    if collection is not None:
        products = products.filter(
            Exists(
                models.CollectionProduct.objects.filter(
                    product_id=OuterRef("pk"), collection_id=collection.pk
                )
            )
        )
    if where:
        products = products.filter(where_products_q(where, channel=channel_obj))
    # Last, after every other filter: a search picks its candidates from what is left.
    products = filter_products(products, filter, channel=channel_obj)
    searching = bool(search) or bool(filter and filter.get("search"))
    if search:
        products = search_products(products, search)
    products, keys = product_sort_keys(products, sort_by, searching=searching)
    page = paginate(
        products,
        keys=keys,
        first=first,
        last=last,
        after=after,
        before=before,
        connection_name="products",
    )
    prime_product_listings(context, [edge.node for edge in page.edges], channel_obj)
    return _wrap_page(page, channel_obj.slug)


def resolve_product(info, *, id=None, slug=None, external_reference=None, channel=None, **_kwargs):
    lookups = exactly_one_of(id=id, slug=slug, external_reference=external_reference)
    context = info.context
    channel_obj = get_channel_or_error(context, channel)
    products = products_in_channel(
        channel=channel_obj,
        can_see_all=user_can_manage_products(context),
        listed_only=False,
    )
    # One product: its category and vendor are cheapest read in the same query (a list reads
    # them through loaders instead, which makes fewer model instances).
    products = products.select_related("category", "vendor")
    if "id" in lookups:
        products = products.filter(pk=int_pk_or_error(id, "Product"))
    elif "slug" in lookups:
        products = products.filter(slug=slug)
    else:
        products = products.filter(external_reference=external_reference)
    product = products.first()
    if product is None:
        return None
    prime_product_listings(context, [product], channel_obj)
    return ChannelContext(product, channel_obj.slug)


def _variants(info, channel: str | None):
    context = info.context
    channel_obj = get_channel_or_error(context, channel)
    variants = visible_variants(channel=channel_obj, can_see_all=user_can_manage_products(context))
    return channel_obj, variants


def resolve_product_variant(info, *, id=None, sku=None, external_reference=None, channel=None):
    lookups = exactly_one_of(id=id, sku=sku, external_reference=external_reference)
    channel_obj, variants = _variants(info, channel)
    if "id" in lookups:
        variants = variants.filter(pk=int_pk_or_error(id, "ProductVariant"))
    elif "sku" in lookups:
        variants = variants.filter(sku=sku)
    else:
        variants = variants.filter(external_reference=external_reference)
    variant = variants.first()
    if variant is None:
        return None
    prime_variant_listings(info.context, [variant], channel_obj)
    return ChannelContext(variant, channel_obj.slug)


def resolve_product_variants(info, *, ids=None, channel=None, filter=None, **kwargs) -> Page:
    check_pagination_args("productVariants", kwargs.get("first"), kwargs.get("last"))
    channel_obj, variants = _variants(info, channel)
    if ids:
        variants = variants.filter(pk__in=int_pks_or_error(ids, "ProductVariant"))
    if filter:
        if filter.get("sku"):
            variants = variants.filter(sku__in=filter["sku"])
        variants = variants.filter(
            search_text_q(filter.get("search"), "name", "sku") & metadata_q(filter.get("metadata"))
        )
    page = paginate(variants, keys=[], connection_name="productVariants", **kwargs)
    prime_variant_listings(info.context, [edge.node for edge in page.edges], channel_obj)
    return _wrap_page(page, channel_obj.slug)


# --- categories and collections ------------------------------------------------------------


def resolve_categories(info, *, filter=None, sort_by=None, level=None, **kwargs) -> Page:
    categories = models.Category.objects.all()
    if filter:
        if filter.get("ids"):
            categories = categories.filter(pk__in=int_pks_or_error(filter["ids"], "Category"))
        if filter.get("slugs"):
            categories = categories.filter(slug__in=filter["slugs"])
        categories = categories.filter(
            search_text_q(filter.get("search"), "name", "slug") & metadata_q(filter.get("metadata"))
        )
    if level is not None:
        categories = categories.filter(level=level)
    keys = simple_sort_keys(sort_by, default="name")
    return paginate(categories, keys=keys, connection_name="categories", **kwargs)


def resolve_category(info, *, id=None, slug=None, **_kwargs):
    lookups = exactly_one_of(id=id, slug=slug)
    if "id" in lookups:
        return models.Category.objects.filter(pk=int_pk_or_error(id, "Category")).first()
    return models.Category.objects.filter(slug=slug).first()


def visible_collection(info, collection, channel_slug: str | None):
    """The collection if the viewer may see it in the channel, else None."""
    if collection is None:
        return None
    slug = channel_slug or settings.DEFAULT_CHANNEL_SLUG
    if user_can_manage_products(info.context):
        return ChannelContext(collection, slug)
    return then(
        CollectionChannelListingByCollectionIdAndChannelSlugLoader(info.context).load(
            (collection.pk, slug)
        ),
        lambda listing: (
            ChannelContext(collection, slug) if is_product_listing_visible(listing) else None
        ),
    )


def resolve_collections(info, *, channel=None, filter=None, sort_by=None, **kwargs) -> Page:
    check_pagination_args("collections", kwargs.get("first"), kwargs.get("last"))
    context = info.context
    channel_obj = get_channel_or_error(context, channel)
    collections = collections_in_channel(
        channel=channel_obj, can_see_all=user_can_manage_products(context)
    )
    if filter:
        if filter.get("ids"):
            collections = collections.filter(pk__in=int_pks_or_error(filter["ids"], "Collection"))
        if filter.get("slugs"):
            collections = collections.filter(slug__in=filter["slugs"])
        published = filter.get("published")
        if published is not None:
            is_published = Exists(
                models.CollectionChannelListing.objects.filter(
                    collection_id=OuterRef("pk"), channel_id=channel_obj.pk, is_published=True
                )
            )
            wanted = getattr(published, "value", published) == CollectionPublished.PUBLISHED.value
            collections = collections.filter(is_published if wanted else ~Q(is_published))
        collections = collections.filter(
            search_text_q(filter.get("search"), "name", "slug") & metadata_q(filter.get("metadata"))
        )
    keys = simple_sort_keys(sort_by, default="slug")
    page = paginate(collections, keys=keys, connection_name="collections", **kwargs)
    return _wrap_page(page, channel_obj.slug)


def resolve_collection(info, *, id=None, slug=None, channel=None, **_kwargs):
    lookups = exactly_one_of(id=id, slug=slug)
    context = info.context
    channel_obj = get_channel_or_error(context, channel)
    collections = collections_in_channel(
        channel=channel_obj, can_see_all=user_can_manage_products(context)
    )
    if "id" in lookups:
        collections = collections.filter(pk=int_pk_or_error(id, "Collection"))
    else:
        collections = collections.filter(slug=slug)
    collection = collections.first()
    return ChannelContext(collection, channel_obj.slug) if collection else None
