"""More lists that must not grow in SQL with their size: variants, menus, pages, and the
products of a category or collection (DESIGN.md "No N+1")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.catalog.models import Category, CollectionProduct
from backend.content.models import (
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
)
from tests.factories import (
    CategoryFactory,
    CollectionChannelListingFactory,
    CollectionFactory,
    create_listed_product,
)


def _count(api_client, query, variables=None):
    with CaptureQueriesContext(connection) as captured:
        api_client.execute(query, variables)
    return len(captured)


VARIANTS = """
query Variants($first: Int) {
  productVariants(first: $first, channel: "bd") {
    edges { node {
      id name sku quantityAvailable
      product { name category { name } }
      pricing { price { gross { amount currency } } }
      translation(languageCode: EN) { name }
    } }
  }
}
"""


@pytest.mark.parametrize("size", [1, 20])
def test_variant_list_query_count_does_not_grow(api_client, channel, size):
    # given `size` products of one variant each
    for _ in range(size):
        create_listed_product(channel=channel)
    # when the variants are listed with their products and prices
    count = _count(api_client, VARIANTS, {"first": size})
    # then the count is the same for 1 and for 20
    assert count == 6


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


NESTED_PRODUCTS = """
query Nested($slug: String!, $first: Int) {
  category(slug: $slug) {
    products(first: $first, channel: "bd") {
      edges { node { name pricing { priceRange { start { gross { amount } } } }
        variants { sku quantityAvailable } } }
    }
  }
  collection(slug: "eid", channel: "bd") {
    products(first: $first) {
      edges { node { name thumbnail { url } category { name } } }
    }
  }
}
"""


@pytest.mark.parametrize("size", [1, 20])
def test_products_of_a_category_and_a_collection_do_not_grow(api_client, channel, size):
    # given `size` products in one category and one collection
    category = CategoryFactory()
    collection = CollectionFactory(slug="eid")
    CollectionChannelListingFactory(collection=collection, channel=channel)
    for _ in range(size):
        product = create_listed_product(channel=channel, category=category)
        CollectionProduct.objects.create(collection=collection, product=product)
    # when both lists are read in one query
    count = _count(api_client, NESTED_PRODUCTS, {"slug": category.slug, "first": size})
    # then the count is the same for 1 and for 20
    assert count == 8
    assert Category.objects.count() == 1
