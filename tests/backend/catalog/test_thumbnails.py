import threading
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from PIL import Image

from backend.catalog.models import ProductMedia, Thumbnail
from backend.catalog.thumbnails import get_or_create_thumbnail
from tests.factories import ProductFactory

from .images import image_bytes


def _media(width=800, height=400) -> ProductMedia:
    media = ProductMedia(product=ProductFactory())
    media.image.save("photo.png", ContentFile(image_bytes(width, height)), save=False)
    media.save()
    return media


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("image_format", "pillow_format"), [("original", "PNG"), ("webp", "WEBP"), ("avif", "AVIF")]
)
def test_thumbnail_keeps_aspect_ratio_in_every_format(image_format, pillow_format):
    # given
    media = _media(800, 400)
    # when
    thumbnail = get_or_create_thumbnail(media=media, size=256, image_format=image_format)
    # then
    with thumbnail.image.open("rb") as file, Image.open(file) as image:
        image.load()
        assert image.format == pillow_format
        assert image.size == (256, 128)


@pytest.mark.django_db
def test_the_original_format_is_the_source_images_format():
    # given a JPEG product image
    buffer = BytesIO()
    Image.new("RGB", (600, 300), "green").save(buffer, format="JPEG")
    media = ProductMedia(product=ProductFactory())
    media.image.save("photo.jpg", ContentFile(buffer.getvalue()), save=False)
    media.save()
    # when its thumbnail is asked for in the original format
    thumbnail = get_or_create_thumbnail(media=media, size=256, image_format="original")
    # then it is a JPEG too, not a PNG
    assert thumbnail.image.name.endswith(".jpg")
    with thumbnail.image.open("rb") as file, Image.open(file) as image:
        assert (image.format, image.size) == ("JPEG", (256, 128))


@pytest.mark.django_db
def test_thumbnail_is_made_once_and_reused():
    media = _media()
    first = get_or_create_thumbnail(media=media, size=64, image_format="webp")
    second = get_or_create_thumbnail(media=media, size=64, image_format="webp")
    assert first.pk == second.pk
    assert Thumbnail.objects.count() == 1


@pytest.mark.django_db
def test_small_images_are_not_enlarged():
    media = _media(40, 20)
    thumbnail = get_or_create_thumbnail(media=media, size=512, image_format="original")
    with thumbnail.image.open("rb") as file, Image.open(file) as image:
        assert image.size == (40, 20)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_thumbnail_creation_makes_one_row():
    # given
    media = _media()
    barrier = threading.Barrier(2)
    results: list[int] = []
    failures: list[BaseException] = []

    def create() -> None:
        try:
            barrier.wait()
            thumbnail = get_or_create_thumbnail(media=media, size=128, image_format="avif")
            results.append(thumbnail.pk)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert failures == []
    assert Thumbnail.objects.filter(media=media).count() == 1
    assert len(set(results)) == 1
