"""Loaders for the places tree: one query per level of a response, whatever the page size."""

from __future__ import annotations

from backend.marketplace.models import Vendor
from backend.places.models import Centre, District, Division, PostOffice, Union, Upazila
from storefront_api.core.dataloaders import DataLoader, by_key, group_by


class _ByIdLoader(DataLoader):
    """Rows of `model` in key order, None for a missing id."""

    model: type

    def batch_load(self, keys: list[int]) -> list:
        rows = by_key(self.model.objects.filter(pk__in=keys), lambda row: row.pk)
        return [rows.get(key) for key in keys]


class DivisionByIdLoader(_ByIdLoader):
    model = Division


class DistrictByIdLoader(_ByIdLoader):
    model = District


class UpazilaByIdLoader(_ByIdLoader):
    model = Upazila


class UnionByIdLoader(_ByIdLoader):
    model = Union


class PostOfficeByIdLoader(_ByIdLoader):
    model = PostOffice


class CentreByIdLoader(_ByIdLoader):
    model = Centre


class VendorsByCentreIdLoader(DataLoader[int, list[Vendor]]):
    """Every vendor of each centre, whatever its status: the resolver applies visibility."""

    def batch_load(self, keys: list[int]) -> list[list[Vendor]]:
        vendors = group_by(
            Vendor.objects.filter(centre_id__in=keys).order_by("name", "pk"),
            lambda vendor: vendor.centre_id,
        )
        return [vendors.get(key, []) for key in keys]
