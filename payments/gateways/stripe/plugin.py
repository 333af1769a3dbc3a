"""Card payments through Stripe's PaymentIntents (Saleor's transaction flow).

`transactionInitialize` creates a PaymentIntent in paisa (automatic capture for CHARGE, manual
for AUTHORIZATION, Haat's token in its metadata, Idempotency-Key `haat-<token>-create`) and
answers ACTION_REQUIRED with its client secret, the publishable key and a payment page;
`transactionProcess`, the browser's `return` and the signed webhook (`ipn`, also `webhook`) all
ASK Stripe for the PaymentIntent before anything is credited. Staff capture, cancel and refund
through the API, each call with a key of its own request.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from payments.transactions.selectors import transaction_by_token
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

from .client import (
    DEFAULT_API_BASE,
    DEFAULT_TIMEOUT_SECONDS,
    PaymentIntentInfo,
    StripeGatewayClient,
    StripeRefusal,
)
from .links import with_query
from .notifications import handle_return, handle_webhook
from .outcomes import (
    AUTHORIZATION,
    CHARGE,
    METADATA_KEY,
    Mismatch,
    action_key,
    capture_method,
    check_intent,
    create_key,
    refund_results,
    session_result,
)

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("api_base_url", "secret_key", "publishable_key", "webhook_secret")


def _field(name: str, value: str, kind: ConfigurationTypeField, label: str, help_text: str):
    return {"name": name, "value": value}, (
        name,
        {"type": kind, "label": label, "help_text": help_text},
    )


_FIELDS = [
    _field(
        "api_base_url",
        DEFAULT_API_BASE,
        ConfigurationTypeField.STRING,
        "API base URL",
        "https://api.stripe.com (test and live keys share it); the simulator's URL in the demo.",
    ),
    _field(
        "secret_key",
        "",
        ConfigurationTypeField.SECRET,
        "Secret key",
        "sk_test_... or sk_live_... (a restricted rk_ key with PaymentIntents and Refunds).",
    ),
    _field(
        "publishable_key",
        "",
        ConfigurationTypeField.STRING,
        "Publishable key",
        "pk_test_... or pk_live_...: given to the storefront for Stripe.js.",
    ),
    _field(
        "webhook_secret",
        "",
        ConfigurationTypeField.SECRET,
        "Webhook signing secret",
        "whsec_... of the endpoint registered at Stripe for the `ipn` route.",
    ),
    _field(
        "payment_page_url",
        "",
        ConfigurationTypeField.STRING,
        "Payment page URL",
        "Base of a card page (`<base>/<payment intent>?client_secret=..&return_url=..`); "
        "empty: the storefront collects the card with Stripe.js itself.",
    ),
    _field(
        "timeout_seconds",
        str(int(DEFAULT_TIMEOUT_SECONDS)),
        ConfigurationTypeField.STRING,
        "Timeout (seconds)",
        "How long to wait for Stripe on each call.",
    ),
    _field(
        "allowed_return_origins",
        "",
        ConfigurationTypeField.STRING,
        "Allowed return origins",
        "Comma-separated storefront origins customers may be sent back to, beside "
        "CORS_ALLOWED_ORIGINS.",
    ),
]


class StripeGatewayPlugin(PaymentGatewayPlugin):
    PLUGIN_ID = "haat.payments.stripe"
    PLUGIN_NAME = "Card (Stripe)"
    PLUGIN_DESCRIPTION = "Card payments through Stripe PaymentIntents, in BDT."
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = [item for item, _ in _FIELDS]
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = dict(field for _, field in _FIELDS)
    # Stripe takes at most eight digits in the smallest unit: 99,999,999 paisa.
    MAX_TRANSACTION_AMOUNT = Decimal("999999.99")
    TRANSACTION_LIMIT_REASON = "Stripe takes at most eight digits in paisa."

    @classmethod
    def demo_configuration(cls, simulator_base_url: str) -> dict[str, str]:
        """The configuration that points at the simulator, with its fake keys."""
        from .simulator import PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET

        base = simulator_base_url.rstrip("/")
        return {
            "api_base_url": base,
            "secret_key": SECRET_KEY,
            "publishable_key": PUBLISHABLE_KEY,
            "webhook_secret": WEBHOOK_SECRET,
            "payment_page_url": f"{base}/pay",
            "timeout_seconds": "30",
        }

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        if not active:
            return
        problems = [
            f"{name} is required." for name in REQUIRED_FIELDS if not configuration.get(name)
        ]
        secret_key = configuration.get("secret_key") or ""
        if secret_key and not secret_key.startswith(("sk_", "rk_")):
            problems.append("secret_key must be a secret (sk_) or restricted (rk_) key.")
        publishable = configuration.get("publishable_key") or ""
        if publishable and not publishable.startswith("pk_"):
            # A secret key here would be handed to every browser.
            problems.append("publishable_key must be a publishable (pk_) key.")
        if _timeout(configuration.get("timeout_seconds")) is None:
            problems.append("timeout_seconds must be a positive number.")
        if problems:
            raise ValidationError(
                {
                    "configuration": ValidationError(
                        " ".join(problems), code=PluginErrorCode.PLUGIN_MISCONFIGURED
                    )
                }
            )

    # --- helpers -----------------------------------------------------------------------------

    def client(self) -> StripeGatewayClient:
        return StripeGatewayClient(
            secret_key=self.config.get("secret_key") or "",
            api_base=self.config.get("api_base_url") or DEFAULT_API_BASE,
            timeout=_timeout(self.config.get("timeout_seconds")) or DEFAULT_TIMEOUT_SECONDS,
        )

    def _public_data(
        self, intent: PaymentIntentInfo, session: TransactionSessionData, stored: dict[str, Any]
    ) -> dict[str, Any]:
        """What the storefront needs to let the customer pay; never a configured secret."""
        stripe_return = with_query(
            plugin_url(self.PLUGIN_ID, "return", channel_slug=self.channel_slug),
            transaction=session.transaction_id,
        )
        data: dict[str, Any] = {
            "paymentIntentId": intent.id,
            "clientSecret": intent.client_secret,
            "publishableKey": self.config.get("publishable_key") or "",
            "stripeReturnUrl": stripe_return,
        }
        page = (self.config.get("payment_page_url") or "").rstrip("/")
        if page:
            data["redirectUrl"] = with_query(
                f"{page}/{intent.id}", client_secret=intent.client_secret, return_url=stripe_return
            )
        return_url = (session.data or {}).get("returnUrl") or stored.get("returnUrl")
        if return_url:
            data["returnUrl"] = str(return_url)
        return data

    def _create(self, client: StripeGatewayClient, session: TransactionSessionData):
        return client.create_payment_intent(
            amount=session.amount,
            currency=session.currency,
            capture_method=capture_method(session.action),
            metadata={METADATA_KEY: session.transaction_id},
            idempotency_key=create_key(session.transaction_id),
        )

    @staticmethod
    def _flow(session: TransactionSessionData) -> str:
        return AUTHORIZATION if session.action == AUTHORIZATION else CHARGE

    def _checked(self, intent: PaymentIntentInfo, session: TransactionSessionData) -> None:
        try:
            check_intent(
                intent,
                token=session.transaction_id,
                amount=session.amount,
                currency=session.currency,
                psp_reference=session.psp_reference,
            )
        except Mismatch as error:
            raise PaymentGatewayError(f"Stripe's record does not match: {error}") from error

    # --- gateways offered ----------------------------------------------------------------------

    def payment_gateway_initialize_session(self, amount, source_object, data, previous_value):
        return PaymentGatewayData(
            id=self.PLUGIN_ID,
            name=self.PLUGIN_NAME,
            data={"publishableKey": self.config.get("publishable_key") or ""},
        )

    # --- sessions ------------------------------------------------------------------------------

    def transaction_initialize_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        session = transaction_session
        flow = self._flow(session)
        if session.currency != "BDT":
            return TransactionSessionResult(
                result=f"{flow}_FAILURE", amount=session.amount, message="Stripe takes BDT here."
            )
        try:
            with self.client() as client:
                intent = self._create(client, session)
        except StripeRefusal as refusal:
            return TransactionSessionResult(
                result=f"{flow}_FAILURE", amount=session.amount, message=refusal.message
            )
        self._checked(intent, session)
        return TransactionSessionResult(
            result=f"{flow}_ACTION_REQUIRED",
            amount=session.amount,
            psp_reference=intent.id,
            data=self._public_data(intent, session, {}),
            available_actions=(),
        )

    def transaction_process_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        session = transaction_session
        item = transaction_by_token(session.transaction_id)
        stored = dict((item.session_data if item is not None else None) or {})
        try:
            with self.client() as client:
                if session.psp_reference:
                    intent = client.retrieve_payment_intent(session.psp_reference)
                else:
                    # The create's answer never came: the same call under the same key gives
                    # the PaymentIntent Stripe made then (or makes it now), never a second one.
                    intent = self._create(client, session)
        except StripeRefusal as refusal:
            return TransactionSessionResult(
                result=f"{self._flow(session)}_FAILURE",
                amount=session.amount,
                message=refusal.message,
            )
        self._checked(intent, session)
        return session_result(intent, data=self._public_data(intent, session, stored))

    # --- staff actions ---------------------------------------------------------------------------

    def transaction_charge_requested(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        """Capture `amount` of an authorization; Stripe releases the rest."""
        session = transaction_session
        try:
            with self.client() as client:
                intent = client.capture_payment_intent(
                    session.psp_reference,
                    amount=session.amount,
                    idempotency_key=action_key(session),
                )
        except StripeRefusal as refusal:
            return _failed("CHARGE_FAILURE", session, refusal.message)
        if intent.status == "succeeded":
            return TransactionSessionResult(
                result="CHARGE_SUCCESS",
                amount=intent.amount_received,
                psp_reference=intent.id,
                available_actions=("REFUND",),
            )
        if intent.status == "processing":
            return TransactionSessionResult(result="CHARGE_REQUEST", amount=session.amount)
        return _failed("CHARGE_FAILURE", session, f"Stripe left the payment {intent.status}.")

    def transaction_cancelation_requested(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        """Release an authorization. Stripe releases it whole (after a partial capture, the
        rest is already released): a cancel of another amount is refused."""
        session = transaction_session
        try:
            with self.client() as client:
                intent = client.retrieve_payment_intent(session.psp_reference)
                releasable = intent.amount - intent.amount_received
                if session.amount != releasable:
                    return _failed(
                        "CANCEL_FAILURE",
                        session,
                        f"Stripe releases the whole authorization ({releasable}) at once.",
                    )
                if intent.status in ("requires_capture", "requires_payment_method"):
                    intent = client.cancel_payment_intent(
                        intent.id, idempotency_key=action_key(session)
                    )
        except StripeRefusal as refusal:
            return _failed("CANCEL_FAILURE", session, refusal.message)
        if intent.status == "canceled" or (
            intent.status == "succeeded" and intent.amount_received < intent.amount
        ):
            return TransactionSessionResult(
                result="CANCEL_SUCCESS",
                amount=intent.amount - intent.amount_received,
                psp_reference=intent.id,
                available_actions=("REFUND",) if intent.amount_received else (),
            )
        return _failed("CANCEL_FAILURE", session, f"The payment is {intent.status}.")

    def transaction_refund_requested(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        session = transaction_session
        try:
            with self.client() as client:
                refund = client.create_refund(
                    payment_intent_id=session.psp_reference,
                    amount=session.amount,
                    metadata={METADATA_KEY: session.transaction_id},
                    idempotency_key=action_key(session),
                )
        except StripeRefusal as refusal:
            return _failed("REFUND_FAILURE", session, refusal.message)
        if refund.amount != session.amount or refund.currency != session.currency.upper():
            raise PaymentGatewayError(f"Stripe's refund {refund.id} does not match the request.")
        if refund.status == "succeeded":
            return TransactionSessionResult(
                result="REFUND_SUCCESS",
                amount=refund.amount,
                psp_reference=refund.id,
                available_actions=("REFUND",),
            )
        if refund.status in ("pending", "requires_action"):
            # Settled later by the refund's webhook.
            return TransactionSessionResult(
                result="REFUND_REQUEST", amount=refund.amount, psp_reference=refund.id
            )
        return TransactionSessionResult(
            result="REFUND_FAILURE",
            amount=refund.amount,
            psp_reference=refund.id,
            message=f"Stripe's refund {refund.status}.",
        )

    def transaction_status_requested(
        self,
        transaction_session: TransactionSessionData,
        previous_value: list[TransactionSessionResult],
    ) -> list[TransactionSessionResult]:
        """What became of amounts left pending (a capture, cancel or refund whose answer was
        lost): Stripe's PaymentIntent and its refunds, read, never changed."""
        session = transaction_session
        pending = (session.data or {}).get("pending") or {}
        if not session.psp_reference or not pending:
            return previous_value
        try:
            with self.client() as client:
                intent = client.retrieve_payment_intent(session.psp_reference)
                if intent.metadata.get(METADATA_KEY) != session.transaction_id:
                    raise Mismatch(f"PaymentIntent {intent.id} is not this transaction's.")
                refunds = client.list_refunds(intent.id) if "REFUND" in pending else []
            results = refund_results(
                refunds, token=session.transaction_id, currency=session.currency
            )
        except (StripeRefusal, Mismatch) as error:
            logger.warning("Stripe status of %s not read: %s", session.psp_reference, error)
            return previous_value
        released = intent.amount - intent.amount_received
        if "CHARGE" in pending and intent.status == "succeeded":
            results.append(
                TransactionSessionResult(
                    result="CHARGE_SUCCESS",
                    amount=intent.amount_received,
                    psp_reference=intent.id,
                    available_actions=("REFUND",),
                )
            )
        if "CANCEL" in pending and released and intent.status in ("canceled", "succeeded"):
            results.append(
                TransactionSessionResult(
                    result="CANCEL_SUCCESS", amount=released, psp_reference=intent.id
                )
            )
        return [*previous_value, *results]

    # --- incoming HTTP ---------------------------------------------------------------------------

    def webhook(
        self, request: HttpRequest, path: str, previous_value: HttpResponse | None
    ) -> HttpResponse | None:
        route = path.strip("/")
        if route in ("ipn", "webhook") and request.method == "POST":
            return handle_webhook(self, request)
        if route == "return" and request.method == "GET":
            return handle_return(self, request)
        return previous_value


def _failed(result: str, session: TransactionSessionData, message: str) -> TransactionSessionResult:
    return TransactionSessionResult(result=result, amount=session.amount, message=message)


def _timeout(value: Any) -> float | None:
    try:
        seconds = float(Decimal(str(value if value not in (None, "") else DEFAULT_TIMEOUT_SECONDS)))
    except (InvalidOperation, ValueError):
        return None
    return seconds if seconds > 0 else None
