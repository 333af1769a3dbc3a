"""Calling the API with an app token: the app acts with its own permissions, nothing more."""

from backend.apps import services as app_services
from backend.catalog.models import Product
from backend.core.permissions import PermissionEnum
from tests.factories import ProductTypeFactory

PRODUCT_CREATE = """
mutation ProductCreate($input: ProductCreateInput!) {
  productCreate(input: $input) {
    product { id name vendor { id } }
    errors { field code }
  }
}
"""

ME_AND_APP = "{ me { id } app { id name } }"


def _product_input(vendor) -> dict:
    from storefront_api.core.ids import to_global_id

    return {
        "input": {
            "name": "Nakshi kantha",
            "productType": to_global_id("ProductType", ProductTypeFactory().pk),
            "vendor": to_global_id("Vendor", vendor.pk),
        }
    }


def test_an_app_with_manage_products_creates_a_product(app_client, make_app, vendor):
    # given an app holding MANAGE_PRODUCTS, calling with its token
    created = make_app(permissions=[PermissionEnum.MANAGE_PRODUCTS])
    client = app_client(created.auth_token)
    # when
    content = client.execute_raw(PRODUCT_CREATE, _product_input(vendor))
    # then
    assert "errors" not in content, content
    assert content["data"]["productCreate"]["errors"] == []
    assert Product.objects.get().name == "Nakshi kantha"


def test_an_app_without_the_permission_is_denied(app_client, make_app, vendor):
    # given an app holding only MANAGE_ORDERS
    created = make_app(permissions=[PermissionEnum.MANAGE_ORDERS])
    # when
    content = app_client(created.auth_token).execute_raw(PRODUCT_CREATE, _product_input(vendor))
    # then
    assert content["data"]["productCreate"] is None
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]
    assert not Product.objects.exists()


def test_an_app_is_no_user_but_knows_itself(app_client, make_app):
    # given
    created = make_app(name="Courier sync")
    # when
    content = app_client(created.auth_token).execute_raw(ME_AND_APP)
    # then `me` is null (there is no user) and `app` is the calling app
    assert "errors" not in content, content
    assert content["data"]["me"] is None
    assert content["data"]["app"]["name"] == "Courier sync"


def test_an_inactive_app_token_is_refused(app_client, make_app, superuser, vendor):
    # given an app with MANAGE_PRODUCTS that was then deactivated
    created = make_app(permissions=[PermissionEnum.MANAGE_PRODUCTS])
    app_services.set_app_active(app=created.app, is_active=False)
    # when
    content = app_client(created.auth_token).execute_raw(PRODUCT_CREATE, _product_input(vendor))
    # then the token is refused as the JWT path refuses a token that does not decode
    assert content == {
        "errors": [
            {
                "message": "Error decoding signature",
                "extensions": {"exception": {"code": "DecodeError"}},
            }
        ]
    }
    assert not Product.objects.exists()


def test_a_wrong_app_token_is_refused(app_client, make_app):
    # given a token that is no app's (the right one with its last character changed)
    created = make_app(permissions=[PermissionEnum.MANAGE_PRODUCTS])
    wrong = created.auth_token[:-1] + ("A" if created.auth_token[-1] != "A" else "B")
    # when
    content = app_client(wrong).execute_raw(ME_AND_APP)
    # then
    assert content == {
        "errors": [
            {
                "message": "Error decoding signature",
                "extensions": {"exception": {"code": "DecodeError"}},
            }
        ]
    }


def test_a_deleted_app_token_stops_working(app_client, make_app, superuser):
    # given
    created = make_app()
    app_services.delete_app(app=created.app)
    # when
    content = app_client(created.auth_token).execute_raw(ME_AND_APP)
    # then
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["DecodeError"]


def test_user_jwts_still_work_beside_app_tokens(api_client, customer_user):
    # given a customer's JWT (three dot-separated parts)
    # when
    data = api_client.as_user(customer_user).execute("{ me { firstName } }")
    # then
    assert data["me"] == {"firstName": "Karim"}


def test_an_app_cannot_see_apps_without_manage_apps(app_client, make_app):
    # given an app with no permissions
    created = make_app()
    # when
    content = app_client(created.auth_token).execute_raw("{ apps(first: 5) { totalCount } }")
    # then
    assert content["data"]["apps"] is None
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]
