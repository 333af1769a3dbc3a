"""Pages and menus, shown read-only: no domain function writes them yet (the content API will)."""

from django.contrib import admin

from backend.core.admin_base import ReadOnlyAdmin, ReadOnlyInline

from . import models


@admin.register(models.PageType)
class PageTypeAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    list_filter = ("pages__is_published",)


@admin.register(models.Page)
class PageAdmin(ReadOnlyAdmin):
    list_display = ("title", "slug", "page_type", "is_published")
    list_filter = ("is_published", "page_type")
    search_fields = ("title", "slug")


class MenuItemInline(ReadOnlyInline):
    model = models.MenuItem
    fk_name = "menu"
    fields = ("name", "parent", "url", "category", "collection", "page", "sort_order")
    readonly_fields = fields


@admin.register(models.Menu)
class MenuAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    list_filter = ("items__level",)
    inlines = (MenuItemInline,)


@admin.register(models.MenuItem)
class MenuItemAdmin(ReadOnlyAdmin):
    list_display = ("name", "menu", "parent", "level")
    list_filter = ("menu", "level")
    search_fields = ("name",)


for _model, _search in (
    (models.PageTranslation, ("title", "page__title")),
    (models.MenuItemTranslation, ("name", "menu_item__name")),
):
    admin.site.register(
        _model,
        type(
            f"{_model.__name__}Admin",
            (ReadOnlyAdmin,),
            {"search_fields": _search, "list_filter": ("language_code",)},
        ),
    )

for _model, _search, _filter in (
    (models.AttributePage, ("attribute__name",), ("page_type",)),
    (models.AssignedPageAttributeValue, ("page__title",), ("value__attribute",)),
):
    admin.site.register(
        _model,
        type(
            f"{_model.__name__}Admin",
            (ReadOnlyAdmin,),
            {"search_fields": _search, "list_filter": _filter},
        ),
    )
