"""Root query fields of the catalogue: products, variants, categories, collections, channels,
menus and pages, with Saleor's arguments and visibility rules."""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from graphql import GraphQLError

from backend.catalog import models
from backend.catalog.search import search_products
from backend.catalog.selectors import (
    category_and_descendants_q,
    collections_in_channel,
    products_in_channel,
    visible_variants,
)
from backend.channels import models as channel_models
from backend.content import models as content_models
from backend.content.selectors import can_manage_pages, visible_pages
from backend.core.permissions import PermissionEnum, has_permissions
from storefront_api.core.connection import (
    Page,
    check_pagination_args,
    connection_args,
    paginate,
)
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import int_pk_or_error

from .context import (
    ChannelContext,
    get_channel_or_error,
    user_can_manage_products,
)
from .dataloaders import (
    CollectionChannelListingByCollectionIdAndChannelSlugLoader,
    prime_product_listings,
    prime_variant_listings,
)
from .filters import (
    CategoryFilterInput,
    CollectionFilterInput,
    CollectionPublished,
    MenuFilterInput,
    PageFilterInput,
    ProductFilterInput,
    ProductVariantFilterInput,
    ProductWhereInput,
    filter_products,
    metadata_q,
    pks,
    search_text_q,
    where_products_q,
)
from .sorters import (
    CategorySortingInput,
    CollectionSortingInput,
    MenuSortingInput,
    PageSortingInput,
    ProductOrder,
    product_sort_keys,
    simple_sort_keys,
)
from .types import (
    Category,
    CategoryCountableConnection,
    Channel,
    Collection,
    CollectionCountableConnection,
    Menu,
    MenuCountableConnection,
    PageCountableConnection,
    Product,
    ProductCountableConnection,
    ProductVariant,
    ProductVariantCountableConnection,
)
from .types import (
    Page as PageType,
)


def _wrap_page(page: Page, channel_slug: str) -> Page:
    for edge in page.edges:
        edge.node = ChannelContext(edge.node, channel_slug)
    return page


def _one_of(**lookups: Any) -> dict[str, Any]:
    given = {name: value for name, value in lookups.items() if value is not None}
    if len(given) != 1:
        names = ", ".join(f"'{name}'" for name in lookups)
        raise GraphQLError(f"Exactly one of arguments is required: {names}.")
    return given


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
    lookups = _one_of(id=id, slug=slug, external_reference=external_reference)
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
    lookups = _one_of(id=id, sku=sku, external_reference=external_reference)
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
        variants = variants.filter(pk__in=pks(ids, "ProductVariant"))
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
            categories = categories.filter(pk__in=pks(filter["ids"], "Category"))
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
    lookups = _one_of(id=id, slug=slug)
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
    from backend.catalog.selectors import is_product_listing_visible

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
            collections = collections.filter(pk__in=pks(filter["ids"], "Collection"))
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
    lookups = _one_of(id=id, slug=slug)
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


# --- channels, menus, pages ----------------------------------------------------------------


def _can_see_inactive_channels(info) -> bool:
    user = info.context.user
    return has_permissions(user, [PermissionEnum.MANAGE_CHANNELS]) or user_can_manage_products(
        info.context
    )


def resolve_channels(info):
    channels = channel_models.Channel.objects.all()
    if not _can_see_inactive_channels(info):
        channels = channels.filter(is_active=True)
    return list(channels)


def resolve_channel(info, *, id=None, slug=None):
    lookups = _one_of(id=id, slug=slug)
    channels = channel_models.Channel.objects.all()
    if not _can_see_inactive_channels(info):
        channels = channels.filter(is_active=True)
    if "id" in lookups:
        return channels.filter(pk=int_pk_or_error(id, "Channel")).first()
    return channels.filter(slug=slug).first()


def resolve_menu(info, *, channel=None, id=None, name=None, slug=None):
    lookups = _one_of(id=id, name=name, slug=slug)
    if "id" in lookups:
        return content_models.Menu.objects.filter(pk=int_pk_or_error(id, "Menu")).first()
    if "name" in lookups:
        return content_models.Menu.objects.filter(name=name).first()
    return content_models.Menu.objects.filter(slug=slug).first()


def resolve_menus(info, *, channel=None, filter=None, sort_by=None, **kwargs) -> Page:
    menus = content_models.Menu.objects.all()
    if filter:
        slugs = (filter.get("slugs") or []) + (filter.get("slug") or [])
        if slugs:
            menus = menus.filter(slug__in=slugs)
        menus = menus.filter(
            search_text_q(filter.get("search"), "name", "slug") & metadata_q(filter.get("metadata"))
        )
    keys = simple_sort_keys(sort_by, default="name")
    return paginate(menus, keys=keys, connection_name="menus", **kwargs)


def resolve_page(info, *, id=None, slug=None, **_kwargs):
    lookups = _one_of(id=id, slug=slug)
    pages = visible_pages(can_see_all=can_manage_pages(info.context.user))
    if "id" in lookups:
        return pages.filter(pk=int_pk_or_error(id, "Page")).first()
    return pages.filter(slug=slug).first()


