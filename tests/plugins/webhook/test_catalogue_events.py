"""CATEGORY_UPDATED, CATEGORY_DELETED and PRODUCT_VARIANT_DELETED reach a real receiver when the
catalogue writes commit, and nothing is sent when they roll back."""

import json

import pytest
from django.db import transaction
from django.test import TestCase

from backend.catalog.services.categories import create_category, delete_category, update_category
from backend.catalog.services.variants import delete_variant
from plugins.webhook.models import EventDelivery
from storefront_api.core.ids import to_global_id
from tests.factories import ProductVariantFactory


def _delivered(receiver) -> list[tuple[str, dict]]:
    return [(r.headers["Haat-Event"], json.loads(r.body)) for r in receiver.requests]


def test_category_update_is_delivered(make_webhook, receiver, scheduled):
    # given
    make_webhook(["CATEGORY_UPDATED"])
    category = create_category(name="Rice", slug="rice")
    # when
    with TestCase.captureOnCommitCallbacks(execute=True):
        update_category(category=category, name="চাল")
    # then
    [(event, body)] = _delivered(receiver)
    assert event == "CATEGORY_UPDATED"
    assert body["event"] == "CATEGORY_UPDATED"
    assert json.dumps(body, ensure_ascii=False).count(to_global_id("Category", category.pk)) >= 1
    assert "চাল" in json.dumps(body, ensure_ascii=False)


def test_category_delete_is_delivered_for_each_deleted_category(make_webhook, receiver, scheduled):
    # given food > rice
    make_webhook(["CATEGORY_DELETED"])
    food = create_category(name="Food", slug="food")
    rice = create_category(name="Rice", slug="rice", parent=food)
    # when
    with TestCase.captureOnCommitCallbacks(execute=True):
        delete_category(category=food)
    # then
    delivered = _delivered(receiver)
    assert [event for event, _ in delivered] == ["CATEGORY_DELETED", "CATEGORY_DELETED"]
    bodies = json.dumps([body for _, body in delivered])
    assert to_global_id("Category", food.pk) in bodies
    assert to_global_id("Category", rice.pk) in bodies


def test_variant_delete_is_delivered(make_webhook, receiver, scheduled):
    # given
    make_webhook(["PRODUCT_VARIANT_DELETED"])
    variant = ProductVariantFactory(sku="TEA-1")
    # when
    with TestCase.captureOnCommitCallbacks(execute=True):
        delete_variant(variant=variant)
    # then
    [(event, body)] = _delivered(receiver)
    assert event == "PRODUCT_VARIANT_DELETED"
    assert to_global_id("ProductVariant", variant.pk) in json.dumps(body)
    assert "TEA-1" in json.dumps(body)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("write", ["category_update", "category_delete", "variant_delete"])
def test_rolled_back_catalogue_write_sends_nothing(make_webhook, receiver, write):
    # given webhooks for all three events
    make_webhook(["CATEGORY_UPDATED", "CATEGORY_DELETED", "PRODUCT_VARIANT_DELETED"])
    category = create_category(name="Rice", slug="rice")
    variant = ProductVariantFactory()
    # when the write succeeds but its transaction rolls back
    with pytest.raises(RuntimeError), transaction.atomic():
        if write == "category_update":
            update_category(category=category, name="চাল")
        elif write == "category_delete":
            delete_category(category=category)
        else:
            delete_variant(variant=variant)
        assert EventDelivery.objects.count() == 1
        raise RuntimeError("the change failed")
    # then no delivery row and no request
    assert EventDelivery.objects.count() == 0
    assert receiver.requests == []
