import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from backend.accounts.models import Role
from backend.places.error_codes import CentreErrorCode
from backend.places.models import Centre, CentreKind
from backend.places.selectors import ENTREPRENEUR_GROUP, is_entrepreneur_at
from backend.places.services import add_entrepreneurs, create_centre
from tests.factories import (
    CentreFactory,
    DistrictFactory,
    PostOfficeFactory,
    UnionFactory,
    UpazilaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _errors(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


def test_create_centre_with_union_and_post_office_of_its_district():
    # given
    district = DistrictFactory()
    union = UnionFactory(upazila=UpazilaFactory(district=district))
    post_office = PostOfficeFactory(district=district)

    # when
    centre = create_centre(
        code=" UDC-1 ",
        name="Subil Union Digital Centre",
        name_bn="সুবিল ইউনিয়ন ডিজিটাল সেন্টার",
        kind=CentreKind.DIGITAL_CENTRE,
        district=district,
        union=union,
        post_office=post_office,
        phone="01712-345678",
        opening_hours={"sat": "09:00-17:00"},
    )

    # then
    centre.refresh_from_db()
    assert centre.code == "UDC-1"
    assert centre.union == union
    assert centre.post_office == post_office
    assert centre.phone == "+8801712345678"
    assert centre.opening_hours == {"sat": "09:00-17:00"}
    assert centre.is_active


def test_create_centre_code_taken():
    # given
    existing = CentreFactory(code="UDC-1")

    # when
    with pytest.raises(ValidationError) as error:
        create_centre(code="UDC-1", name="Other", kind="e_post_centre", district=existing.district)

    # then
    assert _errors(error.value) == [("code", CentreErrorCode.UNIQUE)]
    assert Centre.objects.count() == 1


def test_create_centre_union_of_another_district():
    # given
    district = DistrictFactory()
    union = UnionFactory()

    # when
    with pytest.raises(ValidationError) as error:
        create_centre(code="UDC-1", name="C", kind="digital_centre", district=district, union=union)

    # then
    assert _errors(error.value) == [("union", CentreErrorCode.INVALID)]
    assert not Centre.objects.exists()


def test_create_centre_post_office_of_another_district():
    # given
    district = DistrictFactory()
    post_office = PostOfficeFactory()

    # when
    with pytest.raises(ValidationError) as error:
        create_centre(
            code="EPC-1",
            name="C",
            kind="e_post_centre",
            district=district,
            post_office=post_office,
        )

    # then
    assert _errors(error.value) == [("post_office", CentreErrorCode.INVALID)]
    assert not Centre.objects.exists()


def test_create_centre_accepts_a_post_office_without_a_district():
    # given: a post office the loader could not place
    district = DistrictFactory()
    post_office = PostOfficeFactory(district=None)

    # when
    centre = create_centre(
        code="EPC-1", name="C", kind="e_post_centre", district=district, post_office=post_office
    )

    # then
    assert centre.post_office == post_office


def test_create_centre_reports_every_missing_or_wrong_field():
    # given

    # when
    with pytest.raises(ValidationError) as error:
        create_centre(code=" ", name="", kind="shop", district=None, phone="12345")

    # then
    assert sorted(_errors(error.value)) == [
        ("code", CentreErrorCode.REQUIRED),
        ("district", CentreErrorCode.REQUIRED),
        ("kind", CentreErrorCode.INVALID),
        ("name", CentreErrorCode.REQUIRED),
        ("phone", CentreErrorCode.INVALID),
    ]
    assert not Centre.objects.exists()


def test_add_entrepreneurs(entrepreneur, other_entrepreneur):
    # given
    centre = CentreFactory()

    # when
    add_entrepreneurs(centre=centre, users=[entrepreneur, other_entrepreneur])
    add_entrepreneurs(centre=centre, users=[entrepreneur])

    # then
    assert set(centre.entrepreneurs.all()) == {entrepreneur, other_entrepreneur}
    assert is_entrepreneur_at(user=entrepreneur, centre=centre)


def test_add_entrepreneurs_rejects_a_customer(entrepreneur, customer_user):
    # given
    centre = CentreFactory()

    # when
    with pytest.raises(ValidationError) as error:
        add_entrepreneurs(centre=centre, users=[entrepreneur, customer_user])

    # then
    assert _errors(error.value) == [("entrepreneurs", CentreErrorCode.INVALID)]
    assert not centre.entrepreneurs.exists()


def test_is_entrepreneur_at_needs_the_group_and_the_link():
    # given
    centre = CentreFactory()
    user = UserFactory()
    centre.entrepreneurs.add(user)

    # when / then: linked but not in the group
    assert not is_entrepreneur_at(user=user, centre=centre)
    user.groups.add(Group.objects.get_or_create(name=Role.ENTREPRENEUR)[0])
    assert is_entrepreneur_at(user=user, centre=centre)
    assert not is_entrepreneur_at(user=user, centre=CentreFactory())


def test_entrepreneur_group_name_matches_the_accounts_role():
    assert ENTREPRENEUR_GROUP == Role.ENTREPRENEUR


def test_create_centre_refuses_an_address_with_a_nul_byte():
    # given a district
    district = CentreFactory().district
    # when the address carries a NUL byte (PostgreSQL cannot store it)
    with pytest.raises(ValidationError) as error:
        create_centre(
            code="UDC-NUL", name="Centre", kind="e_post_centre", district=district, address="a\x00b"
        )
    # then it is a field error and nothing is stored
    assert _errors(error.value) == [("address", CentreErrorCode.INVALID)]
    assert not Centre.objects.filter(code="UDC-NUL").exists()
