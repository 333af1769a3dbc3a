"""Global IDs are accepted only in the one form `to_global_id` writes."""

from __future__ import annotations

import base64

import pytest
from django.core.exceptions import ValidationError
from graphql import GraphQLError

from backend.catalog.models import Product
from storefront_api.core.ids import (
    from_global_id_or_error,
    from_global_id_or_none,
    get_node_or_error,
    get_nodes_or_error,
    int_pk_or_error,
    int_pk_or_none,
    int_pks_or_error,
    parse_global_id,
    to_global_id,
)
from tests.factories import VendorFactory, create_listed_product

_BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def lenient_ids(type_name: str, pk: int) -> list[str]:
    """Spellings of `type_name:pk` that base64 decoders, `int()` or Django's integer fields read
    as the same row."""
    canonical = to_global_id(type_name, pk)
    spellings = [
        _b64(f"{type_name}: {pk}"),
        _b64(f"{type_name}:{pk} "),
        _b64(f"{type_name}:0{pk}"),
        _b64(f"{type_name}:+{pk}"),
        _b64(f"{type_name}:{str(pk).translate(_BANGLA_DIGITS)}"),
        _b64(f"{type_name}:{pk}\n"),
        f" {canonical}",
        f"{canonical}\n",
        f"{canonical[:4]} {canonical[4:]}",
    ]
    if canonical.endswith("="):
        unpadded = canonical.rstrip("=")
        # The last character's unused low bits are zero in the canonical form; set one.
        last = _ALPHABET[_ALPHABET.index(unpadded[-1]) + 1]
        spellings += [unpadded, f"{unpadded[:-1]}{last}{canonical[len(unpadded) :]}"]
    else:
        spellings += [f"{canonical}=", f"{canonical}===="]
    return spellings


# "Product:1" encodes without padding, "Product:12" with "==", "Product:123" with "=".
CASES = [
    (type_name, pk, bad)
    for type_name, pk in [("Product", 1), ("Product", 12), ("Product", 123)]
    for bad in lenient_ids(type_name, pk)
]


@pytest.mark.parametrize(("type_name", "pk", "bad"), CASES)
def test_every_decoder_refuses_a_lenient_spelling(type_name, pk, bad):
    # when and then: malformed, in each decoder's own way of saying so
    assert parse_global_id(bad) is None
    assert from_global_id_or_none(bad, type_name) is None
    assert from_global_id_or_none(bad) is None
    assert int_pk_or_none(bad, type_name) is None
    with pytest.raises(GraphQLError, match=r"^Invalid ID: "):
        from_global_id_or_error(bad, type_name)
    with pytest.raises(GraphQLError, match=r"^Invalid ID: "):
        int_pk_or_error(bad, type_name)
    with pytest.raises(GraphQLError, match=r"^Invalid ID: "):
        int_pks_or_error([to_global_id(type_name, pk), bad], type_name)


@pytest.mark.parametrize(("type_name", "pk"), [("Product", 1), ("Product", 12), ("Product", 123)])
def test_every_decoder_accepts_the_canonical_form(type_name, pk):
    canonical = to_global_id(type_name, pk)
    assert parse_global_id(canonical) == (type_name, str(pk))
    assert from_global_id_or_none(canonical, type_name) == str(pk)
    assert from_global_id_or_error(canonical, type_name) == str(pk)
    assert int_pk_or_none(canonical, type_name) == pk
    assert int_pk_or_error(canonical, type_name) == pk
    assert int_pks_or_error([canonical], type_name) == [pk]


@pytest.mark.parametrize(
    "bad",
    [
        _b64("Product:-1"),
        _b64("Product:1e3"),
        _b64("Product:1_000"),
        _b64("Product:١"),  # Arabic-Indic one
        _b64(f"Product:{2**63}"),
        _b64("Product:"),
        _b64(":1"),
        _b64("Product"),
        "",
        "প্রোডাক্ট",
        "UHJvZHVjdDox\x00",
    ],
)
def test_integer_decoders_refuse_what_is_not_a_canonical_integer(bad):
    assert int_pk_or_none(bad, "Product") is None
    with pytest.raises(GraphQLError, match=r"^Invalid ID: "):
        int_pk_or_error(bad, "Product")


def test_a_string_pk_is_canonical_when_it_round_trips():
    # Plugin ids are strings: any string is a pk, but only in its one encoding.
    assert from_global_id_or_none(to_global_id("Plugin", "haat.webhooks"), "Plugin") == (
        "haat.webhooks"
    )
    assert (
        from_global_id_or_none(to_global_id("Plugin", "haat.webhooks").rstrip("="), "Plugin")
        is None
    )


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", range(len(lenient_ids("Product", 1))))
def test_get_node_or_error_reports_a_lenient_spelling_as_malformed(channel, spelling):
    # given a product and a lenient spelling of its id
    product = create_listed_product(channel=channel)
    bad = lenient_ids("Product", product.pk)[spelling]
    # when and then: the invalid code when the caller gives one, the not-found code otherwise
    with pytest.raises(ValidationError) as invalid:
        get_node_or_error(Product, bad, "Product", field="id", invalid_code="GRAPHQL_ERROR")
    assert invalid.value.error_dict["id"][0].code == "GRAPHQL_ERROR"
    with pytest.raises(ValidationError) as missing:
        get_nodes_or_error(Product, [bad], "Product", field="ids", code="NOT_FOUND")
    assert missing.value.error_dict["ids"][0].code == "NOT_FOUND"
    # and the canonical id finds it
    assert (
        get_node_or_error(Product, to_global_id("Product", product.pk), "Product", field="id")
        == product
    )


PRODUCT = "query ($id: ID) { product(id: $id) { slug } }"
PRODUCTS_BY_IDS = (
    "query ($ids: [ID!]) { products(first: 5, filter: {ids: $ids}) { edges { node { slug } } } }"
)
VENDOR = "query ($id: ID) { vendor(id: $id) { slug } }"


@pytest.mark.django_db
def test_api_refuses_lenient_ids_as_it_refuses_malformed_ones(api_client, channel):
    # given a visible product of an approved vendor
    product = create_listed_product(channel=channel, vendor=VendorFactory(status="approved"))
    for bad in lenient_ids("Product", product.pk):
        # when a query names it by a lenient spelling, then it is an invalid ID (GRAPHQL_ERROR)
        single = api_client.execute_raw(PRODUCT, {"id": bad})
        assert single["data"] == {"product": None}
        assert [e["message"] for e in single["errors"]] == [
            f"Invalid ID: {bad}. Expected: Product."
        ]
        listed = api_client.execute_raw(PRODUCTS_BY_IDS, {"ids": [bad]})
        assert [e["message"] for e in listed["errors"]] == [
            f"Invalid ID: {bad}. Expected: Product."
        ]
    for bad in lenient_ids("Vendor", product.vendor_id):
        # a single vendor answers null for an ID it cannot resolve
        assert api_client.execute(VENDOR, {"id": bad}) == {"vendor": None}
    # and the canonical spellings still work
    assert api_client.execute(PRODUCT, {"id": to_global_id("Product", product.pk)}) == {
        "product": {"slug": product.slug}
    }
    assert api_client.execute(VENDOR, {"id": to_global_id("Vendor", product.vendor_id)}) == {
        "vendor": {"slug": product.vendor.slug}
    }
