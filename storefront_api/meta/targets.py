"""What the metadata mutations may write, and who may: one `MetadataTarget` per GraphQL type.

Saleor keeps these as PUBLIC_META_PERMISSION_MAP and PRIVATE_META_PERMISSION_MAP. Staff and apps
with one of a target's permissions write both kinds of metadata; an owner (the holder of an
unattached checkout's id or the customer it is attached to, a user themselves, an app itself, a
vendor's owner) writes public metadata without one, and private metadata only where the target
says so (an app's own, as saleor-app-sdk stores its settings there; a vendor owner's products,
as productUpdate lets them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Model

from backend.accounts.models import User
from backend.apps.models import App
from backend.catalog import models as catalog
from backend.catalog.permissions import owned_vendor_ids
from backend.checkout.access import may_change
from backend.checkout.models import Checkout, CheckoutLine
from backend.content import models as content
from backend.core.errors import field_error
from backend.core.metadata import MetadataErrorCode
from backend.core.permissions import MANAGE_VENDORS, PermissionEnum
from backend.discounts.models import Voucher
from backend.inventory.models import Warehouse
from backend.marketplace.models import Vendor
from backend.orders.models import Fulfillment, Order, OrderLine
from backend.shipping.models import ShippingMethod, ShippingZone
from payments.transactions.models import TransactionItem
from plugins.framework.manager import PluginsManager
from storefront_api.accounts.types import managers_of
from storefront_api.catalog.types.attributes import attribute_managers
from storefront_api.checkout.dataloaders import CheckoutSummaryByTokenLoader
from storefront_api.checkout.types import CheckoutLine as CheckoutLineType
from storefront_api.checkout.types import LineView, line_views
from storefront_api.core.dataloaders import then
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.ids import parse_global_id
from storefront_api.core.types import ObjectWithMetadata, has_any_permission
from storefront_api.shipping.types import InChannel

Permissions = PermissionEnum

# A checkout line's root is its priced view: the interface cannot ask the view's `is_type_of`.
ObjectWithMetadata.types_by_root_class[LineView] = CheckoutLineType


def _itself(_info: Any, instance: Any) -> Any:
    return instance


@dataclass(frozen=True)
class MetadataTarget:
    """How one GraphQL type's metadata is written."""

    model: type[Model]
    #: One of these lets staff and apps write public and private metadata.
    permissions: tuple
    #: Per object instead (a staff user's metadata needs MANAGE_STAFF).
    permissions_of: Callable[[Any], tuple] | None = None
    #: Whether the requestor owns the object: they write its public metadata.
    is_owner: Callable[[Any, Any], bool] | None = None
    #: Whether owners write private metadata too.
    owner_writes_private: bool = False
    #: The model's `*_updated` plugin hook, run inside the write's transaction.
    hook: Callable[[PluginsManager, Any], None] | None = None
    #: The payload's `item` root for the written instance.
    item: Callable[[Any, Any], Any] = _itself
    #: Relations `is_owner` and `hook` read, joined when the row is fetched.
    related: tuple[str, ...] = ()
    #: The field the global id's value names (a transaction's id carries its token).
    lookup: str = "pk"

    def required_permissions(self, instance: Any) -> tuple:
        return self.permissions_of(instance) if self.permissions_of else self.permissions

    def is_decided_before_lookup(self, *, private: bool) -> bool:
        """Whether the permissions alone decide (Saleor checks them before finding the row)."""
        owners_count = self.is_owner is not None and (self.owner_writes_private or not private)
        return self.permissions_of is None and not owners_count

    def may_write(self, requestor: Any, instance: Any, *, private: bool) -> bool:
        if has_any_permission(requestor, self.required_permissions(instance)):
            return True
        owners_count = self.is_owner is not None and (self.owner_writes_private or not private)
        return owners_count and self.is_owner(requestor, instance)


