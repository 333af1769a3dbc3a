"""The root schema: every domain's queries and mutations, combined."""

import graphene

from .accounts.schema import AccountMutations, AccountQueries
from .app.schema import AppMutations, AppQueries
from .catalog.mutations import CatalogMutations
from .catalog.schema import CatalogQueries
from .channel.schema import ChannelQueries
from .checkout.schema import CheckoutMutations, CheckoutQueries
from .content.schema import ContentQueries
from .core.enum_values import serialize_foreign_enum_members_by_value
from .core.input_validation import refuse_unstorable_arguments
from .discounts.schema import DiscountMutations, DiscountQueries
from .inventory.mutations import InventoryMutations
from .marketplace.schema import MarketplaceMutations, MarketplaceQueries
from .meta.schema import MetaMutations
from .orders.schema import OrderMutations, OrderQueries
from .payments.schema import PaymentMutations, PaymentQueries
from .places.schema import PlacesQueries
from .plugins.schema import PluginsMutations, PluginsQueries
from .shipping.schema import ShippingQueries
from .shipping.types import ShippingMethod, VendorShipping
from .shop.schema import ShopQueries


class Query(
    AccountQueries,
    CatalogQueries,
    ChannelQueries,
    CheckoutQueries,
    ContentQueries,
    DiscountQueries,
    MarketplaceQueries,
    OrderQueries,
    PaymentQueries,
    PlacesQueries,
    PluginsQueries,
    ShippingQueries,
    AppQueries,
    ShopQueries,
    graphene.ObjectType,
):
    pass


class Mutation(
    AccountMutations,
    CatalogMutations,
    CheckoutMutations,
    DiscountMutations,
    InventoryMutations,
    MarketplaceMutations,
    MetaMutations,
    OrderMutations,
    PaymentMutations,
    PluginsMutations,
    AppMutations,
    graphene.ObjectType,
):
    pass


# Delivery's checkout types, for the checkout's fields to use (printed and checked meanwhile).
schema = graphene.Schema(query=Query, mutation=Mutation, types=[ShippingMethod, VendorShipping])
refuse_unstorable_arguments(schema.graphql_schema)
serialize_foreign_enum_members_by_value(schema.graphql_schema)
