"""Counting uses: the claim inside the order's transaction, its release, and races on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import transaction

from backend.discounts.models import VoucherCode, VoucherCustomer
from backend.discounts.vouchers import VoucherError, claim_voucher_usage, release_voucher_usage
from tests.concurrency.parallel import run_together
from tests.voucher_factories import make_voucher


def _claim(code: VoucherCode, customer_key: str | None = None) -> str:
    try:
        claim_voucher_usage(voucher_code_id=code.pk, customer_key=customer_key)
    except VoucherError as error:
        return str(error.code)
    return "claimed"


@pytest.mark.django_db
def test_a_claim_counts_one_use_up_to_the_limit():
    code = make_voucher(usage_limit=2)
    assert [_claim(code), _claim(code), _claim(code)] == [
        "claimed",
        "claimed",
        "VOUCHER_NOT_APPLICABLE",
    ]
    code.refresh_from_db()
    assert code.used == 2


@pytest.mark.django_db
def test_a_single_use_code_is_used_once():
    code = make_voucher(single_use=True)
    assert [_claim(code), _claim(code)] == ["claimed", "VOUCHER_NOT_APPLICABLE"]


@pytest.mark.django_db
def test_without_a_limit_every_claim_counts():
    code = make_voucher()
    assert {_claim(code) for _ in range(3)} == {"claimed"}
    code.refresh_from_db()
    assert code.used == 3


@pytest.mark.django_db
def test_an_inactive_code_cannot_be_claimed():
    code = make_voucher()
    VoucherCode.objects.filter(pk=code.pk).update(is_active=False)
    assert _claim(code) == "INVALID"


@pytest.mark.django_db
def test_once_per_customer_needs_a_customer_and_refuses_a_second_use():
    code = make_voucher(apply_once_per_customer=True)
    assert _claim(code, None) == "VOUCHER_NOT_APPLICABLE"
    assert _claim(code, "Rina@Example.com") == "claimed"
    assert _claim(code, "rina@example.com") == "VOUCHER_NOT_APPLICABLE"
    assert _claim(code, "+8801712345678") == "claimed"
    code.refresh_from_db()
    assert code.used == 2
    assert sorted(VoucherCustomer.objects.values_list("customer_key", flat=True)) == [
        "+8801712345678",
        "rina@example.com",
    ]


@pytest.mark.django_db
def test_a_refused_claim_leaves_the_callers_transaction_usable():
    # given an order being placed in a transaction, by a customer who used the code before
    code = make_voucher(apply_once_per_customer=True, usage_limit=5)
    claim_voucher_usage(voucher_code_id=code.pk, customer_key="rina@example.com")
    with transaction.atomic():
        # when the claim fails on the unique key
        assert _claim(code, "rina@example.com") == "VOUCHER_NOT_APPLICABLE"
        # then the transaction goes on, and the failed claim counted nothing
        assert VoucherCode.objects.get(pk=code.pk).used == 1


@pytest.mark.django_db
def test_release_gives_a_use_back_never_below_zero():
    code = make_voucher(usage_limit=1, apply_once_per_customer=True)
    claim_voucher_usage(voucher_code_id=code.pk, customer_key="rina@example.com")
    # when the order is cancelled, twice over
    release_voucher_usage(voucher_code_id=code.pk, customer_key="rina@example.com")
    release_voucher_usage(voucher_code_id=code.pk, customer_key="rina@example.com")
    # then the code is unused, and the customer may use it again
    code.refresh_from_db()
    assert code.used == 0
    assert _claim(code, "rina@example.com") == "claimed"


def race(code: VoucherCode, customer_keys: list[str | None]) -> list[str]:
    """One order per key, each on its own connection in its own transaction, released at
    once; the outcome of each claim."""

    def place_order(customer_key: str | None) -> Callable[[], str]:
        def claim() -> str:
            with transaction.atomic():
                return _claim(code, customer_key)

        return claim

    return run_together([place_order(key) for key in customer_keys])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_limit_of_ten_is_never_passed_by_twenty_parallel_orders():
    # given a code with usage_limit 10
    code = make_voucher(usage_limit=10)
    # when 20 orders claim it at the same moment, on 20 connections
    outcomes = race(code, [f"customer-{n}@example.com" for n in range(20)])
    # then exactly 10 succeed
    assert sorted(outcomes) == ["VOUCHER_NOT_APPLICABLE"] * 10 + ["claimed"] * 10
    code.refresh_from_db()
    assert code.used == 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_customer_racing_uses_a_once_per_customer_code_once():
    # given a once-per-customer code
    code = make_voucher(apply_once_per_customer=True)
    # when one customer places 8 orders at once
    outcomes = race(code, ["rina@example.com"] * 8)
    # then one of them gets it
    assert sorted(outcomes) == ["VOUCHER_NOT_APPLICABLE"] * 7 + ["claimed"]
    code.refresh_from_db()
    assert code.used == 1
    assert VoucherCustomer.objects.count() == 1
