"""ShippingMethod and VendorShipping as the checkout shows them, from what the domain returns.

The checkout's fields come with the checkout; here the types are served by a one-field schema
through the real executor (the request's loaders and all)."""

from __future__ import annotations

from decimal import Decimal

import graphene
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from graphql_relay import to_global_id

from plugins.framework.interface import ParcelData, ShippingMethodData
from storefront_api.shipping.types import ShippingMethod, VendorShipping, vendor_parcels
from storefront_api.views import execute_query
from tests.factories import VendorFactory

pytestmark = pytest.mark.django_db

POST = ShippingMethodData(
    id="7",
    name="Postal parcel",
    price=Decimal(130),
    description={"blocks": [{"type": "paragraph", "data": {"text": "By post"}}]},
    type="weight",
    minimum_delivery_days=3,
    maximum_delivery_days=7,
    minimum_order_price=Decimal(100),
    metadata={"carrier": "bdpost"},
    private_metadata={"contract": "secret"},
    parcel_prices=(),
)


def _run(query: str, method: ShippingMethodData, parcels: tuple[ParcelData, ...]) -> dict:
    class Query(graphene.ObjectType):
        method = graphene.Field(ShippingMethod)
        parcels = graphene.List(graphene.NonNull(VendorShipping))

        @staticmethod
        def resolve_method(_root, _info):
            return method

        @staticmethod
        def resolve_parcels(_root, _info):
            return vendor_parcels(parcels, method)

    request = RequestFactory().post("/graphql/")
    request.user = AnonymousUser()
    body, _status = execute_query(
        request,
        {"query": query},
        graphene.Schema(query=Query).graphql_schema,
    )
    return body


def test_a_shipping_method_reads_as_saleors():
    # when
    body = _run(
        """{ method {
            id name description type price { amount currency }
            minimumOrderPrice { amount } maximumOrderPrice { amount }
            minimumDeliveryDays maximumDeliveryDays active message
            metadata { key value } metafield(key: "carrier")
            translation(languageCode: BN) { name }
        } }""",
        POST,
        (),
    )

    # then
    assert "errors" not in body
    assert body["data"]["method"] == {
        "id": to_global_id("ShippingMethod", "7"),
        "name": "Postal parcel",
        "description": '{"blocks": [{"type": "paragraph", "data": {"text": "By post"}}]}',
        "type": "WEIGHT",
        "price": {"amount": 130.0, "currency": "BDT"},
        "minimumOrderPrice": {"amount": 100.0},
        "maximumOrderPrice": None,
        "minimumDeliveryDays": 3,
        "maximumDeliveryDays": 7,
        "active": True,
        "message": None,
        "metadata": [{"key": "carrier", "value": "bdpost"}],
        "metafield": "bdpost",
        "translation": None,
    }


def test_private_metadata_of_a_method_needs_manage_shipping():
    body = _run("{ method { privateMetadata { key } } }", POST, ())

    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_each_vendors_parcel_shows_its_vendor_weight_and_price(django_assert_max_num_queries):
    # given a method priced for three vendors' parcels
    vendors = [VendorFactory() for _ in range(3)]
    parcels = tuple(
        ParcelData(vendor.pk, None, Decimal(index + 1) / 2, Decimal(100))
        for index, vendor in enumerate(vendors)
    )
    method = ShippingMethodData(
        id="7",
        name="Post",
        price=Decimal(180),
        parcel_prices=tuple((vendor.pk, Decimal(60)) for vendor in vendors),
    )

    # when (the vendors in one query)
    with django_assert_max_num_queries(1):
        body = _run(
            "{ parcels { vendor { name } weight { unit value } price { amount currency } } }",
            method,
            parcels,
        )

    # then
    assert body["data"]["parcels"] == [
        {
            "vendor": {"name": vendor.name},
            "weight": {"unit": "KG", "value": (index + 1) / 2},
            "price": {"amount": 60.0, "currency": "BDT"},
        }
        for index, vendor in enumerate(vendors)
    ]
