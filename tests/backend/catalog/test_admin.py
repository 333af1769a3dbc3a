import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from backend.catalog import models as catalog_models
from backend.inventory import models as inventory_models
from tests.factories import UserFactory, create_listed_product


@pytest.mark.django_db
def test_every_catalogue_and_inventory_model_has_a_working_admin_page():
    # given
    create_listed_product()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(superuser)
    model_classes = [
        model
        for module in (catalog_models, inventory_models)
        for model in vars(module).values()
        if isinstance(model, type)
        and hasattr(model, "_meta")
        and not model._meta.abstract
        and model.__module__ == module.__name__
    ]
    for model in model_classes:
        assert admin.site.is_registered(model), model
        model_admin = admin.site._registry[model]
        assert model_admin.search_fields and model_admin.list_filter, model
        # when
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url, {"q": "x"})
        # then
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_product_and_variant_change_pages_render():
    product = create_listed_product()
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in (
        reverse("admin:catalog_product_change", args=[product.pk]),
        reverse("admin:catalog_productvariant_change", args=[product.default_variant_id]),
    ):
        assert client.get(url).status_code == 200
