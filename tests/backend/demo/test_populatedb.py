from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from backend.accounts.models import Role, User
from backend.catalog.models import (
    Collection,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.content.models import (
    AssignedPageAttributeValue,
    AttributePage,
    Menu,
    MenuItem,
    Page,
)
from backend.demo import data
from backend.demo.populate import ensure_customer_address
from backend.discounts.models import Voucher, VoucherChannelListing, VoucherCode
from backend.inventory.models import ClickAndCollectOption, Stock, Warehouse
from backend.marketplace.models import Vendor, VendorStatus
from backend.places.address_places import places_for_address
from backend.places.models import Centre
from backend.shipping.models import ShippingMethod, ShippingRate, ShippingZone
from backend.shipping.parcels import ParcelLine, parcels_for_lines
from backend.shipping.quotes import shipping_methods_for
from plugins.framework.interface import DeliveryRequest


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _counts() -> dict[str, int]:
    models = (
        Product,
        ProductVariant,
        ProductTranslation,
        ProductChannelListing,
        ProductVariantChannelListing,
        ProductMedia,
        Stock,
        Warehouse,
        Vendor,
        User,
        Centre,
        Collection,
        CollectionProduct,
        Menu,
        MenuItem,
        Page,
        AttributePage,
        AssignedPageAttributeValue,
        Voucher,
        VoucherCode,
        VoucherChannelListing,
        ShippingZone,
        ShippingMethod,
        ShippingRate,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_populatedb_creates_a_believable_shop(media_root):
    # when
    call_command("populatedb", verbosity=0)

    # then
    assert Product.objects.filter(vendor__status=VendorStatus.APPROVED).count() >= 300
    centres = list(Centre.objects.select_related("district"))
    assert len(centres) >= 3
    assert len({centre.district_id for centre in centres}) == len(centres)
    assert all(
        centre.warehouse.click_and_collect_option != ClickAndCollectOption.DISABLED
        for centre in centres
    )
    approved = Vendor.objects.filter(status=VendorStatus.APPROVED)
    assert approved.count() == 6
    assert {vendor.owner.phone for vendor in approved} == {
        spec.owner_phone for spec in data.ENTREPRENEURS_AND_VENDORS
    }
    assert all(vendor.owner.has_role(Role.ENTREPRENEUR) for vendor in approved)
    assert all(vendor.warehouses.filter(channels__slug="bd").exists() for vendor in approved)
    pending = Vendor.objects.get(status=VendorStatus.PENDING)
    assert pending.products.count() == len(data.PENDING_VENDOR_ITEMS)
    admin = User.objects.get(phone=data.ADMIN_PHONE)
    assert admin.is_superuser and admin.check_password(data.ADMIN_PASSWORD)
    customer = User.objects.get(phone=data.CUSTOMER_PHONE)
    assert customer.check_password(data.DEMO_PASSWORD)


@pytest.mark.django_db
def test_populatedb_products_are_bangla_with_english_translations_images_and_stock(media_root):
    # when
    call_command("populatedb", verbosity=0)

    # then
    product = Product.objects.get(slug="red-jamdani-saree")
    assert product.name == "লাল জামদানি শাড়ি"
    assert product.translations.get(language_code="en").name == "Red Jamdani saree"
    assert product.description["blocks"][0]["type"] == "paragraph"
    assert product.description["version"] == "2.24.3"
    assert product.seo_title == "লাল জামদানি শাড়ি | হাট"  # a page title, not a copy of the name
    assert product.translations.get(language_code="en").seo_title == "Red Jamdani saree | Haat"
    assert all(len(title) <= 70 for title in Product.objects.values_list("seo_title", flat=True))
    assert product.search_document  # indexed by the catalogue's search
    listing = product.channel_listings.get(channel__slug="bd")
    assert listing.is_published
    variant_prices = ProductVariantChannelListing.objects.filter(variant__product=product)
    assert listing.discounted_price_amount == min(v.price_amount for v in variant_prices)
    assert all(3500 <= v.price_amount <= 8000 for v in variant_prices)
    assert product.default_variant is not None
    assert Stock.objects.filter(product_variant__product=product, quantity__gt=0).exists()
    assert all(1 <= p.variants.count() <= 4 for p in Product.objects.all())
    assert ProductTranslation.objects.filter(language_code="en").count() == Product.objects.count()
    assert all(default_storage.exists(media.image.name) for media in ProductMedia.objects.all())
    service = Product.objects.filter(product_type__is_assisted_service=True).first()
    assert service.product_type.is_shipping_required is False


@pytest.mark.django_db
def test_populatedb_makes_the_two_demo_vouchers(media_root):
    # when
    call_command("populatedb", verbosity=0)

    # then EID10 is 10% off from ৳500 and FREESHIP is free delivery 100 times, in bd
    listings = {
        listing.voucher.codes.get().code: listing
        for listing in VoucherChannelListing.objects.select_related("voucher", "channel")
    }
    assert set(listings) == {"EID10", "FREESHIP"}
    eid, freeship = listings["EID10"], listings["FREESHIP"]
    assert (eid.voucher.type, eid.voucher.discount_value_type) == ("ENTIRE_ORDER", "PERCENTAGE")
    assert (eid.discount_value, eid.min_spent_amount, eid.channel.slug) == (10, 500, "bd")
    assert (freeship.voucher.type, freeship.discount_value) == ("SHIPPING", 100)
    assert freeship.voucher.usage_limit == 100


@pytest.mark.django_db
def test_populatedb_second_run_adds_nothing(media_root):
    # given
    call_command("populatedb", verbosity=0)
    before = _counts()

    # when
    call_command("populatedb", verbosity=0)

    # then
    assert _counts() == before


@pytest.mark.django_db
def test_populatedb_links_centres_to_loaded_unions_and_post_offices(media_root):
    # given
    call_command("load_places", verbosity=0)

    # when
    call_command("populatedb", verbosity=0)

    # then
    for centre in Centre.objects.all():
        assert centre.union.upazila.district_id == centre.district_id
        assert centre.post_office.district_id == centre.district_id
    # and the demo customer's home, typed in Bangla, is their default address by English names
    customer = User.objects.get(phone=data.CUSTOMER_PHONE)
    home = customer.default_shipping_address
    assert (home.country_area, home.city, home.city_area, home.postal_code) == (
        "Sirajganj",
        "Shahjadpur",
        "Potazia",
        "6770",
    )
    places = places_for_address(
        country_area=home.country_area,
        city=home.city,
        city_area=home.city_area,
        postal_code=home.postal_code,
    )
    udc = Centre.objects.get(code="UDC-SRJ-0001")
    assert places is not None
    assert (places.upazila_id, places.post_office_id) == (
        udc.union.upazila_id,
        udc.post_office_id,
    )
    assert places.union_id is not None
    # and a second run adds no second address
    ensure_customer_address(customer)
    assert customer.addresses.count() == 1


@pytest.mark.django_db
def test_populatedb_info_pages_have_an_author_and_readers(media_root, api_client):
    # given the demo shop
    call_command("populatedb", verbosity=0)
    # when the storefront opens the about page, as GraphiQL would
    page = api_client.execute(
        """{ page(slug: "about") {
             attributes { attribute { slug name type translation(languageCode: EN) { name } }
                          values { slug name } } } }"""
    )["page"]
    # then it shows its type's attributes in order with the page's values
    assert page["attributes"] == [
        {
            "attribute": {
                "slug": "author",
                "name": "লেখক",
                "type": "PAGE_TYPE",
                "translation": {"name": "Author"},
            },
            "values": [{"slug": "haat-team", "name": "হাট টিম"}],
        },
        {
            "attribute": {
                "slug": "audience",
                "name": "পাঠক",
                "type": "PAGE_TYPE",
                "translation": {"name": "Readers"},
            },
            "values": [
                {"slug": "customers", "name": "ক্রেতা"},
                {"slug": "entrepreneurs", "name": "উদ্যোক্তা"},
            ],
        },
    ]


@pytest.mark.django_db
def test_populatedb_answers_a_saleor_storefront(media_root, api_client):
    # given the demo shop
    call_command("populatedb", verbosity=0)
    # when Saleor's storefront renders its home page and footer, in the default channel
    data_ = api_client.execute(
        """{
          collection(slug: "featured-products", channel: "bd") {
            name products(first: 12) { edges { node { slug seoTitle name } } } }
          menu(slug: "footer", channel: "bd") {
            items { name children { name page { slug } } } }
        }"""
    )
    # then the featured products are the home page's grid
    products = [edge["node"] for edge in data_["collection"]["products"]["edges"]]
    assert sorted(product["slug"] for product in products) == sorted(
        data.FEATURED_PRODUCTS.product_slugs
    )
    assert all(product["seoTitle"] == product["name"] + " | হাট" for product in products)
    # and the footer's pages are the second-level items under one heading
    assert data_["menu"]["items"] == [
        {
            "name": "হাট",
            "children": [
                {"name": spec.title_bn, "page": {"slug": spec.slug}} for spec in data.PAGES
            ],
        }
    ]


@pytest.mark.django_db
def test_populatedb_uses_the_default_channel_slug(media_root, settings, api_client):
    # given the slug Saleor's storefront expects
    settings.DEFAULT_CHANNEL_SLUG = "default-channel"
    # when the demo shop is made
    call_command("populatedb", verbosity=0)
    # then its products and collections are in that channel
    channel_products = ProductChannelListing.objects.filter(channel__slug="default-channel")
    assert channel_products.count() == Product.objects.count()
    assert not ProductChannelListing.objects.filter(channel__slug="bd").exists()
    featured = api_client.execute(
        """{ collection(slug: "featured-products", channel: "default-channel") {
               products(first: 1) { totalCount } } }"""
    )["collection"]
    assert featured == {"products": {"totalCount": len(data.FEATURED_PRODUCTS.product_slugs)}}


@pytest.mark.django_db
def test_populatedb_moves_an_older_footer_under_its_heading(media_root):
    # given a shop populated when the footer's pages were top-level items
    call_command("populatedb", verbosity=0)
    MenuItem.objects.filter(menu__slug="footer", page__isnull=False).update(parent=None, level=0)
    MenuItem.objects.filter(menu__slug="footer", page__isnull=True).delete()
    # when populatedb runs again
    call_command("populatedb", verbosity=0)
    # then the pages are under the heading again
    footer = MenuItem.objects.filter(menu__slug="footer")
    assert [(item.name, item.level) for item in footer.filter(parent__isnull=True)] == [("হাট", 0)]
    assert sorted(footer.filter(level=1).values_list("page__slug", flat=True)) == sorted(
        spec.slug for spec in data.PAGES
    )


@pytest.mark.django_db
def test_populatedb_sets_up_delivery_by_post_and_ems(media_root):
    # when
    call_command("populatedb", verbosity=0)

    # then a 0.8 kg parcel from a vendor to its own district and to another division
    vendor = Vendor.objects.filter(status=VendorStatus.APPROVED).select_related("centre").first()
    parcels = parcels_for_lines([ParcelLine(vendor.pk, Decimal("0.8"), 1, Decimal(1200))])
    other_division = Centre.objects.exclude(
        district__division=vendor.centre.district.division
    ).first()

    def offered(district_id):
        request = DeliveryRequest("bd", "BDT", district_id, parcels)
        return [
            (m.name, m.price, m.minimum_delivery_days, m.maximum_delivery_days)
            for m in shipping_methods_for(request)
        ]

    assert offered(vendor.centre.district_id) == [
        ("Postal parcel", Decimal(50), 1, 2),
        ("Express (EMS)", Decimal(100), 1, 1),
    ]
    assert offered(other_division.district_id) == [
        ("Postal parcel", Decimal(80), 3, 7),
        ("Express (EMS)", Decimal(160), 2, 3),
    ]
