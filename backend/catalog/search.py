"""Product search: one lower-cased document per product (names in Bangla and English, SKUs,
the vendor's and the category's names) searched with PostgreSQL full-text plus trigram word
similarity (typos), or a plain substring match on SQLite (the zero-setup demo).

On PostgreSQL a search first collects at most `CANDIDATE_LIMIT` visible products, tier by tier,
each tier read through its own GIN index and only when the tiers before it came up short:

1. whole words (full text, `search_vector`),
2. word parts (`LIKE`, the trigram index): SKU fragments, the start of a word,
3. near spellings (trigram word similarity): "minket" finds "miniket".

Only those candidates are ranked, sorted (by rank or any other sort) and paged (so `totalCount`
is at most CANDIDATE_LIMIT too): a common word such as "চাল" (a tenth of the catalogue) costs
one index scan and a hundred row reads, not a rank over ten thousand matches. A whole-word
match ranks above every other (1 + its text rank); the rest rank by their word similarity to
the query, below 1. Within a tier, which candidates are picked when there are too many is up to
the index scan (in practice the table's order).

The catalogue services call `update_products_search_index` after every write that changes what
shoppers search by.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from backend.core.db import is_postgres
from backend.core.text import to_ascii_digits

from .models import Product, ProductTranslation, ProductVariant

# How close a word of the document must be to the query to count as a typo match: "minket"
# scores 0.5 against "miniket", below pg_trgm's default of 0.6.
WORD_SIMILARITY_THRESHOLD = "0.45"
# How many matching products a search ranks and pages through at most (five pages of 20): few
# enough to read and rank in a few milliseconds however common the words are; a shopper who
# wants more types more words. Doubling it adds about 5 ms to every common-word search.
CANDIDATE_LIMIT = 100
INDEX_BATCH_SIZE = 2000

__all__ = [
    "CANDIDATE_LIMIT",
    "normalize_search_text",
    "search_products",
    "update_products_search_index",
]


def normalize_search_text(text: str) -> str:
    """The form both the document and the query are stored and compared in."""
    return " ".join(to_ascii_digits(unicodedata.normalize("NFC", text)).lower().split())


# --- indexing -----------------------------------------------------------------------------------


def _documents(product_ids: list[int]) -> dict[int, str]:
    parts: dict[int, list[str]] = {}
    products = Product.objects.filter(pk__in=product_ids).values_list(
        "pk", "name", "vendor__name", "vendor__name_bn", "category__name"
    )
    for pk, name, vendor_name, vendor_name_bn, category_name in products:
        parts[pk] = [name, vendor_name or "", vendor_name_bn or "", category_name or ""]
    translations = (
        ProductTranslation.objects.filter(product_id__in=product_ids)
        .order_by("pk")
        .values_list("product_id", "name")
    )
    for product_id, translated_name in translations:
        if translated_name and product_id in parts:
            parts[product_id].append(translated_name)
    variants = (
        ProductVariant.objects.filter(product_id__in=product_ids)
        .order_by("sort_order", "pk")
        .values_list("product_id", "sku", "name")
    )
    for product_id, sku, name in variants:
        if product_id in parts:
            parts[product_id].extend(value for value in (sku, name) if value)
    return {
        pk: normalize_search_text(" ".join(p for p in words if p)) for pk, words in parts.items()
    }


# One UPDATE that builds, normalizes and stores the documents (and tsvectors) of a batch of
# products inside the database. The document is `normalize_search_text` of the same parts
# `_documents` joins: NFC, Bangla digits to ASCII, lower case, single spaces.
_POSTGRES_INDEX_SQL = r"""
    UPDATE catalog_product AS target
    SET search_document = source.document,
        search_vector = to_tsvector('simple'::regconfig, source.document),
        search_index_dirty = false
    FROM (
        SELECT p.id,
               btrim(regexp_replace(lower(translate(normalize(
                   concat_ws(' ', p.name, v.name, v.name_bn, c.name, t.names, pv.parts), NFC),
                   '০১২৩৪৫৬৭৮৯', '0123456789')), '\s+', ' ', 'g')) AS document
        FROM catalog_product AS p
        JOIN marketplace_vendor AS v ON v.id = p.vendor_id
        LEFT JOIN catalog_category AS c ON c.id = p.category_id
        LEFT JOIN LATERAL (
            SELECT string_agg(tr.name, ' ' ORDER BY tr.id) AS names
            FROM catalog_producttranslation AS tr
            WHERE tr.product_id = p.id AND tr.name <> ''
        ) AS t ON true
        LEFT JOIN LATERAL (
            SELECT string_agg(concat_ws(' ', pv.sku, pv.name), ' '
                              ORDER BY pv.sort_order, pv.id) AS parts
            FROM catalog_productvariant AS pv
            WHERE pv.product_id = p.id
        ) AS pv ON true
        WHERE p.id = ANY(%s::bigint[])
    ) AS source
    WHERE target.id = source.id
