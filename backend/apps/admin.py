"""Back-office pages for apps, written through the app services with the signed-in staff member
as the actor, so nobody hands an app a permission they do not hold (OUT_OF_SCOPE_PERMISSION) or
manages an app more powerful than themselves (OUT_OF_SCOPE_APP). Tokens show their last four
characters; a new app's first token is shown once, in a message."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.models import Permission
from django.db.models import QuerySet

from backend.core.admin_base import ReadOnlyInline, ServiceAdmin

from . import models
from .permissions import ensure_may_grant, ensure_may_manage_app, ensure_may_set_app_permissions
from .services import create_app, delete_app, set_app_active, update_app


class AppTokenInline(ReadOnlyInline):
    model = models.AppToken
    fields = ("name", "token_last_4", "created_at")
    readonly_fields = fields


def _permission_names(permissions: QuerySet[Permission]) -> list[str]:
    rows = permissions.select_related("content_type")
    return [f"{row.content_type.app_label}.{row.codename}" for row in rows]


@admin.register(models.App)
class AppAdmin(ServiceAdmin):
    list_display = ("name", "identifier", "type", "is_active", "created_at")
    list_filter = ("is_active", "type")
    search_fields = ("name", "identifier")
    filter_horizontal = ("permissions",)
    fields = ("name", "identifier", "type", "is_active", "permissions", "created_at")
    readonly_fields = ("type", "created_at")
    inlines = [AppTokenInline]
    create_service = staticmethod(create_app)
    update_service = staticmethod(update_app)
    delete_service = staticmethod(delete_app)

    def get_readonly_fields(self, request, obj=None):
        # A new app starts active (`create_app`); it is switched off and on when changed.
        return self.readonly_fields if obj else (*self.readonly_fields, "is_active")

    def create_through_service(self, request, form):
        data = form.cleaned_data
        names = _permission_names(data["permissions"])
        ensure_may_grant(request.user, names)
        created = create_app(name=data["name"], identifier=data["identifier"], permissions=names)
        self.message_user(
            request,
            f"The app's token, shown this once: {created.auth_token}",
            messages.WARNING,
        )
        return created.app

    def update_through_service(self, request, obj, form):
        data = form.cleaned_data
        names = (
            _permission_names(data["permissions"]) if "permissions" in form.changed_data else None
        )
        ensure_may_manage_app(app=obj, requestor=request.user)
        if names is not None:
            ensure_may_set_app_permissions(app=obj, requestor=request.user, names=names)
        app = update_app(
            app=obj,
            name=data["name"] if "name" in form.changed_data else None,
            identifier=data["identifier"] if "identifier" in form.changed_data else None,
            permissions=names,
        )
        if "is_active" in form.changed_data:
            app = set_app_active(app=app, is_active=data["is_active"])
        return app

    def delete_through_service(self, request, obj):
        ensure_may_manage_app(app=obj, requestor=request.user)
        delete_app(app=obj)
