import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core.permissions import MANAGE_CENTRES
from backend.marketplace.models import VendorStatus
from backend.places.models import CentreKind
from storefront_api.core.ids import to_global_id
from tests.conftest import grant
from tests.factories import (
    CentreFactory,
    DistrictFactory,
    PostOfficeFactory,
    UnionFactory,
    UpazilaFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db

CENTRES = """
query Centres($first: Int, $filter: CentreFilterInput) {
  centres(first: $first, filter: $filter) {
    totalCount
    edges {
      node {
        id code name nameBn kind address phone openingHours isActive
        district { name division { name } }
        union { name upazila { name district { name } } }
        postOffice { postcode name nameBn thana district { name } }
        vendors { name status }
      }
    }
  }
}
"""

CENTRE = """
query Centre($id: ID, $code: String) {
  centre(id: $id, code: $code) { code kind vendors { name } }
}
"""


def _full_centre(code: str, **fields):
    district = DistrictFactory()
    centre = CentreFactory(
        code=code,
        district=district,
        union=UnionFactory(upazila=UpazilaFactory(district=district)),
        post_office=PostOfficeFactory(district=district),
        opening_hours={"sat": "09:00-17:00"},
        **fields,
    )
    VendorFactory(centre=centre, name=f"{code} approved", status=VendorStatus.APPROVED)
    VendorFactory(centre=centre, name=f"{code} pending", status=VendorStatus.PENDING)
    return centre


def _codes(data: dict) -> list[str]:
    return [edge["node"]["code"] for edge in data["centres"]["edges"]]


def test_centres_with_their_places_and_public_vendors(api_client):
    # given
    centre = _full_centre("UDC-1", name_bn="সুবিল")

    # when
    data = api_client.execute(CENTRES)

    # then
    node = data["centres"]["edges"][0]["node"]
    assert node["id"] == to_global_id("Centre", centre.pk)
    assert node["kind"] == "DIGITAL_CENTRE"
    assert node["nameBn"] == "সুবিল"
    assert node["openingHours"] == '{"sat": "09:00-17:00"}'
    assert node["district"]["name"] == centre.district.name
    assert node["union"]["upazila"]["district"]["name"] == centre.district.name
    assert node["postOffice"]["postcode"] == centre.post_office.postcode
    assert node["vendors"] == [{"name": "UDC-1 approved", "status": "APPROVED"}]


def test_vendor_manager_sees_pending_vendors_of_a_centre(api_client, staff_user):
    # given
    from backend.core.permissions import MANAGE_VENDORS

    grant(staff_user, MANAGE_VENDORS)
    _full_centre("UDC-1")

    # when
    data = api_client.as_user(staff_user).execute(CENTRES)

    # then
    names = [v["name"] for v in data["centres"]["edges"][0]["node"]["vendors"]]
    assert names == ["UDC-1 approved", "UDC-1 pending"]


def test_centres_filters(api_client):
    # given
    dhaka = DistrictFactory(name="Dhaka", name_bn="ঢাকা")
    CentreFactory(code="UDC-1", name="Subil", district=dhaka)
    CentreFactory(code="EPC-1", name="GPO", kind=CentreKind.E_POST_CENTRE, district=dhaka)
    other = CentreFactory(code="CSC-1", kind=CentreKind.CITIZEN_SERVICE_CENTRE)

    # when
    by_search = api_client.execute(CENTRES, {"filter": {"search": "ঢাকা"}})
    by_kind = api_client.execute(CENTRES, {"filter": {"kind": ["E_POST_CENTRE"]}})
    by_district = api_client.execute(
        CENTRES, {"filter": {"district": [to_global_id("District", dhaka.pk)]}}
    )
    by_division = api_client.execute(
        CENTRES, {"filter": {"division": [to_global_id("Division", other.district.division_id)]}}
    )

    # then
    assert _codes(by_search) == ["EPC-1", "UDC-1"]
    assert _codes(by_kind) == ["EPC-1"]
    assert _codes(by_district) == ["EPC-1", "UDC-1"]
    assert _codes(by_division) == ["CSC-1"]


def test_closed_centres_only_for_centre_managers(api_client, staff_user):
    # given
    CentreFactory(code="OPEN")
    CentreFactory(code="SHUT", is_active=False)

    # when
    public = api_client.execute(CENTRES)
    grant(staff_user, MANAGE_CENTRES)
    manager = api_client.as_user(staff_user).execute(CENTRES, {"filter": {"isActive": False}})

    # then
    assert _codes(public) == ["OPEN"]
    assert _codes(manager) == ["SHUT"]


def test_centre_by_id_and_code(api_client):
    # given
    centre = _full_centre("UDC-7")

    # when
    by_id = api_client.execute(CENTRE, {"id": to_global_id("Centre", centre.pk)})["centre"]
    by_code = api_client.execute(CENTRE, {"code": "UDC-7"})["centre"]
    missing = api_client.execute(CENTRE, {"code": "NONE"})["centre"]

    # then
    assert (
        by_id
        == by_code
        == {
            "code": "UDC-7",
            "kind": "DIGITAL_CENTRE",
            "vendors": [{"name": "UDC-7 approved"}],
        }
    )
    assert missing is None


def test_centres_query_count_does_not_grow_with_the_page(api_client):
    # given
    for index in range(21):
        _full_centre(f"UDC-{index:02d}")

    # when
    with CaptureQueriesContext(connection) as one:
        small = api_client.execute(CENTRES, {"first": 1})
    with CaptureQueriesContext(connection) as many:
        large = api_client.execute(CENTRES, {"first": 21})

    # then
    assert len(_codes(small)) == 1
    assert len(_codes(large)) == 21
    assert len(one.captured_queries) == len(many.captured_queries)
