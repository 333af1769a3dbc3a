import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.catalog import search
from backend.catalog.models import Category, Product, ProductChannelListing, ProductTranslation
from backend.catalog.search import (
    normalize_search_text,
    search_products,
    update_products_search_index,
)
from backend.marketplace.models import VendorStatus
from tests.factories import (
    ProductFactory,
    ProductVariantFactory,
    VendorFactory,
    create_listed_product,
)


def _found(text, queryset=None):
    queryset = Product.objects.all() if queryset is None else queryset
    return set(search_products(queryset, text).values_list("slug", flat=True))


def _ranked(text):
    products = search_products(Product.objects.all(), text).order_by("-search_rank", "-pk")
    return list(products.values_list("slug", flat=True))


@pytest.fixture
def rice(db):
    vendor = VendorFactory(name="Rahim Store", name_bn="রহিম স্টোর")
    product = ProductFactory(vendor=vendor, name="Miniket Rice", slug="miniket")
    ProductTranslation.objects.create(product=product, language_code="bn", name="মিনিকেট চাল")
    ProductVariantFactory(product=product, sku="RICE-৫KG-001", name="5 kg")
    other = ProductFactory(name="Mustard Oil", slug="oil")
    update_products_search_index([product.pk, other.pk])
    return product


def _bulk_products(count, name, *, vendor=None):
    """`count` indexed products named `name <n>`, in a few statements."""
    vendor = vendor or VendorFactory()
    first = ProductFactory(vendor=vendor, name=f"{name} 0", slug=f"{name}-0".replace(" ", "-"))
    Product.objects.bulk_create(
        [
            Product(
                vendor=vendor,
                product_type=first.product_type,
                category=first.category,
                name=f"{name} {index}",
                slug=f"{name}-{index}".replace(" ", "-"),
            )
            for index in range(1, count)
        ]
    )
    products = Product.objects.filter(vendor=vendor, name__startswith=f"{name} ")
    update_products_search_index(products.values_list("pk", flat=True))
    return products


# --- indexing -----------------------------------------------------------------------------------


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
    # in a fixed number of queries (one UPDATE on PostgreSQL; 3 reads and 1 update on SQLite)
    assert len(captured) == (1 if connection.vendor == "postgresql" else 4)


def test_index_of_nothing_runs_no_update(db):
    with CaptureQueriesContext(connection) as captured:
        update_products_search_index([])
    assert len(captured) == 0


def test_index_document_is_the_normalized_text_of_every_part(db):
    # given names with upper case, Bangla digits, odd spacing and a decomposed vowel sign
    vendor = VendorFactory(name="  Karim   TRADERS ", name_bn="করিম")
    category = Category.objects.create(name="Rice  & Grains", slug="rice-grains")
    decomposed = "ক\u09c7\u09be"  # ক + ে + া: the NFC form is ক + ো
    product = ProductFactory(vendor=vendor, category=category, name=f"Chinigura {decomposed}")
    ProductTranslation.objects.create(product=product, language_code="bn", name="চিনিগুঁড়া ২ কেজি")
    ProductTranslation.objects.create(product=product, language_code="en", name="")
    ProductVariantFactory(product=product, sku="CG-০০২", name="", sort_order=1)
    ProductVariantFactory(product=product, sku=None, name="Family\tPack", sort_order=0)
    # when it is indexed
    update_products_search_index([product.pk])
    # then the document is every part, in order, in the form queries are normalized to
    product.refresh_from_db()
    expected = normalize_search_text(
        f"Chinigura {decomposed} {vendor.name} করিম Rice  & Grains চিনিগুঁড়া ২ কেজি "
        "Family\tPack CG-০০২"
    )
    assert product.search_document == expected
    assert "কো" in product.search_document and "cg-002" in product.search_document


