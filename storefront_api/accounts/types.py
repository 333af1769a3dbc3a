"""GraphQL types of accounts: User, Address, CountryDisplay, UserPermission."""

from __future__ import annotations

import graphene
from babel import Locale
from graphene import relay
from graphql_relay import to_global_id

from backend.accounts import models
from backend.core.permissions import PermissionEnum as Permissions
from backend.core.permissions import has_permissions
from backend.orders.selectors import customer_orders
from storefront_api.core.connection import SortKey, connection_args, paginate, paginate_list
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.types import (
    Image,
    ModelObjectType,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
)

from .dataloaders import (
    AddressByIdLoader,
    AddressesByUserIdLoader,
    CheckoutsByUserIdLoader,
    PermissionsByUserIdLoader,
    UserByIdLoader,
    with_default_flags,
)
from .enums import PermissionEnum

_USER_MANAGERS = (Permissions.MANAGE_USERS, Permissions.MANAGE_STAFF)


def can_manage_users(user) -> bool:
    """Staff who may read other users and their notes (one of MANAGE_USERS, MANAGE_STAFF)."""
    return any(has_permissions(user, [permission]) for permission in _USER_MANAGERS)


def managers_of(*, is_staff: bool) -> tuple:
    """Who manages a user's (or their address's) private metadata, as Saleor: MANAGE_STAFF for
    staff users, MANAGE_USERS for customers; never the user themselves."""
    return (Permissions.MANAGE_STAFF,) if is_staff else (Permissions.MANAGE_USERS,)


class ReducedRate(graphene.ObjectType):
    rate = graphene.Float(required=True)
    rate_type = graphene.String(required=True)

    class Meta:
        description = "A reduced VAT rate (Haat keeps VAT rates per product type instead)."


class VAT(graphene.ObjectType):
    country_code = graphene.String(required=True)
    standard_rate = graphene.Float()
    reduced_rates = graphene.NonNull(graphene.List(graphene.NonNull(ReducedRate)))

    class Meta:
        description = "A country's VAT rates (never returned: see CountryDisplay.vat)."


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="ISO 3166-1 alpha-2 code.")
    country = graphene.String(required=True, description="The country's name in English.")
    vat = graphene.Field(
        VAT,
        description="Always null, as in Saleor: tax rates are configured elsewhere.",
        deprecation_reason="Always returns `null`. Haat keeps VAT rates per product type.",
    )

    class Meta:
        description = "A country, by code and name."

    @staticmethod
    def resolve_country(root: CountryDisplay, _info) -> str:
        return Locale("en").territories.get(root.code, root.code)

    @staticmethod
    def resolve_vat(_root, _info) -> None:
        return None


