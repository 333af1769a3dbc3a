"""What catalogue resolvers share within one request: the channel a node is seen in, the
channels already read, and whether the viewer manages products."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from graphql import GraphQLError

from backend.catalog.permissions import owned_vendor_ids
from backend.catalog.selectors import can_manage_products
from backend.channels.models import Channel
from backend.channels.selectors import get_channel

N = TypeVar("N")


@dataclass(slots=True)
class ChannelContext(Generic[N]):
    """A node as seen in a channel: prices, availability and visible variants depend on it."""

    node: N
    channel_slug: str


def unwrap(root: Any) -> Any:
    return root.node if type(root) is ChannelContext else root


def channel_slug_of(root: Any) -> str:
    if type(root) is ChannelContext:
        return root.channel_slug
    return getattr(root, "channel_slug", None) or settings.DEFAULT_CHANNEL_SLUG


def channel_node_resolver(attname: str, default_value: Any, root: Any, _info, **_args) -> Any:
    """Default resolver of channel-aware types: read the attribute of the wrapped node."""
    if type(root) is ChannelContext:
        root = root.node
    return getattr(root, attname, default_value)


def user_can_manage_products(context: Any) -> bool:
    cached = getattr(context, "can_manage_products", None)
    if cached is None:
        cached = can_manage_products(getattr(context, "user", None))
        context.can_manage_products = cached
    return cached


def user_owned_vendor_ids(context: Any) -> frozenset[int]:
    """The vendors the viewer owns (none for apps and anonymous viewers), read once per request."""
    cached = getattr(context, "owned_vendor_ids", None)
    if cached is None:
        user = getattr(context, "user", None)
        cached = (
            frozenset() if getattr(user, "is_app", False) else frozenset(owned_vendor_ids(user))
        )
        context.owned_vendor_ids = cached
    return cached


def may_edit_vendor_catalogue(context: Any, vendor_id: int) -> bool:
    """The mutations' ownership rule (backend.catalog.permissions): product staff, or the owner
    of the vendor selling the product."""
    return user_can_manage_products(context) or vendor_id in user_owned_vendor_ids(context)


def channel_by_slug(context: Any, slug: str) -> Channel | None:
    """The channel, read once per request."""
    channels = getattr(context, "channels_by_slug", None)
    if channels is None:
        channels = {}
        context.channels_by_slug = channels
    if slug not in channels:
        channels[slug] = get_channel(slug=slug)
    return channels[slug]


def get_channel_or_error(context: Any, slug: str | None) -> Channel:
    """The requested channel (default: the shop's), or Saleor's top-level error. An inactive
    channel does not exist for shoppers."""
    slug = slug or settings.DEFAULT_CHANNEL_SLUG
    channel = channel_by_slug(context, slug)
    if channel is None or (not channel.is_active and not user_can_manage_products(context)):
        raise GraphQLError(f"Channel with '{slug}' slug does not exist.")
    return channel
