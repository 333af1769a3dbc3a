"""What the four metadata mutations share: find the object, check who may write, call the
domain's one write path, answer the object as `item` (Saleor's ObjectWithMetadata)."""

from __future__ import annotations

from typing import Any, ClassVar

import graphene

from backend.core.models import ModelWithMetadata
from plugins.framework.manager import get_plugins_manager
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import MetadataInput, ObjectWithMetadata

from ..targets import MetadataTarget, writable_instance

ID_DESCRIPTION = "ID or token (for Order and Checkout) of an object to update."


class UpdateArguments:
    id = graphene.ID(required=True, description=ID_DESCRIPTION)
    input = graphene.NonNull(
        graphene.List(graphene.NonNull(MetadataInput)),
        description="The key-value pairs to set.",
    )


class DeleteArguments:
    id = graphene.ID(required=True, description=ID_DESCRIPTION)
    keys = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)), description="Metadata keys to delete."
    )


class MetadataMutation(BaseMutation):
    """A write of one object's public or private metadata (`is_private`)."""

    item = graphene.Field(ObjectWithMetadata, description="The object with its metadata.")

    is_private: ClassVar[bool] = False

    class Meta:
        abstract = True

    @classmethod
    def write(
        cls, instance: ModelWithMetadata, data: dict[str, Any], on_change: Any
    ) -> ModelWithMetadata:
        """Call the domain's write with the mutation's arguments."""
        raise NotImplementedError

    @classmethod
    def perform_mutation(cls, _root: Any, info: Any, **data: Any):
        requestor = info.context.user
        target, instance = writable_instance(data["id"], requestor, private=cls.is_private)
        instance = cls.write(instance, data, cls._on_change(info, target))
        return cls(item=target.item(info, instance))

    @staticmethod
    def _on_change(info: Any, target: MetadataTarget) -> Any:
        if target.hook is None:
            return None
        hook = target.hook

        def run_hook(instance: ModelWithMetadata) -> None:
            manager = getattr(info.context, "plugins", None) or get_plugins_manager(
                requestor=info.context.user
            )
            hook(manager, instance)

        return run_hook
