"""GraphQL types of what an order holds: OrderLine, Fulfillment, FulfillmentLine, OrderEvent."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import graphene
from graphene import relay

from backend.core.permissions import PermissionEnum
from backend.orders import models
from storefront_api.accounts.dataloaders import UserByIdLoader
from storefront_api.app.dataloaders import AppByIdLoader
from storefront_api.catalog.context import ChannelContext
from storefront_api.catalog.dataloaders import ChannelByIdLoader, ProductVariantByIdLoader
from storefront_api.catalog.types.common import image_args
from storefront_api.catalog.types.media import product_thumbnail
from storefront_api.core.dataloaders import then
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.core.types import (
    Image,
    ModelObjectType,
    Money,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
    TaxedMoney,
)
from storefront_api.inventory.dataloaders import WarehouseByIdLoader

from .dataloaders import (
    FulfillmentLineByIdLoader,
    FulfillmentLinesByFulfillmentIdLoader,
    OrderByIdLoader,
    OrderLineByIdLoader,
)
from .enums import FulfillmentStatusEnum, OrderEventsEmailsEnum, OrderEventsEnum
from .money import money, taxed

_ORDER_MANAGERS = (PermissionEnum.MANAGE_ORDERS,)


class OrderLine(ObjectWithMetadataFields, ModelObjectType, model=models.OrderLine):
    private_metadata_permissions = _ORDER_MANAGERS
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    product_variant_id = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    quantity_to_fulfill = graphene.Int(required=True, description="Units not fulfilled yet.")
    tax_rate = graphene.Float(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True, description="Frozen at sale time.")
    undiscounted_unit_price = graphene.Field(TaxedMoney, required=True)
    unit_discount = graphene.Field(Money, required=True)
    unit_discount_reason = graphene.String()
    unit_discount_value = graphene.Field(PositiveDecimal, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(TaxedMoney, required=True)
    variant = graphene.Field(
        "storefront_api.catalog.types.variants.ProductVariant",
        description="The variant sold; null when it has been deleted since.",
    )
    thumbnail = graphene.Field(
        Image,
        **image_args(),
        description="The product's first image; null once the variant is deleted.",
    )
    translated_product_name = graphene.String(required=True)
    translated_variant_name = graphene.String(required=True)

    class Meta:
        description = "A line of an order: what was sold, how many, at what price."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: models.OrderLine, _info) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_quantity_to_fulfill(root: models.OrderLine, _info) -> int:
        return root.quantity - root.quantity_fulfilled

    @staticmethod
    def resolve_unit_price(root: models.OrderLine, _info):
        return taxed(root, "unit_price")

    @staticmethod
    def resolve_undiscounted_unit_price(root: models.OrderLine, _info):
        return taxed(root, "undiscounted_unit_price")

    @staticmethod
    def resolve_total_price(root: models.OrderLine, _info):
        return taxed(root, "total_price")

    @staticmethod
    def resolve_undiscounted_total_price(root: models.OrderLine, _info):
        return taxed(root, "undiscounted_total_price")

    @staticmethod
    def resolve_unit_discount(root: models.OrderLine, _info):
        return money(root.unit_discount_amount, root.currency)

    @staticmethod
    def resolve_unit_discount_value(root: models.OrderLine, _info) -> Decimal:
        return root.unit_discount_amount

    @staticmethod
    def resolve_unit_discount_reason(root: models.OrderLine, _info) -> str | None:
        return root.unit_discount_reason or None

    @staticmethod
    def resolve_translated_product_name(root: models.OrderLine, _info) -> str:
        return root.translated_product_name or root.product_name

    @staticmethod
    def resolve_translated_variant_name(root: models.OrderLine, _info) -> str:
        return root.translated_variant_name or root.variant_name

    @staticmethod
    def resolve_thumbnail(root: models.OrderLine, info, size=None, format=None):
        if root.variant_id is None:
            return None
        return then(
            ProductVariantByIdLoader(info.context).load(root.variant_id),
            lambda variant: (
                product_thumbnail(info, variant.product_id, size, format) if variant else None
            ),
        )

    @staticmethod
    def resolve_variant(root: models.OrderLine, info):
        if root.variant_id is None:
            return None

        def in_channel(loaded):
            variant, order = loaded
            if variant is None:
                return None
            return then(
                ChannelByIdLoader(info.context).load(order.channel_id),
                lambda channel: ChannelContext(node=variant, channel_slug=channel.slug),
            )

        from storefront_api.core.dataloaders import gather

        return then(
            gather(
                [
                    ProductVariantByIdLoader(info.context).load(root.variant_id),
                    OrderByIdLoader(info.context).load(root.order_id),
                ]
            ),
            in_channel,
        )


class FulfillmentLine(ModelObjectType, model=models.FulfillmentLine):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field(OrderLine)

    class Meta:
        description = "Units of one order line in a fulfilment."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_order_line(root: models.FulfillmentLine, info):
        return OrderLineByIdLoader(info.context).load(root.order_line_id)


class Fulfillment(ObjectWithMetadataFields, ModelObjectType, model=models.Fulfillment):
    private_metadata_permissions = _ORDER_MANAGERS
    fulfillment_order = graphene.Int(required=True)
    status = graphene.Field(FulfillmentStatusEnum, required=True)
    tracking_number = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(FulfillmentLine))
    status_display = graphene.String()
    warehouse = graphene.Field(
        "storefront_api.inventory.types.Warehouse",
        description="The warehouse the parcel's goods left from (its first line's).",
    )

    class Meta:
        description = "A parcel (or hand-over) of one vendor's lines of an order."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_created(root: models.Fulfillment, _info):
        return root.created_at

    @staticmethod
    def resolve_status_display(root: models.Fulfillment, _info) -> str:
        return root.get_status_display()

    @staticmethod
    def resolve_lines(root: models.Fulfillment, info):
        return FulfillmentLinesByFulfillmentIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_warehouse(root: models.Fulfillment, info):
        def first_warehouse(lines):
            stock = next((line.stock for line in lines if line.stock_id is not None), None)
            if stock is None:
                return None
            return WarehouseByIdLoader(info.context).load(stock.warehouse_id)

        return then(
            FulfillmentLinesByFulfillmentIdLoader(info.context).load(root.pk), first_warehouse
        )


class OrderEventOrderLineObject(graphene.ObjectType):
    quantity = graphene.Int()
    order_line = graphene.Field(OrderLine)
    item_name = graphene.String()

    class Meta:
        description = "A line an event is about, as it was then."

    @staticmethod
    def resolve_order_line(root: dict, info):
        try:
            line_id = UUID(str(root.get("line_pk")))
        except ValueError:
            return None
        return OrderLineByIdLoader(info.context).load(line_id)

    @staticmethod
    def resolve_quantity(root: dict, _info):
        return root.get("quantity")

    @staticmethod
    def resolve_item_name(root: dict, _info):
        return root.get("item")


class OrderEvent(ModelObjectType, model=models.OrderEvent):
    date = graphene.DateTime()
    type = graphene.Field(OrderEventsEnum)
    user = graphene.Field("storefront_api.accounts.types.User")
    app = graphene.Field("storefront_api.app.types.App")
    message = graphene.String()
    email = graphene.String(description="Who was told: an e-mail address or a mobile number.")
    email_type = graphene.Field(OrderEventsEmailsEnum)
    amount = graphene.Float()
    quantity = graphene.Int()
    composed_id = graphene.String()
    order_number = graphene.String()
    lines = graphene.List(graphene.NonNull(OrderEventOrderLineObject))
    fulfilled_items = graphene.List(graphene.NonNull(FulfillmentLine))
    warehouse = graphene.Field("storefront_api.inventory.types.Warehouse")
    transaction_reference = graphene.String()

    class Meta:
        description = "An entry of an order's timeline."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_user(root: models.OrderEvent, info):
        return UserByIdLoader(info.context).load(root.user_id) if root.user_id else None

    @staticmethod
    def resolve_app(root: models.OrderEvent, info):
        return AppByIdLoader(info.context).load(root.app_id) if root.app_id else None

    @staticmethod
    def resolve_message(root: models.OrderEvent, _info):
        return root.parameters.get("message")

    @staticmethod
    def resolve_email(root: models.OrderEvent, _info):
        return root.parameters.get("email")

    @staticmethod
    def resolve_email_type(root: models.OrderEvent, _info):
        return root.parameters.get("email_type")

    @staticmethod
    def resolve_amount(root: models.OrderEvent, _info):
        amount = root.parameters.get("amount")
        return Decimal(amount) if amount is not None else None

    @staticmethod
    def resolve_quantity(root: models.OrderEvent, _info):
        return root.parameters.get("quantity")

    @staticmethod
    def resolve_composed_id(root: models.OrderEvent, _info):
        return root.parameters.get("composed_id")

    @staticmethod
    def resolve_order_number(root: models.OrderEvent, info):
        return then(
            OrderByIdLoader(info.context).load(root.order_id), lambda order: str(order.number)
        )

    @staticmethod
    def resolve_lines(root: models.OrderEvent, _info):
        lines = root.parameters.get("lines")
        return list(lines) if lines is not None else None

    @staticmethod
    def resolve_fulfilled_items(root: models.OrderEvent, info):
        ids = root.parameters.get("fulfilled_items")
        if ids is None:
            return None
        return then(
            FulfillmentLineByIdLoader(info.context).load_many(ids),
            lambda lines: [line for line in lines if line is not None],
        )

    @staticmethod
    def resolve_warehouse(root: models.OrderEvent, info):
        warehouse_id = root.parameters.get("warehouse")
        return WarehouseByIdLoader(info.context).load(warehouse_id) if warehouse_id else None

    @staticmethod
    def resolve_transaction_reference(root: models.OrderEvent, _info):
        return root.parameters.get("transaction_reference")
