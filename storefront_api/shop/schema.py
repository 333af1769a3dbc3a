"""Root fields of the shop part of the API."""

import graphene

from backend.core.models import SiteSettings

from .types import Shop


class ShopQueries(graphene.ObjectType):
    shop = graphene.Field(Shop, required=True, description="The shop's settings.")

    @staticmethod
    def resolve_shop(_root, _info):
        return SiteSettings.get_current()
