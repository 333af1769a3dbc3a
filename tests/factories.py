"""factory_boy factories for the domain, shared by every test."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from backend.accounts.models import Address, User
from backend.catalog.models import (
    Category,
    Collection,
    CollectionChannelListing,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.channels.models import Channel
from backend.checkout.models import Checkout, CheckoutLine
from backend.inventory.models import Stock, Warehouse
from backend.marketplace.models import Vendor, VendorStatus
from backend.orders.models import Order, OrderLine, VendorOrder
from backend.places.models import (
    Centre,
    CentreKind,
    District,
    Division,
    PostOffice,
    Union,
    Upazila,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    phone = factory.Sequence(lambda n: f"+88017{n:08d}")
    email = None
    first_name = "Rahim"
    last_name = "Uddin"
    password = factory.PostGenerationMethodCall("set_password", "password-123")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class AddressFactory(factory.django.DjangoModelFactory):
    """A Bangladeshi address in issue 9's scheme with real places: Gazipur district, its
    Kaliakair upazila, that upazila's Mouchak union, and Kaliakair post office's postcode. The
    strings need no loaded places; with places loaded, `validate_address` accepts them as they
    are (a test keeps it so)."""

    class Meta:
        model = Address

    first_name = "Karim"
    last_name = "Mia"
    street_address_1 = "House 5, Road 2"
    country = "BD"
    country_area = "Gazipur"
    city = "Kaliakair"
    city_area = "Mouchak"
    postal_code = "1750"
    phone = "+8801712345678"


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ("source_id",)

    source_id = factory.Sequence(lambda n: 1000 + n)
    name = factory.Sequence(lambda n: f"Division {n}")
    name_bn = "বিভাগ"
    slug = factory.Sequence(lambda n: f"division-{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    source_id = factory.Sequence(lambda n: 1000 + n)
    division = factory.SubFactory(DivisionFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    name_bn = "জেলা"
    slug = factory.Sequence(lambda n: f"district-{n}")


class UpazilaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Upazila

    source_id = factory.Sequence(lambda n: 1000 + n)
    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Upazila {n}")
    name_bn = "উপজেলা"


class UnionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Union

    source_id = factory.Sequence(lambda n: 10000 + n)
    upazila = factory.SubFactory(UpazilaFactory)
    name = factory.Sequence(lambda n: f"Union {n}")
    name_bn = "ইউনিয়ন"


class PostOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostOffice

    postcode = factory.Sequence(lambda n: f"{1000 + n % 9000:04d}")
    name = factory.Sequence(lambda n: f"Post Office {n}")
    name_bn = "ডাকঘর"
    thana = "Sadar"
    thana_bn = "সদর"
    district = factory.SubFactory(DistrictFactory)


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    code = factory.Sequence(lambda n: f"UDC-{n:05d}")
    name = factory.Sequence(lambda n: f"Centre {n}")
    name_bn = "ইউনিয়ন ডিজিটাল সেন্টার"
    kind = CentreKind.DIGITAL_CENTRE
    district = factory.SubFactory(DistrictFactory)


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Vendor {n}")
    slug = factory.Sequence(lambda n: f"vendor-{n}")
    centre = factory.SubFactory(CentreFactory)
    owner = factory.SubFactory(UserFactory)
    status = VendorStatus.APPROVED
    commission_rate = Decimal("0.0500")


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel
        django_get_or_create = ("slug",)

    slug = "bd"
    name = "Bangladesh"
    currency_code = "BDT"
    default_country = "BD"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    tree_path = factory.Sequence(lambda n: f"{n:04d}.")


class ProductTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductType

    name = factory.Sequence(lambda n: f"Type {n}")
    slug = factory.Sequence(lambda n: f"type-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    product_type = factory.SubFactory(ProductTypeFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")


class ProductVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:06d}")
    name = factory.Sequence(lambda n: f"Variant {n}")


class ProductChannelListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductChannelListing

    product = factory.SubFactory(ProductFactory)
    channel = factory.SubFactory(ChannelFactory)
    is_published = True
    published_at = factory.LazyFunction(timezone.now)
    visible_in_listings = True
    available_for_purchase_at = factory.LazyFunction(timezone.now)


class ProductVariantChannelListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariantChannelListing

    variant = factory.SubFactory(ProductVariantFactory)
    channel = factory.SubFactory(ChannelFactory)
    price_amount = Decimal("100.00")
    discounted_price_amount = Decimal("100.00")


class WarehouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warehouse

    name = factory.Sequence(lambda n: f"Warehouse {n}")
    slug = factory.Sequence(lambda n: f"warehouse-{n}")


class StockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stock

    warehouse = factory.SubFactory(WarehouseFactory)
    product_variant = factory.SubFactory(ProductVariantFactory)
    quantity = 10


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    name = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")


class CollectionChannelListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionChannelListing

    collection = factory.SubFactory(CollectionFactory)
    channel = factory.SubFactory(ChannelFactory)
    is_published = True


def create_listed_product(
    *,
    vendor: Vendor | None = None,
    channel: Channel | None = None,
    price: Decimal = Decimal("100.00"),
    variants: int = 1,
    stock: int = 10,
    warehouse: Warehouse | None = None,
    **product_fields,
) -> Product:
    """A published product with priced, stocked variants: what a storefront lists."""
    channel = channel or ChannelFactory()
    product = ProductFactory(vendor=vendor or VendorFactory(), **product_fields)
    ProductChannelListingFactory(product=product, channel=channel, discounted_price_amount=price)
    if warehouse is None:
        warehouse = WarehouseFactory(vendor=product.vendor)
        warehouse.channels.add(channel)
    for index in range(variants):
        variant = ProductVariantFactory(product=product)
        ProductVariantChannelListingFactory(
            variant=variant,
            channel=channel,
            price_amount=price + index,
            discounted_price_amount=price + index,
        )
        StockFactory(warehouse=warehouse, product_variant=variant, quantity=stock)
        if index == 0:
            product.default_variant = variant
            product.save(update_fields=["default_variant"])
    return product


class CheckoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checkout

    channel = factory.SubFactory(ChannelFactory)
    currency = "BDT"


class CheckoutLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckoutLine

    checkout = factory.SubFactory(CheckoutFactory)
    variant = factory.SubFactory(ProductVariantFactory)
    quantity = 1


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    number = factory.Sequence(lambda n: n + 1)
    channel = factory.SubFactory(ChannelFactory)
    currency = "BDT"


class VendorOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VendorOrder

    order = factory.SubFactory(OrderFactory)
    vendor = factory.SubFactory(VendorFactory)
    currency = "BDT"


class OrderLineFactory(factory.django.DjangoModelFactory):
    """A line of a variant, in its vendor's part of the order (created when not given)."""

    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    variant = factory.SubFactory(ProductVariantFactory)
    vendor = factory.LazyAttribute(lambda line: line.variant.product.vendor)
    vendor_order = factory.LazyAttribute(
        lambda line: VendorOrder.objects.get_or_create(
            order=line.order, vendor=line.vendor, defaults={"currency": "BDT"}
        )[0]
    )
    product_name = factory.LazyAttribute(lambda line: line.variant.product.name)
    quantity = 1
    currency = "BDT"
    unit_price_net_amount = Decimal("100.00")
    unit_price_gross_amount = Decimal("100.00")
    undiscounted_unit_price_net_amount = Decimal("100.00")
    undiscounted_unit_price_gross_amount = Decimal("100.00")
    total_price_net_amount = factory.LazyAttribute(lambda line: line.quantity * Decimal("100.00"))
    total_price_gross_amount = factory.LazyAttribute(lambda line: line.quantity * Decimal("100.00"))
    undiscounted_total_price_net_amount = factory.LazyAttribute(
        lambda line: line.quantity * Decimal("100.00")
    )
    undiscounted_total_price_gross_amount = factory.LazyAttribute(
        lambda line: line.quantity * Decimal("100.00")
    )
