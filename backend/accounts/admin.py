"""Dashboard for users and addresses: find people by number, e-mail or name."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, ReadOnlyPasswordHashField
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from backend.core.phone import normalize_phone

from .models import Address, User
from .services import new_token_key


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
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise ValidationError("Give a mobile number or an e-mail address.")
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords differ.")
        elif password1:
            self.instance.phone = cleaned.get("phone")
            self.instance.email = cleaned.get("email")
            try:
                validate_password(password1, self.instance)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        user.jwt_token_key = new_token_key()
        if commit:
            user.save()
            self.save_m2m()
        return user


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
            "addresses",
            "default_shipping_address",
            "default_billing_address",
            "metadata",
            "private_metadata",
        )

    def clean_phone(self) -> str | None:
        return _clean_phone(self.cleaned_data.get("phone"))

    def clean_email(self) -> str | None:
        return _clean_email(self.cleaned_data.get("email"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise ValidationError("Give a mobile number or an e-mail address.")
        return cleaned


class PasswordChangeForm(AdminPasswordChangeForm):
    """A new password also signs the user out everywhere: earlier tokens stop working."""

    def save(self, commit: bool = True) -> User:
        self.user.jwt_token_key = new_token_key()
        return super().save(commit=commit)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = PasswordChangeForm
    list_display = ("phone", "email", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "is_superuser", "groups")
    search_fields = ("phone", "email", "first_name", "last_name")
    ordering = ("-date_joined",)
    readonly_fields = ("date_joined", "updated_at", "last_login")
    filter_horizontal = ("groups", "user_permissions")
    raw_id_fields = ("addresses", "default_shipping_address", "default_billing_address")
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

    def get_search_results(self, request, queryset, search_term):
        """A number typed in any form (01..., Bangla digits) finds its E.164 owner."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            phone = normalize_phone(search_term)
        except ValidationError:
            return results, may_have_duplicates
        return results | queryset.filter(phone=phone), may_have_duplicates


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ("__str__", "first_name", "last_name", "phone", "city", "postal_code")
    search_fields = ("first_name", "last_name", "phone", "street_address_1", "city", "postal_code")
    list_filter = ("country", "country_area")
