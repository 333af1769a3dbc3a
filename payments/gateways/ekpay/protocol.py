"""ekPay's wire format, shared by the client, the plugin and the simulator.

Facts (docs/payments/ekpay.md has the sources): `msg_code` 1020 is paid, 1021 failed, 1022
cancelled; timestamps are Bangladesh time written `YYYY-MM-DD HH:MM:SS GMT+6`; amounts are
decimal strings in BDT; the IPN and `get-status` answer with one structure (`msg_code`,
`basic_Info`, `trnx_info`, `pi_det_info`), parsed here into `PaymentStatus`.

Haat's `trnx_id` is the transaction's token (a UUID) written in base 36: 25 characters of
`0-9A-Z`, reversible without a lookup table, and short and plain enough for a gateway whose
length limit is not public (SSLCommerz, its neighbour, takes 30).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

MSG_PAID = "1020"
MSG_FAILED = "1021"
MSG_CANCELLED = "1022"
SETTLED_CODES = frozenset({MSG_PAID, MSG_FAILED, MSG_CANCELLED})

CURRENCY = "BDT"
DHAKA = ZoneInfo("Asia/Dhaka")
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
TIMESTAMP_SUFFIX = " GMT+6"

REFERENCE_ALPHABET = string.digits + string.ascii_uppercase
REFERENCE_LENGTH = 25  # 36**25 > 2**128: every UUID fits

# ekPay's fees on a payment, kept for reconciliation (PAYMENTS.md section 6.7).
CHARGE_FIELDS = ("ekpay_charge", "pi_charge", "total_ser_chrg", "total_pabl_amt")


def reference_for(token: UUID | str) -> str:
    """The `trnx_id` Haat sends for the transaction with this token."""
    number = (token if isinstance(token, UUID) else UUID(str(token))).int
    digits = []
    while number:
        number, remainder = divmod(number, 36)
        digits.append(REFERENCE_ALPHABET[remainder])
    return "".join(reversed(digits)).rjust(REFERENCE_LENGTH, "0")


def token_from_reference(reference: str) -> UUID | None:
    """The transaction token a `trnx_id` stands for; None when it cannot be one of ours."""
    if not isinstance(reference, str) or len(reference) != REFERENCE_LENGTH:
        return None
    number = 0
    for character in reference:
        position = REFERENCE_ALPHABET.find(character)
        if position < 0:
            return None
        number = number * 36 + position
    if number >= 2**128:
        return None
    return UUID(int=number)


def request_timestamp(moment: datetime) -> str:
    """`req_timestamp`: the moment in Bangladesh time, as ekPay writes it."""
    return moment.astimezone(DHAKA).strftime(TIMESTAMP_FORMAT) + TIMESTAMP_SUFFIX


def parse_request_timestamp(text: str) -> datetime:
    """The moment a `req_timestamp` names (ValueError when it is not in ekPay's format)."""
    if not isinstance(text, str) or not text.endswith(TIMESTAMP_SUFFIX):
        raise ValueError(f"Not an ekPay timestamp: {text!r}")
    naive = datetime.strptime(text.removesuffix(TIMESTAMP_SUFFIX), TIMESTAMP_FORMAT)
    return naive.replace(tzinfo=DHAKA)


def transaction_date(moment: datetime) -> date:
    """`trans_date` of `get-status`: the Bangladesh date the payment was requested on."""
    return moment.astimezone(DHAKA).date()


def format_amount(amount: Decimal) -> str:
    """`trnx_amt`: taka with two decimals ("230.00"); never rounds (ValueError for 1.005)."""
    value = Decimal(amount)
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"{value} has more than two decimal places.")
    return f"{value:.2f}"


def parse_amount(value: Any) -> Decimal | None:
    """A decimal amount from ekPay (a string or a number), None when there is none."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _section(payload: dict[str, Any], name: str) -> dict[str, Any]:
    value = payload.get(name)
    return value if isinstance(value, dict) else {}


def _text(section: dict[str, Any], name: str) -> str:
    value = section.get(name)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class PaymentStatus:
    """What ekPay says of one payment (an IPN or a `get-status` answer)."""

    msg_code: str
    msg_det: str
    merchant_id: str  # basic_Info.mer_reg_id
    # Haat's trnx_id: `mer_trnx_id` in public integrations, `trnx_id` being ekPay's own id.
    merchant_reference: str
    ekpay_reference: str
    amount: Decimal | None
    currency: str
    signature: str  # basic_Info.dgtl_sign: its algorithm is not public
    instrument: str  # pi_det_info.pi_name (bKash, Nagad, a bank's card...)
    instrument_type: str
    instrument_reference: str  # trnx_info.pi_trnx_id
    paid_at: str  # pi_det_info.pay_timestamp
    charges: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def is_paid(self) -> bool:
        return self.msg_code == MSG_PAID

    @property
    def is_settled(self) -> bool:
        """Paid, failed or cancelled: anything else means ekPay has no outcome yet."""
        return self.msg_code in SETTLED_CODES


def parse_status(payload: Any) -> PaymentStatus:
    """Read an IPN or a `get-status` answer (ValueError when it is not one)."""
    if not isinstance(payload, dict) or "msg_code" not in payload:
        raise ValueError("Not an ekPay status: no msg_code.")
    basic = _section(payload, "basic_Info") or _section(payload, "basic_info")
    transaction = _section(payload, "trnx_info")
    instrument = _section(payload, "pi_det_info")
    ours = _text(transaction, "mer_trnx_id")
    theirs = _text(transaction, "trnx_id")
    return PaymentStatus(
        msg_code=str(payload.get("msg_code")).strip(),
        msg_det=_text(payload, "msg_det"),
        merchant_id=_text(basic, "mer_reg_id"),
        merchant_reference=ours or theirs,
        ekpay_reference=theirs if ours else "",
        amount=parse_amount(transaction.get("trnx_amt")),
        currency=_text(transaction, "curr") or _text(transaction, "trnx_currency"),
        signature=_text(basic, "dgtl_sign"),
        instrument=_text(instrument, "pi_name"),
        instrument_type=_text(instrument, "pi_type"),
        instrument_reference=_text(transaction, "pi_trnx_id"),
        paid_at=_text(instrument, "pay_timestamp"),
        charges={name: parse_amount(transaction.get(name)) for name in CHARGE_FIELDS},
    )
