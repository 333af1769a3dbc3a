"""What a deposit, as the bank reports it, means for one Haat transaction.

Only a completed deposit into Haat's account, carrying the transaction's token as merchant
reference, in taka, of exactly the amount asked (to the paisa) pays it. A deposit that is not
this transaction's, or that differs from what was asked, pays nothing: it is a `Mismatch`, and
finance settles the cash by hand.
"""

from __future__ import annotations

from decimal import Decimal

from plugins.framework.interface import TransactionSessionResult

from .client import COMPLETED, PENDING, REJECTED, Deposit

CURRENCY = "BDT"


class Mismatch(Exception):
    """The deposit cannot pay this transaction (said in words staff can act on)."""


def slip_data(deposit: Deposit) -> dict[str, object]:
    """What the storefront shows the customer to pay at the agent (no secret in it)."""
    return {
        "depositReference": deposit.reference,
        "bankName": deposit.bank_name,
        "accountName": deposit.account_name,
        "accountNumber": deposit.merchant_account,
        "amount": f"{deposit.amount:.2f}",
        "currency": deposit.currency,
        "status": deposit.status,
        "instructions": {"en": deposit.instructions_en, "bn": deposit.instructions_bn},
    }


def check_belongs(
    deposit: Deposit, *, merchant_reference: str, merchant_account: str, amount: Decimal
) -> None:
    """Raise Mismatch unless the deposit request is this transaction's, as it was asked."""
    if deposit.merchant_reference != merchant_reference:
        raise Mismatch(f"The deposit {deposit.reference} belongs to another payment.")
    if deposit.merchant_account != merchant_account:
        raise Mismatch(f"The deposit {deposit.reference} is not into Haat's account.")
    if deposit.currency != CURRENCY:
        raise Mismatch(f"The deposit {deposit.reference} is in {deposit.currency}, not taka.")
    if deposit.amount != amount:
        raise Mismatch(
            f"The deposit {deposit.reference} was asked for {deposit.amount:.2f}, not {amount:.2f}."
        )


def judge(
    deposit: Deposit, *, merchant_reference: str, merchant_account: str, amount: Decimal
) -> TransactionSessionResult:
    """The transaction's outcome: paid, refused by the agent, or still to pay at an outlet."""
    check_belongs(
        deposit,
        merchant_reference=merchant_reference,
        merchant_account=merchant_account,
        amount=amount,
    )
    if deposit.status == PENDING:
        return TransactionSessionResult(
            result="CHARGE_ACTION_REQUIRED",
            amount=amount,
            psp_reference=deposit.reference,
            message="Waiting for the cash deposit at an agent outlet",
            data=slip_data(deposit),
            available_actions=(),
        )
    if deposit.status == REJECTED:
        return TransactionSessionResult(
            result="CHARGE_FAILURE",
            amount=amount,
            psp_reference=deposit.reference,
            message="The agent rejected the deposit.",
            data={"depositReference": deposit.reference, "status": REJECTED},
            available_actions=(),
        )
    assert deposit.status == COMPLETED
    if deposit.deposited_amount != amount:
        raise Mismatch(
            f"The agent recorded {deposit.deposited_amount} for deposit {deposit.reference}, "
            f"not {amount:.2f}: it pays nothing; finance settles the cash."
        )
    return TransactionSessionResult(
        result="CHARGE_SUCCESS",
        amount=amount,
        psp_reference=deposit.reference,
        message=f"Cash deposited at {deposit.outlet or 'an agent outlet'}",
        data={
            "depositReference": deposit.reference,
            "status": COMPLETED,
            "agentTransactionId": deposit.agent_transaction_id,
        },
        # Refunds do not go through the bank: cash is handed back (see the docs).
        available_actions=(),
    )
