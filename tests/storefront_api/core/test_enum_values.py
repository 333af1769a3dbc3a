"""Every enum of the schema answers for a model's choices member as for its plain value: a row
the domain has just created holds the member, and a payload that could not serialise it reported
an error after the write had committed."""

from enum import Enum

import pytest
from graphql import GraphQLEnumType

from backend.catalog.models import ProductMediaType
from backend.marketplace.models import VendorStatus
from backend.places.models import CentreKind
from storefront_api.schema import schema

ENUM_TYPES = [
    graphql_type
    for graphql_type in schema.graphql_schema.type_map.values()
    if isinstance(graphql_type, GraphQLEnumType) and not graphql_type.name.startswith("__")
]


@pytest.mark.parametrize("enum_type", ENUM_TYPES, ids=lambda enum_type: enum_type.name)
def test_a_foreign_member_serialises_as_its_value_does(enum_type):
    # given a Python enum of another class holding the same values (as a model's choices do)
    values = {name: value.value for name, value in enum_type.values.items()}
    foreign = Enum(f"Foreign{enum_type.name}", values)
    # when each member is serialised
    serialised = [enum_type.serialize(member) for member in foreign]
    # then each answers the name its plain value answers
    assert serialised == [enum_type.serialize(value) for value in values.values()]


@pytest.mark.parametrize(
    ("type_name", "member", "expected"),
    [
        ("VendorStatusEnum", VendorStatus.PENDING, "PENDING"),
        ("CentreKindEnum", CentreKind.DIGITAL_CENTRE, "DIGITAL_CENTRE"),
        ("ProductMediaType", ProductMediaType.VIDEO, "VIDEO"),
    ],
)
def test_model_choices_members_serialise(type_name, member, expected):
    assert schema.graphql_schema.get_type(type_name).serialize(member) == expected
