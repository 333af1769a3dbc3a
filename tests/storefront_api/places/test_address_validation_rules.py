import pytest

from backend.accounts.models import Address
from storefront_api.core.mutations import BaseMutation
from tests.storefront_api.test_schema import saleor_schema

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bangladesh")]

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


def test_bangladesh_without_country_area(api_client):
    # when
    rules = api_client.execute(RULES, {"countryCode": "BD"})["addressValidationRules"]

    # then
    assert rules["countryCode"] == "BD"
    assert rules["countryName"] == "Bangladesh"
    assert rules["countryAreaType"] == "district"
    assert len(rules["countryAreaChoices"]) == 64
    assert {"raw": "Dhaka", "verbose": "Dhaka / ঢাকা"} in rules["countryAreaChoices"]
    assert rules["cityType"] == "upazila"
    assert rules["cityChoices"] == []
    assert rules["cityAreaType"] == "union"
    assert rules["cityAreaChoices"] == []
    assert rules["postalCodeMatchers"] == ["^\\d{4}$"]
    assert rules["postalCodeExamples"] == ["1000", "1206", "4000"]
    assert rules["requiredFields"] == [
        "city",
        "country_area",
        "name",
        "postal_code",
        "street_address",
    ]
    assert "city_area" in rules["allowedFields"]
    assert rules["postalCodePrefix"] == ""


def test_bangladesh_with_a_district_lists_its_upazilas_and_postcodes(api_client):
    # when
    rules = api_client.execute(RULES, {"countryCode": "BD", "countryArea": "Gazipur"})[
        "addressValidationRules"
    ]

    # then
    cities = [choice["raw"] for choice in rules["cityChoices"]]
    assert cities == [
        "Basan",
        "Gachha",
        "Gazipur Sadar",
        "Kaliakair",
        "Kaliganj",
        "Kapasia",
        "Kashimpur",
        "Konabari",
        "Pubail",
        "Sreepur",
        "Tongi East",
        "Tongi West",
    ]
    assert "Savar" not in cities
    assert len(rules["postalCodeMatchers"]) == 2
    assert all(code.startswith("17") for code in rules["postalCodeExamples"])


def test_bangladesh_district_in_bangla_or_another_spelling(api_client):
    # when
    bangla = api_client.execute(RULES, {"countryCode": "BD", "countryArea": "চট্টগ্রাম"})
    english = api_client.execute(RULES, {"countryCode": "BD", "countryArea": "Chattagram"})

    # then its 15 upazilas and the 15 thanas of Chattogram city
    assert len(bangla["addressValidationRules"]["cityChoices"]) == 30
    assert english == bangla


def test_dhaka_lists_its_upazilas_and_the_thanas_of_the_city(api_client):
    # when
    rules = api_client.execute(RULES, {"countryCode": "BD", "countryArea": "ঢাকা"})[
        "addressValidationRules"
    ]

    # then the five upazilas and the Dhaka Metropolitan Police's 50 thanas, by name
    cities = [choice["raw"] for choice in rules["cityChoices"]]
    assert len(cities) == 55
    assert cities == sorted(cities)
    assert {"Savar", "Dohar", "Dhanmondi", "Gulshan", "Mirpur", "Uttara East"} <= set(cities)
    assert {"raw": "Dhanmondi", "verbose": "Dhanmondi / ধানমন্ডি"} in rules["cityChoices"]
    assert "1209" in rules["postalCodeMatchers"][1]


def test_a_city_thana_offers_no_city_areas(api_client):
    # when the city is one of Dhaka's thanas
    rules = api_client.execute(
        RULES, {"countryCode": "BD", "countryArea": "Dhaka", "city": "gulshan"}
    )["addressValidationRules"]

    # then there is no union to choose
    assert rules["cityAreaChoices"] == []
    assert len(rules["cityChoices"]) == 55


def test_bangladesh_with_an_upazila_lists_its_unions(api_client):
    # when
    rules = api_client.execute(
        RULES, {"countryCode": "BD", "countryArea": "Gazipur", "city": "Kaliakair"}
    )["addressValidationRules"]

    # then
    unions = [choice["raw"] for choice in rules["cityAreaChoices"]]
    assert "Mouchak" in unions
    assert len(unions) == 9


def test_other_country_gets_a_generic_answer(api_client):
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
