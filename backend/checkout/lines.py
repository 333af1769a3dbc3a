"""Adding, changing and removing a checkout's lines (Saleor's checkoutLinesAdd,
checkoutLinesUpdate, checkoutLinesDelete and checkoutLineDelete).

Each call locks the checkout row, checks every line it touches against `rules` before writing
anything, and writes all lines in two statements, so the SQL count does not grow with lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from plugins.framework.manager import PluginsManager

from .access import lock_checkout
from .changes import finish_change, touch
from .error_codes import CheckoutErrorCode
from .errors import checkout_error
from .fetch import CheckoutInfo, CheckoutLineInfo, fetch_checkout_info
from .models import Checkout, CheckoutLine
from .rules import (
    check_lines_sellable,
    check_quantities,
    check_quantity_values,
    new_line_info,
    variant_line_infos,
)


@dataclass(frozen=True)
class LineInput:
    """A line to add: Saleor's CheckoutLineInput."""

    variant_id: int
    quantity: int
    force_new_line: bool = False
    metadata: Mapping[str, str] | None = None


@dataclass(frozen=True)
class LineUpdate:
    """A line to change: by its id (or, as Saleor still allows, its variant), to a quantity
    (0 removes it) and/or metadata."""

    line_id: UUID | None = None
    variant_id: int | None = None
    quantity: int | None = None
    metadata: Mapping[str, str] | None = None


def _unknown_variants(variant_ids: Sequence[int], loaded: Mapping[int, Any]) -> None:
    missing = [pk for pk in variant_ids if pk not in loaded]
    if missing:
        raise checkout_error(
            "variant_id",
            "Couldn't resolve to a product variant.",
            CheckoutErrorCode.NOT_FOUND,
            variants=missing,
        )


def merge_new_lines(
    checkout: Checkout, current: list[CheckoutLineInfo], lines: Sequence[LineInput]
) -> tuple[list[CheckoutLineInfo], list[CheckoutLineInfo], list[CheckoutLineInfo]]:
    """The lines as they would be with `lines` added: (all, changed existing, new). A variant
    already in the checkout gets the quantity added, unless a new line is forced."""
    check_quantity_values((line.quantity for line in lines), allow_zero=False)
    loaded = variant_line_infos((line.variant_id for line in lines), checkout=checkout)
    _unknown_variants([line.variant_id for line in lines], loaded)
    result = list(current)
    changed: list[CheckoutLineInfo] = []
    created: list[CheckoutLineInfo] = []
    for wanted in lines:
        existing = None
        if not wanted.force_new_line:
            existing = next((line for line in result if line.variant.pk == wanted.variant_id), None)
        if existing is not None:
            existing.line.quantity += wanted.quantity
            if wanted.metadata:
                existing.line.metadata = {**existing.line.metadata, **wanted.metadata}
            if existing not in changed and existing not in created:
                changed.append(existing)
            continue
        line = new_line_info(checkout, loaded[wanted.variant_id], wanted.quantity)
        line.line.metadata = dict(wanted.metadata or {})
        result.append(line)
        created.append(line)
    return result, changed, created


def check_changed_lines(
    checkout: Checkout, lines: list[CheckoutLineInfo], touched: list[CheckoutLineInfo]
) -> None:
    now = timezone.now()
    check_lines_sellable(touched, now=now)
    check_quantities(
        lines, changed_variant_ids=[line.variant.pk for line in touched], checkout=checkout, now=now
    )


def _save_lines(changed: list[CheckoutLineInfo], created: list[CheckoutLineInfo]) -> None:
    if changed:
        CheckoutLine.objects.bulk_update([line.line for line in changed], ["quantity", "metadata"])
    if created:
        CheckoutLine.objects.bulk_create([line.line for line in created])


def add_lines(
    *,
    token: UUID,
    requestor: Any,
    lines: Sequence[LineInput],
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """Add `lines` to the checkout; refused as a whole (nothing written) if any breaks a rule."""
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        info = fetch_checkout_info(checkout)
        all_lines, changed, created = merge_new_lines(checkout, info.lines, lines)
        check_changed_lines(checkout, all_lines, changed + created)
        _save_lines(changed, created)
        touch(checkout)
        return finish_change(checkout, manager=manager, lines_changed=True, lines=all_lines)


def _line_to_update(info: CheckoutInfo, update: LineUpdate) -> CheckoutLineInfo:
    if update.line_id is not None:
        line = info.line_by_id(update.line_id)
        if line is None:
            raise checkout_error(
                "line_id",
                f"Couldn't resolve to a checkout line: {update.line_id}",
                CheckoutErrorCode.NOT_FOUND,
                lines=[update.line_id],
            )
        return line
    line = next((line for line in info.lines if line.variant.pk == update.variant_id), None)
    if line is None:
        raise checkout_error(
            "variant_id",
            "The variant is not in the checkout.",
            CheckoutErrorCode.NOT_FOUND,
            variants=[update.variant_id] if update.variant_id is not None else [],
        )
    return line


def update_lines(
    *,
    token: UUID,
    requestor: Any,
    lines: Sequence[LineUpdate],
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """Set lines' quantities (0 removes the line, as in Saleor) and metadata."""
    check_quantity_values(
        (line.quantity for line in lines if line.quantity is not None), allow_zero=True
    )
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        info = fetch_checkout_info(checkout)
        changed: list[CheckoutLineInfo] = []
        removed: list[UUID] = []
        for update in lines:
            line = _line_to_update(info, update)
            if update.quantity == 0:
                removed.append(line.line.id)
                continue
            if update.quantity is not None:
                line.line.quantity = update.quantity
            if update.metadata:
                line.line.metadata = {**line.line.metadata, **update.metadata}
            if line not in changed:
                changed.append(line)
        remaining = [line for line in info.lines if line.line.id not in removed]
        changed = [line for line in changed if line.line.id not in removed]
        check_changed_lines(checkout, remaining, changed)
        if removed:
            CheckoutLine.objects.filter(checkout=checkout, id__in=removed).delete()
        _save_lines(changed, [])
        touch(checkout)
        return finish_change(checkout, manager=manager, lines_changed=True, lines=remaining)


def delete_lines(
    *,
    token: UUID,
    requestor: Any,
    line_ids: Sequence[UUID],
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """Remove lines; an id that is not one of the checkout's lines refuses the whole call."""
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        info = fetch_checkout_info(checkout)
        known = {line.line.id for line in info.lines}
        unknown = [line_id for line_id in line_ids if line_id not in known]
        if unknown:
            raise checkout_error(
                "line_id",
                "Provided line_ids aren't part of checkout.",
                CheckoutErrorCode.INVALID,
                lines=unknown,
            )
        removed = set(line_ids)
        CheckoutLine.objects.filter(checkout=checkout, id__in=removed).delete()
        touch(checkout)
        remaining = [line for line in info.lines if line.line.id not in removed]
        return finish_change(checkout, manager=manager, lines_changed=True, lines=remaining)
