import pytest

from backend.marketplace.models import Vendor, VendorStatus
from storefront_api.core.ids import to_global_id
from tests.factories import CentreFactory, VendorFactory

pytestmark = pytest.mark.django_db

VENDOR_CREATE = """
mutation VendorCreate($input: VendorCreateInput!) {
  vendorCreate(input: $input) {
    vendor { id name nameBn slug status centre { code } }
    errors { field code message }
  }
}
"""


def _input(centre, **fields):
    return {"input": {"centre": to_global_id("Centre", centre.pk), "name": "Haat Crafts", **fields}}


def _denied(content: dict) -> bool:
    return content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_entrepreneur_creates_own_vendor(api_client, entrepreneur, centre):
    # given
    variables = _input(centre, nameBn="হাট ক্রাফটস", phone="01712345678")

    # when
    data = api_client.as_user(entrepreneur).execute(VENDOR_CREATE, variables)["vendorCreate"]

    # then
    assert data["errors"] == []
    assert data["vendor"]["slug"] == "haat-crafts"
    assert data["vendor"]["status"] == "PENDING"
    assert data["vendor"]["nameBn"] == "হাট ক্রাফটস"
    assert data["vendor"]["centre"]["code"] == centre.code
    vendor = Vendor.objects.get()
    assert vendor.owner == entrepreneur
    assert vendor.status == VendorStatus.PENDING


def test_manager_creates_a_vendor_for_an_entrepreneur(
    api_client, vendor_manager, entrepreneur, centre
):
    # given
    variables = _input(centre, owner=to_global_id("User", entrepreneur.pk))

    # when
    data = api_client.as_user(vendor_manager).execute(VENDOR_CREATE, variables)["vendorCreate"]

    # then
    assert data["errors"] == []
    assert Vendor.objects.get().owner == entrepreneur


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"name": " "}, "name", "REQUIRED"),
        ({"phone": "12345"}, "phone", "INVALID"),
        ({"email": "nope"}, "email", "INVALID"),
        ({"slug": "bad slug!"}, "slug", "INVALID"),
        ({"slug": "taken"}, "slug", "UNIQUE"),
    ],
)
def test_vendor_create_input_errors(api_client, entrepreneur, centre, fields, field, code):
    # given
    VendorFactory(slug="taken")

    # when
    data = api_client.as_user(entrepreneur).execute(VENDOR_CREATE, _input(centre, **fields))

    # then
    errors = data["vendorCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, code)]
    assert data["vendorCreate"]["vendor"] is None
    assert Vendor.objects.count() == 1


def test_vendor_create_unknown_centre(api_client, entrepreneur):
    # given
    variables = {"input": {"centre": to_global_id("Centre", 999), "name": "Haat"}}

    # when
    data = api_client.as_user(entrepreneur).execute(VENDOR_CREATE, variables)["vendorCreate"]

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("centre", "NOT_FOUND")]
    assert not Vendor.objects.exists()


def test_vendor_create_unknown_owner(api_client, vendor_manager, centre):
    # given
    variables = _input(centre, owner=to_global_id("User", 999))

    # when
    data = api_client.as_user(vendor_manager).execute(VENDOR_CREATE, variables)["vendorCreate"]

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("owner", "NOT_FOUND")]
    assert not Vendor.objects.exists()


def test_vendor_create_owner_not_an_entrepreneur_of_the_centre(
    api_client, vendor_manager, customer_user, centre
):
    # given
    variables = _input(centre, owner=to_global_id("User", customer_user.pk))

    # when
    data = api_client.as_user(vendor_manager).execute(VENDOR_CREATE, variables)["vendorCreate"]

    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("owner", "INVALID")]
    assert not Vendor.objects.exists()


def test_vendor_create_denied_to_anonymous(api_client, centre):
    # when
    content = api_client.execute_raw(VENDOR_CREATE, _input(centre))

    # then
    assert _denied(content)
    assert content["data"]["vendorCreate"] is None
    assert not Vendor.objects.exists()


def test_vendor_create_denied_to_customer(api_client, customer_user, centre):
    # when
    content = api_client.as_user(customer_user).execute_raw(VENDOR_CREATE, _input(centre))

    # then
    assert _denied(content)
    assert not Vendor.objects.exists()


def test_vendor_create_denied_to_entrepreneur_of_another_centre(
    api_client, other_entrepreneur, centre
):
    # given
    CentreFactory().entrepreneurs.add(other_entrepreneur)

    # when
    content = api_client.as_user(other_entrepreneur).execute_raw(VENDOR_CREATE, _input(centre))

    # then
    assert _denied(content)
    assert not Vendor.objects.exists()


def test_entrepreneur_cannot_create_for_someone_else(
    api_client, entrepreneur, other_entrepreneur, centre
):
    # given
    centre.entrepreneurs.add(other_entrepreneur)
    variables = _input(centre, owner=to_global_id("User", other_entrepreneur.pk))

    # when
    content = api_client.as_user(entrepreneur).execute_raw(VENDOR_CREATE, variables)

    # then
    assert _denied(content)
    assert not Vendor.objects.exists()


def test_vendor_create_denied_to_staff_without_manage_vendors(
    api_client, staff_user, entrepreneur, centre
):
    # given
    variables = _input(centre, owner=to_global_id("User", entrepreneur.pk))

    # when
    content = api_client.as_user(staff_user).execute_raw(VENDOR_CREATE, variables)

    # then
    assert _denied(content)
    assert not Vendor.objects.exists()
