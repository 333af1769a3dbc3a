"""Why a code cannot be used at the checkout, in Saleor's CheckoutErrorCode names."""

from __future__ import annotations

from enum import StrEnum


class VoucherErrorCode(StrEnum):
    """The two CheckoutErrorCode names a voucher refusal carries (equal to the plain strings)."""

    INVALID = "INVALID"
    VOUCHER_NOT_APPLICABLE = "VOUCHER_NOT_APPLICABLE"


class VoucherError(Exception):
    """A code the checkout cannot take: `code`, `message`, and `field` (the promoCode argument
    of checkoutAddPromoCode, where Saleor reports it)."""

    field = "promoCode"

    def __init__(self, code: VoucherErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def invalid_code() -> VoucherError:
    """Unknown, inactive, not yet started, ended, or not sold in the channel: Saleor says no
    more than this, so a shopper cannot probe which codes exist."""
    return VoucherError(VoucherErrorCode.INVALID, "Promo code is invalid")


def not_applicable(message: str) -> VoucherError:
    return VoucherError(VoucherErrorCode.VOUCHER_NOT_APPLICABLE, message)
