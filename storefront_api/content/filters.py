"""Saleor's page and menu filters, and how they apply to querysets."""

from __future__ import annotations

import graphene
from django.db.models import QuerySet

from storefront_api.catalog.filters import MetadataFilter, metadata_q, search_text_q
from storefront_api.core.ids import int_pks_or_error


class MenuFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slug = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    slugs = graphene.List(graphene.NonNull(graphene.String))

    class Meta:
        description = "Which menus to list."


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))

    class Meta:
        description = "Which pages to list."


def filter_menus(menus: QuerySet, filter_input: dict | None) -> QuerySet:
    """Apply a `MenuFilterInput` (`slug` is Saleor's older name of `slugs`)."""
    if not filter_input:
        return menus
    slugs = (filter_input.get("slugs") or []) + (filter_input.get("slug") or [])
    if slugs:
        menus = menus.filter(slug__in=slugs)
    return menus.filter(
        search_text_q(filter_input.get("search"), "name", "slug")
        & metadata_q(filter_input.get("metadata"))
    )


def filter_pages(pages: QuerySet, filter_input: dict | None) -> QuerySet:
    """Apply a `PageFilterInput`."""
    if not filter_input:
        return pages
    if filter_input.get("ids"):
        pages = pages.filter(pk__in=int_pks_or_error(filter_input["ids"], "Page"))
    if filter_input.get("slugs"):
        pages = pages.filter(slug__in=filter_input["slugs"])
    if filter_input.get("page_types"):
        pages = pages.filter(
            page_type_id__in=int_pks_or_error(filter_input["page_types"], "PageType")
        )
    return pages.filter(
        search_text_q(filter_input.get("search"), "title", "slug")
        & metadata_q(filter_input.get("metadata"))
    )
