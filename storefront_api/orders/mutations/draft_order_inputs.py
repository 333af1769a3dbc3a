"""Saleor's DraftOrderCreateInput and DraftOrderInput, and their domain values."""

from __future__ import annotations

from typing import Any

import graphene

from backend.core.errors import field_error
from backend.orders.error_codes import OrderErrorCode
from storefront_api.accounts.mutations.address_input import AddressInput, address_values
from storefront_api.core.enums import LanguageCodeEnum, language_code_to_django

from .common import int_or_error
from .order_lines_create import OrderLineCreateInput


class DraftOrderInput(graphene.InputObjectType):
    billing_address = graphene.Field(AddressInput, description="The billing address.")
    user = graphene.ID(description="The customer's account.")
    user_email = graphene.String(description="The customer's e-mail.")
    shipping_address = graphene.Field(AddressInput, description="Where to ship.")
    customer_note = graphene.String(description="The customer's note.")
    channel_id = graphene.ID(description="The channel (while the draft has no lines).")
    language_code = graphene.Field(LanguageCodeEnum, description="The customer's language.")

    class Meta:
        description = "A draft order's fields."


class DraftOrderCreateInput(DraftOrderInput):
    lines = graphene.List(graphene.NonNull(OrderLineCreateInput), description="Its lines.")

    class Meta:
        description = "A new draft order."


def draft_changes(data: dict[str, Any]) -> dict[str, Any]:
    """The fields given, by the domain's names (`update_draft_order`'s changes)."""
    changes: dict[str, Any] = {}
    if "user" in data:
        changes["user_id"] = (
            int_or_error(data["user"], "User", field="user") if data["user"] else None
        )
    if "channel_id" in data:
        if not data["channel_id"]:
            raise field_error("channel_id", "Give the channel.", OrderErrorCode.REQUIRED)
        changes["channel_id"] = int_or_error(data["channel_id"], "Channel", field="channel_id")
    for name in ("user_email", "customer_note"):
        if name in data:
            changes[name] = data[name] or ""
    if data.get("language_code") is not None:
        changes["language_code"] = language_code_to_django(
            getattr(data["language_code"], "value", data["language_code"])
        )
    for name in ("billing_address", "shipping_address"):
        if data.get(name) is not None:
            changes[name] = address_values(data[name])
    return changes
