"""Who sees and acts on which order, and the order lists staff and vendors read.

The rules (README "Orders"):
- Staff (and apps) with MANAGE_ORDERS see and change every order.
- The customer sees their own orders. A guest's order (no account) is read by its id alone: the
  id is a random UUID handed to the browser that completed the checkout, as in Saleor.
- An entrepreneur of the order's centre (its collection point, or the centre that placed it) sees
  the whole order and may mark it as paid when the customer pays cash there.
- A vendor's owner sees only the vendor's part of an order: `lines`, `fulfillments` and
  `vendorOrders` hold only their vendor's rows; they fulfil only those lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from backend.accounts.models import Address
from backend.core.permissions import PermissionEnum, has_permissions
from backend.core.phone import InvalidPhoneNumber, normalize_phone
from backend.marketplace.models import Vendor
from backend.places.models import Centre, PostOffice

from .models import Order, OrderStatus, VendorOrder


class OrderAccess(StrEnum):
    NONE = "none"
    FULL = "full"
    VENDOR = "vendor"  # only the viewer's vendors' part


@dataclass(frozen=True)
class OrderViewer:
    """What a requestor may do with orders, read once per request (two small queries for an
    entrepreneur, none for anyone else)."""

    user_id: int | None = None
    manages_orders: bool = False
    vendor_ids: frozenset[int] = field(default_factory=frozenset)
    centre_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, requestor: Any) -> OrderViewer:
        manages = has_permissions(requestor, [PermissionEnum.MANAGE_ORDERS])
        if getattr(requestor, "is_app", False):
            return cls(manages_orders=manages)
        if requestor is None or not getattr(requestor, "is_authenticated", False):
            return cls()
        if not requestor.is_active:
            return cls()
        if manages:
            return cls(user_id=requestor.pk, manages_orders=True)
        return cls(
            user_id=requestor.pk,
            vendor_ids=frozenset(
                Vendor.objects.filter(owner_id=requestor.pk).values_list("pk", flat=True)
            ),
            centre_ids=frozenset(
                Centre.objects.filter(entrepreneurs=requestor.pk).values_list("pk", flat=True)
            ),
        )

    @property
    def sells(self) -> bool:
        return bool(self.vendor_ids)

    def access(self, order: Order, order_vendor_ids: Iterable[int] = ()) -> OrderAccess:
        """How much of the order the viewer may read; `order_vendor_ids` are the order's
        vendors (needed only for a viewer who sells)."""
        if order.status == OrderStatus.DRAFT:
            return OrderAccess.FULL if self.manages_orders else OrderAccess.NONE
        if self.manages_orders or order.user_id is None:
            return OrderAccess.FULL
        if self.user_id is not None and order.user_id == self.user_id:
            return OrderAccess.FULL
        if order.centre_id is not None and order.centre_id in self.centre_ids:
            return OrderAccess.FULL
        if self.vendor_ids & set(order_vendor_ids):
            return OrderAccess.VENDOR
        return OrderAccess.NONE

    def may_collect_cash(self, order: Order) -> bool:
        """Staff with MANAGE_ORDERS, an entrepreneur of the order's centre, or (cash on
        delivery) a postal operator of the post office serving the delivery address."""
        return (
            self.manages_orders
            or (order.centre_id is not None and order.centre_id in self.centre_ids)
            or delivers_to(self.user_id, order)
        )

    def fulfilling_vendor_ids(self) -> frozenset[int] | None:
        """Vendors whose lines the viewer may fulfil: None means every vendor (staff)."""
        return None if self.manages_orders else self.vendor_ids


def operates_a_post_office(user_id: int | None) -> bool:
    """Whether the user is a postal operator of any post office (one query)."""
    return user_id is not None and PostOffice.objects.filter(operators=user_id).exists()


def delivers_to(user_id: int | None, order: Order) -> bool:
    """Whether the user operates the post office serving the order's delivery address: the
    office that hands a parcel over and collects its cash on delivery. An order picked up at a
    collection point is paid at the centre, not to the postman."""
    if user_id is None or order.collection_point_id or not order.shipping_address_id:
        return False
    postcode = (
        Address.objects.filter(pk=order.shipping_address_id)
        .values_list("postal_code", flat=True)
        .first()
    )
    return (
        bool(postcode) and PostOffice.objects.filter(operators=user_id, postcode=postcode).exists()
    )


def orders_listed_for(viewer: OrderViewer) -> QuerySet[Order]:
    """The placed orders a viewer lists (`orders`): all for staff, those holding one of their
    vendors' parts for a vendor's owner; drafts are listed by `draft_orders`."""
    orders = Order.objects.exclude(status=OrderStatus.DRAFT)
    if viewer.manages_orders:
        return orders
    if not viewer.vendor_ids:
        return orders.none()
    return orders.filter(
        Exists(VendorOrder.objects.filter(order=OuterRef("pk"), vendor_id__in=viewer.vendor_ids))
    )


def draft_orders() -> QuerySet[Order]:
    return Order.objects.filter(status=OrderStatus.DRAFT)


# --- filters (Saleor's OrderFilterInput, plus Haat's vendors and centres) ----------------------

# Saleor's OrderStatusFilter values -> the statuses each means.
STATUS_FILTERS: dict[str, tuple[str, ...]] = {
    "ready_to_fulfill": (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED),
    "ready_to_capture": (),  # needs payments: charge status NONE of confirmed orders, below
    "unfulfilled": (OrderStatus.UNFULFILLED,),
    "unconfirmed": (OrderStatus.UNCONFIRMED,),
    "partially_fulfilled": (OrderStatus.PARTIALLY_FULFILLED,),
    "fulfilled": (OrderStatus.FULFILLED,),
    "canceled": (OrderStatus.CANCELED,),
}


def filter_by_status(orders: QuerySet[Order], statuses: Iterable[str]) -> QuerySet[Order]:
    condition = Q()
    for status in statuses:
        if status == "ready_to_capture":
            condition |= Q(charge_status="none") & ~Q(
                status__in=(OrderStatus.DRAFT, OrderStatus.CANCELED, OrderStatus.EXPIRED)
            )
        else:
            condition |= Q(status__in=STATUS_FILTERS[status])
    return orders.filter(condition)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_by_created(
    orders: QuerySet[Order], *, gte: date | None = None, lte: date | None = None
) -> QuerySet[Order]:
    """Days in the shop's time zone (Asia/Dhaka), both ends included."""
    if gte is not None:
        orders = orders.filter(created_at__gte=_start_of(gte))
    if lte is not None:
        orders = orders.filter(created_at__lt=_start_of(lte) + timedelta(days=1))
    return orders


