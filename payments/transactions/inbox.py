"""The inbox of gateway callbacks: each is stored as it arrived before anything acts on it, so
nothing a gateway sent is lost, a redelivery is recognised, and a forged one is on record."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from .models import PaymentNotification

# Headers never kept: credentials and cookies (a gateway's signature headers are kept).
SECRET_HEADERS = ("authorization", "proxy-authorization", "cookie", "x-api-key", "x-app-key")


def kept_headers(request: Any) -> dict[str, str]:
    """The request's headers for the record, without credentials."""
    return {
        name.lower(): value
        for name, value in request.headers.items()
        if name.lower() not in SECRET_HEADERS and "token" not in name.lower()
    }


def body_digest(body: bytes) -> str:
    """A dedupe key for gateways whose messages carry no id of their own."""
    return "sha256:" + hashlib.sha256(body).hexdigest()


def store_notification(
    *, gateway: str, dedupe_key: str, request: Any
) -> tuple[PaymentNotification, bool]:
    """The stored notification and whether it is new (False: the same message came before).
    Committed at once, in its own transaction: it survives whatever processing does next."""
    headers = kept_headers(request)
    row = PaymentNotification(
        gateway=gateway,
        dedupe_key=dedupe_key[:512],
        method=request.method,
        path=request.path[:1000],
        query_string=request.META.get("QUERY_STRING", ""),
        headers=headers,
        body=bytes(request.body),
        remote_address=request.META.get("REMOTE_ADDR") or None,
    )
    try:
        with db_transaction.atomic():
            row.save()
    except IntegrityError:
        return PaymentNotification.objects.get(gateway=gateway, dedupe_key=dedupe_key[:512]), False
    return row, True


def finish_notification(
    notification: PaymentNotification,
    *,
    outcome: str,
    detail: str = "",
    transaction_id: int | None = None,
) -> None:
    """Record what became of it: accepted, rejected (forged, tampered, unknown) or failed."""
    PaymentNotification.objects.filter(pk=notification.pk).update(
        processed_at=timezone.now(),
        outcome=outcome,
        detail=detail[:2000],
        transaction_id=transaction_id,
    )
