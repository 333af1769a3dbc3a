"""What every catalogue mutation does before calling the domain: turn IDs into rows (or a
typed error on the field), check who may edit which vendor's products, parse attributes."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Attribute
from backend.catalog.permissions import may_edit_some_products
from backend.catalog.services.attributes import AttributeAssignment
from backend.inventory.models import Warehouse
from backend.inventory.services import StockQuantity
from storefront_api.core.ids import from_global_id_or_none

M = TypeVar("M", bound=Model)


def _field_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def decode_pk(global_id: str, type_name: str, *, field: str) -> int:
    """The integer pk an ID of `type_name` names, or a GRAPHQL_ERROR on the field."""
    pk = from_global_id_or_none(str(global_id), type_name)
    if pk is None or not pk.isdigit():
        raise _field_error(
            field,
            f"Couldn't resolve id: {global_id}. Expected a {type_name} ID.",
            ProductErrorCode.GRAPHQL_ERROR.value,
        )
    return int(pk)


def get_by_global_id(
    model: type[M], global_id: str, type_name: str, *, field: str, queryset=None
) -> M:
    """The row an ID names, or NOT_FOUND on the field."""
    pk = decode_pk(global_id, type_name, field=field)
    queryset = model._default_manager.all() if queryset is None else queryset
    instance = queryset.filter(pk=pk).first()
    if instance is None:
        raise _field_error(
            field, f"Couldn't find {type_name} with id {global_id}.", ProductErrorCode.NOT_FOUND
        )
    return instance


def get_many_by_global_ids(
    model: type[M], global_ids: list[str], type_name: str, *, field: str
) -> list[M]:
    """The rows the IDs name, in input order; NOT_FOUND if any is missing."""
    pks = [decode_pk(global_id, type_name, field=field) for global_id in global_ids]
    found = model._default_manager.in_bulk(pks)
    missing = [gid for gid, pk in zip(global_ids, pks, strict=True) if pk not in found]
    if missing:
        raise _field_error(
            field,
            f"Couldn't find {type_name} with ids {', '.join(missing)}.",
            ProductErrorCode.NOT_FOUND,
        )
    return [found[pk] for pk in pks]


def check_catalogue_editor(context: Any) -> bool:
    """The cheap check before any row is loaded: product staff or a shop owner."""
    return may_edit_some_products(context.user)


def attribute_assignments(items: list[dict] | None) -> list[AttributeAssignment] | None:
    """Saleor's AttributeValueInput list, as the domain's assignments."""
    if not items:
        return None
    attribute_ids = [item.get("id") for item in items]
    if any(not attribute_id for attribute_id in attribute_ids):
        raise _field_error(
            "attributes", "Every attribute needs its id.", ProductErrorCode.REQUIRED.value
        )
    attributes = get_many_by_global_ids(Attribute, attribute_ids, "Attribute", field="attributes")
    assignments = []
    for item, attribute in zip(items, attributes, strict=True):
        names: list[str] = list(item.get("values") or [])
        value_ids: list[int] = []
        selected = [item.get("dropdown"), item.get("swatch"), *(item.get("multiselect") or [])]
        for choice in selected:
            if not choice:
                continue
            if choice.get("id"):
                value_ids.append(decode_pk(choice["id"], "AttributeValue", field="attributes"))
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
        pk = from_global_id_or_none(str(item["warehouse"]), "Warehouse")
        if pk is None or not pk.isdigit():
            raise _line_error(index, "Not a Warehouse ID.", ProductErrorCode.GRAPHQL_ERROR)
        pks.append(int(pk))
    found = Warehouse.objects.in_bulk(pks)
    lines = []
    for index, (item, pk) in enumerate(zip(items, pks, strict=True)):
        if pk not in found:
            raise _line_error(index, "No such warehouse.", ProductErrorCode.NOT_FOUND)
        lines.append(StockQuantity(warehouse=found[pk], quantity=item["quantity"]))
    return lines


def _line_error(index: int, message: str, code: ProductErrorCode) -> ValidationError:
    return ValidationError(
        {"warehouse": ValidationError(message, code=code.value, params={"index": index})}
    )
