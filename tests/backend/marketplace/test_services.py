import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backend.core.permissions import MANAGE_VENDORS
from backend.marketplace.error_codes import VendorErrorCode
from backend.marketplace.models import Vendor, VendorStatus
from backend.marketplace.permissions import ensure_may_manage_vendors, ensure_may_open_vendor
from backend.marketplace.services import approve_vendor, create_vendor, suspend_vendor
from tests.conftest import grant
from tests.factories import CentreFactory, VendorFactory

pytestmark = pytest.mark.django_db


def _errors(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


@pytest.fixture
def vendor_manager(staff_user):
    grant(staff_user, MANAGE_VENDORS)
    return staff_user


def test_create_vendor_by_an_entrepreneur_of_the_centre(entrepreneur, centre):
    # given

    # when
    vendor = create_vendor(
        owner=entrepreneur, centre=centre, name="Sonar Bangla Crafts", phone="01812345678"
    )

    # then
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.PENDING
    assert vendor.slug == "sonar-bangla-crafts"
    assert vendor.owner == entrepreneur
    assert vendor.centre == centre
    assert vendor.phone == "+8801812345678"
    assert vendor.approved_at is None


def test_create_vendor_keeps_bangla_in_the_slug(entrepreneur, centre):
    # given

    # when
    vendor = create_vendor(owner=entrepreneur, centre=centre, name="সোনার বাংলা")

    # then
    assert vendor.slug == "সোনার-বাংলা"


def test_create_vendor_picks_a_free_slug(entrepreneur, centre):
    # given
    VendorFactory(slug="haat")
    VendorFactory(slug="haat-2")

    # when
    vendor = create_vendor(owner=entrepreneur, centre=centre, name="Haat")

    # then
    assert vendor.slug == "haat-3"


def test_create_vendor_with_a_taken_slug(entrepreneur, centre):
    # given
    VendorFactory(slug="haat")

    # when
    with pytest.raises(ValidationError) as error:
        create_vendor(owner=entrepreneur, centre=centre, name="Haat", slug="haat")

    # then
    assert _errors(error.value) == [("slug", VendorErrorCode.UNIQUE)]
    assert Vendor.objects.count() == 1


def test_create_vendor_reports_invalid_fields(entrepreneur, centre):
    # given

    # when
    with pytest.raises(ValidationError) as error:
        create_vendor(
            owner=entrepreneur,
            centre=centre,
            name="  ",
            slug="no spaces!",
            phone="123",
            email="not-an-email",
        )

    # then
    assert sorted(_errors(error.value)) == [
        ("email", VendorErrorCode.INVALID),
        ("name", VendorErrorCode.REQUIRED),
        ("phone", VendorErrorCode.INVALID),
        ("slug", VendorErrorCode.INVALID),
    ]
    assert not Vendor.objects.exists()


def test_create_vendor_at_a_closed_centre(entrepreneur, centre):
    # given
    centre.is_active = False
    centre.save()

    # when
    with pytest.raises(ValidationError) as error:
        create_vendor(owner=entrepreneur, centre=centre, name="Haat")

    # then
    assert _errors(error.value) == [("centre", VendorErrorCode.INVALID)]
    assert not Vendor.objects.exists()


def test_staff_creates_a_vendor_for_an_entrepreneur(vendor_manager, entrepreneur, centre):
    # given

    # when
    ensure_may_open_vendor(vendor_manager, owner=entrepreneur, centre=centre)
    vendor = create_vendor(owner=entrepreneur, centre=centre, name="Haat")

    # then
    assert vendor.owner == entrepreneur
    assert vendor.status == VendorStatus.PENDING


def test_staff_cannot_make_a_non_entrepreneur_an_owner(vendor_manager, customer_user, centre):
    # given

    # when
    with pytest.raises(ValidationError) as error:
        create_vendor(owner=customer_user, centre=centre, name="Haat")

    # then
    assert _errors(error.value) == [("owner", VendorErrorCode.INVALID)]
    assert not Vendor.objects.exists()


def test_entrepreneur_of_another_centre_is_denied(other_entrepreneur, centre):
    # given
    CentreFactory().entrepreneurs.add(other_entrepreneur)

    # when
    with pytest.raises(PermissionDenied):
        ensure_may_open_vendor(other_entrepreneur, owner=other_entrepreneur, centre=centre)

    # then
    assert not Vendor.objects.exists()


def test_customer_is_denied(customer_user, centre):
    # given

    # when
    with pytest.raises(PermissionDenied):
        ensure_may_open_vendor(customer_user, owner=customer_user, centre=centre)

    # then
    assert not Vendor.objects.exists()


def test_entrepreneur_cannot_open_a_shop_for_someone_else(entrepreneur, other_entrepreneur, centre):
    # given
    centre.entrepreneurs.add(other_entrepreneur)

    # when
    with pytest.raises(PermissionDenied):
        ensure_may_open_vendor(entrepreneur, owner=other_entrepreneur, centre=centre)

    # then
    assert not Vendor.objects.exists()


def test_approve_a_pending_vendor(vendor_manager):
    # given
    vendor = VendorFactory(status=VendorStatus.PENDING)

    # when
    approved = approve_vendor(vendor=vendor, approved_by=vendor_manager)

    # then
    vendor.refresh_from_db()
    assert approved.status == vendor.status == VendorStatus.APPROVED
    assert vendor.approved_by == vendor_manager
    assert vendor.approved_at is not None


def test_approve_a_suspended_vendor(vendor_manager):
    # given
    vendor = VendorFactory(status=VendorStatus.SUSPENDED)

    # when
    approve_vendor(vendor=vendor, approved_by=vendor_manager)

    # then
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.APPROVED


def test_approve_an_approved_vendor(vendor_manager):
    # given
    vendor = VendorFactory(status=VendorStatus.APPROVED)

    # when
    with pytest.raises(ValidationError) as error:
        approve_vendor(vendor=vendor, approved_by=vendor_manager)

    # then
    assert _errors(error.value) == [("status", VendorErrorCode.INVALID_STATUS)]
    vendor.refresh_from_db()
    assert vendor.approved_by is None


def test_second_of_two_racing_approvals_changes_nothing(vendor_manager, superuser):
    # given: two requests loaded the same pending vendor
    vendor = VendorFactory(status=VendorStatus.PENDING)
    stale_copy = Vendor.objects.get(pk=vendor.pk)
    approve_vendor(vendor=vendor, approved_by=vendor_manager)

    # when
    with pytest.raises(ValidationError) as error:
        approve_vendor(vendor=stale_copy, approved_by=superuser)

    # then
    assert _errors(error.value) == [("status", VendorErrorCode.INVALID_STATUS)]
    vendor.refresh_from_db()
    assert vendor.approved_by == vendor_manager


def test_approve_without_permission(staff_user):
    # given
    vendor = VendorFactory(status=VendorStatus.PENDING)

    # when
    with pytest.raises(PermissionDenied):
        ensure_may_manage_vendors(staff_user)

    # then
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.PENDING


def test_suspend_an_approved_vendor_then_again(vendor_manager):
    # given
    vendor = VendorFactory(status=VendorStatus.APPROVED)

    # when
    suspend_vendor(vendor=vendor)
    with pytest.raises(ValidationError) as error:
        suspend_vendor(vendor=vendor)

    # then
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.SUSPENDED
    assert _errors(error.value) == [("status", VendorErrorCode.INVALID_STATUS)]


def test_create_vendor_refuses_a_name_longer_than_its_column(entrepreneur, centre):
    # when the name is longer than the column holds
    with pytest.raises(ValidationError) as error:
        create_vendor(owner=entrepreneur, centre=centre, name="ক" * 10_000)
    # then it is a field error, not a database error, and nothing is stored
    assert _errors(error.value) == [("name", VendorErrorCode.INVALID)]
    assert not Vendor.objects.exists()
