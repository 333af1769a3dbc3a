"""The simulator's record of a payment and what ekPay says about it (IPN and get-status).

Invented where ekPay publishes nothing (docs/payments/ekpay.md): the refusal codes, 1024 and
1025 of `get-status`, the fees (1% for the instrument, 0.5% for ekPay, paid on top by the
customer) and `dgtl_sign`, an HMAC under a key only the simulator holds.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .protocol import (
    CURRENCY,
    MSG_CANCELLED,
    MSG_FAILED,
    MSG_PAID,
    format_amount,
    parse_amount,
    parse_request_timestamp,
    request_timestamp,
)

MSG_PENDING = "1024"
MSG_NOT_FOUND = "1025"
REFUSED_CREDENTIALS = "4001"
REFUSED_ADDRESS = "4002"
REFUSED_FIELD = "4003"
REFUSED_DUPLICATE = "4004"

PI_RATE = Decimal("0.0100")  # the instrument's (bKash's, a bank's) fee
EKPAY_RATE = Decimal("0.0050")
CENT = Decimal("0.01")

_OUTCOME_CODES = {"paid": MSG_PAID, "failed": MSG_FAILED, "cancelled": MSG_CANCELLED}
_OUTCOME_URIS = {"paid": "s_uri", "failed": "f_uri", "cancelled": "c_uri"}


@dataclass
class SimPayment:
    trnx_id: str
    secure_token: str
    merchant_id: str
    amount: Decimal
    order_id: str
    order_description: str
    customer: dict[str, Any]
    feed: dict[str, str]
    ipn: dict[str, Any]
    requested_at: datetime
    ekpay_trnx_id: str
    status: str = "initiated"  # then paid, failed or cancelled
    paid_amount: Decimal | None = None
    paid_currency: str = CURRENCY
    paid_at: datetime | None = None


def read_payment(
    body: dict[str, Any], *, merchant_id: str, ekpay_trnx_id: str
) -> tuple[str, SimPayment | None]:
    """The payment `merchant-api` asks for, or what is wrong with the request."""
    feed, trns, ipn = (body.get(name) or {} for name in ("feed_uri", "trns_info", "ipn_info"))
    customer = body.get("cust_info") or {}
    for section, names in (
        (feed, ("s_uri", "f_uri", "c_uri")),
        (trns, ("trnx_id", "trnx_amt", "trnx_currency", "ord_id")),
        (ipn, ("ipn_uri",)),
        (customer, ("cust_id", "cust_name")),
    ):
        for name in names:
            if not str(section.get(name) or "").strip():
                return f"Missing field {name}", None
    amount = parse_amount(trns["trnx_amt"])
    if amount is None or amount <= 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return "Invalid trnx_amt", None
    if trns["trnx_currency"] != CURRENCY:
        return "Invalid trnx_currency", None
    try:
        requested_at = parse_request_timestamp(body.get("req_timestamp", ""))
    except ValueError:
        return "Invalid req_timestamp", None
    return "", SimPayment(
        trnx_id=str(trns["trnx_id"]),
        secure_token=secrets.token_urlsafe(24),
        merchant_id=merchant_id,
        amount=amount,
        order_id=str(trns["ord_id"]),
        order_description=str(trns.get("ord_det") or ""),
        customer=dict(customer),
        feed={name: str(feed[name]) for name in ("s_uri", "f_uri", "c_uri")},
        ipn=dict(ipn),
        requested_at=requested_at,
        ekpay_trnx_id=ekpay_trnx_id,
    )


def status_payload(payment: SimPayment, signing_key: bytes) -> dict[str, Any]:
    """The IPN / get-status structure for the payment as it stands."""
    msg_code = _OUTCOME_CODES.get(payment.status, MSG_PENDING)
    amount = payment.paid_amount if payment.paid_amount is not None else payment.amount
    pi_charge = (amount * PI_RATE).quantize(CENT)
    ekpay_charge = (amount * EKPAY_RATE).quantize(CENT)
    paid = payment.status == "paid"
    payload: dict[str, Any] = {
        "msg_code": msg_code,
        "msg_det": {
            MSG_PAID: "Transaction successful",
            MSG_FAILED: "Transaction failed",
            MSG_CANCELLED: "Transaction cancelled",
        }.get(msg_code, "Transaction is pending"),
        "req_timestamp": request_timestamp(payment.requested_at),
        "basic_Info": {
            "mer_reg_id": payment.merchant_id,
            "ipn_info": "IPN sent" if payment.status != "initiated" else "",
            "redirect_to": return_url(payment),
            "dgtl_sign": "",
            "ord_desc": payment.order_description,
            "remarks": None,
        },
        "cust_info": dict(payment.customer),
        "scroll_no": payment.ekpay_trnx_id[-6:],
        "trnx_info": {
            "trnx_amt": format_amount(amount),
            "trnx_id": payment.ekpay_trnx_id,
            "mer_trnx_id": payment.trnx_id,
            "curr": payment.paid_currency,
            "pi_trnx_id": f"PI{payment.ekpay_trnx_id[3:]}" if paid else "",
            "pi_charge": format_amount(pi_charge) if paid else "0.00",
            "ekpay_charge": format_amount(ekpay_charge) if paid else "0.00",
            "pi_discount": "0.00",
            "discount": "0.00",
            "promo_discount": "0.00",
            "total_ser_chrg": format_amount(pi_charge + ekpay_charge) if paid else "0.00",
            "total_pabl_amt": format_amount(amount + pi_charge + ekpay_charge)
            if paid
            else format_amount(amount),
        },
        "pi_det_info": {
            "pay_timestamp": payment.paid_at.strftime("%Y-%m-%d %H:%M:%S")
            if payment.paid_at
            else "",
            "pi_name": "bKash" if paid else "",
            "pi_type": "MFS" if paid else "",
            "pi_number": "01XXXXXXX78" if paid else "",
            "pi_gateway": "bKash" if paid else "",
            "card_holder_name": None,
        },
    }
    payload["basic_Info"]["dgtl_sign"] = _sign(payload, signing_key)
    return payload


def _sign(payload: dict[str, Any], signing_key: bytes) -> str:
    info = payload["trnx_info"]
    message = "|".join((payload["msg_code"], info["mer_trnx_id"], info["trnx_amt"], info["curr"]))
    digest = hmac.new(signing_key, message.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def return_url(payment: SimPayment) -> str:
    """The merchant's feed URI for the outcome, with `transId` added to its own query."""
    uri = payment.feed[_OUTCOME_URIS.get(payment.status, "c_uri")]
    parts = urlsplit(uri)
    query = [*parse_qsl(parts.query, keep_blank_values=True), ("transId", payment.trnx_id)]
    return urlunsplit(parts._replace(query=urlencode(query)))