"""


def update_products_search_index(product_ids: Iterable[int]) -> None:
    """Rebuild the search document (and on PostgreSQL the tsvector) of these products in bulk,
    and mark them clean. Does not touch `updated_at`: indexing is not an edit.

    PostgreSQL: one set-based UPDATE per batch. SQLite: three reads and one bulk update."""
    ids = sorted(set(product_ids))
    postgres = is_postgres()
    for start in range(0, len(ids), INDEX_BATCH_SIZE):
        batch = ids[start : start + INDEX_BATCH_SIZE]
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(_POSTGRES_INDEX_SQL, [batch])
            continue
        documents = _documents(batch)
        if documents:
            Product.objects.bulk_update(
                [
                    Product(pk=pk, search_document=document, search_index_dirty=False)
                    for pk, document in documents.items()
                ],
                ["search_document", "search_index_dirty"],
                batch_size=INDEX_BATCH_SIZE,
            )


# --- searching ----------------------------------------------------------------------------------


def _set_word_similarity_threshold() -> None:
    # A session setting that a rolled-back transaction undoes: set right before the typo tier
    # (which runs only for rare words, so this costs common searches nothing).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [WORD_SIMILARITY_THRESHOLD],
        )


def _candidate_ids(queryset: QuerySet[Product], normalized: str, query: SearchQuery) -> list[int]:
    """Up to CANDIDATE_LIMIT pks of `queryset` matching the text, best tier first."""
    visible = queryset.order_by().values_list("pk", flat=True)
    whole_words = Q(search_vector=query)
    word_parts = Q(search_document__contains=normalized)
    tiers = (
        (whole_words, Q()),
        (word_parts, whole_words),
        (Q(search_document__trigram_word_similar=normalized), whole_words | word_parts),
    )
    ids: list[int] = []
    for index, (match, earlier) in enumerate(tiers):
        wanted = CANDIDATE_LIMIT - len(ids)
        if wanted <= 0:
            break
        if index == 2:
            _set_word_similarity_threshold()
        tier = visible.filter(match)
        if earlier:
            tier = tier.exclude(earlier)
        ids.extend(tier[:wanted])
    return ids


def search_products(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Products of `queryset` matching `text`, annotated with `search_rank` (higher is better).

    On PostgreSQL at most CANDIDATE_LIMIT products, chosen now (one quick query for common
    words, up to four for rare ones and typos) from `queryset` as it is: filter it before
    searching, not after."""
    normalized = normalize_search_text(text or "")
    if not normalized:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if not is_postgres():
        return queryset.filter(search_document__contains=normalized).annotate(
            search_rank=Value(1.0, output_field=FloatField())
        )
    query = SearchQuery(normalized, search_type="websearch", config="simple")
    ids = _candidate_ids(queryset, normalized, query)
    if not ids:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    # One array parameter, not one parameter per pk.
    chosen = RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return queryset.filter(pk__in=chosen).annotate(
        search_rank=Case(
            When(Q(search_vector=query), then=Value(1.0) + SearchRank(F("search_vector"), query)),
            default=TrigramWordSimilarity(normalized, "search_document"),
            output_field=FloatField(),
        )
    )
