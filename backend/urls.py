"""URL wiring: the GraphQL API, thumbnails, admin, plugins' callbacks and (in development) media."""

from django.conf import settings
from django.contrib import admin
from django.urls import path, re_path
from django.views.static import serve

from plugins.framework.views import plugin_webhook_view
from storefront_api.views import GraphQLView, thumbnail_view

# Django's error pages, answered in JSON on the API's paths.
handler400 = "storefront_api.views.bad_request"
handler404 = "storefront_api.views.page_not_found"
handler500 = "storefront_api.views.server_error"

urlpatterns = [
    path("graphql/", GraphQLView.as_view(), name="api"),
    path(
        "thumbnail/<str:instance_id>/<int:size>/<str:image_format>/",
        thumbnail_view,
        name="thumbnail",
    ),
    path("thumbnail/<str:instance_id>/<int:size>/", thumbnail_view, name="thumbnail-original"),
    path("dashboard/", admin.site.urls),
    # Gateways' and carriers' callbacks, per plugin and optionally per channel.
    path(
        "plugins/channel/<slug:channel_slug>/<str:plugin_id>/<path:path>",
        plugin_webhook_view,
        name="plugin-channel-webhook",
    ),
    path(
        "plugins/channel/<slug:channel_slug>/<str:plugin_id>/",
        plugin_webhook_view,
        name="plugin-channel-webhook-root",
    ),
    path("plugins/<str:plugin_id>/<path:path>", plugin_webhook_view, name="plugin-webhook"),
    path("plugins/<str:plugin_id>/", plugin_webhook_view, name="plugin-webhook-root"),
]

if not settings.AWS_STORAGE_BUCKET_NAME:
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
