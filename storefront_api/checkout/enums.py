"""Saleor's checkout enums."""

from __future__ import annotations

import graphene

from backend.checkout.error_codes import CheckoutErrorCode as CheckoutErrorCodeValues

CheckoutErrorCode = graphene.Enum(
    "CheckoutErrorCode",
    [(code.name, code.value) for code in CheckoutErrorCodeValues],
    description="Why a checkout mutation failed.",
)


class CheckoutChargeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"

    class Meta:
        description = "How much of the checkout's total has been charged."


class CheckoutAuthorizeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"

    class Meta:
        description = "How much of the checkout's total has been authorized."
