"""Loaders for users, their addresses and permissions: one query per relation per response."""

from __future__ import annotations

import copy

from django.contrib.auth.models import Permission
from django.db.models import F

from backend.accounts.models import Address, User
from backend.checkout.fetch import checkouts_queryset
from backend.core.permissions import PermissionEnum
from storefront_api.core.dataloaders import DataLoader, by_key, group_by

_HAAT_PERMISSIONS = {permission.value: permission for permission in PermissionEnum}


class UserByIdLoader(DataLoader[int, User | None]):
    def batch_load(self, keys: list[int]) -> list[User | None]:
        users = by_key(User.objects.filter(pk__in=keys), lambda user: user.pk)
        return [users.get(key) for key in keys]


class AddressByIdLoader(DataLoader[int, Address | None]):
    def batch_load(self, keys: list[int]) -> list[Address | None]:
        addresses = by_key(Address.objects.filter(pk__in=keys), lambda address: address.pk)
        return [addresses.get(key) for key in keys]


def with_default_flags(
    address: Address | None,
    *,
    default_shipping_id: int | None,
    default_billing_id: int | None,
    owner_is_staff: bool,
) -> Address | None:
    """A copy of `address` that knows whether it is its owner's default shipping/billing one,
    and whether its owner is staff (who may then read its private metadata).

    A copy, because loaded rows are shared by every resolver of the request.
    """
    if address is None:
        return None
    flagged = copy.copy(address)
    flagged.is_default_shipping_address = address.pk == default_shipping_id
    flagged.is_default_billing_address = address.pk == default_billing_id
    flagged.owner_is_staff = owner_is_staff
    return flagged


class AddressesByUserIdLoader(DataLoader[int, list[Address]]):
    """Each user's addresses in creation order, flagged with the user's defaults."""

    def batch_load(self, keys: list[int]) -> list[list[Address]]:
        links = (
            User.addresses.through.objects.filter(user_id__in=keys)
            .select_related("address")
            .annotate(
                default_shipping_id=F("user__default_shipping_address_id"),
                default_billing_id=F("user__default_billing_address_id"),
                owner_is_staff=F("user__is_staff"),
            )
            .order_by("address_id")
        )
        addresses = group_by(
            (
                (
                    link.user_id,
                    with_default_flags(
                        link.address,
                        default_shipping_id=link.default_shipping_id,
                        default_billing_id=link.default_billing_id,
                        owner_is_staff=link.owner_is_staff,
                    ),
                )
                for link in links
            ),
            lambda pair: pair[0],
        )
        return [[address for _, address in addresses.get(key, [])] for key in keys]


class PermissionsByUserIdLoader(DataLoader[int, list[tuple[PermissionEnum, str]]]):
    """Saleor permissions each user holds, directly or through a group: (permission, name).

    A superuser holds every permission, as Django's `has_perm` says.
    """

    def batch_load(self, keys: list[int]) -> list[list[tuple[PermissionEnum, str]]]:
        superusers = set(
            User.objects.filter(pk__in=keys, is_superuser=True).values_list("pk", flat=True)
        )
        direct = Permission.objects.filter(user__id__in=keys).annotate(owner_id=F("user__id"))
        through_groups = Permission.objects.filter(group__user__id__in=keys).annotate(
            owner_id=F("group__user__id")
        )
        found: dict[int, dict[PermissionEnum, str]] = {}
        for queryset in (direct, through_groups):
            rows = queryset.values_list("owner_id", "content_type__app_label", "codename", "name")
            for owner_id, app_label, codename, name in rows:
                permission = _HAAT_PERMISSIONS.get(f"{app_label}.{codename}")
                if permission is not None:
                    found.setdefault(owner_id, {})[permission] = name
        everything = _all_permissions() if superusers else {}
        return [
            sorted(
                (everything if key in superusers else found.get(key, {})).items(),
                key=lambda item: item[0].name,
            )
            for key in keys
        ]


def _all_permissions() -> dict[PermissionEnum, str]:
    names = {
        f"{app_label}.{codename}": name
        for app_label, codename, name in Permission.objects.values_list(
            "content_type__app_label", "codename", "name"
        )
    }
    return {
        permission: names.get(permission.value, permission.name) for permission in PermissionEnum
    }


class CheckoutsByUserIdLoader(DataLoader[int, list]):
    """Each customer's checkouts, most recently changed first (one query for many users)."""

    def batch_load(self, keys: list[int]) -> list[list]:
        checkouts = group_by(
            checkouts_queryset().filter(user_id__in=keys).order_by("-last_change", "token"),
            lambda checkout: checkout.user_id,
        )
        return [checkouts.get(key, []) for key in keys]
