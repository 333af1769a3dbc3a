"""What voucher mutations share: the voucher by ID, and VoucherInput as the domain's arguments."""

from __future__ import annotations

from typing import Any

from backend.catalog.models import Category, Collection, Product, ProductVariant
from backend.discounts.error_codes import DiscountErrorCode
from backend.discounts.models import Voucher
from backend.marketplace.models import Vendor
from storefront_api.core.ids import get_node_or_error, get_nodes_or_error

# Input fields passed to the domain as they are (only when given: absent means unchanged).
PLAIN_FIELDS = (
    "name",
    "start_date",
    "end_date",
    "usage_limit",
    "apply_once_per_order",
    "apply_once_per_customer",
    "single_use",
    "only_for_staff",
    "min_checkout_items_quantity",
)
_CATALOGUE = (
    ("products", Product, "Product"),
    ("variants", ProductVariant, "ProductVariant"),
    ("collections", Collection, "Collection"),
    ("categories", Category, "Category"),
    ("vendors", Vendor, "Vendor"),
)


def voucher_or_error(global_id: str) -> Voucher:
    return get_node_or_error(
        Voucher, global_id, "Voucher", field="id", invalid_code=DiscountErrorCode.GRAPHQL_ERROR
    )


def _value(item: Any) -> Any:
    return getattr(item, "value", item)


def voucher_fields(data: dict) -> dict[str, Any]:
    """The given fields of a VoucherInput as the domain's keyword arguments."""
    fields: dict[str, Any] = {key: data[key] for key in PLAIN_FIELDS if key in data}
    for key in ("type", "discount_value_type"):
        if data.get(key) is not None:
            fields[key] = _value(data[key])
    for key, model, type_name in _CATALOGUE:
        if data.get(key) is not None:
            fields[key] = get_nodes_or_error(
                model,
                data[key],
                type_name,
                field=key,
                invalid_code=DiscountErrorCode.GRAPHQL_ERROR,
            )
    return fields
