"""Stored plugin configuration: what an administrator set, over the plugin's defaults."""

from __future__ import annotations

from django.db import models


class PluginConfiguration(models.Model):
    """One row per plugin (global) or per plugin and channel; secrets are stored encrypted."""

    identifier = models.CharField(max_length=128)
    # A string reference: the framework sits below the catalogue and does not import it.
    channel = models.ForeignKey(
        "channels.Channel",
        null=True,
        blank=True,
        related_name="plugin_configurations",
        on_delete=models.CASCADE,
    )
    active = models.BooleanField(default=False)
    configuration = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("identifier", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["identifier", "channel"], name="plugin_configuration_unique_channel"
            ),
            models.UniqueConstraint(
                fields=["identifier"],
                condition=models.Q(channel__isnull=True),
                name="plugin_configuration_unique_global",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} ({self.channel_id or 'global'})"