def resolve_pages(info, *, filter=None, sort_by=None, **kwargs) -> Page:
    pages = visible_pages(can_see_all=can_manage_pages(info.context.user))
    if filter:
        if filter.get("ids"):
            pages = pages.filter(pk__in=pks(filter["ids"], "Page"))
        if filter.get("slugs"):
            pages = pages.filter(slug__in=filter["slugs"])
        if filter.get("page_types"):
            pages = pages.filter(page_type_id__in=pks(filter["page_types"], "PageType"))
        pages = pages.filter(
            search_text_q(filter.get("search"), "title", "slug")
            & metadata_q(filter.get("metadata"))
        )
    keys = simple_sort_keys(sort_by, default="slug")
    return paginate(pages, keys=keys, connection_name="pages", **kwargs)


def _slug_language_code() -> graphene.Argument:
    return graphene.Argument(
        LanguageCodeEnum, description="Accepted for compatibility: Haat's slugs are not translated."
    )


class CatalogQueries(graphene.ObjectType):
    products = graphene.Field(
        ProductCountableConnection,
        filter=graphene.Argument(ProductFilterInput),
        where=graphene.Argument(ProductWhereInput),
        sort_by=graphene.Argument(ProductOrder),
        search=graphene.String(description="Words to look for in names, SKUs and vendors."),
        channel=graphene.String(description="Slug of a channel (default: the shop's)."),
        **connection_args(),
        description="Products the viewer may see in a channel.",
    )
    product = graphene.Field(
        Product,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=_slug_language_code(),
        external_reference=graphene.String(),
        channel=graphene.String(),
        description="One product, by ID, slug or external reference.",
    )
    product_variant = graphene.Field(
        ProductVariant,
        id=graphene.ID(),
        sku=graphene.String(),
        external_reference=graphene.String(),
        channel=graphene.String(),
        description="One variant, by ID, SKU or external reference.",
    )
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        ids=graphene.List(graphene.NonNull(graphene.ID)),
        channel=graphene.String(),
        filter=graphene.Argument(ProductVariantFilterInput),
        **connection_args(),
        description="Variants the viewer may see in a channel.",
    )
    categories = graphene.Field(
        CategoryCountableConnection,
        filter=graphene.Argument(CategoryFilterInput),
        sort_by=graphene.Argument(CategorySortingInput),
        level=graphene.Int(description="Only categories at this depth (0: top level)."),
        **connection_args(),
        description="Categories of the catalogue.",
    )
    category = graphene.Field(
        Category,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=_slug_language_code(),
        description="One category, by ID or slug.",
    )
    collections = graphene.Field(
        CollectionCountableConnection,
        filter=graphene.Argument(CollectionFilterInput),
        sort_by=graphene.Argument(CollectionSortingInput),
        channel=graphene.String(),
        **connection_args(),
        description="Collections published in a channel.",
    )
    collection = graphene.Field(
        Collection,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=_slug_language_code(),
        channel=graphene.String(),
        description="One collection, by ID or slug.",
    )
    channels = graphene.List(graphene.NonNull(Channel), description="The sales channels.")
    channel = graphene.Field(
        Channel, id=graphene.ID(), slug=graphene.String(), description="One sales channel."
    )
    menu = graphene.Field(
        Menu,
        channel=graphene.String(),
        id=graphene.ID(),
        name=graphene.String(),
        slug=graphene.String(),
        description="One navigation menu, by ID, name or slug.",
    )
    menus = graphene.Field(
        MenuCountableConnection,
        channel=graphene.String(),
        sort_by=graphene.Argument(MenuSortingInput),
        filter=graphene.Argument(MenuFilterInput),
        **connection_args(),
        description="Navigation menus.",
    )
    page = graphene.Field(
        PageType,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=_slug_language_code(),
        description="One content page, by ID or slug.",
    )
    pages = graphene.Field(
        PageCountableConnection,
        sort_by=graphene.Argument(PageSortingInput),
        filter=graphene.Argument(PageFilterInput),
        **connection_args(),
        description="Content pages.",
    )

    @staticmethod
    def resolve_products(_root, info, **kwargs):
        return resolve_products(info, **kwargs)

    @staticmethod
    def resolve_product(_root, info, **kwargs):
        return resolve_product(info, **kwargs)

    @staticmethod
    def resolve_product_variant(_root, info, **kwargs):
        return resolve_product_variant(info, **kwargs)

    @staticmethod
    def resolve_product_variants(_root, info, **kwargs):
        return resolve_product_variants(info, **kwargs)

    @staticmethod
    def resolve_categories(_root, info, **kwargs):
        return resolve_categories(info, **kwargs)

    @staticmethod
    def resolve_category(_root, info, **kwargs):
        return resolve_category(info, **kwargs)

    @staticmethod
    def resolve_collections(_root, info, **kwargs):
        return resolve_collections(info, **kwargs)

    @staticmethod
    def resolve_collection(_root, info, **kwargs):
        return resolve_collection(info, **kwargs)

    @staticmethod
    def resolve_channels(_root, info):
        return resolve_channels(info)

    @staticmethod
    def resolve_channel(_root, info, **kwargs):
        return resolve_channel(info, **kwargs)

    @staticmethod
    def resolve_menu(_root, info, **kwargs):
        return resolve_menu(info, **kwargs)

    @staticmethod
    def resolve_menus(_root, info, **kwargs):
        return resolve_menus(info, **kwargs)

    @staticmethod
    def resolve_page(_root, info, **kwargs):
        return resolve_page(info, **kwargs)

    @staticmethod
    def resolve_pages(_root, info, **kwargs):
        return resolve_pages(info, **kwargs)