def test_index_skips_missing_products_and_leaves_updated_at(rice):
    # given an indexed product
    updated_at = Product.objects.get(pk=rice.pk).updated_at
    # when it and a pk that does not exist are re-indexed
    update_products_search_index([rice.pk, rice.pk + 1000])
    # then nothing fails, and indexing is not an edit
    assert Product.objects.get(pk=rice.pk).updated_at == updated_at
    assert not Product.objects.filter(pk=rice.pk + 1000).exists()


# --- searching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["চাল", "MINIKET", "rice-5kg-001", "RICE-৫KG-001", "rahim store", "রহিম"]
)
def test_search_finds_by_bangla_name_sku_and_vendor(rice, text):
    assert _found(text) == {"miniket"}


def test_search_of_blank_text_filters_nothing(rice):
    assert _found("  ") == {"miniket", "oil"}


def test_search_finds_nothing_for_unknown_words(rice):
    assert _found("zzzz") == set()


def test_search_only_looks_in_the_queryset_it_is_given(rice):
    assert _found("চাল", Product.objects.exclude(pk=rice.pk)) == set()


def test_search_with_a_word_part_finds_the_product(rice):
    assert _found("মিনিকে") == {"miniket"}
    assert _found("5kg-0") == {"miniket"}


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
    assert results[0][1] > 1


@pytest.mark.postgres
def test_postgres_whole_words_rank_above_word_parts_and_typos(db):
    # given a whole-word match, a word-part match and a near spelling of "miniket"
    for slug, name in (("typo", "Minikat"), ("part", "Miniketrice"), ("word", "Miniket")):
        product = ProductFactory(name=name, slug=slug)
        update_products_search_index([product.pk])
    # when searched, then the whole word comes first, the closer spellings next
    assert _ranked("miniket") == ["word", "part", "typo"]
    ranks = search_products(Product.objects.all(), "miniket").values_list("slug", "search_rank")
    ranks = dict(ranks)
    assert ranks["word"] > 1 > ranks["part"] > ranks["typo"] > 0


@pytest.mark.postgres
def test_postgres_search_ranks_at_most_the_candidate_limit(db, monkeypatch):
    # given more whole-word matches than the candidate limit, and word-part and typo matches
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 3)
    _bulk_products(5, "rice")
    for slug, name in (("part", "Ricebran"), ("typo", "Ricce")):
        update_products_search_index([ProductFactory(name=name, slug=slug).pk])
    # when searched
    with CaptureQueriesContext(connection) as captured:
        found = _found("rice")
    # then only the limit, whole words only, picked with one query (later tiers never run)
    assert len(found) == 3
    assert all(slug.startswith("rice-") for slug in found)
    assert len(captured) == 2  # the candidates, the page


@pytest.mark.postgres
def test_postgres_later_tiers_fill_up_to_the_limit(db, monkeypatch):
    # given one whole-word match, one word-part match and two typo matches
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 3)
    names = (("word", "Rice"), ("part", "Ricebran"), ("typo1", "Ricce"), ("typo2", "Rics"))
    for slug, name in names:
        update_products_search_index([ProductFactory(name=name, slug=slug).pk])
    # when searched, then every tier ran, the whole word and word part first, one typo fills up
    ranked = _ranked("rice")
    assert ranked[:2] == ["word", "part"]
    assert len(ranked) == 3 and ranked[2] in {"typo1", "typo2"}


@pytest.mark.postgres
def test_postgres_hidden_products_do_not_use_up_the_candidates(db, monkeypatch):
    # given more hidden than shown matches (a suspended vendor's)
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 2)
    suspended = VendorFactory(status=VendorStatus.SUSPENDED)
    _bulk_products(4, "rice", vendor=suspended)
    shown = _bulk_products(2, "rice bag")
    visible = Product.objects.filter(vendor__status=VendorStatus.APPROVED)
    # when the visible products are searched, then the shown ones are found
    assert _found("rice", visible) == set(shown.values_list("slug", flat=True))


