"""Load checkouts once, with everything pricing and the rules need, into typed carriers.

`fetch_checkout_infos` reads any number of checkouts with their lines, variants, products,
product types, vendors and channel listings in four queries, whatever the number of lines or
checkouts; everything above (pricing, delivery, vouchers, completion, the API) works from the
`CheckoutInfo` instead of querying again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from django.db.models import Model, QuerySet

from backend.catalog.models import (
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.catalog.selectors import DEFERRED_PRODUCT_FIELDS
from backend.channels.models import Channel
from backend.core.db import precompiled_rows
from backend.marketplace.models import Vendor

from .models import Checkout, CheckoutLine

ZERO = Decimal(0)


@dataclass
class CheckoutLineInfo:
    """A line with its variant, product, type and listings in the checkout's channel (the
    product without its search columns; its type and vendor with only the columns
    `LINE_PRODUCT_TYPE_FIELDS` and `LINE_VENDOR_FIELDS`)."""

    line: CheckoutLine
    variant_listing: ProductVariantChannelListing | None
    product_listing: ProductChannelListing | None

    @property
    def variant(self) -> ProductVariant:
        return self.line.variant

    @property
    def product(self) -> Product:
        return self.line.variant.product

    @property
    def product_type(self) -> ProductType:
        return self.line.variant.product.product_type

    @property
    def vendor_id(self) -> int:
        return self.line.variant.product.vendor_id

    @property
    def quantity(self) -> int:
        return self.line.quantity

    @property
    def vat_rate(self) -> Decimal:
        return self.product_type.vat_rate

    @property
    def is_shipping_required(self) -> bool:
        return self.product_type.is_shipping_required

    @property
    def unit_weight(self) -> Decimal:
        """Kilograms of one unit: the variant's, else the product's, else its type's."""
        variant, product = self.variant, self.product
        for weight in (variant.weight, product.weight, self.product_type.weight):
            if weight is not None:
                return weight
        return ZERO

    @property
    def price_amount(self) -> Decimal | None:
        """The undiscounted VAT-inclusive unit price in the channel; None: not sold there."""
        return self.variant_listing.price_amount if self.variant_listing else None

    @property
    def selling_amount(self) -> Decimal | None:
        """What one unit costs now (the sale price while on sale); None: not sold there."""
        if self.variant_listing is None or self.variant_listing.price_amount is None:
            return None
        discounted = self.variant_listing.discounted_price_amount
        return discounted if discounted is not None else self.variant_listing.price_amount


@dataclass
class CheckoutInfo:
    """A checkout as read once: its row (with channel, user, addresses and collection point
    joined) and its lines in order."""

    checkout: Checkout
    lines: list[CheckoutLineInfo] = field(default_factory=list)

    @property
    def token(self) -> UUID:
        return self.checkout.token

    @property
    def channel(self) -> Channel:
        return self.checkout.channel

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def is_shipping_required(self) -> bool:
        return any(line.is_shipping_required for line in self.lines)

    @property
    def customer_phone(self) -> str:
        """The number to reach the customer at (E.164): the account's, else an address's."""
        checkout = self.checkout
        user_phone = getattr(checkout.user, "phone", None) if checkout.user_id else None
        for phone in (
            user_phone,
            checkout.shipping_address.phone if checkout.shipping_address else None,
            checkout.billing_address.phone if checkout.billing_address else None,
        ):
            if phone:
                return phone
        return ""

    @property
    def customer_email(self) -> str:
        checkout = self.checkout
        user_email = getattr(checkout.user, "email", None) if checkout.user_id else None
        return checkout.email or user_email or ""

    def line_by_id(self, line_id: UUID) -> CheckoutLineInfo | None:
        return next((line for line in self.lines if line.line.id == line_id), None)


def checkouts_queryset():
    """Checkouts with the rows every CheckoutInfo needs joined in."""
    return Checkout.objects.select_related(
        "channel", "user", "shipping_address", "billing_address", "collection_point"
    )


# Every checkout request reads the same few shapes of rows: each is compiled to SQL once per
# process (backend.core.db.precompiled_rows), as compiling costs more than running it.


def checkouts_by_token(tokens: Iterable[UUID], *, lock: bool = False) -> list[Checkout]:
    """`checkouts_queryset()` rows with these tokens, in its order; with `lock`, each row is
    locked until the transaction ends (`select_for_update` of the checkout row only)."""
    tokens = list(tokens)
    if not tokens:
        return []
    if lock:
        return precompiled_rows(
            ("checkout.fetch.checkouts_by_token", "lock"),
            lambda ids: (
                checkouts_queryset().select_for_update(of=("self",)).filter(token__any_of=ids)
            ),
            tokens,
        )
    return precompiled_rows(
        ("checkout.fetch.checkouts_by_token",),
        lambda ids: checkouts_queryset().filter(token__any_of=ids),
        tokens,
    )


