"""What catalogue mutations share before calling the domain: the cheap permission check, and
Saleor's attribute, SEO and stock inputs as the domain's arguments. IDs become rows through
`storefront_api.core.ids.get_node_or_error`."""

from __future__ import annotations

from typing import Any

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Attribute
from backend.catalog.permissions import may_edit_some_products
from backend.catalog.services.attributes import AttributeAssignment
from backend.core.errors import field_error
from backend.inventory.models import Warehouse
from backend.inventory.services import StockQuantity
from storefront_api.core.ids import get_nodes_or_error, int_pk_or_none


def check_catalogue_editor(context: Any) -> bool:
    """The cheap check before any row is loaded: product staff or a shop owner."""
    return may_edit_some_products(context.user)


def attribute_assignments(items: list[dict] | None) -> list[AttributeAssignment] | None:
    """Saleor's AttributeValueInput list, as the domain's assignments."""
    if not items:
        return None
    attribute_ids = [item.get("id") for item in items]
    if any(not attribute_id for attribute_id in attribute_ids):
        raise field_error("attributes", "Every attribute needs its id.", ProductErrorCode.REQUIRED)
    attributes = get_nodes_or_error(
        Attribute,
        attribute_ids,
        "Attribute",
        field="attributes",
        code=ProductErrorCode.NOT_FOUND,
        invalid_code=ProductErrorCode.GRAPHQL_ERROR,
    )
    assignments = []
    for item, attribute in zip(items, attributes, strict=True):
        names: list[str] = list(item.get("values") or [])
        value_ids: list[int] = []
        selected = [item.get("dropdown"), item.get("swatch"), *(item.get("multiselect") or [])]
        for choice in selected:
            if not choice:
                continue
            if choice.get("id"):
                value_ids.append(_attribute_value_pk(choice["id"]))
            elif choice.get("value"):
                names.append(choice["value"])
        assignments.append(
            AttributeAssignment(
                attribute=attribute,
                values=names,
                value_ids=value_ids,
                plain_text=item.get("plain_text"),
                boolean=item.get("boolean"),
                numeric=item.get("numeric"),
            )
        )
    return assignments


def _attribute_value_pk(global_id: str) -> int:
    """The value's pk; whether it belongs to the attribute is the domain's check."""
    pk = int_pk_or_none(global_id, "AttributeValue")
    if pk is None:
        raise field_error(
            "attributes",
            f"Invalid ID: {global_id}. Expected: AttributeValue.",
            ProductErrorCode.GRAPHQL_ERROR,
        )
    return pk


def seo_fields(seo: dict | None) -> dict[str, Any]:
    """SeoInput as the domain's keyword arguments (only what was given)."""
    if seo is None:
        return {}
    fields = {}
    if "title" in seo:
        fields["seo_title"] = seo["title"]
    if "description" in seo:
        fields["seo_description"] = seo["description"]
    return fields


def stock_quantities(items: list[dict]) -> list[StockQuantity]:
    """Decode the warehouses of StockInput lines; errors carry the line's index."""
    pks: list[int] = []
    for index, item in enumerate(items):
        pk = int_pk_or_none(item["warehouse"], "Warehouse")
        if pk is None:
            raise field_error(
                "warehouse", "Not a Warehouse ID.", ProductErrorCode.GRAPHQL_ERROR, index=index
            )
        pks.append(pk)
    found = Warehouse.objects.in_bulk(pks)
    lines = []
    for index, (item, pk) in enumerate(zip(items, pks, strict=True)):
        if pk not in found:
            raise field_error(
                "warehouse", "No such warehouse.", ProductErrorCode.NOT_FOUND, index=index
            )
        lines.append(StockQuantity(warehouse=found[pk], quantity=item["quantity"]))
    return lines
