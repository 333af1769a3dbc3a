"""The bank API client against the simulator over HTTP: every endpoint, its refusals, and
timeouts, 500s, garbage and dropped connections as `PaymentGatewayError`."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest

from payments.gateways.agent_banking.client import AgentBankClient, AgentBankRefusal
from payments.gateways.agent_banking.simulator import (
    BANK_NAME,
    DEMO_ACCOUNT,
    DEMO_ACCOUNT_NAME,
    DEMO_API_KEY,
)
from plugins.framework.interface import PaymentGatewayError


@pytest.fixture
def client(bank) -> AgentBankClient:
    return AgentBankClient(base_url=f"{bank.base_url}/v1", api_key=DEMO_API_KEY, timeout=2)


def create(client: AgentBankClient, amount="230.00", reference=None, **fields):
    arguments = {
        "merchant_account": DEMO_ACCOUNT,
        "merchant_reference": reference or str(uuid.uuid4()),
        "amount": Decimal(amount),
        "currency": "BDT",
        "notify_url": "http://127.0.0.1:9/ipn",
        "customer_name": "Karim Mia",
        "customer_phone": "+8801712345678",
        **fields,
    }
    return client.create_deposit(**arguments)


def test_a_deposit_request_gives_the_reference_and_the_slip(client, bank):
    reference = str(uuid.uuid4())
    deposit = create(client, reference=reference)
    assert deposit.reference.startswith("AGD")
    assert (deposit.merchant_reference, deposit.merchant_account) == (reference, DEMO_ACCOUNT)
    assert (deposit.account_name, deposit.bank_name) == (DEMO_ACCOUNT_NAME, BANK_NAME)
    assert (deposit.amount, deposit.currency) == (Decimal("230.00"), "BDT")
    assert deposit.status == "PENDING"
    assert deposit.deposited_amount is None
    assert deposit.reference in deposit.instructions_en
    assert "Tk 230.00" in deposit.instructions_en
    assert "২৩০.০০ টাকা" in deposit.instructions_bn
    # what the bank received
    sent = bank.wait_for(lambda r: r.method == "POST").json()
    assert sent == {
        "merchantAccount": DEMO_ACCOUNT,
        "merchantReference": reference,
        "amount": "230.00",
        "currency": "BDT",
        "notifyUrl": "http://127.0.0.1:9/ipn",
        "customer": {"name": "Karim Mia", "phone": "+8801712345678"},
    }
    assert bank.requests[0].headers["authorization"] == f"Bearer {DEMO_API_KEY}"


def test_the_same_merchant_reference_gives_the_same_deposit(client, bank):
    first = create(client, reference="ref-1")
    again = create(client, reference="ref-1")
    assert again == first
    assert len(bank.deposits) == 1
    with pytest.raises(AgentBankRefusal) as refusal:
        create(client, reference="ref-1", amount="231.00")
    assert (refusal.value.code, refusal.value.status) == ("DUPLICATE_REFERENCE", 409)


@pytest.mark.parametrize(
    ("fields", "code", "status"),
    [
        ({"amount": "25000.01"}, "LIMIT_EXCEEDED", 422),
        ({"merchant_account": "999"}, "UNKNOWN_ACCOUNT", 422),
        ({"currency": "USD"}, "UNSUPPORTED_CURRENCY", 422),
        ({"amount": "0.00"}, "INVALID_AMOUNT", 400),
    ],
)
def test_the_bank_refuses_a_deposit_request_with_its_code(client, bank, fields, code, status):
    fields = dict(fields)
    amount = fields.pop("amount", "230.00")
    with pytest.raises(AgentBankRefusal) as refusal:
        create(client, amount=amount, **fields)
    assert (refusal.value.code, refusal.value.status) == (code, status)
    assert bank.deposits == {}


def test_an_amount_in_fractions_of_a_paisa_is_never_rounded(client, bank):
    with pytest.raises(ValueError, match="more than two decimal places"):
        create(client, amount="10.005")
    assert bank.requests == []
    # and the bank refuses one sent by someone else
    response = httpx.post(
        f"{bank.base_url}/v1/deposits",
        json={
            "merchantAccount": DEMO_ACCOUNT,
            "merchantReference": "ref-x",
            "amount": "10.005",
            "currency": "BDT",
        },
        headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
    )
    assert (response.status_code, response.json()["error"]["code"]) == (400, "INVALID_AMOUNT")


def test_the_upper_limit_itself_is_accepted(client):
    assert create(client, amount="25000.00").amount == Decimal("25000.00")


def test_a_wrong_api_key_is_refused(bank):
    client = AgentBankClient(base_url=f"{bank.base_url}/v1", api_key="wrong", timeout=2)
    with pytest.raises(AgentBankRefusal) as refusal:
        create(client)
    assert (refusal.value.code, refusal.value.status) == ("UNAUTHORIZED", 401)
    assert "wrong" not in repr(client)


def test_status_and_search_follow_the_agent(client, bank):
    deposit = create(client, reference="ref-2")
    assert client.get_deposit(deposit.reference).status == "PENDING"
    # the agent takes 230.00 and records it
    bank.record_deposit(deposit.reference, notify=False)
    done = client.get_deposit(deposit.reference)
    assert (done.status, done.deposited_amount) == ("COMPLETED", Decimal("230.00"))
    assert done.agent_transaction_id.startswith("AGT")
    assert done.completed_at
    assert client.find_deposit("ref-2") == done
    # unknown references
    assert client.get_deposit("AGD000") is None
    assert client.get_deposit("") is None
    assert client.find_deposit("ref-unknown") is None


def test_an_unknown_status_is_nonsense(client, bank):
    deposit = create(client)
    bank.deposits[deposit.reference].status = "MAYBE"
    with pytest.raises(PaymentGatewayError, match="unknown status"):
        client.get_deposit(deposit.reference)


@pytest.mark.parametrize("fault", ["error", "timeout", "garbage", "drop"])
@pytest.mark.parametrize("endpoint", ["create", "status", "search"])
def test_a_failing_bank_is_an_unknown_outcome(bank, fault, endpoint):
    client = AgentBankClient(base_url=f"{bank.base_url}/v1", api_key=DEMO_API_KEY, timeout=0.3)
    deposit = create(client, reference="ref-3")
    calls = {
        "create": lambda: create(client, reference="ref-3"),
        "status": lambda: client.get_deposit(deposit.reference),
        "search": lambda: client.find_deposit("ref-3"),
    }
    bank.inject(fault, path="/v1/deposits")
    with pytest.raises(PaymentGatewayError) as error:
        calls[endpoint]()
    assert DEMO_API_KEY not in str(error.value)
    # and the next call works again
    bank.release()
    assert calls[endpoint]() is not None


def test_a_deposit_request_answered_too_late_was_still_made(bank):
    client = AgentBankClient(base_url=f"{bank.base_url}/v1", api_key=DEMO_API_KEY, timeout=0.3)
    bank.answer_late("/v1/deposits")
    with pytest.raises(PaymentGatewayError, match="in time"):
        create(client, reference="ref-4")
    assert client.find_deposit("ref-4") is not None
