"""bKash Tokenized Checkout as a payment gateway plugin (Saleor's transaction flow).

`transactionInitialize` creates the payment (mode 0011, Haat's transaction token as
`merchantInvoiceNumber`) and sends the customer to bKash's page; the customer comes back to
the `return` route, where Haat executes the payment and asks bKash what happened;
`transactionProcess` and bKash's notifications (AWS SNS, the `ipn` route) ask bKash again, so
whichever comes first credits the transaction and the others find it credited. Staff refund
through bKash's refund API (v2), and capture or void an authorization
(`transactionFlowStrategy: AUTHORIZATION`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

from plugins.framework.base import (
    ConfigField,
    ConfigItem,
    ConfigurationTypeField,
    PaymentGatewayPlugin,
)
from plugins.framework.error_codes import PluginErrorCode
from plugins.framework.interface import (
    PaymentGatewayData,
    TransactionSessionData,
    TransactionSessionResult,
)
from plugins.framework.views import plugin_url

from . import actions, callbacks
from .client import DEFAULT_TIMEOUT_SECONDS, BkashClient, BkashCredentials, BkashRefusal
from .confirmation import AUTHORIZATION, SALE, Expected, confirm, session_result
from .sns import DEFAULT_ALLOWED_ORIGINS, parse_origins

SANDBOX_BASE_URL = "https://tokenized.sandbox.bka.sh/v1.2.0-beta/tokenized/checkout"
REQUIRED_FIELDS = ("base_url", "username", "password", "app_key", "app_secret")

String = ConfigurationTypeField.STRING
Secret = ConfigurationTypeField.SECRET


class BkashGatewayPlugin(PaymentGatewayPlugin):
    PLUGIN_ID = "haat.payments.bkash"
    PLUGIN_NAME = "bKash"
    PLUGIN_DESCRIPTION = "bKash Tokenized Checkout: the customer pays from a bKash wallet."
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = [
        {"name": "base_url", "value": SANDBOX_BASE_URL},
        {"name": "username", "value": ""},
        {"name": "password", "value": ""},
        {"name": "app_key", "value": ""},
        {"name": "app_secret", "value": ""},
        {"name": "refund_base_url", "value": ""},
        {"name": "timeout_seconds", "value": str(int(DEFAULT_TIMEOUT_SECONDS))},
        {"name": "sns_allowed_cert_origins", "value": ",".join(DEFAULT_ALLOWED_ORIGINS)},
        {"name": "sns_topic_arn", "value": ""},
        {"name": "allowed_return_origins", "value": ""},
    ]
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {
        "base_url": {
            "type": String,
            "label": "Tokenized checkout URL",
            "help_text": "Up to /tokenized/checkout: tokenized.sandbox.bka.sh for the sandbox, "
            "tokenized.pay.bka.sh for live payments.",
        },
        "username": {"type": String, "label": "Username", "help_text": "From bKash."},
        "password": {"type": Secret, "label": "Password", "help_text": "From bKash."},
        "app_key": {"type": String, "label": "App key", "help_text": "From bKash."},
        "app_secret": {"type": Secret, "label": "App secret", "help_text": "From bKash."},
        "refund_base_url": {
            "type": String,
            "label": "Refund API origin",
            "help_text": "Where /v2/tokenized-checkout/refund/... lives; empty: the host of the "
            "checkout URL.",
        },
        "timeout_seconds": {
            "type": String,
            "label": "Timeout (seconds)",
            "help_text": "Per API call; bKash asks for 30.",
        },
        "sns_allowed_cert_origins": {
            "type": String,
            "label": "Allowed SNS certificate origins",
            "help_text": "Notifications are signed with a certificate fetched only from these "
            "origins (comma-separated; * is one DNS label).",
        },
        "sns_topic_arn": {
            "type": String,
            "label": "SNS topic ARN",
            "help_text": "When set, notifications from any other topic are refused.",
        },
        "allowed_return_origins": {
            "type": String,
            "label": "Storefront origins",
            "help_text": "Origins the customer may be sent back to after paying, besides "
            "CORS_ALLOWED_ORIGINS (comma-separated).",
        },
    }

    # --- configuration -------------------------------------------------------------------------

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        if not active:
            return
        missing = [name for name in REQUIRED_FIELDS if not configuration.get(name)]
        if missing:
            raise ValidationError(
                {
                    name: ValidationError(
                        f"bKash needs {name} to take payments.",
                        code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                    )
                    for name in missing
                }
            )
        for name in ("base_url", "refund_base_url"):
            value = configuration.get(name) or ""
            parts = urlsplit(value)
            if value and (parts.scheme not in ("http", "https") or not parts.netloc):
                raise ValidationError(
                    {
                        name: ValidationError(
                            f"{name} must be an http(s) URL.",
                            code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                        )
                    }
                )
        try:
            timeout = float(configuration.get("timeout_seconds") or DEFAULT_TIMEOUT_SECONDS)
        except ValueError:
            timeout = -1
        if not 0 < timeout <= 120:
            raise ValidationError(
                {
                    "timeout_seconds": ValidationError(
                        "The timeout is a number of seconds, at most 120.",
                        code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                    )
                }
            )

    @classmethod
    def demo_configuration(cls, simulator_base_url: str) -> dict[str, str]:
        """The configuration that pays through the simulator at `simulator_base_url`."""
        from .simulator import DEMO_CREDENTIALS, checkout_base_url

        origin = simulator_base_url.rstrip("/")
        return {
            "base_url": checkout_base_url(origin),
            **DEMO_CREDENTIALS,
            "refund_base_url": "",
            "timeout_seconds": "30",
            "sns_allowed_cert_origins": origin,
        }

    def credentials(self) -> BkashCredentials:
        return BkashCredentials(
            base_url=self.config["base_url"],
            username=self.config["username"],
            password=self.config["password"],
            app_key=self.config["app_key"],
            app_secret=self.config["app_secret"],
            refund_base_url=self.config.get("refund_base_url") or "",
            timeout=float(self.config.get("timeout_seconds") or DEFAULT_TIMEOUT_SECONDS),
        )

    def client(self) -> BkashClient:
        return BkashClient(self.credentials())

    @property
    def sns_origins(self) -> tuple[str, ...]:
        return parse_origins(self.config.get("sns_allowed_cert_origins"))

    # --- the storefront's gateway list ---------------------------------------------------------

    def payment_gateway_initialize_session(self, amount, source_object, data, previous_value):
        # Public facts only: the storefront redirects to the page transactionInitialize gives.
        return PaymentGatewayData(
            id=self.PLUGIN_ID,
            name=self.PLUGIN_NAME,
            currencies=("BDT",),
            data={"flow": "redirect", "paymentMethods": ["bkash"], "currency": "BDT"},
        )

    # --- sessions ------------------------------------------------------------------------------

    def transaction_initialize_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        session = transaction_session
        intent = AUTHORIZATION if session.action == "AUTHORIZATION" else SALE
        failure = "CHARGE_FAILURE" if intent == SALE else "AUTHORIZATION_FAILURE"
        if session.currency != "BDT":
            return TransactionSessionResult(
                result=failure, amount=session.amount, message="bKash takes BDT only."
            )
        sent = session.data if isinstance(session.data, dict) else {}
        return_url = sent.get("returnUrl")
        with self.client() as client:
            try:
                created = client.create_payment(
                    amount=Decimal(session.amount),
                    merchant_invoice=session.transaction_id,
                    callback_url=plugin_url(
                        self.PLUGIN_ID, "return", channel_slug=self.channel_slug
                    ),
                    payer_reference=_payer_reference(session.customer_phone),
                    intent=intent,
                )
            except BkashRefusal as refusal:
                return TransactionSessionResult(
                    result=failure,
                    amount=session.amount,
                    message=f"bKash refused the payment: {refusal.code} {refusal.message}",
                )
        data: dict[str, Any] = {"redirectUrl": created.bkash_url, "paymentID": created.payment_id}
        if isinstance(return_url, str) and return_url:
            data["returnUrl"] = return_url
        return TransactionSessionResult(
            result="CHARGE_ACTION_REQUIRED" if intent == SALE else "AUTHORIZATION_ACTION_REQUIRED",
            amount=session.amount,
            psp_reference=created.payment_id,
            external_url=created.bkash_url,
            data=data,
        )

    def transaction_process_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        session = transaction_session
        intent = AUTHORIZATION if session.action == "AUTHORIZATION" else SALE
        data = callbacks.public_data(session.transaction_id)
        if not session.psp_reference:
            return TransactionSessionResult(
                result="CHARGE_FAILURE" if intent == SALE else "AUTHORIZATION_FAILURE",
                amount=session.amount,
                message="No bKash payment was created for this transaction.",
                data=data,
            )
        expected = Expected(
            payment_id=session.psp_reference,
            invoice=session.transaction_id,
            amount=Decimal(session.amount),
            intent=intent,
        )
        with self.client() as client:
            verdict = confirm(client, expected, execute_first=False)
        return session_result(verdict, expected, data=data)

    # --- staff actions -------------------------------------------------------------------------

    def transaction_refund_requested(self, transaction_session, previous_value):
        with self.client() as client:
            return actions.refund(client, transaction_session)

    def transaction_charge_requested(self, transaction_session, previous_value):
        with self.client() as client:
            return actions.capture(client, transaction_session)

    def transaction_cancelation_requested(self, transaction_session, previous_value):
        with self.client() as client:
            return actions.void(client, transaction_session)

    # --- the browser's return and bKash's notifications ----------------------------------------

    def webhook(self, request, path, previous_value):
        route = path.strip("/")
        if route == "return":
            return callbacks.handle_return(self, request)
        if route == "ipn":
            return callbacks.handle_notification(self, request)
        return previous_value


def _payer_reference(phone: str | None) -> str:
    """The customer's wallet number as bKash shows it (01XXXXXXXXX), when Haat knows it."""
    digits = "".join(character for character in phone or "" if character.isdigit())
    if digits.startswith("880") and len(digits) == 13:
        return digits[2:]
    if digits.startswith("01") and len(digits) == 11:
        return digits
    return "haat"
