"""The simulator's state: payments and their refunds, and a payment as SSLCommerz's validation
and query APIs report it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .client import money


@dataclass
class SimRefund:
    refund_ref_id: str
    bank_tran_id: str
    tran_id: str
    amount: Decimal
    reference: str
    status: str  # refunded, processing, cancelled


@dataclass
class SimPayment:
    tran_id: str
    session_key: str
    amount: Decimal
    currency: str
    request: dict[str, str]
    status: str = "UNATTEMPTED"
    val_id: str = ""
    bank_tran_id: str = ""
    tran_date: str = ""
    validations: int = 0
    risk_level: int = 0
    confirmed_amount: Decimal | None = None
    confirmed_currency: str = "BDT"
    refunds: list[SimRefund] = field(default_factory=list)

    @property
    def paid_amount(self) -> Decimal:
        return self.confirmed_amount if self.confirmed_amount is not None else self.amount

    @property
    def refundable(self) -> Decimal:
        taken = sum((r.amount for r in self.refunds if r.status != "cancelled"), Decimal(0))
        return self.paid_amount - taken


def payment_record(payment: SimPayment) -> dict[str, str]:
    """The payment as the validation and query APIs report it."""
    paid = payment.paid_amount
    fee = (paid * Decimal("0.025")).quantize(Decimal("0.01"))
    validated = payment.status == "VALID" and payment.validations > 0
    return {
        "status": "VALIDATED" if validated else payment.status,
        "tran_date": payment.tran_date,
        "tran_id": payment.tran_id,
        "val_id": payment.val_id,
        "amount": money(paid),
        "store_amount": money(paid - fee),
        "currency": payment.confirmed_currency,
        "bank_tran_id": payment.bank_tran_id,
        "card_type": "BKASH-BKash" if payment.status == "VALID" else "",
        "card_no": "",
        "card_issuer": "BKash Mobile Banking",
        "card_brand": "MOBILEBANKING",
        "card_issuer_country": "Bangladesh",
        "card_issuer_country_code": "BD",
        "currency_type": payment.confirmed_currency,
        "currency_amount": money(paid),
        "currency_rate": "1.0000",
        "base_fair": "0.00",
        "risk_level": str(payment.risk_level),
        "risk_title": "Safe" if payment.risk_level == 0 else "Risky",
    }
