"""Changing a plugin's stored configuration, and showing it without its secrets.

`update_plugin_configuration` is the one write path (GraphQL `pluginUpdate`, the admin, scripts):
it checks the plugin, the channel and each field, encrypts secrets, lets the plugin class veto the
result, and upserts the `PluginConfiguration` row under a row lock. `masked_configuration` is what
the API shows: secrets reduced as Saleor reduces them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction

from .base import BasePlugin, ConfigItem, ConfigurationTypeField
from .crypto import decrypt_secret, encrypt_secret, is_encrypted
from .error_codes import PluginErrorCode
from .manager import merged_configuration, registered_plugin_classes
from .models import PluginConfiguration

if TYPE_CHECKING:
    # For annotations only: at run time the framework reaches channels through its relation.
    from backend.channels.models import Channel

logger = logging.getLogger(__name__)

# Saleor shows the last 4 characters of a secret; below this length they would give too much
# of it away, so shorter secrets are shown fully masked.
SECRET_VISIBLE_SUFFIX = 4
SECRET_MIN_LENGTH_FOR_SUFFIX = 12
FULLY_MASKED = "****"

_TRUE_VALUES = frozenset({"true", "1", "yes", "on"})
_FALSE_VALUES = frozenset({"false", "0", "no", "off", ""})


class MaskedConfigItem(TypedDict):
    """One field as the API shows it (Saleor's `ConfigurationItem`)."""

    name: str
    value: str | None
    type: ConfigurationTypeField | None
    label: str | None
    help_text: str | None


def find_plugin_class(
    plugin_id: str, plugin_classes: Sequence[type[BasePlugin]] | None = None
) -> type[BasePlugin] | None:
    """The registered class with this PLUGIN_ID, or None."""
    for plugin_class in plugin_classes or registered_plugin_classes():
        if plugin_id == plugin_class.PLUGIN_ID:
            return plugin_class
    return None


def _field_type(plugin_class: type[BasePlugin], name: str) -> ConfigurationTypeField | None:
    field_type = plugin_class.CONFIG_STRUCTURE.get(name, {}).get("type")
    return ConfigurationTypeField(field_type) if field_type is not None else None


def _invalid(message: str, field: str = "configuration") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=PluginErrorCode.INVALID)})


def _parse_boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE_VALUES | _FALSE_VALUES:
        return value.strip().lower() in _TRUE_VALUES
    raise _invalid(f"{name} takes true or false.")


