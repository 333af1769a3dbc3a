"""Incoming HTTP for plugins: gateways' and carriers' callbacks reach their plugin here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .manager import get_plugins_manager


@csrf_exempt
def plugin_webhook_view(
    request: HttpRequest, plugin_id: str, path: str = "", channel_slug: str | None = None
) -> HttpResponse:
    """`/plugins/<id>/<path>` and `/plugins/channel/<slug>/<id>/<path>`: 404 unless active."""
    response = get_plugins_manager().webhook(request, plugin_id, path, channel_slug=channel_slug)
    if response is None:
        return JsonResponse({"error": "No active plugin answers here."}, status=404)
    return response
