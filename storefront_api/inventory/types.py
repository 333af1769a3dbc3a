"""GraphQL types of stock: warehouses and the stock of a variant in each (staff only)."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.core.permissions import PermissionEnum
from backend.inventory import models
from storefront_api.catalog.dataloaders import ProductVariantByIdLoader
from storefront_api.core.types import ModelObjectType, ObjectWithMetadataFields

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
    click_and_collect_option = graphene.Field(WarehouseClickAndCollectOptionEnum, required=True)
    external_reference = graphene.String()

    class Meta:
        description = "A place stock is kept: a vendor's store room or a centre's shelf."
        interfaces = (relay.Node,)

    @classmethod
    def get_node(cls, info, id):
        return WarehouseByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_click_and_collect_option(root: models.Warehouse, _info):
        return root.click_and_collect_option


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
