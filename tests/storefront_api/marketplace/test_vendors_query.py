import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.marketplace.models import VendorStatus
from storefront_api.core.ids import to_global_id
from tests.factories import CentreFactory, VendorFactory

pytestmark = pytest.mark.django_db

VENDORS = """
query Vendors($first: Int, $after: String, $filter: VendorFilterInput) {
  vendors(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name slug status centre { code district { name division { name } } } } }
  }
}
"""

VENDOR = """
query Vendor($id: ID, $slug: String) {
  vendor(id: $id, slug: $slug) { id slug status }
}
"""


@pytest.fixture
def vendors_in_each_state(entrepreneur):
    return {
        "approved": VendorFactory(name="A approved", status=VendorStatus.APPROVED),
        "pending": VendorFactory(name="B pending", status=VendorStatus.PENDING),
        "suspended": VendorFactory(name="C suspended", status=VendorStatus.SUSPENDED),
        "own_pending": VendorFactory(
            name="D own pending", status=VendorStatus.PENDING, owner=entrepreneur
        ),
    }


def _names(data: dict) -> list[str]:
    return [edge["node"]["name"] for edge in data["vendors"]["edges"]]


def test_anonymous_sees_only_approved_vendors(api_client, vendors_in_each_state):
    # when
    data = api_client.execute(VENDORS)

    # then
    assert _names(data) == ["A approved"]
    assert data["vendors"]["totalCount"] == 1


def test_customer_cannot_ask_for_pending_vendors(api_client, customer_user, vendors_in_each_state):
    # when
    data = api_client.as_user(customer_user).execute(VENDORS, {"filter": {"status": ["PENDING"]}})

    # then
    assert _names(data) == []


def test_owner_also_sees_own_pending_vendor(api_client, entrepreneur, vendors_in_each_state):
    # when
    data = api_client.as_user(entrepreneur).execute(VENDORS)

    # then
    assert _names(data) == ["A approved", "D own pending"]


def test_staff_without_permission_sees_only_approved(api_client, staff_user, vendors_in_each_state):
    # when
    data = api_client.as_user(staff_user).execute(VENDORS)

    # then
    assert _names(data) == ["A approved"]


def test_manager_sees_all_and_filters_by_status(api_client, vendor_manager, vendors_in_each_state):
    # when
    everything = api_client.as_user(vendor_manager).execute(VENDORS)
    pending = api_client.as_user(vendor_manager).execute(
        VENDORS, {"filter": {"status": ["PENDING"]}}
    )

    # then
    assert _names(everything) == ["A approved", "B pending", "C suspended", "D own pending"]
    assert _names(pending) == ["B pending", "D own pending"]


def test_vendor_by_id_or_slug_hides_pending_from_the_public(
    api_client, entrepreneur, vendor_manager, vendors_in_each_state
):
    # given
    own = vendors_in_each_state["own_pending"]
    approved = vendors_in_each_state["approved"]
    by_id = {"id": to_global_id("Vendor", own.pk)}

    # when
    public = api_client.execute(VENDOR, by_id)["vendor"]
    owner = api_client.as_user(entrepreneur).execute(VENDOR, by_id)["vendor"]
    manager = api_client.as_user(vendor_manager).execute(VENDOR, by_id)["vendor"]
    approved_by_slug = api_client.execute(VENDOR, {"slug": approved.slug})["vendor"]

    # then
    assert public is None
    assert owner["status"] == "PENDING"
    assert manager["slug"] == own.slug
    assert approved_by_slug["id"] == to_global_id("Vendor", approved.pk)


def test_vendors_filter_by_search_and_centre(api_client):
    # given
    centre = CentreFactory()
    VendorFactory(name="Jamdani House", centre=centre)
    VendorFactory(name="Nakshi Kantha")
    VendorFactory(name="Jamdani Corner")

    # when
    by_search = api_client.execute(VENDORS, {"filter": {"search": "jamdani"}})
    by_centre = api_client.execute(
        VENDORS, {"filter": {"centres": [to_global_id("Centre", centre.pk)]}}
    )

    # then
    assert _names(by_search) == ["Jamdani Corner", "Jamdani House"]
    assert _names(by_centre) == ["Jamdani House"]


def test_vendors_keyset_pages(api_client):
    # given
    for index in range(5):
        VendorFactory(name=f"Vendor {index}")

    # when
    first = api_client.execute(VENDORS, {"first": 2})
    second = api_client.execute(
        VENDORS, {"first": 2, "after": first["vendors"]["pageInfo"]["endCursor"]}
    )

    # then
    assert _names(first) == ["Vendor 0", "Vendor 1"]
    assert first["vendors"]["pageInfo"]["hasNextPage"] is True
    assert _names(second) == ["Vendor 2", "Vendor 3"]


def test_vendors_query_count_does_not_grow_with_the_page(api_client):
    # given: every vendor at its own centre, district and division
    for _ in range(25):
        VendorFactory()

    # when
    with CaptureQueriesContext(connection) as one:
        small = api_client.execute(VENDORS, {"first": 1})
    with CaptureQueriesContext(connection) as many:
        large = api_client.execute(VENDORS, {"first": 25})

    # then
    assert len(_names(small)) == 1
    assert len(_names(large)) == 25
    assert len(one.captured_queries) == len(many.captured_queries)
