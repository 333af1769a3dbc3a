from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "backend.inventory"
    label = "inventory"
    verbose_name = "Inventory"
