from backend.catalog.models import (
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    CollectionTranslation,
    ProductMedia,
    Thumbnail,
)
from backend.channels.models import Channel
from storefront_api.core.ids import to_global_id
from tests.factories import CategoryFactory, create_listed_product


def test_categories_filter_level_and_tree(api_client, channel):
    # given food > rice, with a product in rice
    food = CategoryFactory(name="Food", slug="food", tree_path="0001.")
    rice = CategoryFactory(name="Rice", slug="rice", parent=food, level=1, tree_path="0001.0002.")
    create_listed_product(channel=channel, category=rice, slug="miniket")
    query = """
    query($level: Int, $filter: CategoryFilterInput) {
      categories(first: 10, level: $level, filter: $filter) {
        totalCount
        edges { node { slug level parent { slug }
          ancestors(first: 5) { edges { node { slug } } }
          children(first: 5) { edges { node { slug } } }
          products(first: 5) { edges { node { slug } } } } }
      }
    }
    """
    # when listing the top level, and searching
    top = api_client.execute(query, {"level": 0})["categories"]
    searched = api_client.execute(query, {"filter": {"search": "ric"}})["categories"]
    # then the tree is navigable and a parent's products include its descendants'
    assert top["totalCount"] == 1
    node = top["edges"][0]["node"]
    assert node["slug"] == "food"
    assert node["children"]["edges"] == [{"node": {"slug": "rice"}}]
    assert node["products"]["edges"] == [{"node": {"slug": "miniket"}}]
    child = searched["edges"][0]["node"]
    assert child["parent"] == {"slug": "food"}
    assert child["ancestors"]["edges"] == [{"node": {"slug": "food"}}]


def test_category_by_slug_and_id(api_client, db):
    category = CategoryFactory(slug="rice")
    query = "query($id: ID, $slug: String) { category(id: $id, slug: $slug) { slug } }"
    assert api_client.execute(query, {"slug": "rice"}) == {"category": {"slug": "rice"}}
    by_id = api_client.execute(query, {"id": to_global_id("Category", category.pk)})
    assert by_id == {"category": {"slug": "rice"}}
    assert api_client.execute(query, {"slug": "none"}) == {"category": None}


COLLECTIONS = """
query($filter: CollectionFilterInput) {
  collections(first: 10, filter: $filter) {
    edges { node { slug channel translation(languageCode: BN) { name }
      products(first: 5) { edges { node { slug } } } } }
  }
}
"""


def test_collections_show_only_published_ones_to_shoppers(api_client, product_manager, channel):
    # given a published and a hidden collection
    eid = Collection.objects.create(name="Eid", slug="eid")
    CollectionChannelListing.objects.create(collection=eid, channel=channel, is_published=True)
    CollectionTranslation.objects.create(collection=eid, language_code="bn", name="ঈদ")
    draft = Collection.objects.create(name="Draft", slug="draft")
    CollectionChannelListing.objects.create(collection=draft, channel=channel, is_published=False)
    product = create_listed_product(channel=channel, slug="saree")
    CollectionProduct.objects.create(collection=eid, product=product)
    # when a shopper and a manager list collections
    shopper = api_client.execute(COLLECTIONS)["collections"]["edges"]
    manager = api_client.as_user(product_manager).execute(
        COLLECTIONS, {"filter": {"published": "HIDDEN"}}
    )
    # then the shopper sees only the published one, with its products; the manager can filter
    assert shopper == [
        {
            "node": {
                "slug": "eid",
                "channel": "bd",
                "translation": {"name": "ঈদ"},
                "products": {"edges": [{"node": {"slug": "saree"}}]},
            }
        }
    ]
    assert [edge["node"]["slug"] for edge in manager["collections"]["edges"]] == ["draft"]
    single = "query($slug: String) { collection(slug: $slug) { slug } }"
    assert api_client.execute(single, {"slug": "draft"}) == {"collection": None}
    assert api_client.execute(single, {"slug": "eid"}) == {"collection": {"slug": "eid"}}


def test_channels_and_channel(api_client, channel):
    Channel.objects.create(slug="closed", name="Closed", is_active=False)
    data = api_client.execute(
        """{ channels { slug currencyCode isActive hasOrders defaultCountry { code country } }
             channel(slug: "closed") { slug } }"""
    )
    assert data["channels"] == [
        {
            "slug": "bd",
            "currencyCode": "BDT",
            "isActive": True,
            "hasOrders": False,
            "defaultCountry": {"code": "BD", "country": "Bangladesh"},
        }
    ]
    assert data["channel"] is None


def test_thumbnail_and_media_urls(api_client, channel):
    # given a product image with a stored 256px WebP thumbnail
    product = create_listed_product(channel=channel)
    media = ProductMedia.objects.create(product=product, image="products/rice.jpg", alt="Rice")
    Thumbnail.objects.create(media=media, size=256, format="webp", image="thumbnails/rice-256.webp")
    media_id = to_global_id("ProductMedia", media.pk)
    data = api_client.execute(
        """query($slug: String) { product(slug: $slug) {
             stored: thumbnail(size: 200, format: WEBP) { url alt }
             onDemand: thumbnail(size: 100, format: AVIF) { url }
             originalSize: thumbnail(size: 60) { url }
             original: thumbnail { url }
             media { url(size: 2000) productId } } }""",
        {"slug": product.slug},
    )["product"]
    # then a stored thumbnail is served as a file, a missing one by the thumbnail view
    assert data["stored"] == {
        "url": "http://testserver/media/thumbnails/rice-256.webp",
        "alt": "Rice",
    }
    assert data["onDemand"]["url"] == f"http://testserver/thumbnail/{media_id}/128/avif/"
    assert data["originalSize"]["url"] == f"http://testserver/thumbnail/{media_id}/64/"
    assert data["original"]["url"] == "http://testserver/media/products/rice.jpg"
    assert data["media"] == [
        {
            "url": f"http://testserver/thumbnail/{media_id}/2048/",
            "productId": to_global_id("Product", product.pk),
        }
    ]
