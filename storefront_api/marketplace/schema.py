"""Root fields of the marketplace part of the API."""

import graphene
from graphql import GraphQLError

from backend.marketplace.selectors import visible_vendors
from storefront_api.core.connection import connection_args, create_connection, paginate
from storefront_api.core.ids import int_pk_or_none

from .filters import VendorFilterInput, VendorSortingInput, filter_vendors, vendor_sort_keys
from .mutations.vendor_approve import VendorApprove
from .mutations.vendor_create import VendorCreate
from .types import Vendor

VendorCountableConnection = create_connection(Vendor)


def resolve_vendors(info, *, filter=None, sort_by=None, **pagination):
    vendors = filter_vendors(visible_vendors(user=info.context.user), filter)
    return paginate(
        vendors, keys=vendor_sort_keys(sort_by), connection_name="vendors", **pagination
    )


def resolve_vendor(info, *, id=None, slug=None):
    if bool(id) == bool(slug):
        raise GraphQLError("Provide exactly one of: id, slug.")
    vendors = visible_vendors(user=info.context.user)
    if id:
        return vendors.filter(pk=int_pk_or_none(id, "Vendor")).first()
    return vendors.filter(slug=slug).first()


class MarketplaceQueries(graphene.ObjectType):
    vendors = graphene.Field(
        VendorCountableConnection,
        filter=VendorFilterInput(description="Which vendors to list."),
        sort_by=VendorSortingInput(description="How to sort vendors."),
        description="Vendors: approved ones, plus your own, or all of them with MANAGE_VENDORS.",
        **connection_args(),
    )
    vendor = graphene.Field(
        Vendor,
        id=graphene.ID(description="ID of the vendor."),
        slug=graphene.String(description="Slug of the vendor."),
        description="One vendor by ID or slug, if you may see it.",
    )

    @staticmethod
    def resolve_vendors(_root, info, **kwargs):
        return resolve_vendors(info, **kwargs)

    @staticmethod
    def resolve_vendor(_root, info, **kwargs):
        return resolve_vendor(info, **kwargs)


class MarketplaceMutations(graphene.ObjectType):
    vendor_create = VendorCreate.Field()
    vendor_approve = VendorApprove.Field()
