"""Test gateway compatible with Saleor's dummy payment app (`saleor.io.dummy-payment-app`).

The storefront chooses the outcome in `data`, as with Saleor's app:
`{"event": {"type": "CHARGE_SUCCESS", "includePspReference": true}}`; any session result type
is accepted (CHARGE_SUCCESS, CHARGE_FAILURE, CHARGE_REQUEST, CHARGE_ACTION_REQUIRED,
AUTHORIZATION_SUCCESS, ...). Staff actions (charge, refund, cancel) succeed at once. Nothing
leaves the process, so the demo and tests can pay without a gateway; it is off by default
outside them, and it is never a way to pay for real.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError

from plugins.framework.base import ConfigField, ConfigItem, PaymentGatewayPlugin
from plugins.framework.error_codes import PluginErrorCode
from plugins.framework.interface import (
    PaymentGatewayData,
    TransactionSessionData,
    TransactionSessionResult,
)

SESSION_TYPES = frozenset(
    {
        "CHARGE_SUCCESS",
        "CHARGE_FAILURE",
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
        "AUTHORIZATION_SUCCESS",
        "AUTHORIZATION_FAILURE",
        "AUTHORIZATION_REQUEST",
        "AUTHORIZATION_ACTION_REQUIRED",
    }
)
ALL_ACTIONS = ("CHARGE", "REFUND", "CANCEL")


def _available_actions(result: str) -> tuple[str, ...]:
    if result == "CHARGE_SUCCESS":
        return ("REFUND",)
    if result == "AUTHORIZATION_SUCCESS":
        return ("CHARGE", "CANCEL")
    return ()


class DummyGatewayPlugin(PaymentGatewayPlugin):
    PLUGIN_ID = "saleor.io.dummy-payment-app"
    PLUGIN_NAME = "Dummy payment app"
    PLUGIN_DESCRIPTION = (
        "Pays with whatever outcome the storefront asks for: for tests and the demo."
    )
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = []
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {}

    def payment_gateway_initialize_session(self, amount, source_object, data, previous_value):
        return PaymentGatewayData(
            id=self.PLUGIN_ID,
            name=self.PLUGIN_NAME,
            data={"paymentMethods": ["dummy"], "amount": str(amount)},
        )

    @staticmethod
    def _outcome(session: TransactionSessionData, default: str) -> TransactionSessionResult:
        event = (session.data or {}).get("event") or {}
        if not isinstance(event, dict):
            event = {}
        result = str(event.get("type") or default)
        if result not in SESSION_TYPES:
            return TransactionSessionResult(
                result="CHARGE_FAILURE" if session.action == "CHARGE" else "AUTHORIZATION_FAILURE",
                amount=session.amount,
                message=f"Unknown event type {result!r}.",
            )
        include_reference = event.get("includePspReference", True)
        reference = session.psp_reference or (
            f"dummy-{uuid.uuid4()}" if include_reference else None
        )
        return TransactionSessionResult(
            result=result,
            amount=Decimal(session.amount),
            psp_reference=reference,
            message="Great success!" if result.endswith("SUCCESS") else "",
            data={"event": {"type": result}, "pspReference": reference},
            available_actions=_available_actions(result),
        )

    def transaction_initialize_session(self, transaction_session, previous_value):
        default = (
            "CHARGE_SUCCESS" if transaction_session.action == "CHARGE" else "AUTHORIZATION_SUCCESS"
        )
        return self._outcome(transaction_session, default)

    def transaction_process_session(self, transaction_session, previous_value):
        default = (
            "CHARGE_SUCCESS" if transaction_session.action == "CHARGE" else "AUTHORIZATION_SUCCESS"
        )
        return self._outcome(transaction_session, default)

    def _settled(self, session: TransactionSessionData, result: str, actions: tuple[str, ...]):
        return TransactionSessionResult(
            result=result,
            amount=session.amount,
            psp_reference=f"dummy-{result.split('_')[0].lower()}-{uuid.uuid4()}",
            available_actions=actions,
        )

    def transaction_charge_requested(self, transaction_session, previous_value):
        return self._settled(transaction_session, "CHARGE_SUCCESS", ("REFUND",))

    def transaction_refund_requested(self, transaction_session, previous_value):
        return self._settled(transaction_session, "REFUND_SUCCESS", ("REFUND",))

    def transaction_cancelation_requested(self, transaction_session, previous_value):
        return self._settled(transaction_session, "CANCEL_SUCCESS", ())

    def transaction_status_requested(self, transaction_session, previous_value):
        # The dummy settles whatever waits: a refund or a charge left pending succeeds.
        session = transaction_session
        results = list(previous_value)
        pending = (session.data or {}).get("pending") or {}
        for kind, amount in pending.items():
            results.append(
                TransactionSessionResult(
                    result=f"{kind}_SUCCESS",
                    amount=Decimal(amount),
                    psp_reference=f"dummy-status-{kind.lower()}-{session.transaction_id}",
                )
            )
        return results

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        if active and not _allowed():
            raise ValidationError(
                {
                    "active": ValidationError(
                        "The dummy payment app takes no real money: it can be turned on only "
                        "in the demo and in tests (PAYMENTS_ALLOW_DUMMY_GATEWAY).",
                        code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                    )
                }
            )


def _allowed() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "PAYMENTS_ALLOW_DUMMY_GATEWAY", False))
