"""checkoutCustomerAttach and checkoutCustomerDetach."""

from __future__ import annotations

import graphene

from backend.accounts.models import User
from backend.checkout.customer import attach_customer, detach_customer
from backend.checkout.error_codes import CheckoutErrorCode
from backend.core.errors import field_error
from storefront_api.core.ids import int_pk_or_none

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .common import checkout_id_arguments, payload_checkout, token_from


def _customer(global_id: str | None) -> User | None:
    if not global_id:
        return None
    pk = int_pk_or_none(global_id, "User")
    customer = User.objects.filter(pk=pk).first() if pk is not None else None
    if customer is None:
        raise field_error(
            "customer_id", f"Couldn't resolve to a user: {global_id}", CheckoutErrorCode.NOT_FOUND
        )
    return customer


class CheckoutCustomerAttach(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            "customer_id": graphene.ID(
                description="The customer to attach (needs IMPERSONATE_USER); the signed-in "
                "customer when not given."
            ),
        },
    )

    class Meta:
        description = "Attach the checkout to a customer: from then on it is theirs alone."
        error_type_class = CheckoutError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = attach_customer(
            token=token_from(data),
            requestor=info.context.user,
            customer=_customer(data.get("customer_id")),
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))


class CheckoutCustomerDetach(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type("Arguments", (), checkout_id_arguments())

    class Meta:
        description = "Detach the checkout from its customer (only they may)."
        error_type_class = CheckoutError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = detach_customer(
            token=token_from(data), requestor=info.context.user, manager=info.context.plugins
        )
        return cls(checkout=payload_checkout(info, checkout_info))
