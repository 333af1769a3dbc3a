"""Staff queries of the delivery set-up: Saleor's `shippingZones` and `shippingZone`."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum, has_permissions
from backend.shipping.selectors import search_shipping_zones
from storefront_api.core.connection import SortKey, connection_args, create_connection, paginate
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.ids import int_pk_or_none, int_pks_or_error

from .types import InChannel, ShippingZone

ShippingZoneCountableConnection = create_connection(ShippingZone)


class ShippingZoneFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Part of the zone's name.")
    channels = graphene.List(
        graphene.NonNull(graphene.ID), description="Zones serving any of these channels."
    )

    class Meta:
        description = "Which shipping zones to list."


def _require_manage_shipping(info) -> None:
    if not has_permissions(info.context.user, [PermissionEnum.MANAGE_SHIPPING]):
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_SHIPPING])


def resolve_shipping_zones(info, *, filter=None, channel=None, **pagination):
    _require_manage_shipping(info)
    filter = filter or {}
    zones = search_shipping_zones(
        search=filter.get("search"),
        channel_ids=int_pks_or_error(filter.get("channels"), "Channel") or None,
    )
    page = paginate(
        zones,
        keys=[SortKey("name")],
        connection_name="shippingZones",
        **pagination,
    )
    for edge in page.edges:
        edge.node = InChannel(edge.node, channel)
    return page


def resolve_shipping_zone(info, *, id, channel=None):
    _require_manage_shipping(info)
    zone = search_shipping_zones().filter(pk=int_pk_or_none(id, "ShippingZone")).first()
    return InChannel(zone, channel) if zone is not None else None


class ShippingQueries(graphene.ObjectType):
    shipping_zones = graphene.Field(
        ShippingZoneCountableConnection,
        filter=ShippingZoneFilterInput(description="Filtering options for shipping zones."),
        channel=graphene.String(description="Slug of a channel for prices and methods."),
        description="The shipping zones. Requires MANAGE_SHIPPING.",
        **connection_args(),
    )
    shipping_zone = graphene.Field(
        ShippingZone,
        id=graphene.ID(required=True, description="ID of the shipping zone."),
        channel=graphene.String(description="Slug of a channel for prices and methods."),
        description="One shipping zone. Requires MANAGE_SHIPPING.",
    )

    @staticmethod
    def resolve_shipping_zones(_root, info, **kwargs):
        return resolve_shipping_zones(info, **kwargs)

    @staticmethod
    def resolve_shipping_zone(_root, info, **kwargs):
        return resolve_shipping_zone(info, **kwargs)
