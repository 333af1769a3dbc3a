"""Queue notifications in the caller's transaction; send them from a task after it commits.

`queue_notifications` renders the event's templates and writes one pending `NotificationMessage`
per SMS or e-mail, then hands each to `enqueue` (the send task, given by the plugin) on commit: a
rolled-back change sends nothing. This module does not import the task: the task imports it.
`deliver_message` (the task's body) claims the row with a conditional UPDATE (pending -> sending)
before it sends, so two runs of the task for one row send once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from enum import StrEnum
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from backend.core.phone import InvalidPhoneNumber, normalize_phone

from .backends import send_email, sms_backend_from_config
from .configuration import is_enabled
from .errors import DeliveryError
from .models import MessageStatus, MessageTransport, NotificationMessage
from .rendering import language_of, render_message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A row left "sending" this long belongs to a worker that died: it may be claimed again.
STALE_CLAIM_AFTER = timedelta(minutes=10)


class DeliveryOutcome(StrEnum):
    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"
    SKIPPED = "skipped"  # not pending: sent, failed or being sent by another run


def queue_notifications(
    *,
    event: str,
    payload: dict[str, Any],
    channel_slug: str | None,
    config: dict[str, Any],
    enqueue: Callable[[list[int]], object],
) -> list[NotificationMessage]:
    """Write the messages for one event (inside the caller's transaction) and schedule them:
    `enqueue(message_ids)` runs once, for the pending ones, after commit.

    SMS goes to `payload["recipient_phone"]`, e-mail to `payload["recipient_email"]`, each when
    enabled and when the event has a template for it. A number that is not a Bangladeshi mobile
    is recorded as failed and not sent.
    """
    language = language_of(payload)
    messages: list[NotificationMessage] = []
    phone = str(payload.get("recipient_phone") or "").strip()
    if phone and is_enabled(config.get("sms_enabled")):
        rendered = render_message(event, MessageTransport.SMS, payload, language)
        if rendered is not None:
            message = NotificationMessage(
                event=event,
                transport=MessageTransport.SMS,
                channel_slug=channel_slug or "",
                language_code=language,
                body=rendered.body,
            )
            try:
                message.recipient = normalize_phone(phone)
            except InvalidPhoneNumber as error:
                message.recipient = phone[:254]
                message.status = MessageStatus.FAILED
                message.error_code = "invalid_number"
                message.error_message = error.messages[0][:500]
            messages.append(message)
    email = str(payload.get("recipient_email") or "").strip()
    if email and is_enabled(config.get("email_enabled")):
        rendered = render_message(event, MessageTransport.EMAIL, payload, language)
        if rendered is not None:
            messages.append(
                NotificationMessage(
                    event=event,
                    transport=MessageTransport.EMAIL,
                    channel_slug=channel_slug or "",
                    recipient=email[:254],
                    language_code=language,
                    subject=rendered.subject[:255],
                    body=rendered.body,
                )
            )
    if not messages:
        logger.debug("Notification %s: nothing to send (no recipient or template)", event)
        return []
    NotificationMessage.objects.bulk_create(messages)  # one statement for the SMS and the e-mail
    pending = [message.pk for message in messages if message.status == MessageStatus.PENDING]
    if pending:
        # robust: a broker hiccup after commit must not fail the caller's request; the rows
        # stay pending and visible in the admin.
        transaction.on_commit(partial(enqueue, pending), robust=True)
    return messages


def _claim(message_id: int) -> NotificationMessage | None:
    now = timezone.now()
    claimable = Q(status=MessageStatus.PENDING) | Q(
        status=MessageStatus.SENDING, claimed_at__lt=now - STALE_CLAIM_AFTER
    )
    claimed = NotificationMessage.objects.filter(claimable, pk=message_id).update(
        status=MessageStatus.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not claimed:
        return None
    return NotificationMessage.objects.get(pk=message_id)


def _finish(message: NotificationMessage, **values: Any) -> None:
    values["updated_at"] = timezone.now()
    # Only the run that holds the claim writes the outcome.
    NotificationMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(**values)


def _send(message: NotificationMessage, config: dict[str, Any]) -> tuple[str, str]:
    """Send through the configured backend; the backend's name and the provider's message id."""
    if message.transport == MessageTransport.SMS:
        backend = sms_backend_from_config(config)
        return backend.name, backend.send(phone=message.recipient, text=message.body)
    send_email(
        to=message.recipient,
        subject=message.subject,
        body=message.body,
        from_email=str(config.get("email_from") or ""),
    )
    return "email", ""


def deliver_message(message_id: int, *, config: dict[str, Any]) -> DeliveryOutcome:
    """Send one queued message once; say whether it went, failed for good, or should be retried."""
    message = _claim(message_id)
    if message is None:
        return DeliveryOutcome.SKIPPED
    try:
        backend_name, provider_message_id = _send(message, config)
    except DeliveryError as error:
        retry = error.retryable and message.attempts < MAX_ATTEMPTS
        _finish(
            message,
            status=MessageStatus.PENDING if retry else MessageStatus.FAILED,
            error_code=error.code[:32],
            error_message=str(error)[:500],
        )
        logger.warning(
            "Notification %s (%s %s) attempt %d failed: %s%s",
            message.pk,
            message.transport,
            message.event,
            message.attempts,
            error,
            ", will retry" if retry else "",
        )
        return DeliveryOutcome.RETRY if retry else DeliveryOutcome.FAILED
    _finish(
        message,
        status=MessageStatus.SENT,
        backend=backend_name,
        provider_message_id=provider_message_id[:64],
        error_code="",
        error_message="",
        sent_at=timezone.now(),
    )
    return DeliveryOutcome.SENT
