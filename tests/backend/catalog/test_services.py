from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category, Product, ProductChannelListing
from backend.catalog.services import (
    ProductChannelListingChange,
    VariantPriceChange,
    clean_price,
    create_category,
    create_product,
    create_variant,
    update_product,
    update_product_channel_listings,
    update_products_discounted_prices,
    update_variant,
    update_variant_channel_listings,
)
from tests.factories import (
    CategoryFactory,
    ChannelFactory,
    ProductChannelListingFactory,
    ProductFactory,
    ProductTypeFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
    VendorFactory,
)


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


@pytest.mark.django_db
def test_create_product_makes_a_bangla_slug_and_indexes_it():
    # given
    vendor = VendorFactory(name="Nakshi Ghor")
    # when
    product = create_product(vendor=vendor, product_type=ProductTypeFactory(), name="নকশি কাঁথা")
    # then
    product.refresh_from_db()
    assert product.slug == "নকশি-কাঁথা"
    assert "নকশি কাঁথা" in product.search_document
    assert "nakshi ghor" in product.search_document
    assert product.search_index_dirty is False


@pytest.mark.django_db
def test_create_product_slug_avoids_taken_slugs():
    # given
    ProductFactory(slug="jamdani-saree")
    # when
    product = create_product(
        vendor=VendorFactory(), product_type=ProductTypeFactory(), name="Jamdani Saree"
    )
    # then
    assert product.slug == "jamdani-saree-2"


@pytest.mark.django_db
def test_create_product_with_taken_slug_is_unique_error_and_creates_nothing():
    # given
    ProductFactory(slug="taken")
    count = Product.objects.count()
    # when
    with pytest.raises(ValidationError) as error:
        create_product(
            vendor=VendorFactory(), product_type=ProductTypeFactory(), name="X", slug="taken"
        )
    # then
    assert _codes(error.value) == {"slug": [ProductErrorCode.UNIQUE.value]}
    assert Product.objects.count() == count


@pytest.mark.django_db
def test_create_product_without_name_is_required_error():
    with pytest.raises(ValidationError) as error:
        create_product(vendor=VendorFactory(), product_type=ProductTypeFactory(), name="  ")
    assert _codes(error.value) == {"name": [ProductErrorCode.REQUIRED.value]}


@pytest.mark.django_db
def test_update_product_reindexes_the_new_name():
    # given
    product = ProductFactory(name="Old name")
    # when
    update_product(product=product, name="Fresh mango")
    # then
    product.refresh_from_db()
    assert product.name == "Fresh mango"
    assert "fresh mango" in product.search_document


@pytest.mark.django_db
def test_variant_sku_is_searchable_and_first_variant_is_default():
    # given
    product = ProductFactory()
    # when
    variant = create_variant(product=product, sku="MANGO-1KG")
    # then
    product.refresh_from_db()
    assert product.default_variant_id == variant.pk
    assert "mango-1kg" in product.search_document


@pytest.mark.django_db
def test_duplicate_sku_is_unique_error():
    # given
    ProductVariantFactory(sku="DUP")
    variant = ProductVariantFactory(sku="OTHER")
    # when
    with pytest.raises(ValidationError) as error:
        update_variant(variant=variant, sku="DUP")
    # then
    assert _codes(error.value) == {"sku": [ProductErrorCode.UNIQUE.value]}
    variant.refresh_from_db()
    assert variant.sku == "OTHER"


@pytest.mark.parametrize(
    ("amount", "ok"),
    [
        (Decimal("10"), True),
        (Decimal("10.5"), True),
        (Decimal("10.50"), True),
        (Decimal("10.500"), True),
        (Decimal("10.005"), False),
        (Decimal("-1"), False),
        (Decimal("NaN"), False),
        (Decimal("Infinity"), False),
        (Decimal("10000000000"), False),
    ],
)
def test_clean_price(amount, ok):
    if ok:
        assert clean_price(amount, field_name="price") == amount
    else:
        with pytest.raises(ValidationError) as error:
            clean_price(amount, field_name="price")
        assert _codes(error.value) == {"price": [ProductErrorCode.INVALID.value]}


