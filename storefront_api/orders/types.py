"""GraphQL types of orders: Saleor's `Order`, `OrderDiscount`, `OrderError`, the delivery
method union, and Haat's `VendorOrder` (`Order.vendorOrders`).

What a viewer sees of an order is decided where they reach it (`order`, `orders`, `me.orders`,
mutation payloads: `backend.orders.selectors`); a vendor's owner then sees only their vendors'
lines, parts and fulfilments (`access.visible_vendor_ids`)."""

from __future__ import annotations

from decimal import Decimal

import graphene
from graphene import relay

from backend.core.permissions import PermissionEnum
from backend.discounts.models import DiscountValueType
from backend.orders import models
from plugins.framework.interface import ShippingMethodData
from storefront_api.accounts.dataloaders import AddressByIdLoader, UserByIdLoader
from storefront_api.accounts.enums import AddressTypeEnum
from storefront_api.catalog.context import ChannelContext
from storefront_api.catalog.dataloaders import ChannelByIdLoader
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.errors import Error, PermissionDenied
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.core.types import (
    ModelObjectType,
    Money,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
    TaxedMoney,
    Weight,
)
from storefront_api.discounts.dataloaders import VoucherByCodeLoader
from storefront_api.discounts.types import DiscountValueTypeEnum, Voucher
from storefront_api.inventory.dataloaders import WarehouseByIdLoader
from storefront_api.inventory.types import Warehouse
from storefront_api.marketplace.dataloaders import VendorByIdLoader
from storefront_api.shipping.types import ShippingMethod

from .access import order_viewer, sees_whole_order, visible_vendor_ids
from .dataloaders import (
    EventsByOrderIdLoader,
    FulfillmentsByOrderIdLoader,
    FulfillmentsByVendorOrderIdLoader,
    OrderLinesByOrderIdLoader,
    OrderLinesByVendorOrderIdLoader,
    VendorOrdersByOrderIdLoader,
)
from .enums import (
    OrderAuthorizeStatusEnum,
    OrderChargeStatusEnum,
    OrderErrorCode,
    OrderEventsEnum,
    OrderNoteAddErrorCode,
    OrderOriginEnum,
    OrderStatusEnum,
    PaymentChargeStatusEnum,
)
from .line_types import Fulfillment, OrderEvent, OrderLine
from .money import money, taxed
from .payment_fields import OrderPaymentFields

_ORDER_MANAGERS = (PermissionEnum.MANAGE_ORDERS,)

__all__ = ["OrderEvent", "OrderEventsEnum"]


class OrderError(Error):
    code = graphene.Field(OrderErrorCode, required=True, description="The error code.")
    warehouse = graphene.ID(description="The warehouse the error is about.")
    order_lines = graphene.List(graphene.NonNull(graphene.ID), description="Lines at fault.")
    variants = graphene.List(graphene.NonNull(graphene.ID), description="Variants at fault.")
    address_type = graphene.Field(AddressTypeEnum, description="Which address is at fault.")

    class Meta:
        description = "An error from an order mutation."


class OrderNoteAddError(Error):
    code = graphene.Field(OrderNoteAddErrorCode, description="The error code.")

    class Meta:
        description = "An error from orderNoteAdd."


class OrderDiscountType(graphene.Enum):
    SALE = "sale"
    VOUCHER = "voucher"
    MANUAL = "manual"
    PROMOTION = "promotion"
    ORDER_PROMOTION = "order_promotion"

    class Meta:
        description = "Where an order's discount comes from."


