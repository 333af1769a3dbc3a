"""Loaders for orders' relations: one query per relation per response, whatever the page."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from backend.orders.models import (
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderEvent,
    OrderLine,
    VendorOrder,
)
from payments.transactions.models import OrderGrantedRefund, TransactionItem
from storefront_api.core.dataloaders import DataLoader, by_key, group_by


class OrderByIdLoader(DataLoader[UUID, Order | None]):
    def batch_load(self, keys: list[UUID]) -> list[Order | None]:
        orders = by_key(Order.objects.filter(pk__in=keys), lambda order: order.pk)
        return [orders.get(key) for key in keys]


class OrderLineByIdLoader(DataLoader[UUID, OrderLine | None]):
    def batch_load(self, keys: list[UUID]) -> list[OrderLine | None]:
        lines = by_key(OrderLine.objects.filter(pk__in=keys), lambda line: line.pk)
        return [lines.get(key) for key in keys]


class OrderLinesByOrderIdLoader(DataLoader[UUID, list[OrderLine]]):
    def batch_load(self, keys: list[UUID]) -> list[list[OrderLine]]:
        lines = group_by(OrderLine.objects.filter(order_id__in=keys), lambda line: line.order_id)
        return [lines.get(key, []) for key in keys]


class VendorOrdersByOrderIdLoader(DataLoader[UUID, list[VendorOrder]]):
    def batch_load(self, keys: list[UUID]) -> list[list[VendorOrder]]:
        parts = group_by(VendorOrder.objects.filter(order_id__in=keys), lambda part: part.order_id)
        return [parts.get(key, []) for key in keys]


class OrderLinesByVendorOrderIdLoader(DataLoader[int, list[OrderLine]]):
    def batch_load(self, keys: list[int]) -> list[list[OrderLine]]:
        lines = group_by(
            OrderLine.objects.filter(vendor_order_id__in=keys), lambda line: line.vendor_order_id
        )
        return [lines.get(key, []) for key in keys]


class FulfillmentsByOrderIdLoader(DataLoader[UUID, list[Fulfillment]]):
    def batch_load(self, keys: list[UUID]) -> list[list[Fulfillment]]:
        rows = Fulfillment.objects.filter(order_id__in=keys).select_related("vendor_order")
        fulfilments = group_by(rows, lambda fulfilment: fulfilment.order_id)
        return [fulfilments.get(key, []) for key in keys]


class FulfillmentsByVendorOrderIdLoader(DataLoader[int, list[Fulfillment]]):
    def batch_load(self, keys: list[int]) -> list[list[Fulfillment]]:
        rows = Fulfillment.objects.filter(vendor_order_id__in=keys).select_related("vendor_order")
        fulfilments = group_by(rows, lambda fulfilment: fulfilment.vendor_order_id)
        return [fulfilments.get(key, []) for key in keys]


class FulfillmentLinesByFulfillmentIdLoader(DataLoader[int, list[FulfillmentLine]]):
    def batch_load(self, keys: list[int]) -> list[list[FulfillmentLine]]:
        rows = FulfillmentLine.objects.filter(fulfillment_id__in=keys).select_related("stock")
        lines = group_by(rows, lambda line: line.fulfillment_id)
        return [lines.get(key, []) for key in keys]


class FulfillmentLineByIdLoader(DataLoader[int, FulfillmentLine | None]):
    def batch_load(self, keys: list[int]) -> list[FulfillmentLine | None]:
        lines = by_key(FulfillmentLine.objects.filter(pk__in=keys), lambda line: line.pk)
        return [lines.get(key) for key in keys]


class EventsByOrderIdLoader(DataLoader[UUID, list[OrderEvent]]):
    def batch_load(self, keys: list[UUID]) -> list[list[OrderEvent]]:
        events = group_by(OrderEvent.objects.filter(order_id__in=keys), lambda e: e.order_id)
        return [events.get(key, []) for key in keys]


class TransactionItemsByOrderIdLoader(DataLoader[UUID, list[TransactionItem]]):
    """The order's payment transactions, oldest first."""

    def batch_load(self, keys: list[UUID]) -> list[list[TransactionItem]]:
        items = group_by(TransactionItem.objects.filter(order_id__in=keys), lambda i: i.order_id)
        return [items.get(key, []) for key in keys]


class GrantedRefundsByOrderIdLoader(DataLoader[UUID, list[OrderGrantedRefund]]):
    def batch_load(self, keys: list[UUID]) -> list[list[OrderGrantedRefund]]:
        grants = group_by(
            OrderGrantedRefund.objects.filter(order_id__in=keys), lambda grant: grant.order_id
        )
        return [grants.get(key, []) for key in keys]


def prime_orders(context: Any, orders: list[Order]) -> None:
    """Orders a resolver already holds need no second read when a child asks for them."""
    loader = OrderByIdLoader(context)
    for order in orders:
        loader.prime(order.pk, order)