def _user_id(requestor: Any) -> int | None:
    """The signed-in user's id; None for apps and anonymous requestors."""
    if getattr(requestor, "is_app", False) or not getattr(requestor, "is_authenticated", False):
        return None
    return requestor.pk


def _owns_vendor_of(vendor_id: int, requestor: Any) -> bool:
    return _user_id(requestor) is not None and vendor_id in owned_vendor_ids(requestor)


def _checkout_updated(manager: PluginsManager, checkout: Checkout) -> None:
    manager.checkout_updated(checkout, channel_slug=checkout.channel.slug)


def _checkout_line_item(info: Any, line: CheckoutLine) -> Any:
    def view_of(summary: Any) -> LineView | None:
        if summary is None:
            return None
        return next((v for v in line_views(summary) if v.info.line.pk == line.pk), None)

    return then(CheckoutSummaryByTokenLoader(info.context).load(line.checkout_id), view_of)


_PRODUCTS = (Permissions.MANAGE_PRODUCTS,)
_ORDERS = (Permissions.MANAGE_ORDERS,)
_MENUS = (Permissions.MANAGE_MENUS,)
_SHIPPING = (Permissions.MANAGE_SHIPPING,)
_CHECKOUTS = (Permissions.MANAGE_CHECKOUTS,)

TARGETS: dict[str, MetadataTarget] = {
    "Checkout": MetadataTarget(
        Checkout,
        _CHECKOUTS,
        is_owner=lambda requestor, checkout: may_change(checkout, requestor),
        hook=_checkout_updated,
        related=("channel",),
    ),
    "CheckoutLine": MetadataTarget(
        CheckoutLine,
        _CHECKOUTS,
        is_owner=lambda requestor, line: may_change(line.checkout, requestor),
        hook=lambda manager, line: _checkout_updated(manager, line.checkout),
        item=_checkout_line_item,
        related=("checkout__channel",),
    ),
    "Order": MetadataTarget(Order, _ORDERS),
    "OrderLine": MetadataTarget(OrderLine, _ORDERS),
    "Fulfillment": MetadataTarget(Fulfillment, _ORDERS),
    "Product": MetadataTarget(
        catalog.Product,
        _PRODUCTS,
        is_owner=lambda requestor, product: _owns_vendor_of(product.vendor_id, requestor),
        owner_writes_private=True,
        hook=lambda manager, product: manager.product_updated(product),
    ),
    "ProductVariant": MetadataTarget(
        catalog.ProductVariant,
        _PRODUCTS,
        is_owner=lambda requestor, variant: _owns_vendor_of(variant.product.vendor_id, requestor),
        owner_writes_private=True,
        hook=lambda manager, variant: manager.product_variant_updated(variant),
        related=("product",),
    ),
    "ProductMedia": MetadataTarget(
        catalog.ProductMedia,
        _PRODUCTS,
        is_owner=lambda requestor, media: _owns_vendor_of(media.product.vendor_id, requestor),
        owner_writes_private=True,
        related=("product",),
    ),
    "Category": MetadataTarget(
        catalog.Category,
        _PRODUCTS,
        hook=lambda manager, category: manager.category_updated(category),
    ),
    "Collection": MetadataTarget(catalog.Collection, _PRODUCTS),
    "ProductType": MetadataTarget(
        catalog.ProductType, (Permissions.MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES,)
    ),
    "Attribute": MetadataTarget(
        catalog.Attribute,
        (Permissions.MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES,),
        permissions_of=attribute_managers,
    ),
    "Warehouse": MetadataTarget(Warehouse, _PRODUCTS),
    "Page": MetadataTarget(content.Page, (Permissions.MANAGE_PAGES,)),
    "PageType": MetadataTarget(content.PageType, (Permissions.MANAGE_PAGE_TYPES_AND_ATTRIBUTES,)),
    "Menu": MetadataTarget(content.Menu, _MENUS),
    "MenuItem": MetadataTarget(content.MenuItem, _MENUS),
    "Voucher": MetadataTarget(Voucher, (Permissions.MANAGE_DISCOUNTS,)),
    "ShippingZone": MetadataTarget(
        ShippingZone, _SHIPPING, item=lambda _info, zone: InChannel(zone, None)
    ),
    # Saleor's ShippingMethodType is the shipping method as set up (its model).
    "ShippingMethodType": MetadataTarget(
        ShippingMethod, _SHIPPING, item=lambda _info, method: InChannel(method, None)
    ),
    "User": MetadataTarget(
        User,
        (Permissions.MANAGE_USERS,),
        permissions_of=lambda user: managers_of(is_staff=user.is_staff),
        is_owner=lambda requestor, user: _user_id(requestor) == user.pk,
    ),
    "App": MetadataTarget(
        App,
        (Permissions.MANAGE_APPS,),
        is_owner=lambda requestor, app: (
            getattr(getattr(requestor, "app", None), "pk", None) == app.pk
        ),
        owner_writes_private=True,
    ),
    # Saleor: a transaction's metadata is for HANDLE_PAYMENTS (its payment app, staff).
    "TransactionItem": MetadataTarget(
        TransactionItem, (Permissions.HANDLE_PAYMENTS,), lookup="token"
    ),
    "Vendor": MetadataTarget(
        Vendor,
        (MANAGE_VENDORS,),
        is_owner=lambda requestor, vendor: _user_id(requestor) == vendor.owner_id,
    ),
}

