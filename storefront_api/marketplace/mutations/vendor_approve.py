"""vendorApprove: staff let a pending or suspended shop sell."""

from __future__ import annotations

import graphene

from backend.core.permissions import MANAGE_VENDORS
from backend.marketplace import services
from backend.marketplace.error_codes import VendorErrorCode
from backend.marketplace.models import Vendor as VendorModel
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation

from ..errors import VendorError
from ..types import Vendor


class VendorApprove(BaseMutation):
    vendor = graphene.Field(Vendor, description="The approved vendor.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the vendor to approve.")

    class Meta:
        description = "Approve a vendor: its products may be listed. Requires MANAGE_VENDORS."
        error_type_class = VendorError
        error_field_names = {"status": "id"}
        permissions = (MANAGE_VENDORS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        vendor = get_node_or_error(
            VendorModel, data["id"], "Vendor", field="id", code=VendorErrorCode.NOT_FOUND
        )
        vendor = services.approve_vendor(
            vendor=vendor, approved_by=info.context.user, manager=info.context.plugins
        )
        return VendorApprove(vendor=vendor)
