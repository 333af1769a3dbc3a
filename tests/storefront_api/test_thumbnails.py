import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from backend.accounts.jwt import create_access_token
from backend.catalog.media import CheckedImage, product_image_name
from backend.catalog.models import ProductMedia, Thumbnail
from backend.marketplace.models import VendorStatus
from tests.backend.catalog.images import image_bytes
from tests.factories import ProductFactory, UserFactory, VendorFactory, create_listed_product
from tests.storefront_api.catalog.mutations.helpers import gid


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


def _media_of(product) -> ProductMedia:
    media = ProductMedia(product=product)
    media.image.save("photo.png", ContentFile(image_bytes(600, 300)), save=False)
    media.save()
    return media


@pytest.fixture
def media(db):
    """An image of an approved vendor's published product: anyone may see it."""
    return _media_of(create_listed_product())


def _fetch(url: str) -> Image.Image:
    """The image the redirect points at, read back from the storage and decoded."""
    thumbnail = next(t for t in Thumbnail.objects.all() if t.image.url == url)
    with thumbnail.image.open("rb") as file:
        image = Image.open(BytesIO(file.read()))
    image.load()
    return image


@pytest.mark.parametrize(
    ("image_format", "pillow_format"), [("webp", "WEBP"), ("avif", "AVIF"), ("original", "PNG")]
)
def test_thumbnail_is_made_once_then_reused(media, image_format, pillow_format):
    # when
    client = Client()
    url = f"/thumbnail/{gid('ProductMedia', media.pk)}/100/{image_format}/"
    first = client.get(url)
    second = client.get(url)
    # then
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Thumbnail.objects.filter(media=media).count() == 1
    thumbnail = Thumbnail.objects.get()
    assert thumbnail.size == 128
    image = _fetch(first["Location"])
    assert image.format == pillow_format
    assert image.size == (128, 64)


def test_size_without_format_is_the_original_format(media):
    response = Client().get(f"/thumbnail/{gid('ProductMedia', media.pk)}/64/")
    assert response.status_code == 302
    assert _fetch(response["Location"]).format == "PNG"


def test_unknown_format_is_400(media):
    response = Client().get(f"/thumbnail/{gid('ProductMedia', media.pk)}/64/gif/")
    assert response.status_code == 400
    assert not Thumbnail.objects.exists()


@pytest.mark.parametrize("instance_id", [gid("ProductMedia", 999999), gid("Product", 1), "garbage"])
def test_unknown_media_is_404(db, instance_id):
    response = Client().get(f"/thumbnail/{instance_id}/64/webp/")
    assert response.status_code == 404


# --- who may see a thumbnail ---------------------------------------------------------------


def _thumbnail_status(media, headers: dict[str, str] | None = None) -> int:
    url = f"/thumbnail/{gid('ProductMedia', media.pk)}/100/webp/"
    return Client().get(url, **(headers or {})).status_code


def _bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_access_token(user)}"}


@pytest.fixture
def pending_vendor_media(entrepreneur):
    """An image of a published product whose vendor is still pending review."""
    vendor = VendorFactory(owner=entrepreneur, status=VendorStatus.PENDING)
    return _media_of(create_listed_product(vendor=vendor))


@pytest.fixture
def unpublished_media(entrepreneur):
    """An image of an approved vendor's product published in no channel."""
    return _media_of(ProductFactory(vendor=VendorFactory(owner=entrepreneur)))


@pytest.mark.parametrize("hidden", ["pending_vendor_media", "unpublished_media"])
def test_anonymous_and_customers_get_404_for_a_hidden_products_image(
    request, customer_user, hidden
):
    # given an image of a product shoppers may not see
    media = request.getfixturevalue(hidden)
    # when anyone but its owner or staff asks, by its sequential id: the same 404 as an unknown id
    assert _thumbnail_status(media) == 404
    assert _thumbnail_status(media, _bearer(customer_user)) == 404
    assert _thumbnail_status(media, {"HTTP_AUTHORIZATION": "Bearer not-a-token"}) == 404
    # then nothing was made
    assert not Thumbnail.objects.exists()


@pytest.mark.parametrize("hidden", ["pending_vendor_media", "unpublished_media"])
def test_another_vendors_owner_gets_404(request, hidden):
    media = request.getfixturevalue(hidden)
    other_owner = UserFactory()
    VendorFactory(owner=other_owner)
    assert _thumbnail_status(media, _bearer(other_owner)) == 404


@pytest.mark.parametrize("hidden", ["pending_vendor_media", "unpublished_media"])
def test_the_owner_and_product_staff_get_a_hidden_products_image(
    request, entrepreneur, product_manager, staff_user, hidden
):
    # given
    media = request.getfixturevalue(hidden)
    # then the vendor's owner and staff with MANAGE_PRODUCTS get it; staff without it do not
    assert _thumbnail_status(media, _bearer(entrepreneur)) == 302
    assert _thumbnail_status(media, _bearer(product_manager)) == 302
    assert _thumbnail_status(media, _bearer(staff_user)) == 404
    # and staff signed in to the admin (a session, no token) too
    client = Client()
    client.force_login(product_manager)
    url = f"/thumbnail/{gid('ProductMedia', media.pk)}/100/webp/"
    assert client.get(url).status_code == 302


def test_an_approved_published_products_image_is_served_to_anyone(media, customer_user):
    assert _thumbnail_status(media) == 302
    assert _thumbnail_status(media, _bearer(customer_user)) == 302


def test_stored_names_are_random(media):
    # given a second image uploaded under the same name, through the upload service's naming
    other = _media_of(media.product)
    # when thumbnails are made
    first = Client().get(f"/thumbnail/{gid('ProductMedia', media.pk)}/100/webp/")["Location"]
    second = Client().get(f"/thumbnail/{gid('ProductMedia', other.pk)}/100/webp/")["Location"]
    # then neither the thumbnail's name nor its source's carries an id or the upload's name
    names = [t.image.name for t in Thumbnail.objects.order_by("pk")]
    assert [name.split("/")[0] for name in names] == ["thumbnails", "thumbnails"]
    for name in names:
        assert re.fullmatch(r"thumbnails/[0-9a-f]{32}-128\.webp", name), name
    assert names[0] != names[1]
    assert first.endswith(names[0]) and second.endswith(names[1])


def test_uploaded_images_get_random_names():
    checked = CheckedImage(format="PNG", width=10, height=10)
    names = {product_image_name(checked) for _ in range(3)}
    assert len(names) == 3
    assert all(re.fullmatch(r"[0-9a-f]{32}\.png", name) for name in names), names
