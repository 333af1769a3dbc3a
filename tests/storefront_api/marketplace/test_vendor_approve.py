import pytest

from backend.core.permissions import MANAGE_VENDORS
from backend.marketplace.models import VendorStatus
from storefront_api.core.ids import to_global_id
from tests.conftest import grant
from tests.factories import VendorFactory

pytestmark = pytest.mark.django_db

VENDOR_APPROVE = """
mutation VendorApprove($id: ID!) {
  vendorApprove(id: $id) {
    vendor { id status }
    errors { field code message }
  }
}
"""


def _variables(vendor) -> dict:
    return {"id": to_global_id("Vendor", vendor.pk)}


def _assert_denied_and_unchanged(content: dict, vendor) -> None:
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert content["data"]["vendorApprove"] is None
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.PENDING


def test_manager_approves_a_pending_vendor(api_client, vendor_manager):
    # given
    vendor = VendorFactory(status=VendorStatus.PENDING)

    # when
    data = api_client.as_user(vendor_manager).execute(VENDOR_APPROVE, _variables(vendor))

    # then
    assert data["vendorApprove"]["errors"] == []
    assert data["vendorApprove"]["vendor"]["status"] == "APPROVED"
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.APPROVED
    assert vendor.approved_by == vendor_manager


def test_approve_an_approved_vendor(api_client, vendor_manager):
    # given
    vendor = VendorFactory(status=VendorStatus.APPROVED)

    # when
    data = api_client.as_user(vendor_manager).execute(VENDOR_APPROVE, _variables(vendor))

    # then
    errors = data["vendorApprove"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "INVALID_STATUS")]
    assert data["vendorApprove"]["vendor"] is None
    vendor.refresh_from_db()
    assert vendor.approved_by is None


def test_approve_an_unknown_vendor(api_client, vendor_manager):
    # given
    variables = {"id": to_global_id("Vendor", 999)}

    # when
    data = api_client.as_user(vendor_manager).execute(VENDOR_APPROVE, variables)

    # then
    errors = data["vendorApprove"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "NOT_FOUND")]


def test_approve_denied_to_anonymous(api_client):
    # given
    vendor = VendorFactory(status=VendorStatus.PENDING)

    # when
    content = api_client.execute_raw(VENDOR_APPROVE, _variables(vendor))

    # then
    _assert_denied_and_unchanged(content, vendor)


def test_approve_denied_to_customer(api_client, customer_user):
    # given
    vendor = VendorFactory(status=VendorStatus.PENDING)

    # when
    content = api_client.as_user(customer_user).execute_raw(VENDOR_APPROVE, _variables(vendor))

    # then
    _assert_denied_and_unchanged(content, vendor)


def test_approve_denied_to_its_own_entrepreneur(api_client, entrepreneur):
    # given
    vendor = VendorFactory(status=VendorStatus.PENDING, owner=entrepreneur)

    # when
    content = api_client.as_user(entrepreneur).execute_raw(VENDOR_APPROVE, _variables(vendor))

    # then
    _assert_denied_and_unchanged(content, vendor)


def test_approve_denied_to_entrepreneur_of_another_vendor(api_client, other_vendor):
    # given
    vendor = VendorFactory(status=VendorStatus.PENDING)

    # when
    content = api_client.as_user(other_vendor.owner).execute_raw(VENDOR_APPROVE, _variables(vendor))

    # then
    _assert_denied_and_unchanged(content, vendor)


def test_approve_denied_to_staff_without_manage_vendors(api_client, product_manager):
    # given
    vendor = VendorFactory(status=VendorStatus.PENDING)

    # when
    content = api_client.as_user(product_manager).execute_raw(VENDOR_APPROVE, _variables(vendor))

    # then
    _assert_denied_and_unchanged(content, vendor)


def test_manage_vendors_is_enough(api_client, staff_user):
    # given
    grant(staff_user, MANAGE_VENDORS)
    vendor = VendorFactory(status=VendorStatus.SUSPENDED)

    # when
    data = api_client.as_user(staff_user).execute(VENDOR_APPROVE, _variables(vendor))

    # then
    assert data["vendorApprove"]["errors"] == []
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.APPROVED
