"""Page attributes as Saleor: every attribute of the page's type in order, with the page's values
(none when it has none); hidden attributes only for page managers; `Attribute.type` the truth."""

from types import SimpleNamespace

import pytest

from backend.catalog.models import (
    Attribute,
    AttributeType,
    AttributeValue,
    AttributeValueTranslation,
)
from backend.content.models import AssignedPageAttributeValue, AttributePage, Page, PageType
from backend.core.permissions import PermissionEnum
from storefront_api.content.dataloaders import HasPagesByPageTypeIdLoader
from tests.conftest import grant
from tests.factories import UserFactory

QUERY = """
query Page($slug: String!) {
  page(slug: $slug) {
    attributes {
      attribute { slug type inputType }
      values { slug name inputType translation(languageCode: EN) { name } }
    }
    pageType { slug attributes { slug type } }
  }
}
"""


@pytest.fixture
def about(db):
    """An info page whose type has Audience, Author and a hidden Reviewer; the page names two
    authors (in its own order) and a reviewer, and no audience."""
    page_type = PageType.objects.create(name="Info", slug="info")
    author = Attribute.objects.create(slug="author", name="লেখক", type=AttributeType.PAGE_TYPE)
    audience = Attribute.objects.create(slug="audience", name="পাঠক", type=AttributeType.PAGE_TYPE)
    reviewer = Attribute.objects.create(
        slug="reviewer", name="Reviewer", type=AttributeType.PAGE_TYPE, visible_in_storefront=False
    )
    AttributePage.objects.create(attribute=author, page_type=page_type, sort_order=2)
    AttributePage.objects.create(attribute=audience, page_type=page_type, sort_order=1)
    AttributePage.objects.create(attribute=reviewer, page_type=page_type, sort_order=3)
    team = AttributeValue.objects.create(attribute=author, name="হাট টিম", slug="haat-team")
    AttributeValueTranslation.objects.create(
        attribute_value=team, language_code="en", name="Haat team"
    )
    desk = AttributeValue.objects.create(attribute=author, name="সহায়তা ডেস্ক", slug="desk")
    AttributeValue.objects.create(attribute=audience, name="ক্রেতা", slug="customers")
    legal = AttributeValue.objects.create(attribute=reviewer, name="Legal", slug="legal")
    page = Page.objects.create(page_type=page_type, title="About", slug="about", is_published=True)
    AssignedPageAttributeValue.objects.create(page=page, value=desk, sort_order=2)
    AssignedPageAttributeValue.objects.create(page=page, value=team, sort_order=1)
    AssignedPageAttributeValue.objects.create(page=page, value=legal)
    return page


AUDIENCE = {
    "attribute": {"slug": "audience", "type": "PAGE_TYPE", "inputType": "DROPDOWN"},
    "values": [],
}
AUTHOR = {
    "attribute": {"slug": "author", "type": "PAGE_TYPE", "inputType": "DROPDOWN"},
    "values": [
        {
            "slug": "haat-team",
            "name": "হাট টিম",
            "inputType": "DROPDOWN",
            "translation": {"name": "Haat team"},
        },
        {"slug": "desk", "name": "সহায়তা ডেস্ক", "inputType": "DROPDOWN", "translation": None},
    ],
}
REVIEWER = {
    "attribute": {"slug": "reviewer", "type": "PAGE_TYPE", "inputType": "DROPDOWN"},
    "values": [{"slug": "legal", "name": "Legal", "inputType": "DROPDOWN", "translation": None}],
}


def test_a_shopper_sees_the_visible_attributes_in_order_with_the_page_values(api_client, about):
    # when an anonymous shopper opens the page
    data = api_client.execute(QUERY, {"slug": "about"})["page"]
    # then every visible attribute of the type comes in order, an empty one with no values,
    # and the hidden reviewer is left out
    assert data["attributes"] == [AUDIENCE, AUTHOR]
    assert data["pageType"] == {
        "slug": "info",
        "attributes": [
            {"slug": "audience", "type": "PAGE_TYPE"},
            {"slug": "author", "type": "PAGE_TYPE"},
        ],
    }


