import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.catalog.models import ProductMedia
from tests.backend.catalog.images import image_upload, text_upload_named_png, truncated_png_upload
from tests.backend.catalog.video_urls import BYPASSES
from tests.factories import ProductFactory

from .helpers import ALLOWED_ROLES, DENIED_ROLES, assert_permission_denied, client_for, gid

MUTATION = """
mutation Media($input: ProductMediaCreateInput!) {
  productMediaCreate(input: $input) {
    product { id }
    media { id alt type url }
    errors { field code }
  }
}
"""


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor)


def _upload(client, product, upload, alt="Red saree"):
    variables = {"input": {"product": gid("Product", product.pk), "image": None, "alt": alt}}
    return client.multipart(MUTATION, variables, {"variables.input.image": upload})


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_allowed_roles_upload_an_image(request, api_client, role, product, media_root):
    client = client_for(request, api_client, role)
    content = _upload(client, product, image_upload("saree.png"))
    payload = content["data"]["productMediaCreate"]
    assert payload["errors"] == []
    assert (payload["media"]["alt"], payload["media"]["type"]) == ("Red saree", "IMAGE")
    media = ProductMedia.objects.get()
    assert media.image.name.startswith("products/") and media.image.name.endswith(".png")
    assert (media_root / media.image.name).exists()


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_denied_roles_upload_nothing(request, api_client, role, product, media_root):
    client = client_for(request, api_client, role)
    assert_permission_denied(_upload(client, product, image_upload()))
    assert not ProductMedia.objects.exists()
    assert not (media_root / "products").exists()


@pytest.mark.parametrize(
    ("make_upload", "code"),
    [
        (text_upload_named_png, "INVALID_FILE_TYPE"),
        (truncated_png_upload, "INVALID_FILE_TYPE"),
        (lambda: SimpleUploadedFile("a.txt", b"hello", "text/plain"), "UNSUPPORTED_MIME_TYPE"),
        (lambda: image_upload(width=300, height=300), "FILE_SIZE_LIMIT_EXCEEDED"),
        (lambda: image_upload(width=120, height=100), "INVALID"),
    ],
)
def test_bad_uploads_are_refused_and_store_nothing(
    api_client, entrepreneur, product, media_root, settings, make_upload, code
):
    # given: limits small enough for the test's files
    settings.MAX_IMAGE_UPLOAD_SIZE = 100 if code == "FILE_SIZE_LIMIT_EXCEEDED" else 10**7
    settings.MAX_IMAGE_PIXELS = 100 * 100 if code == "INVALID" else 10**7
    # when
    content = _upload(api_client.as_user(entrepreneur), product, make_upload())
    # then
    errors = content["data"]["productMediaCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("image", code)]
    assert not ProductMedia.objects.exists()
    assert not (media_root / "products").exists()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ("input", "REQUIRED")),
        ({"mediaUrl": "https://example.com/cat.mp4"}, ("mediaUrl", "UNSUPPORTED_MEDIA_PROVIDER")),
        (
            {"product": gid("Product", 999999), "mediaUrl": "https://youtu.be/x"},
            ("product", "NOT_FOUND"),
        ),
    ],
)
def test_input_errors(api_client, entrepreneur, product, fields, expected):
    variables = {"input": {"product": gid("Product", product.pk), **fields}}
    data = api_client.as_user(entrepreneur).execute(MUTATION, variables)
    errors = data["productMediaCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert not ProductMedia.objects.exists()


def test_image_and_url_together_is_duplicated_input(api_client, entrepreneur, product):
    variables = {
        "input": {
            "product": gid("Product", product.pk),
            "image": None,
            "mediaUrl": "https://youtu.be/x",
        }
    }
    content = api_client.as_user(entrepreneur).multipart(
        MUTATION, variables, {"variables.input.image": image_upload()}
    )
    errors = content["data"]["productMediaCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("input", "DUPLICATED_INPUT_ITEM")]


def test_video_url_is_linked(api_client, entrepreneur, product):
    variables = {
        "input": {
            "product": gid("Product", product.pk),
            "mediaUrl": "https://www.youtube.com/watch?v=abc",
        }
    }
    data = api_client.as_user(entrepreneur).execute(MUTATION, variables)
    payload = data["productMediaCreate"]
    assert payload["errors"] == []
    assert (payload["media"]["type"], payload["media"]["url"]) == (
        "VIDEO",
        "https://www.youtube.com/watch?v=abc",
    )
    media = ProductMedia.objects.get()
    assert (media.type, media.external_url) == ("VIDEO", "https://www.youtube.com/watch?v=abc")


@pytest.mark.parametrize("url", BYPASSES)
def test_video_urls_off_the_allowed_hosts_are_refused_and_store_nothing(
    api_client, entrepreneur, product, media_root, url
):
    # given
    variables = {"input": {"product": gid("Product", product.pk), "mediaUrl": url}}
    # when
    data = api_client.as_user(entrepreneur).execute(MUTATION, variables)
    # then
    payload = data["productMediaCreate"]
    assert payload["media"] is None
    # (a NUL byte is refused at the API's boundary, before the provider check)
    expected_code = "INVALID" if "\x00" in url else "UNSUPPORTED_MEDIA_PROVIDER"
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("mediaUrl", expected_code)]
    assert not ProductMedia.objects.exists()
    assert not (media_root / "products").exists()


def test_a_too_long_video_url_is_invalid_and_stores_nothing(api_client, entrepreneur, product):
    url = "https://www.youtube.com/watch?v=" + "a" * 300
    variables = {"input": {"product": gid("Product", product.pk), "mediaUrl": url}}
    data = api_client.as_user(entrepreneur).execute(MUTATION, variables)
    errors = data["productMediaCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("mediaUrl", "INVALID")]
    assert not ProductMedia.objects.exists()
