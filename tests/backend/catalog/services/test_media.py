import pytest
from django.core.exceptions import ValidationError

from backend.catalog.models import ProductMedia, ProductMediaType
from backend.catalog.services.media import check_video_url, create_product_media
from tests.backend.catalog.video_urls import BYPASSES
from tests.factories import ProductFactory

from .helpers import error_codes

ACCEPTED = [
    "https://www.youtube.com/watch?v=abc",
    "https://m.youtube.com/watch?v=abc",
    "https://youtu.be/abc",
    "https://vimeo.com/123",
    "https://www.facebook.com/watch/?v=1",
    "https://fb.watch/abc",
    "HTTPS://WWW.YOUTUBE.COM/watch?v=abc",
    "https://www.youtube.com:443/watch?v=abc",
]


@pytest.mark.parametrize("url", BYPASSES)
def test_video_urls_not_on_an_allowed_https_host_are_refused(url):
    with pytest.raises(ValidationError) as error:
        check_video_url(url)
    assert error_codes(error.value) == {"media_url": ["unsupported_media_provider"]}


@pytest.mark.parametrize("url", ACCEPTED)
def test_video_urls_on_allowed_hosts_are_accepted(url):
    assert check_video_url(url) == url


def test_a_too_long_video_url_is_invalid():
    with pytest.raises(ValidationError) as error:
        check_video_url("https://www.youtube.com/watch?v=" + "a" * 300)
    assert error_codes(error.value) == {"media_url": ["invalid"]}


@pytest.mark.django_db
@pytest.mark.parametrize("url", BYPASSES)
def test_a_refused_video_stores_nothing(url):
    # given
    product = ProductFactory()
    # when
    with pytest.raises(ValidationError):
        create_product_media(product=product, media_url=url)
    # then
    assert not ProductMedia.objects.exists()


@pytest.mark.django_db
def test_a_linked_video_reads_as_a_loaded_row():
    # given
    product = ProductFactory()
    # when
    media = create_product_media(product=product, media_url="https://youtu.be/abc")
    # then the returned row's values are the plain ones the database gives back
    stored = ProductMedia.objects.get()
    assert (type(media.type), media.type, media.external_url) == (
        str,
        ProductMediaType.VIDEO.value,
        "https://youtu.be/abc",
    )
    assert (stored.type, stored.external_url) == (media.type, media.external_url)


@pytest.mark.django_db
def test_an_alt_text_longer_than_its_column_stores_nothing():
    # given
    product = ProductFactory()
    # when the alt text is longer than the column holds
    with pytest.raises(ValidationError) as error:
        create_product_media(product=product, media_url="https://youtu.be/abc", alt="x" * 10_000)
    # then it is a field error and no row is stored
    assert error_codes(error.value) == {"alt": ["invalid"]}
    assert not ProductMedia.objects.exists()
