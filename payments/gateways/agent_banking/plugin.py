"""Agent banking: the customer pays cash at a bank's agent outlet (many sit inside digital
centres) into Haat's account, quoting a deposit reference.

Choosing it asks the bank for a deposit request and shows the customer the slip
(CHARGE_ACTION_REQUIRED). The deposit is credited only after the bank's status API confirms a
completed deposit of exactly the amount, with our reference: when the bank notifies the `ipn`
route, or when the entrepreneur enters the deposit reference (`transactionProcess` with
`data.depositReference`). Refunds do not go through the bank: cash is handed back at the counter
and staff record it (docs/payments/agent-banking.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError

from backend.core.errors import field_error
from backend.core.text import to_ascii_digits
from payments.transactions.error_codes import TransactionErrorCode
from plugins.framework.base import (
    ConfigField,
    ConfigItem,
    ConfigurationTypeField,
    PaymentGatewayPlugin,
)
from plugins.framework.error_codes import PluginErrorCode
from plugins.framework.interface import (
    PaymentGatewayData,
    PaymentGatewayError,
    TransactionSessionData,
    TransactionSessionResult,
)
from plugins.framework.views import plugin_url

from .client import DEFAULT_TIMEOUT_SECONDS, AgentBankClient, AgentBankRefusal, Deposit
from .notifications import handle_notification
from .signatures import DEFAULT_TOLERANCE_SECONDS
from .verdict import CURRENCY, Mismatch, judge

PLUGIN_ID = "haat.payments.agent-banking"
REQUIRED_FIELDS = ("base_url", "merchant_account", "api_key", "notification_secret")


def _positive_number(configuration: dict[str, Any], name: str) -> bool:
    try:
        return float(configuration.get(name) or 0) > 0
    except (TypeError, ValueError):
        return False


class AgentBankingPlugin(PaymentGatewayPlugin):
    PLUGIN_ID = PLUGIN_ID
    PLUGIN_NAME = "Agent banking (cash deposit at a bank agent)"
    PLUGIN_DESCRIPTION = (
        "The customer deposits cash at a bank's agent outlet into Haat's account, quoting the "
        "deposit reference; the bank confirms the deposit."
    )
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    MAX_TRANSACTION_AMOUNT = Decimal("25000.00")
    TRANSACTION_LIMIT_REASON = (
        "Bangladesh Bank limits a cash deposit at an agent banking outlet to Tk 25,000 a "
        "transaction: pay more in several deposits or another way."
    )
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = [
        {"name": "base_url", "value": ""},
        {"name": "merchant_account", "value": ""},
        {"name": "api_key", "value": ""},
        {"name": "notification_secret", "value": ""},
        {"name": "timeout_seconds", "value": str(int(DEFAULT_TIMEOUT_SECONDS))},
        {"name": "notification_tolerance_seconds", "value": str(DEFAULT_TOLERANCE_SECONDS)},
    ]
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {
        "base_url": {
            "type": ConfigurationTypeField.STRING,
            "label": "Bank API base URL",
            "help_text": "The bank's merchant API with its version, e.g. https://.../api/v1.",
        },
        "merchant_account": {
            "type": ConfigurationTypeField.STRING,
            "label": "Haat's collection account number",
            "help_text": "The account at the bank the customers' cash is deposited into.",
        },
        "api_key": {
            "type": ConfigurationTypeField.SECRET,
            "label": "API key",
            "help_text": "Sent as a bearer token on every call to the bank.",
        },
        "notification_secret": {
            "type": ConfigurationTypeField.SECRET,
            "label": "Notification secret",
            "help_text": "The shared secret of the bank's HMAC-SHA256 notification signature.",
        },
        "timeout_seconds": {
            "type": ConfigurationTypeField.STRING,
            "label": "Timeout (seconds)",
            "help_text": "How long a call to the bank may take before its outcome is unknown.",
        },
        "notification_tolerance_seconds": {
            "type": ConfigurationTypeField.STRING,
            "label": "Notification tolerance (seconds)",
            "help_text": "How far a notification's signed timestamp may be from now.",
        },
    }

    @classmethod
    def demo_configuration(cls, simulator_base_url: str) -> dict[str, str]:
        """The configuration pointing at `AgentBankSimulator` with its fake credentials."""
        from .simulator import DEMO_ACCOUNT, DEMO_API_KEY, DEMO_NOTIFICATION_SECRET

        return {
            "base_url": f"{simulator_base_url.rstrip('/')}/v1",
            "merchant_account": DEMO_ACCOUNT,
            "api_key": DEMO_API_KEY,
            "notification_secret": DEMO_NOTIFICATION_SECRET,
        }

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        if not active:
            return
        missing = [name for name in REQUIRED_FIELDS if not configuration.get(name)]
        if missing:
            raise ValidationError(
                {
                    name: ValidationError(
                        f"{cls.CONFIG_STRUCTURE[name]['label']} is required to turn agent "
                        "banking on.",
                        code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                    )
                    for name in missing
                }
            )
        if not str(configuration["base_url"]).startswith(("https://", "http://")):
            raise ValidationError(
                {
                    "base_url": ValidationError(
                        "The bank API base URL starts with https://.",
                        code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                    )
                }
            )
        for name in ("timeout_seconds", "notification_tolerance_seconds"):
            if not _positive_number(configuration, name):
                raise ValidationError(
                    {
                        name: ValidationError(
                            f"{cls.CONFIG_STRUCTURE[name]['label']} is a positive number.",
                            code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                        )
                    }
                )

    # --- configuration --------------------------------------------------------------------------

    @property
    def merchant_account(self) -> str:
        return str(self.config.get("merchant_account") or "")

    @property
    def notification_tolerance(self) -> int:
        return int(float(self.config.get("notification_tolerance_seconds") or 0)) or (
            DEFAULT_TOLERANCE_SECONDS
        )

    def client(self) -> AgentBankClient:
        timeout = float(self.config.get("timeout_seconds") or 0) or DEFAULT_TIMEOUT_SECONDS
        return AgentBankClient(
            base_url=str(self.config.get("base_url") or ""),
            api_key=str(self.config.get("api_key") or ""),
            timeout=timeout,
        )

    # --- hooks ----------------------------------------------------------------------------------

    def payment_gateway_initialize_session(self, amount, source_object, data, previous_value):
        return PaymentGatewayData(
            id=self.PLUGIN_ID,
            name=self.PLUGIN_NAME,
            data={
                "paymentMethod": "agent_banking",
                "maximumAmount": f"{self.MAX_TRANSACTION_AMOUNT:.2f}",
                "limitReason": self.TRANSACTION_LIMIT_REASON,
            },
        )

    def _create(self, session: TransactionSessionData) -> Deposit:
        return self.client().create_deposit(
            merchant_account=self.merchant_account,
            merchant_reference=session.transaction_id,
            amount=session.amount,
            currency=session.currency,
            notify_url=plugin_url(self.PLUGIN_ID, "ipn", channel_slug=session.channel_slug),
            customer_name=session.customer_name,
            customer_phone=session.customer_phone or "",
        )

    def _judged(
        self, deposit: Deposit, session: TransactionSessionData
    ) -> TransactionSessionResult:
        try:
            return judge(
                deposit,
                merchant_reference=session.transaction_id,
                merchant_account=self.merchant_account,
                amount=session.amount,
            )
        except Mismatch as mismatch:
            # Nothing is recorded: the entrepreneur typed another payment's reference, or the
            # bank holds something else than was asked (finance looks at it).
            raise field_error(
                "data", str(mismatch), TransactionErrorCode.INCORRECT_DETAILS
            ) from None

    def transaction_initialize_session(self, transaction_session, previous_value):
        """A deposit request at the bank, and the slip the customer takes to an agent."""
        if transaction_session.currency != CURRENCY:
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=transaction_session.amount,
                message="Agent outlets take taka only.",
            )
        try:
            deposit = self._create(transaction_session)
        except AgentBankRefusal as refusal:
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=transaction_session.amount,
                message=f"The bank refused the deposit request: {refusal.message}"[:512],
            )
        return self._judged(deposit, transaction_session)

    def transaction_process_session(self, transaction_session, previous_value):
        """Ask the bank about the deposit (the one the entrepreneur entered, or this payment's)
        and credit it only as the bank confirms it."""
        entered = _entered_reference(transaction_session.data)
        known = transaction_session.psp_reference
        if entered and known and entered != known:
            raise field_error(
                "data",
                f"The deposit reference {entered} is not this payment's ({known}).",
                TransactionErrorCode.INCORRECT_DETAILS,
            )
        client = self.client()
        try:
            reference = entered or known
            if reference:
                deposit = client.get_deposit(reference)
                if deposit is None:
                    raise field_error(
                        "data",
                        f"The bank has no deposit {reference}.",
                        TransactionErrorCode.NOT_FOUND,
                    )
            else:
                # The deposit request went unanswered: the bank may have made it. Ask first;
                # the bank keeps one deposit per merchant reference if it is asked again.
                deposit = client.find_deposit(transaction_session.transaction_id) or self._create(
                    transaction_session
                )
        except AgentBankRefusal as refusal:
            # A refused read is our misconfiguration (key, account): the outcome is unknown.
            raise PaymentGatewayError(f"The bank refused the query: {refusal.code}.") from None
        return self._judged(deposit, transaction_session)

    def webhook(self, request, path, previous_value):
        if path.strip("/") != "ipn":
            return previous_value
        return handle_notification(self, request)


def _entered_reference(data: dict[str, Any] | None) -> str:
    """The deposit reference as typed (Bangla digits and lower case are accepted)."""
    value = (data or {}).get("depositReference")
    if not isinstance(value, str):
        return ""
    return to_ascii_digits(value).strip().upper()
