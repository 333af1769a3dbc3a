"""A warehouse's address reads as a Bangladeshi address does."""

import pytest

from backend.inventory.addresses import warehouse_address
from tests.factories import CentreFactory, PostOfficeFactory, WarehouseFactory


@pytest.mark.django_db
def test_a_centres_warehouse_reads_its_places_and_the_centres_phone():
    # given
    office = PostOfficeFactory(postcode="5770", thana="Pirgacha")
    centre = CentreFactory(district=office.district, phone="+8801911000103", address="Sadar")
    warehouse = WarehouseFactory(
        name="Pirgacha CSC", centre=centre, district=office.district, post_office=office
    )

    # when
    address = warehouse_address(
        warehouse,
        centre=centre,
        district=office.district,
        division=office.district.division,
        post_office=office,
    )

    # then
    assert (
        address.company_name,
        address.street_address_1,
        address.city,
        address.city_area,
        address.postal_code,
        address.country,
        address.country_area,
        address.phone,
        address.pk,
    ) == (
        "Pirgacha CSC",
        "Sadar",
        office.district.name,
        "Pirgacha",
        "5770",
        "BD",
        office.district.division.name,
        "+8801911000103",
        None,
    )
