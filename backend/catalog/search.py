"""Product search: one lower-cased document per product (names in Bangla and English, SKUs,
the vendor's and the category's names) searched with PostgreSQL full-text plus trigram word
similarity (typos), or a plain substring match on SQLite (the zero-setup demo).

The catalogue services call `update_products_search_index` after every write that changes what
shoppers search by.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value

from backend.core.db import is_postgres
from backend.core.text import to_ascii_digits

from .models import Product, ProductTranslation, ProductVariant

# How close a word of the document must be to the query to count as a typo match: "minket"
# scores 0.5 against "miniket", below pg_trgm's default of 0.6.
WORD_SIMILARITY_THRESHOLD = "0.45"
INDEX_BATCH_SIZE = 1000

__all__ = ["normalize_search_text", "search_products", "update_products_search_index"]


def normalize_search_text(text: str) -> str:
    """The form both the document and the query are stored and compared in."""
    return " ".join(to_ascii_digits(unicodedata.normalize("NFC", text)).lower().split())


def _documents(product_ids: list[int]) -> dict[int, str]:
    parts: dict[int, list[str]] = {}
    products = Product.objects.filter(pk__in=product_ids).values_list(
        "pk", "name", "vendor__name", "vendor__name_bn", "category__name"
    )
    for pk, name, vendor_name, vendor_name_bn, category_name in products:
        parts[pk] = [name, vendor_name or "", vendor_name_bn or "", category_name or ""]
    translations = ProductTranslation.objects.filter(product_id__in=product_ids).values_list(
        "product_id", "name"
    )
    for product_id, name in translations:
        if name and product_id in parts:
            parts[product_id].append(name)
    variants = ProductVariant.objects.filter(product_id__in=product_ids).values_list(
        "product_id", "sku", "name"
    )
    for product_id, sku, name in variants:
        if product_id in parts:
            parts[product_id].extend(value for value in (sku, name) if value)
    return {
        pk: normalize_search_text(" ".join(p for p in words if p)) for pk, words in parts.items()
    }


def update_products_search_index(product_ids: Iterable[int]) -> None:
    """Rebuild the search document (and on PostgreSQL the tsvector) of these products in bulk,
    and mark them clean. Does not touch `updated_at`: indexing is not an edit."""
    ids = sorted(set(product_ids))
    for start in range(0, len(ids), INDEX_BATCH_SIZE):
        batch = ids[start : start + INDEX_BATCH_SIZE]
        documents = _documents(batch)
        if not documents:
            continue
        Product.objects.bulk_update(
            [
                Product(pk=pk, search_document=document, search_index_dirty=False)
                for pk, document in documents.items()
            ],
            ["search_document", "search_index_dirty"],
            batch_size=INDEX_BATCH_SIZE,
        )
        if is_postgres():
            Product.objects.filter(pk__in=list(documents)).update(
                search_vector=SearchVector("search_document", config="simple")
            )


def _set_word_similarity_threshold() -> None:
    # A session setting: a rolled-back transaction undoes it, so it is set before every search.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [WORD_SIMILARITY_THRESHOLD],
        )


def search_products(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Products matching `text`, annotated with `search_rank` (higher is better)."""
    normalized = normalize_search_text(text or "")
    if not normalized:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if not is_postgres():
        return queryset.filter(search_document__contains=normalized).annotate(
            search_rank=Value(1.0, output_field=FloatField())
        )
    _set_word_similarity_threshold()
    query = SearchQuery(normalized, search_type="websearch", config="simple")
    # Full text for whole words, trigram word similarity for typos, LIKE for word parts (all
    # three use the GIN indexes of migration 0002).
    matches = (
        Q(search_vector=query)
        | Q(search_document__trigram_word_similar=normalized)
        | Q(search_document__contains=normalized)
    )
    return queryset.filter(matches).annotate(
        search_rank=SearchRank(F("search_vector"), query)
        + TrigramWordSimilarity(Value(normalized), "search_document")
    )
