"""Root fields of the places part of the API."""

import graphene
from graphql import GraphQLError

from backend.places.selectors import visible_centres
from storefront_api.core.connection import connection_args, create_connection, paginate
from storefront_api.core.enums import CountryCode
from storefront_api.core.ids import int_pk_or_none

from .address_validation import AddressValidationData, resolve_address_validation_rules
from .filters import CentreFilterInput, CentreSortingInput, centre_sort_keys, filter_centres
from .types import Centre

CentreCountableConnection = create_connection(Centre)


def resolve_centres(info, *, filter=None, sort_by=None, **pagination):
    centres = filter_centres(visible_centres(user=info.context.user), filter)
    return paginate(
        centres, keys=centre_sort_keys(sort_by), connection_name="centres", **pagination
    )


def resolve_centre(info, *, id=None, code=None):
    if bool(id) == bool(code):
        raise GraphQLError("Provide exactly one of: id, code.")
    centres = visible_centres(user=info.context.user)
    if id:
        return centres.filter(pk=int_pk_or_none(id, "Centre")).first()
    return centres.filter(code=code.strip()).first()


class PlacesQueries(graphene.ObjectType):
    centres = graphene.Field(
        CentreCountableConnection,
        filter=CentreFilterInput(description="Which centres to list."),
        sort_by=CentreSortingInput(description="How to sort centres."),
        description="Digital, e-post and citizen-service centres (closed ones for staff only).",
        **connection_args(),
    )
    centre = graphene.Field(
        Centre,
        id=graphene.ID(description="ID of the centre."),
        code=graphene.String(description="Code of the centre."),
        description="One centre by ID or code.",
    )
    address_validation_rules = graphene.Field(
        AddressValidationData,
        country_code=graphene.Argument(CountryCode, required=True),
        country_area=graphene.String(),
        city=graphene.String(),
        city_area=graphene.String(),
        description="How to write an address in a country; for Bangladesh, its districts, the "
        "upazilas and city thanas of the district and the unions of the upazila.",
    )

    @staticmethod
    def resolve_centres(_root, info, **kwargs):
        return resolve_centres(info, **kwargs)

    @staticmethod
    def resolve_centre(_root, info, **kwargs):
        return resolve_centre(info, **kwargs)

    @staticmethod
    def resolve_address_validation_rules(_root, _info, **kwargs):
        return resolve_address_validation_rules(**kwargs)
