from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from backend.catalog.models import ProductMedia, Thumbnail
from tests.backend.catalog.images import image_bytes
from tests.factories import ProductFactory
from tests.storefront_api.catalog.mutations.helpers import gid


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def media(db):
    media = ProductMedia(product=ProductFactory())
    media.image.save("photo.png", ContentFile(image_bytes(600, 300)), save=False)
    media.save()
    return media


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
