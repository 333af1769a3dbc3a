import pytest

from backend.accounts.models import Address
from backend.places.loading import load_places
from storefront_api.core.mutations import BaseMutation
from tests.storefront_api.test_schema import saleor_schema

pytestmark = pytest.mark.django_db

RULES = """
query Rules($countryCode: CountryCode!, $countryArea: String, $city: String) {
  addressValidationRules(countryCode: $countryCode, countryArea: $countryArea, city: $city) {
    countryCode countryName addressFormat addressLatinFormat
    allowedFields requiredFields upperFields
    countryAreaType countryAreaChoices { raw verbose }
    cityType cityChoices { raw verbose }
    cityAreaType cityAreaChoices { raw verbose }
    postalCodeType postalCodeMatchers postalCodeExamples postalCodePrefix
  }
}
"""


@pytest.fixture
def places(db):
    load_places()


def test_bangladesh_without_country_area(api_client, places):
    # when
    rules = api_client.execute(RULES, {"countryCode": "BD"})["addressValidationRules"]

    # then
    assert rules["countryCode"] == "BD"
    assert rules["countryName"] == "Bangladesh"
    assert rules["countryAreaType"] == "division"
    assert len(rules["countryAreaChoices"]) == 8
    assert {"raw": "Dhaka", "verbose": "Dhaka / ঢাকা"} in rules["countryAreaChoices"]
    assert rules["cityType"] == "district"
    assert len(rules["cityChoices"]) == 64
    assert rules["cityAreaType"] == "thana"
    assert rules["cityAreaChoices"] == []
    assert rules["postalCodeMatchers"] == ["^\\d{4}$"]
    assert rules["postalCodeExamples"] == ["1000", "1206", "4000"]
    assert rules["requiredFields"] == ["city", "name", "postal_code", "street_address"]
    assert "country_area" in rules["allowedFields"]
    assert rules["postalCodePrefix"] == ""


def test_bangladesh_with_country_area(api_client, places):
    # when
    rules = api_client.execute(RULES, {"countryCode": "BD", "countryArea": "Dhaka"})[
        "addressValidationRules"
    ]

    # then
    cities = [choice["raw"] for choice in rules["cityChoices"]]
    assert len(cities) == 13
    assert "Gazipur" in cities
    assert "Comilla" not in cities


def test_bangladesh_country_area_in_bangla_or_new_spelling(api_client, places):
    # when
    bangla = api_client.execute(RULES, {"countryCode": "BD", "countryArea": "চট্টগ্রাম"})
    english = api_client.execute(RULES, {"countryCode": "BD", "countryArea": "Chattogram"})

    # then
    assert len(bangla["addressValidationRules"]["cityChoices"]) == 11
    assert english == bangla


def test_bangladesh_with_city_lists_thanas_and_postcodes(api_client, places):
    # when
    rules = api_client.execute(
        RULES, {"countryCode": "BD", "countryArea": "Dhaka", "city": "Gazipur"}
    )["addressValidationRules"]

    # then
    thanas = [choice["raw"] for choice in rules["cityAreaChoices"]]
    assert "Kaliakair" in thanas
    assert all(code.startswith("17") for code in rules["postalCodeExamples"])


def test_other_country_gets_a_generic_answer(api_client, places):
    # when
    rules = api_client.execute(RULES, {"countryCode": "IN"})["addressValidationRules"]

    # then
    assert rules["countryCode"] == "IN"
    assert rules["countryName"] == "India"
    assert rules["countryAreaChoices"] == []
    assert rules["postalCodeMatchers"] == []


def test_domain_address_fields_map_to_saleors_address_input():
    # given Saleor's AddressInput and the Address model the domain's errors name
    address_input = saleor_schema().type_map["AddressInput"]
    model_fields = {field.name for field in Address._meta.get_fields()}
    not_fields = {"metadata", "skipValidation"}
    saleor_arguments = set(address_input.fields) - not_fields
    # when each model field is named as the API names a domain field in its errors
    api_names = {BaseMutation.api_field(field) for field in model_fields}
    # then every Saleor argument is a model field's name, so an error lands on its argument
    assert saleor_arguments <= api_names
