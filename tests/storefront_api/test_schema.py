"""The schema contract: the committed SDL is current, and Haat speaks Saleor 3.21 where it overlaps.

For every type name Haat shares with Saleor, each of Haat's fields, arguments, input fields and
enum values must exist in Saleor with the identical type (nullability included), so a Saleor
storefront or SDK works against Haat unchanged. Haat may implement a subset of a type. Haat's own
additions to a Saleor type are allowed only through `HAAT_ADDITIONS` below; types Saleor does not
have (Vendor, Centre, District, ...) are Haat's own and need no entry.

The other way round, completeness is a contract too: each Saleor field Haat lacks on a type they
share is listed, with why, in `saleor_fields_not_in_haat.py`, and the list stays exact.
"""

from __future__ import annotations

from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
)

from storefront_api.management.commands import print_schema as print_schema_command
from storefront_api.management.commands.print_schema import SCHEMA_PATH, printed_schema
from storefront_api.schema import schema

from .saleor_fields_not_in_haat import SALEOR_FIELDS_NOT_IN_HAAT

SALEOR_SCHEMA_PATH = (
    Path(__file__).resolve().parents[1] / "reference" / "saleor-3.21-schema.graphql"
)

# Haat's additions to Saleor types, each deliberate. Forms: "Type.field", "Type.field(argument)",
# "Input.field", "Enum.VALUE", "Type implements Interface". An added field brings its arguments.
HAAT_ADDITIONS: frozenset[str] = frozenset(
    {
        # Marketplace: every product belongs to a vendor; vendors and centres are browsable.
        "Product.vendor",
        "ProductFilterInput.vendors",
        "ProductWhereInput.vendors",
        "ProductCreateInput.vendor",
        "Query.vendors",
        "Query.vendor",
        "Query.centres",
        "Query.centre",
        "Mutation.vendorCreate",
        "Mutation.vendorApprove",
        "Voucher.vendors",
        "VoucherInput.vendors",
        # Accounts are phone-first in Bangladesh.
        "User.phone",
        "AccountRegisterInput.phone",
        # A multi-vendor cart ships one parcel per vendor: each vendor's part and shipping.
        "Checkout.vendorShipping",
        # Delivery zones are distances between districts (same district, division, or beyond).
        "ShippingZone.kind",
        # Bangla alongside English.
        "Shop.nameBn",
        # Webhooks: apps hear when a vendor is approved (Saleor has no vendors).
        "WebhookEventTypeAsyncEnum.VENDOR_APPROVED",
        "WebhookEventTypeEnum.VENDOR_APPROVED",
        # Stock reservations are a channel setting in Haat (Saleor keeps them shop-wide).
        "CheckoutSettings.reserveStockDurationMinutes",
        # Multi-vendor orders: one part per vendor; staff filter orders by vendor and centre.
        "Order.vendorOrders",
        "OrderFilterInput.vendors",
        "OrderFilterInput.centres",
    }
)

_KINDS = (
    (GraphQLObjectType, "object"),
    (GraphQLInterfaceType, "interface"),
    (GraphQLInputObjectType, "input"),
    (GraphQLEnumType, "enum"),
    (GraphQLScalarType, "scalar"),
    (GraphQLUnionType, "union"),
)


def _kind(graphql_type: GraphQLNamedType) -> str:
    return next(name for cls, name in _KINDS if isinstance(graphql_type, cls))


def _compare_fields(haat_type, saleor_type, allowed: frozenset[str]) -> list[str]:
    name = haat_type.name
    problems = []
    for field_name, field in haat_type.fields.items():
        key = f"{name}.{field_name}"
        saleor_field = saleor_type.fields.get(field_name)
        if saleor_field is None:
            if key not in allowed:
                problems.append(f"{key}: not in Saleor (add it to HAAT_ADDITIONS if deliberate)")
            continue
        if str(field.type) != str(saleor_field.type):
            problems.append(f"{key}: Haat {field.type}, Saleor {saleor_field.type}")
        for argument_name, argument in getattr(field, "args", {}).items():
            argument_key = f"{key}({argument_name})"
            saleor_argument = saleor_field.args.get(argument_name)
            if saleor_argument is None:
                if argument_key not in allowed:
                    problems.append(f"{argument_key}: argument not in Saleor")
            elif str(argument.type) != str(saleor_argument.type):
                problems.append(
                    f"{argument_key}: Haat {argument.type}, Saleor {saleor_argument.type}"
                )
    return problems


