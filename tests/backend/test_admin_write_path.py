"""The admin has one write path: every add, change and delete it permits calls a domain function.

The walk below covers every registered admin and its inlines; the behaviour tests post to the
real admin views for the defects the admin once had (a moved category kept its old tree path,
stock skipped its lock and hooks, product edits fired no webhooks, app permissions escalated).
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from backend.apps.models import App
from backend.apps.permissions import app_permission_names
from backend.apps.services import create_app
from backend.catalog.models import Category, Product
from backend.catalog.selectors import category_and_descendants_q
from backend.catalog.services.categories import create_category
from backend.channels.models import Channel
from backend.core.admin_base import ReadOnlyAdmin, ServiceAdmin
from backend.core.permissions import PermissionEnum
from backend.inventory.models import Stock
from plugins.framework.base import BasePlugin
from plugins.framework.manager import clear_registry_cache
from plugins.webhook.models import EventDelivery
from plugins.webhook.services import create_webhook
from tests.factories import (
    ProductFactory,
    ProductVariantFactory,
    StockFactory,
    UserFactory,
    WarehouseFactory,
)

# admin permission -> the ServiceAdmin attribute naming the domain function, and its caller
WRITES = {
    "add": ("create_service", "create_through_service"),
    "change": ("update_service", "update_through_service"),
    "delete": ("delete_service", "delete_through_service"),
}


def _permitted(model_admin, request) -> list[str]:
    checks = {
        "add": model_admin.has_add_permission(request),
        "change": model_admin.has_change_permission(request, None),
        "delete": model_admin.has_delete_permission(request, None),
    }
    return [operation for operation, allowed in checks.items() if allowed]


def _inline_permits(inline, request) -> list[str]:
    checks = {
        "add": inline.has_add_permission(request, None),
        "change": inline.has_change_permission(request, None),
        "delete": inline.has_delete_permission(request, None),
    }
    return [operation for operation, allowed in checks.items() if allowed]


def _is_domain_function(function) -> bool:
    module = getattr(function, "__module__", "") or ""
    return (
        callable(function)
        and module.startswith(("backend.", "plugins."))
        and module.split(".")[-1] != "admin"
        and ".admin_base" not in module
    )


def write_path_violations(model_admin, request) -> list[str]:
    """What in this admin writes around a domain function (empty: nothing)."""
    name = type(model_admin).__name__
    violations = []
    for operation in _permitted(model_admin, request):
        if not isinstance(model_admin, ServiceAdmin):
            violations.append(f"{name} permits {operation} without a service")
            continue
        service_attribute, caller = WRITES[operation]
        if not _is_domain_function(getattr(model_admin, service_attribute)):
            violations.append(f"{name}.{service_attribute} is not a domain function")
        if getattr(type(model_admin), caller) is getattr(ServiceAdmin, caller):
            violations.append(f"{name} permits {operation} but does not define {caller}")
    if model_admin.list_editable:
        violations.append(f"{name} edits rows in its list (list_editable)")
    for inline_class in model_admin.inlines:
        inline = inline_class(model_admin.model, model_admin.admin_site)
        for operation in _inline_permits(inline, request):
            violations.append(f"{name} inline {inline_class.__name__} permits {operation}")
    return violations


@pytest.fixture
def superuser_request(db):
    request = RequestFactory().get("/dashboard/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def test_every_registered_admin_writes_only_through_domain_functions(superuser_request):
    # given every admin of the site
    # when each one's permitted writes and inlines are checked
    violations = [
        violation
        for model_admin in admin.site._registry.values()
        for violation in write_path_violations(model_admin, superuser_request)
    ]
    # then none writes around a domain function
    assert violations == []


def test_the_walk_catches_a_plain_model_admin(superuser_request):
    # given a plain ModelAdmin with editable fields and an editable inline, on a throwaway site
    class AppTokenInline(admin.TabularInline):
        model = App.tokens.rel.related_model

    class PlainAppAdmin(admin.ModelAdmin):
        inlines = [AppTokenInline]

    site = admin.AdminSite(name="throwaway")
    site.register(App, PlainAppAdmin)
    # when it is walked
    violations = write_path_violations(site._registry[App], superuser_request)
    # then every write it permits is named
    assert violations == [
        "PlainAppAdmin permits add without a service",
        "PlainAppAdmin permits change without a service",
        "PlainAppAdmin permits delete without a service",
        "PlainAppAdmin inline AppTokenInline permits add",
        "PlainAppAdmin inline AppTokenInline permits change",
        "PlainAppAdmin inline AppTokenInline permits delete",
    ]


def test_the_walk_catches_a_service_admin_without_a_domain_function(superuser_request):
    # given a ServiceAdmin whose "service" lives in an admin module, and one with no caller
    class AdminOnlyService(ServiceAdmin):
        update_service = staticmethod(write_path_violations)  # not a domain module

        def update_through_service(self, request, obj, form):
            return obj

    class MissingCaller(ServiceAdmin):
        delete_service = staticmethod(create_category)

    site = admin.AdminSite(name="throwaway")
    site.register(Channel, AdminOnlyService)
    site.register(Category, MissingCaller)
    # when they are walked
    violations = [
        violation
        for model_admin in site._registry.values()
        for violation in write_path_violations(model_admin, superuser_request)
    ]
    # then both are caught; a read-only admin passes
    assert violations == [
        "AdminOnlyService.update_service is not a domain function",
        "MissingCaller permits delete but does not define delete_through_service",
    ]
    read_only_site = admin.AdminSite(name="read-only")
    read_only_site.register(Channel, ReadOnlyAdmin)
    assert write_path_violations(read_only_site._registry[Channel], superuser_request) == []


# --- behaviour through the real admin views ---------------------------------------------------


@pytest.fixture
def staff_client(db) -> Client:
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _category_form(category: Category, **changes) -> dict:
    data = {
        "name": category.name,
        "slug": category.slug,
        "parent": category.parent_id or "",
        "description": "null",
        "seo_title": "",
        "seo_description": "",
        "background_image_alt": "",
    }
    data.update(changes)
    return data


def test_moving_a_category_moves_its_subtree_and_its_products_follow(staff_client):
    # given food > rice with a product in rice, and cloth
    food = create_category(name="Food", slug="food")
    rice = create_category(name="Rice", slug="rice", parent=food)
    cloth = create_category(name="Cloth", slug="cloth")
    product = ProductFactory(category=rice)
    # when food is moved below cloth in the admin
    response = staff_client.post(
        reverse("admin:catalog_category_change", args=[food.pk]),
        _category_form(food, parent=cloth.pk),
    )
    # then rice's tree path is under cloth, and cloth's product filter finds rice's product
    assert response.status_code == 302
    rice.refresh_from_db()
    assert (rice.level, rice.tree_path) == (2, f"{cloth.pk:06d}.{food.pk:06d}.{rice.pk:06d}.")
    cloth.refresh_from_db()
    in_cloth = Product.objects.filter(category_and_descendants_q([cloth], "category"))
    assert list(in_cloth) == [product]


class StockHooksPlugin(BasePlugin):
    PLUGIN_ID = "tests.admin-stock-hooks"
    PLUGIN_NAME = "Stock hooks"
    DEFAULT_ACTIVE = True
    heard: list[tuple[str, int]] = []

    def product_variant_out_of_stock(self, stock, previous_value):
        StockHooksPlugin.heard.append(("out_of_stock", stock.quantity))
        return previous_value

    def product_variant_back_in_stock(self, stock, previous_value):
        StockHooksPlugin.heard.append(("back_in_stock", stock.quantity))
        return previous_value


@pytest.fixture
def stock_hooks():
    StockHooksPlugin.heard = []
    with override_settings(
        PLUGINS=["tests.backend.test_admin_write_path.StockHooksPlugin"],
        PLUGINS_ENTRY_POINTS=False,
    ):
        clear_registry_cache()
        yield StockHooksPlugin.heard
    clear_registry_cache()


def test_stock_edited_in_the_admin_fires_out_of_stock_and_back_in_stock(staff_client, stock_hooks):
    # given 3 in the vendor's warehouse
    variant = ProductVariantFactory()
    warehouse = WarehouseFactory(vendor=variant.product.vendor)
    stock = StockFactory(product_variant=variant, warehouse=warehouse, quantity=3)
    url = reverse("admin:inventory_stock_change", args=[stock.pk])
    # when staff set it to 0, then to 5
    emptied = staff_client.post(url, {"quantity": "0"})
    refilled = staff_client.post(url, {"quantity": "5"})
    # then both went through the service and its hooks
    assert (emptied.status_code, refilled.status_code) == (302, 302)
    assert stock_hooks == [("out_of_stock", 0), ("back_in_stock", 5)]
    assert Stock.objects.get(pk=stock.pk).quantity == 5


def test_stock_below_what_orders_hold_is_refused_on_the_form(staff_client):
    # given 5 in stock, 4 allocated to orders
    variant = ProductVariantFactory()
    warehouse = WarehouseFactory(vendor=variant.product.vendor)
    stock = StockFactory(
        product_variant=variant, warehouse=warehouse, quantity=5, quantity_allocated=4
    )
    # when staff set the quantity to 2
    response = staff_client.post(
        reverse("admin:inventory_stock_change", args=[stock.pk]), {"quantity": "2"}
    )
    # then the service's refusal is on the quantity field and nothing changed
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "quantity": ["Orders already hold 4; the quantity cannot be lower."]
    }
    assert Stock.objects.get(pk=stock.pk).quantity == 5


def test_product_edited_in_the_admin_fires_product_updated(staff_client, settings):
    # given a webhook subscribed to PRODUCT_UPDATED
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    app = create_app(name="Partner", permissions=[PermissionEnum.MANAGE_PRODUCTS.value]).app
    webhook = create_webhook(
        app=app, target_url="http://127.0.0.1:9/hook", events=["PRODUCT_UPDATED"]
    ).webhook
    product = ProductFactory(name="চা")
    # when staff rename the product in the admin
    response = staff_client.post(
        reverse("admin:catalog_product_change", args=[product.pk]),
        {
            "name": "চা পাতা",
            "slug": product.slug,
            "category": product.category_id,
            "description": "null",
            "seo_title": "",
            "seo_description": "",
            "weight": "",
            "rating": "",
            "external_reference": "",
        },
    )
    # then the rename is saved and a PRODUCT_UPDATED delivery waits for the webhook
    assert response.status_code == 302
    assert Product.objects.get(pk=product.pk).name == "চা পাতা"
    deliveries = EventDelivery.objects.filter(webhook=webhook)
    assert [delivery.event_type for delivery in deliveries] == ["PRODUCT_UPDATED"]
    assert "চা পাতা" in deliveries.get().payload.payload


def _permission(name: str) -> Permission:
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_app_permission_beyond_the_editors_own_is_refused_on_the_form(db):
    # given staff who may manage apps in the admin, but not products
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        _permission("core.manage_apps"),
        _permission("apps.view_app"),
        _permission("apps.change_app"),
    )
    client = Client()
    client.force_login(editor)
    app = create_app(name="Partner").app
    # when they give the app MANAGE_PRODUCTS in the admin
    response = client.post(
        reverse("admin:apps_app_change", args=[app.pk]),
        {
            "name": "Partner",
            "identifier": "",
            "is_active": "on",
            "permissions": [_permission("catalog.manage_products").pk],
        },
    )
    # then the form refuses it and the app holds nothing
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "permissions": ["You can't give an app permissions you do not have yourself."]
    }
    assert app_permission_names(app) == set()
