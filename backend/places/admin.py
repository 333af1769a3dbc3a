from django.contrib import admin

from .models import Centre, District, Division, PostOffice, Union, Upazila


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("name", "name_bn", "slug", "source_id")
    search_fields = ("name", "name_bn", "slug")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "name_bn", "division", "slug", "source_id")
    list_filter = ("division",)
    list_select_related = ("division",)
    search_fields = ("name", "name_bn", "slug")


@admin.register(Upazila)
class UpazilaAdmin(admin.ModelAdmin):
    list_display = ("name", "name_bn", "district", "source_id")
    list_filter = ("district__division", "district")
    list_select_related = ("district",)
    search_fields = ("name", "name_bn", "district__name")


@admin.register(Union)
class UnionAdmin(admin.ModelAdmin):
    list_display = ("name", "name_bn", "upazila", "source_id")
    list_filter = ("upazila__district__division",)
    list_select_related = ("upazila",)
    search_fields = ("name", "name_bn", "upazila__name", "upazila__district__name")
    autocomplete_fields = ("upazila",)


@admin.register(PostOffice)
class PostOfficeAdmin(admin.ModelAdmin):
    list_display = ("postcode", "name", "name_bn", "thana", "district")
    list_filter = ("district__division", ("district", admin.EmptyFieldListFilter))
    list_select_related = ("district",)
    search_fields = ("postcode", "name", "name_bn", "thana", "thana_bn", "district__name")
    autocomplete_fields = ("district",)
    raw_id_fields = ("operators",)


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "district", "post_office", "is_active")
    list_filter = ("kind", "is_active", "district__division")
    list_select_related = ("district", "post_office")
    search_fields = ("code", "name", "name_bn", "district__name", "post_office__postcode")
    autocomplete_fields = ("district", "union", "post_office")
    raw_id_fields = ("entrepreneurs",)
