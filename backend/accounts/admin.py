"""Dashboard for users and addresses: find people by number, e-mail or name.

Users are created, changed and given passwords through `backend.accounts.services` (access changes
limited to what the signed-in staff member holds); addresses are shown read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, ReadOnlyPasswordHashField
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from backend.core.admin_base import ReadOnlyAdmin, ServiceAdmin, add_service_errors, changed_fields
from backend.core.phone import normalize_phone

from .models import Address, User
from .permissions import ensure_may_change_access
from .services import (
    USER_ACCESS_FIELDS,
    USER_PROFILE_FIELDS,
    create_user,
    set_user_password,
    update_user,
)


def _clean_phone(value: str | None) -> str | None:
    return normalize_phone(value) if value else None


def _clean_email(value: str | None) -> str | None:
    return value.strip().lower() if value else None


class UserCreationForm(forms.ModelForm):
    """A new user with a number or an e-mail (or both), and a password typed twice."""

    password1 = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(
        label="Password confirmation", widget=forms.PasswordInput, strip=False
    )

    class Meta:
        model = User
        fields = ("phone", "email", "first_name", "last_name")

    def clean_phone(self) -> str | None:
        return _clean_phone(self.cleaned_data.get("phone"))

    def clean_email(self) -> str | None:
        return _clean_email(self.cleaned_data.get("email"))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise ValidationError("Give a mobile number or an e-mail address.")
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords differ.")
        return cleaned


class UserChangeForm(forms.ModelForm):
    password = ReadOnlyPasswordHashField(
        label="Password",
        help_text='Passwords are not stored in clear. Use <a href="../password/">this form</a> '
        "to set a new one.",
    )

    class Meta:
        model = User
        fields = (
            "phone",
            "email",
            "password",
            "first_name",
            "last_name",
            "language_code",
            "note",
            "is_active",
            "is_confirmed",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        )

    def clean_phone(self) -> str | None:
        return _clean_phone(self.cleaned_data.get("phone"))

    def clean_email(self) -> str | None:
        return _clean_email(self.cleaned_data.get("email"))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise ValidationError("Give a mobile number or an e-mail address.")
        return cleaned


class PasswordChangeForm(AdminPasswordChangeForm):
    """Through `set_user_password`: the validators run, and earlier tokens stop working.

    Django's "disable password-based authentication" choice is left out: no service does it."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].required = self.fields["password2"].required = True

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not self.errors:
            try:
                set_user_password(user=self.user, password=cleaned["password1"])
            except ValidationError as error:
                add_service_errors(self, error)
        return cleaned

    def save(self, commit: bool = True) -> User:
        return self.user  # saved by the service while the form was validated


@admin.register(User)
class UserAdmin(ServiceAdmin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = PasswordChangeForm
    list_display = ("phone", "email", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "is_superuser", "groups")
    search_fields = ("phone", "email", "first_name", "last_name")
    ordering = ("-date_joined",)
    readonly_fields = (
        "addresses",
        "default_shipping_address",
        "default_billing_address",
        "metadata",
        "private_metadata",
        "date_joined",
        "updated_at",
        "last_login",
    )
    filter_horizontal = ("groups", "user_permissions")
    fieldsets = (
        (None, {"fields": ("phone", "email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "language_code", "note")}),
        (
            "Access",
            {
                "fields": (
                    "is_active",
                    "is_confirmed",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (
            "Addresses",
            {"fields": ("addresses", "default_shipping_address", "default_billing_address")},
        ),
        ("Metadata", {"fields": ("metadata", "private_metadata"), "classes": ("collapse",)}),
        ("Dates", {"fields": ("last_login", "date_joined", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("phone", "email", "first_name", "last_name", "password1", "password2"),
            },
        ),
    )

    create_service = staticmethod(create_user)
    update_service = staticmethod(update_user)

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return create_user(
            phone=data["phone"],
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )

    def update_through_service(self, request, obj, form):
        fields = tuple(sorted(USER_PROFILE_FIELDS | USER_ACCESS_FIELDS))
        changes = changed_fields(form, fields)
        ensure_may_change_access(user=obj, changed_by=request.user, changes=changes)
        return update_user(user=obj, changes=changes)

    def get_search_results(self, request, queryset, search_term):
        """A number typed in any form (01..., Bangla digits) finds its E.164 owner."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            phone = normalize_phone(search_term)
        except ValidationError:
            return results, may_have_duplicates
        return results | queryset.filter(phone=phone), may_have_duplicates


@admin.register(Address)
class AddressAdmin(ReadOnlyAdmin):
    # In Bangladesh country_area is the district, city the upazila, city_area the union.
    list_display = (
        "__str__",
        "first_name",
        "last_name",
        "phone",
        "country_area",
        "city",
        "postal_code",
    )
    search_fields = (
        "first_name",
        "last_name",
        "phone",
        "street_address_1",
        "country_area",
        "city",
        "city_area",
        "postal_code",
    )
    list_filter = ("country", "country_area")


# Groups bundle permissions: no domain function writes them yet, so they are shown read-only
# (an editable group would hand out permissions around `update_user`'s scope check).
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(ReadOnlyAdmin, DjangoGroupAdmin):
    pass
