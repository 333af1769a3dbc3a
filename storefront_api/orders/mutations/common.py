"""What the order mutations share: ids to rows, the viewer's rights, the error type."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from backend.core.errors import field_error
from backend.orders.error_codes import OrderErrorCode
from backend.orders.models import Order, VendorOrder
from storefront_api.core.ids import int_pk_or_none, parse_global_id
from storefront_api.core.mutations import BaseMutation

from ..access import order_viewer
from ..types import OrderError


def uuid_or_error(global_id: str, type_name: str, *, field: str) -> uuid.UUID:
    """The UUID a `type_name` ID names; a malformed or foreign ID is GRAPHQL_ERROR on `field`."""
    parsed = parse_global_id(global_id)
    if parsed is not None and parsed[0] == type_name:
        try:
            return uuid.UUID(parsed[1])
        except ValueError:
            pass
    raise field_error(
        field, f"Invalid ID: {global_id}. Expected: {type_name}.", OrderErrorCode.GRAPHQL_ERROR
    )


def int_or_error(global_id: str, type_name: str, *, field: str) -> int:
    pk = int_pk_or_none(global_id, type_name)
    if pk is None:
        raise field_error(
            field, f"Invalid ID: {global_id}. Expected: {type_name}.", OrderErrorCode.GRAPHQL_ERROR
        )
    return pk


def order_or_error(global_id: str, *, field: str = "id") -> Order:
    order = Order.objects.filter(pk=uuid_or_error(global_id, "Order", field=field)).first()
    if order is None:
        raise field_error(
            field, f"Couldn't resolve to an order: {global_id}", OrderErrorCode.NOT_FOUND
        )
    return order


def ensure_may_act_on(context: Any, order: Order) -> None:
    """Staff with MANAGE_ORDERS, an entrepreneur of the order's centre, or the owner of one of
    its vendors may act on it (each mutation narrows further); anyone else is refused, the
    customer included (reading a guest order by id grants no right to change it)."""
    viewer = order_viewer(context)
    if viewer.manages_orders:
        return
    if order.centre_id is not None and order.centre_id in viewer.centre_ids:
        return
    if (
        viewer.vendor_ids
        and VendorOrder.objects.filter(order=order, vendor_id__in=viewer.vendor_ids).exists()
    ):
        return
    raise PermissionDenied("You may not act on this order.")


def acts_on_orders(context: Any) -> bool:
    """The cheap first check: staff with MANAGE_ORDERS, vendors' owners and centres'
    entrepreneurs may try; the order itself decides the rest."""
    viewer = order_viewer(context)
    return viewer.manages_orders or bool(viewer.vendor_ids) or bool(viewer.centre_ids)


class OrderMutation(BaseMutation):
    """Base of the order mutations: OrderError, Saleor's argument names."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):
        options.setdefault("error_type_class", OrderError)
        super().__init_subclass_with_meta__(**options)

    @classmethod
    def handle_errors(cls, error: ValidationError, *, renamed=None, **extra):
        """As BaseMutation, plus Saleor's `addressType` for an address's error."""
        error_type = cls._meta.error_type_class
        errors = []
        items = (
            error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
        )
        for field, field_errors in items:
            for item in field_errors:
                params = item.params or {}
                message = item.message % params if params else item.message
                code = getattr(item.code, "value", item.code) or "invalid"
                extra_fields = {}
                if "address_type" in params and hasattr(error_type, "address_type"):
                    extra_fields["address_type"] = params["address_type"]
                errors.append(
                    error_type(
                        field=cls.api_field(None if field == "__all__" else field, renamed),
                        message=str(message),
                        code=str(code).lower(),
                        **extra_fields,
                    )
                )
        return cls(errors=errors, **extra)
