"""updatePrivateMetadata: set keys of an object's private metadata (staff and apps)."""

from __future__ import annotations

from typing import Any

from backend.core import metadata as services
from backend.core.models import ModelWithMetadata
from storefront_api.core.types import metadata_input_to_dict

from ..errors import MetadataError
from .base import MetadataMutation, UpdateArguments


class UpdatePrivateMetadata(MetadataMutation):
    is_private = True

    Arguments = UpdateArguments

    class Meta:
        description = "Add or change keys of an object's private metadata; other keys stay."
        error_type_class = MetadataError
        error_field_names = {"items": "input", "instance": "id"}

    @classmethod
    def write(
        cls, instance: ModelWithMetadata, data: dict[str, Any], on_change: Any
    ) -> ModelWithMetadata:
        return services.update_metadata(
            instance,
            metadata_input_to_dict(data["input"]) or {},
            private=cls.is_private,
            on_change=on_change,
        )