def _compare_type(haat_type, saleor_type, allowed: frozenset[str]) -> list[str]:
    name = haat_type.name
    if _kind(haat_type) != _kind(saleor_type):
        return [f"{name}: Haat {_kind(haat_type)} type, Saleor {_kind(saleor_type)} type"]
    problems = []
    if isinstance(haat_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
        problems += _compare_fields(haat_type, saleor_type, allowed)
    if isinstance(haat_type, GraphQLObjectType | GraphQLInterfaceType):
        saleor_interfaces = {interface.name for interface in saleor_type.interfaces}
        for interface in haat_type.interfaces:
            key = f"{name} implements {interface.name}"
            if interface.name not in saleor_interfaces and key not in allowed:
                problems.append(f"{key}: Saleor's {name} does not")
    if isinstance(haat_type, GraphQLEnumType):
        for value_name in haat_type.values:
            key = f"{name}.{value_name}"
            if value_name not in saleor_type.values and key not in allowed:
                problems.append(f"{key}: enum value not in Saleor")
    if isinstance(haat_type, GraphQLUnionType):
        saleor_members = {member.name for member in saleor_type.types}
        for member in haat_type.types:
            if member.name not in saleor_members:
                problems.append(f"{name}: union member {member.name} not in Saleor")
    return problems


def saleor_mismatches(
    haat: GraphQLSchema, saleor: GraphQLSchema, allowed: frozenset[str] = frozenset()
) -> list[str]:
    """Every way Haat's schema differs from Saleor's on the types they share, one line each."""
    problems = []
    for name, haat_type in sorted(haat.type_map.items()):
        saleor_type = saleor.type_map.get(name)
        if name.startswith("__") or saleor_type is None:
            continue
        problems += _compare_type(haat_type, saleor_type, allowed)
    return problems


def saleor_fields_missing(haat: GraphQLSchema, saleor: GraphQLSchema) -> set[str]:
    """ "Type.field" for each field of a Saleor object, interface or input type that Haat also
    has, which Haat's type lacks."""
    missing = set()
    for name, haat_type in haat.type_map.items():
        saleor_type = saleor.type_map.get(name)
        with_fields = GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType
        if name.startswith("__") or not isinstance(saleor_type, with_fields):
            continue
        if not isinstance(haat_type, with_fields):
            continue  # a different kind: test_haat_speaks_saleor_on_every_shared_type says so
        missing |= {
            f"{name}.{field}" for field in saleor_type.fields if field not in haat_type.fields
        }
    return missing


def listed_missing_fields() -> list[str]:
    return [field for fields in SALEOR_FIELDS_NOT_IN_HAAT.values() for field in fields]


@cache
def saleor_schema() -> GraphQLSchema:
    return build_schema(SALEOR_SCHEMA_PATH.read_text(encoding="utf-8"))


def haat_schema() -> GraphQLSchema:
    return schema.graphql_schema


def test_committed_schema_is_current():
    # given the SDL committed next to the code
    committed = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    # when the schema is printed from the code
    current = printed_schema()
    # then they are the same
    assert committed == current, (
        "storefront_api/schema.graphql is stale: run `make schema` and commit the result."
    )


def test_haat_speaks_saleor_on_every_shared_type():
    # given Haat's schema and Saleor 3.21's
    # when every type they share is compared
    problems = saleor_mismatches(haat_schema(), saleor_schema(), HAAT_ADDITIONS)
    # then there is no difference Haat has not declared
    assert not problems, f"{len(problems)} differences from Saleor 3.21:\n" + "\n".join(problems)


def test_haat_implements_the_saleor_storefront_types():
    # given the Saleor types the storefront needs
    required = {
        *("Query", "Mutation", "Node", "PageInfo", "MetadataItem", "Upload"),
        *("Money", "TaxedMoney", "TaxedMoneyRange", "Image", "Weight"),
        *("LanguageCodeEnum", "CountryCode", "WeightUnitsEnum", "ThumbnailFormatEnum"),
        *("Channel", "Shop", "LanguageDisplay", "CountryDisplay", "AddressValidationData"),
        *("Product", "ProductVariant", "ProductType", "ProductMedia", "ProductPricingInfo"),
        *("VariantPricingInfo", "ProductCountableConnection", "ProductFilterInput"),
        *("Category", "CategoryCountableConnection", "Collection", "CollectionCountableConnection"),
        *("Attribute", "AttributeValue", "SelectedAttribute", "Menu", "MenuItem", "Page"),
        *("User", "Address", "AccountRegisterInput", "AccountError", "ProductError"),
        *("CreateToken", "RefreshToken", "VerifyToken", "AccountRegister"),
        *("ProductCreate", "ProductUpdate", "ProductVariantCreate", "StockError"),
        "Warehouse",
        "Stock",
        *("Order", "OrderLine", "OrderEvent", "Fulfillment", "FulfillmentLine", "OrderError"),
        *("OrderCountableConnection", "OrderFilterInput", "OrderDiscount", "DeliveryMethod"),
        *("OrderFulfill", "OrderMarkAsPaid", "DraftOrderComplete", "OrderEventOrderLineObject"),
    }
    # when Haat's schema is built
    type_map = haat_schema().type_map
    # then each is there, under Saleor's name
    assert sorted(required - set(type_map)) == []


def test_every_declared_addition_is_still_in_the_schema():
    # given the allow-list of Haat's additions
    haat, saleor = haat_schema(), saleor_schema()
    # when the schemas are compared with no allow-list at all
    differences = {problem.split(": ", 1)[0] for problem in saleor_mismatches(haat, saleor)}
    unused = sorted(HAAT_ADDITIONS - differences)
    # then each one is needed (the list stays true when a field goes away)
    assert unused == [], f"remove from HAAT_ADDITIONS: {unused}"


def test_every_saleor_field_haat_lacks_is_listed_with_a_reason():
    # given the Saleor fields Haat lacks on the types it shares with Saleor
    missing = saleor_fields_missing(haat_schema(), saleor_schema())
    # when they are checked against the list of known gaps
    unlisted = sorted(missing - set(listed_missing_fields()))
    # then each gap is deliberate (answer the field, or list it under a reason)
    assert unlisted == [], f"Saleor fields Haat lacks, not in SALEOR_FIELDS_NOT_IN_HAAT: {unlisted}"


def test_the_list_of_missing_fields_names_only_missing_fields():
    # given the list of known gaps
    listed = listed_missing_fields()
    missing = saleor_fields_missing(haat_schema(), saleor_schema())
    # then it names each field once, and only fields Haat still lacks
    assert sorted(name for name in set(listed) if listed.count(name) > 1) == []
    assert sorted(set(listed) - missing) == [], "Haat has these now: remove them from the list"
    assert all(reason and reason == reason.strip() for reason in SALEOR_FIELDS_NOT_IN_HAAT)


def test_missing_fields_are_found_on_shared_types_only():
    # given a Saleor-like schema and a Haat-like one with fewer fields and types
    saleor = build_schema(
        """
        type Query { product: Product, checkout: String }
        type Product { id: ID!, name: String!, rating: Float }
        input ProductInput { name: String, rating: Float }
        type Checkout { token: ID }
        enum Direction { ASC DESC }
        """
    )
    haat = build_schema(
        """
        type Query { product: Product, vendors: [String] }
        type Product { id: ID!, name: String!, vendor: String }
        input ProductInput { name: String }
        enum Direction { ASC }
        """
    )
    # when the missing fields are looked for
    # then Saleor's fields absent from a shared type are found, not Haat's own or a missing type
    assert sorted(saleor_fields_missing(haat, saleor)) == [
        "Product.rating",
        "ProductInput.rating",
        "Query.checkout",
    ]


def test_comparison_reports_each_kind_of_difference():
    # given a Saleor-like schema and a Haat-like schema that strays from it in every way
    saleor = build_schema(
        """
        type Query { product(id: ID!, channel: String): Product, products(first: Int): [Product!] }
        interface Node { id: ID! }
        type Product implements Node { id: ID!, name: String!, rating: Float }
        input ProductInput { name: String, rating: Float }
        enum Direction { ASC DESC }
        scalar Date
        """
    )
    haat = build_schema(
        """
        type Query { product(id: ID, slug: String): Product, vendors: [String] }
        type Product { id: ID!, name: String, vendor: String, rating: Float }
        input ProductInput { name: String!, vendor: ID }
        enum Direction { ASC SIDEWAYS }
        type Date { day: Int }
        """
    )
    # when they are compared with only Product.vendor allowed
    problems = saleor_mismatches(haat, saleor, frozenset({"Product.vendor"}))
    # then every difference is listed, and the allowed addition is not
    assert problems == [
        "Date: Haat object type, Saleor scalar type",
        "Direction.SIDEWAYS: enum value not in Saleor",
        "Product.name: Haat String, Saleor String!",
        "ProductInput.name: Haat String!, Saleor String",
        "ProductInput.vendor: not in Saleor (add it to HAAT_ADDITIONS if deliberate)",
        "Query.product(id): Haat ID, Saleor ID!",
        "Query.product(slug): argument not in Saleor",
        "Query.vendors: not in Saleor (add it to HAAT_ADDITIONS if deliberate)",
    ]


def test_reference_schema_is_saleor_3_21():
    # given the copied reference
    saleor = saleor_schema()
    # then it is the full Saleor interface the README credits
    assert "Product" in saleor.type_map
    assert "checkoutComplete" in saleor.mutation_type.fields
    assert (SALEOR_SCHEMA_PATH.parent / "NOTICE.md").exists()


def test_print_schema_writes_the_file_and_check_accepts_it(tmp_path, monkeypatch):
    # given the command pointed at a scratch file
    target = tmp_path / "schema.graphql"
    monkeypatch.setattr(print_schema_command, "SCHEMA_PATH", target)
    # when the schema is printed, then checked
    call_command("print_schema", stdout=StringIO())
    output = StringIO()
    call_command("print_schema", "--check", stdout=output)
    # then the file holds the schema and the check passes
    assert target.read_text(encoding="utf-8") == printed_schema()
    assert output.getvalue().strip() == "schema.graphql is up to date."


def test_print_schema_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    # given a committed schema that lags behind the code
    target = tmp_path / "schema.graphql"
    target.write_text("type Query { old: String }\n", encoding="utf-8")
    monkeypatch.setattr(print_schema_command, "SCHEMA_PATH", target)
    # when the check runs
    with pytest.raises(CommandError, match="run `make schema`"):
        call_command("print_schema", "--check", stdout=StringIO())
    # then the file is left alone
    assert target.read_text(encoding="utf-8") == "type Query { old: String }\n"
