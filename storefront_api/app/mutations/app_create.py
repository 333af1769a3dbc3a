"""appCreate: a new app and its first token, shown once."""

from __future__ import annotations

import graphene

from backend.apps import permissions, services
from backend.core.permissions import PermissionEnum

from ..errors import AppError
from ..types import App
from .base import AppDomainMutation, permission_names
from .inputs import AppInput


class AppCreate(AppDomainMutation):
    auth_token = graphene.String(
        description="The app's first token, in clear: shown only here, store it now."
    )
    app = graphene.Field(App)

    class Arguments:
        input = AppInput(required=True, description="Fields of the new app.")

    class Meta:
        description = (
            "Creates an app with the given permissions (you must hold each of them) and returns "
            "its token once. Requires MANAGE_APPS."
        )
        error_type_class = AppError
        permissions = (PermissionEnum.MANAGE_APPS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        data = data["input"]
        names = permission_names(data.get("permissions")) or []
        permissions.ensure_may_grant(info.context.user, names)
        created = services.create_app(
            name=data.get("name"), identifier=data.get("identifier"), permissions=names
        )
        return cls(app=created.app, auth_token=created.auth_token)
