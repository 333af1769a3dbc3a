"""Cleaners every catalogue write shares: names, slugs, prices, weights, unique references.

Each raises a `field_error` keyed by the domain field it checks.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from backend.core.columns import check_column_values
from backend.core.errors import field_error
from backend.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from backend.core.text import unique_slug

from ..error_codes import ProductErrorCode
from ..models import Product, ProductVariant


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()
"""Marks an argument the caller did not give (different from giving None)."""


def clean_price(amount: Decimal | None, *, field_name: str) -> Decimal | None:
    """A price in taka: finite, not negative, at most 2 decimal places and 12 digits."""
    if amount is None:
        return None
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise field_error(field_name, "The price is not a number.", ProductErrorCode.INVALID)
    if amount < 0:
        raise field_error(field_name, "The price cannot be negative.", ProductErrorCode.INVALID)
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MONEY_DECIMAL_PLACES:
        raise field_error(
            field_name,
            f"The price can have at most {MONEY_DECIMAL_PLACES} decimal places.",
            ProductErrorCode.INVALID,
        )
    if amount >= Decimal(10) ** (MONEY_MAX_DIGITS - MONEY_DECIMAL_PLACES):
        raise field_error(field_name, "The price is too large.", ProductErrorCode.INVALID)
    return amount


_SLUG = re.compile(r"^[-\w]+$")


def clean_slug(model, slug: str | None, *, name: str, exclude_pk: int | None = None) -> str:
    """The given slug if free, or one made from the name (Bangla kept)."""
    queryset = model.objects.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    if slug:
        slug = slug.strip()
        if not _SLUG.match(slug):
            raise field_error(
                "slug",
                "A slug may contain only letters, digits, hyphens and underscores.",
                ProductErrorCode.INVALID,
            )
        if queryset.filter(slug=slug).exists():
            raise field_error("slug", "This slug is already taken.", ProductErrorCode.UNIQUE)
        return slug
    base = slugify(name, allow_unicode=True) or "item"
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    return unique_slug(name, taken=taken)


def check_external_reference(
    model: type[Product] | type[ProductVariant],
    external_reference: str | None,
    *,
    exclude_pk: int | None = None,
) -> None:
    """A clear error before the save; `save_unique` still catches a concurrent duplicate."""
    if not external_reference:
        return
    taken = model.objects.filter(external_reference=external_reference)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise field_error(
            "external_reference", "This external reference is taken.", ProductErrorCode.UNIQUE
        )


def save_unique(instance, *, fields: tuple[str, ...]) -> None:
    """Save, reporting a value that does not fit its column as INVALID and a unique-constraint
    race as UNIQUE on the field it concerns."""
    check_column_values(instance, code=ProductErrorCode.INVALID)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        text = str(error).lower()
        for field_name in fields:
            if field_name in text:
                label = field_name.replace("_", " ")
                raise field_error(
                    field_name, f"This {label} is already taken.", ProductErrorCode.UNIQUE
                ) from error
        raise


def set_metadata(instance, metadata: dict | None, private_metadata: dict | None) -> None:
    if metadata:
        instance.metadata = {**(instance.metadata or {}), **metadata}
    if private_metadata:
        instance.private_metadata = {**(instance.private_metadata or {}), **private_metadata}


def plain_text(description: Any) -> str:
    """The text of an Editor.js document (Saleor's description format), for search and SEO."""
    if not isinstance(description, dict):
        return ""
    parts = []
    for block in description.get("blocks") or []:
        data = block.get("data") if isinstance(block, dict) else None
        if isinstance(data, dict):
            text = data.get("text")
            if isinstance(text, str):
                parts.append(re.sub(r"<[^>]+>", "", text))
            for item in data.get("items") or []:
                if isinstance(item, str):
                    parts.append(re.sub(r"<[^>]+>", "", item))
    return "\n".join(parts)


def check_weight(weight: Decimal | None) -> None:
    if weight is not None and (not weight.is_finite() or weight < 0):
        raise field_error("weight", "The weight cannot be negative.", ProductErrorCode.INVALID)


def check_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise field_error("name", "A name is required.", ProductErrorCode.REQUIRED)
    return name
