"""SSLCommerz's IPN and the browser's return: stored, verified, confirmed by SSLCommerz, and
credited once however often and in whatever order they come. Anything forged, unsigned,
tampered, replayed, confirmed differently or for an unknown order changes nothing and is kept
as "rejected"."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from payments.gateways.sslcommerz.client import SESSION_PATH, VALIDATION_PATH
from payments.gateways.sslcommerz.plugin import PLUGIN_ID
from payments.transactions.models import PaymentNotification, TransactionEvent, TransactionItem
from plugins.framework.views import plugin_url
from tests.concurrency.parallel import run_together

from .conftest import (
    AMOUNT,
    charge_events,
    charged,
    live,
    press,
    process,
    start,
    submit,
    tran_id_of,
)

pytestmark = live


@pytest.fixture
def paying(checkout, sslcommerz):
    """A session whose customer pressed Pay; the IPN is sent by the test (not automatically).
    Returns (tran_id, the page that carries the result back in the browser)."""
    sslcommerz.auto_ipn = False
    started = start(checkout)
    return tran_id_of(started), press(started, "pay")


def notifications() -> list[tuple[str, str]]:
    return list(PaymentNotification.objects.order_by("pk").values_list("outcome", "detail"))


def nothing_changed() -> None:
    item = TransactionItem.objects.get()
    assert (item.charged_value, item.authorized_value, item.charge_pending_value) == (0, 0, 0)
    assert list(item.events.values_list("type", flat=True)) == [
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
    ]


@pytest.mark.parametrize(
    "order",
    [("return", "ipn", "process"), ("ipn", "process", "return"), ("process", "return", "ipn")],
)
def test_return_ipn_and_process_twice_each_credit_the_customer_once(
    checkout, sslcommerz, paying, order
):
    tran_id, result_page = paying
    steps = {
        "return": lambda: submit(result_page).status_code,
        "ipn": lambda: sslcommerz.send_ipn(tran_id).status_code,
        "process": lambda: process(checkout).event.type,
    }
    # when each arrives twice, in this order and then backwards
    answers = [steps[name]() for name in (*order, *reversed(order))]
    # then every answer is a success and the customer is credited once
    assert set(answers) <= {303, 200, "CHARGE_SUCCESS"}
    assert [event.amount_value for event in charge_events()] == [AMOUNT]
    assert charged() == AMOUNT
    # and the repeated return and IPN were recognised as the same messages
    assert PaymentNotification.objects.count() == 2
    assert {outcome for outcome, _detail in notifications()} == {"accepted"}


@pytest.mark.postgres
def test_two_processes_and_the_ipn_at_the_same_moment_credit_once(checkout, sslcommerz, paying):
    tran_id, _page = paying
    results = run_together(
        [
            lambda: process(checkout).event.type,
            lambda: process(checkout).event.type,
            lambda: sslcommerz.send_ipn(tran_id).status_code,
        ]
    )
    assert results == ["CHARGE_SUCCESS", "CHARGE_SUCCESS", 200]
    assert len(charge_events()) == 1
    assert charged() == AMOUNT


def test_a_replayed_ipn_is_answered_as_before_and_changes_nothing(checkout, sslcommerz, paying):
    tran_id, _page = paying
    first = sslcommerz.send_ipn(tran_id)
    replay = sslcommerz.send_ipn(tran_id)
    assert (first.status_code, replay.status_code) == (200, 200)
    assert PaymentNotification.objects.count() == 1
    assert len(charge_events()) == 1
    assert charged() == AMOUNT


@pytest.mark.parametrize(
    ("mode", "changes", "detail"),
    [
        ("forged", None, "The signature does not match the fields."),
        ("unsigned", None, "Unsigned: no verify_sign."),
        ("tampered", {"amount": "10.00"}, "The signature does not match the fields."),
        ("tampered", {"status": "VALID", "tran_id": "X" * 26}, "The signature does not match "),
    ],
)
def test_a_forged_unsigned_or_tampered_ipn_changes_nothing(
    checkout, sslcommerz, paying, mode, changes, detail
):
    tran_id, _page = paying
    validations_before = _validations(sslcommerz)
    # when the IPN is not what SSLCommerz signed
    response = sslcommerz.send_ipn(tran_id, mode=mode, changes=changes)
    # then it is refused, SSLCommerz was not even asked, and nothing changed
    assert response.status_code == 400
    [(outcome, stored_detail)] = notifications()
    assert outcome == "rejected"
    assert stored_detail.startswith(detail)
    assert _validations(sslcommerz) == validations_before
    nothing_changed()


def test_a_forged_return_changes_nothing_but_still_sends_the_customer_back(
    checkout, sslcommerz, paying
):
    _tran_id, page = paying
    back = submit(page, verify_sign="0" * 32)
    assert back.status_code == 303
    assert notifications() == [("rejected", "The signature does not match the fields.")]
    nothing_changed()


@pytest.mark.parametrize(
    ("knob", "value", "detail"),
    [
        ("confirm_amount", Decimal("229.99"), "SSLCommerz confirmed 229.99 BDT, not the 230.00"),
        ("confirm_currency", "USD", "SSLCommerz confirmed the currency USD/USD, not BDT."),
    ],
)
def test_a_payment_sslcommerz_confirms_differently_is_not_credited(
    checkout, sslcommerz, knob, value, detail
):
    # given SSLCommerz confirming another amount (or currency) than Haat asked for
    sslcommerz.auto_ipn = False
    started = start(checkout)
    tran_id = tran_id_of(started)
    getattr(sslcommerz, knob)(tran_id, value)
    page = press(started, "pay")
    # when its genuine IPN and the browser arrive
    assert sslcommerz.send_ipn(tran_id).status_code == 400
    assert submit(page).status_code == 303
    # then neither credits anything
    assert [outcome for outcome, _ in notifications()] == ["rejected", "rejected"]
    assert all(stored.startswith(detail) for _, stored in notifications())
    nothing_changed()
    # and processing says why, crediting nothing
    processed = process(checkout)
    assert processed.event.type == "CHARGE_FAILURE"
    assert processed.event.message.startswith(f"Not credited: {detail}")
    assert charged() == Decimal(0)


def test_an_ipn_for_an_order_that_is_not_ours_changes_nothing(
    checkout, sslcommerz, client, channel
):
    # given a genuine SSLCommerz payment for a tran_id Haat never issued
    start(checkout)
    fields = dict(sslcommerz.payment(next(iter(sslcommerz.payments))).request)
    fields.update(tran_id="SHOP-ORDER-42")
    fields.pop("store_id"), fields.pop("store_passwd")
    assert client.create_session(fields).is_created
    sslcommerz.complete("SHOP-ORDER-42")
    # when its IPN reaches Haat
    response = sslcommerz.send_ipn("SHOP-ORDER-42")
    # then it is refused and kept
    assert response.status_code == 400
    assert notifications() == [
        ("rejected", "No SSLCommerz transaction of ours has tran_id 'SHOP-ORDER-42'.")
    ]
    nothing_changed()


def test_garbage_and_get_requests_on_the_ipn_route_change_nothing(checkout, sslcommerz):
    start(checkout)
    url = plugin_url(PLUGIN_ID, "ipn", channel_slug="bd")
    assert httpx.post(url, content=b"\x00not a form", timeout=5).status_code == 400
    assert httpx.get(url, timeout=5).status_code == 405
    assert notifications() == [("rejected", "Not an SSLCommerz callback: no tran_id or status.")]
    nothing_changed()


def test_an_ipn_that_could_not_be_confirmed_is_handled_when_it_comes_again(
    checkout, sslcommerz, paying
):
    # given SSLCommerz's validation API not answering in time
    tran_id, _page = paying
    sslcommerz.inject("timeout", path=VALIDATION_PATH)
    # when the IPN arrives, Haat answers 503 (the outcome is unknown) and records nothing
    assert sslcommerz.send_ipn(tran_id).status_code == 503
    sslcommerz.release()
    [(outcome, detail)] = notifications()
    assert outcome == "failed"
    assert detail.startswith("SSLCommerz could not be asked: SSLCommerz did not answer")
    assert charge_events() == []
    # when SSLCommerz sends it again, it is handled
    assert sslcommerz.redeliver_ipn(tran_id).status_code == 200
    assert notifications()[0][0] == "accepted"
    assert charged() == AMOUNT
    # and no second session was ever opened
    assert [r.path for r in sslcommerz.requests].count(SESSION_PATH) == 1


def test_a_val_id_of_another_payment_from_the_storefront_is_not_believed(
    checkout, sslcommerz, paying
):
    # given another customer's paid payment at SSLCommerz (not Haat's)
    tran_id, _page = paying
    other = sslcommerz.payment(tran_id)
    # when the storefront processes with a val_id that is not this payment's
    processed = process(checkout, data={"val_id": "999999999999abcdef"})
    # then Haat asks by tran_id and credits what SSLCommerz reports for it
    assert processed.event.type == "CHARGE_SUCCESS"
    assert TransactionEvent.objects.get(type="CHARGE_SUCCESS").psp_reference == other.tran_id


def _validations(gateway) -> int:
    return sum(1 for request in gateway.requests if request.path == VALIDATION_PATH)
