"""Back-office pages for webhooks and the delivery log.

Webhooks are added, changed and deleted through `plugins.webhook.services` (targets checked as
the API checks them, secrets stored encrypted and never rendered; a generated secret is shown once,
in a message). Deliveries are read-only, with their attempts inline and a "retry" action.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.apps.permissions import ensure_may_manage_app
from backend.core.admin_base import ReadOnlyAdmin, ReadOnlyInline, ServiceAdmin

from . import models
from .delivery import retry_event_delivery
from .event_types import WebhookEventAsyncType
from .services import create_webhook, delete_webhook, update_webhook
from .tasks import enqueue_deliveries


class WebhookForm(forms.ModelForm):
    target_url = forms.URLField(max_length=255, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=WebhookEventAsyncType.choices, widget=forms.CheckboxSelectMultiple
    )
    new_secret = forms.CharField(
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Leave empty to keep the current secret (or, for a new webhook, to have one "
        "generated and shown once). It is stored encrypted and never shown again.",
    )

    class Meta:
        model = models.Webhook
        fields = ("app", "name", "target_url", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["events"] = list(self.instance.events.values_list("event_type", flat=True))


@admin.register(models.Webhook)
class WebhookAdmin(ServiceAdmin):
    form = WebhookForm
    list_display = ("__str__", "app", "target_url", "is_active", "has_secret", "updated_at")
    list_filter = ("is_active", "events__event_type")
    list_select_related = ("app",)
    search_fields = ("name", "target_url", "app__name")
    fields = ("app", "name", "target_url", "events", "is_active", "new_secret")
    create_service = staticmethod(create_webhook)
    update_service = staticmethod(update_webhook)
    delete_service = staticmethod(delete_webhook)

    def get_readonly_fields(self, request, obj=None):
        return ("app",) if obj else ()  # a webhook cannot move to another app (as in the API)

    @admin.display(boolean=True, description="secret")
    def has_secret(self, webhook: models.Webhook) -> bool:
        return bool(webhook.secret_key)

    def create_through_service(self, request, form):
        data = form.cleaned_data
        ensure_may_manage_app(app=data["app"], requestor=request.user)
        created = create_webhook(
            app=data["app"],
            name=data["name"],
            target_url=data["target_url"],
            events=data["events"],
            is_active=data["is_active"],
            secret_key=data["new_secret"] or None,
        )
        if not data["new_secret"]:
            self.message_user(
                request,
                f"The webhook's signing secret, shown this once: {created.secret_key}",
                messages.WARNING,
            )
        return created.webhook

    def update_through_service(self, request, obj, form):
        data, changed = form.cleaned_data, form.changed_data
        ensure_may_manage_app(app=obj.app, requestor=request.user)
        return update_webhook(
            webhook=obj,
            name=data["name"] if "name" in changed else None,
            target_url=data["target_url"] if "target_url" in changed else None,
            events=data["events"] if "events" in changed else None,
            is_active=data["is_active"] if "is_active" in changed else None,
            secret_key=data["new_secret"] or None,
        )

    def delete_through_service(self, request, obj):
        ensure_may_manage_app(app=obj.app, requestor=request.user)
        delete_webhook(webhook=obj)


class EventDeliveryAttemptInline(ReadOnlyInline):
    model = models.EventDeliveryAttempt
    fields = (
        "created_at",
        "status",
        "response_status_code",
        "duration",
        "response",
        "response_headers",
        "request_headers",
        "task_id",
    )
    readonly_fields = fields


@admin.register(models.EventDelivery)
class EventDeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "delivery_id",
        "event_type",
        "webhook",
        "status",
        "attempt_count",
        "next_attempt_at",
        "created_at",
    )
    list_filter = ("status", "event_type")
    list_select_related = ("webhook",)
    search_fields = ("event_type", "webhook__target_url", "webhook__app__name")
    date_hierarchy = "created_at"
    fields = (
        "delivery_id",
        "webhook",
        "event_type",
        "status",
        "attempt_count",
        "next_attempt_at",
        "created_at",
        "updated_at",
        "body",
    )
    readonly_fields = fields
    inlines = [EventDeliveryAttemptInline]
    actions = ["retry_deliveries"]

    def get_search_results(self, request, queryset, search_term):
        # A delivery id, as a receiver logged it, finds its delivery.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            delivery_id = uuid.UUID(search_term.strip())
        except ValueError:
            return queryset, may_have_duplicates
        return queryset | self.model.objects.filter(delivery_id=delivery_id), may_have_duplicates

    @admin.display(description="payload")
    def body(self, delivery: models.EventDelivery) -> str:
        return delivery.payload.payload

    @admin.action(description="Retry the selected deliveries (same delivery id)")
    def retry_deliveries(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = 0
        for delivery in queryset:
            retry_event_delivery(delivery=delivery, enqueue=enqueue_deliveries)
            count += 1
        self.message_user(request, f"{count} deliveries queued again.", messages.SUCCESS)
