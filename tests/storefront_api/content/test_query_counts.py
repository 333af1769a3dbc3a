"""Menus and pages that must not grow in SQL with their size (DESIGN.md "No N+1")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.catalog.models import (
    Attribute,
    AttributeTranslation,
    AttributeType,
    AttributeValue,
)
from backend.content.models import (
    AssignedPageAttributeValue,
    AttributePage,
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
)
from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import CategoryFactory, UserFactory


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


PAGES_WITH_ATTRIBUTES = """
query Pages($first: Int) {
  pages(first: $first) {
    edges { node {
      title
      attributes {
        attribute { slug type translation(languageCode: EN) { name } }
        values { slug inputType translation(languageCode: EN) { name } }
      }
      pageType { slug hasPages attributes { slug visibleInStorefront } }
    } }
  }
}
"""


@pytest.mark.parametrize("size", [1, 20])
def test_page_attributes_query_count_does_not_grow(api_client, db, size):
    # given `size` pages, each of its own type with a visible and a hidden attribute, and a
    # value for each; read by a page manager (who sees hidden attributes and `hasPages`)
    for index in range(size):
        page_type = PageType.objects.create(name=f"Type {index}", slug=f"type-{index}")
        page = Page.objects.create(
            page_type=page_type, title=f"Page {index}", slug=f"page-{index}", is_published=True
        )
        for position, visible in enumerate((True, False)):
            attribute = Attribute.objects.create(
                slug=f"attribute-{index}-{position}",
                name="Attribute",
                type=AttributeType.PAGE_TYPE,
                visible_in_storefront=visible,
            )
            AttributeTranslation.objects.create(
                attribute=attribute, language_code="en", name="Attribute"
            )
            AttributePage.objects.create(
                attribute=attribute, page_type=page_type, sort_order=position
            )
            value = AttributeValue.objects.create(attribute=attribute, name="Value", slug="value")
            AssignedPageAttributeValue.objects.create(page=page, value=value)
    manager = UserFactory(is_staff=True, phone=None, email="pages@haat.test")
    grant(manager, PermissionEnum.MANAGE_PAGES)
    client = api_client.as_user(manager)
    # when listed with their attributes, values and types
    data = client.execute(PAGES_WITH_ATTRIBUTES, {"first": size})
    count = _count(client, PAGES_WITH_ATTRIBUTES, {"first": size})
    # then every page has both attributes, and the count is the same for 1 and for 20
    assert [len(edge["node"]["attributes"]) for edge in data["pages"]["edges"]] == [2] * size
    assert count == 10
