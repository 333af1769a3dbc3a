"""Saleor's Voucher, VoucherCode and VoucherChannelListing types, for discount staff.

A voucher is seen in a channel (its value, currency and minimum spend are the channel's): the
root is a `ChannelContext` of the voucher, as catalogue types are."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.core.permissions import PermissionEnum, has_permissions
from backend.discounts import models
from storefront_api.catalog.context import (
    ChannelContext,
    channel_by_slug,
    channel_node_resolver,
    channel_slug_of,
    unwrap,
)
from storefront_api.catalog.dataloaders import (
    CategoryByIdLoader,
    ChannelByIdLoader,
    CollectionByIdLoader,
    ProductByIdLoader,
    ProductVariantByIdLoader,
)
from storefront_api.catalog.types import (
    CategoryCountableConnection,
    CollectionCountableConnection,
    ProductCountableConnection,
    ProductVariantCountableConnection,
)
from storefront_api.catalog.types.common import ChannelObjectWithMetadataFields
from storefront_api.channel.types import Channel
from storefront_api.core.connection import connection_args, create_connection, paginate_list
from storefront_api.core.dataloaders import then
from storefront_api.core.ids import to_global_id
from storefront_api.core.types import ModelObjectType, Money, ObjectWithMetadata
from storefront_api.marketplace.dataloaders import VendorByIdLoader
from storefront_api.marketplace.schema import VendorCountableConnection

from .dataloaders import (
    CategoryIdsByVoucherIdLoader,
    CollectionIdsByVoucherIdLoader,
    ProductIdsByVoucherIdLoader,
    VariantIdsByVoucherIdLoader,
    VendorIdsByVoucherIdLoader,
    VoucherByIdLoader,
    VoucherChannelListingsByVoucherIdLoader,
    VoucherCodesByVoucherIdLoader,
)

VoucherTypeEnum = graphene.Enum(
    "VoucherTypeEnum",
    [(choice.name, choice.value) for choice in models.VoucherType],
    description="What a voucher takes money off.",
)
DiscountValueTypeEnum = graphene.Enum(
    "DiscountValueTypeEnum",
    [(choice.name, choice.value) for choice in models.DiscountValueType],
    description="Whether a discount is an amount of money or a percentage.",
)


def may_manage_discounts(context) -> bool:
    return has_permissions(getattr(context, "user", None), [PermissionEnum.MANAGE_DISCOUNTS])


class VoucherCode(ModelObjectType, model=models.VoucherCode):
    id = graphene.ID(required=True)
    code = graphene.String()
    used = graphene.Int()
    is_active = graphene.Boolean()
    created_at = graphene.DateTime(required=True)

    class Meta:
        description = "A code shoppers type to use a voucher, and how often it was used."

    @staticmethod
    def resolve_id(root: models.VoucherCode, _info):
        return to_global_id("VoucherCode", root.pk)


VoucherCodeCountableConnection = create_connection(VoucherCode)


class VoucherChannelListing(ModelObjectType, model=models.VoucherChannelListing):
    channel = graphene.Field(Channel, required=True)
    discount_value = graphene.Float(required=True)
    currency = graphene.String(required=True)
    min_spent = graphene.Field(Money)

    class Meta:
        description = "A voucher's value and minimum spend in one channel."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_channel(root: models.VoucherChannelListing, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_min_spent(root: models.VoucherChannelListing, _info):
        return _min_spent(root)


def _min_spent(listing: models.VoucherChannelListing | None) -> Money | None:
    if listing is None or listing.min_spent_amount is None:
        return None
    return Money(amount=listing.min_spent_amount, currency=listing.currency)


def _page(loader, ids_future, info, wrap=None, **kwargs):
    """A connection page of the rows the ids name (missing rows left out)."""

    def rows_of(ids):
        return then(
            loader(info.context).load_many(ids),
            lambda rows: paginate_list(
                [wrap(row) if wrap else row for row in rows if row is not None], **kwargs
            ),
        )

    return then(ids_future, rows_of)


class Voucher(ChannelObjectWithMetadataFields, ModelObjectType, model=models.Voucher):
    private_metadata_permissions = (PermissionEnum.MANAGE_DISCOUNTS,)
    name = graphene.String()
    codes = graphene.Field(VoucherCodeCountableConnection, **connection_args())
    code = graphene.String(description="The voucher's first code.")
    usage_limit = graphene.Int()
    used = graphene.Int(required=True, description="Uses of all its codes.")
    start_date = graphene.DateTime(required=True)
    end_date = graphene.DateTime()
    apply_once_per_order = graphene.Boolean(required=True)
    apply_once_per_customer = graphene.Boolean(required=True)
    single_use = graphene.Boolean(required=True)
    only_for_staff = graphene.Boolean(required=True)
    min_checkout_items_quantity = graphene.Int()
    categories = graphene.Field(CategoryCountableConnection, **connection_args())
    collections = graphene.Field(CollectionCountableConnection, **connection_args())
    products = graphene.Field(ProductCountableConnection, **connection_args())
    variants = graphene.Field(ProductVariantCountableConnection, **connection_args())
    vendors = graphene.Field(
        VendorCountableConnection,
        **connection_args(),
        description="Vendors whose every product the voucher is for (Haat's addition).",
    )
    discount_value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    discount_value = graphene.Float(description="The value in the channel.")
    currency = graphene.String(description="The channel's currency.")
    min_spent = graphene.Field(Money, description="The minimum spend in the channel.")
    type = graphene.Field(VoucherTypeEnum, required=True)
    channel_listings = graphene.List(graphene.NonNull(VoucherChannelListing))

    class Meta:
        description = "Codes that take money off an order, its shipping or chosen products."
        interfaces = (relay.Node, ObjectWithMetadata)
        default_resolver = channel_node_resolver

    @classmethod
    def get_node(cls, info, id):
        if not may_manage_discounts(info.context):
            return None
        slug = channel_slug_of(None)
        return then(
            VoucherByIdLoader(info.context).load(int(id)),
            lambda voucher: ChannelContext(voucher, slug) if voucher else None,
        )

    @staticmethod
    def resolve_discount_value_type(root, _info):
        return str(unwrap(root).discount_value_type)

    @staticmethod
    def resolve_type(root, _info):
        return str(unwrap(root).type)

    @staticmethod
    def resolve_codes(root, info, **kwargs):
        return then(
            VoucherCodesByVoucherIdLoader(info.context).load(unwrap(root).pk),
            lambda codes: paginate_list(codes, connection_name="codes", **kwargs),
        )

    @staticmethod
    def resolve_code(root, info):
        return then(
            VoucherCodesByVoucherIdLoader(info.context).load(unwrap(root).pk),
            lambda codes: codes[0].code if codes else None,
        )

    @staticmethod
    def resolve_used(root, info):
        return then(
            VoucherCodesByVoucherIdLoader(info.context).load(unwrap(root).pk),
            lambda codes: sum(code.used for code in codes),
        )

    @staticmethod
    def resolve_channel_listings(root, info):
        return VoucherChannelListingsByVoucherIdLoader(info.context).load(unwrap(root).pk)

    @staticmethod
    def _listing(root, info):
        """The voucher's listing in the channel it is seen in, or None."""
        channel = channel_by_slug(info.context, channel_slug_of(root))
        return then(
            VoucherChannelListingsByVoucherIdLoader(info.context).load(unwrap(root).pk),
            lambda listings: next(
                (item for item in listings if channel and item.channel_id == channel.pk), None
            ),
        )

    @staticmethod
    def resolve_discount_value(root, info):
        return then(
            Voucher._listing(root, info), lambda item: item.discount_value if item else None
        )

    @staticmethod
    def resolve_currency(root, info):
        return then(Voucher._listing(root, info), lambda item: item.currency if item else None)

    @staticmethod
    def resolve_min_spent(root, info):
        return then(Voucher._listing(root, info), _min_spent)

    @staticmethod
    def resolve_categories(root, info, **kwargs):
        ids = CategoryIdsByVoucherIdLoader(info.context).load(unwrap(root).pk)
        return _page(CategoryByIdLoader, ids, info, connection_name="categories", **kwargs)

    @staticmethod
    def resolve_collections(root, info, **kwargs):
        slug = channel_slug_of(root)
        ids = CollectionIdsByVoucherIdLoader(info.context).load(unwrap(root).pk)
        return _page(
            CollectionByIdLoader,
            ids,
            info,
            wrap=lambda row: ChannelContext(row, slug),
            connection_name="collections",
            **kwargs,
        )

    @staticmethod
    def resolve_products(root, info, **kwargs):
        slug = channel_slug_of(root)
        ids = ProductIdsByVoucherIdLoader(info.context).load(unwrap(root).pk)
        return _page(
            ProductByIdLoader,
            ids,
            info,
            wrap=lambda row: ChannelContext(row, slug),
            connection_name="products",
            **kwargs,
        )

    @staticmethod
    def resolve_variants(root, info, **kwargs):
        slug = channel_slug_of(root)
        ids = VariantIdsByVoucherIdLoader(info.context).load(unwrap(root).pk)
        return _page(
            ProductVariantByIdLoader,
            ids,
            info,
            wrap=lambda row: ChannelContext(row, slug),
            connection_name="variants",
            **kwargs,
        )

    @staticmethod
    def resolve_vendors(root, info, **kwargs):
        ids = VendorIdsByVoucherIdLoader(info.context).load(unwrap(root).pk)
        return _page(VendorByIdLoader, ids, info, connection_name="vendors", **kwargs)


VoucherCountableConnection = create_connection(Voucher)

__all__ = [
    "DiscountValueTypeEnum",
    "Voucher",
    "VoucherChannelListing",
    "VoucherCode",
    "VoucherCountableConnection",
    "VoucherTypeEnum",
]
