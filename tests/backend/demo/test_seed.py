from __future__ import annotations

import pytest
from django.core.management import call_command

from backend.catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.inventory.models import Stock


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_seed_creates_listed_stocked_products(media_root):
    # when
    call_command("seed", products=200, vendors=5, verbosity=0)

    # then
    products = Product.objects.filter(slug__startswith="seed-")
    assert products.count() == 200
    assert products.order_by().values("vendor").distinct().count() == 5
    assert (
        ProductChannelListing.objects.filter(
            product__in=products, is_published=True, discounted_price_amount__isnull=False
        ).count()
        == 200
    )
    variants = ProductVariant.objects.filter(product__in=products)
    assert all(1 <= p.variants.count() <= 4 for p in products)
    assert ProductVariantChannelListing.objects.filter(variant__in=variants).count() == (
        variants.count()
    )
    assert Stock.objects.filter(product_variant__in=variants).count() == variants.count()
    assert ProductTranslation.objects.filter(product__in=products).count() == 200
    assert ProductMedia.objects.filter(product__in=products).count() == 200
    assert products.order_by().values("category").distinct().count() > 10
    assert not products.filter(search_index_dirty=True).exists()


@pytest.mark.django_db
def test_seed_tops_up_to_the_requested_count(media_root):
    # given
    call_command("seed", products=50, vendors=2, verbosity=0)

    # when
    call_command("seed", products=80, vendors=2, verbosity=0)
    call_command("seed", products=80, vendors=2, verbosity=0)

    # then
    assert Product.objects.filter(slug__startswith="seed-").count() == 80
