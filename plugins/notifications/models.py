"""The message log: one row per SMS or e-mail, written in the caller's transaction.

The row is the idempotency key: it is created (pending) with the change that caused it, so a
rolled-back change leaves no row and sends nothing, and the task sends only a row it can claim
(pending -> sending), so a retried or duplicated task never sends twice.
"""

from __future__ import annotations

from django.db import models


class MessageTransport(models.TextChoices):
    SMS = "sms", "SMS"
    EMAIL = "email", "E-mail"


class MessageStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class NotificationMessage(models.Model):
    event = models.CharField(max_length=64, db_index=True)
    transport = models.CharField(max_length=8, choices=MessageTransport.choices)
    channel_slug = models.CharField(max_length=255, blank=True, default="")
    # E.164 phone or e-mail address; what was asked for when it could not be normalised.
    recipient = models.CharField(max_length=254)
    language_code = models.CharField(max_length=8, default="bn")
    subject = models.CharField(max_length=255, blank=True, default="")
    body = models.TextField()
    status = models.CharField(
        max_length=8, choices=MessageStatus.choices, default=MessageStatus.PENDING, db_index=True
    )
    # Which backend sent it: "console", "http" (the SMS gateway) or "email".
    backend = models.CharField(max_length=16, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    provider_message_id = models.CharField(max_length=64, blank=True, default="")
    error_code = models.CharField(max_length=32, blank=True, default="")
    error_message = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.transport} {self.event} to {self.recipient} ({self.status})"