def _clean_input(
    plugin_class: type[BasePlugin], configuration: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """Input items by name, typed: booleans parsed, secrets still plain. No database access."""
    known = {item["name"] for item in plugin_class.DEFAULT_CONFIGURATION}
    cleaned: dict[str, Any] = {}
    for item in configuration:
        name = item.get("name")
        if name not in known:
            raise _invalid(f"{plugin_class.PLUGIN_NAME or plugin_class.PLUGIN_ID} has no {name!r}.")
        if name in cleaned:
            raise _invalid(f"{name} is given twice.")
        value = item.get("value")
        field_type = _field_type(plugin_class, name)
        if field_type is ConfigurationTypeField.BOOLEAN:
            value = _parse_boolean(name, value)
        elif field_type is not None and field_type.is_secret:
            value = "" if value is None else str(value)
        elif value is not None and not isinstance(value, str):
            value = str(value)
        cleaned[name] = value
    return cleaned


def _check_channel(plugin_class: type[BasePlugin], channel: Channel | None) -> None:
    # Saleor's pluginUpdate: a global plugin with a channel is INVALID, a per-channel plugin
    # without one is NOT_FOUND ("requires to specify channel"), both on the `id` field.
    if channel is not None and not plugin_class.CONFIGURATION_PER_CHANNEL:
        raise ValidationError(
            {
                "id": ValidationError(
                    "Plugin doesn't support configuration per channel.",
                    code=PluginErrorCode.INVALID,
                )
            }
        )
    if channel is None and plugin_class.CONFIGURATION_PER_CHANNEL:
        raise ValidationError(
            {
                "id": ValidationError(
                    "Plugin requires to specify channel slug.", code=PluginErrorCode.NOT_FOUND
                )
            }
        )


def _lock_row(plugin_class: type[BasePlugin], channel: Channel | None) -> PluginConfiguration:
    """The row for (plugin, channel), created if missing, locked until the transaction ends."""
    # get_or_create retries the read when a concurrent insert wins the unique constraint.
    row, _created = PluginConfiguration.objects.get_or_create(
        identifier=plugin_class.PLUGIN_ID,
        channel=channel,
        defaults={"active": plugin_class.DEFAULT_ACTIVE, "configuration": []},
    )
    return PluginConfiguration.objects.select_for_update().get(pk=row.pk)


def update_plugin_configuration(
    *,
    plugin_id: str,
    channel: Channel | None,
    active: bool | None,
    configuration: Iterable[Mapping[str, Any]] | None,
    plugin_classes: Sequence[type[BasePlugin]] | None = None,
) -> PluginConfiguration:
    """Set a plugin's active flag and fields, globally or for one channel (a `Channel`).

    Fields not given keep their stored value; a secret is replaced only when given (an empty
    string clears it) and is stored encrypted. Raises ValidationError (PluginErrorCode) and then
    changes nothing. Side effects: one row written; none outside the database.
    """
    plugin_class = find_plugin_class(plugin_id, plugin_classes)
    if plugin_class is None:
        raise ValidationError(
            {"id": ValidationError("Plugin doesn't exist.", code=PluginErrorCode.NOT_FOUND)}
        )
    _check_channel(plugin_class, channel)
    changes = _clean_input(plugin_class, configuration or ())

    with transaction.atomic():
        row = _lock_row(plugin_class, channel)
        # Stored items by name, unknown (removed) fields dropped; secrets stay encrypted here.
        known = {item["name"] for item in plugin_class.DEFAULT_CONFIGURATION}
        stored = {
            item["name"]: item["value"]
            for item in row.configuration or ()
            if item.get("name") in known
        }
        for name, value in changes.items():
            field_type = _field_type(plugin_class, name)
            stored[name] = (
                encrypt_secret(value) if field_type is not None and field_type.is_secret else value
            )
        new_active = row.active if active is None else bool(active)
        stored_items: list[ConfigItem] = [
            {"name": name, "value": value} for name, value in stored.items()
        ]
        plain = {
            item["name"]: item["value"] for item in merged_configuration(plugin_class, stored_items)
        }
        # The plugin's own rules (required keys when active, say): PLUGIN_MISCONFIGURED.
        plugin_class.validate_plugin_configuration(plain, active=new_active)
        row.active = new_active
        row.configuration = stored_items
        row.save(update_fields=["active", "configuration", "updated_at"])
    # Names only: values may be secrets.
    logger.info(
        "Plugin %s configuration changed (channel %s, active=%s, fields: %s)",
        plugin_class.PLUGIN_ID,
        getattr(channel, "slug", None) or "global",
        new_active,
        ", ".join(sorted(changes)) or "none",
    )
    return row


def mask_secret(value: str | None) -> str | None:
    """A secret as the API shows it: None when unset, else its tail or nothing of it."""
    if not value:
        return None
    if len(value) >= SECRET_MIN_LENGTH_FOR_SUFFIX:
        return value[-SECRET_VISIBLE_SUFFIX:]
    return FULLY_MASKED


def _display(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def masked_configuration(
    plugin_class: type[BasePlugin], stored: Iterable[ConfigItem] | None
) -> list[MaskedConfigItem]:
    """Every field of the plugin (defaults where nothing is stored) with secrets masked.

    `stored` may hold secrets encrypted (a database row) or plain (a plugin's `configuration`).
    """
    items: list[MaskedConfigItem] = []
    stored_values = {item["name"]: item["value"] for item in stored or ()}
    for default in plugin_class.DEFAULT_CONFIGURATION:
        name = default["name"]
        value = stored_values.get(name, default["value"])
        field = plugin_class.CONFIG_STRUCTURE.get(name, {})
        field_type = _field_type(plugin_class, name)
        if field_type is not None and field_type.is_secret:
            plain = decrypt_secret(value) if is_encrypted(value) else value
            shown = mask_secret(plain)
        else:
            shown = _display(value)
        items.append(
            {
                "name": name,
                "value": shown,
                "type": field_type,
                "label": field.get("label"),
                "help_text": field.get("help_text"),
            }
        )
    return items
