import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.catalog.models import Product, ProductTranslation
from backend.catalog.search import search_products, update_products_search_index
from tests.factories import ProductFactory, ProductVariantFactory, VendorFactory


def _found(text):
    return set(search_products(Product.objects.all(), text).values_list("slug", flat=True))


@pytest.fixture
def rice(db):
    vendor = VendorFactory(name="Rahim Store", name_bn="রহিম স্টোর")
    product = ProductFactory(vendor=vendor, name="Miniket Rice", slug="miniket")
    ProductTranslation.objects.create(product=product, language_code="bn", name="মিনিকেট চাল")
    ProductVariantFactory(product=product, sku="RICE-৫KG-001", name="5 kg")
    other = ProductFactory(name="Mustard Oil", slug="oil")
    update_products_search_index([product.pk, other.pk])
    return product


def test_index_builds_a_lower_cased_document_in_bulk(rice):
    # given a product needing indexing
    Product.objects.filter(pk=rice.pk).update(search_index_dirty=True)
    # when it is indexed
    with CaptureQueriesContext(connection) as captured:
        update_products_search_index([rice.pk])
    # then its document holds every name, the SKU and the vendor, lower-cased, and it is clean
    rice.refresh_from_db()
    for part in ("miniket rice", "মিনিকেট চাল", "rice-5kg-001", "5 kg", "rahim store", "রহিম স্টোর"):
        assert part in rice.search_document
    assert rice.search_index_dirty is False
    # in a fixed number of queries (3 reads, 1 update, +1 tsvector update on PostgreSQL)
    assert len(captured) <= 5


def test_index_of_nothing_runs_no_update(db):
    with CaptureQueriesContext(connection) as captured:
        update_products_search_index([])
    assert len(captured) == 0


@pytest.mark.parametrize(
    "text", ["চাল", "MINIKET", "rice-5kg-001", "RICE-৫KG-001", "rahim store", "রহিম"]
)
def test_search_finds_by_bangla_name_sku_and_vendor(rice, text):
    assert _found(text) == {"miniket"}


def test_search_of_blank_text_filters_nothing(rice):
    assert _found("  ") == {"miniket", "oil"}


def test_search_finds_nothing_for_unknown_words(rice):
    assert _found("zzzz") == set()


@pytest.mark.postgres
def test_postgres_fills_the_search_vector(rice):
    rice.refresh_from_db()
    assert "'চাল'" in rice.search_vector


@pytest.mark.postgres
def test_postgres_typo_finds_by_trigram(rice):
    assert _found("minket") == {"miniket"}
    assert _found("mustrd oil") == {"oil"}


@pytest.mark.postgres
def test_postgres_full_text_and_rank(rice):
    results = list(search_products(Product.objects.all(), "চাল").values_list("slug", "search_rank"))
    assert [slug for slug, _ in results] == ["miniket"]
    assert results[0][1] > 0


@pytest.mark.postgres
def test_postgres_plan_uses_the_search_indexes(db):
    # given a few thousand indexed products
    vendor = VendorFactory()
    product_type = ProductFactory(vendor=vendor).product_type
    category = ProductFactory(vendor=vendor).category
    Product.objects.bulk_create(
        [
            Product(
                vendor=vendor,
                product_type=product_type,
                category=category,
                name=f"Item {index} {'miniket' if index % 500 == 0 else 'rice'}",
                slug=f"bulk-{index}",
            )
            for index in range(4000)
        ]
    )
    update_products_search_index(Product.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
    # when the plan of a search is explained (with sequential scans priced out: on a table this
    # small the planner may rightly prefer one, the point is that the indexes can serve it)
    queryset = search_products(Product.objects.order_by(), "minket")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.explain()
    # then each branch of the match is a scan of a GIN index
    assert "Seq Scan" not in plan, plan
    assert "catalog_product_search_trgm" in plan, plan
    assert "catalog_product_search_vector" in plan, plan
    assert queryset.count() == 8
