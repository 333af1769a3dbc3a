"""Root fields of vouchers: the staff's queries and mutations (MANAGE_DISCOUNTS)."""

from __future__ import annotations

import graphene
from django.conf import settings
from graphql import GraphQLError

from backend.core.permissions import PermissionEnum
from backend.discounts.models import Voucher as VoucherModel
from storefront_api.catalog.context import ChannelContext, channel_by_slug
from storefront_api.core.connection import connection_args, paginate
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.ids import int_pk_or_none

from .filters import VoucherFilterInput, filter_vouchers
from .mutations.voucher_channel_listing_update import VoucherChannelListingUpdate
from .mutations.voucher_create import VoucherCreate
from .mutations.voucher_delete import VoucherDelete
from .mutations.voucher_update import VoucherUpdate
from .types import Voucher, VoucherCountableConnection, may_manage_discounts


def _channel_slug(info, channel: str | None) -> str:
    """The channel vouchers are seen in (default: the shop's); an unknown one is an error."""
    slug = channel or settings.DEFAULT_CHANNEL_SLUG
    if channel and channel_by_slug(info.context, slug) is None:
        raise GraphQLError(f"Channel with '{slug}' slug does not exist.")
    return slug


def _ensure_may_manage_discounts(info) -> None:
    if not may_manage_discounts(info.context):
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_DISCOUNTS])


def resolve_vouchers(info, *, filter=None, channel=None, **pagination):
    _ensure_may_manage_discounts(info)
    slug = _channel_slug(info, channel)
    page = paginate(
        filter_vouchers(VoucherModel.objects.all(), filter),
        keys=[],
        connection_name="vouchers",
        **pagination,
    )
    for edge in page.edges:
        edge.node = ChannelContext(edge.node, slug)
    return page


def resolve_voucher(info, *, id, channel=None):
    _ensure_may_manage_discounts(info)
    slug = _channel_slug(info, channel)
    voucher = VoucherModel.objects.filter(pk=int_pk_or_none(id, "Voucher")).first()
    return ChannelContext(voucher, slug) if voucher else None


class DiscountQueries(graphene.ObjectType):
    vouchers = graphene.Field(
        VoucherCountableConnection,
        filter=graphene.Argument(VoucherFilterInput),
        channel=graphene.String(description="Slug of the channel whose values are shown."),
        **connection_args(),
        description="Vouchers (discount staff only).",
    )
    voucher = graphene.Field(
        Voucher,
        id=graphene.ID(required=True),
        channel=graphene.String(description="Slug of the channel whose values are shown."),
        description="One voucher by ID (discount staff only).",
    )

    @staticmethod
    def resolve_vouchers(_root, info, **kwargs):
        return resolve_vouchers(info, **kwargs)

    @staticmethod
    def resolve_voucher(_root, info, **kwargs):
        return resolve_voucher(info, **kwargs)


class DiscountMutations(graphene.ObjectType):
    voucher_create = VoucherCreate.Field()
    voucher_update = VoucherUpdate.Field()
    voucher_delete = VoucherDelete.Field()
    voucher_channel_listing_update = VoucherChannelListingUpdate.Field()
