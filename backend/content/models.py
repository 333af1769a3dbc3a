"""Content: pages and navigation menus (Saleor's `page` and `menu`). Menus link to categories,
collections and pages, so content sits above the catalogue."""

from __future__ import annotations

from django.db import models

from backend.catalog.models import Attribute, AttributeValue, Category, Collection
from backend.core.models import ModelWithMetadata, SortableModel


class PageType(ModelWithMetadata):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class Page(ModelWithMetadata):
    page_type = models.ForeignKey(PageType, related_name="pages", on_delete=models.PROTECT)
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    content = models.JSONField(blank=True, null=True)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("slug",)
        permissions = (
            ("manage_pages", "Manage pages."),
            ("manage_page_types_and_attributes", "Manage page types and attributes."),
        )

    def __str__(self) -> str:
        return self.title


class AttributePage(SortableModel):
    """An attribute a page type gives its pages (Saleor's page-type attributes)."""

    attribute = models.ForeignKey(Attribute, related_name="+", on_delete=models.CASCADE)
    page_type = models.ForeignKey(
        PageType, related_name="attribute_pages", on_delete=models.CASCADE
    )

    class Meta:
        unique_together = (("attribute", "page_type"),)
        ordering = ("sort_order", "pk")


class AssignedPageAttributeValue(SortableModel):
    """A value a page has for one of its page type's attributes."""

    value = models.ForeignKey(AttributeValue, related_name="+", on_delete=models.CASCADE)
    page = models.ForeignKey(Page, related_name="attribute_values", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("value", "page"),)
        ordering = ("sort_order", "pk")


class PageTranslation(models.Model):
    page = models.ForeignKey(Page, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    title = models.CharField(max_length=255, blank=True, null=True)
    content = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        unique_together = (("language_code", "page"),)


class Menu(ModelWithMetadata):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)

    class Meta:
        ordering = ("pk",)
        permissions = (("manage_menus", "Manage navigation."),)

    def __str__(self) -> str:
        return self.name


class MenuItem(SortableModel, ModelWithMetadata):
    menu = models.ForeignKey(Menu, related_name="items", on_delete=models.CASCADE)
    name = models.CharField(max_length=128)
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.CASCADE
    )
    level = models.PositiveSmallIntegerField(default=0)
    url = models.URLField(max_length=256, blank=True, null=True)
    category = models.ForeignKey(Category, blank=True, null=True, on_delete=models.CASCADE)
    collection = models.ForeignKey(Collection, blank=True, null=True, on_delete=models.CASCADE)
    page = models.ForeignKey(Page, blank=True, null=True, on_delete=models.CASCADE)

    class Meta:
        ordering = ("sort_order", "pk")

    def __str__(self) -> str:
        return self.name


class MenuItemTranslation(models.Model):
    menu_item = models.ForeignKey(MenuItem, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=128)

    class Meta:
        unique_together = (("language_code", "menu_item"),)
