"""The ekPay HTTP client: one method per endpoint, answers parsed into small dataclasses.

`initiate` (`POST {base}/merchant-api`) opens a payment and gives the page to send the customer
to; `get_status` (`POST {base}/get-status`) is the only word Haat trusts on whether it was paid.
A timeout, a dropped connection, an HTTP error or a body that is not ekPay's raises
`PaymentGatewayError`: the outcome is unknown and the caller asks again later, never opens a
second payment. A clear "no" to `initiate` raises `EkpayRefused`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import httpx

from plugins.framework.interface import PaymentGatewayError

from .protocol import CURRENCY, PaymentStatus, format_amount, parse_status, request_timestamp

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0


class EkpayRefused(Exception):
    """ekPay answered and would not open the payment (bad credentials, a field it refused)."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Customer:
    """`cust_info`. ekPay's own clients strip names to `A-Za-z0-9 .-`."""

    id: str
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class PaymentRequest:
    """Everything `merchant-api` is sent for one payment (the credentials come from the client)."""

    trnx_id: str
    amount: Decimal
    order_id: str
    order_description: str
    customer: Customer
    success_url: str
    fail_url: str
    cancel_url: str
    ipn_url: str
    server_ip: str  # `mac_addr`: the server address ekPay whitelisted for the merchant
    requested_at: datetime
    ipn_channel: str = "1"
    ipn_email: str = ""


@dataclass(frozen=True)
class InitiatedPayment:
    trnx_id: str
    secure_token: str
    redirect_url: str  # the payment page: `{base}?sToken=<secure_token>&trnsID=<trnx_id>`


class EkpayClient:
    """Talks to one merchant account at `base_url` (".../ekpaypg/v1")."""

    def __init__(
        self,
        *,
        base_url: str,
        merchant_id: str,
        password: str,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.merchant_id = merchant_id
        self._password = password
        self.timeout = timeout

    def __repr__(self) -> str:  # never the password
        return f"<EkpayClient {self.base_url} merchant={self.merchant_id}>"

    def payment_page_url(self, secure_token: str, trnx_id: str) -> str:
        return f"{self.base_url}?{urlencode({'sToken': secure_token, 'trnsID': trnx_id})}"

    def initiate(self, request: PaymentRequest) -> InitiatedPayment:
        """Open the payment; its page is where the customer pays (or cancels)."""
        answer = self._post("merchant-api", self._initiate_body(request))
        token = answer.get("secure_token")
        if not isinstance(token, str) or not token.strip():
            code = str(answer.get("msg_code") or "")
            detail = str(answer.get("msg_det") or "ekPay gave no payment token.")
            logger.info("ekPay refused payment %s: %s %s", request.trnx_id, code, detail)
            raise EkpayRefused(detail, code)
        return InitiatedPayment(
            trnx_id=request.trnx_id,
            secure_token=token,
            redirect_url=self.payment_page_url(token, request.trnx_id),
        )

    def get_status(self, *, trnx_id: str, trans_date: date) -> PaymentStatus:
        """ekPay's record of the payment. `username` is sent although some integrations omit it
        and ekPay answers either way."""
        answer = self._post(
            "get-status",
            {
                "username": self.merchant_id,
                "trnx_id": trnx_id,
                "trans_date": trans_date.isoformat(),
            },
        )
        try:
            return parse_status(answer)
        except ValueError as error:
            raise PaymentGatewayError(
                f"ekPay get-status answered without a status: {error}"
            ) from None

    def _initiate_body(self, request: PaymentRequest) -> dict[str, Any]:
        customer = request.customer
        return {
            "mer_info": {"mer_reg_id": self.merchant_id, "mer_pas_key": self._password},
            "feed_uri": {
                "s_uri": request.success_url,
                "f_uri": request.fail_url,
                "c_uri": request.cancel_url,
            },
            "req_timestamp": request_timestamp(request.requested_at),
            "cust_info": {
                "cust_id": customer.id,
                "cust_name": customer.name,
                "cust_mobo_no": customer.phone,
                "cust_email": customer.email,
                "cust_mail_addr": customer.address,
            },
            "trns_info": {
                "trnx_id": request.trnx_id,
                "trnx_amt": format_amount(request.amount),
                "trnx_currency": CURRENCY,
                "ord_id": request.order_id,
                "ord_det": request.order_description,
            },
            "ipn_info": {
                "ipn_channel": request.ipn_channel,
                "ipn_email": request.ipn_email,
                "ipn_uri": request.ipn_url,
            },
            "mac_addr": request.server_ip,
        }

    def _post(self, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        url = f"{self.base_url}/{endpoint}"
        try:
            response = httpx.post(
                url,
                json=body,
                headers={"Accept": "application/json"},
                timeout=self.timeout,
            )
        except httpx.TimeoutException:
            raise PaymentGatewayError(f"ekPay {endpoint} did not answer in time.") from None
        except httpx.HTTPError as error:
            raise PaymentGatewayError(
                f"ekPay {endpoint} could not be reached ({type(error).__name__})."
            ) from None
        if response.status_code != 200:
            raise PaymentGatewayError(f"ekPay {endpoint} answered HTTP {response.status_code}.")
        try:
            answer = response.json()
        except ValueError:
            raise PaymentGatewayError(
                f"ekPay {endpoint} answered with something not JSON."
            ) from None
        if not isinstance(answer, dict):
            raise PaymentGatewayError(f"ekPay {endpoint} answered with something not an object.")
        return answer
