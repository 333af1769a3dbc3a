"""Finding a transaction from what a gateway sends back: Haat's token or the gateway's id."""

from __future__ import annotations

from uuid import UUID

from .models import TransactionItem


def transaction_by_token(token: str | UUID) -> TransactionItem | None:
    """The transaction whose token a gateway carried back (merchant invoice, tran_id, ...);
    None for anything that is not one of ours."""
    try:
        value = token if isinstance(token, UUID) else UUID(str(token))
    except (ValueError, AttributeError, TypeError):
        return None
    return TransactionItem.objects.filter(token=value).first()


def transaction_by_reference(gateway_id: str, psp_reference: str) -> TransactionItem | None:
    """The gateway's transaction with this payment id (unique per gateway)."""
    if not psp_reference:
        return None
    return TransactionItem.objects.filter(
        app_identifier=gateway_id, psp_reference=psp_reference
    ).first()
