"""Vendors in the admin: opened through `create_vendor`, approved and suspended through their
services (the actions); no domain function changes a vendor's other fields yet, so they are
read-only after creation."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from backend.core.admin_base import ServiceAdmin

from .models import Vendor
from .permissions import ensure_may_manage_vendors
from .services import approve_vendor, create_vendor, suspend_vendor


@admin.register(Vendor)
class VendorAdmin(ServiceAdmin):
    list_display = ("name", "slug", "centre", "owner", "status", "commission_rate", "created_at")
    list_filter = ("status", "centre__kind", "centre__district__division")
    list_select_related = ("centre", "owner")
    search_fields = ("name", "name_bn", "slug", "centre__code", "owner__phone", "owner__email")
    autocomplete_fields = ("centre",)
    raw_id_fields = ("owner",)
    prepopulated_fields = {"slug": ("name",)}
    fields = (
        "name",
        "name_bn",
        "slug",
        "description",
        "centre",
        "owner",
        "phone",
        "email",
        "status",
        "commission_rate",
        "approved_at",
        "approved_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = (
        "status",
        "commission_rate",
        "approved_at",
        "approved_by",
        "created_at",
        "updated_at",
    )
    actions = ("approve", "suspend")
    create_service = staticmethod(create_vendor)

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return create_vendor(
            owner=data["owner"],
            centre=data["centre"],
            name=data["name"],
            name_bn=data["name_bn"],
            slug=data["slug"] or None,
            description=data["description"],
            phone=data["phone"],
            email=data["email"],
        )

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
