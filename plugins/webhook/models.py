"""Webhooks of apps (`backend.apps`) and the delivery log."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from backend.apps.models import App

from .event_types import WebhookEventAsyncType


class Webhook(models.Model):
    """Where an app wants events delivered, signed with its secret (stored encrypted)."""

    app = models.ForeignKey(App, related_name="webhooks", on_delete=models.CASCADE)
    name = models.CharField(max_length=255, blank=True, default="")
    target_url = models.URLField(max_length=255)
    secret_key = models.CharField(max_length=512, blank=True, default="")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name or self.target_url


class WebhookEvent(models.Model):
    """One subscribed event type of a webhook (a row each, so "who wants X" is one indexed join)."""

    webhook = models.ForeignKey(Webhook, related_name="events", on_delete=models.CASCADE)
    event_type = models.CharField(max_length=128, choices=WebhookEventAsyncType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event_type"], name="webhook_event_unique")
        ]
        indexes = [models.Index(fields=["event_type"])]


class EventPayload(models.Model):
    """The exact JSON body of one event, shared by its deliveries to every subscribed webhook."""

    payload = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)


class EventDeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCESS = "success", "Success"
    FAILED = "failed", "Failed"


class EventDelivery(models.Model):
    """One event for one webhook; `delivery_id` is the same on every attempt (deduplication).

    `attempt_count` and `next_attempt_at` make sending safe with many workers: a worker claims an
    attempt with one conditional UPDATE (pending, due, attempts left), which also pushes
    `next_attempt_at` past the request's timeout as a lease. A duplicate or early message finds
    nothing to claim; a worker that died mid-attempt leaves a lease that expires and is requeued.
    """

    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    webhook = models.ForeignKey(Webhook, related_name="deliveries", on_delete=models.CASCADE)
    payload = models.ForeignKey(EventPayload, related_name="deliveries", on_delete=models.CASCADE)
    event_type = models.CharField(max_length=128)
    status = models.CharField(
        max_length=16, choices=EventDeliveryStatus.choices, default=EventDeliveryStatus.PENDING
    )
    attempt_count = models.PositiveIntegerField(default=0)
    # When the next attempt is due (None: now); while an attempt runs, when its lease ends.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=["webhook", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.delivery_id}"


class EventDeliveryAttempt(models.Model):
    """One HTTP try: what was sent and what came back (the response cut to 1 KB)."""

    delivery = models.ForeignKey(EventDelivery, related_name="attempts", on_delete=models.CASCADE)
    # When the attempt started; the row itself is written once the attempt is over.
    created_at = models.DateTimeField(default=timezone.now)
    task_id = models.CharField(max_length=255, blank=True, null=True)
    duration = models.FloatField(null=True, blank=True)  # seconds, as Saleor reports it
    request_headers = models.TextField(blank=True, default="")
    response = models.TextField(blank=True, default="")
    response_headers = models.TextField(blank=True, default="")
    response_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=EventDeliveryStatus.choices, default=EventDeliveryStatus.PENDING
    )

    class Meta:
        ordering = ("created_at", "pk")
