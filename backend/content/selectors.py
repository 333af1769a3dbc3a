"""Reads of pages: what a requestor may see."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from backend.core.permissions import PermissionEnum, has_permissions

from .models import AttributePage, Page


def can_manage_pages(user) -> bool:
    return has_permissions(user, [PermissionEnum.MANAGE_PAGES])


def visible_pages(*, can_see_all: bool, now: datetime | None = None) -> QuerySet[Page]:
    """Every page for page managers; published ones (now or earlier) for everyone else."""
    pages = Page.objects.all()
    if can_see_all:
        return pages
    now = now or timezone.now()
    return pages.filter(
        Q(is_published=True) & (Q(published_at__isnull=True) | Q(published_at__lte=now))
    )


def is_page_visible(page: Page, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return page.is_published and (page.published_at is None or page.published_at <= now)


def visible_page_attributes(*, can_see_all: bool) -> QuerySet[AttributePage]:
    """The page types' attribute assignments a viewer may see, in sort order: all of them for page
    managers, those visible in the storefront for everyone else (Saleor's rule)."""
    assignments = AttributePage.objects.order_by("sort_order", "pk")
    if can_see_all:
        return assignments
    return assignments.filter(attribute__visible_in_storefront=True)
