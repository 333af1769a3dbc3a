"""A channel's checkout, order and stock settings, shaped as Saleor 3.21's and guarded as its."""

from __future__ import annotations

import graphene

from backend.channels import models as channel_models
from backend.core.permissions import PermissionEnum
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.scalars import Day, Hour, Minute
from storefront_api.core.types import has_any_permission

MarkAsPaidStrategyEnum = graphene.Enum(
    "MarkAsPaidStrategyEnum",
    [(member.name, member.value) for member in channel_models.MarkAsPaidStrategy],
)
AllocationStrategyEnum = graphene.Enum(
    "AllocationStrategyEnum",
    [(member.name, member.value) for member in channel_models.AllocationStrategy],
)


class StockSettings(graphene.ObjectType):
    allocation_strategy = graphene.Field(AllocationStrategyEnum, required=True)

    class Meta:
        description = "Which warehouses stock is allocated from first."


class OrderSettings(graphene.ObjectType):
    automatically_confirm_all_new_orders = graphene.Boolean(required=True)
    automatically_fulfill_non_shippable_gift_card = graphene.Boolean(required=True)
    expire_orders_after = Minute()
    mark_as_paid_strategy = graphene.Field(MarkAsPaidStrategyEnum, required=True)
    delete_expired_orders_after = Day(required=True)
    allow_unpaid_orders = graphene.Boolean(required=True)
    include_draft_order_in_voucher_usage = graphene.Boolean(required=True)
    draft_order_line_price_freeze_period = Hour()
    use_legacy_line_discount_propagation = graphene.Boolean(required=True)

    class Meta:
        description = (
            "The channel's order settings. Haat allows unpaid orders by default: cash on delivery "
            "and cash at the centre are how most Bangladeshi customers pay."
        )


class CheckoutSettings(graphene.ObjectType):
    use_legacy_error_flow = graphene.Boolean(required=True)
    automatically_complete_fully_paid_checkouts = graphene.Boolean(required=True)
    reserve_stock_duration_minutes = Minute(
        description="Haat: minutes a checkout's lines hold their stock; null when stock is not "
        "reserved (the first to complete gets it)."
    )

    class Meta:
        description = "The channel's checkout settings."


def _require_one_of(info, permissions: tuple[PermissionEnum, ...]) -> None:
    if not has_any_permission(info.context.user, permissions):
        raise PermissionDenied(permissions=list(permissions))


def resolve_stock_settings(root: channel_models.Channel, info) -> StockSettings:
    user = info.context.user
    if not (getattr(user, "is_app", False) or getattr(user, "is_staff", False)):
        raise PermissionDenied("You need to be a staff user or an app to read stock settings.")
    return StockSettings(allocation_strategy=root.allocation_strategy)


def resolve_order_settings(root: channel_models.Channel, info) -> OrderSettings:
    _require_one_of(info, (PermissionEnum.MANAGE_CHANNELS, PermissionEnum.MANAGE_ORDERS))
    return OrderSettings(
        automatically_confirm_all_new_orders=root.automatically_confirm_all_new_orders,
        automatically_fulfill_non_shippable_gift_card=False,
        expire_orders_after=root.expire_orders_after_minutes,
        mark_as_paid_strategy=root.mark_as_paid_strategy,
        delete_expired_orders_after=root.delete_expired_orders_after_days,
        allow_unpaid_orders=root.allow_unpaid_orders,
        include_draft_order_in_voucher_usage=root.include_draft_order_in_voucher_usage,
        draft_order_line_price_freeze_period=None,
        use_legacy_line_discount_propagation=False,
    )


def resolve_checkout_settings(root: channel_models.Channel, info) -> CheckoutSettings:
    _require_one_of(info, (PermissionEnum.MANAGE_CHANNELS, PermissionEnum.MANAGE_CHECKOUTS))
    return CheckoutSettings(
        use_legacy_error_flow=False,
        automatically_complete_fully_paid_checkouts=root.automatically_complete_fully_paid_checkouts,
        reserve_stock_duration_minutes=root.reserve_stock_duration_minutes,
    )
