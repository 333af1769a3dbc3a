"""Pages and menus now live in `backend.content`: catalog forgets them (state only) and its
Product no longer declares their permissions (the rows moved with content's 0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_channel_moved_to_channels"),
        ("content", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MenuItemTranslation"),
                migrations.DeleteModel(name="MenuItem"),
                migrations.DeleteModel(name="Menu"),
                migrations.DeleteModel(name="PageTranslation"),
                migrations.DeleteModel(name="Page"),
                migrations.DeleteModel(name="PageType"),
            ]
        ),
        migrations.AlterModelOptions(
            name="product",
            options={
                "ordering": ("slug",),
                "permissions": (
                    ("manage_products", "Manage products."),
                    ("manage_translations", "Manage translations."),
                ),
            },
        ),
    ]
