"""What a storefront asks before paying: which gateways take a checkout or order
(`availablePaymentGateways`), and each gateway's public setup for it (`paymentGatewayInitialize`).

Gateways answer through the plugins' hooks with the checkout or order row itself as
`source_object`. Nothing is stored and no money moves."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from plugins.framework.interface import PaymentGatewayData
from plugins.framework.manager import PluginsManager

from .sources import PaymentSource


@dataclass(frozen=True)
class GatewayConfig:
    """One gateway's answer to `paymentGatewayInitialize`: its public data, or why there is
    none (`found` is False for a gateway that is not active in the channel)."""

    id: str
    data: dict[str, Any] | None
    error: str | None = None
    found: bool = True


def available_payment_gateways(
    *, source_object: Any, currency: str, channel_slug: str, manager: PluginsManager
) -> list[PaymentGatewayData]:
    """The active gateways of the channel that take `currency` for this checkout or order."""
    return manager.list_payment_gateways(currency, source_object, channel_slug=channel_slug)


def initialize_payment_gateways(
    *,
    source: PaymentSource,
    gateways: list[tuple[str, dict[str, Any] | None]] | None,
    amount: Decimal | None,
    manager: PluginsManager,
) -> list[GatewayConfig]:
    """Each named gateway's setup for paying `amount` (default: what is left to pay) of the
    source; with no gateway named, every gateway the source may use."""
    source_object = source.checkout if source.checkout is not None else source.order
    amount = source.balance if amount is None else amount
    if gateways is None:
        gateways = [
            (gateway.id, None)
            for gateway in available_payment_gateways(
                source_object=source_object,
                currency=source.currency,
                channel_slug=source.channel_slug,
                manager=manager,
            )
        ]
    configs = []
    for gateway_id, data in gateways:
        answer = manager.payment_gateway_initialize_session(
            gateway_id, amount, source_object, data, channel_slug=source.channel_slug
        )
        if answer is None:
            configs.append(
                GatewayConfig(
                    id=gateway_id,
                    data=None,
                    error="No active payment gateway with this id in the channel.",
                    found=False,
                )
            )
        else:
            configs.append(GatewayConfig(id=gateway_id, data=answer.data, error=answer.error))
    return configs
