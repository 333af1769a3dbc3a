"""ekPay as a payment gateway plugin (Saleor's transaction flow).

`transactionInitialize` opens the payment at ekPay (`merchant-api`) and sends the customer to
its page; the customer comes back to the `return/<outcome>` route and ekPay posts its IPN to
`ipn`; `transactionProcess`, the return and the IPN each ask `get-status`, and only its word
credits the checkout, once. ekPay publishes no refund or cancel API: the plugin has no refund,
charge or cancel hook, and refunds are made in ekPay's merchant portal.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.core.metadata import update_metadata
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

from . import PLUGIN_ID
from .client import DEFAULT_TIMEOUT, Customer, EkpayClient, EkpayRefused, PaymentRequest
from .notifications import Receiver, handle_ipn, handle_return
from .protocol import CURRENCY, reference_for, transaction_date
from .settlement import TRANS_DATE_KEY, confirm, requested_amount

logger = logging.getLogger(__name__)

SANDBOX_URL = "https://sandbox.ekpay.gov.bd/ekpaypg/v1"
PRODUCTION_URL = "https://pg.ekpay.gov.bd/ekpaypg/v1"
REQUIRED_FIELDS = ("base_url", "merchant_id", "merchant_password", "server_ip")
RETURN_OUTCOMES = ("success", "fail", "cancel")
# ekPay's own clients strip customer names to these characters.
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9 .\-]")


def _field(kind: ConfigurationTypeField, label: str, help_text: str) -> ConfigField:
    return {"type": kind, "label": label, "help_text": help_text}


class EkpayGatewayPlugin(PaymentGatewayPlugin):
    PLUGIN_ID = PLUGIN_ID
    PLUGIN_NAME = "ekPay"
    PLUGIN_DESCRIPTION = "ekPay, the Bangladesh government's payment gateway (ekpay.gov.bd)."
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = [
        {"name": "base_url", "value": SANDBOX_URL},
        {"name": "merchant_id", "value": ""},
        {"name": "merchant_password", "value": ""},
        {"name": "server_ip", "value": ""},
        {"name": "ipn_channel", "value": "1"},
        {"name": "ipn_email", "value": ""},
        {"name": "timeout_seconds", "value": str(int(DEFAULT_TIMEOUT))},
        {"name": "allowed_return_origins", "value": ""},
    ]
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {
        "base_url": _field(
            ConfigurationTypeField.STRING,
            "API base URL",
            f"Sandbox {SANDBOX_URL}, production {PRODUCTION_URL}.",
        ),
        "merchant_id": _field(
            ConfigurationTypeField.STRING, "Merchant id", "`mer_reg_id`, from ekPay."
        ),
        "merchant_password": _field(
            ConfigurationTypeField.SECRET, "Merchant password", "`mer_pas_key`, from ekPay."
        ),
        "server_ip": _field(
            ConfigurationTypeField.STRING,
            "Whitelisted server IP",
            "`mac_addr`: the public IP of Haat's servers that ekPay whitelisted.",
        ),
        "ipn_channel": _field(ConfigurationTypeField.STRING, "IPN channel", "`ipn_channel`."),
        "ipn_email": _field(
            ConfigurationTypeField.STRING, "IPN e-mail", "Where ekPay may e-mail notifications."
        ),
        "timeout_seconds": _field(
            ConfigurationTypeField.STRING, "Timeout (s)", "Per ekPay API call; 30 by default."
        ),
        "allowed_return_origins": _field(
            ConfigurationTypeField.MULTILINE,
            "Storefront origins",
            "Origins (https://shop.example) a customer may be sent back to, one a line, "
            "beside CORS_ALLOWED_ORIGINS.",
        ),
    }

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        timeout = str(configuration.get("timeout_seconds") or "").strip()
        if timeout and not _positive_number(timeout):
            raise ValidationError(
                {
                    "timeout_seconds": ValidationError(
                        "The timeout is a positive number of seconds.",
                        code=PluginErrorCode.INVALID,
                    )
                }
            )
        if not active:
            return
        missing = [
            name for name in REQUIRED_FIELDS if not str(configuration.get(name) or "").strip()
        ]
        if missing:
            raise ValidationError(
                {
                    name: ValidationError(
                        "ekPay cannot be turned on without it.",
                        code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                    )
                    for name in missing
                }
            )
        if not str(configuration["base_url"]).startswith(("https://", "http://")):
            raise ValidationError(
                {
                    "base_url": ValidationError(
                        "The base URL starts with https://.",
                        code=PluginErrorCode.PLUGIN_MISCONFIGURED,
                    )
                }
            )

    @classmethod
    def demo_configuration(cls, simulator_base_url: str) -> dict[str, str]:
        """The configuration that points at a running simulator, with its fake credentials."""
        from .simulator import BASE_PATH, SIM_MERCHANT_ID, SIM_PASSWORD, SIM_SERVER_IP

        return {
            "base_url": f"{simulator_base_url.rstrip('/')}{BASE_PATH}",
            "merchant_id": SIM_MERCHANT_ID,
            "merchant_password": SIM_PASSWORD,
            "server_ip": SIM_SERVER_IP,
            "timeout_seconds": "30",
        }

    # --- helpers -------------------------------------------------------------------------------

    def client(self) -> EkpayClient:
        timeout = str(self.config.get("timeout_seconds") or "").strip()
        return EkpayClient(
            base_url=str(self.config.get("base_url") or ""),
            merchant_id=str(self.config.get("merchant_id") or ""),
            password=str(self.config.get("merchant_password") or ""),
            timeout=float(timeout) if _positive_number(timeout) else DEFAULT_TIMEOUT,
        )

    def receiver(self) -> Receiver:
        """What the return and IPN routes need of this channel's configuration."""
        from django.conf import settings

        configured = str(self.config.get("allowed_return_origins") or "").split()
        origins = {_origin(url) for url in [*settings.CORS_ALLOWED_ORIGINS, *configured] if url}
        return Receiver(
            client=self.client(),
            merchant_id=str(self.config.get("merchant_id") or ""),
            channel_slug=self.channel_slug,
            allowed_return_origins=frozenset(origins),
        )

    def _url(self, path: str, token: str | None = None) -> str:
        url = plugin_url(PLUGIN_ID, path, channel_slug=self.channel_slug)
        return f"{url}?{urlencode({'transaction': token})}" if token else url

    # --- hooks ---------------------------------------------------------------------------------

    def payment_gateway_initialize_session(self, amount, source_object, data, previous_value):
        # Public facts only: the storefront redirects to the page `transactionInitialize` gives.
        return PaymentGatewayData(
            id=PLUGIN_ID, name=self.PLUGIN_NAME, data={"flow": "redirect", "currency": CURRENCY}
        )

    def transaction_initialize_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        session = transaction_session
        if session.action != "CHARGE":
            return TransactionSessionResult(
                result="AUTHORIZATION_FAILURE",
                amount=session.amount,
                message="ekPay takes payments at once; it cannot authorize.",
            )
        if session.currency != CURRENCY:
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=session.amount,
                message=f"ekPay takes {CURRENCY} only.",
            )
        item = transaction_by_token(session.transaction_id)
        if item is None:
            raise PaymentGatewayError("The transaction to pay is gone.")
        trnx_id = reference_for(session.transaction_id)
        requested_at = timezone.now()
        # Kept before ekPay is asked: get-status needs the date even if this call times out.
        update_metadata(
            item,
            {TRANS_DATE_KEY: transaction_date(requested_at).isoformat()},
            private=True,
        )
        request = PaymentRequest(
            trnx_id=trnx_id,
            amount=Decimal(session.amount),
            order_id=trnx_id,
            order_description=f"Haat {session.source_object_type.lower()} payment",
            customer=Customer(
                id=session.source_object_id or session.transaction_id,
                name=_customer_name(session.customer_name),
                phone=session.customer_phone or "",
                email=session.customer_email or "",
            ),
            success_url=self._url("return/success", session.transaction_id),
            fail_url=self._url("return/fail", session.transaction_id),
            cancel_url=self._url("return/cancel", session.transaction_id),
            ipn_url=self._url("ipn"),
            server_ip=str(self.config.get("server_ip") or ""),
            requested_at=requested_at,
            ipn_channel=str(self.config.get("ipn_channel") or "1"),
            ipn_email=str(self.config.get("ipn_email") or ""),
        )
        try:
            opened = self.client().initiate(request)
        except EkpayRefused as refusal:
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=session.amount,
                message=f"ekPay refused the payment: {refusal}"[:512],
            )
        data: dict[str, Any] = {"redirectUrl": opened.redirect_url, "ekpayTrnxId": trnx_id}
        return_url = (session.data or {}).get("returnUrl")
        if isinstance(return_url, str) and return_url:
            data["returnUrl"] = return_url
        return TransactionSessionResult(
            result="CHARGE_ACTION_REQUIRED",
            amount=session.amount,
            psp_reference=trnx_id,
            data=data,
        )

    def transaction_process_session(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> TransactionSessionResult:
        item = transaction_by_token(transaction_session.transaction_id)
        if item is None:
            raise PaymentGatewayError("The transaction to process is gone.")
        confirmation = confirm(
            self.client(), item, amount=transaction_session.amount, data=item.session_data
        )
        return confirmation.result

    def transaction_status_requested(
        self, transaction_session: TransactionSessionData, previous_value: Any
    ) -> list[TransactionSessionResult]:
        """A charge left pending is settled by get-status, never by opening it again."""
        results = list(previous_value)
        pending = (transaction_session.data or {}).get("pending") or {}
        item = transaction_by_token(transaction_session.transaction_id)
        if item is None or "CHARGE" not in pending:
            return results  # ekPay has nothing else: no authorization, no refund API
        confirmation = confirm(self.client(), item, amount=requested_amount(item))
        if confirmation.is_settled:
            results.append(confirmation.result)
        return results

    def webhook(self, request, path, previous_value):
        parts = path.strip("/").split("/")
        if parts == ["ipn"]:
            return handle_ipn(self.receiver(), request)
        if len(parts) == 2 and parts[0] == "return" and parts[1] in RETURN_OUTCOMES:
            return handle_return(self.receiver(), request, parts[1])
        return previous_value


def _positive_number(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False


def _customer_name(name: str) -> str:
    cleaned = " ".join(_NAME_UNSAFE.sub("", name or "").split())
    return cleaned[:50] or "Haat customer"


def _origin(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}".lower()
