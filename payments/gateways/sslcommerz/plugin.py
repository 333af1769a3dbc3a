"""SSLCommerz v4 as a Haat payment gateway (Saleor's transaction flow).

`transactionInitialize` opens an SSLCommerz session (`tran_id` = the transaction's token in
base32) and answers CHARGE_ACTION_REQUIRED with the payment page in `data.redirectUrl`. The
customer pays there; the browser comes back to the `return/<success|fail|cancel>` route and
SSLCommerz sends its IPN to the `ipn` route; `transactionProcess` asks SSLCommerz too. Whichever
comes first records what SSLCommerz confirms, once. A payment SSLCommerz flags as risky is held
for review as an authorization: staff charge it (`transaction_charge_requested` checks it again)
or cancel it (refunded). Refunds go through SSLCommerz's refund API.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse

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

from .client import DEFAULT_TIMEOUT_SECONDS, SslcommerzClient, money
from .confirmation import PAID_ACTIONS, Mismatch, confirm_payment
from .crypto import tran_id_for
from .notifications import RETURN_VARIANTS, handle_ipn, handle_return
from .records import requested_amount, transaction_for
from .refunds import give_back, pending_refund_outcomes
from .session_request import session_fields

logger = logging.getLogger(__name__)

PLUGIN_ID = "haat.payments.sslcommerz"
SANDBOX_URL = "https://sandbox.sslcommerz.com"
LIVE_URL = "https://securepay.sslcommerz.com"
REQUIRED_FIELDS = ("api_base_url", "store_id", "store_password")


def _text(label: str, help_text: str) -> ConfigField:
    return {"type": ConfigurationTypeField.STRING, "label": label, "help_text": help_text}


class SslcommerzGatewayPlugin(PaymentGatewayPlugin):
    PLUGIN_ID = PLUGIN_ID
    PLUGIN_NAME = "SSLCommerz"
    PLUGIN_DESCRIPTION = "Cards, mobile wallets and internet banking through SSLCommerz (BDT)."
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    MIN_TRANSACTION_AMOUNT = Decimal("10.00")
    MAX_TRANSACTION_AMOUNT = Decimal("500000.00")
    TRANSACTION_LIMIT_REASON = "These are SSLCommerz's limits on one payment."
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = [
        {"name": "api_base_url", "value": SANDBOX_URL},
        {"name": "store_id", "value": ""},
        {"name": "store_password", "value": ""},
        {"name": "timeout_seconds", "value": str(int(DEFAULT_TIMEOUT_SECONDS))},
        {"name": "product_category", "value": "general"},
        {"name": "product_profile", "value": "general"},
        {"name": "fallback_customer_email", "value": "no-email@haat.com.bd"},
        {"name": "allowed_return_origins", "value": ""},
    ]
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {
        "api_base_url": _text(
            "API base URL", f"{SANDBOX_URL} (sandbox) or {LIVE_URL} (live), no trailing path."
        ),
        "store_id": _text("Store ID", "The store ID SSLCommerz gave the merchant."),
        "store_password": {
            "type": ConfigurationTypeField.SECRET,
            "label": "Store password",
            "help_text": "The store password (API password) SSLCommerz gave the merchant.",
        },
        "timeout_seconds": _text("Timeout (seconds)", "How long one call to SSLCommerz may take."),
        "product_category": _text("Product category", "Sent as product_category."),
        "product_profile": _text(
            "Product profile", "general, physical-goods, non-physical-goods, ... (product_profile)."
        ),
        "fallback_customer_email": _text(
            "Fallback customer e-mail",
            "Sent as cus_email when the customer has none (SSLCommerz requires one): a mailbox "
            "the shop owns.",
        ),
        "allowed_return_origins": _text(
            "Allowed return origins",
            "Storefront origins (comma separated) the customer may be sent back to after paying, "
            "besides CORS_ALLOWED_ORIGINS.",
        ),
    }

    # --- configuration -------------------------------------------------------------------------

    @property
    def store_id(self) -> str:
        return str(self.config.get("store_id") or "")

    @property
    def store_password(self) -> str:
        return str(self.config.get("store_password") or "")

    @property
    def allowed_return_origins(self) -> list[str]:
        raw = str(self.config.get("allowed_return_origins") or "")
        return [origin.strip() for origin in raw.split(",") if origin.strip()]

    def client(self) -> SslcommerzClient:
        return SslcommerzClient(
            base_url=str(self.config.get("api_base_url") or SANDBOX_URL),
            store_id=self.store_id,
            store_password=self.store_password,
            timeout=_timeout(self.config.get("timeout_seconds")) or DEFAULT_TIMEOUT_SECONDS,
        )

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        if not active:
            return
        errors: dict[str, ValidationError] = {}

        def misconfigured(field: str, message: str) -> None:
            errors[field] = ValidationError(message, code=PluginErrorCode.PLUGIN_MISCONFIGURED)

        for field in REQUIRED_FIELDS:
            if not str(configuration.get(field) or "").strip():
                misconfigured(field, f"SSLCommerz needs {field} to be turned on.")
        url = urlsplit(str(configuration.get("api_base_url") or ""))
        if "api_base_url" not in errors and (url.scheme not in ("http", "https") or not url.netloc):
            misconfigured("api_base_url", "The API base URL must be an http(s) URL.")
        if _timeout(configuration.get("timeout_seconds")) is None:
            misconfigured("timeout_seconds", "The timeout must be a positive number of seconds.")
        try:
            validate_email(str(configuration.get("fallback_customer_email") or ""))
        except ValidationError:
            misconfigured("fallback_customer_email", "The fallback e-mail is not an address.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def demo_configuration(cls, simulator_base_url: str) -> dict[str, str]:
        """The configuration that points a channel at the simulator (demo and tests)."""
        from .simulator import STORE_ID, STORE_PASSWORD

        return {
            "api_base_url": simulator_base_url,
            "store_id": STORE_ID,
            "store_password": STORE_PASSWORD,
            "timeout_seconds": "10",
        }

    # --- gateway listing -----------------------------------------------------------------------

    def payment_gateway_initialize_session(self, amount, source_object, data, previous_value):
        low, high = self.MIN_TRANSACTION_AMOUNT, self.MAX_TRANSACTION_AMOUNT
        error = None
        if amount is not None and not (low <= Decimal(amount) <= high):
            error = f"SSLCommerz takes {money(low)} to {money(high)} BDT per payment."
        return PaymentGatewayData(
            id=self.PLUGIN_ID,
            name=self.PLUGIN_NAME,
            data={
                "flow": "redirect",
                "currency": "BDT",
                "minimumAmount": money(low),
                "maximumAmount": money(high),
            },
            error=error,
        )

    # --- sessions ------------------------------------------------------------------------------

    def transaction_initialize_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        session = transaction_session
        tran_id = tran_id_for(session.transaction_id)
        fields = session_fields(
            plugin_id=self.PLUGIN_ID, session=session, tran_id=tran_id, config=self.config
        )
        answer = self.client().create_session(fields)
        if not answer.is_created:
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=session.amount,
                message=f"SSLCommerz refused the payment: {answer.failed_reason or answer.status}.",
            )
        data: dict[str, Any] = {"redirectUrl": answer.gateway_page_url}
        return_url = (session.data or {}).get("returnUrl")
        if isinstance(return_url, str) and return_url:
            data["returnUrl"] = return_url
        return TransactionSessionResult(
            result="CHARGE_ACTION_REQUIRED",
            amount=session.amount,
            psp_reference=tran_id,
            message="Waiting for the customer to pay on SSLCommerz's page.",
            data=data,
        )

    def transaction_process_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        """The storefront is back: SSLCommerz says what happened (a `val_id` the storefront
        passes in `data` is checked like any other; without one the query by tran_id)."""
        session = transaction_session
        tran_id = session.psp_reference or tran_id_for(session.transaction_id)
        val_id = str((session.data or {}).get("val_id") or "")
        try:
            result = _confirm(self.client(), tran_id, session.amount, val_id)
        except Mismatch as mismatch:
            result = TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=session.amount,
                psp_reference=tran_id,
                message=f"Not credited: {mismatch}",
            )
        return replace(result, data=self._stored_data(session))

    def _stored_data(self, session: TransactionSessionData) -> dict[str, Any] | None:
        """What the storefront was given at the start (the payment page, its returnUrl)."""
        item = transaction_for(self.PLUGIN_ID, tran_id_for(session.transaction_id))
        return dict(item.session_data) if item is not None and item.session_data else None

    # --- staff actions -------------------------------------------------------------------------

    def transaction_charge_requested(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        """Accept a payment held for review: SSLCommerz must still report it paid, in full
        (it has no partial capture: cancel the payment to give the money back instead)."""
        session = transaction_session
        tran_id = session.psp_reference

        def refused(message: str) -> TransactionSessionResult:
            return TransactionSessionResult(
                result="CHARGE_FAILURE", amount=session.amount, message=message
            )

        item = transaction_for(self.PLUGIN_ID, tran_id) if tran_id else None
        paid = requested_amount(item) if item is not None else None
        if item is None or paid is None:
            return refused("No SSLCommerz payment to charge.")
        if session.amount != paid:
            return refused(
                f"SSLCommerz cannot charge part of a payment: charge all {money(paid)} BDT, or "
                "cancel it to refund it."
            )
        try:
            confirmed = confirm_payment(self.client(), tran_id=tran_id, expected=paid)
        except Mismatch as mismatch:
            return refused(f"Not charged: {mismatch}")
        if confirmed.result not in ("CHARGE_SUCCESS", "AUTHORIZATION_SUCCESS"):
            return refused(f"Not charged: {confirmed.message}")
        return TransactionSessionResult(
            result="CHARGE_SUCCESS",
            amount=session.amount,
            psp_reference=tran_id,
            message="Accepted after review.",
            available_actions=PAID_ACTIONS,
        )

    def transaction_refund_requested(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        return give_back(self.client(), transaction_session, kind="refund")

    def transaction_cancelation_requested(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        """Refuse a payment held for review: SSLCommerz took the money, so it is refunded."""
        return give_back(self.client(), transaction_session, kind="cancel")

    def transaction_status_requested(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> list[TransactionSessionResult]:
        """What SSLCommerz now says of what waits: refunds (and cancels) it was processing, and a
        charge of a held payment whose answer was lost. Nothing is sent again."""
        session = transaction_session
        results = list(previous_value)
        pending = (session.data or {}).get("pending") or {}
        item = transaction_for(self.PLUGIN_ID, tran_id_for(session.transaction_id))
        if item is None:
            return results
        client = self.client()
        if "REFUND" in pending or "CANCEL" in pending:
            results.extend(pending_refund_outcomes(client, item))
        if "CHARGE" in pending and item.psp_reference:
            charged = self._held_payment_charged(client, item, Decimal(pending["CHARGE"]))
            results.extend([charged] if charged is not None else [])
        return results

    def _held_payment_charged(
        self, client: SslcommerzClient, item: Any, amount: Decimal
    ) -> TransactionSessionResult | None:
        expected = requested_amount(item)
        if expected is None:
            return None
        try:
            confirmed = confirm_payment(client, tran_id=item.psp_reference, expected=expected)
        except (Mismatch, PaymentGatewayError) as error:
            logger.warning("SSLCommerz charge of %s not confirmed: %s", item.psp_reference, error)
            return None
        if confirmed.result not in ("CHARGE_SUCCESS", "AUTHORIZATION_SUCCESS"):
            return None
        return TransactionSessionResult(
            result="CHARGE_SUCCESS",
            amount=amount,
            psp_reference=item.psp_reference,
            message="Accepted after review.",
            available_actions=PAID_ACTIONS,
        )

    # --- incoming HTTP -------------------------------------------------------------------------

    def webhook(self, request, path: str, previous_value: Any) -> HttpResponse:
        route = path.strip("/")
        if route == "ipn":
            return handle_ipn(self, request)
        kind, _, variant = route.partition("/")
        if kind == "return" and variant in RETURN_VARIANTS:
            return handle_return(self, request, variant)
        return HttpResponse("Not found", status=404, content_type="text/plain")


def _confirm(client: Any, tran_id: str, expected: Decimal, val_id: str) -> TransactionSessionResult:
    if val_id:
        try:
            return confirm_payment(client, tran_id=tran_id, expected=expected, val_id=val_id)
        except Mismatch:
            pass  # the storefront's val_id is not this payment's: ask by tran_id instead
    return confirm_payment(client, tran_id=tran_id, expected=expected)


def _timeout(value: Any) -> float | None:
    try:
        seconds = float(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        return None
    return seconds if seconds > 0 else None