# What a line reads of its product's type and vendor: prices, parcels and the rules use these
# columns and no other (the API shows types and vendors through loaders of its own). A line's
# read leaves their other columns out: JSON metadata, texts and timestamps would cost a decode
# per line and serve nobody. The product is read as the storefront shows it (without its search
# columns, as `products_in_channel` reads it): the API shows the lines' products as they are.
LINE_PRODUCT_TYPE_FIELDS = ("vat_rate", "is_shipping_required", "weight")
LINE_VENDOR_FIELDS = ("status",)


def _with_product(queryset: QuerySet, product: str) -> QuerySet:
    """`queryset` with the product at the `product` path joined, and its type and vendor with
    only the columns a line reads."""
    return queryset.select_related(f"{product}__product_type", f"{product}__vendor").defer(
        *(f"{product}__{name}" for name in DEFERRED_PRODUCT_FIELDS),
        *_columns_but(ProductType, f"{product}__product_type", LINE_PRODUCT_TYPE_FIELDS),
        *_columns_but(Vendor, f"{product}__vendor", LINE_VENDOR_FIELDS),
    )


def _columns_but(model: type[Model], path: str, kept: tuple[str, ...]) -> list[str]:
    return [
        f"{path}__{field.name}"
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in kept
    ]


def _lines_of(tokens: list[UUID]) -> list[CheckoutLine]:
    return precompiled_rows(
        ("checkout.fetch.lines",),
        lambda ids: _with_product(
            CheckoutLine.objects.filter(checkout_id__any_of=ids), "variant__product"
        ),
        tokens,
    )


def variant_listings_in_channel(
    channel_id: int, variant_ids: set[int]
) -> list[ProductVariantChannelListing]:
    if not variant_ids:
        return []
    return precompiled_rows(
        ("checkout.fetch.variant_listings",),
        lambda ids, channel: ProductVariantChannelListing.objects.filter(
            channel_id=channel, variant_id__any_of=ids
        ),
        variant_ids,
        params={"channel": channel_id},
    )


def product_listings_in_channel(
    channel_id: int, product_ids: set[int]
) -> list[ProductChannelListing]:
    if not product_ids:
        return []
    return precompiled_rows(
        ("checkout.fetch.product_listings",),
        lambda ids, channel: ProductChannelListing.objects.filter(
            channel_id=channel, product_id__any_of=ids
        ),
        product_ids,
        params={"channel": channel_id},
    )


def variants_for_lines(variant_ids: set[int]) -> list[ProductVariant]:
    """Variants with the product, type and vendor a checkout line reads (compiled once)."""
    if not variant_ids:
        return []
    return precompiled_rows(
        ("checkout.fetch.variants_for_lines",),
        lambda ids: _with_product(ProductVariant.objects.filter(pk__any_of=ids), "product"),
        variant_ids,
    )


def fetch_checkout_infos(checkouts: Sequence[Checkout]) -> list[CheckoutInfo]:
    """CheckoutInfos of `checkouts` (read with `checkouts_queryset`), in their order: three
    queries for their lines and listings, however many there are (two more for each further
    channel among them)."""
    if not checkouts:
        return []
    lines_by_checkout: dict[UUID, list[CheckoutLine]] = defaultdict(list)
    for line in _lines_of([checkout.token for checkout in checkouts]):
        lines_by_checkout[line.checkout_id].append(line)
    # One read per channel of the batch's listings (a batch is almost always one channel).
    lines_by_channel: dict[int, list[CheckoutLine]] = defaultdict(list)
    for checkout in checkouts:
        lines_by_channel[checkout.channel_id].extend(lines_by_checkout.get(checkout.token, []))
    variant_listings: dict[tuple[int, int], ProductVariantChannelListing] = {}
    product_listings: dict[tuple[int, int], ProductChannelListing] = {}
    for channel_id, channel_lines in lines_by_channel.items():
        variant_listings.update(
            _by_key(
                variant_listings_in_channel(
                    channel_id, {line.variant_id for line in channel_lines}
                ),
                lambda listing: (listing.variant_id, listing.channel_id),
            )
        )
        product_listings.update(
            _by_key(
                product_listings_in_channel(
                    channel_id, {line.variant.product_id for line in channel_lines}
                ),
                lambda listing: (listing.product_id, listing.channel_id),
            )
        )
    infos = []
    for checkout in checkouts:
        channel_id = checkout.channel_id
        infos.append(
            CheckoutInfo(
                checkout=checkout,
                lines=[
                    CheckoutLineInfo(
                        line=line,
                        variant_listing=variant_listings.get((line.variant_id, channel_id)),
                        product_listing=product_listings.get((line.variant.product_id, channel_id)),
                    )
                    for line in lines_by_checkout.get(checkout.token, [])
                ],
            )
        )
    return infos


def _by_key(rows: Iterable, key) -> dict:
    return {key(row): row for row in rows}


def fetch_checkout_info(checkout: Checkout) -> CheckoutInfo:
    return fetch_checkout_infos([checkout])[0]


def get_checkout_info(token: UUID) -> CheckoutInfo | None:
    """The checkout with this token, loaded; None when there is none."""
    found = checkouts_by_token([token])
    return fetch_checkout_info(found[0]) if found else None
