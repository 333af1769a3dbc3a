"""Saleor's `Shop`: the shop-wide settings a storefront reads on start."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import graphene
from django.conf import settings

from backend.channels.models import Channel
from backend.core.models import SiteSettings
from backend.core.permissions import PermissionEnum as Permissions
from storefront_api.accounts.enums import PermissionEnum
from storefront_api.accounts.types import CountryDisplay
from storefront_api.core.enums import LanguageCodeEnum, WeightUnitsEnum
from storefront_api.core.types import LanguageDisplay, ObjectWithMetadata, ObjectWithMetadataFields

# The Saleor API version Haat speaks.
SCHEMA_VERSION = "3.21"
# Saleor's language codes for the languages Haat stores ("bn", "en").
_LANGUAGE_CODES = {"bn": "bn-BD", "en": "en"}


def haat_version() -> str:
    try:
        return version("haat")
    except PackageNotFoundError:
        return "0.1.0"


class Domain(graphene.ObjectType):
    host = graphene.String(required=True, description="The shop's host name.")
    ssl_enabled = graphene.Boolean(required=True, description="Whether it is served over HTTPS.")
    url = graphene.String(required=True, description="The shop's address.")

    class Meta:
        description = "Where the shop is served."


class Permission(graphene.ObjectType):
    code = graphene.Field(PermissionEnum, required=True)
    name = graphene.String(required=True)

    class Meta:
        description = "A staff permission."


class Shop(ObjectWithMetadataFields, graphene.ObjectType):
    private_metadata_permissions = (Permissions.MANAGE_SETTINGS,)
    id = graphene.ID(required=True)
    channel_currencies = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    countries = graphene.NonNull(
        graphene.List(graphene.NonNull(CountryDisplay)),
        language_code=graphene.Argument(LanguageCodeEnum, deprecation_reason="Not used."),
    )
    default_country = graphene.Field(CountryDisplay)
    default_mail_sender_name = graphene.String()
    default_mail_sender_address = graphene.String()
    description = graphene.String()
    domain = graphene.Field(Domain, required=True)
    languages = graphene.NonNull(graphene.List(graphene.NonNull(LanguageDisplay)))
    name = graphene.String(required=True)
    name_bn = graphene.String(required=True, description="The shop's name in Bangla (Haat).")
    permissions = graphene.NonNull(graphene.List(graphene.NonNull(Permission)))
    phone_prefixes = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    header_text = graphene.String()
    fulfillment_auto_approve = graphene.Boolean(required=True)
    fulfillment_allow_unpaid = graphene.Boolean(required=True)
    track_inventory_by_default = graphene.Boolean()
    default_weight_unit = graphene.Field(WeightUnitsEnum)
    limit_quantity_per_checkout = graphene.Int()
    customer_set_password_url = graphene.String()
    enable_account_confirmation_by_email = graphene.Boolean()
    allow_login_without_confirmation = graphene.Boolean()
    version = graphene.String(required=True)
    schema_version = graphene.String(required=True)
    include_taxes_in_prices = graphene.Boolean(
        required=True, deprecation_reason="Prices in Haat always include VAT."
    )
    display_gross_prices = graphene.Boolean(
        required=True, deprecation_reason="Prices in Haat are always shown with VAT."
    )

    class Meta:
        description = "The shop: its name, domain, languages, countries and checkout settings."
        interfaces = (ObjectWithMetadata,)

    @staticmethod
    def resolve_id(_root, _info):
        return "U2hvcDoxMjM="  # Saleor's fixed ID for the single shop.

    @staticmethod
    def resolve_channel_currencies(_root, _info):
        return sorted(set(Channel.objects.values_list("currency_code", flat=True)))

    @staticmethod
    def resolve_countries(_root, _info, **_kwargs):
        return [CountryDisplay(code="BD")]

    @staticmethod
    def resolve_default_country(_root, _info):
        return CountryDisplay(code="BD")

    @staticmethod
    def resolve_domain(root: SiteSettings, info):
        request = getattr(info.context, "request", None)
        ssl_enabled = bool(request and request.is_secure()) or settings.PUBLIC_URL.startswith(
            "https://"
        )
        scheme = "https" if ssl_enabled else "http"
        return Domain(host=root.domain, ssl_enabled=ssl_enabled, url=f"{scheme}://{root.domain}/")

    @staticmethod
    def resolve_languages(_root, _info):
        return [
            LanguageDisplay(code=_LANGUAGE_CODES.get(code, code), language=name)
            for code, name in settings.LANGUAGES
        ]

    @staticmethod
    def resolve_name_bn(root: SiteSettings, _info):
        return root.name_bn

    @staticmethod
    def resolve_permissions(_root, _info):
        return [
            Permission(code=permission.value, name=permission.name.replace("_", " ").capitalize())
            for permission in Permissions
        ]

    @staticmethod
    def resolve_phone_prefixes(_root, _info):
        return ["+880"]

    @staticmethod
    def resolve_fulfillment_auto_approve(_root, _info):
        return True

    @staticmethod
    def resolve_fulfillment_allow_unpaid(_root, _info):
        # Cash at the centre and cash on delivery are paid after the parcel leaves.
        return True

    @staticmethod
    def resolve_default_weight_unit(root: SiteSettings, _info):
        return root.default_weight_unit.lower()

    @staticmethod
    def resolve_customer_set_password_url(root: SiteSettings, _info):
        return root.customer_set_password_url or None

    @staticmethod
    def resolve_version(_root, _info):
        return haat_version()

    @staticmethod
    def resolve_schema_version(_root, _info):
        return SCHEMA_VERSION

    @staticmethod
    def resolve_include_taxes_in_prices(_root, _info):
        return True

    @staticmethod
    def resolve_display_gross_prices(_root, _info):
        return True
