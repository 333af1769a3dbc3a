"""Counting a code's uses when an order is placed or cancelled, safe under concurrency.

A claim is one conditional UPDATE (`used = used + 1 WHERE used < limit`): PostgreSQL re-checks
the condition on the row a concurrent claim just committed, so a limit of 10 is never passed,
without a lock held across the checkout. A once-per-customer voucher also inserts the
customer's row, and the unique key turns the second of two racing claims away.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import VoucherCode, VoucherCustomer
from .voucher_errors import invalid_code, not_applicable


def claim_voucher_usage(*, voucher_code_id: int, customer_key: str | None) -> None:
    """Count one use of the code for the order being placed; call it inside the order's
    transaction, so a rolled-back order gives the use back.

    Raises VoucherError VOUCHER_NOT_APPLICABLE when the code is used up or the customer used it
    already (INVALID when the code is gone or inactive). A refusal changes nothing and leaves
    the caller's transaction usable: the claim runs in a savepoint."""
    code = VoucherCode.objects.select_related("voucher").filter(pk=voucher_code_id).first()
    if code is None or not code.is_active:
        raise invalid_code()
    voucher = code.voucher
    limit = voucher.effective_usage_limit
    key = (customer_key or "").strip().lower()
    if voucher.apply_once_per_customer and not key:
        raise not_applicable("This offer is valid only once per customer: give your contact.")
    try:
        with transaction.atomic():
            if voucher.apply_once_per_customer:
                VoucherCustomer.objects.create(voucher_code_id=code.pk, customer_key=key)
            counted = VoucherCode.objects.filter(pk=code.pk, is_active=True)
            if limit is not None:
                counted = counted.filter(used__lt=limit)
            if not counted.update(used=F("used") + 1):
                raise not_applicable("This voucher has been used up.")
    except IntegrityError as error:
        raise not_applicable("This offer is valid only once per customer.") from error


def release_voucher_usage(*, voucher_code_id: int, customer_key: str | None) -> None:
    """Give back one use of the code (a cancelled order), never below zero, and let the
    customer use a once-per-customer code again."""
    with transaction.atomic():
        VoucherCode.objects.filter(pk=voucher_code_id, used__gt=0).update(used=F("used") - 1)
        key = (customer_key or "").strip().lower()
        if key:
            VoucherCustomer.objects.filter(
                voucher_code_id=voucher_code_id, customer_key=key
            ).delete()
