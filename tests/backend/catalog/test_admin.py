import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from backend.catalog import models as catalog_models
from backend.catalog.services.categories import create_category
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


def _category_form(category, **changes):
    data = {
        "name": category.name,
        "slug": category.slug,
        "parent": category.parent_id or "",
        "description": "null",
        "description_plaintext": "",
        "background_image_alt": "",
        "seo_title": "",
        "seo_description": "",
        "metadata": "{}",
        "private_metadata": "{}",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
        **changes,
    }
    return data


@pytest.mark.django_db
def test_admin_category_add_and_move_write_the_tree_through_the_domain():
    # given
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    food = create_category(name="Food", slug="food")
    cloth = create_category(name="Cloth", slug="cloth")
    # when a category is added below food in the admin
    add = reverse("admin:catalog_category_add")
    response = client.post(
        add, _category_form(catalog_models.Category(name="Rice", slug="rice"), parent=food.pk)
    )
    # then
    assert response.status_code == 302
    rice = catalog_models.Category.objects.get(slug="rice")
    assert (rice.level, rice.tree_path) == (1, f"{food.pk:06d}.{rice.pk:06d}.")
    miniket = create_category(name="Miniket", slug="miniket", parent=rice)
    # when food moves below cloth in the admin
    change = reverse("admin:catalog_category_change", args=[food.pk])
    response = client.post(change, _category_form(food, parent=cloth.pk))
    # then food and its whole subtree sit below cloth
    assert response.status_code == 302
    paths = dict(catalog_models.Category.objects.values_list("slug", "tree_path"))
    base = f"{cloth.pk:06d}.{food.pk:06d}."
    assert paths == {
        "cloth": f"{cloth.pk:06d}.",
        "food": base,
        "rice": f"{base}{rice.pk:06d}.",
        "miniket": f"{base}{rice.pk:06d}.{miniket.pk:06d}.",
    }


@pytest.mark.django_db
def test_admin_refuses_to_move_a_category_below_its_descendant():
    # given
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    food = create_category(name="Food", slug="food")
    rice = create_category(name="Rice", slug="rice", parent=food)
    # when
    change = reverse("admin:catalog_category_change", args=[food.pk])
    response = client.post(change, _category_form(food, parent=rice.pk))
    # then the form shows the error and nothing moved
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "A category cannot be moved below itself or its descendants."
    ]
    food.refresh_from_db()
    assert (food.parent_id, food.tree_path) == (None, f"{food.pk:06d}.")
