"""Loaders for apps, webhooks and their delivery log: a page of apps loads its tokens, webhooks
and permissions, and a page of deliveries its attempts and payloads, one query each."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from backend.apps.models import App, AppToken
from backend.core.permissions import PermissionEnum
from plugins.webhook.models import (
    EventDelivery,
    EventDeliveryAttempt,
    EventPayload,
    Webhook,
    WebhookEvent,
)
from storefront_api.core.connection import (
    Edge,
    Page,
    SortKey,
    _after_q,
    _decode,
    _encode,
    check_pagination_args,
)
from storefront_api.core.dataloaders import DataLoader, by_key, group_by

_HAAT_PERMISSIONS = {permission.value: permission for permission in PermissionEnum}


class AppByIdLoader(DataLoader[int, App | None]):
    def batch_load(self, keys: list[int]) -> list[App | None]:
        apps = by_key(App.objects.filter(pk__in=keys), lambda app: app.pk)
        return [apps.get(key) for key in keys]


class WebhookByIdLoader(DataLoader[int, Webhook | None]):
    def batch_load(self, keys: list[int]) -> list[Webhook | None]:
        webhooks = by_key(Webhook.objects.filter(pk__in=keys), lambda webhook: webhook.pk)
        return [webhooks.get(key) for key in keys]


class AppTokensByAppIdLoader(DataLoader[int, list[AppToken]]):
    def batch_load(self, keys: list[int]) -> list[list[AppToken]]:
        tokens = group_by(
            AppToken.objects.filter(app_id__in=keys).order_by("pk"), lambda token: token.app_id
        )
        return [tokens.get(key, []) for key in keys]


class WebhooksByAppIdLoader(DataLoader[int, list[Webhook]]):
    def batch_load(self, keys: list[int]) -> list[list[Webhook]]:
        webhooks = group_by(
            Webhook.objects.filter(app_id__in=keys).order_by("pk"),
            lambda webhook: webhook.app_id,
        )
        return [webhooks.get(key, []) for key in keys]


class PermissionsByAppIdLoader(DataLoader[int, list[tuple[PermissionEnum, str]]]):
    """The Saleor permissions each app holds, as (permission, name), by permission name."""

    def batch_load(self, keys: list[int]) -> list[list[tuple[PermissionEnum, str]]]:
        # App.permissions has no reverse accessor (related_name="+"): read the join table.
        rows = App.permissions.through.objects.filter(app_id__in=keys).values_list(
            "app_id",
            "permission__content_type__app_label",
            "permission__codename",
            "permission__name",
        )
        found: dict[int, list[tuple[PermissionEnum, str]]] = {}
        for app_id, app_label, codename, name in rows:
            permission = _HAAT_PERMISSIONS.get(f"{app_label}.{codename}")
            if permission is not None:
                found.setdefault(app_id, []).append((permission, name))
        return [sorted(found.get(key, []), key=lambda item: item[0].name) for key in keys]


class EventTypesByWebhookIdLoader(DataLoader[int, list[str]]):
    def batch_load(self, keys: list[int]) -> list[list[str]]:
        events = group_by(
            WebhookEvent.objects.filter(webhook_id__in=keys)
            .order_by("event_type")
            .values_list("webhook_id", "event_type"),
            lambda row: row[0],
        )
        return [[event_type for _, event_type in events.get(key, [])] for key in keys]


class PayloadByIdLoader(DataLoader[int, str | None]):
    def batch_load(self, keys: list[int]) -> list[str | None]:
        payloads = dict(EventPayload.objects.filter(pk__in=keys).values_list("pk", "payload"))
        return [payloads.get(key) for key in keys]


class AttemptsByDeliveryIdLoader(DataLoader[int, list[EventDeliveryAttempt]]):
    """Every attempt of each delivery, oldest first (a handful each: retries are capped)."""

    def batch_load(self, keys: list[int]) -> list[list[EventDeliveryAttempt]]:
        attempts = group_by(
            EventDeliveryAttempt.objects.filter(delivery_id__in=keys).order_by("created_at", "pk"),
            lambda attempt: attempt.delivery_id,
        )
        return [attempts.get(key, []) for key in keys]


@dataclass(frozen=True)
class DeliveryPageArgs:
    """What a page of one webhook's deliveries depends on besides the webhook (hashable)."""

    status: str | None = None
    event_type: str | None = None
    descending: bool = True
    first: int | None = None
    last: int | None = None
    after: str | None = None
    before: str | None = None


