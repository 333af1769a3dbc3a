"""checkoutAddPromoCode and checkoutRemovePromoCode."""

from __future__ import annotations

import graphene

from backend.checkout.error_codes import CheckoutErrorCode
from backend.checkout.promo import add_promo_code, remove_promo_code
from backend.core.errors import field_error
from storefront_api.core.ids import int_pk_or_none

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .common import checkout_id_arguments, payload_checkout, token_from


class CheckoutAddPromoCode(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            "promo_code": graphene.String(required=True, description="A voucher code."),
        },
    )

    class Meta:
        description = "Apply a voucher code to the checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = add_promo_code(
            token=token_from(data),
            requestor=info.context.user,
            promo_code=data["promo_code"],
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))


class CheckoutRemovePromoCode(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            "promo_code": graphene.String(description="The code to remove."),
            "promo_code_id": graphene.ID(description="The VoucherCode to remove."),
        },
    )

    class Meta:
        description = "Remove a voucher code from the checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        code_id = None
        if data.get("promo_code_id"):
            code_id = int_pk_or_none(data["promo_code_id"], "VoucherCode")
            if code_id is None:
                raise field_error(
                    "promo_code_id",
                    f"Invalid ID: {data['promo_code_id']}. Expected: VoucherCode.",
                    CheckoutErrorCode.GRAPHQL_ERROR,
                )
        elif not data.get("promo_code"):
            raise field_error(
                "promo_code",
                "Either promoCode or promoCodeId is required.",
                CheckoutErrorCode.GRAPHQL_ERROR,
            )
        checkout_info = remove_promo_code(
            token=token_from(data),
            requestor=info.context.user,
            promo_code=data.get("promo_code"),
            voucher_code_id=code_id,
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))