@pytest.mark.django_db
def test_discounted_price_is_the_cheapest_variant_price_per_channel():
    # given
    bd = ChannelFactory()
    other = ChannelFactory(slug="other", name="Other")
    product = ProductFactory()
    ProductChannelListingFactory(product=product, channel=bd)
    ProductChannelListingFactory(product=product, channel=other)
    for bd_price, other_price in (("120.00", "9.00"), ("80.50", "11.00")):
        variant = ProductVariantFactory(product=product)
        ProductVariantChannelListingFactory(
            variant=variant, channel=bd, price_amount=Decimal(bd_price)
        )
        ProductVariantChannelListingFactory(
            variant=variant, channel=other, price_amount=Decimal(other_price)
        )
    # when
    update_products_discounted_prices([product.pk])
    # then
    prices = dict(
        ProductChannelListing.objects.filter(product=product).values_list(
            "channel__slug", "discounted_price_amount"
        )
    )
    assert prices == {"bd": Decimal("80.50"), "other": Decimal("9.00")}


@pytest.mark.django_db
def test_variant_price_update_refreshes_the_listing_price():
    # given
    channel = ChannelFactory()
    product = ProductFactory()
    ProductChannelListingFactory(product=product, channel=channel)
    variant = ProductVariantFactory(product=product)
    # when
    update_variant_channel_listings(
        variant=variant, prices=[VariantPriceChange(channel=channel, price=Decimal("55.25"))]
    )
    # then
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.discounted_price_amount == Decimal("55.25")


@pytest.mark.django_db
def test_variant_price_in_unlisted_channel_is_refused():
    channel = ChannelFactory()
    variant = ProductVariantFactory()
    with pytest.raises(ValidationError) as error:
        update_variant_channel_listings(
            variant=variant, prices=[VariantPriceChange(channel=channel, price=Decimal(1))]
        )
    assert _codes(error.value) == {
        "channelId": [ProductErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL.value]
    }


@pytest.mark.django_db
def test_publishing_sets_dates_and_removing_deletes_variant_listings():
    # given
    channel = ChannelFactory()
    product = ProductFactory()
    variant = ProductVariantFactory(product=product)
    # when
    update_product_channel_listings(
        product=product,
        update_channels=[
            ProductChannelListingChange(
                channel=channel,
                is_published=True,
                is_available_for_purchase=True,
                add_variants=[variant],
            )
        ],
        remove_channels=[],
    )
    # then
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.is_published and listing.published_at is not None
    assert listing.available_for_purchase_at is not None
    assert variant.channel_listings.count() == 1
    # when
    update_product_channel_listings(product=product, update_channels=[], remove_channels=[channel])
    # then
    assert not ProductChannelListing.objects.filter(product=product).exists()
    assert variant.channel_listings.count() == 0


@pytest.mark.django_db
def test_publishing_without_category_is_refused():
    product = ProductFactory(category=None)
    with pytest.raises(ValidationError) as error:
        update_product_channel_listings(
            product=product,
            update_channels=[
                ProductChannelListingChange(channel=ChannelFactory(), is_published=True)
            ],
            remove_channels=[],
        )
    assert _codes(error.value) == {"isPublished": [ProductErrorCode.PRODUCT_WITHOUT_CATEGORY.value]}
    assert not ProductChannelListing.objects.exists()


@pytest.mark.django_db
def test_category_tree_path_extends_the_parent_path():
    # given
    root = create_category(name="খাদ্য")
    # when
    child = create_category(name="Rice", parent=root)
    grandchild = create_category(name="Miniket", parent=child)
    # then
    root.refresh_from_db()
    assert root.tree_path == f"{root.pk:06d}."
    assert child.tree_path == f"{root.tree_path}{child.pk:06d}."
    assert (grandchild.level, child.level, root.level) == (2, 1, 0)
    below_root = Category.objects.filter(tree_path__startswith=root.tree_path)
    assert set(below_root) == {root, child, grandchild}
    assert root.slug == "খাদ্য"


@pytest.mark.django_db
def test_category_slug_must_be_unique():
    CategoryFactory(slug="rice")
    with pytest.raises(ValidationError) as error:
        create_category(name="Rice", slug="rice")
    assert _codes(error.value) == {"slug": [ProductErrorCode.UNIQUE.value]}
