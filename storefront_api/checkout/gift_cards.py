"""Saleor's GiftCard type, for the fields a Saleor storefront reads on every checkout page
(`giftCards { id displayCode currentBalance { amount currency } }`).

Haat issues no gift cards, so `Checkout.giftCards` is always the empty list, which is the truth;
the type states the fields Haat could answer for one (the rest are listed, with why, in the
schema's completeness list) so that those queries validate and the page renders.
"""

from __future__ import annotations

import graphene
from graphene import relay

from backend.core.permissions import PermissionEnum
from storefront_api.core.types import Money, ObjectWithMetadata, ObjectWithMetadataFields


class GiftCard(ObjectWithMetadataFields, graphene.ObjectType):
    # Saleor reads a card's private metadata with MANAGE_GIFT_CARD; Haat has no such permission
    # (no cards), so discount managers would be the ones.
    private_metadata_permissions = (PermissionEnum.MANAGE_DISCOUNTS,)

    display_code = graphene.String(required=True, description="The code, masked but its end.")
    last_4_code_chars = graphene.String(
        required=True, name="last4CodeChars", description="The code's last four characters."
    )
    code = graphene.String(required=True, description="The whole code.")
    created = graphene.DateTime(required=True)
    created_by_email = graphene.String()
    last_used_on = graphene.DateTime()
    expiry_date = graphene.Date()
    bought_in_channel = graphene.String(description="Slug of the channel it was bought in.")
    is_active = graphene.Boolean(required=True)
    initial_balance = graphene.Field(Money, required=True)
    current_balance = graphene.Field(Money, required=True)

    class Meta:
        description = "A prepaid card's code and balance (Haat issues none: lists are empty)."
        interfaces = (relay.Node, ObjectWithMetadata)
