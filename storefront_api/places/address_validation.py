"""Saleor's `addressValidationRules`: the domain's address rules in Saleor's types.

The rules and the validation that enforces them live in `backend.places.address_validation`;
this module only maps them to GraphQL, and domain field names to Saleor's argument names.
"""

from __future__ import annotations

import graphene

from backend.places.address_validation import Choice, address_rules


class ChoiceValue(graphene.ObjectType):
    raw = graphene.String(description="The value to send back.")
    verbose = graphene.String(description="The value to show people.")

    class Meta:
        description = "One allowed value of an address field."


class AddressValidationData(graphene.ObjectType):
    country_code = graphene.String(required=True)
    country_name = graphene.String(required=True)
    address_format = graphene.String(required=True)
    address_latin_format = graphene.String(required=True)
    allowed_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    required_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    upper_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    country_area_type = graphene.String(required=True)
    country_area_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    city_type = graphene.String(required=True)
    city_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    city_area_type = graphene.String(required=True)
    city_area_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    postal_code_type = graphene.String(required=True)
    postal_code_matchers = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    postal_code_examples = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    postal_code_prefix = graphene.String(required=True)

    class Meta:
        description = "How to write and check an address in a country."


def _choices(choices: tuple[Choice, ...]) -> list[ChoiceValue]:
    return [ChoiceValue(raw=choice.raw, verbose=choice.verbose) for choice in choices]


def resolve_address_validation_rules(
    country_code: str,
    country_area: str | None = None,
    city: str | None = None,
    city_area: str | None = None,
) -> AddressValidationData:
    """The domain's rules (`backend.places.address_validation`) in Saleor's type."""
    code = getattr(country_code, "value", country_code)
    rules = address_rules(country_code=code, country_area=country_area, city=city)
    return AddressValidationData(
        country_code=rules.country_code,
        country_name=rules.country_name,
        address_format=rules.address_format,
        address_latin_format=rules.address_latin_format,
        allowed_fields=list(rules.allowed_fields),
        required_fields=list(rules.required_fields),
        upper_fields=list(rules.upper_fields),
        country_area_type=rules.country_area_type,
        country_area_choices=_choices(rules.country_area_choices),
        city_type=rules.city_type,
        city_choices=_choices(rules.city_choices),
        city_area_type=rules.city_area_type,
        city_area_choices=_choices(rules.city_area_choices),
        postal_code_type=rules.postal_code_type,
        postal_code_matchers=list(rules.postal_code_matchers),
        postal_code_examples=list(rules.postal_code_examples),
        postal_code_prefix=rules.postal_code_prefix,
    )