# Raw tokens Saleor accepts for `id`, in the order they are tried.
_TOKEN_TYPES = ("Checkout", "Order")


def _not_found(global_id: str) -> ValidationError:
    return field_error(
        "id",
        f"Couldn't resolve to an item with metadata: {global_id}.",
        MetadataErrorCode.NOT_FOUND,
    )


def _row(target: MetadataTarget, pk: Any) -> Model | None:
    field = (
        target.model._meta.pk
        if target.lookup == "pk"
        else target.model._meta.get_field(target.lookup)
    )
    try:
        value = field.to_python(pk)
    except ValidationError:
        return None  # `Checkout:197`: no checkout has a pk of that form
    rows = target.model._default_manager.select_related(*target.related)
    return rows.filter(**{target.lookup: value}).first()


def _by_token(global_id: str) -> tuple[MetadataTarget, Model] | None:
    try:
        UUID(global_id)
    except (ValueError, TypeError):
        return None
    for type_name in _TOKEN_TYPES:
        target = TARGETS[type_name]
        instance = _row(target, global_id)
        if instance is not None:
            return target, instance
    return None


def writable_instance(
    global_id: str, requestor: Any, *, private: bool
) -> tuple[MetadataTarget, Any]:
    """The target and the row an `id` names, if the requestor may write its metadata.

    A malformed id is GRAPHQL_ERROR; an id of a type without metadata, or of no row, NOT_FOUND
    (field `id`, as Saleor); a refusal is Saleor's top-level PermissionDenied. An unattached
    checkout's and an order's token work as ids too, as in Saleor.
    """
    parsed = parse_global_id(global_id)
    if parsed is None:
        found = _by_token(global_id)
        if found is None:
            raise field_error(
                "id",
                f"Couldn't resolve id: {global_id}.",
                MetadataErrorCode.GRAPHQL_ERROR,
            )
        target, instance = found
    else:
        type_name, pk = parsed
        target = TARGETS.get(type_name)
        if target is None:
            raise _not_found(global_id)
        if target.is_decided_before_lookup(private=private) and not has_any_permission(
            requestor, target.permissions
        ):
            raise PermissionDenied(permissions=list(target.permissions))
        instance = _row(target, pk)
        if instance is None:
            raise _not_found(global_id)
    if not target.may_write(requestor, instance, private=private):
        raise PermissionDenied(permissions=list(target.required_permissions(instance)))
    return target, instance
