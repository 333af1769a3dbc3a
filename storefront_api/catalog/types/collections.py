"""Collections: hand-picked sets of products, published per channel."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.catalog import models
from backend.core.permissions import PermissionEnum
from storefront_api.channel.types import Channel
from storefront_api.core.connection import create_connection
from storefront_api.core.scalars import JSONString
from storefront_api.core.types import Image, ModelObjectType, ObjectWithMetadata

from ..context import channel_node_resolver, channel_slug_of, unwrap, user_can_manage_products
from ..dataloaders import (
    ChannelByIdLoader,
    ChannelListingsByCollectionIdLoader,
    TranslationByCollectionIdAndLanguageLoader,
)
from ..resolvers import resolve_products
from .categories import products_connection_field
from .common import (
    ChannelObjectWithMetadataFields,
    background_image_of,
    image_args,
    only_if_allowed,
)
from .translations import CollectionTranslation, translation_field, translation_resolver


class CollectionChannelListing(ModelObjectType, model=models.CollectionChannelListing):
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    channel = graphene.Field(Channel, required=True)

    class Meta:
        description = "Whether and since when a collection is published in a channel."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_channel(root, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)


class Collection(ChannelObjectWithMetadataFields, ModelObjectType, model=models.Collection):
    private_metadata_permissions = (PermissionEnum.MANAGE_PRODUCTS,)
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = JSONString()
    slug = graphene.String(required=True)
    channel = graphene.String()
    products = products_connection_field(with_channel=False)
    background_image = graphene.Field(Image, **image_args())
    translation = translation_field(CollectionTranslation)
    channel_listings = graphene.List(graphene.NonNull(CollectionChannelListing))

    class Meta:
        description = "A hand-picked set of products (seasonal, a centre's best, Eid offers)."
        interfaces = (relay.Node, ObjectWithMetadata)
        default_resolver = channel_node_resolver

    resolve_translation = translation_resolver(TranslationByCollectionIdAndLanguageLoader)

    @staticmethod
    def resolve_background_image(root, info, **kwargs):
        return background_image_of(unwrap(root), info, **kwargs)

    @staticmethod
    def resolve_channel_listings(root, info):
        # Collections are shared by every shop: only product staff see how they are published.
        collection = unwrap(root)
        return only_if_allowed(
            user_can_manage_products(info.context),
            lambda: ChannelListingsByCollectionIdLoader(info.context).load(collection.pk),
        )

    @staticmethod
    def resolve_products(root, info, **kwargs):
        return resolve_products(
            info, channel=channel_slug_of(root), collection=unwrap(root), **kwargs
        )


CollectionCountableConnection = create_connection(Collection)
