"""The one write path of metadata: merge under a lock, only the metadata column, hook on change."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from backend.catalog.models import Product
from backend.core.metadata import MetadataErrorCode, delete_metadata, update_metadata
from tests.factories import ProductFactory


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [item.code for item in items] for field, items in error.error_dict.items()}


@pytest.fixture
def product(db):
    return ProductFactory(metadata={"kept": "yes"}, private_metadata={"cost": "90"})


def test_update_merges_into_what_is_stored_and_saves_only_that_column(product):
    # given another key stored meanwhile, and an unsaved change to another column in memory
    Product.objects.filter(pk=product.pk).update(metadata={"kept": "yes", "theirs": "1"})
    product.name = "not saved"
    heard = []
    # when
    update_metadata(product, {"ours": "2"}, private=False, on_change=heard.append)
    # then every key is kept, the other column is untouched, the hook heard it once
    stored = Product.objects.get(pk=product.pk)
    assert stored.metadata == {"kept": "yes", "theirs": "1", "ours": "2"}
    assert product.metadata == stored.metadata
    assert stored.private_metadata == {"cost": "90"}
    assert stored.name != "not saved"
    assert heard == [product]


def test_private_writes_touch_only_private_metadata(product):
    # when
    update_metadata(product, {"supplier": "Rangpur"}, private=True)
    # then
    stored = Product.objects.get(pk=product.pk)
    assert stored.private_metadata == {"cost": "90", "supplier": "Rangpur"}
    assert stored.metadata == {"kept": "yes"}


def test_delete_removes_the_keys_and_ignores_absent_ones(product):
    heard = []
    # when
    delete_metadata(product, ["kept", "never"], private=False, on_change=heard.append)
    delete_metadata(product, ["cost"], private=True)
    # then
    stored = Product.objects.get(pk=product.pk)
    assert (stored.metadata, stored.private_metadata) == ({}, {})
    assert heard == [product]


def test_a_write_that_changes_nothing_saves_nothing_and_fires_no_hook(
    product, django_assert_num_queries
):
    heard = []
    # when the stored value is written again, and an absent key deleted
    with django_assert_num_queries(3):  # savepoint, locked read, release: no UPDATE
        update_metadata(product, {"kept": "yes"}, private=False, on_change=heard.append)
    delete_metadata(product, ["never"], private=False, on_change=heard.append)
    # then
    assert heard == []


@pytest.mark.parametrize("key", ["", "   "])
def test_a_blank_key_is_required(product, key):
    # when
    with pytest.raises(ValidationError) as caught:
        update_metadata(product, {"ok": "1", key: "x"}, private=False)
    # then nothing was written
    assert codes(caught.value) == {"items": [MetadataErrorCode.REQUIRED]}
    assert Product.objects.get(pk=product.pk).metadata == {"kept": "yes"}


def test_a_row_deleted_meanwhile_is_not_updated(product):
    # given the product is deleted after it was read
    Product.objects.filter(pk=product.pk).delete()
    heard = []
    # when
    with pytest.raises(ValidationError) as caught:
        update_metadata(product, {"a": "1"}, private=False, on_change=heard.append)
    # then
    assert codes(caught.value) == {"instance": [MetadataErrorCode.NOT_UPDATED]}
    assert heard == []
