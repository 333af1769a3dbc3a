"""GraphQL types of the checkout. A `Checkout` resolves from its row; everything priced or
loaded (lines, prices, problems, per-vendor shipping) comes from the request's
`CheckoutSummaryByTokenLoader`, so a page of checkouts costs the queries of one."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphql_relay import to_global_id

from backend.checkout import models
from backend.checkout.fetch import CheckoutLineInfo
from backend.checkout.pricing import LinePrices
from backend.checkout.problems import InsufficientStockProblem, VariantNotAvailableProblem
from backend.checkout.reservations import stock_reservation_expires
from backend.checkout.summary import CheckoutSummary
from backend.core.permissions import PermissionEnum
from backend.orders.drafts import Taxed
from backend.orders.payment import authorize_status, charge_status
from storefront_api.accounts.dataloaders import UserByIdLoader
from storefront_api.accounts.types import Address, User, can_manage_users
from storefront_api.catalog.context import ChannelContext
from storefront_api.catalog.dataloaders import ChannelByIdLoader
from storefront_api.catalog.types.pricing import MoneyAmount
from storefront_api.channel.types import Channel
from storefront_api.core.connection import create_connection
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.types import (
    ModelObjectType,
    Money,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
    TaxedMoney,
    has_any_permission,
)
from storefront_api.discounts.dataloaders import VoucherByCodeLoader
from storefront_api.discounts.types import Voucher
from storefront_api.inventory.types import Warehouse
from storefront_api.orders.types import DeliveryMethod
from storefront_api.shipping.types import ShippingMethod, VendorParcel, VendorShipping

from .dataloaders import CheckoutSummaryByTokenLoader
from .enums import CheckoutAuthorizeStatusEnum, CheckoutChargeStatusEnum
from .gift_cards import GiftCard
from .payment_fields import CheckoutPaymentFields

_CHECKOUT_MANAGERS = (PermissionEnum.MANAGE_CHECKOUTS,)
_VOUCHER_READERS = (PermissionEnum.MANAGE_DISCOUNTS,)


class TaxedValue:
    """What TaxedMoney reads, from the domain's `Taxed`."""

    __slots__ = ("currency", "gross", "net", "tax")

    def __init__(self, taxed: Taxed, currency: str):
        self.currency = currency
        self.gross = MoneyAmount(taxed.gross, currency)
        self.net = MoneyAmount(taxed.net, currency)
        self.tax = MoneyAmount(taxed.tax, currency)


class LineView:
    """A checkout line as the API shows it: the loaded line, its prices and its problems (read
    for all the checkout's lines the first time one line's are asked for)."""

    __slots__ = ("_group", "_problems", "channel_slug", "currency", "info", "prices")

    def __init__(
        self,
        info: CheckoutLineInfo,
        prices: LinePrices,
        *,
        currency: str,
        channel_slug: str,
        group: _LineViews,
    ):
        self.info = info
        self.prices = prices
        self.currency = currency
        self.channel_slug = channel_slug
        self._group = group
        self._problems: list | None = None

    @property
    def problems(self) -> list:
        if self._problems is None:
            self._group.attach_problems()
        return self._problems or []


class _LineViews:
    """The line views of one checkout summary, sharing its problems."""

    def __init__(self, summary: CheckoutSummary) -> None:
        self.summary = summary
        slug = summary.info.channel.slug
        currency = summary.info.checkout.currency
        self.views: dict[Any, LineView] = {
            line.line.id: LineView(
                line,
                summary.prices.lines[line.line.id],
                currency=currency,
                channel_slug=slug,
                group=self,
            )
            for line in summary.info.lines
        }

    def attach_problems(self) -> None:
        found: dict[Any, list] = {line_id: [] for line_id in self.views}
        for problem in self.summary.problems:
            line_id = problem.line.line.id
            found[line_id].append((problem, self.views[line_id]))
        for line_id, view in self.views.items():
            view._problems = found[line_id]


