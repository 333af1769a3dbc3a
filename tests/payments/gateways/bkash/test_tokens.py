"""bKash's id_token: granted once and shared (across clients, as across processes), refreshed
before it expires but never more than twice an hour, and replaced when bKash rejects it."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from payments.gateways.bkash.client import BkashClient
from payments.gateways.bkash.tokens import REFRESH_MARGIN_SECONDS
from plugins.framework.interface import PaymentGatewayError
from tests.payments.gateways.bkash.conftest import credentials_for


class Clock:
    """The time as the token store sees it, moved by the test."""

    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


def _create(client):
    return client.create_payment(
        amount=Decimal("10.00"),
        merchant_invoice=str(uuid.uuid4()),
        callback_url="https://haat.test/return",
        payer_reference="haat",
    )


def test_one_grant_serves_two_payments_and_two_clients(simulator):
    with BkashClient(credentials_for(simulator)) as first:
        _create(first)
        _create(first)
    with BkashClient(credentials_for(simulator)) as second:  # another process, same cache
        _create(second)

    (grant,) = simulator.calls("token/grant")
    assert grant.headers["username"] == "sim-merchant"
    assert grant.headers["password"] == "sim-password-not-a-secret"
    assert grant.json() == {"app_key": "sim-app-key", "app_secret": "sim-app-secret-not-a-secret"}
    assert simulator.calls("token/refresh") == []
    tokens = {request.headers["authorization"] for request in simulator.calls("create")}
    assert len(tokens) == 1


def test_the_token_is_refreshed_when_due_and_when_expired(simulator):
    clock = Clock()
    with BkashClient(credentials_for(simulator), clock=clock) as client:
        _create(client)
        granted = simulator.calls("create")[-1].headers["authorization"]

        # at minute 51: refreshed
        clock.now += 3600 - REFRESH_MARGIN_SECONDS + 60
        _create(client)
        # an hour later, long expired: refreshed again with the refresh token
        clock.now += 2 * 3600
        _create(client)

    refreshes = simulator.calls("token/refresh")
    assert len(refreshes) == 2
    assert len(simulator.calls("token/grant")) == 1
    first_refresh_token = refreshes[0].json()["refresh_token"]
    assert first_refresh_token.startswith("sim-refresh-")
    used = [request.headers["authorization"] for request in simulator.calls("create")]
    assert used[0] == granted
    assert len(set(used)) == 3


def test_a_third_refresh_within_the_hour_becomes_a_grant(simulator):
    # given bKash grants tokens for five minutes, so each one is due for renewal at once
    simulator.token_desk.lifetime = 300
    clock = Clock()
    with BkashClient(credentials_for(simulator), clock=clock) as client:
        for _ in range(4):
            _create(client)
            clock.now += 60
        assert client.tokens.refreshes_in_last_hour() == 2

    # then grant, refresh, refresh, and a grant instead of the third refresh
    assert len(simulator.calls("token/refresh")) == 2
    assert len(simulator.calls("token/grant")) == 2
    paths = [r.path.rsplit("/", 1)[-1] for r in simulator.requests if "/token/" in r.path]
    assert paths == ["grant", "refresh", "refresh", "grant"]


def test_a_token_bkash_rejects_is_granted_anew_once_and_the_call_retried(client, simulator):
    _create(client)
    simulator.expire_tokens()

    created = _create(client)

    assert created.status == "Initiated"
    assert len(simulator.calls("token/grant")) == 2
    # the refused call and its retry; one payment
    assert len(simulator.calls("create")) == 3
    assert len(simulator.payments) == 2


def test_an_invalid_token_answer_is_treated_as_a_401(client, simulator):
    _create(client)
    simulator.refuse("create", "2079", "Invalid app token")

    _create(client)

    assert len(simulator.calls("token/grant")) == 2
    assert len(simulator.payments) == 2


def test_wrong_credentials_raise_a_gateway_error_without_the_secret(simulator):
    credentials = credentials_for(simulator)
    wrong = type(credentials)(**{**credentials.__dict__, "password": "wrong-password-value"})
    with BkashClient(wrong) as client, pytest.raises(PaymentGatewayError) as failed:
        _create(client)
    assert "2001" in str(failed.value)
    assert "wrong-password-value" not in str(failed.value)
    assert "wrong-password-value" not in repr(wrong)
    assert simulator.calls("create") == []