@pytest.mark.postgres
def test_postgres_candidate_queries_use_the_search_indexes(db):
    # given a few thousand indexed products
    _bulk_products(3000, "item rice")
    _bulk_products(10, "miniket")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
        # (with sequential scans priced out: on a table this small the planner may rightly
        # prefer one, the point is that the indexes can serve each tier)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    # when a typo is searched (every tier runs)
    with CaptureQueriesContext(connection) as captured:
        found = _found("minket")
    # then each tier is a scan of its GIN index
    assert len(found) == 10
    tiers = [query["sql"] for query in captured if 'AS "pk"' in query["sql"]]
    assert len(tiers) == 3
    plans = []
    for sql in tiers:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert "catalog_product_search_vector" in plans[0], plans[0]
    assert "catalog_product_search_trgm" in plans[1], plans[1]
    assert "catalog_product_search_trgm" in plans[2], plans[2]


@pytest.mark.postgres
def test_postgres_gin_pending_lists_are_kept_small(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('catalog_product_search_trgm', 'catalog_product_search_vector') ORDER BY relname"
        )
        rows = cursor.fetchall()
    assert rows == [
        ("catalog_product_search_trgm", ["gin_pending_list_limit=256"]),
        ("catalog_product_search_vector", ["gin_pending_list_limit=256"]),
    ]


# --- through the API ----------------------------------------------------------------------------

SEARCH = """
query Search($search: String, $first: Int, $after: String, $sortBy: ProductOrder) {
  products(channel: "bd", search: $search, first: $first, after: $after, sortBy: $sortBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug } }
  }
}
"""


@pytest.fixture
def listed_rice(channel):
    """Five listed products named with "rice", one unlisted; ranks tie, so pks break them."""
    products = [
        create_listed_product(channel=channel, name=f"Rice {index}", slug=f"rice-{index}")
        for index in range(5)
    ]
    products.append(create_listed_product(channel=channel, name="Mustard Oil", slug="oil"))
    hidden = create_listed_product(channel=channel, name="Rice hidden", slug="rice-hidden")
    ProductChannelListing.objects.filter(product=hidden).update(is_published=False)
    update_products_search_index(Product.objects.values_list("pk", flat=True))
    return products


def _walk(api_client, sort_by, size=2):
    slugs, after = [], None
    while True:
        variables = {"search": "RICE", "first": size, "after": after, "sortBy": sort_by}
        data = api_client.execute(SEARCH, variables)["products"]
        slugs += [edge["node"]["slug"] for edge in data["edges"]]
        assert data["totalCount"] == 5
        if not data["pageInfo"]["hasNextPage"]:
            return slugs
        after = data["pageInfo"]["endCursor"]


NEWEST_FIRST = ["rice-4", "rice-3", "rice-2", "rice-1", "rice-0"]


@pytest.mark.parametrize(
    ("sort_by", "expected"),
    [
        (None, NEWEST_FIRST),
        ({"field": "RANK", "direction": "DESC"}, NEWEST_FIRST),
        ({"field": "NAME", "direction": "ASC"}, NEWEST_FIRST[::-1]),
    ],
)
def test_api_search_pages_through_every_visible_match(api_client, listed_rice, sort_by, expected):
    assert _walk(api_client, sort_by) == expected


@pytest.mark.postgres
def test_api_search_runs_as_many_queries_for_1_as_for_20_products(api_client, channel):
    # given 25 listed matches
    for index in range(25):
        create_listed_product(channel=channel, name=f"Rice {index}", slug=f"rice-{index}")
    update_products_search_index(Product.objects.values_list("pk", flat=True))
    # when a page of 1 and a page of 20 are searched
    counts = []
    for first in (1, 20):
        with CaptureQueriesContext(connection) as captured:
            data = api_client.execute(SEARCH, {"search": "rice", "first": first})
        assert len(data["products"]["edges"]) == first
        counts.append(len(captured))
    # then they cost the same number of queries
    assert counts[0] == counts[1]
