"""GraphQL types of stock: warehouses and the stock of a variant in each (staff only)."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.core.permissions import PermissionEnum
from backend.inventory import models
from backend.inventory.addresses import warehouse_address
from storefront_api.accounts.types import Address
from storefront_api.catalog.dataloaders import ProductVariantByIdLoader
from storefront_api.core.dataloaders import gather, resolved, then
from storefront_api.core.types import ModelObjectType, ObjectWithMetadata, ObjectWithMetadataFields
from storefront_api.places.dataloaders import (
    CentreByIdLoader,
    DistrictByIdLoader,
    DivisionByIdLoader,
    PostOfficeByIdLoader,
)

from .dataloaders import WarehouseByIdLoader

WarehouseClickAndCollectOptionEnum = graphene.Enum(
    "WarehouseClickAndCollectOptionEnum",
    [("DISABLED", "disabled"), ("LOCAL", "local"), ("ALL", "all")],
    description="Whether shoppers may collect their order at this warehouse.",
)


class Warehouse(ObjectWithMetadataFields, ModelObjectType, model=models.Warehouse):
    # As in Saleor: stock and warehouses are managed with the products.
    private_metadata_permissions = (PermissionEnum.MANAGE_PRODUCTS,)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    email = graphene.String(required=True)
    is_private = graphene.Boolean(required=True)
    address = graphene.Field(
        Address,
        required=True,
        description="Where the warehouse is: its street, thana, district, post office, division.",
    )
    company_name = graphene.String(
        required=True,
        deprecation_reason="Use `Address.companyName` instead.",
    )
    click_and_collect_option = graphene.Field(WarehouseClickAndCollectOptionEnum, required=True)
    external_reference = graphene.String()

    class Meta:
        description = "A place stock is kept: a vendor's store room or a centre's shelf."
        interfaces = (relay.Node, ObjectWithMetadata)

    @classmethod
    def get_node(cls, info, id):
        return WarehouseByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_click_and_collect_option(root: models.Warehouse, _info):
        return root.click_and_collect_option

    @staticmethod
    def resolve_company_name(root: models.Warehouse, _info):
        return root.name  # what its address says (warehouse_address)

    @staticmethod
    def resolve_address(root: models.Warehouse, info):
        return load_warehouse_address(root, info.context)


def _load(loader_class, context, pk):
    return loader_class(context).load(pk) if pk is not None else resolved(None)


def load_warehouse_address(warehouse: models.Warehouse, context):
    """The warehouse's address, its places read in batches (three rounds for any page)."""

    def with_district(loaded):
        centre, post_office = loaded
        district_id = warehouse.district_id or (centre.district_id if centre else None)
        return then(
            _load(DistrictByIdLoader, context, district_id),
            lambda district: then(
                _load(DivisionByIdLoader, context, district.division_id if district else None),
                lambda division: _address(warehouse, centre, district, division, post_office),
            ),
        )

    return then(
        gather(
            [
                _load(CentreByIdLoader, context, warehouse.centre_id),
                _load(PostOfficeByIdLoader, context, warehouse.post_office_id),
            ]
        ),
        with_district,
    )


def _address(warehouse, centre, district, division, post_office):
    address = warehouse_address(
        warehouse, centre=centre, district=district, division=division, post_office=post_office
    )
    # No row stands behind it: an ID of its own (never a stored address's) keeps client
    # caches apart, and its private metadata is empty, read by user managers as any customer's.
    address.id = f"warehouse-{warehouse.pk}"
    address.owner_is_staff = False
    return address


class Stock(ModelObjectType, model=models.Stock):
    warehouse = graphene.Field(Warehouse, required=True)
    product_variant = graphene.Field(
        "storefront_api.catalog.types.variants.ProductVariant", required=True
    )
    quantity = graphene.Int(required=True)
    quantity_allocated = graphene.Int(required=True)
    quantity_reserved = graphene.Int(required=True)

    class Meta:
        description = "How many of a variant a warehouse holds, and how many are promised."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_warehouse(root: models.Stock, info):
        return WarehouseByIdLoader(info.context).load(root.warehouse_id)

    @staticmethod
    def resolve_product_variant(root: models.Stock, info):
        return ProductVariantByIdLoader(info.context).load(root.product_variant_id)

    @staticmethod
    def resolve_quantity_reserved(_root: models.Stock, _info):
        # Reservations by checkouts are not tracked on the stock row.
        return 0
