"""Attribute values of products and variants: check them against the product type, create the
values named by text, and assign them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from backend.core.errors import field_error

from ..error_codes import ProductErrorCode
from ..models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeInputType,
    AttributeValue,
    Product,
    ProductVariant,
)


@dataclass(frozen=True)
class AttributeAssignment:
    """One attribute's values for a product or variant, as parsed by the API."""

    attribute: Attribute
    values: list[str] = field(default_factory=list)
    value_ids: list[int] = field(default_factory=list)
    plain_text: str | None = None
    boolean: bool | None = None
    numeric: str | None = None


def resolve_attribute_values(
    assignments: list[AttributeAssignment],
    *,
    allowed: set[int],
    required: list[Attribute],
    is_new: bool,
) -> list[tuple[Attribute, list[AttributeValue]]]:
    seen: set[int] = set()
    for assignment in assignments:
        if assignment.attribute.pk in seen:
            raise field_error(
                "attributes",
                f"The attribute {assignment.attribute.slug} is given twice.",
                ProductErrorCode.DUPLICATED_INPUT_ITEM,
            )
        seen.add(assignment.attribute.pk)
        if assignment.attribute.pk not in allowed:
            raise field_error(
                "attributes",
                f"The attribute {assignment.attribute.slug} is not part of the product type.",
                ProductErrorCode.INVALID,
            )
    if is_new:
        missing = [a.slug for a in required if a.value_required and a.pk not in seen]
        if missing:
            raise field_error(
                "attributes",
                f"Values are required for: {', '.join(missing)}.",
                ProductErrorCode.REQUIRED,
            )

    resolved = []
    for assignment in assignments:
        attribute = assignment.attribute
        values = _values_for(assignment)
        if attribute.value_required and not values:
            raise field_error(
                "attributes",
                f"The attribute {attribute.slug} needs a value.",
                ProductErrorCode.REQUIRED,
            )
        if attribute.input_type != AttributeInputType.MULTISELECT and len(values) > 1:
            raise field_error(
                "attributes",
                f"The attribute {attribute.slug} takes one value.",
                ProductErrorCode.INVALID,
            )
        resolved.append((attribute, values))
    return resolved


def _values_for(assignment: AttributeAssignment) -> list[AttributeValue]:
    attribute = assignment.attribute
    values: list[AttributeValue] = []
    if assignment.value_ids:
        found = {v.pk: v for v in attribute.values.filter(pk__in=assignment.value_ids)}
        if len(found) != len(set(assignment.value_ids)):
            raise field_error(
                "attributes",
                f"Some values do not belong to the attribute {attribute.slug}.",
                ProductErrorCode.INVALID,
            )
        values.extend(found[pk] for pk in dict.fromkeys(assignment.value_ids))
    texts: list[tuple[str, dict]] = [(name, {}) for name in assignment.values if name.strip()]
    if assignment.plain_text is not None:
        texts.append((assignment.plain_text[:250], {"plain_text": assignment.plain_text}))
    if assignment.boolean is not None:
        label = "Yes" if assignment.boolean else "No"
        texts.append((label, {"boolean": assignment.boolean}))
    if assignment.numeric is not None:
        try:
            Decimal(assignment.numeric)
        except ArithmeticError as error:
            raise field_error(
                "attributes", "A numeric value must be a number.", ProductErrorCode.INVALID
            ) from error
        texts.append((assignment.numeric, {}))
    for text, extra in texts:
        slug = slugify(text, allow_unicode=True)[:250] or "value"
        value, _ = AttributeValue.objects.get_or_create(
            attribute=attribute, slug=slug, defaults={"name": text.strip(), **extra}
        )
        values.append(value)
    return values


def assign_product_attributes(product: Product, resolved) -> None:
    attribute_ids = [attribute.pk for attribute, _ in resolved]
    AssignedProductAttributeValue.objects.filter(
        product=product, value__attribute_id__in=attribute_ids
    ).delete()
    AssignedProductAttributeValue.objects.bulk_create(
        AssignedProductAttributeValue(product=product, value=value, sort_order=index)
        for _, values in resolved
        for index, value in enumerate(values)
    )


def assign_variant_attributes(variant: ProductVariant, resolved) -> None:
    attribute_ids = [attribute.pk for attribute, _ in resolved]
    AssignedVariantAttributeValue.objects.filter(
        variant=variant, value__attribute_id__in=attribute_ids
    ).delete()
    AssignedVariantAttributeValue.objects.bulk_create(
        AssignedVariantAttributeValue(variant=variant, value=value, sort_order=index)
        for _, values in resolved
        for index, value in enumerate(values)
    )
