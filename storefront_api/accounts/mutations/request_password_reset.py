"""requestPasswordReset: send the account's owner a link that sets a new password."""

from __future__ import annotations

import graphene

from backend.accounts.services import request_password_reset
from backend.core.ratelimit import client_address
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError


class RequestPasswordReset(BaseMutation):
    class Arguments:
        email = graphene.String(
            required=True,
            description=(
                "Email of the user that will be used for password recovery, or (Haat) their "
                "mobile number in any accepted form: a number-only account gets the link by SMS."
            ),
        )
        redirect_url = graphene.String(
            required=True,
            description=(
                "URL of a view where users should be redirected to reset the password; `email` "
                "and `token` are added to its query. Its host must be one of "
                "ALLOWED_CLIENT_HOSTS."
            ),
        )
        channel = graphene.String(
            description="Slug of a channel which will be used for notify user."
        )

    class Meta:
        description = (
            "Sends an email (or an SMS to a number-only account) with the account password "
            "modification link. The answer is the same whether or not the account exists."
        )
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, _root, info, *, email: str, redirect_url: str, channel=None):
        request_password_reset(
            identifier=email,
            redirect_url=redirect_url,
            channel_slug=channel,
            manager=info.context.plugins,
            client_address=client_address(getattr(info.context, "META", {})),
        )
        return cls()
