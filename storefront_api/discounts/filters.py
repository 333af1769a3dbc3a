"""The filter of the `vouchers` query (Saleor's VoucherFilterInput, in part)."""

from __future__ import annotations

import graphene
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from backend.discounts.models import DiscountValueType, Voucher, VoucherCode, VoucherType
from storefront_api.core.ids import int_pks_or_error


class DiscountStatusEnum(graphene.Enum):
    ACTIVE = "active"
    EXPIRED = "expired"
    SCHEDULED = "scheduled"

    class Meta:
        description = "Whether a voucher runs now, has ended, or starts later."


class VoucherDiscountType(graphene.Enum):
    FIXED = "fixed"
    PERCENTAGE = "percentage"
    SHIPPING = "shipping"

    class Meta:
        description = "The kind of discount a voucher gives."


class VoucherFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(DiscountStatusEnum))
    discount_type = graphene.List(graphene.NonNull(VoucherDiscountType))
    search = graphene.String(description="Part of the name or of a code.")
    ids = graphene.List(graphene.NonNull(graphene.ID))

    class Meta:
        description = "Which vouchers to list."


def _value(item) -> str:
    return getattr(item, "value", item)


def _status_q(status: str, now) -> Q:
    if status == "scheduled":
        return Q(start_date__gt=now)
    if status == "expired":
        return Q(end_date__lt=now)
    return Q(start_date__lte=now) & (Q(end_date__isnull=True) | Q(end_date__gte=now))


def _discount_type_q(kind: str) -> Q:
    if kind == "shipping":
        return Q(type=VoucherType.SHIPPING)
    value_type = DiscountValueType.FIXED if kind == "fixed" else DiscountValueType.PERCENTAGE
    return Q(discount_value_type=value_type) & ~Q(type=VoucherType.SHIPPING)


def filter_vouchers(queryset: QuerySet[Voucher], filter_input: dict | None) -> QuerySet[Voucher]:
    if not filter_input:
        return queryset
    search = (filter_input.get("search") or "").strip()
    if search:
        with_code = VoucherCode.objects.filter(voucher=OuterRef("pk"), code__icontains=search)
        queryset = queryset.filter(Q(name__icontains=search) | Exists(with_code))
    if filter_input.get("ids") is not None:
        queryset = queryset.filter(pk__in=int_pks_or_error(filter_input["ids"], "Voucher"))
    if filter_input.get("status"):
        now = timezone.now()
        condition = Q(pk__in=[])
        for status in filter_input["status"]:
            condition |= _status_q(_value(status), now)
        queryset = queryset.filter(condition)
    if filter_input.get("discount_type"):
        condition = Q(pk__in=[])
        for kind in filter_input["discount_type"]:
            condition |= _discount_type_q(_value(kind))
        queryset = queryset.filter(condition)
    return queryset