def filter_by_customer(orders: QuerySet[Order], customer: str) -> QuerySet[Order]:
    """A mobile number in any form (exact), or words matched against the e-mail and names."""
    text = customer.strip()
    if not text:
        return orders
    try:
        phone = normalize_phone(text)
    except InvalidPhoneNumber:
        phone = None
    if phone is not None:
        return orders.filter(
            Q(customer_phone=phone) | Q(user__phone=phone) | Q(shipping_address__phone=phone)
        )
    condition = Q()
    for word in text.split():
        condition &= (
            Q(user_email__icontains=word)
            | Q(user__email__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(billing_address__first_name__icontains=word)
            | Q(billing_address__last_name__icontains=word)
        )
    return orders.filter(condition)


def filter_by_vendors(orders: QuerySet[Order], vendor_ids: Iterable[int]) -> QuerySet[Order]:
    return orders.filter(
        Exists(VendorOrder.objects.filter(order=OuterRef("pk"), vendor_id__in=list(vendor_ids)))
    )


def search_orders(orders: QuerySet[Order], search: str) -> QuerySet[Order]:
    """By number (`1024` or `#1024`), else as a customer."""
    text = search.strip().lstrip("#")
    if text.isascii() and text.isdigit():
        return orders.filter(number=int(text)) if len(text) <= 9 else orders.none()
    return filter_by_customer(orders, search)


def customer_orders(*, user_id: int) -> QuerySet[Order]:
    """A customer's placed orders (`me { orders }`)."""
    return Order.objects.filter(user_id=user_id).exclude(status=OrderStatus.DRAFT)
