"""Back-office pages for apps, webhooks and the delivery log.

Secrets stay secret: an app's tokens show their last four characters, a webhook's secret is never
rendered (a new one can be typed in, and is stored encrypted), and targets are checked as the API
checks them. Deliveries are read-only, with their attempts inline and a "retry" action.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from plugins.framework.crypto import encrypt_secret

from . import models
from .delivery import retry_event_delivery
from .targets import check_target_url
from .tasks import enqueue_deliveries


class WebhookEventInline(admin.TabularInline):
    model = models.WebhookEvent
    extra = 0


class WebhookForm(forms.ModelForm):
    target_url = forms.URLField(max_length=255, assume_scheme="https")
    new_secret = forms.CharField(
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Leave empty to keep the current secret. It is stored encrypted and never shown.",
    )

    class Meta:
        model = models.Webhook
        fields = ("app", "name", "target_url", "is_active")

    def clean_target_url(self) -> str:
        try:
            return check_target_url(self.cleaned_data["target_url"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["target_url"]) from error

    def save(self, commit: bool = True) -> models.Webhook:
        webhook = super().save(commit=False)
        if self.cleaned_data.get("new_secret"):
            webhook.secret_key = encrypt_secret(self.cleaned_data["new_secret"])
        if commit:
            webhook.save()
            self.save_m2m()
        return webhook


@admin.register(models.Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ("__str__", "app", "target_url", "is_active", "has_secret", "updated_at")
    list_filter = ("is_active", "events__event_type")
    list_select_related = ("app",)
    search_fields = ("name", "target_url", "app__name")
    inlines = [WebhookEventInline]

    @admin.display(boolean=True, description="secret")
    def has_secret(self, webhook: models.Webhook) -> bool:
        return bool(webhook.secret_key)


class EventDeliveryAttemptInline(admin.TabularInline):
    model = models.EventDeliveryAttempt
    extra = 0
    max_num = 0
    can_delete = False
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
class EventDeliveryAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description="Retry the selected deliveries (same delivery id)")
    def retry_deliveries(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = 0
        for delivery in queryset:
            retry_event_delivery(delivery=delivery, enqueue=enqueue_deliveries)
            count += 1
        self.message_user(request, f"{count} deliveries queued again.", messages.SUCCESS)
