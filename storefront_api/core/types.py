"""Common object types: money, images, metadata, weight, languages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import graphene
from django.db.models import Model
from graphql_sync_dataloaders import SyncFuture

from backend.core.permissions import has_permissions

from .dataloaders import gather, resolved, then
from .enums import LanguageCodeEnum, WeightUnitsEnum
from .errors import PermissionDenied
from .scalars import Metadata as MetadataScalar


class Money(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    amount = graphene.Float(required=True, description="Amount of money.")

    class Meta:
        description = "An amount of money in one currency."

    @staticmethod
    def resolve_amount(root, _info) -> Decimal:
        # graphene's Float serialises Decimal exactly enough for 2-place amounts (float(str)).
        return root.amount


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True)
    gross = graphene.Field(Money, required=True)
    net = graphene.Field(Money, required=True)
    tax = graphene.Field(Money, required=True)

    class Meta:
        description = "A price with and without tax."


class MoneyRange(graphene.ObjectType):
    start = graphene.Field(Money)
    stop = graphene.Field(Money)

    class Meta:
        description = "The lowest and highest of a set of prices."


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney)
    stop = graphene.Field(TaxedMoney)

    class Meta:
        description = "The lowest and highest of a set of taxed prices."


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="Where the image can be fetched.")
    alt = graphene.String(description="Text describing the image, for screen readers.")

    class Meta:
        description = "An image at a URL."


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)

    class Meta:
        description = "One key-value pair of metadata."


class Weight(graphene.ObjectType):
    unit = graphene.Field(WeightUnitsEnum, required=True)
    value = graphene.Float(required=True)

    class Meta:
        description = "A weight with its unit (Haat stores kilograms)."


class LanguageDisplay(graphene.ObjectType):
    code = graphene.Field(LanguageCodeEnum, required=True)
    language = graphene.String(required=True)

    class Meta:
        description = "A language and its name."


class ModelObjectType(graphene.ObjectType):
    """Base for types backed by a Django model: `is_type_of` lets interfaces resolve the type."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, model: type[Model] | None = None, **options):
        cls._model = model
        super().__init_subclass_with_meta__(**options)

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return cls._model is not None and isinstance(root, cls._model)


def has_any_permission(user, permissions: tuple) -> bool:
    """One of the permissions suffices (Saleor's "requires one of the following permissions")."""
    return any(has_permissions(user, [permission]) for permission in permissions)


def _private_items(holder: Any) -> list[MetadataItem]:
    # A model without metadata columns (Channel, for now) has none: an empty list is the truth.
    stored = getattr(holder, "private_metadata", None) or {}
    return [MetadataItem(key=key, value=value) for key, value in stored.items()]


class ObjectWithMetadataFields:
    """Saleor's metadata fields (public and private) for any model with them.

    Private metadata is for those who manage the object: each type names the permissions, one of
    which lets a viewer read it (`private_metadata_permissions`, Saleor's
    PRIVATE_META_PERMISSION_MAP), may choose them per object
    (`required_private_metadata_permissions`, e.g. MANAGE_STAFF for a staff user's) and may widen
    who reads it (`may_read_private_metadata`, e.g. to a vendor's owner). Anyone else gets a
    top-level PermissionDenied naming the permissions.
    """

    private_metadata_permissions: ClassVar[tuple] = ()

    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    metafield = graphene.String(key=graphene.String(required=True))
    private_metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    @staticmethod
    def resolve_metadata(root, _info):
        stored = getattr(root, "metadata", None) or {}
        return [MetadataItem(key=k, value=v) for k, v in stored.items()]

    @staticmethod
    def resolve_metafield(root, _info, key: str):
        return (getattr(root, "metadata", None) or {}).get(key)

    @staticmethod
    def metadata_holder(root) -> Any:
        """The model instance holding the metadata (types seen in a channel unwrap their root)."""
        return root

    @classmethod
    def required_private_metadata_permissions(cls, root, info) -> Any:
        """The permissions one of which lets a viewer read this object's private metadata: a
        tuple or a future of one. The type's, unless it depends on the object."""
        return cls.private_metadata_permissions

    @classmethod
    def may_read_private_metadata(cls, root, info) -> Any:
        """Whether the viewer may read the private metadata: a bool or a future of one."""
        return then(
            _as_future(cls.required_private_metadata_permissions(root, info)),
            lambda permissions: has_any_permission(info.context.user, permissions),
        )

    @classmethod
    def resolve_private_metadata(cls, root, info):
        holder = cls.metadata_holder(root)

        def read(loaded: list) -> list[MetadataItem]:
            allowed, permissions = loaded
            if not allowed:
                raise PermissionDenied(permissions=list(permissions))
            return _private_items(holder)

        return then(
            gather(
                [
                    _as_future(cls.may_read_private_metadata(root, info)),
                    _as_future(cls.required_private_metadata_permissions(root, info)),
                ]
            ),
            read,
        )


