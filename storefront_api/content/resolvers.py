"""Resolvers of content's root query fields: pages (published ones for shoppers, all for page
staff) and navigation menus."""

from __future__ import annotations

from backend.content import models
from backend.content.selectors import can_manage_pages, visible_pages
from storefront_api.catalog.sorters import simple_sort_keys
from storefront_api.core.arguments import exactly_one_of
from storefront_api.core.connection import Page as ConnectionPage
from storefront_api.core.connection import paginate
from storefront_api.core.ids import int_pk_or_error

from .filters import filter_menus, filter_pages


def resolve_menu(info, *, channel=None, id=None, name=None, slug=None):
    lookups = exactly_one_of(id=id, name=name, slug=slug)
    if "id" in lookups:
        return models.Menu.objects.filter(pk=int_pk_or_error(id, "Menu")).first()
    if "name" in lookups:
        return models.Menu.objects.filter(name=name).first()
    return models.Menu.objects.filter(slug=slug).first()


def resolve_menus(info, *, channel=None, filter=None, sort_by=None, **kwargs) -> ConnectionPage:
    menus = filter_menus(models.Menu.objects.all(), filter)
    keys = simple_sort_keys(sort_by, default="name")
    return paginate(menus, keys=keys, connection_name="menus", **kwargs)


def resolve_page(info, *, id=None, slug=None, **_kwargs):
    lookups = exactly_one_of(id=id, slug=slug)
    pages = visible_pages(can_see_all=can_manage_pages(info.context.user))
    if "id" in lookups:
        return pages.filter(pk=int_pk_or_error(id, "Page")).first()
    return pages.filter(slug=slug).first()


def resolve_pages(info, *, filter=None, sort_by=None, **kwargs) -> ConnectionPage:
    pages = filter_pages(visible_pages(can_see_all=can_manage_pages(info.context.user)), filter)
    keys = simple_sort_keys(sort_by, default="slug")
    return paginate(pages, keys=keys, connection_name="pages", **kwargs)