def line_views(summary: CheckoutSummary) -> list[LineView]:
    return list(_LineViews(summary).views.values())


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int(description="How many the checkout may still take.")
    line = graphene.Field("storefront_api.checkout.types.CheckoutLine", required=True)
    variant = graphene.Field("storefront_api.catalog.types.variants.ProductVariant", required=True)

    class Meta:
        description = "A line wants more than the stock this checkout may take."

    @staticmethod
    def resolve_available_quantity(root, _info) -> int:
        return root[0].available_quantity

    @staticmethod
    def resolve_line(root, _info):
        return root[1]

    @staticmethod
    def resolve_variant(root, _info):
        return ChannelContext(root[1].info.variant, root[1].channel_slug)

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return isinstance(root, tuple) and isinstance(root[0], InsufficientStockProblem)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field("storefront_api.checkout.types.CheckoutLine", required=True)

    class Meta:
        description = "A line's variant is no longer sold in the checkout's channel."

    @staticmethod
    def resolve_line(root, _info):
        return root[1]

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return isinstance(root, tuple) and isinstance(root[0], VariantNotAvailableProblem)


class CheckoutLineProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)
        description = "Why a line cannot be bought as it is."


class CheckoutProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)
        description = "Why the checkout cannot be completed as it is."


class CheckoutLine(graphene.ObjectType):
    variant = graphene.Field("storefront_api.catalog.types.variants.ProductVariant", required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True, description="Price of one unit.")
    undiscounted_unit_price = graphene.Field(Money, required=True)
    prior_unit_price = graphene.Field(Money, description="Always null: Haat keeps no prior prices.")
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(Money, required=True)
    prior_total_price = graphene.Field(
        Money, description="Always null: Haat keeps no prior prices."
    )
    requires_shipping = graphene.Boolean(required=True)
    problems = graphene.List(graphene.NonNull(CheckoutLineProblem))
    is_gift = graphene.Boolean(description="Always false: Haat has no gift promotions.")
    metadata = ObjectWithMetadataFields.metadata
    metafield = ObjectWithMetadataFields.metafield
    private_metadata = ObjectWithMetadataFields.private_metadata

    class Meta:
        description = "A variant and its quantity in a checkout, priced in its channel."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: LineView, _info):
        return root.info.line.id

    @staticmethod
    def resolve_variant(root: LineView, _info):
        return ChannelContext(root.info.variant, root.channel_slug)

    @staticmethod
    def resolve_quantity(root: LineView, _info) -> int:
        return root.info.quantity

    @staticmethod
    def resolve_unit_price(root: LineView, _info):
        return TaxedValue(root.prices.unit_price, root.currency)

    @staticmethod
    def resolve_undiscounted_unit_price(root: LineView, _info):
        return MoneyAmount(root.prices.undiscounted_unit_price.gross, root.currency)

    @staticmethod
    def resolve_total_price(root: LineView, _info):
        return TaxedValue(root.prices.total_price, root.currency)

    @staticmethod
    def resolve_undiscounted_total_price(root: LineView, _info):
        return MoneyAmount(root.prices.undiscounted_total_price.gross, root.currency)

    @staticmethod
    def resolve_prior_unit_price(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_prior_total_price(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_requires_shipping(root: LineView, _info) -> bool:
        return root.info.is_shipping_required

    @staticmethod
    def resolve_problems(root: LineView, _info) -> list:
        return root.problems

    @staticmethod
    def resolve_is_gift(_root, _info) -> bool:
        return False

    @staticmethod
    def resolve_metadata(root: LineView, info):
        return ObjectWithMetadataFields.resolve_metadata(root.info.line, info)

    @staticmethod
    def resolve_metafield(root: LineView, info, key: str):
        return ObjectWithMetadataFields.resolve_metafield(root.info.line, info, key)

    @staticmethod
    def resolve_private_metadata(root: LineView, info):
        return Checkout.resolve_private_metadata(root.info.line, info)


def _summary(root: models.Checkout, info, read):
    return then(
        CheckoutSummaryByTokenLoader(info.context).load(root.token),
        lambda summary: read(summary) if summary is not None else None,
    )


class Checkout(
    CheckoutPaymentFields, ObjectWithMetadataFields, ModelObjectType, model=models.Checkout
):
    private_metadata_permissions = _CHECKOUT_MANAGERS
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    last_change = graphene.DateTime(required=True, deprecation_reason="Use `updatedAt` instead.")
    user = graphene.Field(User, description="The customer; only they and user managers see it.")
    channel = graphene.Field(Channel, required=True)
    billing_address = graphene.Field(Address)
    shipping_address = graphene.Field(Address)
    customer_note = graphene.String(required=True)
    note = graphene.String(required=True, deprecation_reason="Use `customerNote` instead.")
    discount = graphene.Field(Money, description="What the voucher takes off.")
    discount_name = graphene.String()
    translated_discount_name = graphene.String()
    voucher = graphene.Field(
        Voucher, description="The voucher whose code the checkout carries (MANAGE_DISCOUNTS)."
    )
    voucher_code = graphene.String()
    gift_cards = graphene.NonNull(
        graphene.List(graphene.NonNull(GiftCard)),
        description="Always empty: Haat issues no gift cards.",
    )
    email = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    stock_reservation_expires = graphene.DateTime()
    lines = graphene.NonNull(graphene.List(graphene.NonNull(CheckoutLine)))
    shipping_price = graphene.Field(TaxedMoney, required=True)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    tax_exemption = graphene.Boolean(required=True)
    token = graphene.UUID(required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    total_balance = graphene.Field(Money, required=True)
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    display_gross_prices = graphene.Boolean(required=True)
    authorize_status = graphene.Field(CheckoutAuthorizeStatusEnum, required=True)
    charge_status = graphene.Field(CheckoutChargeStatusEnum, required=True)
    problems = graphene.List(graphene.NonNull(CheckoutProblem))
    vendor_shipping = graphene.NonNull(
        graphene.List(graphene.NonNull(VendorShipping)),
        description="Each vendor's parcel and its delivery price (Haat's addition).",
    )
    shipping_methods = graphene.NonNull(
        graphene.List(graphene.NonNull(ShippingMethod)),
        description="The ways to ship this checkout now, cheapest first.",
    )
    available_shipping_methods = graphene.NonNull(
        graphene.List(graphene.NonNull(ShippingMethod)),
        deprecation_reason="Use `shippingMethods` instead.",
    )
    available_collection_points = graphene.NonNull(
        graphene.List(graphene.NonNull(Warehouse)),
        description="Where the checkout can be collected, nearest first.",
    )
    shipping_method = graphene.Field(
        ShippingMethod, deprecation_reason="Use `deliveryMethod` instead."
    )
    delivery_method = graphene.Field(DeliveryMethod)

    class Meta:
        description = "A cart: lines, customer, addresses and delivery, until it is an order."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: models.Checkout, _info):
        return root.token

    @staticmethod
    def resolve_created(root: models.Checkout, _info):
        return root.created_at

    @staticmethod
    def resolve_user(root: models.Checkout, info):
        viewer = info.context.user
        if root.user_id is None:
            return None
        if getattr(viewer, "pk", None) == root.user_id and not getattr(viewer, "is_app", False):
            return viewer
        if can_manage_users(viewer):
            return UserByIdLoader(info.context).load(root.user_id)
        return None

    @staticmethod
    def resolve_channel(root: models.Checkout, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_billing_address(root: models.Checkout, _info):
        return root.billing_address

    @staticmethod
    def resolve_shipping_address(root: models.Checkout, _info):
        return root.shipping_address

    @staticmethod
    def resolve_customer_note(root: models.Checkout, _info) -> str:
        return root.customer_note

    @staticmethod
    def resolve_note(root: models.Checkout, _info) -> str:
        return root.customer_note

    @staticmethod
    def resolve_discount(root: models.Checkout, info):
        return _summary(root, info, lambda s: MoneyAmount(s.prices.discount, root.currency))

    @staticmethod
    def resolve_discount_name(root: models.Checkout, info):
        return _summary(root, info, lambda s: s.discount_name or None)

    @staticmethod
    def resolve_translated_discount_name(root: models.Checkout, info):
        return _summary(root, info, lambda s: s.discount_name or None)

    @staticmethod
    def resolve_voucher(root: models.Checkout, info):
        if not has_any_permission(info.context.user, _VOUCHER_READERS):
            raise PermissionDenied(permissions=list(_VOUCHER_READERS))
        if not root.voucher_code:
            return None
        return then(
            VoucherByCodeLoader(info.context).load(root.voucher_code),
            lambda voucher: ChannelContext(voucher, root.channel.slug) if voucher else None,
        )

    @staticmethod
    def resolve_gift_cards(_root, _info) -> list:
        return []

    @staticmethod
    def resolve_is_shipping_required(root: models.Checkout, info):
        return _summary(root, info, lambda s: s.info.is_shipping_required)

    @staticmethod
    def resolve_quantity(root: models.Checkout, info):
        return _summary(root, info, lambda s: s.info.quantity)

    @staticmethod
    def resolve_stock_reservation_expires(root: models.Checkout, info):
        return _summary(root, info, lambda s: stock_reservation_expires(s.info))

    @staticmethod
    def resolve_lines(root: models.Checkout, info):
        return _summary(root, info, line_views)

    @staticmethod
    def resolve_shipping_price(root: models.Checkout, info):
        return _summary(root, info, lambda s: TaxedValue(s.prices.shipping_price, root.currency))

    @staticmethod
    def resolve_subtotal_price(root: models.Checkout, info):
        return _summary(root, info, lambda s: TaxedValue(s.prices.subtotal, root.currency))

    @staticmethod
    def resolve_total_price(root: models.Checkout, info):
        return _summary(root, info, lambda s: TaxedValue(s.prices.total, root.currency))

    @staticmethod
    def resolve_total_balance(root: models.Checkout, info):
        # Saleor's balance: what the transactions charged minus the total (negative: owed).
        return _summary(
            root,
            info,
            lambda s: MoneyAmount(root.total_charged_amount - s.prices.total.gross, root.currency),
        )

    @staticmethod
    def resolve_tax_exemption(_root, _info) -> bool:
        return False

    @staticmethod
    def resolve_display_gross_prices(_root, _info) -> bool:
        return True

    @staticmethod
    def resolve_authorize_status(root: models.Checkout, info):
        return _summary(
            root,
            info,
            lambda s: authorize_status(root.total_authorized_amount, s.prices.total.gross),
        )

    @staticmethod
    def resolve_charge_status(root: models.Checkout, info):
        return _summary(
            root, info, lambda s: charge_status(root.total_charged_amount, s.prices.total.gross)
        )

    @staticmethod
    def resolve_problems(root: models.Checkout, info):
        return _summary(
            root,
            info,
            lambda s: [problem for view in line_views(s) for problem in view.problems],
        )

    @staticmethod
    def resolve_vendor_shipping(root: models.Checkout, info):
        return _summary(
            root,
            info,
            lambda s: [
                VendorParcel(
                    vendor_id=vendor.vendor_id,
                    weight=vendor.weight,
                    price=vendor.shipping_price.gross,
                    currency=root.currency,
                )
                for vendor in s.prices.vendors
            ],
        )

    @staticmethod
    def resolve_shipping_methods(root: models.Checkout, info):
        return _summary(root, info, lambda s: list(s.delivery.shipping_methods))

    @staticmethod
    def resolve_available_shipping_methods(root: models.Checkout, info):
        return _summary(root, info, lambda s: list(s.delivery.shipping_methods))

    @staticmethod
    def resolve_available_collection_points(root: models.Checkout, info):
        return _summary(root, info, lambda s: s.collection_points)

    @staticmethod
    def resolve_shipping_method(root: models.Checkout, info):
        return _summary(root, info, lambda s: s.delivery.chosen_method)

    @staticmethod
    def resolve_delivery_method(root: models.Checkout, info):
        if root.collection_point_id is not None:
            return root.collection_point
        return _summary(root, info, lambda s: s.delivery.chosen_method)

    @classmethod
    def may_read_private_metadata(cls, root, info) -> bool:
        return has_any_permission(info.context.user, _CHECKOUT_MANAGERS)


CheckoutCountableConnection = create_connection(Checkout)


def checkout_global_id(checkout: models.Checkout) -> str:
    return to_global_id("Checkout", str(checkout.token))