def _as_future(value: Any) -> SyncFuture:
    return value if isinstance(value, SyncFuture) else resolved(value)


_KEYS_ARGUMENT = graphene.List(
    graphene.NonNull(graphene.String),
    description="The keys to include; all of them when omitted.",
)


def _items_as_map(items: list, keys: list[str] | None) -> dict[str, str]:
    stored = {item.key: item.value for item in items}
    if keys is None:
        return stored
    return {key: stored[key] for key in keys if key in stored}


def _read_through_type(root: Any, info: Any, resolver_name: str, pick: Any) -> SyncFuture:
    """What `pick` takes from the implementing type's own `metadata` (or `privateMetadata`)
    resolver, so a type's roots (wrapped or not) and its read permission are honoured once."""
    resolver = getattr(info.parent_type.graphene_type, resolver_name)
    return then(_as_future(resolver(root, info)), pick)


class ObjectWithMetadata(graphene.Interface):
    """Saleor's ObjectWithMetadata. Implementing types answer `metadata` and `privateMetadata`
    (ObjectWithMetadataFields); the map and single-key forms are derived from those here."""

    # Roots the API wraps in classes that are no model (a checkout line's view): their type,
    # for the mutations' `item`. Model-backed types resolve through `is_type_of`.
    types_by_root_class: ClassVar[dict[type, type]] = {}

    private_metadata = graphene.NonNull(
        graphene.List(graphene.NonNull(MetadataItem)),
        description="Private metadata: for staff and apps that manage the object.",
    )
    private_metafield = graphene.String(
        key=graphene.String(required=True), description="One private metadata value."
    )
    private_metafields = graphene.Field(
        MetadataScalar, keys=_KEYS_ARGUMENT, description="Private metadata as a map."
    )
    metadata = graphene.NonNull(
        graphene.List(graphene.NonNull(MetadataItem)), description="Public metadata."
    )
    metafield = graphene.String(
        key=graphene.String(required=True), description="One public metadata value."
    )
    metafields = graphene.Field(
        MetadataScalar, keys=_KEYS_ARGUMENT, description="Public metadata as a map."
    )

    class Meta:
        description = "An object with public and private key-value metadata."

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        # None: graphene asks each implementing type's `is_type_of`.
        return cls.types_by_root_class.get(type(instance))

    @staticmethod
    def resolve_metafields(root: Any, info: Any, keys: list[str] | None = None) -> SyncFuture:
        return _read_through_type(
            root, info, "resolve_metadata", lambda items: _items_as_map(items, keys)
        )

    @staticmethod
    def resolve_private_metafield(root: Any, info: Any, key: str) -> SyncFuture:
        return _read_through_type(
            root,
            info,
            "resolve_private_metadata",
            lambda items: _items_as_map(items, None).get(key),
        )

    @staticmethod
    def resolve_private_metafields(
        root: Any, info: Any, keys: list[str] | None = None
    ) -> SyncFuture:
        return _read_through_type(
            root, info, "resolve_private_metadata", lambda items: _items_as_map(items, keys)
        )


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")

    class Meta:
        description = "One key-value pair of metadata to set."


class SeoInput(graphene.InputObjectType):
    title = graphene.String(description="Title for search engines.")
    description = graphene.String(description="Description for search engines.")

    class Meta:
        description = "Search-engine fields of a product, category or collection."


def metadata_input_to_dict(items) -> dict[str, str] | None:
    """[MetadataInput] as a dict, or None when none were given."""
    if not items:
        return None
    return {item["key"]: item["value"] for item in items}