@pytest.mark.parametrize(
    "permission",
    [None, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_PAGE_TYPES_AND_ATTRIBUTES],
)
def test_staff_without_manage_pages_see_what_shoppers_see(api_client, about, permission):
    # given staff without MANAGE_PAGES
    staff = UserFactory(is_staff=True, phone=None, email="staff@haat.test")
    if permission is not None:
        grant(staff, permission)
    # when they open the page
    data = api_client.as_user(staff).execute(QUERY, {"slug": "about"})["page"]
    # then the hidden attribute is left out, as for shoppers
    assert data["attributes"] == [AUDIENCE, AUTHOR]
    assert [item["slug"] for item in data["pageType"]["attributes"]] == ["audience", "author"]


def test_page_managers_see_hidden_attributes_too(api_client, about):
    # given staff with MANAGE_PAGES
    staff = UserFactory(is_staff=True, phone=None, email="pages@haat.test")
    grant(staff, PermissionEnum.MANAGE_PAGES)
    # when they open the page
    data = api_client.as_user(staff).execute(QUERY, {"slug": "about"})["page"]
    # then the hidden reviewer comes too, with its value
    assert data["attributes"] == [AUDIENCE, AUTHOR, REVIEWER]
    assert [item["slug"] for item in data["pageType"]["attributes"]] == [
        "audience",
        "author",
        "reviewer",
    ]


def test_a_page_whose_type_has_no_attributes_has_none(api_client, db):
    # given a page of a type without attributes
    page_type = PageType.objects.create(name="Help", slug="help")
    Page.objects.create(page_type=page_type, title="Help", slug="help", is_published=True)
    # when / then
    assert api_client.execute(QUERY, {"slug": "help"}) == {
        "page": {"attributes": [], "pageType": {"slug": "help", "attributes": []}}
    }


HAS_PAGES = """{ pages(first: 5) { edges { node { slug pageType { slug hasPages } } } } }"""


@pytest.mark.parametrize(
    "permission", [PermissionEnum.MANAGE_PAGES, PermissionEnum.MANAGE_PAGE_TYPES_AND_ATTRIBUTES]
)
def test_has_pages_for_page_staff(api_client, about, permission):
    # given staff with one of Saleor's permissions for it
    staff = UserFactory(is_staff=True, phone=None, email="pages@haat.test")
    grant(staff, permission)
    # when / then the page's type has pages
    assert api_client.as_user(staff).execute(HAS_PAGES) == {
        "pages": {
            "edges": [{"node": {"slug": "about", "pageType": {"slug": "info", "hasPages": True}}}]
        }
    }


def test_has_pages_loader_answers_in_key_order(about):
    # given a page type no page uses (the API reaches page types only through their pages)
    unused = PageType.objects.create(name="Unused", slug="unused")
    # when the loader is asked for both types, unused first
    answers = HasPagesByPageTypeIdLoader(SimpleNamespace()).batch_load(
        [unused.pk, about.page_type_id]
    )
    # then the answers follow the keys
    assert answers == [False, True]


@pytest.mark.parametrize("who", ["anonymous", "customer", "staff"])
def test_has_pages_is_refused_without_the_permission(
    api_client, about, customer_user, staff_user, who
):
    # given a viewer without MANAGE_PAGES or MANAGE_PAGE_TYPES_AND_ATTRIBUTES
    client = {
        "anonymous": api_client,
        "customer": api_client.as_user(customer_user),
        "staff": api_client.as_user(staff_user),
    }[who]
    # when they ask whether the type has pages
    content = client.execute_raw(HAS_PAGES)
    # then a top-level PermissionDenied names Saleor's permissions, and the field is null
    assert content["data"] == {
        "pages": {
            "edges": [{"node": {"slug": "about", "pageType": {"slug": "info", "hasPages": None}}}]
        }
    }
    assert [error["message"] for error in content["errors"]] == [
        "You need one of the following permissions: MANAGE_PAGES, MANAGE_PAGE_TYPES_AND_ATTRIBUTES"
    ]
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
