"""GraphQL types of the marketplace: vendors (Haat's addition; Saleor has none)."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.core.permissions import MANAGE_VENDORS
from backend.marketplace import models
from backend.marketplace.selectors import is_vendor_visible
from storefront_api.core.dataloaders import then
from storefront_api.core.types import ModelObjectType, ObjectWithMetadata, ObjectWithMetadataFields
from storefront_api.places.dataloaders import CentreByIdLoader
from storefront_api.places.types import Centre

from .dataloaders import VendorByIdLoader

VendorStatusEnum = graphene.Enum(
    "VendorStatusEnum",
    [(status.name, status.value) for status in models.VendorStatus],
    description="Where a vendor stands: pending review, approved to sell, or suspended.",
)


def _visible_or_none(vendor: models.Vendor | None, user) -> models.Vendor | None:
    return vendor if vendor and is_vendor_visible(vendor=vendor, user=user) else None


class Vendor(ObjectWithMetadataFields, ModelObjectType, model=models.Vendor):
    # Haat's own permission for vendors (Saleor has none; PermissionEnum holds Saleor's).
    private_metadata_permissions = (MANAGE_VENDORS,)
    name = graphene.String(required=True, description="English name of the shop.")
    name_bn = graphene.String(description="Bangla name of the shop.")
    slug = graphene.String(required=True)
    description = graphene.String(required=True)
    status = graphene.Field(VendorStatusEnum, required=True)
    centre = graphene.Field(Centre, required=True, description="The centre the shop sells from.")
    phone = graphene.String(required=True)
    created = graphene.DateTime(required=True)

    class Meta:
        description = "An entrepreneur's shop at a centre; every product belongs to one vendor."
        interfaces = (relay.Node, ObjectWithMetadata)

    @classmethod
    def get_node(cls, info, id):
        user = info.context.user
        return then(
            VendorByIdLoader(info.context).load(int(id)),
            lambda vendor: _visible_or_none(vendor, user),
        )

    @staticmethod
    def resolve_name_bn(root: models.Vendor, _info):
        return root.name_bn or None

    @staticmethod
    def resolve_status(root: models.Vendor, _info):
        return str(root.status)  # a fresh instance holds the TextChoices member

    @staticmethod
    def resolve_centre(root: models.Vendor, info):
        return CentreByIdLoader(info.context).load(root.centre_id)

    @staticmethod
    def resolve_created(root: models.Vendor, _info):
        return root.created_at
