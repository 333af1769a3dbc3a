"""Menus and pages that must not grow in SQL with their size (DESIGN.md "No N+1")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.content.models import (
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
)
from tests.factories import CategoryFactory


def _count(api_client, query, variables=None):
    with CaptureQueriesContext(connection) as captured:
        api_client.execute(query, variables)
    return len(captured)


MENU = """
query Menu {
  menu(slug: "navbar", channel: "bd") {
    name
    items {
      name url level
      category { name }
      page { title }
      translation(languageCode: EN) { name }
      children { name category { name } }
    }
  }
}
"""


@pytest.mark.parametrize("size", [1, 20])
def test_menu_query_count_does_not_grow_with_items(api_client, channel, size):
    # given a menu of `size` items, each with a category, a page and two children
    menu = Menu.objects.create(name="Navbar", slug="navbar")
    page_type = PageType.objects.create(name="Info", slug="info")
    for index in range(size):
        category = CategoryFactory()
        page = Page.objects.create(
            page_type=page_type, title=f"Page {index}", slug=f"page-{index}", is_published=True
        )
        item = MenuItem.objects.create(
            menu=menu, name=f"Item {index}", category=category, page=page, sort_order=index
        )
        MenuItemTranslation.objects.create(menu_item=item, language_code="en", name="Item")
        for child in range(2):
            MenuItem.objects.create(
                menu=menu, parent=item, level=1, name=f"Child {child}", category=category
            )
    # when the storefront reads the menu
    count = _count(api_client, MENU)
    # then the count does not depend on the number of items
    assert count == 6


PAGES = """
query Pages($first: Int) {
  pages(first: $first) {
    edges { node { title slug pageType { name } translation(languageCode: EN) { title } } }
  }
}
"""


@pytest.mark.parametrize("size", [1, 20])
def test_page_list_query_count_does_not_grow(api_client, db, size):
    # given `size` published pages with translations
    page_type = PageType.objects.create(name="Info", slug="info")
    for index in range(size):
        page = Page.objects.create(
            page_type=page_type, title=f"Page {index}", slug=f"page-{index}", is_published=True
        )
        PageTranslation.objects.create(page=page, language_code="en", title="Page")
    # when listed
    count = _count(api_client, PAGES, {"first": size})
    # then the count is the same for 1 and for 20
    assert count == 3
