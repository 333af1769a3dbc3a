"""Incoming HTTP for plugins: gateways' and carriers' callbacks reach their plugin here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .manager import get_plugins_manager
from .models import PluginConfiguration

# The catalogue's Channel, reached through the relation: the framework does not import it.
_Channel = PluginConfiguration._meta.get_field("channel").related_model


def _not_found() -> JsonResponse:
    return JsonResponse({"error": "No active plugin answers here."}, status=404)


@csrf_exempt
def plugin_webhook_view(
    request: HttpRequest, plugin_id: str, path: str = "", channel_slug: str | None = None
) -> HttpResponse:
    """`/plugins/<id>/<path>` and `/plugins/channel/<slug>/<id>/<path>`: 404 unless active."""
    channels = _Channel._default_manager
    if channel_slug is not None and not channels.filter(slug=channel_slug).exists():
        # Otherwise a per-channel plugin active by default would answer for any made-up slug.
        return _not_found()
    response = get_plugins_manager().webhook(request, plugin_id, path, channel_slug=channel_slug)
    if response is None:
        return _not_found()
    return response


def plugin_url(plugin_id: str, path: str, *, channel_slug: str | None = None) -> str:
    """The public address of a plugin's route (a gateway's callback or IPN URL), from
    PUBLIC_URL: `/plugins/channel/<slug>/<id>/<path>` for a per-channel plugin."""
    from django.conf import settings

    base = settings.PUBLIC_URL.rstrip("/")
    prefix = f"/plugins/channel/{channel_slug}" if channel_slug else "/plugins"
    return f"{base}{prefix}/{plugin_id}/{path.lstrip('/')}"
