"""Menus and pages as the storefront reads them: nested items, and published pages only."""

from datetime import timedelta

from django.utils import timezone

from backend.content.models import Menu, MenuItem, MenuItemTranslation, Page, PageType
from tests.factories import CategoryFactory


def test_menu_with_nested_items(api_client, channel):
    # given a navbar: Food (a category) > Rice, and an unpublished page link
    food = CategoryFactory(name="Food", slug="food")
    menu = Menu.objects.create(name="navbar", slug="navbar")
    top = MenuItem.objects.create(menu=menu, name="Food", category=food)
    MenuItemTranslation.objects.create(menu_item=top, language_code="bn", name="খাবার")
    MenuItem.objects.create(menu=menu, name="Rice", parent=top, level=1, url="https://x.test/r")
    page = Page.objects.create(
        page_type=PageType.objects.create(name="Help", slug="help"), title="Hidden", slug="hidden"
    )
    MenuItem.objects.create(menu=menu, name="Hidden", page=page)
    # when the storefront reads the menu
    data = api_client.execute(
        """{ menu(slug: "navbar") { name items {
             name level url category { slug } page { slug }
             translation(languageCode: BN_BD) { name }
             children { name url parent { name } } } } }"""
    )
    # then the top-level items come with their children; the unpublished page is hidden
    items = data["menu"]["items"]
    assert [item["name"] for item in items] == ["Food", "Hidden"]
    assert items[0]["category"] == {"slug": "food"}
    assert items[0]["translation"] == {"name": "খাবার"}
    assert items[0]["children"] == [
        {"name": "Rice", "url": "https://x.test/r", "parent": {"name": "Food"}}
    ]
    assert items[1]["page"] is None


def test_pages_published_only(api_client, db):
    page_type = PageType.objects.create(name="Help", slug="help")
    Page.objects.create(page_type=page_type, title="About", slug="about", is_published=True)
    Page.objects.create(
        page_type=page_type,
        title="Soon",
        slug="soon",
        is_published=True,
        published_at=timezone.now() + timedelta(days=1),
    )
    data = api_client.execute(
        """{ pages(first: 10) { edges { node { slug title isPublished pageType { slug }
               attributes { attribute { slug } } } } }
             page(slug: "soon") { slug } }"""
    )
    assert data["pages"]["edges"] == [
        {
            "node": {
                "slug": "about",
                "title": "About",
                "isPublished": True,
                "pageType": {"slug": "help"},
                "attributes": [],
            }
        }
    ]
    assert data["page"] is None
