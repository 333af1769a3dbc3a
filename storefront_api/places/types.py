"""GraphQL types of Bangladesh's places: the administrative tree, post offices and centres."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.marketplace.selectors import is_vendor_visible
from backend.places import models
from storefront_api.core.dataloaders import then
from storefront_api.core.scalars import JSONString
from storefront_api.core.types import ModelObjectType

from .dataloaders import (
    CentreByIdLoader,
    DistrictByIdLoader,
    DivisionByIdLoader,
    PostOfficeByIdLoader,
    UnionByIdLoader,
    UpazilaByIdLoader,
    VendorsByCentreIdLoader,
)

CentreKindEnum = graphene.Enum(
    "CentreKindEnum",
    [(kind.name, kind.value) for kind in models.CentreKind],
    description="What kind of centre: union digital, e-post or citizen-service centre.",
)


class Division(ModelObjectType, model=models.Division):
    name = graphene.String(required=True, description="English name.")
    name_bn = graphene.String(required=True, description="Bangla name.")
    slug = graphene.String(required=True)

    class Meta:
        description = "One of Bangladesh's eight divisions (bibhag)."
        interfaces = (relay.Node,)

    @classmethod
    def get_node(cls, info, id):
        return DivisionByIdLoader(info.context).load(int(id))


class District(ModelObjectType, model=models.District):
    name = graphene.String(required=True, description="English name.")
    name_bn = graphene.String(required=True, description="Bangla name.")
    slug = graphene.String(required=True)
    division = graphene.Field(Division, required=True)

    class Meta:
        description = "One of Bangladesh's 64 districts (zila)."
        interfaces = (relay.Node,)

    @classmethod
    def get_node(cls, info, id):
        return DistrictByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_division(root: models.District, info):
        return DivisionByIdLoader(info.context).load(root.division_id)


class Upazila(ModelObjectType, model=models.Upazila):
    name = graphene.String(required=True, description="English name.")
    name_bn = graphene.String(required=True, description="Bangla name.")
    district = graphene.Field(District, required=True)

    class Meta:
        description = "A sub-district (upazila or thana)."
        interfaces = (relay.Node,)

    @classmethod
    def get_node(cls, info, id):
        return UpazilaByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_district(root: models.Upazila, info):
        return DistrictByIdLoader(info.context).load(root.district_id)


class Union(ModelObjectType, model=models.Union):
    name = graphene.String(required=True, description="English name.")
    name_bn = graphene.String(required=True, description="Bangla name.")
    upazila = graphene.Field(Upazila, required=True)

    class Meta:
        description = (
            "A union parishad, the smallest rural council; most digital centres serve one."
        )
        interfaces = (relay.Node,)

    @classmethod
    def get_node(cls, info, id):
        return UnionByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_upazila(root: models.Union, info):
        return UpazilaByIdLoader(info.context).load(root.upazila_id)


class PostOffice(ModelObjectType, model=models.PostOffice):
    postcode = graphene.String(required=True, description="The 4-digit postcode.")
    name = graphene.String(required=True, description="English name.")
    name_bn = graphene.String(description="Bangla name, when the source has one.")
    thana = graphene.String(required=True, description="The thana (police station) it serves.")
    thana_bn = graphene.String(description="Bangla name of the thana.")
    district = graphene.Field(District, description="Its district (null when not matched).")

    class Meta:
        description = "A post office; postcodes belong to post offices, not to unions."
        interfaces = (relay.Node,)

    @classmethod
    def get_node(cls, info, id):
        return PostOfficeByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_name_bn(root: models.PostOffice, _info):
        return root.name_bn or None

    @staticmethod
    def resolve_thana_bn(root: models.PostOffice, _info):
        return root.thana_bn or None

    @staticmethod
    def resolve_district(root: models.PostOffice, info):
        return DistrictByIdLoader(info.context).load(root.district_id) if root.district_id else None


class Centre(ModelObjectType, model=models.Centre):
    code = graphene.String(required=True, description="The centre's unique code.")
    name = graphene.String(required=True, description="English name.")
    name_bn = graphene.String(description="Bangla name.")
    kind = graphene.Field(CentreKindEnum, required=True)
    district = graphene.Field(District, required=True)
    union = graphene.Field(Union, description="The union it serves, for union digital centres.")
    post_office = graphene.Field(PostOffice, description="The post office its parcels go through.")
    address = graphene.String(required=True)
    phone = graphene.String(required=True)
    opening_hours = JSONString(
        required=True, description='Opening hours by weekday, e.g. {"sat": "09:00-17:00"}.'
    )
    is_active = graphene.Boolean(required=True)
    vendors = graphene.NonNull(
        graphene.List(graphene.NonNull("storefront_api.marketplace.types.Vendor")),
        description="The centre's vendors the viewer may see (approved ones for the public).",
    )

    class Meta:
        description = "A digital, e-post or citizen-service centre where entrepreneurs sell."
        interfaces = (relay.Node,)

    @classmethod
    def get_node(cls, info, id):
        return CentreByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_name_bn(root: models.Centre, _info):
        return root.name_bn or None

    @staticmethod
    def resolve_kind(root: models.Centre, _info):
        return str(root.kind)  # a fresh instance holds the TextChoices member

    @staticmethod
    def resolve_district(root: models.Centre, info):
        return DistrictByIdLoader(info.context).load(root.district_id)

    @staticmethod
    def resolve_union(root: models.Centre, info):
        return UnionByIdLoader(info.context).load(root.union_id) if root.union_id else None

    @staticmethod
    def resolve_post_office(root: models.Centre, info):
        if not root.post_office_id:
            return None
        return PostOfficeByIdLoader(info.context).load(root.post_office_id)

    @staticmethod
    def resolve_vendors(root: models.Centre, info):
        user = info.context.user
        return then(
            VendorsByCentreIdLoader(info.context).load(root.pk),
            lambda vendors: [v for v in vendors if is_vendor_visible(vendor=v, user=user)],
        )
