import pytest
from django.test import Client
from django.urls import reverse

from backend.marketplace.models import VendorStatus
from tests.factories import VendorFactory

pytestmark = pytest.mark.django_db


def test_admin_approve_action_approves_through_the_service(superuser):
    # given
    pending = VendorFactory(status=VendorStatus.PENDING)
    approved = VendorFactory(status=VendorStatus.APPROVED)
    client = Client()
    client.force_login(superuser)

    # when
    response = client.post(
        reverse("admin:marketplace_vendor_changelist"),
        {"action": "approve", "_selected_action": [pending.pk, approved.pk]},
        follow=True,
    )

    # then
    assert response.status_code == 200
    pending.refresh_from_db()
    approved.refresh_from_db()
    assert pending.status == VendorStatus.APPROVED
    assert pending.approved_by == superuser
    assert approved.approved_by is None
    texts = [str(message) for message in response.context["messages"]]
    assert "1 vendor(s) approved." in texts
    assert any("Cannot approve a vendor that is approved" in text for text in texts)


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:places_division_changelist",
        "admin:places_district_changelist",
        "admin:places_upazila_changelist",
        "admin:places_union_changelist",
        "admin:places_postoffice_changelist",
        "admin:places_centre_changelist",
        "admin:marketplace_vendor_changelist",
    ],
)
def test_admin_lists_search_and_filter(superuser, url_name):
    # given
    VendorFactory()
    client = Client()
    client.force_login(superuser)

    # when
    response = client.get(reverse(url_name), {"q": "a"})

    # then
    assert response.status_code == 200
