from backend.core.models import SiteSettings

SHOP = """
{
  shop {
    name nameBn description
    domain { host sslEnabled url }
    defaultCountry { code country }
    countries { code }
    languages { code language }
    channelCurrencies
    phonePrefixes
    trackInventoryByDefault defaultWeightUnit limitQuantityPerCheckout
    enableAccountConfirmationByEmail allowLoginWithoutConfirmation
    fulfillmentAutoApprove fulfillmentAllowUnpaid
    version schemaVersion
    permissions { code name }
  }
}
"""


def test_shop_reports_the_site_settings(api_client, channel):
    # given the shop's settings
    settings_row = SiteSettings.get_current()
    settings_row.domain = "haat.test"
    settings_row.description = "Marketplace"
    settings_row.save()
    # when the storefront starts
    shop = api_client.execute(SHOP)["shop"]
    # then it learns the shop's facts
    assert shop["name"] == "Haat"
    assert shop["nameBn"] == "হাট"
    assert shop["description"] == "Marketplace"
    assert shop["domain"] == {"host": "haat.test", "sslEnabled": False, "url": "http://haat.test/"}
    assert shop["defaultCountry"] == {"code": "BD", "country": "Bangladesh"}
    assert shop["countries"] == [{"code": "BD"}]
    assert [language["code"] for language in shop["languages"]] == ["BN_BD", "EN"]
    assert shop["channelCurrencies"] == ["BDT"]
    assert shop["phonePrefixes"] == ["+880"]
    assert shop["defaultWeightUnit"] == "KG"
    assert shop["limitQuantityPerCheckout"] == 50
    assert shop["schemaVersion"] == "3.21"
    assert {"code": "MANAGE_PRODUCTS", "name": "Manage products"} in shop["permissions"]