class DeliveryPageByWebhookIdLoader(DataLoader[tuple[int, DeliveryPageArgs], Page]):
    """A page of each webhook's deliveries, keyset-paginated like `paginate`, for many webhooks
    in one query: rows are numbered per webhook (ROW_NUMBER() OVER (PARTITION BY webhook)) and
    cut at the page size. Total counts come from one grouped query, on first demand."""

    def batch_load(self, keys: list[tuple[int, DeliveryPageArgs]]) -> list[Page]:
        by_args: dict[DeliveryPageArgs, list[int]] = {}
        for webhook_id, args in keys:
            by_args.setdefault(args, []).append(webhook_id)
        pages: dict[Hashable, Page] = {}
        for args, webhook_ids in by_args.items():
            for webhook_id, page in self._pages(webhook_ids, args).items():
                pages[(webhook_id, args)] = page
        return [pages[key] for key in keys]

    @staticmethod
    def _pages(webhook_ids: list[int], args: DeliveryPageArgs) -> dict[int, Page]:
        check_pagination_args("eventDeliveries", args.first, args.last)
        first, last = args.first, args.last
        if first is None and last is None:
            first = settings.GRAPHQL_PAGINATION_LIMIT
        keys = [SortKey("created_at", args.descending), SortKey("pk", args.descending)]
        backwards = last is not None and first is None
        size = last if backwards else first

        deliveries = EventDelivery.objects.filter(webhook_id__in=webhook_ids)
        if args.status:
            deliveries = deliveries.filter(status=args.status)
        if args.event_type:
            deliveries = deliveries.filter(event_type=args.event_type)
        filtered = deliveries
        if args.after:
            deliveries = deliveries.filter(_after_q(keys, _decode(args.after, 2), backwards=False))
        if args.before:
            deliveries = deliveries.filter(_after_q(keys, _decode(args.before, 2), backwards=True))

        def order(key: SortKey):
            descending = key.descending != backwards
            return F(key.name).desc() if descending else F(key.name).asc()

        ordering = [order(key) for key in keys]
        rows = (
            list(
                deliveries.annotate(
                    row_number=Window(
                        RowNumber(), partition_by=[F("webhook_id")], order_by=ordering
                    )
                )
                .filter(row_number__lte=size + 1)
                .order_by("webhook_id", *ordering)
            )
            if size
            else []
        )
        grouped = group_by(rows, lambda row: row.webhook_id)
        counts: dict[int, int] = {}

        def count_of(webhook_id: int) -> int:
            if not counts:
                counts.update(
                    filtered.values("webhook_id")
                    .annotate(total=Count("pk"))
                    .values_list("webhook_id", "total")
                )
                counts.setdefault(-1, 0)  # marks the query as run
            return counts.get(webhook_id, 0)

        pages = {}
        for webhook_id in webhook_ids:
            page_rows = grouped.get(webhook_id, [])
            has_more = len(page_rows) > size if size else False
            page_rows = page_rows[:size] if size else []
            if backwards:
                page_rows.reverse()
            edges = [
                Edge(node=row, cursor=_encode([getattr(row, key.name) for key in keys]))
                for row in page_rows
            ]
            pages[webhook_id] = Page(
                edges=edges,
                page_info={
                    "has_next_page": has_more if not backwards else bool(args.before),
                    "has_previous_page": has_more if backwards else bool(args.after),
                    "start_cursor": edges[0].cursor if edges else None,
                    "end_cursor": edges[-1].cursor if edges else None,
                },
                count=lambda webhook_id=webhook_id: count_of(webhook_id),
            )
        return pages


def delivery_page_args(
    *, filter: dict | None = None, sort_by: dict | None = None, **pagination: Any
) -> DeliveryPageArgs:
    filter = filter or {}
    descending = True
    if sort_by:
        descending = str(getattr(sort_by["direction"], "value", sort_by["direction"])) == "desc"
    return DeliveryPageArgs(
        status=_value(filter.get("status")),
        event_type=_value(filter.get("event_type")),
        descending=descending,
        **pagination,
    )


def _value(item: Any) -> str | None:
    return None if item is None else str(getattr(item, "value", item))
