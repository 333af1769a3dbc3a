"""The base of account mutations: domain errors reported under Saleor's argument names."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from storefront_api.core.mutations import BaseMutation

from ..errors import API_FIELD_NAMES


class AccountMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, error: ValidationError, **extra: Any):
        response = super().handle_errors(error, **extra)
        for item in response.errors:
            item.field = API_FIELD_NAMES.get(item.field, item.field)
        return response
