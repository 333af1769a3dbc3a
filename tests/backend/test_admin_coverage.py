"""The staff back office: every domain model has an admin page that lists, searches and filters."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

# Every app of Haat's own, found rather than listed, so a new app cannot be forgotten here.
DOMAIN_APPS = {
    config.label
    for config in apps.get_app_configs()
    if config.name.startswith(("backend.", "plugins.", "payments.", "logistics."))
    and config.name != "backend.demo"
}
# Rows that only make sense inside their parent's page (shown there as inlines).
INLINE_ONLY = {"AppToken", "WebhookEvent", "EventPayload", "EventDeliveryAttempt"}
DOMAIN_MODELS = [
    model
    for model in apps.get_models()
    if model._meta.app_label in DOMAIN_APPS and model.__name__ not in INLINE_ONLY
]


def test_every_domain_model_is_in_the_admin():
    # given the domain apps' models
    # when the admin registry is read
    missing = [model.__name__ for model in DOMAIN_MODELS if model not in admin.site._registry]
    # then none is left out
    assert missing == []


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda model: model.__name__)
def test_admin_changelist_renders_with_a_search(client, db, model):
    # given a superuser signed in to the admin
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    # when the list is opened with a search term
    response = client.get(url, {"q": "ঢাকা"})
    # then it renders
    assert response.status_code == 200
