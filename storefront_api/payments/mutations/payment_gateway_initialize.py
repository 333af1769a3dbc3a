"""paymentGatewayInitialize: each gateway's public setup for paying a checkout or an order."""

from __future__ import annotations

import graphene

from payments.transactions.gateway_setup import initialize_payment_gateways
from storefront_api.core.scalars import PositiveDecimal

from ..access import payment_source
from ..errors import PaymentGatewayConfigError, PaymentGatewayInitializeError, PaymentMutation
from ..inputs import PaymentGatewayToInitialize
from ..types import PaymentGatewayConfig


class PaymentGatewayInitialize(PaymentMutation):
    gateway_configs = graphene.List(
        graphene.NonNull(PaymentGatewayConfig), description="Each gateway's setup."
    )

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's or order's ID.")
        amount = PositiveDecimal(
            description="The amount to pay; by default what is left to pay of it."
        )
        payment_gateways = graphene.List(
            graphene.NonNull(PaymentGatewayToInitialize),
            description="The gateways to ask; by default every gateway that takes it.",
        )

    class Meta:
        description = (
            "Asks payment gateways what the storefront needs to pay a checkout or an order with "
            "them (public keys, payment methods). For whoever may pay for it."
        )
        error_type_class = PaymentGatewayInitializeError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        manager = info.context.plugins
        gateways = data.get("payment_gateways") or None
        configs = initialize_payment_gateways(
            source=payment_source(data["id"], context=info.context, manager=manager),
            gateways=[(gateway["id"], gateway.get("data")) for gateway in gateways]
            if gateways
            else None,
            amount=data.get("amount"),
            manager=manager,
        )
        return cls(
            gateway_configs=[
                PaymentGatewayConfig(
                    id=config.id,
                    data=config.data,
                    errors=[
                        PaymentGatewayConfigError(
                            field="id",
                            message=config.error,
                            code="invalid" if config.found else "not_found",
                        )
                    ]
                    if config.error
                    else [],
                )
                for config in configs
            ]
        )
