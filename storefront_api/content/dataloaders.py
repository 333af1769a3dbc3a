"""Loaders of content: pages, their types and menus; each relation of a page of them is one query,
whatever the page size (DESIGN.md "No N+1")."""

from __future__ import annotations

from backend.content import models
from storefront_api.core.dataloaders import (
    DataLoader,
    ModelByIdLoader,
    TranslationByIdAndLanguageLoader,
    group_by,
)


class PageByIdLoader(ModelByIdLoader):
    model = models.Page


class PageTypeByIdLoader(ModelByIdLoader):
    model = models.PageType


class MenuByIdLoader(ModelByIdLoader):
    model = models.Menu


class MenuItemByIdLoader(ModelByIdLoader):
    model = models.MenuItem


class MenuItemsByMenuIdLoader(DataLoader[int, list]):
    """Every item of each menu, in menu order (top level and nested alike)."""

    def batch_load(self, keys: list[int]) -> list[list]:
        items = group_by(
            models.MenuItem.objects.filter(menu_id__in=keys).order_by("sort_order", "pk"),
            lambda item: item.menu_id,
        )
        for item_list in items.values():
            for item in item_list:
                MenuItemByIdLoader(self.context).prime(item.pk, item)
        return [items.get(key, []) for key in keys]


class ChildrenByMenuItemIdLoader(DataLoader[int, list]):
    def batch_load(self, keys: list[int]) -> list[list]:
        children = group_by(
            models.MenuItem.objects.filter(parent_id__in=keys).order_by("sort_order", "pk"),
            lambda item: item.parent_id,
        )
        return [children.get(key, []) for key in keys]


class TranslationByMenuItemIdAndLanguageLoader(TranslationByIdAndLanguageLoader):
    model = models.MenuItemTranslation
    owner_field = "menu_item"


class TranslationByPageIdAndLanguageLoader(TranslationByIdAndLanguageLoader):
    model = models.PageTranslation
    owner_field = "page"
