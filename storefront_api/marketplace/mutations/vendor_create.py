"""vendorCreate: an entrepreneur opens a shop at their centre (staff may open one for them)."""

from __future__ import annotations

import graphene
from django.contrib.auth import get_user_model

from backend.marketplace import services
from backend.marketplace.error_codes import VendorErrorCode
from backend.marketplace.permissions import ensure_may_open_vendor
from backend.places.models import Centre
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation

from ..errors import VendorError
from ..types import Vendor


class VendorCreateInput(graphene.InputObjectType):
    centre = graphene.ID(required=True, description="The centre the shop sells from.")
    owner = graphene.ID(
        description="The entrepreneur who owns the shop; staff only. Defaults to the caller."
    )
    name = graphene.String(required=True, description="English name of the shop.")
    name_bn = graphene.String(description="Bangla name of the shop.")
    slug = graphene.String(description="URL name; made from the name when omitted.")
    description = graphene.String()
    phone = graphene.String(description="Contact mobile number.")
    email = graphene.String(description="Contact e-mail.")

    class Meta:
        description = "Fields of a new vendor."


class VendorCreate(BaseMutation):
    vendor = graphene.Field(Vendor, description="The new vendor, pending approval.")

    class Arguments:
        input = VendorCreateInput(required=True, description="Fields of the new vendor.")

    class Meta:
        description = "Open a shop at a centre; it stays pending until staff approve it."
        error_type_class = VendorError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        user = info.context.user
        fields = data["input"]
        centre = get_node_or_error(
            Centre, fields["centre"], "Centre", field="centre", code=VendorErrorCode.NOT_FOUND
        )
        owner = user
        if fields.get("owner"):
            owner = get_node_or_error(
                get_user_model(),
                fields["owner"],
                "User",
                field="owner",
                code=VendorErrorCode.NOT_FOUND,
            )
        ensure_may_open_vendor(user, owner=owner, centre=centre)
        vendor = services.create_vendor(
            owner=owner,
            centre=centre,
            name=fields["name"],
            name_bn=fields.get("name_bn") or "",
            slug=fields.get("slug") or None,
            description=fields.get("description") or "",
            phone=fields.get("phone") or "",
            email=fields.get("email") or "",
        )
        return VendorCreate(vendor=vendor)
