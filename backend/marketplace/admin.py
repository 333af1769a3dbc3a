from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from .models import Vendor
from .permissions import ensure_may_manage_vendors
from .services import approve_vendor, suspend_vendor


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "centre", "owner", "status", "commission_rate", "created_at")
    list_filter = ("status", "centre__kind", "centre__district__division")
    list_select_related = ("centre", "owner")
    search_fields = ("name", "name_bn", "slug", "centre__code", "owner__phone", "owner__email")
    autocomplete_fields = ("centre",)
    raw_id_fields = ("owner",)
    readonly_fields = ("status", "approved_at", "approved_by", "created_at", "updated_at")
    actions = ("approve", "suspend")

    @admin.action(description="Approve selected vendors")
    def approve(self, request, queryset):
        self._change_each(
            request,
            queryset,
            lambda vendor: approve_vendor(vendor=vendor, approved_by=request.user),
            "approved",
        )

    @admin.action(description="Suspend selected vendors")
    def suspend(self, request, queryset):
        self._change_each(
            request, queryset, lambda vendor: suspend_vendor(vendor=vendor), "suspended"
        )

    def _change_each(self, request, queryset, change, verb: str) -> None:
        """Through the service, vendor by vendor, so each one's rules and errors apply."""
        done = 0
        for vendor in queryset.order_by("pk"):
            try:
                ensure_may_manage_vendors(request.user)
                change(vendor)
            except (ValidationError, PermissionDenied) as error:
                reason = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{vendor}: {reason}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, f"{done} vendor(s) {verb}.", messages.SUCCESS)
