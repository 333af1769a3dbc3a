"""The bank's simulator on loopback and the agent banking gateway pointed at it."""

from __future__ import annotations

import pytest

from backend.checkout.models import Checkout
from payments.gateways.agent_banking.plugin import PLUGIN_ID, AgentBankingPlugin
from payments.gateways.agent_banking.simulator import AgentBankSimulator
from payments.transactions.sessions import initialize_transaction
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import make_payable_checkout, source_of

AGENT_BANKING_PLUGIN = "payments.gateways.agent_banking.plugin.AgentBankingPlugin"


@pytest.fixture
def bank():
    simulator = AgentBankSimulator().start()
    yield simulator
    simulator.stop()


@pytest.fixture
def configure_agent_banking(enable_gateway, channel, bank):
    """`configure_agent_banking(**fields)`: the gateway on in the channel, pointed at the
    simulator with its credentials (and a 2-second timeout), `fields` over that."""

    def configure(**fields: str) -> None:
        configuration = {
            **AgentBankingPlugin.demo_configuration(bank.base_url),
            "timeout_seconds": "2",
            **fields,
        }
        enable_gateway(AGENT_BANKING_PLUGIN, PLUGIN_ID, channel, configuration)

    return configure


@pytest.fixture
def agent_banking(configure_agent_banking):
    configure_agent_banking()
    return PLUGIN_ID


@pytest.fixture
def checkout(api_client, channel, service_variant) -> Checkout:
    """230.00 of an assisted service, in a channel that takes unpaid orders."""
    return make_payable_checkout(api_client, service_variant)


def initialize(checkout: Checkout, **kwargs):
    arguments = {
        "gateway_id": PLUGIN_ID,
        "action": None,
        "amount": None,
        "data": None,
        "idempotency_key": None,
        "customer_ip_address": None,
        "requestor": None,
        "manager": get_plugins_manager(),
        **kwargs,
    }
    return initialize_transaction(source=source_of(checkout), **arguments)
