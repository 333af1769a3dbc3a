"""Two trees, linked at the centre: administrative (unions) and postal (post offices).

Postcodes belong to post offices, not to unions (DOMAIN.md), so a centre names both its union and
its post office.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Division(models.Model):
    source_id = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=100)
    name_bn = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    source_id = models.PositiveIntegerField(unique=True)
    division = models.ForeignKey(Division, related_name="districts", on_delete=models.PROTECT)
    name = models.CharField(max_length=100)
    name_bn = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    latitude = models.DecimalField(max_digits=10, decimal_places=7, null=True, blank=True)
    longitude = models.DecimalField(max_digits=10, decimal_places=7, null=True, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class UpazilaKind(models.TextChoices):
    UPAZILA = "upazila", "Upazila"
    CITY_THANA = "city_thana", "City thana"


class Upazila(models.Model):
    """A sub-district an address names as its `city`: a rural upazila, divided into unions, or a
    city thana (a police station of a city corporation, e.g. Dhanmondi), which has none.

    One model for both, so everything that reads an address's places treats them alike.
    """

    source_id = models.PositiveIntegerField(unique=True)
    district = models.ForeignKey(District, related_name="upazilas", on_delete=models.PROTECT)
    name = models.CharField(max_length=100)
    name_bn = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=UpazilaKind.choices, default=UpazilaKind.UPAZILA)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Union(models.Model):
    source_id = models.PositiveIntegerField(unique=True)
    upazila = models.ForeignKey(Upazila, related_name="unions", on_delete=models.PROTECT)
    name = models.CharField(max_length=100)
    name_bn = models.CharField(max_length=100)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class PostOffice(models.Model):
    """A post office with its 4-digit postcode, under its thana (police station) and district."""

    postcode = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=150)
    name_bn = models.CharField(max_length=150, blank=True)
    thana = models.CharField(max_length=100)
    thana_bn = models.CharField(max_length=100, blank=True)
    district = models.ForeignKey(
        District, related_name="post_offices", null=True, blank=True, on_delete=models.PROTECT
    )
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="post_offices"
    )

    class Meta:
        ordering = ("postcode",)

    def __str__(self) -> str:
        return f"{self.name} {self.postcode}"


class CentreKind(models.TextChoices):
    DIGITAL_CENTRE = "digital_centre", "Union Digital Centre"
    E_POST_CENTRE = "e_post_centre", "e-Post Centre"
    CITIZEN_SERVICE_CENTRE = "citizen_service_centre", "Citizen Service Centre"


class Centre(models.Model):
    """A place where entrepreneurs sell, order for customers, take cash and hand over parcels."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    name_bn = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=32, choices=CentreKind.choices)
    union = models.ForeignKey(
        Union, related_name="centres", null=True, blank=True, on_delete=models.PROTECT
    )
    district = models.ForeignKey(District, related_name="centres", on_delete=models.PROTECT)
    post_office = models.ForeignKey(
        PostOffice, related_name="centres", null=True, blank=True, on_delete=models.PROTECT
    )
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=16, blank=True)
    opening_hours = models.JSONField(default=dict, blank=True)
    entrepreneurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="centres"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("code",)
        permissions = (("manage_centres", "Manage centres."),)

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
