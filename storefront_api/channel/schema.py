"""Root query fields of sales channels: shoppers see the active ones, channel and product staff
every one."""

from __future__ import annotations

import graphene

from backend.channels import models as channel_models
from backend.core.permissions import PermissionEnum, has_permissions
from storefront_api.core.arguments import exactly_one_of
from storefront_api.core.ids import int_pk_or_error

from .types import Channel


def _can_see_inactive_channels(info) -> bool:
    user = info.context.user
    return has_permissions(user, [PermissionEnum.MANAGE_CHANNELS]) or has_permissions(
        user, [PermissionEnum.MANAGE_PRODUCTS]
    )


def resolve_channels(info) -> list[channel_models.Channel]:
    channels = channel_models.Channel.objects.all()
    if not _can_see_inactive_channels(info):
        channels = channels.filter(is_active=True)
    return list(channels)


def resolve_channel(info, *, id=None, slug=None) -> channel_models.Channel | None:
    lookups = exactly_one_of(id=id, slug=slug)
    channels = channel_models.Channel.objects.all()
    if not _can_see_inactive_channels(info):
        channels = channels.filter(is_active=True)
    if "id" in lookups:
        return channels.filter(pk=int_pk_or_error(id, "Channel")).first()
    return channels.filter(slug=slug).first()


class ChannelQueries(graphene.ObjectType):
    channels = graphene.List(graphene.NonNull(Channel), description="The sales channels.")
    channel = graphene.Field(
        Channel, id=graphene.ID(), slug=graphene.String(), description="One sales channel."
    )

    @staticmethod
    def resolve_channels(_root, info):
        return resolve_channels(info)

    @staticmethod
    def resolve_channel(_root, info, **kwargs):
        return resolve_channel(info, **kwargs)
