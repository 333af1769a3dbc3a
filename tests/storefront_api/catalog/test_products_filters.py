from decimal import Decimal

import pytest

from backend.catalog.models import Collection, CollectionProduct
from backend.catalog.search import update_products_search_index
from backend.catalog.services.categories import create_category, update_category
from backend.inventory.models import Stock
from storefront_api.core.ids import to_global_id
from tests.factories import CategoryFactory, VendorFactory, create_listed_product

QUERY = """
query Filtered($filter: ProductFilterInput, $where: ProductWhereInput, $search: String,
               $sortBy: ProductOrder) {
  products(first: 50, filter: $filter, where: $where, search: $search, sortBy: $sortBy) {
    edges { node { slug } }
  }
}
"""


def _slugs(api_client, **variables):
    data = api_client.execute(QUERY, variables)
    return [edge["node"]["slug"] for edge in data["products"]["edges"]]


@pytest.fixture
def shelf(channel):
    food = CategoryFactory(name="Food", tree_path="0001.")
    rice = CategoryFactory(name="Rice", parent=food, level=1, tree_path="0001.0002.")
    cloth = CategoryFactory(name="Cloth", tree_path="0003.")
    vendor = VendorFactory(name="Karim Traders")
    products = {
        "a-rice": create_listed_product(
            channel=channel, slug="a-rice", category=rice, price=Decimal(60), vendor=vendor
        ),
        "b-dal": create_listed_product(
            channel=channel, slug="b-dal", category=food, price=Decimal(120), stock=0
        ),
        "c-saree": create_listed_product(
            channel=channel, slug="c-saree", category=cloth, price=Decimal(900)
        ),
    }
    eid = Collection.objects.create(name="Eid", slug="eid")
    CollectionProduct.objects.create(collection=eid, product=products["c-saree"])
    update_products_search_index([p.pk for p in products.values()])
    return {"food": food, "rice": rice, "vendor": vendor, "eid": eid, **products}


def test_filter_by_category_includes_descendants(api_client, shelf):
    food = to_global_id("Category", shelf["food"].pk)
    assert _slugs(api_client, filter={"categories": [food]}) == ["a-rice", "b-dal"]


def test_filter_by_collection_vendor_and_ids(api_client, shelf):
    eid = to_global_id("Collection", shelf["eid"].pk)
    vendor = to_global_id("Vendor", shelf["vendor"].pk)
    dal = to_global_id("Product", shelf["b-dal"].pk)
    assert _slugs(api_client, filter={"collections": [eid]}) == ["c-saree"]
    assert _slugs(api_client, filter={"vendors": [vendor]}) == ["a-rice"]
    assert _slugs(api_client, filter={"ids": [dal]}) == ["b-dal"]
    assert _slugs(api_client, filter={"slugs": ["a-rice", "c-saree"]}) == ["a-rice", "c-saree"]


def test_filter_by_price_and_minimal_price(api_client, shelf):
    assert _slugs(api_client, filter={"price": {"gte": 100, "lte": 500}}) == ["b-dal"]
    assert _slugs(api_client, filter={"minimalPrice": {"lte": 100}}) == ["a-rice"]


def test_filter_by_stock_availability(api_client, shelf):
    Stock.objects.filter(product_variant__product=shelf["c-saree"]).update(quantity_allocated=10)
    assert _slugs(api_client, filter={"stockAvailability": "IN_STOCK"}) == ["a-rice"]
    assert _slugs(api_client, filter={"stockAvailability": "OUT_OF_STOCK"}) == [
        "b-dal",
        "c-saree",
    ]


def test_filter_has_category_and_product_types(api_client, shelf):
    shelf["c-saree"].category = None
    shelf["c-saree"].save()
    assert _slugs(api_client, filter={"hasCategory": False}) == ["c-saree"]
    product_type = to_global_id("ProductType", shelf["a-rice"].product_type_id)
    assert _slugs(api_client, filter={"productTypes": [product_type]}) == ["a-rice"]


def test_search_argument_and_filter_search(api_client, shelf):
    assert _slugs(api_client, search="karim") == ["a-rice"]
    assert _slugs(api_client, filter={"search": "karim"}) == ["a-rice"]
    assert _slugs(api_client, search="karim", sortBy={"field": "RANK", "direction": "DESC"}) == [
        "a-rice"
    ]


def test_where_input(api_client, shelf):
    rice = to_global_id("Category", shelf["rice"].pk)
    assert _slugs(api_client, where={"category": {"eq": rice}}) == ["a-rice"]
    assert _slugs(api_client, where={"slug": {"oneOf": ["b-dal", "c-saree"]}}) == [
        "b-dal",
        "c-saree",
    ]
    assert _slugs(api_client, where={"price": {"range": {"gte": 100}}}) == ["b-dal", "c-saree"]
    assert _slugs(
        api_client, where={"OR": [{"name": {"eq": "nothing"}}, {"slug": {"eq": "a-rice"}}]}
    ) == ["a-rice"]


def test_filter_with_a_malformed_id_is_an_error(api_client, shelf):
    content = api_client.execute_raw(QUERY, {"filter": {"categories": ["nonsense"]}})
    assert content["errors"][0]["message"].startswith("Invalid ID: nonsense.")


def test_filter_by_category_follows_a_moved_subtree(api_client, channel):
    # given food > rice > miniket with a product in miniket, and cloth
    food = create_category(name="Food", slug="food")
    rice = create_category(name="Rice", slug="rice", parent=food)
    miniket = create_category(name="Miniket", slug="miniket", parent=rice)
    cloth = create_category(name="Cloth", slug="cloth")
    create_listed_product(channel=channel, slug="miniket-5kg", category=miniket)
    # when rice moves below cloth
    update_category(category=rice, parent=cloth)
    # then the product is found below cloth, and no longer below food
    assert _slugs(api_client, filter={"categories": [to_global_id("Category", cloth.pk)]}) == [
        "miniket-5kg"
    ]
    assert _slugs(api_client, filter={"categories": [to_global_id("Category", food.pk)]}) == []
    assert _slugs(api_client, filter={"categories": [to_global_id("Category", rice.pk)]}) == [
        "miniket-5kg"
    ]