class Address(ObjectWithMetadataFields, ModelObjectType, model=models.Address):
    private_metadata_permissions = _USER_MANAGERS
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    company_name = graphene.String(required=True)
    street_address1 = graphene.String(required=True, description="House, road, village.")
    street_address2 = graphene.String(required=True)
    city = graphene.String(
        required=True, description="In Bangladesh, the upazila or thana of the district."
    )
    city_area = graphene.String(
        required=True,
        description="In Bangladesh, the union of the upazila (empty for a city thana).",
    )
    postal_code = graphene.String(
        required=True, description="The 4-digit postcode of a post office of the district."
    )
    country = graphene.Field(CountryDisplay, required=True)
    country_area = graphene.String(required=True, description="In Bangladesh, the district.")
    phone = graphene.String(description="The recipient's mobile number, E.164.")
    is_default_shipping_address = graphene.Boolean(
        description="Whether this is its owner's default shipping address; null when unknown."
    )
    is_default_billing_address = graphene.Boolean(
        description="Whether this is its owner's default billing address; null when unknown."
    )

    class Meta:
        description = "A postal address of a user."
        interfaces = (relay.Node, ObjectWithMetadata)

    @classmethod
    def required_private_metadata_permissions(cls, root: models.Address, _info) -> tuple:
        # Addresses are reached through their owner, whose loader says whether they are staff;
        # any other way in (none yet) asks the database, as Saleor does.
        owner_is_staff = getattr(root, "owner_is_staff", None)
        if owner_is_staff is None:
            owner_is_staff = models.User.objects.filter(addresses=root, is_staff=True).exists()
        return managers_of(is_staff=owner_is_staff)

    @staticmethod
    def resolve_street_address1(root: models.Address, _info) -> str:
        return root.street_address_1

    @staticmethod
    def resolve_street_address2(root: models.Address, _info) -> str:
        return root.street_address_2

    @staticmethod
    def resolve_country(root: models.Address, _info) -> CountryDisplay:
        return CountryDisplay(code=root.country)

    @staticmethod
    def resolve_phone(root: models.Address, _info) -> str | None:
        return root.phone or None

    @staticmethod
    def resolve_is_default_shipping_address(root: models.Address, _info) -> bool | None:
        return getattr(root, "is_default_shipping_address", None)

    @staticmethod
    def resolve_is_default_billing_address(root: models.Address, _info) -> bool | None:
        return getattr(root, "is_default_billing_address", None)


class UserPermission(graphene.ObjectType):
    code = graphene.Field(PermissionEnum, required=True)
    name = graphene.String(required=True, description="What the permission allows, in words.")

    class Meta:
        description = "A permission a user holds, directly or through a group."


