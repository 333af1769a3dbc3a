"""Phone-first users: rural customers are known by mobile number and often have no e-mail."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from backend.core.models import ModelWithMetadata
from backend.core.phone import normalize_phone


class Role:
    """Roles are Django groups with these names (created by migration)."""

    CUSTOMER = "customer"
    ENTREPRENEUR = "entrepreneur"
    POSTAL_OPERATOR = "postal operator"
    FINANCE = "finance"
    ADMIN = "admin"
    ALL = (CUSTOMER, ENTREPRENEUR, POSTAL_OPERATOR, FINANCE, ADMIN)


class Address(models.Model):
    """Saleor's address. In Bangladesh (issue 9's scheme): `country_area` is the district,
    `city` the upazila or thana of that district, `city_area` a union of that upazila (may be
    blank), `postal_code` a post office's postcode of the district; places by their canonical
    English names (`backend.places.address_validation`)."""

    first_name = models.CharField(max_length=256, blank=True)
    last_name = models.CharField(max_length=256, blank=True)
    company_name = models.CharField(max_length=256, blank=True)
    street_address_1 = models.CharField(max_length=256, blank=True)
    street_address_2 = models.CharField(max_length=256, blank=True)
    city = models.CharField(max_length=256, blank=True)
    city_area = models.CharField(max_length=128, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="BD")
    country_area = models.CharField(max_length=128, blank=True)
    phone = models.CharField(max_length=20, blank=True)

    def __str__(self) -> str:
        return ", ".join(
            part
            for part in (
                self.street_address_1,
                self.city_area,
                self.city,
                self.country_area,
                self.postal_code,
            )
            if part
        )


class UserManager(BaseUserManager["User"]):
    def create_user(
        self,
        phone: str | None = None,
        email: str | None = None,
        password: str | None = None,
        **extra_fields: object,
    ) -> User:
        if not phone and not email:
            raise ValueError("A user needs a mobile number or an e-mail address.")
        user = self.model(
            phone=normalize_phone(phone) if phone else None,
            email=self.normalize_email(email).lower() if email else None,
            **extra_fields,
        )
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self,
        phone: str | None = None,
        email: str | None = None,
        password: str | None = None,
        **extra_fields: object,
    ) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(phone=phone, email=email, password=password, **extra_fields)


class User(ModelWithMetadata, AbstractBaseUser, PermissionsMixin):
    phone = models.CharField(max_length=16, null=True, blank=True, unique=True)
    email = models.EmailField(null=True, blank=True, unique=True)
    first_name = models.CharField(max_length=256, blank=True)
    last_name = models.CharField(max_length=256, blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_confirmed = models.BooleanField(default=True)
    note = models.TextField(blank=True, default="")
    language_code = models.CharField(max_length=35, default="bn")
    date_joined = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    last_password_reset_request = models.DateTimeField(null=True, blank=True)
    # Bumped to revoke every token issued before (password change, sign-out everywhere).
    jwt_token_key = models.CharField(max_length=12, blank=True, default="")
    addresses = models.ManyToManyField(Address, blank=True, related_name="user_addresses")
    default_shipping_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    default_billing_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )

    USERNAME_FIELD = "phone"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects = UserManager()

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(phone__isnull=False) | Q(email__isnull=False),
                name="user_has_phone_or_email",
            )
        ]
        permissions = (
            ("manage_users", "Manage customers."),
            ("manage_staff", "Manage staff."),
            ("impersonate_user", "Impersonate user."),
        )

    def __str__(self) -> str:
        return self.phone or self.email or f"user {self.pk}"

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or str(self)

    def has_role(self, role: str) -> bool:
        return self.groups.filter(name=role).exists()
