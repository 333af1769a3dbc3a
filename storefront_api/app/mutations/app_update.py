"""appUpdate: rename an app or change its permissions."""

from __future__ import annotations

import graphene

from backend.apps import permissions, services
from backend.core.permissions import PermissionEnum

from ..access import get_app_or_error
from ..errors import AppError
from ..types import App
from .base import AppDomainMutation, permission_names
from .inputs import AppInput


class AppUpdate(AppDomainMutation):
    app = graphene.Field(App)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the app to update.")
        input = AppInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Updates an app. You must hold every permission it has and every one you add or "
            "remove. Requires MANAGE_APPS."
        )
        error_type_class = AppError
        permissions = (PermissionEnum.MANAGE_APPS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        requestor = info.context.user
        app = get_app_or_error(data["id"], requestor=requestor)
        fields = data["input"]
        names = permission_names(fields.get("permissions"))
        permissions.ensure_may_manage_app(app=app, requestor=requestor)
        if names is not None:
            permissions.ensure_may_set_app_permissions(app=app, requestor=requestor, names=names)
        app = services.update_app(
            app=app,
            name=fields.get("name"),
            identifier=fields.get("identifier"),
            permissions=names,
        )
        return cls(app=app)
