from django.contrib import admin

from . import models


@admin.register(models.PageType)
class PageTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    list_filter = ("pages__is_published",)


@admin.register(models.Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "page_type", "is_published")
    list_filter = ("is_published", "page_type")
    search_fields = ("title", "slug")


class MenuItemInline(admin.TabularInline):
    model = models.MenuItem
    extra = 0
    fk_name = "menu"
    fields = ("name", "parent", "url", "category", "collection", "page", "sort_order")


@admin.register(models.Menu)
class MenuAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    list_filter = ("items__level",)
    inlines = (MenuItemInline,)


@admin.register(models.MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
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
            (admin.ModelAdmin,),
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
            (admin.ModelAdmin,),
            {"search_fields": _search, "list_filter": _filter},
        ),
    )
