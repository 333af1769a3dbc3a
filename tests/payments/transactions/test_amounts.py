"""How each event moves a transaction's amounts (pure rules, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from payments.transactions.amounts import Amounts, apply_event

D = Decimal


def test_a_charge_success_is_charged():
    assert apply_event(Amounts(), "CHARGE_SUCCESS", D("230.00")).charged == D("230.00")


def test_a_refund_request_moves_charged_to_pending_and_success_to_refunded():
    charged = Amounts(charged=D("230"))
    requested = apply_event(charged, "REFUND_REQUEST", D("30"))
    assert (requested.charged, requested.refund_pending) == (D("200"), D("30"))
    refunded = apply_event(requested, "REFUND_SUCCESS", D("30"))
    assert (refunded.charged, refunded.refund_pending, refunded.refunded) == (
        D("200"),
        D("0"),
        D("30"),
    )


def test_a_failed_refund_gives_the_money_back_to_charged():
    requested = apply_event(Amounts(charged=D("230")), "REFUND_REQUEST", D("30"))
    failed = apply_event(requested, "REFUND_FAILURE", D("30"))
    assert (failed.charged, failed.refund_pending, failed.refunded) == (D("230"), D("0"), D("0"))


def test_a_refund_request_beyond_what_was_charged_is_refused():
    with pytest.raises(ValueError):
        apply_event(Amounts(charged=D("10")), "REFUND_REQUEST", D("10.01"))


def test_a_refund_made_at_the_gateway_without_a_request_comes_out_of_charged():
    after = apply_event(Amounts(charged=D("100")), "REFUND_SUCCESS", D("40"))
    assert (after.charged, after.refunded) == (D("60"), D("40"))


def test_capturing_an_authorization_moves_it_to_charged():
    authorized = apply_event(Amounts(), "AUTHORIZATION_SUCCESS", D("500"))
    requested = apply_event(authorized, "CHARGE_REQUEST", D("300"))
    assert (requested.authorized, requested.charge_pending) == (D("200"), D("300"))
    captured = apply_event(requested, "CHARGE_SUCCESS", D("300"))
    assert (captured.authorized, captured.charge_pending, captured.charged) == (
        D("200"),
        D("0"),
        D("300"),
    )


def test_a_cancel_releases_the_authorization():
    authorized = Amounts(authorized=D("500"))
    requested = apply_event(authorized, "CANCEL_REQUEST", D("500"))
    assert (requested.authorized, requested.cancel_pending) == (D("0"), D("500"))
    canceled = apply_event(requested, "CANCEL_SUCCESS", D("500"))
    assert (canceled.cancel_pending, canceled.canceled) == (D("0"), D("500"))
    refused = apply_event(requested, "CANCEL_FAILURE", D("500"))
    assert (refused.authorized, refused.cancel_pending) == (D("500"), D("0"))


def test_pending_requests_settle_and_action_required_moves_nothing():
    pending = apply_event(Amounts(), "CHARGE_REQUEST", D("230"))
    assert pending.charge_pending == D("230")
    assert apply_event(pending, "CHARGE_SUCCESS", D("230")) == Amounts(charged=D("230"))
    assert apply_event(pending, "CHARGE_FAILURE", D("230")) == Amounts()
    assert apply_event(Amounts(), "CHARGE_ACTION_REQUIRED", D("230")) == Amounts()
    assert apply_event(Amounts(), "INFO", D("0")) == Amounts()


def test_chargeback_and_refund_reverse():
    assert apply_event(Amounts(charged=D("100")), "CHARGE_BACK", D("100")).charged == D("0")
    reversed_ = apply_event(Amounts(charged=D("60"), refunded=D("40")), "REFUND_REVERSE", D("40"))
    assert (reversed_.charged, reversed_.refunded) == (D("100"), D("0"))


def test_an_adjustment_sets_the_authorization():
    assert apply_event(Amounts(authorized=D("500")), "AUTHORIZATION_ADJUSTMENT", D("450")) == (
        Amounts(authorized=D("450"))
    )


def test_a_failed_capture_leaves_the_authorization_authorized():
    requested = apply_event(Amounts(authorized=D("500")), "CHARGE_REQUEST", D("300"))
    failed = apply_event(requested, "CHARGE_FAILURE", D("300"), from_authorization=True)
    assert (failed.authorized, failed.charge_pending) == (D("500"), D("0"))
