"""GraphQL types of delivery, shaped as Saleor 3.21's: `ShippingMethod` (a priced way to ship a
checkout), `ShippingMethodType` and `ShippingZone` (the staff's view of the set-up), and Haat's
`VendorShipping` (one vendor's parcel of a checkout or order)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import graphene
from graphene import relay

from backend.core.money import Money, MoneyRange
from backend.core.permissions import PermissionEnum
from backend.shipping import models
from plugins.framework.interface import ShippingMethodData
from storefront_api.accounts.types import CountryDisplay
from storefront_api.channel.types import Channel
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import LanguageCodeEnum, WeightUnitsEnum
from storefront_api.core.scalars import JSONString
from storefront_api.core.types import (
    LanguageDisplay,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
    Weight,
)
from storefront_api.core.types import (
    Money as MoneyType,
)
from storefront_api.core.types import (
    MoneyRange as MoneyRangeType,
)
from storefront_api.inventory.types import Warehouse
from storefront_api.marketplace.dataloaders import VendorByIdLoader
from storefront_api.marketplace.types import Vendor

from .dataloaders import (
    ChannelsByShippingZoneIdLoader,
    ListingByShippingMethodIdAndChannelLoader,
    PriceRangeByZoneIdAndChannelLoader,
    ShippingMethodsByZoneIdAndChannelLoader,
    WarehousesByShippingZoneIdLoader,
)

ShippingMethodTypeEnum = graphene.Enum(
    "ShippingMethodTypeEnum",
    [(kind.name, kind.value) for kind in models.ShippingMethodType],
    description="Whether a method's rates go by the order's price or by weight slab.",
)
ShippingZoneKindEnum = graphene.Enum(
    "ShippingZoneKindEnum",
    [(kind.name, kind.value) for kind in models.ShippingZoneKind],
    description="How far a parcel travels: within its district, its division, or beyond.",
)
_SHIPPING_MANAGERS = (PermissionEnum.MANAGE_SHIPPING,)


class ShippingMethodTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String()
    description = JSONString()

    class Meta:
        description = "A shipping method's name in another language (none are stored yet)."


def _translation_field() -> graphene.Field:
    return graphene.Field(
        ShippingMethodTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description="Always null: shipping methods have no translations yet.",
    )


class ShippingMethod(ObjectWithMetadataFields, graphene.ObjectType):
    """Built from `ShippingMethodData`: Haat's own methods and carrier plugins' alike."""

    private_metadata_permissions = _SHIPPING_MANAGERS
    type = graphene.Field(
        ShippingMethodTypeEnum,
        deprecation_reason="This field will be removed in 4.0.",
    )
    name = graphene.String(required=True)
    description = JSONString()
    maximum_delivery_days = graphene.Int()
    minimum_delivery_days = graphene.Int()
    translation = _translation_field()
    price = graphene.Field(MoneyType, required=True, description="For the whole checkout.")
    maximum_order_price = graphene.Field(MoneyType)
    minimum_order_price = graphene.Field(MoneyType)
    active = graphene.Boolean(required=True)
    message = graphene.String()

    class Meta:
        description = "A way to ship a checkout, priced for it (the sum of its vendors' parcels)."
        interfaces = (relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return isinstance(root, ShippingMethodData)

    @staticmethod
    def resolve_type(root: ShippingMethodData, _info):
        return root.type

    @staticmethod
    def resolve_translation(_root, _info, **_kwargs):
        return None

    @staticmethod
    def resolve_price(root: ShippingMethodData, _info):
        return Money(root.price, root.currency)

    @staticmethod
    def resolve_maximum_order_price(root: ShippingMethodData, _info):
        amount = root.maximum_order_price
        return Money(amount, root.currency) if amount is not None else None

    @staticmethod
    def resolve_minimum_order_price(root: ShippingMethodData, _info):
        amount = root.minimum_order_price
        return Money(amount, root.currency) if amount is not None else None


@dataclass(frozen=True)
class InChannel:
    """A zone or method as staff see it, in a channel (None: across channels)."""

    node: models.ShippingZone | models.ShippingMethod
    channel_slug: str | None

    @property
    def pk(self) -> int:
        return self.node.pk

    @property
    def id(self) -> int:
        return self.node.pk


class InChannelNodeFields(ObjectWithMetadataFields):
    """Metadata and name of a set-up row seen in a channel (its root is an `InChannel`)."""

    @staticmethod
    def metadata_holder(root: InChannel):
        return root.node

    @staticmethod
    def resolve_metadata(root: InChannel, info):
        return ObjectWithMetadataFields.resolve_metadata(root.node, info)

    @staticmethod
    def resolve_metafield(root: InChannel, info, key: str):
        return ObjectWithMetadataFields.resolve_metafield(root.node, info, key)

    @staticmethod
    def resolve_name(root: InChannel, _info):
        return root.node.name


class ShippingMethodType(InChannelNodeFields, graphene.ObjectType):
    private_metadata_permissions = _SHIPPING_MANAGERS
    name = graphene.String(required=True)
    description = JSONString()
    type = graphene.Field(ShippingMethodTypeEnum)
    translation = _translation_field()
    maximum_order_price = graphene.Field(MoneyType, description="In the channel asked for.")
    minimum_order_price = graphene.Field(MoneyType, description="In the channel asked for.")
    maximum_delivery_days = graphene.Int()
    minimum_delivery_days = graphene.Int()

    class Meta:
        description = "A shipping method as set up: its rates are per zone and weight slab."
        interfaces = (relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return isinstance(root, InChannel) and isinstance(root.node, models.ShippingMethod)

    @staticmethod
    def resolve_description(root: InChannel, _info):
        return root.node.description

    @staticmethod
    def resolve_type(root: InChannel, _info):
        return str(root.node.type)

    @staticmethod
    def resolve_translation(_root, _info, **_kwargs):
        return None

    @staticmethod
    def resolve_maximum_delivery_days(root: InChannel, _info):
        return root.node.maximum_delivery_days

    @staticmethod
    def resolve_minimum_delivery_days(root: InChannel, _info):
        return root.node.minimum_delivery_days

    @staticmethod
    def _listing_amount(root: InChannel, info, attribute: str):
        if root.channel_slug is None:
            return None

        def amount(listing):
            value = getattr(listing, attribute) if listing is not None else None
            return Money(value, listing.currency) if value is not None else None

        key = (root.node.pk, root.channel_slug)
        return then(ListingByShippingMethodIdAndChannelLoader(info.context).load(key), amount)

    @classmethod
    def resolve_maximum_order_price(cls, root: InChannel, info):
        return cls._listing_amount(root, info, "maximum_order_price_amount")

    @classmethod
    def resolve_minimum_order_price(cls, root: InChannel, info):
        return cls._listing_amount(root, info, "minimum_order_price_amount")


class ShippingZone(InChannelNodeFields, graphene.ObjectType):
    private_metadata_permissions = _SHIPPING_MANAGERS
    name = graphene.String(required=True)
    default = graphene.Boolean(
        required=True, description="Prices parcels whose origin or destination is unknown."
    )
    kind = graphene.Field(ShippingZoneKindEnum, required=True)
    price_range = graphene.Field(
        MoneyRangeType, description="Its parcel prices in the channel asked for."
    )
    countries = graphene.NonNull(graphene.List(graphene.NonNull(CountryDisplay)))
    shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethodType),
        description="The methods with rates in this zone (in the channel asked for).",
    )
    warehouses = graphene.NonNull(
        graphene.List(graphene.NonNull(Warehouse)),
        description="The warehouses of its channels: each sends parcels into every zone.",
    )
    channels = graphene.NonNull(graphene.List(graphene.NonNull(Channel)))
    description = graphene.String()

    class Meta:
        description = "Parcels at one distance (same district, same division, rest of the country)."
        interfaces = (relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return isinstance(root, InChannel) and isinstance(root.node, models.ShippingZone)

    @staticmethod
    def resolve_default(root: InChannel, _info):
        return root.node.default

    @staticmethod
    def resolve_kind(root: InChannel, _info):
        return str(root.node.kind)

    @staticmethod
    def resolve_description(root: InChannel, _info):
        return root.node.description or None

    @staticmethod
    def resolve_countries(_root, _info):
        return [CountryDisplay(code="BD")]  # zones are distances inside Bangladesh

    @staticmethod
    def resolve_price_range(root: InChannel, info):
        if root.channel_slug is None:
            return None

        def money_range(found):
            if found is None:
                return None
            lowest, highest, currency = found
            return MoneyRange(Money(lowest, currency), Money(highest, currency))

        key = (root.node.pk, root.channel_slug)
        return then(PriceRangeByZoneIdAndChannelLoader(info.context).load(key), money_range)

    @staticmethod
    def resolve_shipping_methods(root: InChannel, info):
        key = (root.node.pk, root.channel_slug)
        return then(
            ShippingMethodsByZoneIdAndChannelLoader(info.context).load(key),
            lambda methods: [InChannel(method, root.channel_slug) for method in methods],
        )

    @staticmethod
    def resolve_warehouses(root: InChannel, info):
        return WarehousesByShippingZoneIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def resolve_channels(root: InChannel, info):
        return ChannelsByShippingZoneIdLoader(info.context).load(root.node.pk)


@dataclass(frozen=True)
class VendorParcel:
    """What `VendorShipping` shows: a vendor's parcel and what its delivery costs."""

    vendor_id: int
    weight: Decimal | None  # kg
    price: Decimal
    currency: str


