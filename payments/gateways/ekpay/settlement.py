"""Asking ekPay about a transaction and turning its answer into Haat's result.

Every route that may settle a payment (`transactionProcess`, the browser's return, the IPN)
comes here: `get-status` is asked, and only its 1020 with our reference, our amount to the
paisa and BDT is a charge. ekPay's fees on a payment go to the transaction's private metadata
(keys `ekpay.*`) for reconciliation, and into the event's message for people.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from backend.core.metadata import update_metadata
from payments.transactions.enums import TransactionEventType as E
from payments.transactions.models import TransactionItem
from plugins.framework.interface import PaymentGatewayError, TransactionSessionResult

from .client import EkpayClient
from .protocol import (
    CHARGE_FIELDS,
    CURRENCY,
    MSG_CANCELLED,
    MSG_FAILED,
    PaymentStatus,
    format_amount,
    reference_for,
    transaction_date,
)

logger = logging.getLogger(__name__)

TRANS_DATE_KEY = "ekpay.trans_date"
SETTLED_RESULTS = frozenset({E.CHARGE_SUCCESS, E.CHARGE_FAILURE})


@dataclass(frozen=True)
class Confirmation:
    """ekPay's record and what Haat makes of it."""

    status: PaymentStatus
    result: TransactionSessionResult
    # A payment ekPay settled, but not as it was asked (another amount or currency).
    mismatch: str = ""

    @property
    def is_settled(self) -> bool:
        return self.result.result in SETTLED_RESULTS


def trnx_id_of(item: TransactionItem) -> str:
    return item.psp_reference or reference_for(item.token)


def trans_date_of(item: TransactionItem) -> date:
    """The date Haat sent in `req_timestamp` (kept when the payment was opened)."""
    stored = (item.private_metadata or {}).get(TRANS_DATE_KEY)
    if stored:
        try:
            return date.fromisoformat(stored)
        except ValueError:
            logger.warning("Transaction %s has a bad %s", item.token, TRANS_DATE_KEY)
    return transaction_date(item.created_at)


def requested_amount(item: TransactionItem) -> Decimal:
    """What the session asked ekPay for: the amount of its charge request."""
    request = item.events.filter(type=E.CHARGE_REQUEST).order_by("pk").first()
    if request is None:
        raise PaymentGatewayError(f"Transaction {item.token} has no charge request.")
    return request.amount_value


def confirm(
    client: EkpayClient,
    item: TransactionItem,
    *,
    amount: Decimal,
    data: dict | None = None,
) -> Confirmation:
    """Ask `get-status` and judge its answer against the `amount` Haat asked for."""
    trnx_id = trnx_id_of(item)
    status = client.get_status(trnx_id=trnx_id, trans_date=trans_date_of(item))
    if status.is_settled and status.merchant_reference != trnx_id:
        raise PaymentGatewayError("ekPay's get-status answered about another transaction.")
    if status.is_settled:
        _record_for_reconciliation(item, status)
    return judge(status, trnx_id=trnx_id, amount=amount, data=data)


def judge(
    status: PaymentStatus, *, trnx_id: str, amount: Decimal, data: dict | None = None
) -> Confirmation:
    if status.is_paid:
        mismatch = _mismatch(status, amount)
        if mismatch:
            return Confirmation(
                status,
                TransactionSessionResult(
                    result=E.CHARGE_FAILURE,
                    amount=amount,
                    psp_reference=trnx_id,
                    message=f"{mismatch}: not credited; reconcile it with ekPay.",
                    data=data,
                    available_actions=(),
                ),
                mismatch=mismatch,
            )
        assert status.amount is not None  # _mismatch checked it
        return Confirmation(
            status,
            TransactionSessionResult(
                result=E.CHARGE_SUCCESS,
                amount=status.amount,
                psp_reference=trnx_id,
                message=_paid_message(status),
                data=data,
                available_actions=(),  # ekPay has no refund API
            ),
        )
    if status.msg_code in (MSG_FAILED, MSG_CANCELLED):
        word = "cancelled" if status.msg_code == MSG_CANCELLED else "failed"
        return Confirmation(
            status,
            TransactionSessionResult(
                result=E.CHARGE_FAILURE,
                amount=amount,
                psp_reference=trnx_id,
                message=f"ekPay: payment {word} ({status.msg_code} {status.msg_det})"[:512],
                data=data,
                available_actions=(),
            ),
        )
    return Confirmation(
        status,
        TransactionSessionResult(
            result=E.CHARGE_ACTION_REQUIRED,
            amount=amount,
            psp_reference=trnx_id,
            message=f"Not paid at ekPay yet ({status.msg_code} {status.msg_det})"[:512],
            data=data,
        ),
    )


def _mismatch(status: PaymentStatus, amount: Decimal) -> str:
    if status.currency != CURRENCY:
        return f"ekPay confirmed a payment in {status.currency or 'no currency'}, not {CURRENCY}"
    if status.amount is None or status.amount != amount:
        shown = format_amount(status.amount) if status.amount is not None else "no amount"
        return f"ekPay confirmed {shown} {CURRENCY}, not {format_amount(amount)} {CURRENCY}"
    return ""


def _paid_message(status: PaymentStatus) -> str:
    fees = ", ".join(
        f"{name} {format_amount(value)}"
        for name, value in status.charges.items()
        if value is not None
    )
    via = f" via {status.instrument}" if status.instrument else ""
    return f"Paid{via} (ekPay {status.ekpay_reference or '-'}); fees: {fees or 'none'}"[:512]


def _record_for_reconciliation(item: TransactionItem, status: PaymentStatus) -> None:
    """ekPay's ids and fees, as strings, in the transaction's private metadata."""
    items = {
        "ekpay.msg_code": status.msg_code,
        "ekpay.trnx_id": status.ekpay_reference,
        "ekpay.amount": format_amount(status.amount) if status.amount is not None else "",
        "ekpay.currency": status.currency,
        "ekpay.pi_name": status.instrument,
        "ekpay.pi_type": status.instrument_type,
        "ekpay.pi_trnx_id": status.instrument_reference,
        "ekpay.pay_timestamp": status.paid_at,
    }
    for name in CHARGE_FIELDS:
        value = status.charges.get(name)
        items[f"ekpay.{name}"] = format_amount(value) if value is not None else ""
    update_metadata(item, items, private=True)
