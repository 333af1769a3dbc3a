import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from storefront_api.marketplace.dataloaders import VendorByIdLoader
from storefront_api.places.dataloaders import CentreByIdLoader, DistrictByIdLoader
from storefront_api.views import _Context
from tests.factories import VendorFactory

pytestmark = pytest.mark.django_db


def request_context() -> _Context:
    """The context the GraphQL view gives resolvers, over an anonymous shopper's request."""
    request = RequestFactory().post("/graphql/", content_type="application/json")
    request.user = AnonymousUser()
    return _Context(request)


def test_vendor_by_id_loader_keeps_key_order_and_gives_none_for_missing():
    # given
    first, second = VendorFactory(), VendorFactory()
    loader = VendorByIdLoader(request_context())

    # when
    vendors = loader.batch_load([second.pk, 999, first.pk])

    # then
    assert vendors == [second, None, first]


def test_place_loaders_keep_key_order(django_assert_num_queries):
    # given
    vendor = VendorFactory()
    context = request_context()

    # when
    with django_assert_num_queries(2):
        centres = CentreByIdLoader(context).batch_load([vendor.centre_id, 0])
        districts = DistrictByIdLoader(context).batch_load([vendor.centre.district_id])

    # then
    assert centres == [vendor.centre, None]
    assert districts == [vendor.centre.district]