def vendor_parcels(parcels, method: ShippingMethodData) -> list[VendorParcel]:
    """One `VendorParcel` per parcel of a request, priced by `method` (the checkout's field)."""
    prices = dict(method.parcel_prices)
    return [
        VendorParcel(
            vendor_id=parcel.vendor_id,
            weight=parcel.weight,
            price=prices.get(parcel.vendor_id, Decimal(0)),
            currency=method.currency,
        )
        for parcel in parcels
    ]


class VendorShipping(graphene.ObjectType):
    vendor = graphene.Field(Vendor, required=True)
    weight = graphene.Field(Weight, description="The parcel's weight.")
    price = graphene.Field(MoneyType, required=True, description="Its delivery price.")

    class Meta:
        description = (
            "One vendor's parcel of a checkout or order: vendors ship their own goods, and the "
            "delivery price is the sum of their parcels' (Haat's addition)."
        )

    @staticmethod
    def resolve_vendor(root: VendorParcel, info):
        return VendorByIdLoader(info.context).load(root.vendor_id)

    @staticmethod
    def resolve_weight(root: VendorParcel, _info):
        if root.weight is None:
            return None
        return Weight(unit=WeightUnitsEnum.KG.value, value=root.weight)

    @staticmethod
    def resolve_price(root: VendorParcel, _info):
        return Money(root.price, root.currency)
