"""GraphQL type of a sales channel, shaped as Saleor 3.21's."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.channels import models as channel_models
from backend.core.permissions import PermissionEnum
from storefront_api.accounts.types import CountryDisplay
from storefront_api.core.types import ModelObjectType, ObjectWithMetadata, ObjectWithMetadataFields

from .settings import (
    CheckoutSettings,
    OrderSettings,
    StockSettings,
    resolve_checkout_settings,
    resolve_order_settings,
    resolve_stock_settings,
)


class Channel(ObjectWithMetadataFields, ModelObjectType, model=channel_models.Channel):
    private_metadata_permissions = (PermissionEnum.MANAGE_CHANNELS,)
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    currency_code = graphene.String(required=True)
    has_orders = graphene.Boolean(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)
    countries = graphene.List(graphene.NonNull(CountryDisplay))
    stock_settings = graphene.Field(StockSettings, required=True, resolver=resolve_stock_settings)
    order_settings = graphene.Field(OrderSettings, required=True, resolver=resolve_order_settings)
    checkout_settings = graphene.Field(
        CheckoutSettings, required=True, resolver=resolve_checkout_settings
    )

    class Meta:
        description = "A sales channel: its currency, country and published catalogue."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_has_orders(_root, _info):
        return False

    @staticmethod
    def resolve_default_country(root: channel_models.Channel, _info):
        return CountryDisplay(code=root.default_country)

    @staticmethod
    def resolve_countries(root: channel_models.Channel, _info):
        return [CountryDisplay(code=root.default_country)]