class OrderDiscount(graphene.ObjectType):
    type = graphene.Field(OrderDiscountType, required=True)
    name = graphene.String()
    translated_name = graphene.String()
    value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    value = graphene.Field(PositiveDecimal, required=True)
    reason = graphene.String()
    total = graphene.Field(Money, required=True)
    amount = graphene.Field(Money, required=True, deprecation_reason="Use `total` instead.")

    class Meta:
        description = "A discount on the whole order (Haat keeps the voucher's, as an amount)."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_id(root: models.Order, _info) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_type(_root, _info) -> str:
        return "voucher"

    @staticmethod
    def resolve_name(root: models.Order, _info):
        return root.discount_name or root.voucher_code or None

    @staticmethod
    def resolve_translated_name(root: models.Order, _info):
        return root.discount_name or root.voucher_code or None

    @staticmethod
    def resolve_value_type(_root, _info) -> str:
        # The discounts API's enum: one DiscountValueTypeEnum in the schema, with its values.
        return DiscountValueType.FIXED.value

    @staticmethod
    def resolve_value(root: models.Order, _info) -> Decimal:
        return root.discount_amount

    @staticmethod
    def resolve_reason(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_total(root: models.Order, _info):
        return money(root.discount_amount, root.currency)

    @staticmethod
    def resolve_amount(root: models.Order, _info):
        return money(root.discount_amount, root.currency)


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (Warehouse, ShippingMethod)
        description = (
            "How the order or checkout reaches the customer: a shipping method, or the "
            "collection point (a Warehouse) for pickup."
        )


def _filtered(rows: list, vendor_ids: frozenset[int] | None, vendor_of) -> list:
    if vendor_ids is None:
        return rows
    return [row for row in rows if vendor_of(row) in vendor_ids]


class VendorOrder(ModelObjectType, model=models.VendorOrder):
    vendor = graphene.Field("storefront_api.marketplace.types.Vendor", required=True)
    status = graphene.Field(OrderStatusEnum, required=True)
    lines = graphene.NonNull(graphene.List(graphene.NonNull(OrderLine)))
    fulfillments = graphene.NonNull(graphene.List(graphene.NonNull(Fulfillment)))
    subtotal = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total = graphene.Field(TaxedMoney, required=True)
    weight = graphene.Field(Weight, required=True)

    class Meta:
        description = (
            "One vendor's part of an order (Haat's): its lines, parcel price, status and "
            "fulfilments. A vendor's owner sees and fulfils only their own parts."
        )
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_vendor(root: models.VendorOrder, info):
        return VendorByIdLoader(info.context).load(root.vendor_id)

    @staticmethod
    def resolve_lines(root: models.VendorOrder, info):
        return OrderLinesByVendorOrderIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_fulfillments(root: models.VendorOrder, info):
        return FulfillmentsByVendorOrderIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_subtotal(root: models.VendorOrder, _info):
        return taxed(root, "subtotal")

    @staticmethod
    def resolve_shipping_price(root: models.VendorOrder, _info):
        return taxed(root, "shipping_price")

    @staticmethod
    def resolve_total(root: models.VendorOrder, _info):
        return taxed(root, "total")

    @staticmethod
    def resolve_weight(root: models.VendorOrder, _info):
        return Weight(unit="kg", value=root.weight)


def _payment_status(order: models.Order) -> str:
    return {
        models.ChargeStatus.NONE: "not-charged",
        models.ChargeStatus.PARTIAL: "partially-charged",
    }.get(order.charge_status, "fully-charged")


class Order(OrderPaymentFields, ObjectWithMetadataFields, ModelObjectType, model=models.Order):
    private_metadata_permissions = _ORDER_MANAGERS
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    status = graphene.Field(OrderStatusEnum, required=True)
    user = graphene.Field(
        "storefront_api.accounts.types.User",
        description="The customer's account, for the customer and MANAGE_ORDERS staff.",
    )
    tracking_client_id = graphene.String(required=True)
    billing_address = graphene.Field("storefront_api.accounts.types.Address")
    shipping_address = graphene.Field("storefront_api.accounts.types.Address")
    shipping_method_name = graphene.String()
    collection_point_name = graphene.String()
    channel = graphene.Field("storefront_api.channel.types.Channel", required=True)
    fulfillments = graphene.NonNull(graphene.List(graphene.NonNull(Fulfillment)))
    lines = graphene.NonNull(graphene.List(graphene.NonNull(OrderLine)))
    number = graphene.String(required=True)
    origin = graphene.Field(OrderOriginEnum, required=True)
    is_paid = graphene.Boolean(required=True)
    payment_status = graphene.Field(PaymentChargeStatusEnum, required=True)
    payment_status_display = graphene.String(required=True)
    authorize_status = graphene.Field(OrderAuthorizeStatusEnum, required=True)
    charge_status = graphene.Field(OrderChargeStatusEnum, required=True)
    tax_exemption = graphene.Boolean(required=True)
    total = graphene.Field(TaxedMoney, required=True)
    undiscounted_total = graphene.Field(TaxedMoney, required=True)
    undiscounted_shipping_price = graphene.Field(Money, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    shipping_tax_rate = graphene.Float(required=True)
    voucher_code = graphene.String()
    customer_note = graphene.String(required=True)
    weight = graphene.Field(Weight, required=True)
    subtotal = graphene.Field(TaxedMoney, required=True)
    status_display = graphene.String(required=True)
    can_finalize = graphene.Boolean(required=True)
    total_authorized = graphene.Field(Money, required=True)
    total_charged = graphene.Field(Money, required=True)
    total_captured = graphene.Field(
        Money, required=True, deprecation_reason="Use `totalCharged` instead."
    )
    voucher = graphene.Field(Voucher, description="The voucher whose code the order used.")
    events = graphene.NonNull(
        graphene.List(graphene.NonNull(OrderEvent)),
        description="The timeline. Requires MANAGE_ORDERS.",
    )
    user_email = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    delivery_method = graphene.Field(DeliveryMethod)
    language_code_enum = graphene.Field(LanguageCodeEnum, required=True)
    discounts = graphene.NonNull(graphene.List(graphene.NonNull(OrderDiscount)))
    display_gross_prices = graphene.Boolean(required=True)
    checkout_id = graphene.ID()
    vendor_orders = graphene.NonNull(
        graphene.List(graphene.NonNull(VendorOrder)),
        description="One part per vendor (Haat's); a vendor sees only its own parts.",
    )

    class Meta:
        description = "An order: placed from a checkout or a staff draft."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: models.Order, _info) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_created(root: models.Order, _info):
        return root.created_at

    @staticmethod
    def resolve_user(root: models.Order, info):
        viewer = order_viewer(info.context)
        if root.user_id is None:
            return None
        if viewer.manages_orders or root.user_id == viewer.user_id:
            return UserByIdLoader(info.context).load(root.user_id)
        return None

    @staticmethod
    def resolve_tracking_client_id(_root, _info) -> str:
        return ""

    @staticmethod
    def resolve_billing_address(root: models.Order, info):
        if root.billing_address_id is None:
            return None
        return AddressByIdLoader(info.context).load(root.billing_address_id)

    @staticmethod
    def resolve_shipping_address(root: models.Order, info):
        if root.shipping_address_id is None:
            return None
        return AddressByIdLoader(info.context).load(root.shipping_address_id)

    @staticmethod
    def resolve_shipping_method_name(root: models.Order, _info):
        return root.shipping_method_name or None

    @staticmethod
    def resolve_collection_point_name(root: models.Order, _info):
        return root.collection_point_name or None

    @staticmethod
    def resolve_channel(root: models.Order, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_lines(root: models.Order, info):
        vendor_ids = visible_vendor_ids(info.context, root)
        return then(
            OrderLinesByOrderIdLoader(info.context).load(root.pk),
            lambda lines: _filtered(lines, vendor_ids, lambda line: line.vendor_id),
        )

    @staticmethod
    def resolve_fulfillments(root: models.Order, info):
        vendor_ids = visible_vendor_ids(info.context, root)
        return then(
            FulfillmentsByOrderIdLoader(info.context).load(root.pk),
            lambda rows: _filtered(rows, vendor_ids, lambda row: row.vendor_order.vendor_id),
        )

    @staticmethod
    def resolve_vendor_orders(root: models.Order, info):
        vendor_ids = visible_vendor_ids(info.context, root)
        return then(
            VendorOrdersByOrderIdLoader(info.context).load(root.pk),
            lambda parts: _filtered(parts, vendor_ids, lambda part: part.vendor_id),
        )

    @staticmethod
    def resolve_events(root: models.Order, info):
        if not order_viewer(info.context).manages_orders:
            raise PermissionDenied(permissions=list(_ORDER_MANAGERS))
        return EventsByOrderIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_number(root: models.Order, _info) -> str:
        return str(root.number)

    @staticmethod
    def resolve_is_paid(root: models.Order, _info) -> bool:
        return root.charge_status in (models.ChargeStatus.FULL, models.ChargeStatus.OVERCHARGED)

    @staticmethod
    def resolve_payment_status(root: models.Order, _info) -> str:
        return _payment_status(root)

    @staticmethod
    def resolve_payment_status_display(root: models.Order, _info) -> str:
        return _payment_status(root).replace("-", " ").capitalize()

    @staticmethod
    def resolve_tax_exemption(_root, _info) -> bool:
        return False

    @staticmethod
    def resolve_total(root: models.Order, _info):
        return taxed(root, "total")

    @staticmethod
    def resolve_undiscounted_total(root: models.Order, _info):
        return taxed(root, "undiscounted_total")

    @staticmethod
    def resolve_subtotal(root: models.Order, _info):
        return taxed(root, "subtotal")

    @staticmethod
    def resolve_shipping_price(root: models.Order, _info):
        return taxed(root, "shipping_price")

    @staticmethod
    def resolve_undiscounted_shipping_price(root: models.Order, _info):
        return money(root.shipping_price_gross_amount, root.currency)

    @staticmethod
    def resolve_voucher_code(root: models.Order, _info):
        return root.voucher_code or None

    @staticmethod
    def resolve_weight(root: models.Order, _info):
        return Weight(unit="kg", value=root.weight)

    @staticmethod
    def resolve_status_display(root: models.Order, _info) -> str:
        return root.get_status_display()

    @staticmethod
    def resolve_can_finalize(root: models.Order, _info) -> bool:
        """A draft can be completed when it has a customer to reach (lines are checked then)."""
        return root.status == models.OrderStatus.DRAFT and bool(
            root.user_id or root.user_email or root.customer_phone
        )

    @staticmethod
    def resolve_total_authorized(root: models.Order, _info):
        return money(root.total_authorized_amount, root.currency)

    @staticmethod
    def resolve_total_charged(root: models.Order, _info):
        return money(root.total_charged_amount, root.currency)

    @staticmethod
    def resolve_user_email(root: models.Order, info):
        return (root.user_email or None) if sees_whole_order(info.context, root) else None

    @staticmethod
    def resolve_is_shipping_required(root: models.Order, info):
        return then(
            OrderLinesByOrderIdLoader(info.context).load(root.pk),
            lambda lines: any(line.is_shipping_required for line in lines),
        )

    @staticmethod
    def resolve_delivery_method(root: models.Order, info):
        if root.collection_point_id is not None:
            return WarehouseByIdLoader(info.context).load(root.collection_point_id)
        if not root.shipping_method_id:
            return None
        # The method as it was sold: its name and the price the customer paid for delivery.
        return ShippingMethodData(
            id=root.shipping_method_id,
            name=root.shipping_method_name,
            price=root.shipping_price_gross_amount,
            currency=root.currency,
        )

    @staticmethod
    def resolve_total_captured(root: models.Order, _info):
        return money(root.total_charged_amount, root.currency)

    @staticmethod
    def resolve_voucher(root: models.Order, info):
        if not root.voucher_code:
            return None

        def in_channel(loaded):
            voucher, channel = loaded
            return ChannelContext(voucher, channel.slug) if voucher else None

        return then(
            gather(
                [
                    VoucherByCodeLoader(info.context).load(root.voucher_code),
                    ChannelByIdLoader(info.context).load(root.channel_id),
                ]
            ),
            in_channel,
        )

    @staticmethod
    def resolve_language_code_enum(root: models.Order, _info):
        return root.language_code

    @staticmethod
    def resolve_discounts(root: models.Order, _info):
        return [root] if root.discount_amount else []

    @staticmethod
    def resolve_display_gross_prices(_root, _info) -> bool:
        return True  # Bangladesh's prices are shown VAT-inclusive

    @staticmethod
    def resolve_checkout_id(root: models.Order, _info):
        if root.checkout_token is None:
            return None
        from graphql_relay import to_global_id

        return to_global_id("Checkout", str(root.checkout_token))
