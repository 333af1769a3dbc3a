"""accountRegister: a customer signs up with a mobile number or an e-mail address."""

from __future__ import annotations

import graphene

from backend.accounts.services import register_account
from backend.core.ratelimit import client_address
from storefront_api.core.enums import LanguageCodeEnum, language_code_to_django
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError
from ..types import User


class AccountRegisterInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = LanguageCodeEnum(description="Preferred language (Bangla is the default).")
    email = graphene.String(
        required=True,
        description=(
            "An e-mail address or a Bangladeshi mobile number (01XNNNNNNNN, +8801XNNNNNNNN, "
            "or in Bangla digits): Haat's customers often have no e-mail."
        ),
    )
    password = graphene.String(required=True, description="At least 8 characters.")
    phone = graphene.String(
        description="A mobile number besides the e-mail address (Haat's addition)."
    )
    redirect_url = graphene.String(
        description=(
            "Base of the storefront URL the confirmation link leads to (with `email` and "
            "`token` added to its query); required when the shop confirms accounts, and its host "
            "must be one of ALLOWED_CLIENT_HOSTS."
        )
    )
    channel = graphene.String(description="The channel the customer signs up in.")

    class Meta:
        description = "The fields of a new customer account."


class AccountRegister(BaseMutation):
    requires_confirmation = graphene.Boolean(
        description=(
            "Whether the account must be confirmed (by the link sent by e-mail, or by SMS to a "
            "number-only account) before signing in."
        )
    )
    user = graphene.Field(
        User,
        description=(
            "The new user; null when the account must be confirmed first (then a number or "
            "e-mail address already registered gets the same answer as a new one)."
        ),
    )

    class Arguments:
        input = AccountRegisterInput(required=True, description="The new account.")

    class Meta:
        description = "Register a customer account."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, _root, info, *, input: AccountRegisterInput):
        language = input.get("language_code")
        registration = register_account(
            identifier_or_email=input["email"],
            password=input["password"],
            phone=input.get("phone"),
            first_name=input.get("first_name") or "",
            last_name=input.get("last_name") or "",
            language_code=language_code_to_django(language.value) if language else "bn",
            redirect_url=input.get("redirect_url"),
            channel_slug=input.get("channel"),
            manager=info.context.plugins,
            client_address=client_address(getattr(info.context, "META", {})),
        )
        if registration.requires_confirmation:
            # As Saleor: no user until confirmed, so a taken number answers like a new one.
            return cls(user=None, requires_confirmation=True)
        return cls(user=registration.user, requires_confirmation=False)
