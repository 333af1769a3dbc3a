"""The voucher admin writes through the voucher services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from backend.discounts.models import Voucher
from tests.factories import UserFactory
from tests.voucher_factories import make_voucher

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Eid",
    "type": "ENTIRE_ORDER",
    "discount_value_type": "FIXED",
    "start_date_0": "2025-03-01",
    "start_date_1": "00:00:00",
    "end_date_0": "",
    "end_date_1": "",
    "add_codes": "EID10, EID-SMS",
}


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_adding_a_voucher_in_the_admin_creates_its_codes(admin_client):
    response = admin_client.post(reverse("admin:discounts_voucher_add"), FORM)
    assert response.status_code == 302
    voucher = Voucher.objects.get()
    assert sorted(voucher.codes.values_list("code", flat=True)) == ["EID-SMS", "EID10"]


def test_a_taken_code_is_an_error_on_the_form_and_nothing_is_saved(admin_client):
    make_voucher("eid10")
    response = admin_client.post(reverse("admin:discounts_voucher_add"), FORM)
    assert response.status_code == 200
    assert "Promo code eid10 already exists." in response.content.decode()
    assert Voucher.objects.count() == 1
