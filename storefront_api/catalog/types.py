"""GraphQL types of the catalogue, shaped as Saleor 3.21's.

Products, variants and collections are seen in a channel (prices, availability and visible
variants depend on it): their roots are `ChannelContext(node, channel_slug)`. Every relation
resolves through a DataLoader.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.conf import settings
from django.utils import timezone
from graphene import relay

from backend.catalog import models
from backend.catalog.pricing import (
    TaxedAmount,
    taxed_amount_from_gross,
    taxed_amount_range,
    taxed_discount,
)
from backend.catalog.selectors import is_product_listing_visible
from backend.catalog.thumbnails import snap_thumbnail_size
from backend.channels import models as channel_models
from backend.content import models as content_models
from backend.content.selectors import is_page_visible
from backend.inventory.selectors import cap_available_quantity
from storefront_api.accounts.types import CountryDisplay
from storefront_api.core.connection import (
    connection_args,
    create_connection,
    paginate_list,
)
from storefront_api.core.dataloaders import gather, resolved, then
from storefront_api.core.enums import (
    LanguageCodeEnum,
    OrderDirection,
    ThumbnailFormatEnum,
    WeightUnitsEnum,
    language_code_to_django,
)
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.ids import to_global_id
from storefront_api.core.types import (
    Image,
    LanguageDisplay,
    MetadataItem,
    ModelObjectType,
    Money,
    ObjectWithMetadataFields,
    TaxedMoney,
    TaxedMoneyRange,
    Weight,
)
from storefront_api.inventory.dataloaders import (
    AvailableQuantityByVariantIdAndChannelSlugLoader,
    StocksByVariantIdLoader,
)
from storefront_api.inventory.types import Stock
from storefront_api.marketplace.dataloaders import VendorByIdLoader
from storefront_api.marketplace.types import Vendor

from .context import (
    ChannelContext,
    channel_node_resolver,
    channel_slug_of,
    unwrap,
    user_can_manage_products,
)
from .dataloaders import (
    AncestorsByCategoryTreePathLoader,
    AttributeByIdLoader,
    CategoryByIdLoader,
    ChannelByIdLoader,
    ChannelListingsByProductIdLoader,
    ChannelListingsByVariantIdLoader,
    ChildrenByCategoryIdLoader,
    ChildrenByMenuItemIdLoader,
    CollectionByIdLoader,
    CollectionsByProductIdAndChannelSlugLoader,
    MediaByProductIdLoader,
    MediaByVariantIdLoader,
    MenuByIdLoader,
    MenuItemByIdLoader,
    MenuItemsByMenuIdLoader,
    PageByIdLoader,
    PageTypeByIdLoader,
    ProductByIdLoader,
    ProductChannelListingByProductIdAndChannelSlugLoader,
    ProductTypeByIdLoader,
    ProductTypeIdByVariantIdLoader,
    SelectedAttributesByProductIdLoader,
    SelectedAttributesByVariantIdLoader,
    ThumbnailByMediaIdSizeAndFormatLoader,
    TranslationByAttributeIdAndLanguageLoader,
    TranslationByAttributeValueIdAndLanguageLoader,
    TranslationByCategoryIdAndLanguageLoader,
    TranslationByCollectionIdAndLanguageLoader,
    TranslationByMenuItemIdAndLanguageLoader,
    TranslationByPageIdAndLanguageLoader,
    TranslationByProductIdAndLanguageLoader,
    TranslationByVariantIdAndLanguageLoader,
    VariantChannelListingByVariantIdAndChannelSlugLoader,
    VariantsByProductIdAndChannelSlugLoader,
)

LANGUAGE_NAMES = dict(settings.LANGUAGES)


# --- small helpers -------------------------------------------------------------------------


class MoneyAmount:
    """What the Money type reads: an amount and its currency."""

    __slots__ = ("amount", "currency")

    def __init__(self, amount: Decimal, currency: str):
        self.amount = amount
        self.currency = currency

    @classmethod
    def or_none(cls, amount: Decimal | None, currency: str) -> MoneyAmount | None:
        """Money for a stored amount; None where no amount is stored (no price set)."""
        return None if amount is None else cls(amount, currency)


class TaxedMoneyAmount:
    __slots__ = ("currency", "gross", "net", "tax")

    def __init__(self, taxed: TaxedAmount):
        self.currency = taxed.currency
        self.gross = MoneyAmount(taxed.gross, taxed.currency)
        self.net = MoneyAmount(taxed.net, taxed.currency)
        self.tax = MoneyAmount(taxed.tax, taxed.currency)


def _taxed(taxed: TaxedAmount | None) -> TaxedMoneyAmount | None:
    return TaxedMoneyAmount(taxed) if taxed is not None else None


class _Range:
    __slots__ = ("start", "stop")

    def __init__(self, start: Any, stop: Any):
        self.start = start
        self.stop = stop


def _enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


def _language(language_code: Any) -> str:
    return language_code_to_django(_enum_value(language_code))


def _weight(value: Decimal | None) -> Weight | None:
    if value is None:
        return None
    return Weight(unit=WeightUnitsEnum.KG.value, value=value)


def _metadata_items(data: dict | None) -> list[MetadataItem]:
    return [MetadataItem(key=key, value=value) for key, value in (data or {}).items()]


def absolute_url(info, url: str) -> str:
    """Storage URLs are relative for local media: make them absolute for the request's host
    (PUBLIC_URL outside a request)."""
    if url.startswith(("http://", "https://")):
        return url
    base = getattr(info.context, "absolute_url_base", None)
    if base is None:
        request = getattr(info.context, "request", None)
        if request is not None:
            base = request.build_absolute_uri("/").rstrip("/")
        else:
            base = settings.PUBLIC_URL.rstrip("/")
        info.context.absolute_url_base = base
    return base + url


def media_url(info, media: models.ProductMedia, size: int | None, image_format: Any):
    """The URL of a product image in a size and format: a stored thumbnail when one exists,
    else the address that makes it on first request; the original when asked for no size."""
    if media.type != models.ProductMediaType.IMAGE or not media.image:
        return resolved(media.external_url or "")
    image_format = _enum_value(image_format) or ThumbnailFormatEnum.ORIGINAL.value
    if not size and image_format == ThumbnailFormatEnum.ORIGINAL.value:
        return resolved(absolute_url(info, media.image.url))
    snapped = snap_thumbnail_size(size)
    stored_format = "" if image_format == ThumbnailFormatEnum.ORIGINAL.value else image_format

    def build(thumbnail: models.Thumbnail | None) -> str:
        if thumbnail is not None:
            return absolute_url(info, thumbnail.image.url)
        media_id = to_global_id("ProductMedia", media.pk)
        suffix = f"{snapped}/" if not stored_format else f"{snapped}/{stored_format}/"
        return absolute_url(info, f"/thumbnail/{media_id}/{suffix}")

    return then(
        ThumbnailByMediaIdSizeAndFormatLoader(info.context).load(
            (media.pk, snapped, stored_format)
        ),
        build,
    )


def _language_display(language_code: str) -> LanguageDisplay:
    return LanguageDisplay(
        code=language_code, language=LANGUAGE_NAMES.get(language_code, language_code)
    )


class ChannelObjectWithMetadataFields(ObjectWithMetadataFields):
    """Metadata fields for types whose root may be a ChannelContext."""

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return isinstance(unwrap(root), cls._model)

    @staticmethod
    def resolve_id(root, _info):
        return unwrap(root).pk

    @staticmethod
    def resolve_channel(root, _info):
        return channel_slug_of(root)

    @staticmethod
    def resolve_metadata(root, _info):
        return _metadata_items(unwrap(root).metadata)

    @staticmethod
    def resolve_metafield(root, _info, key: str):
        return (unwrap(root).metadata or {}).get(key)

    @staticmethod
    def resolve_private_metadata(root, info):
        if not user_can_manage_products(info.context):
            return []
        return _metadata_items(unwrap(root).private_metadata)


class ChannelProductFields:
    """Resolvers products and variants share (their roots may be ChannelContexts)."""

    @staticmethod
    def resolve_created(root, _info):
        return unwrap(root).created_at

    @staticmethod
    def resolve_weight(root, _info):
        return _weight(unwrap(root).weight)


# --- translations --------------------------------------------------------------------------


class _Translation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)

    class Meta:
        abstract = True

    @staticmethod
    def resolve_language(root, _info):
        return _language_display(root.language_code)


def _translation_type(name: str, model, fields: dict[str, Any], description: str):
    def resolve_id(root, _info):
        return root.pk

    attrs = {
        **fields,
        "resolve_id": staticmethod(resolve_id),
        "Meta": type("Meta", (), {"description": description, "interfaces": (relay.Node,)}),
    }
    return type(name, (_Translation,), attrs)


_SEO_FIELDS = {
    "seo_title": graphene.String(),
    "seo_description": graphene.String(),
    "slug": graphene.String(),
    "name": graphene.String(),
    "description": graphene.JSONString(),
}

ProductTranslation = _translation_type(
    "ProductTranslation", models.ProductTranslation, dict(_SEO_FIELDS), "A product in a language."
)
CategoryTranslation = _translation_type(
    "CategoryTranslation",
    models.CategoryTranslation,
    dict(_SEO_FIELDS),
    "A category in a language.",
)
CollectionTranslation = _translation_type(
    "CollectionTranslation",
    models.CollectionTranslation,
    dict(_SEO_FIELDS),
    "A collection in a language.",
)
ProductVariantTranslation = _translation_type(
    "ProductVariantTranslation",
    models.ProductVariantTranslation,
    {"name": graphene.String(required=True)},
    "A variant's name in a language.",
)
MenuItemTranslation = _translation_type(
    "MenuItemTranslation",
    content_models.MenuItemTranslation,
    {"name": graphene.String(required=True)},
    "A menu item's name in a language.",
)
PageTranslation = _translation_type(
    "PageTranslation",
    content_models.PageTranslation,
    {
        "seo_title": graphene.String(),
        "seo_description": graphene.String(),
        "slug": graphene.String(),
        "title": graphene.String(),
        "content": graphene.JSONString(),
    },
    "A page in a language.",
)
AttributeTranslation = _translation_type(
    "AttributeTranslation",
    models.AttributeTranslation,
    {"name": graphene.String(required=True)},
    "An attribute's name in a language.",
)
AttributeValueTranslation = _translation_type(
    "AttributeValueTranslation",
    models.AttributeValueTranslation,
    {"name": graphene.String(required=True)},
    "An attribute value's name in a language.",
)


def _translation_field(translation_type) -> graphene.Field:
    return graphene.Field(
        translation_type,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description="The stored translation for the language (its language part), or null.",
    )


def _translation_resolver(loader_class):
    def resolve_translation(root, info, language_code):
        return loader_class(info.context).load((unwrap(root).pk, _language(language_code)))

    return staticmethod(resolve_translation)


# --- channels ------------------------------------------------------------------------------


class Channel(ObjectWithMetadataFields, ModelObjectType, model=channel_models.Channel):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    currency_code = graphene.String(required=True)
    has_orders = graphene.Boolean(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)
    countries = graphene.List(graphene.NonNull(CountryDisplay))

    class Meta:
        description = "A sales channel: its currency, country and published catalogue."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_has_orders(_root, _info):
        return False

    @staticmethod
    def resolve_default_country(root: channel_models.Channel, _info):
        return CountryDisplay(code=root.default_country)

    @staticmethod
    def resolve_countries(root: channel_models.Channel, _info):
        return [CountryDisplay(code=root.default_country)]


# --- attributes ----------------------------------------------------------------------------

AttributeInputTypeEnum = graphene.Enum(
    "AttributeInputTypeEnum",
    [
        ("DROPDOWN", "dropdown"),
        ("MULTISELECT", "multiselect"),
        ("PLAIN_TEXT", "plain-text"),
        ("NUMERIC", "numeric"),
        ("BOOLEAN", "boolean"),
        ("SWATCH", "swatch"),
    ],
    description="How an attribute's values are entered.",
)


class AttributeTypeEnum(graphene.Enum):
    PRODUCT_TYPE = "product-type"
    PAGE_TYPE = "page-type"

    class Meta:
        description = "What an attribute describes."


class VariantAttributeScope(graphene.Enum):
    ALL = "all"
    VARIANT_SELECTION = "variant_selection"
    NOT_VARIANT_SELECTION = "not_variant_selection"

    class Meta:
        description = "Which of a variant's attributes: all, or those that pick the variant."


class AttributeValue(ModelObjectType, model=models.AttributeValue):
    name = graphene.String()
    slug = graphene.String()
    value = graphene.String()
    translation = _translation_field(AttributeValueTranslation)
    input_type = graphene.Field(AttributeInputTypeEnum)
    plain_text = graphene.String()
    boolean = graphene.Boolean()

    class Meta:
        description = "One value of an attribute (a colour, a size, a weight)."
        interfaces = (relay.Node,)

    resolve_translation = _translation_resolver(TranslationByAttributeValueIdAndLanguageLoader)

    @staticmethod
    def resolve_input_type(root: models.AttributeValue, info):
        return then(
            AttributeByIdLoader(info.context).load(root.attribute_id),
            lambda attribute: attribute.input_type if attribute else None,
        )


class Attribute(ObjectWithMetadataFields, ModelObjectType, model=models.Attribute):
    input_type = graphene.Field(AttributeInputTypeEnum)
    name = graphene.String()
    slug = graphene.String()
    type = graphene.Field(AttributeTypeEnum)
    value_required = graphene.Boolean(required=True)
    visible_in_storefront = graphene.Boolean(required=True)
    filterable_in_storefront = graphene.Boolean(required=True)
    filterable_in_dashboard = graphene.Boolean(required=True)
    storefront_search_position = graphene.Int(required=True)
    with_choices = graphene.Boolean(required=True)
    translation = _translation_field(AttributeTranslation)

    class Meta:
        description = "A property products or variants are described by."
        interfaces = (relay.Node,)

    resolve_translation = _translation_resolver(TranslationByAttributeIdAndLanguageLoader)

    @staticmethod
    def resolve_type(_root, _info):
        return AttributeTypeEnum.PRODUCT_TYPE.value

    @staticmethod
    def resolve_filterable_in_dashboard(_root, _info):
        return True

    @staticmethod
    def resolve_with_choices(root: models.Attribute, _info):
        return root.input_type in (
            models.AttributeInputType.DROPDOWN,
            models.AttributeInputType.MULTISELECT,
            models.AttributeInputType.SWATCH,
        )


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True)
    values = graphene.NonNull(graphene.List(graphene.NonNull(AttributeValue)))

    class Meta:
        description = "An attribute and the values a product or variant has for it."

    @staticmethod
    def resolve_attribute(root, _info):
        return root[0]

    @staticmethod
    def resolve_values(root, _info):
        return root[1]


# --- product types, media ------------------------------------------------------------------


class ProductTypeKindEnum(graphene.Enum):
    NORMAL = "normal"
    GIFT_CARD = "gift_card"

    class Meta:
        description = "What kind of products a type describes."


class ProductType(ObjectWithMetadataFields, ModelObjectType, model=models.ProductType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    is_digital = graphene.Boolean(required=True)
    weight = graphene.Field(Weight)
    kind = graphene.Field(ProductTypeKindEnum, required=True)

    class Meta:
        description = "A kind of product: physical goods or an assisted service, with its VAT."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_is_digital(_root, _info):
        return False

    @staticmethod
    def resolve_weight(root: models.ProductType, _info):
        return _weight(root.weight)

    @staticmethod
    def resolve_kind(_root, _info):
        return ProductTypeKindEnum.NORMAL.value


class ProductMediaType(graphene.Enum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"

    class Meta:
        description = "An uploaded image or a link to a video."


class ProductMedia(ObjectWithMetadataFields, ModelObjectType, model=models.ProductMedia):
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = graphene.Field(ProductMediaType, required=True)
    oembed_data = graphene.JSONString(required=True)
    url = graphene.String(
        required=True,
        size=graphene.Int(description="Wanted size; snapped to the nearest size Haat makes."),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )
    product_id = graphene.ID()

    class Meta:
        description = "An image or video of a product."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_url(root: models.ProductMedia, info, size=None, format=None):
        return media_url(info, root, size, format)

    @staticmethod
    def resolve_product_id(root: models.ProductMedia, _info):
        return to_global_id("Product", root.product_id)


class MediaChoicesSortField(graphene.Enum):
    ID = "pk"

    class Meta:
        description = "What media can be sorted by."


class MediaSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True)
    field = graphene.Argument(MediaChoicesSortField, required=True)

    class Meta:
        description = "How to sort media."


# --- categories ----------------------------------------------------------------------------


def _background_image(root, info, size=None, format=None):
    if not root.background_image:
        return None
    return Image(url=absolute_url(info, root.background_image.url), alt=root.background_image_alt)


def _image_args() -> dict[str, Any]:
    return {
        "size": graphene.Int(description="Wanted size in pixels."),
        "format": graphene.Argument(
            ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL
        ),
    }


def _products_connection_field(with_channel: bool) -> graphene.Field:
    from .filters import ProductFilterInput, ProductWhereInput
    from .sorters import ProductOrder

    args: dict[str, Any] = {
        "filter": graphene.Argument(ProductFilterInput),
        "where": graphene.Argument(ProductWhereInput),
        "sort_by": graphene.Argument(ProductOrder),
    }
    if with_channel:
        args["channel"] = graphene.String()
    return graphene.Field(lambda: ProductCountableConnection, **args, **connection_args())


class Category(ObjectWithMetadataFields, ModelObjectType, model=models.Category):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    slug = graphene.String(required=True)
    parent = graphene.Field(lambda: Category)
    level = graphene.Int(required=True)
    updated_at = graphene.DateTime(required=True)
    ancestors = graphene.Field(lambda: CategoryCountableConnection, **connection_args())
    products = _products_connection_field(with_channel=True)
    children = graphene.Field(lambda: CategoryCountableConnection, **connection_args())
    background_image = graphene.Field(Image, **_image_args())
    translation = _translation_field(CategoryTranslation)

    class Meta:
        description = "A node of the category tree."
        interfaces = (relay.Node,)

    resolve_translation = _translation_resolver(TranslationByCategoryIdAndLanguageLoader)
    resolve_background_image = staticmethod(_background_image)

    @classmethod
    def get_node(cls, info, id):
        return CategoryByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_parent(root: models.Category, info):
        if root.parent_id is None:
            return None
        return CategoryByIdLoader(info.context).load(root.parent_id)

    @staticmethod
    def resolve_ancestors(root: models.Category, info, **kwargs):
        return then(
            AncestorsByCategoryTreePathLoader(info.context).load(root.tree_path),
            lambda ancestors: paginate_list(ancestors, connection_name="ancestors", **kwargs),
        )

    @staticmethod
    def resolve_children(root: models.Category, info, **kwargs):
        return then(
            ChildrenByCategoryIdLoader(info.context).load(root.pk),
            lambda children: paginate_list(children, connection_name="children", **kwargs),
        )

    @staticmethod
    def resolve_products(root: models.Category, info, channel=None, **kwargs):
        from .schema import resolve_products

        return resolve_products(info, channel=channel, category=root, **kwargs)


CategoryCountableConnection = create_connection(Category)


# --- collections ---------------------------------------------------------------------------


class CollectionChannelListing(ModelObjectType, model=models.CollectionChannelListing):
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    channel = graphene.Field(Channel, required=True)

    class Meta:
        description = "Whether and since when a collection is published in a channel."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_channel(root, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)


class Collection(ChannelObjectWithMetadataFields, ModelObjectType, model=models.Collection):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    slug = graphene.String(required=True)
    channel = graphene.String()
    products = _products_connection_field(with_channel=False)
    background_image = graphene.Field(Image, **_image_args())
    translation = _translation_field(CollectionTranslation)

    class Meta:
        description = "A hand-picked set of products (seasonal, a centre's best, Eid offers)."
        interfaces = (relay.Node,)
        default_resolver = channel_node_resolver

    resolve_translation = _translation_resolver(TranslationByCollectionIdAndLanguageLoader)

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return isinstance(unwrap(root), cls._model)

    @staticmethod
    def resolve_id(root, _info):
        return unwrap(root).pk

    @staticmethod
    def resolve_channel(root, _info):
        return channel_slug_of(root)

    @staticmethod
    def resolve_background_image(root, info, **kwargs):
        return _background_image(unwrap(root), info, **kwargs)

    @staticmethod
    def resolve_products(root, info, **kwargs):
        from .schema import resolve_products

        return resolve_products(
            info, channel=channel_slug_of(root), collection=unwrap(root), **kwargs
        )


# --- pricing -------------------------------------------------------------------------------


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    display_gross_prices = graphene.Boolean(required=True)
    price_range = graphene.Field(TaxedMoneyRange)
    price_range_undiscounted = graphene.Field(TaxedMoneyRange)

    class Meta:
        description = "A product's prices in a channel: VAT-inclusive, cheapest to dearest variant."


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    price = graphene.Field(TaxedMoney)
    price_undiscounted = graphene.Field(TaxedMoney)

    class Meta:
        description = "A variant's price in a channel, VAT included."


def _range(taxed_range) -> _Range | None:
    if taxed_range is None:
        return None
    return _Range(_taxed(taxed_range.start), _taxed(taxed_range.stop))


def product_pricing(listing, variants: list, vat_rate: Decimal) -> ProductPricingInfo | None:
    if listing is None:
        return None
    currency = listing.currency
    priced = [variant for variant in variants if variant.listing_price_amount is not None]
    undiscounted = taxed_amount_range(
        (variant.listing_price_amount for variant in priced), vat_rate=vat_rate, currency=currency
    )
    discounted = taxed_amount_range(
        (
            variant.listing_discounted_price_amount
            if variant.listing_discounted_price_amount is not None
            else variant.listing_price_amount
            for variant in priced
        ),
        vat_rate=vat_rate,
        currency=currency,
    )
    discount = (
        taxed_discount(undiscounted.start, discounted.start)
        if undiscounted and discounted
        else None
    )
    return ProductPricingInfo(
        on_sale=discount is not None,
        discount=_taxed(discount),
        display_gross_prices=True,
        price_range=_range(discounted),
        price_range_undiscounted=_range(undiscounted),
    )


def variant_pricing(listing, vat_rate: Decimal) -> VariantPricingInfo | None:
    if listing is None or listing.price_amount is None:
        return None
    undiscounted = taxed_amount_from_gross(
        listing.price_amount, vat_rate=vat_rate, currency=listing.currency
    )
    gross = (
        listing.discounted_price_amount
        if listing.discounted_price_amount is not None
        else listing.price_amount
    )
    price = taxed_amount_from_gross(gross, vat_rate=vat_rate, currency=listing.currency)
    discount = taxed_discount(undiscounted, price)
    return VariantPricingInfo(
        on_sale=discount is not None,
        discount=_taxed(discount),
        price=_taxed(price),
        price_undiscounted=_taxed(undiscounted),
    )


def _vat_rate_of_variant(variant, info):
    vat_rate = getattr(variant, "vat_rate", None)
    if vat_rate is not None:
        return resolved(vat_rate)
    return then(
        ProductByIdLoader(info.context).load(variant.product_id),
        lambda product: product.vat_rate if product else Decimal(0),
    )


def _vat_rate_of_product(product, info):
    vat_rate = getattr(product, "vat_rate", None)
    if vat_rate is not None:
        return resolved(vat_rate)
    return then(
        ProductTypeByIdLoader(info.context).load(product.product_type_id),
        lambda product_type: product_type.vat_rate if product_type else Decimal(0),
    )


# --- channel listings (staff) --------------------------------------------------------------


class ProductChannelListing(ModelObjectType, model=models.ProductChannelListing):
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    channel = graphene.Field(Channel, required=True)
    visible_in_listings = graphene.Boolean(required=True)
    available_for_purchase_at = graphene.DateTime()
    discounted_price = graphene.Field(Money)
    is_available_for_purchase = graphene.Boolean()

    class Meta:
        description = "How a product is published in a channel."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_channel(root, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_discounted_price(root, _info):
        return MoneyAmount.or_none(root.discounted_price_amount, root.currency)

    @staticmethod
    def resolve_is_available_for_purchase(root, _info):
        return root.is_available_for_purchase(timezone.now())


class ProductVariantChannelListing(ModelObjectType, model=models.ProductVariantChannelListing):
    channel = graphene.Field(Channel, required=True)
    price = graphene.Field(Money)
    cost_price = graphene.Field(Money)

    class Meta:
        description = "A variant's prices in a channel."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_channel(root, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_price(root, _info):
        return MoneyAmount.or_none(root.price_amount, root.currency)

    @staticmethod
    def resolve_cost_price(root, _info):
        return MoneyAmount.or_none(root.cost_price_amount, root.currency)


# --- products and variants -----------------------------------------------------------------


def _wrap_all(nodes: list, channel_slug: str) -> list[ChannelContext]:
    return [ChannelContext(node, channel_slug) for node in nodes]


class ProductVariant(
    ChannelProductFields,
    ChannelObjectWithMetadataFields,
    ModelObjectType,
    model=models.ProductVariant,
):
    name = graphene.String(required=True)
    sku = graphene.String()
    product = graphene.Field(lambda: Product, required=True)
    track_inventory = graphene.Boolean(required=True)
    quantity_limit_per_customer = graphene.Int()
    weight = graphene.Field(Weight)
    channel = graphene.String()
    channel_listings = graphene.List(graphene.NonNull(ProductVariantChannelListing))
    pricing = graphene.Field(VariantPricingInfo)
    attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(SelectedAttribute)),
        variant_selection=graphene.Argument(VariantAttributeScope),
    )
    media = graphene.List(graphene.NonNull(ProductMedia))
    translation = _translation_field(ProductVariantTranslation)
    stocks = graphene.List(graphene.NonNull(Stock))
    quantity_available = graphene.Int()
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    external_reference = graphene.String()

    class Meta:
        description = "A buyable version of a product (a size, a weight, a colour) with its SKU."
        interfaces = (relay.Node,)
        default_resolver = channel_node_resolver

    resolve_translation = _translation_resolver(TranslationByVariantIdAndLanguageLoader)

    @staticmethod
    def resolve_product(root, info):
        slug = channel_slug_of(root)
        return then(
            ProductByIdLoader(info.context).load(unwrap(root).product_id),
            lambda product: ChannelContext(product, slug) if product else None,
        )

    @staticmethod
    def resolve_pricing(root, info):
        variant = unwrap(root)
        listing = VariantChannelListingByVariantIdAndChannelSlugLoader(info.context).load(
            (variant.pk, channel_slug_of(root))
        )
        return then(
            gather([listing, _vat_rate_of_variant(variant, info)]),
            lambda loaded: variant_pricing(*loaded),
        )

    @staticmethod
    def resolve_channel_listings(root, info):
        if not user_can_manage_products(info.context):
            return None
        return ChannelListingsByVariantIdLoader(info.context).load(unwrap(root).pk)

    @staticmethod
    def resolve_attributes(root, info, variant_selection=None):
        variant = unwrap(root)
        scope = _enum_value(variant_selection) or VariantAttributeScope.ALL.value

        def select(items: list) -> list:
            if scope == VariantAttributeScope.VARIANT_SELECTION.value:
                items = [item for item in items if item[2]]
            elif scope == VariantAttributeScope.NOT_VARIANT_SELECTION.value:
                items = [item for item in items if not item[2]]
            return [(attribute, values) for attribute, values, _ in items]

        loader = SelectedAttributesByVariantIdLoader(info.context)
        type_id = getattr(variant, "product_type_pk", None)
        if type_id is not None:
            return then(loader.load((variant.pk, type_id)), select)
        return then(
            ProductTypeIdByVariantIdLoader(info.context).load(variant.pk),
            lambda loaded_type_id: then(loader.load((variant.pk, loaded_type_id)), select),
        )

    @staticmethod
    def resolve_media(root, info):
        return MediaByVariantIdLoader(info.context).load(unwrap(root).pk)

    @staticmethod
    def resolve_stocks(root, info):
        if not user_can_manage_products(info.context):
            raise PermissionDenied(permissions=["MANAGE_PRODUCTS"])
        return StocksByVariantIdLoader(info.context).load(unwrap(root).pk)

    @staticmethod
    def resolve_quantity_available(root, info):
        variant = unwrap(root)
        line_limit = settings.MAX_CHECKOUT_LINE_QUANTITY
        if not variant.track_inventory:
            return line_limit
        apply_limit = not user_can_manage_products(info.context)
        return then(
            AvailableQuantityByVariantIdAndChannelSlugLoader(info.context).load(
                (variant.pk, channel_slug_of(root))
            ),
            lambda available: cap_available_quantity(
                available, track_inventory=True, line_limit=line_limit, apply_limit=apply_limit
            ),
        )


ProductVariantCountableConnection = create_connection(ProductVariant)


class Product(
    ChannelProductFields, ChannelObjectWithMetadataFields, ModelObjectType, model=models.Product
):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    product_type = graphene.Field(ProductType, required=True)
    slug = graphene.String(required=True)
    category = graphene.Field(Category)
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    weight = graphene.Field(Weight)
    default_variant = graphene.Field(ProductVariant)
    rating = graphene.Float()
    channel = graphene.String()
    thumbnail = graphene.Field(Image, **_image_args())
    pricing = graphene.Field(ProductPricingInfo)
    is_available = graphene.Boolean()
    attribute = graphene.Field(SelectedAttribute, slug=graphene.String(required=True))
    attributes = graphene.NonNull(graphene.List(graphene.NonNull(SelectedAttribute)))
    channel_listings = graphene.List(graphene.NonNull(ProductChannelListing))
    variants = graphene.List(graphene.NonNull(ProductVariant))
    media = graphene.List(
        graphene.NonNull(ProductMedia), sort_by=graphene.Argument(MediaSortingInput)
    )
    collections = graphene.List(graphene.NonNull(Collection))
    translation = _translation_field(ProductTranslation)
    available_for_purchase_at = graphene.DateTime()
    is_available_for_purchase = graphene.Boolean()
    external_reference = graphene.String()
    vendor = graphene.Field(Vendor, description="The shop selling this product (Haat).")

    class Meta:
        description = "Something a vendor sells: goods or an assisted service."
        interfaces = (relay.Node,)
        default_resolver = channel_node_resolver

    resolve_translation = _translation_resolver(TranslationByProductIdAndLanguageLoader)

    @staticmethod
    def resolve_product_type(root, info):
        return ProductTypeByIdLoader(info.context).load(unwrap(root).product_type_id)

    @staticmethod
    def resolve_category(root, info):
        category_id = unwrap(root).category_id
        return CategoryByIdLoader(info.context).load(category_id) if category_id else None

    @staticmethod
    def resolve_vendor(root, info):
        return VendorByIdLoader(info.context).load(unwrap(root).vendor_id)

    @staticmethod
    def resolve_variants(root, info):
        slug = channel_slug_of(root)
        return then(
            VariantsByProductIdAndChannelSlugLoader(info.context).load((unwrap(root).pk, slug)),
            lambda variants: _wrap_all(variants, slug),
        )

    @staticmethod
    def resolve_default_variant(root, info):
        product = unwrap(root)
        slug = channel_slug_of(root)
        if product.default_variant_id is None:
            return None

        def pick(variants: list):
            for variant in variants:
                if variant.pk == product.default_variant_id:
                    return ChannelContext(variant, slug)
            return None

        return then(
            VariantsByProductIdAndChannelSlugLoader(info.context).load((product.pk, slug)), pick
        )

    @staticmethod
    def resolve_thumbnail(root, info, size=None, format=None):
        def first_image(media: list):
            for item in media:
                if item.type == models.ProductMediaType.IMAGE and item.image:
                    return then(
                        media_url(info, item, size, format),
                        lambda url, alt=item.alt: Image(url=url, alt=alt),
                    )
            return None

        return then(MediaByProductIdLoader(info.context).load(unwrap(root).pk), first_image)

    @staticmethod
    def resolve_media(root, info, sort_by=None):
        loaded = MediaByProductIdLoader(info.context).load(unwrap(root).pk)
        if not sort_by:
            return loaded
        descending = _enum_value(sort_by.direction) == OrderDirection.DESC.value
        return then(loaded, lambda media: sorted(media, key=lambda m: m.pk, reverse=descending))

    @staticmethod
    def resolve_pricing(root, info):
        product = unwrap(root)
        key = (product.pk, channel_slug_of(root))
        return then(
            gather(
                [
                    ProductChannelListingByProductIdAndChannelSlugLoader(info.context).load(key),
                    VariantsByProductIdAndChannelSlugLoader(info.context).load(key),
                    _vat_rate_of_product(product, info),
                ]
            ),
            lambda loaded: product_pricing(*loaded),
        )

    @staticmethod
    def resolve_is_available(root, info):
        product = unwrap(root)
        key = (product.pk, channel_slug_of(root))
        now = timezone.now()

        def available(loaded) -> bool:
            listing, variants = loaded
            return (
                is_product_listing_visible(listing, now=now)
                and listing.is_available_for_purchase(now)
                and any(variant.listing_price_amount is not None for variant in variants)
            )

        return then(
            gather(
                [
                    ProductChannelListingByProductIdAndChannelSlugLoader(info.context).load(key),
                    VariantsByProductIdAndChannelSlugLoader(info.context).load(key),
                ]
            ),
            available,
        )

    @staticmethod
    def resolve_is_available_for_purchase(root, info):
        return then(
            _listing(root, info),
            lambda listing: listing.is_available_for_purchase(timezone.now()) if listing else None,
        )

    @staticmethod
    def resolve_available_for_purchase_at(root, info):
        return then(
            _listing(root, info),
            lambda listing: listing.available_for_purchase_at if listing else None,
        )

    @staticmethod
    def resolve_attributes(root, info):
        product = unwrap(root)
        return SelectedAttributesByProductIdLoader(info.context).load(
            (product.pk, product.product_type_id)
        )

    @staticmethod
    def resolve_attribute(root, info, slug):
        product = unwrap(root)
        return then(
            SelectedAttributesByProductIdLoader(info.context).load(
                (product.pk, product.product_type_id)
            ),
            lambda selected: next((item for item in selected if item[0].slug == slug), None),
        )

    @staticmethod
    def resolve_collections(root, info):
        slug = channel_slug_of(root)
        return then(
            CollectionsByProductIdAndChannelSlugLoader(info.context).load((unwrap(root).pk, slug)),
            lambda collections: _wrap_all(collections, slug),
        )

    @staticmethod
    def resolve_channel_listings(root, info):
        if not user_can_manage_products(info.context):
            return None
        return ChannelListingsByProductIdLoader(info.context).load(unwrap(root).pk)


def _listing(root, info):
    return ProductChannelListingByProductIdAndChannelSlugLoader(info.context).load(
        (unwrap(root).pk, channel_slug_of(root))
    )


ProductCountableConnection = create_connection(Product)
CollectionCountableConnection = create_connection(Collection)


# --- pages and menus -----------------------------------------------------------------------


class PageType(ObjectWithMetadataFields, ModelObjectType, model=content_models.PageType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    attributes = graphene.List(graphene.NonNull(Attribute))
    has_pages = graphene.Boolean()

    class Meta:
        description = "A kind of content page (about, help, terms)."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_attributes(_root, _info):
        return []

    @staticmethod
    def resolve_has_pages(root: content_models.PageType, _info):
        return root.pages.exists()


class Page(ObjectWithMetadataFields, ModelObjectType, model=content_models.Page):
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String(required=True)
    content = graphene.JSONString()
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    slug = graphene.String(required=True)
    page_type = graphene.Field(PageType, required=True)
    created = graphene.DateTime(required=True)
    translation = _translation_field(PageTranslation)
    attributes = graphene.NonNull(graphene.List(graphene.NonNull(SelectedAttribute)))

    class Meta:
        description = "A content page of the shop."
        interfaces = (relay.Node,)

    resolve_translation = _translation_resolver(TranslationByPageIdAndLanguageLoader)

    @staticmethod
    def resolve_page_type(root: content_models.Page, info):
        return PageTypeByIdLoader(info.context).load(root.page_type_id)

    @staticmethod
    def resolve_created(root: content_models.Page, _info):
        return root.created_at

    @staticmethod
    def resolve_attributes(_root, _info):
        return []


PageCountableConnection = create_connection(Page)


def _visible_page(page, info):
    if page is None:
        return None
    from backend.content.selectors import can_manage_pages

    if is_page_visible(page) or can_manage_pages(info.context.user):
        return page
    return None


class MenuItem(ObjectWithMetadataFields, ModelObjectType, model=content_models.MenuItem):
    name = graphene.String(required=True)
    menu = graphene.Field(lambda: Menu, required=True)
    parent = graphene.Field(lambda: MenuItem)
    category = graphene.Field(Category)
    collection = graphene.Field(Collection)
    page = graphene.Field(Page)
    level = graphene.Int(required=True)
    children = graphene.List(graphene.NonNull(lambda: MenuItem))
    url = graphene.String()
    translation = _translation_field(MenuItemTranslation)

    class Meta:
        description = "A link in a navigation menu: to a category, collection, page or URL."
        interfaces = (relay.Node,)

    resolve_translation = _translation_resolver(TranslationByMenuItemIdAndLanguageLoader)

    @staticmethod
    def resolve_menu(root: content_models.MenuItem, info):
        return MenuByIdLoader(info.context).load(root.menu_id)

    @staticmethod
    def resolve_parent(root: content_models.MenuItem, info):
        return MenuItemByIdLoader(info.context).load(root.parent_id) if root.parent_id else None

    @staticmethod
    def resolve_category(root: content_models.MenuItem, info):
        return CategoryByIdLoader(info.context).load(root.category_id) if root.category_id else None

    @staticmethod
    def resolve_collection(root: content_models.MenuItem, info):
        if not root.collection_id:
            return None
        from .schema import visible_collection

        return then(
            CollectionByIdLoader(info.context).load(root.collection_id),
            lambda collection: visible_collection(
                info, collection, getattr(root, "channel_slug", None)
            ),
        )

    @staticmethod
    def resolve_page(root: content_models.MenuItem, info):
        if not root.page_id:
            return None
        return then(
            PageByIdLoader(info.context).load(root.page_id), lambda page: _visible_page(page, info)
        )

    @staticmethod
    def resolve_children(root: content_models.MenuItem, info):
        return ChildrenByMenuItemIdLoader(info.context).load(root.pk)


class Menu(ObjectWithMetadataFields, ModelObjectType, model=content_models.Menu):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(MenuItem))

    class Meta:
        description = "A navigation menu (the navbar, the footer)."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_items(root: content_models.Menu, info):
        return then(
            MenuItemsByMenuIdLoader(info.context).load(root.pk),
            lambda items: [item for item in items if item.parent_id is None],
        )


MenuCountableConnection = create_connection(Menu)
