"""Root fields of the checkout part of the API."""

from __future__ import annotations

import graphene

from backend.checkout.access import readable_checkouts

from .dataloaders import remember_checkout
from .errors import uuid_of
from .mutations.checkout_address_update import (
    CheckoutBillingAddressUpdate,
    CheckoutShippingAddressUpdate,
)
from .mutations.checkout_complete import CheckoutComplete
from .mutations.checkout_create import CheckoutCreate
from .mutations.checkout_customer import CheckoutCustomerAttach, CheckoutCustomerDetach
from .mutations.checkout_delivery_method_update import CheckoutDeliveryMethodUpdate
from .mutations.checkout_email_update import CheckoutEmailUpdate
from .mutations.checkout_language_code_update import (
    CheckoutCustomerNoteUpdate,
    CheckoutLanguageCodeUpdate,
)
from .mutations.checkout_lines_add import CheckoutLinesAdd
from .mutations.checkout_lines_delete import CheckoutLineDelete, CheckoutLinesDelete
from .mutations.checkout_lines_update import CheckoutLinesUpdate
from .mutations.checkout_promo_code import CheckoutAddPromoCode, CheckoutRemovePromoCode
from .types import Checkout


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(description="The checkout's ID."),
        token=graphene.UUID(
            description="The checkout's token.", deprecation_reason="Use `id` instead."
        ),
        description=(
            "A checkout by its ID: anyone holding it while it is unattached, only its customer "
            "once attached, and staff with MANAGE_CHECKOUTS; null for anyone else."
        ),
    )

    @staticmethod
    def resolve_checkout(_root, info, id=None, token=None):
        if token is None and id:
            token = uuid_of(id, "Checkout")
        if token is None:
            return None
        checkout = readable_checkouts([token], requestor=info.context.user).get(token)
        if checkout is not None:
            remember_checkout(info.context, checkout)
        return checkout


class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_line_delete = CheckoutLineDelete.Field(
        deprecation_reason="Use `checkoutLinesDelete` instead."
    )
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    checkout_language_code_update = CheckoutLanguageCodeUpdate.Field()
    checkout_customer_note_update = CheckoutCustomerNoteUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()
    checkout_complete = CheckoutComplete.Field()
