"""appDeactivate: an app's tokens stop working and its webhooks receive nothing."""

from __future__ import annotations

import graphene

from backend.apps import permissions, services
from backend.core.permissions import PermissionEnum

from ..access import get_app_or_error
from ..errors import AppError
from ..types import App
from .base import AppDomainMutation


class AppDeactivate(AppDomainMutation):
    app = graphene.Field(App)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the app to deactivate.")

    class Meta:
        description = "Deactivates an app. Requires MANAGE_APPS."
        error_type_class = AppError
        permissions = (PermissionEnum.MANAGE_APPS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        requestor = info.context.user
        app = get_app_or_error(data["id"], requestor=requestor)
        permissions.ensure_may_manage_app(app=app, requestor=requestor)
        return cls(app=services.set_app_active(app=app, is_active=False))
