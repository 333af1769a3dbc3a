"""The storefront queries the benchmark times: what a Saleor storefront sends for a product
list, a product page and a search (the issue's targets are stated against these)."""

from __future__ import annotations

CHANNEL = "bd"

PRODUCT_LIST = """
query ProductList($channel: String!, $first: Int!) {
  products(first: $first, channel: $channel) {
    edges {
      node {
        id
        name
        slug
        translation(languageCode: EN) { name }
        pricing {
          priceRange {
            start { gross { amount currency } }
            stop { gross { amount currency } }
          }
        }
        category { id name }
        thumbnail(size: 256, format: WEBP) { url alt }
        variants {
          id
          name
          sku
          quantityAvailable
          pricing { price { gross { amount currency } } }
        }
      }
    }
  }
}
"""

PRODUCT_DETAIL = """
query ProductDetail($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    id
    name
    slug
    description
    seoTitle
    seoDescription
    translation(languageCode: EN) { name description }
    category { id name slug }
    vendor { id name nameBn slug }
    media { url(size: 1024, format: WEBP) alt type }
    thumbnail(size: 256, format: WEBP) { url alt }
    attributes {
      attribute { id name slug }
      values { id name slug }
    }
    pricing {
      priceRange {
        start { gross { amount currency } }
        stop { gross { amount currency } }
      }
    }
    variants {
      id
      name
      sku
      quantityAvailable
      attributes {
        attribute { id name slug }
        values { id name slug }
      }
      pricing { price { gross { amount currency } } }
    }
  }
}
"""

PRODUCT_SEARCH = """
query ProductSearch($search: String!, $channel: String!, $first: Int!) {
  products(first: $first, channel: $channel, search: $search) {
    edges {
      node {
        id
        name
        slug
        translation(languageCode: EN) { name }
        pricing {
          priceRange { start { gross { amount currency } } }
        }
        thumbnail(size: 256, format: WEBP) { url alt }
      }
    }
  }
}
"""

SEARCH_TERMS = ("চাল", "rice")

ALL_QUERIES = {
    "product_list": PRODUCT_LIST,
    "product_detail": PRODUCT_DETAIL,
    "product_search": PRODUCT_SEARCH,
}
