"""App and webhook queries and mutations."""

from __future__ import annotations

import graphene

from backend.apps.models import App as AppModel
from backend.core.permissions import PermissionEnum
from storefront_api.core.connection import connection_args, paginate
from storefront_api.core.dataloaders import then
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.ids import int_pk_or_none

from .access import calling_app, may_manage_app, may_manage_apps
from .dataloaders import AppByIdLoader, WebhookByIdLoader
from .filters import AppFilterInput, AppSortingInput, app_sort_keys, filter_apps
from .mutations.app_activate import AppActivate
from .mutations.app_create import AppCreate
from .mutations.app_deactivate import AppDeactivate
from .mutations.app_delete import AppDelete
from .mutations.app_token_create import AppTokenCreate
from .mutations.app_update import AppUpdate
from .mutations.event_delivery_retry import EventDeliveryRetry
from .mutations.webhook_create import WebhookCreate
from .mutations.webhook_delete import WebhookDelete
from .mutations.webhook_update import WebhookUpdate
from .types import App, AppCountableConnection, Webhook


def resolve_apps(info, *, filter=None, sort_by=None, **pagination):
    if not may_manage_apps(info.context.user):
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_APPS])
    apps = filter_apps(AppModel.objects.all(), filter)
    return paginate(apps, keys=app_sort_keys(sort_by), connection_name="apps", **pagination)


def resolve_app(info, *, id=None):
    """By ID with MANAGE_APPS (or the calling app's own ID); without an ID, the calling app."""
    requestor = info.context.user
    if id is None:
        app = calling_app(requestor)
        if app is None:
            raise PermissionDenied(permissions=[PermissionEnum.MANAGE_APPS])
        return AppByIdLoader(info.context).load(app.pk)
    if not may_manage_apps(requestor) and calling_app(requestor) is None:
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_APPS])
    pk = int_pk_or_none(id, "App")
    if pk is None or not may_manage_app(requestor, pk):
        return None
    return AppByIdLoader(info.context).load(pk)


def resolve_webhook(info, *, id):
    requestor = info.context.user
    if not may_manage_apps(requestor) and calling_app(requestor) is None:
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_APPS])
    pk = int_pk_or_none(id, "Webhook")
    if pk is None:
        return None
    return then(
        WebhookByIdLoader(info.context).load(pk),
        lambda webhook: (
            webhook if webhook is not None and may_manage_app(requestor, webhook.app_id) else None
        ),
    )


class AppQueries(graphene.ObjectType):
    apps = graphene.Field(
        AppCountableConnection,
        filter=AppFilterInput(description="Which apps to list."),
        sort_by=AppSortingInput(description="How to sort apps."),
        description="Every app. Requires MANAGE_APPS.",
        **connection_args(),
    )
    app = graphene.Field(
        App,
        id=graphene.ID(description="ID of the app; the calling app when omitted."),
        description=(
            "An app by ID (MANAGE_APPS, or an app asking for itself); without an ID, the app "
            "calling with its token."
        ),
    )
    webhook = graphene.Field(
        Webhook,
        id=graphene.ID(required=True, description="ID of the webhook."),
        description="A webhook by ID. Requires MANAGE_APPS, or the token of its app.",
    )

    @staticmethod
    def resolve_apps(_root, info, **kwargs):
        return resolve_apps(info, **kwargs)

    @staticmethod
    def resolve_app(_root, info, **kwargs):
        return resolve_app(info, **kwargs)

    @staticmethod
    def resolve_webhook(_root, info, **kwargs):
        return resolve_webhook(info, **kwargs)


class AppMutations(graphene.ObjectType):
    app_create = AppCreate.Field()
    app_update = AppUpdate.Field()
    app_delete = AppDelete.Field()
    app_activate = AppActivate.Field()
    app_deactivate = AppDeactivate.Field()
    app_token_create = AppTokenCreate.Field()
    webhook_create = WebhookCreate.Field()
    webhook_update = WebhookUpdate.Field()
    webhook_delete = WebhookDelete.Field()
    event_delivery_retry = EventDeliveryRetry.Field()
