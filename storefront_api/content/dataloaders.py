"""Loaders of content: pages, their types and menus; each relation of a page of them is one query,
whatever the page size (DESIGN.md "No N+1")."""

from __future__ import annotations

from backend.catalog.models import Attribute, AttributeValue
from backend.content import models
from backend.content.selectors import can_manage_pages, visible_page_attributes
from storefront_api.catalog.dataloaders import AttributeByIdLoader
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


class HasPagesByPageTypeIdLoader(DataLoader[int, bool]):
    def batch_load(self, keys: list[int]) -> list[bool]:
        used = set(
            models.Page.objects.filter(page_type_id__in=keys)
            .order_by()
            .values_list("page_type_id", flat=True)
            .distinct()
        )
        return [key in used for key in keys]


class AttributesByPageTypeIdLoader(DataLoader[int, list[Attribute]]):
    """Each page type's attributes in sort order; hidden ones (not visible in the storefront)
    only for page managers."""

    def batch_load(self, keys: list[int]) -> list[list[Attribute]]:
        assignments = (
            visible_page_attributes(can_see_all=can_manage_pages(self.context.user))
            .filter(page_type_id__in=keys)
            .select_related("attribute")
        )
        attributes = group_by(assignments, lambda assignment: assignment.page_type_id)
        # Their values ask for the attribute again (`inputType`): serve it from here.
        by_id = AttributeByIdLoader(self.context)
        for assignment in assignments:
            by_id.prime(assignment.attribute_id, assignment.attribute)
        return [[assignment.attribute for assignment in attributes.get(key, [])] for key in keys]


class AttributeValuesByPageIdLoader(DataLoader[int, list[AttributeValue]]):
    """The values each page has, for any attribute, in sort order."""

    def batch_load(self, keys: list[int]) -> list[list[AttributeValue]]:
        assigned = group_by(
            models.AssignedPageAttributeValue.objects.filter(page_id__in=keys)
            .select_related("value")
            .order_by("sort_order", "pk"),
            lambda assignment: assignment.page_id,
        )
        return [[assignment.value for assignment in assigned.get(key, [])] for key in keys]


def selected_attributes(
    attributes: list[Attribute], values: list[AttributeValue]
) -> list[tuple[Attribute, list[AttributeValue]]]:
    """Every attribute of a page's type with the page's values for it (none when it has none),
    as Saleor's `Page.attributes`; values of attributes the viewer may not see are left out."""
    by_attribute = group_by(values, lambda value: value.attribute_id)
    return [(attribute, by_attribute.get(attribute.pk, [])) for attribute in attributes]