class User(ObjectWithMetadataFields, ModelObjectType, model=models.User):
    private_metadata_permissions = _USER_MANAGERS
    email = graphene.String(
        required=True,
        description=(
            "The user's e-mail address. Haat's users are phone-first and may have none: then it "
            'is "" (an empty string), which keeps Saleor\'s non-null shape; see `phone`.'
        ),
    )
    phone = graphene.String(
        description="The user's mobile number in E.164 (+8801XNNNNNNNN), or null (Haat's addition)."
    )
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    is_staff = graphene.Boolean(required=True)
    is_active = graphene.Boolean(required=True)
    is_confirmed = graphene.Boolean(required=True)
    addresses = graphene.NonNull(graphene.List(graphene.NonNull(Address)))
    note = graphene.String(description="Staff notes. Requires one of: MANAGE_USERS, MANAGE_STAFF.")
    user_permissions = graphene.List(
        graphene.NonNull(UserPermission), description="Every permission the user holds."
    )
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    default_shipping_address = graphene.Field(Address)
    default_billing_address = graphene.Field(Address)
    last_login = graphene.DateTime()
    date_joined = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    orders = graphene.Field(
        # By name: the orders package builds on this one (no import cycle).
        "storefront_api.orders.schema.OrderCountableConnection",
        description="The user's placed orders, newest first: theirs, or anyone's for "
        "MANAGE_ORDERS staff.",
        **connection_args(),
    )
    avatar = graphene.Field(
        Image,
        size=graphene.Int(description="Wanted size in pixels."),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
        description="Always null: Haat's users have no avatar.",
    )
    checkouts = graphene.Field(
        "storefront_api.checkout.types.CheckoutCountableConnection",
        channel=graphene.String(description="Only the checkouts of this channel."),
        description="The user's checkouts, most recently changed first. Requires the user "
        "themselves or one of: MANAGE_USERS, MANAGE_STAFF.",
        **connection_args(),
    )
    checkout_ids = graphene.List(
        graphene.NonNull(graphene.ID),
        channel=graphene.String(description="Only the checkouts of this channel."),
        description="IDs of the user's checkouts (the user themselves, or user managers).",
    )
    checkout_tokens = graphene.List(
        graphene.NonNull(graphene.UUID),
        channel=graphene.String(description="Only the checkouts of this channel."),
        description="Tokens of the user's checkouts.",
        deprecation_reason="Use `checkoutIds` instead.",
    )

    class Meta:
        description = "A customer or staff member, known by mobile number and/or e-mail."
        interfaces = (relay.Node, ObjectWithMetadata)

    @classmethod
    def required_private_metadata_permissions(cls, root: models.User, _info) -> tuple:
        return managers_of(is_staff=root.is_staff)

    @classmethod
    def get_node(cls, info, id):
        viewer = info.context.user
        if not viewer.is_authenticated:
            return None
        if str(viewer.pk) == str(id):
            return viewer
        if not can_manage_users(viewer) or not str(id).isdigit():
            return None
        return UserByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_orders(root: models.User, info, **pagination):
        viewer = info.context.user
        if not (
            getattr(viewer, "pk", None) == root.pk and not getattr(viewer, "is_app", False)
        ) and not has_permissions(viewer, [Permissions.MANAGE_ORDERS]):
            raise PermissionDenied(permissions=[Permissions.MANAGE_ORDERS])
        return paginate(
            customer_orders(user_id=root.pk),
            keys=[SortKey("number", descending=True)],
            tie_breaker="number",
            connection_name="orders",
            **pagination,
        )

    @staticmethod
    def resolve_avatar(_root: models.User, _info, size=None, format=None) -> None:
        return None

    @staticmethod
    def resolve_checkouts(root: models.User, info, channel=None, **pagination):
        return then(
            _own_checkouts(root, info, channel),
            lambda found: paginate_list(found, connection_name="checkouts", **pagination),
        )

    @staticmethod
    def resolve_checkout_ids(root: models.User, info, channel=None):
        return then(
            _own_checkouts(root, info, channel),
            lambda found: [to_global_id("Checkout", str(checkout.token)) for checkout in found],
        )

    @staticmethod
    def resolve_checkout_tokens(root: models.User, info, channel=None):
        return then(
            _own_checkouts(root, info, channel),
            lambda found: [checkout.token for checkout in found],
        )

    @staticmethod
    def resolve_email(root: models.User, _info) -> str:
        return root.email or ""

    @staticmethod
    def resolve_addresses(root: models.User, info):
        return AddressesByUserIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_note(root: models.User, info) -> str:
        if not can_manage_users(info.context.user):
            raise PermissionDenied(permissions=list(_USER_MANAGERS))
        return root.note

    @staticmethod
    def resolve_user_permissions(root: models.User, info):
        return then(
            PermissionsByUserIdLoader(info.context).load(root.pk),
            lambda held: [UserPermission(code=code.value, name=name) for code, name in held],
        )

    @staticmethod
    def resolve_language_code(root: models.User, _info) -> str:
        return root.language_code

    @staticmethod
    def resolve_default_shipping_address(root: models.User, info):
        return _default_address(root, root.default_shipping_address_id, info)

    @staticmethod
    def resolve_default_billing_address(root: models.User, info):
        return _default_address(root, root.default_billing_address_id, info)


def _own_checkouts(user: models.User, info, channel: str | None):
    """The user's checkouts (in `channel`, when given): the user's own, or a user manager's."""
    viewer = info.context.user
    is_self = getattr(viewer, "pk", None) == user.pk and not getattr(viewer, "is_app", False)
    if not is_self and not can_manage_users(viewer):
        raise PermissionDenied(permissions=list(_USER_MANAGERS))
    return then(
        CheckoutsByUserIdLoader(info.context).load(user.pk),
        lambda found: [c for c in found if channel is None or c.channel.slug == channel],
    )


def _default_address(user: models.User, address_id: int | None, info):
    if address_id is None:
        return None
    return then(
        AddressByIdLoader(info.context).load(address_id),
        lambda address: with_default_flags(
            address,
            default_shipping_id=user.default_shipping_address_id,
            default_billing_id=user.default_billing_address_id,
            owner_is_staff=user.is_staff,
        ),
    )
