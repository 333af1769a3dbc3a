"""deletePrivateMetadata: remove keys of an object's private metadata (staff and apps)."""

from __future__ import annotations

from typing import Any

from backend.core import metadata as services
from backend.core.models import ModelWithMetadata

from ..errors import MetadataError
from .base import DeleteArguments, MetadataMutation


class DeletePrivateMetadata(MetadataMutation):
    is_private = True

    Arguments = DeleteArguments

    class Meta:
        description = "Delete keys of an object's private metadata; other keys stay."
        error_type_class = MetadataError
        error_field_names = {"instance": "id"}

    @classmethod
    def write(
        cls, instance: ModelWithMetadata, data: dict[str, Any], on_change: Any
    ) -> ModelWithMetadata:
        return services.delete_metadata(
            instance, data["keys"], private=cls.is_private, on_change=on_change
        )
