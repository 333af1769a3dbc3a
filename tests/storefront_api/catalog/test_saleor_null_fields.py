"""Saleor fields Haat answers with null, because it has no such data (no prior prices, no
reference, rich-text or date attributes, no external IDs): a Saleor storefront or SDK that asks
for them gets null, as Saleor gives when the data is absent, instead of a validation error."""

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeValue,
)
from tests.factories import create_listed_product

QUERY = """
query Product($slug: String!) {
  product(slug: $slug, channel: "bd") {
    pricing { discountPrior { currency } priceRangePrior { start { gross { amount } } } }
    attributes {
      attribute { externalReference }
      values { name reference richText date dateTime externalReference }
    }
    variants {
      pricing { discountPrior { currency } pricePrior { gross { amount } } }
      channelListings { priorPrice { amount } }
    }
  }
}
"""


def test_fields_without_data_in_haat_are_null(api_client, channel, product_manager):
    # given a listed product with one attribute value
    product = create_listed_product(variants=1)
    material = Attribute.objects.create(slug="material", name="Material")
    AttributeProduct.objects.create(attribute=material, product_type=product.product_type)
    jute = AttributeValue.objects.create(attribute=material, name="পাট", slug="jute")
    AssignedProductAttributeValue.objects.create(product=product, value=jute)
    # when staff (who may read channel listings) ask Saleor's fields Haat has no data for
    data = api_client.as_user(product_manager).execute(QUERY, {"slug": product.slug})["product"]
    # then each is null
    assert data == {
        "pricing": {"discountPrior": None, "priceRangePrior": None},
        "attributes": [
            {
                "attribute": {"externalReference": None},
                "values": [
                    {
                        "name": "পাট",
                        "reference": None,
                        "richText": None,
                        "date": None,
                        "dateTime": None,
                        "externalReference": None,
                    }
                ],
            }
        ],
        "variants": [
            {
                "pricing": {"discountPrior": None, "pricePrior": None},
                "channelListings": [{"priorPrice": None}],
            }
        ],
    }
