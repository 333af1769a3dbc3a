"""Pages and menus, shown read-only: no domain function writes them yet (the content API will)."""

from django.contrib import admin

from backend.core.admin_base import ReadOnlyAdmin, ReadOnlyInline, register_read_only

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


register_read_only(
    models.PageTranslation, search_fields=("title", "page__title"), list_filter=("language_code",)
)
register_read_only(
    models.MenuItemTranslation,
    search_fields=("name", "menu_item__name"),
    list_filter=("language_code",),
)
register_read_only(
    models.AttributePage, search_fields=("attribute__name",), list_filter=("page_type",)
)
register_read_only(
    models.AssignedPageAttributeValue,
    search_fields=("page__title",),
    list_filter=("value__attribute",),
)
