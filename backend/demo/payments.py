"""The demo's payments: every gateway's simulator started on loopback and every gateway turned
on in the demo channel, pointed at its simulator. Cash (at the centre, on delivery) is on by
default; the dummy gateway (Saleor's dummy payment app) needs PAYMENTS_ALLOW_DUMMY_GATEWAY,
which `make demo` sets.

Ports are fixed so the docs can name them (a taken port falls back to a free one):
bKash 8701, SSLCommerz 8021, Nagad 8302, ekPay 8431, agent bank 8711, Stripe 8420 (with
localstripe on a free port behind it).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from backend.channels.models import Channel
from payments.gateways.agent_banking.plugin import AgentBankingPlugin
from payments.gateways.agent_banking.simulator import AgentBankSimulator
from payments.gateways.bkash.plugin import BkashGatewayPlugin
from payments.gateways.bkash.simulator import BkashSimulator
from payments.gateways.dummy.plugin import DummyGatewayPlugin
from payments.gateways.ekpay.plugin import EkpayGatewayPlugin
from payments.gateways.ekpay.simulator import EkpaySimulator
from payments.gateways.nagad.plugin import NagadGatewayPlugin
from payments.gateways.nagad.simulator import NagadSimulator
from payments.gateways.sslcommerz.plugin import SslcommerzGatewayPlugin
from payments.gateways.sslcommerz.simulator import SslcommerzSimulator
from payments.gateways.stripe.plugin import StripeGatewayPlugin
from payments.gateways.stripe.sandbox import LocalStripeServer
from payments.gateways.stripe.simulator import WEBHOOK_SECRET, StripeSimulator
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.simulation import Simulator
from plugins.framework.views import plugin_url

logger = logging.getLogger(__name__)


def _port(preferred: int) -> int:
    """The preferred port when it is free, else 0 (any free port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            return 0
    return preferred


@dataclass
class DemoPayments:
    """The running simulators (by plugin id) and what must be stopped with them."""

    simulators: dict[str, Simulator] = field(default_factory=dict)
    stoppers: list[Callable[[], Any]] = field(default_factory=list)

    def stop(self) -> None:
        for simulator in self.simulators.values():
            simulator.stop()
        for stop in self.stoppers:
            stop()


GATEWAYS: tuple[type[Any], ...] = (
    BkashGatewayPlugin,
    SslcommerzGatewayPlugin,
    NagadGatewayPlugin,
    EkpayGatewayPlugin,
    AgentBankingPlugin,
    StripeGatewayPlugin,
)


def start_simulators(channel_slug: str) -> DemoPayments:
    """Every gateway's simulator, listening; notifications go to Haat's routes at PUBLIC_URL."""

    def ipn(plugin_id: str) -> str:
        return plugin_url(plugin_id, "ipn", channel_slug=channel_slug)

    running = DemoPayments()
    running.simulators[BkashGatewayPlugin.PLUGIN_ID] = BkashSimulator(
        port=_port(8701), ipn_url=ipn(BkashGatewayPlugin.PLUGIN_ID)
    ).start()
    running.simulators[SslcommerzGatewayPlugin.PLUGIN_ID] = SslcommerzSimulator(
        port=_port(8021)
    ).start()
    running.simulators[NagadGatewayPlugin.PLUGIN_ID] = NagadSimulator(port=_port(8302)).start()
    running.simulators[EkpayGatewayPlugin.PLUGIN_ID] = EkpaySimulator(port=_port(8431)).start()
    running.simulators[AgentBankingPlugin.PLUGIN_ID] = AgentBankSimulator(port=_port(8711)).start()
    localstripe = LocalStripeServer().start()
    running.stoppers.append(localstripe.stop)
    stripe = StripeSimulator(localstripe_url=localstripe.base_url, port=_port(8420)).start()
    stripe.webhooks.register("haat", ipn(StripeGatewayPlugin.PLUGIN_ID), WEBHOOK_SECRET)
    running.simulators[StripeGatewayPlugin.PLUGIN_ID] = stripe
    return running


def configure_gateways(channel: Channel, running: DemoPayments) -> list[str]:
    """Turn every gateway on in the channel, pointed at its simulator; the ids turned on."""
    enabled = []
    for plugin_class in GATEWAYS:
        simulator = running.simulators[plugin_class.PLUGIN_ID]
        configuration = plugin_class.demo_configuration(simulator.base_url)
        update_plugin_configuration(
            plugin_id=plugin_class.PLUGIN_ID,
            channel=channel,
            active=True,
            configuration=[{"name": name, "value": value} for name, value in configuration.items()],
        )
        enabled.append(plugin_class.PLUGIN_ID)
    update_plugin_configuration(
        plugin_id=DummyGatewayPlugin.PLUGIN_ID, channel=channel, active=True, configuration=[]
    )
    enabled.append(DummyGatewayPlugin.PLUGIN_ID)
    return enabled
