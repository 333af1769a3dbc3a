"""appTokenCreate: another token for an app, shown once."""

from __future__ import annotations

import graphene

from backend.apps import permissions, services
from backend.core.permissions import PermissionEnum

from ..access import get_app_or_error
from ..errors import AppError
from ..types import AppToken
from .base import AppDomainMutation
from .inputs import AppTokenInput


class AppTokenCreate(AppDomainMutation):
    auth_token = graphene.String(description="The token, in clear: shown only here.")
    app_token = graphene.Field(AppToken)

    class Arguments:
        input = AppTokenInput(required=True, description="Fields of the new token.")

    class Meta:
        description = (
            "Creates a token for an app and returns it once. You must hold every permission "
            "the app has. Requires MANAGE_APPS."
        )
        error_type_class = AppError
        permissions = (PermissionEnum.MANAGE_APPS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        requestor = info.context.user
        fields = data["input"]
        app = get_app_or_error(fields["app"], requestor=requestor, field="app")
        permissions.ensure_may_manage_app(app=app, requestor=requestor)
        created = services.create_app_token(app=app, name=fields.get("name"))
        return cls(app_token=created.app_token, auth_token=created.auth_token)
