"""Nagad as a Haat payment gateway: the customer pays on Nagad's page, Haat credits what
Nagad's `verify/payment` confirms.

`transactionInitialize` opens the payment (initialize, then complete) and hands the storefront
Nagad's page; the browser comes back to the `return` route (`callbacks.py`), and
`transactionProcess` asks Nagad again. Nagad has no public refund or cancel API [U]: refunds are
made in Nagad's merchant portal and recorded by staff or an app (`transactionEventReport`).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

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

from . import crypto
from .callbacks import ReturnRoute, handle_return
from .client import DEFAULT_TIMEOUT, NagadClient, NagadRefusal
from .confirmation import ExpectedPayment, confirm, order_reference, session_result

logger = logging.getLogger(__name__)

PLUGIN_ID = "haat.payments.nagad"
SANDBOX_URL = "http://sandbox.mynagad.com:10080/remote-payment-gateway-1.0/api/dfs"
PRODUCTION_URL = "https://api.mynagad.com/api/dfs"
REQUIRED_FIELDS = ("base_url", "merchant_id", "merchant_private_key", "nagad_public_key")


def _ipv4(value: Any) -> str | None:
    try:
        return str(ipaddress.IPv4Address(str(value).strip()))
    except ValueError:
        return None


def outgoing_ip(base_url: str) -> str:
    """The address this server reaches Nagad from (a UDP socket is pointed, nothing is sent)."""
    split = urlsplit(base_url)
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect((split.hostname or "127.0.0.1", split.port or 443))
            return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"


def _misconfigured(field: str, message: str) -> ValidationError:
    return ValidationError(
        {field: ValidationError(message, code=PluginErrorCode.PLUGIN_MISCONFIGURED)}
    )


class NagadGatewayPlugin(PaymentGatewayPlugin):
    PLUGIN_ID = PLUGIN_ID
    PLUGIN_NAME = "Nagad"
    PLUGIN_DESCRIPTION = "Nagad mobile wallet payments (merchant remote payment gateway)."
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = [
        {"name": "base_url", "value": SANDBOX_URL},
        {"name": "merchant_id", "value": ""},
        {"name": "merchant_number", "value": ""},
        {"name": "merchant_private_key", "value": ""},
        {"name": "nagad_public_key", "value": ""},
        {"name": "server_ip_address", "value": ""},
        {"name": "timeout_seconds", "value": str(int(DEFAULT_TIMEOUT))},
        {"name": "allowed_return_origins", "value": ""},
    ]
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {
        "base_url": {
            "type": ConfigurationTypeField.STRING,
            "label": "API base URL",
            "help_text": f"Sandbox {SANDBOX_URL}; production {PRODUCTION_URL}.",
        },
        "merchant_id": {
            "type": ConfigurationTypeField.STRING,
            "label": "Merchant ID",
            "help_text": "Nagad's merchant id (15 digits).",
        },
        "merchant_number": {
            "type": ConfigurationTypeField.STRING,
            "label": "Merchant wallet number",
            "help_text": "Sent as accountNumber when set (optional).",
        },
        "merchant_private_key": {
            "type": ConfigurationTypeField.SECRET_MULTILINE,
            "label": "Merchant private key",
            "help_text": "RSA private key (PEM or the portal's base64) that signs requests.",
        },
        "nagad_public_key": {
            "type": ConfigurationTypeField.MULTILINE,
            "label": "Nagad public key",
            "help_text": "Nagad's PG public key (PEM or base64): encrypts requests, checks "
            "Nagad's signatures.",
        },
        "server_ip_address": {
            "type": ConfigurationTypeField.STRING,
            "label": "Server IP address",
            "help_text": "The IPv4 address Nagad whitelisted for this server; sent as "
            "X-KM-IP-V4 when the customer's is unknown.",
        },
        "timeout_seconds": {
            "type": ConfigurationTypeField.STRING,
            "label": "Timeout (seconds)",
            "help_text": "Per API call; 30 by default.",
        },
        "allowed_return_origins": {
            "type": ConfigurationTypeField.STRING,
            "label": "Storefront origins",
            "help_text": "Comma-separated origins the customer may be sent back to, besides "
            "CORS_ALLOWED_ORIGINS.",
        },
    }

    # --- configuration -------------------------------------------------------------------------

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        if not active:
            return
        for name in REQUIRED_FIELDS:
            if not str(configuration.get(name) or "").strip():
                raise _misconfigured(name, f"Nagad needs {name} to be set before it is active.")
        if urlsplit(str(configuration["base_url"])).scheme not in ("http", "https"):
            raise _misconfigured("base_url", "The API base URL must be an http(s) URL.")
        try:
            crypto.load_private_key(str(configuration["merchant_private_key"]))
        except crypto.UnreadableKey as error:
            raise _misconfigured("merchant_private_key", str(error)) from None
        try:
            crypto.load_public_key(str(configuration["nagad_public_key"]))
        except crypto.UnreadableKey as error:
            raise _misconfigured("nagad_public_key", str(error)) from None
        server_ip = str(configuration.get("server_ip_address") or "").strip()
        if server_ip and _ipv4(server_ip) is None:
            raise _misconfigured("server_ip_address", "Nagad takes an IPv4 address.")
        if cls._timeout(configuration) is None:
            raise _misconfigured("timeout_seconds", "The timeout must be a positive number.")

    @staticmethod
    def _timeout(configuration: dict[str, Any]) -> float | None:
        try:
            timeout = Decimal(str(configuration.get("timeout_seconds") or DEFAULT_TIMEOUT))
        except InvalidOperation:
            return None
        return float(timeout) if timeout.is_finite() and timeout > 0 else None

    @classmethod
    def demo_configuration(cls, simulator_base_url: str) -> dict[str, str]:
        """The configuration pointing at the simulator, with its TEST-ONLY demo keys."""
        from .simulator import (
            API_PREFIX,
            DEMO_MERCHANT_ID,
            DEMO_MERCHANT_NUMBER,
            DEMO_MERCHANT_PRIVATE_KEY,
            DEMO_PG_PUBLIC_KEY,
        )

        return {
            "base_url": f"{simulator_base_url.rstrip('/')}{API_PREFIX}",
            "merchant_id": DEMO_MERCHANT_ID,
            "merchant_number": DEMO_MERCHANT_NUMBER,
            "merchant_private_key": DEMO_MERCHANT_PRIVATE_KEY,
            "nagad_public_key": DEMO_PG_PUBLIC_KEY,
            "server_ip_address": "127.0.0.1",
            "timeout_seconds": "10",
        }

    def client(self) -> NagadClient:
        return NagadClient(
            base_url=str(self.config["base_url"]),
            merchant_id=str(self.config["merchant_id"]),
            merchant_number=str(self.config.get("merchant_number") or ""),
            merchant_private_key=crypto.load_private_key(str(self.config["merchant_private_key"])),
            nagad_public_key=crypto.load_public_key(str(self.config["nagad_public_key"])),
            timeout=self._timeout(self.config) or DEFAULT_TIMEOUT,
        )

    def client_ip(self, customer_ip: str | None) -> str:
        """X-KM-IP-V4: the customer's address when known (IPv4), else this server's."""
        return (
            _ipv4(customer_ip or "")
            or _ipv4(self.config.get("server_ip_address") or "")
            or outgoing_ip(str(self.config["base_url"]))
        )

    def allowed_return_origins(self) -> list[str]:
        raw = str(self.config.get("allowed_return_origins") or "")
        return [origin.strip() for origin in raw.replace("\n", ",").split(",") if origin.strip()]

    # --- gateway hooks -------------------------------------------------------------------------

    def payment_gateway_initialize_session(self, amount, source_object, data, previous_value):
        # Public facts only: the storefront redirects, nothing else is needed up front.
        return PaymentGatewayData(
            id=self.PLUGIN_ID,
            name=self.PLUGIN_NAME,
            data={"flow": "redirect", "paymentMethods": ["nagad"]},
        )

    def transaction_initialize_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        session = transaction_session
        if session.action == "AUTHORIZATION":
            return TransactionSessionResult(
                result="AUTHORIZATION_FAILURE",
                amount=session.amount,
                message="Nagad takes immediate payments only: nothing can be authorized.",
            )
        if session.currency != "BDT":
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=session.amount,
                message="Nagad takes BDT only.",
            )
        client = self.client()
        order_id = order_reference(session.transaction_id)
        client_ip = self.client_ip(session.customer_ip_address)
        try:
            opened = client.initialize(order_id=order_id, client_ip=client_ip)
        except NagadRefusal as refusal:
            return self._refused(session, refusal, reference=None)
        try:
            completed = client.complete(
                payment_reference_id=opened.payment_reference_id,
                order_id=order_id,
                amount=session.amount,
                challenge=opened.challenge,
                callback_url=plugin_url(self.PLUGIN_ID, "return", channel_slug=self.channel_slug),
                additional_info={"haatTransaction": session.transaction_id},
                client_ip=client_ip,
            )
        except NagadRefusal as refusal:
            return self._refused(session, refusal, reference=opened.payment_reference_id)
        return_url = (session.data or {}).get("returnUrl")
        return TransactionSessionResult(
            result="CHARGE_ACTION_REQUIRED",
            amount=session.amount,
            psp_reference=opened.payment_reference_id,
            data={
                "redirectUrl": completed.redirect_url,
                "returnUrl": return_url if isinstance(return_url, str) else None,
            },
            available_actions=(),
        )

    @staticmethod
    def _refused(
        session: TransactionSessionData, refusal: NagadRefusal, *, reference: str | None
    ) -> TransactionSessionResult:
        logger.warning("Nagad refused a payment (%s): %s", refusal.reason, refusal.message)
        return TransactionSessionResult(
            result="CHARGE_FAILURE",
            amount=session.amount,
            psp_reference=reference,
            message=f"Nagad refused the payment: {refusal.message}",
        )

    def transaction_process_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        """Ask Nagad (`verify/payment`); the redirect itself proves nothing."""
        session = transaction_session
        item = transaction_by_token(session.transaction_id)
        stored = dict(item.session_data or {}) if item is not None else {}
        if not session.psp_reference:
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=session.amount,
                message="The payment was never opened at Nagad.",
                data=stored,
            )
        expected = ExpectedPayment(
            payment_ref_id=session.psp_reference,
            merchant_id=str(self.config["merchant_id"]),
            order_id=order_reference(session.transaction_id),
            amount=session.amount,
        )
        try:
            verification = self.client().verify(
                session.psp_reference, client_ip=self.client_ip(session.customer_ip_address)
            )
        except NagadRefusal as refusal:
            # Nagad does not know its own reference: say so, settle nothing.
            raise PaymentGatewayError(f"Nagad could not verify the payment: {refusal}") from None
        confirmation = confirm(verification, expected)
        if confirmation.outcome == "mismatch":
            logger.error(
                "Nagad payment %s not credited: %s", expected.order_id, confirmation.detail
            )
        return session_result(
            confirmation, expected, data={**stored, "status": confirmation.status}
        )

    # --- incoming HTTP -------------------------------------------------------------------------

    def webhook(self, request, path, previous_value):
        if path.strip("/") != "return":
            return previous_value
        route = ReturnRoute(
            gateway_id=self.PLUGIN_ID,
            merchant_id=str(self.config["merchant_id"]),
            client=self.client,
            client_ip=self.client_ip,
            allowed_origins=tuple(self.allowed_return_origins()),
        )
        return handle_return(route, request)
